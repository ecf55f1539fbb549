"""`python -m cspplan`: the same as the `cspplan` command."""

import sys

from cspplan.cli import main

sys.exit(main())
