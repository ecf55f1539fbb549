"""The ``cspplan`` command line: a thin layer over the library.

This is the only module that reads ``sys.argv`` or the environment, prints, or decides
the exit status:

* 0 - no findings at or above the failing severity (``--fail-on``, default error);
* 1 - findings at or above it;
* 2 - the command line or an input could not be used (a missing file, a bad option),
  or cspplan itself failed. The message is one line on stderr.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from cspplan import __version__
from cspplan.errors import CspplanError
from cspplan.findings import Severity
from cspplan.reporters import REPORTERS

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

app = typer.Typer(
    name="cspplan",
    help="Keep a Community Safety Partnership plan as YAML: check it against the law, "
         "see what changed, and produce the committee papers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

OutputFormat = enum.Enum("OutputFormat", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


class ColorChoice(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"


def use_color(choice: ColorChoice, stream, environ=os.environ) -> bool:
    """Decide on colour: --color always/never, then NO_COLOR, then FORCE_COLOR, then a TTY."""
    if choice is ColorChoice.always:
        return True
    if choice is ColorChoice.never:
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and environ.get("TERM") != "dumb"


def _version(value: bool) -> None:
    if value:
        print(f"cspplan {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Keep a Community Safety Partnership plan as YAML."""


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., metavar="PATH...", show_default=False,
                                       help="Plan files, or directories to search for *.yaml and *.yml."),
    output_format: OutputFormat = typer.Option("text", "--format", "-f",  # type: ignore[valid-type]
                                               help="Output format."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on",
                                   help="Exit with status 1 for findings of this severity or worse."),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color",
                                      help="Colour text output: auto (a terminal, unless NO_COLOR is set), always or never."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Processes to use for many files (default: one per CPU)."),
) -> None:
    """Check plan files: YAML syntax, the plan format, and (soon) the law.

    Every finding is printed as FILE:LINE:COLUMN: SEVERITY RULE MESSAGE, with a hint
    for the fix below it. Exit status: 0 clean, 1 findings at or above --fail-on,
    2 an input or the command line could not be used.
    """
    from cspplan.engine import validate as run_validation
    from cspplan.reporters import Options

    report = run_validation(paths, jobs=jobs)
    for path, message in report.input_errors:
        _error(f"{path}: {message}")
    reporter = REPORTERS[output_format.value]
    options = Options(color=use_color(color, sys.stdout), fail_on=Severity.parse(fail_on.value))
    reporter(report, sys.stdout, options)
    if report.input_errors:
        raise typer.Exit(EXIT_UNUSABLE)
    worst = report.worst()
    raise typer.Exit(EXIT_FINDINGS if worst is not None and worst >= options.fail_on else EXIT_OK)


@app.command("schema")
def print_schema() -> None:
    """Print the plan format's JSON Schema, for editors and other tools."""
    from cspplan.schema import schema_path

    sys.stdout.write(schema_path().read_text(encoding="utf-8"))


def _error(message: str) -> None:
    sys.stderr.write(f"cspplan: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the exit status; never raises."""
    # Plan text and file names may hold characters the terminal cannot show.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - detached streams
                pass
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="cspplan", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # click's usage errors, as vendored by typer
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `cspplan`: show the help
            sys.stdout.write(message + "\n")
            return EXIT_OK
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        _error(f"{message.rstrip('.')}{hint}")
        return EXIT_UNUSABLE
    except (typer.Abort, KeyboardInterrupt):
        _error("interrupted")
        return 130
    except CspplanError as exc:
        _error(str(exc))
        return EXIT_UNUSABLE
    except BrokenPipeError:
        # The reader went away (for example `cspplan validate ... | head`).
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:  # pragma: no cover
            pass
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001 - a crash must not look like findings
        if os.environ.get("CSPPLAN_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} "
               "(please report this; set CSPPLAN_DEBUG=1 to see the traceback)")
        return EXIT_UNUSABLE
    return result if isinstance(result, int) else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
