"""The ``cspplan`` command's entry point (``python -m cspplan`` too).

Importing the command line makes some 12,000 objects that the cyclic garbage collector
tracks (typer and the command definitions), and none of them is ever garbage; the
collector would scan them several times while they load, about a tenth of the start-up
time. It is paused while they load, and what they made is then set aside (``gc.freeze``)
so that later collections do not scan it again. Collection is on for the command itself.
"""

from __future__ import annotations

import gc
from typing import NoReturn


def run() -> NoReturn:
    """Load the command line with the collector paused, then run :func:`cspplan.cli.run`."""
    gc.disable()
    try:
        from cspplan.cli import run as run_command
    finally:
        gc.freeze()
        gc.enable()
    run_command()
