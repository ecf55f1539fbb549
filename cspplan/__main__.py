"""`python -m cspplan`: the same as the `cspplan` command."""

from cspplan.cli import run

run()
