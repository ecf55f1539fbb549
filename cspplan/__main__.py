"""`python -m cspplan`: the same as the `cspplan` command."""

from cspplan.command import run

run()
