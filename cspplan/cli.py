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


def _date_option(value: Optional[str], name: str):
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD", param_hint=name) from None


def _tokens(values: Optional[List[str]]) -> tuple[str, ...]:
    """Comma-separated rule names; an empty one is kept, so that it is reported."""
    return tuple(t.strip() for v in values or () for t in v.split(","))


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., metavar="PATH...", show_default=False,
                                       help="Plan files, or directories to search for *.yaml and *.yml."),
    output_format: Optional[OutputFormat] = typer.Option(  # type: ignore[valid-type]
        None, "--format", "-f", show_default=False,
        help="Output format (default: text, or github when GITHUB_ACTIONS is set)."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on",
                                   help="Exit with status 1 for findings of this severity or worse."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="Judge the plan by the law in force on this date "
                                             "(default: its approval date, else its committee meeting date)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                                        help="The date reviews and waivers are judged against (default: today)."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="RULES",
                                               help="Run only these rules (ids, names or groups; comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULES",
                                               help="Do not run these rules (ids, names or groups; comma-separated)."),
    preview: bool = typer.Option(False, "--preview", help="Also run rules for law not yet in force."),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color",
                                      help="Colour text output: auto (a terminal, unless NO_COLOR is set), always or never."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Processes to use for many files (default: one per CPU)."),
) -> None:
    """Check plan files: YAML syntax, the plan format, and the law.

    Every finding is printed as FILE:LINE:COLUMN: SEVERITY RULE MESSAGE, with the law
    and a hint for the fix below it. Exit status: 0 clean, 1 findings at or above
    --fail-on, 2 an input or the command line could not be used.
    """
    from cspplan.engine import Options as CheckOptions
    from cspplan.engine import validate as run_validation
    from cspplan.reporters import Options

    check = CheckOptions(as_of=_date_option(as_of, "--as-of"), today=_date_option(today, "--today"),
                         select=_tokens(select), ignore=_tokens(ignore), preview=preview)
    report = run_validation(paths, jobs=jobs, options=check)
    for path, message in report.input_errors:
        _error(f"{path}: {message}")
    if output_format is None:
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    else:
        name = output_format.value
    reporter = REPORTERS[name]
    options = Options(color=use_color(color, sys.stdout), fail_on=Severity.parse(fail_on.value))
    reporter(report, sys.stdout, options)
    if report.input_errors:
        raise typer.Exit(EXIT_UNUSABLE)
    worst = report.worst()
    raise typer.Exit(EXIT_FINDINGS if worst is not None and worst >= options.fail_on else EXIT_OK)


class RulesFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command("rules")
def list_rules(
    show_all: bool = typer.Option(False, "--all", help="Include pending rules (law not yet in force)."),
    output_format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """List the rules: id, severity, the law they come from and when it is in force."""
    import json

    from cspplan import ruledocs
    from cspplan.rules import RULES

    chosen = [r for r in RULES.values() if show_all or not r.pending]
    if output_format is RulesFormat.json:
        sys.stdout.write(json.dumps({"format_version": 1, "rules": [r.to_dict() for r in chosen]},
                                    indent=2, ensure_ascii=False) + "\n")
    elif output_format is RulesFormat.markdown:
        sys.stdout.write(ruledocs.rules_markdown())
    else:
        width = max(len(r.id) for r in chosen)
        for r in chosen:
            law = str(r.citation) if r.citation else "no statute: " + ", ".join(r.groups)
            flags = " [pending]" if r.pending else (" [unverified]" if not r.verified else "")
            sys.stdout.write(f"{r.id:<{width}}  {r.max_severity.label:<7}  {r.summary}{flags}\n"
                             f"{'':<{width}}  {'':<7}  {law}\n")
        pending = sum(1 for r in RULES.values() if r.pending)
        note = f"; {pending} pending rules not shown (--all)" if pending and not show_all else ""
        sys.stdout.write(f"{len(chosen)} rules{note}. 'cspplan explain ID' tells more.\n")


@app.command("explain")
def explain(rule_id: str = typer.Argument(..., metavar="ID", help="A rule id or name, e.g. CDA-S5-RA-POLICE.")) -> None:
    """Explain a rule: what it checks, why, the law it comes from, and examples."""
    import difflib

    from cspplan import ruledocs
    from cspplan.rules import RULES

    from cspplan.reporters import PSEUDO_RULES

    if rule_id.upper() in PSEUDO_RULES:
        name, summary = PSEUDO_RULES[rule_id.upper()]
        sys.stdout.write(f"{rule_id.upper()} ({name}): {summary}\n\nFindings with this id come before the rules: "
                         "a file with them is not checked against the law until they are fixed. "
                         "See docs/plan-format.md.\n")
        return
    rule = RULES.get(rule_id.upper()) or next((r for r in RULES.values() if r.name == rule_id.lower()), None)
    if rule is None:
        close = difflib.get_close_matches(rule_id.upper(), list(RULES), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]}?" if close else "; 'cspplan rules' lists them"
        raise CspplanError(f"no rule called '{rule_id}'{hint}")
    sys.stdout.write(ruledocs.explain_text(rule))


class Part(str, enum.Enum):
    all = "all"
    report = "report"
    plan = "plan"
    overview = "overview"


@app.command()
def render(
    plan: Path = typer.Argument(..., metavar="PLAN", show_default=False, help="The plan file."),
    output: Path = typer.Option(..., "--output", "-o", metavar="OUT.docx", show_default=False,
                                help="The Word file to write (replaced only once the new one is complete)."),
    part: Part = typer.Option(Part.all, "--part",
                              help="all: cover report, Appendix A (the plan) and Appendix B (crime overview); "
                                   "or one of them."),
    template: Optional[Path] = typer.Option(None, "--template", metavar="COUNCIL.docx",
                                            help="Use this Word file's styles, page setup, headers and footers."),
    strict: bool = typer.Option(False, "--strict", help="Refuse to render a plan with errors against the law."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="YYYY-MM-DD",
                                        help="Judge the plan by the law in force on this date."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                                        help="The date reviews and waivers are judged against (default: today)."),
    changes_since: Optional[str] = typer.Option(None, "--changes-since", metavar="OLD",
                                                help="Summarise the changes since this earlier version (a file or "
                                                     "REV:path) in the report, and mark new and changed priorities."),
) -> None:
    """Write the committee paper for a plan as a Word document.

    A plan that does not follow the plan format is not rendered (exit status 2). A plan
    with errors against the law is rendered with a notice listing them, or refused with
    --strict (exit status 1). The same plan and template always give the same bytes.
    """
    from cspplan.render.api import RenderRefused
    from cspplan.render.api import render as run_render

    try:
        result = run_render(plan, output, part=part.value, template=template, strict=strict,
                            today=_date_option(today, "--today"), as_of=_date_option(as_of, "--as-of"),
                            changes_since=changes_since)
    except RenderRefused as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_FINDINGS) from None
    for warning in result.warnings:
        _error(f"warning: {warning}")
    if result.draft:
        errors = sum(1 for f in result.findings if f.severity == Severity.ERROR and f.counts)
        _error(f"{plan}: {errors} error{'s' if errors != 1 else ''} against the law; the paper carries a notice "
               "listing them ('cspplan validate' for details)")
    _error(f"wrote {output}")


class DiffFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    docx = "docx"


@app.command("diff")
def diff_command(
    old: str = typer.Argument(..., metavar="OLD", show_default=False,
                              help="The earlier plan: a file, or REV:path for a file at a git revision."),
    new: Optional[str] = typer.Argument(None, metavar="NEW", show_default=False,
                                        help="The later plan (with --rev, leave out: OLD is compared with "
                                             "itself at that revision)."),
    rev: Optional[str] = typer.Option(None, "--rev", metavar="REV",
                                      help="Compare the file OLD as it was at this git revision with it now."),
    output_format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                                        help="The date reviews and waivers are judged against (default: today)."),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color", help="Colour text output."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="OUT.docx",
                                          help="With --format docx: the Word file to write."),
    template: Optional[Path] = typer.Option(None, "--template", metavar="COUNCIL.docx",
                                            help="With --format docx: use this Word file's styles."),
) -> None:
    """Show what changed between two versions of a plan, matched by their ids.

    --format docx writes the new version's plan (Appendix A) with Word tracked changes
    against the old one. Exit status: 0 no changes, 1 changes, 2 a plan could not be read
    or is not valid.
    """
    from cspplan import sources
    from cspplan.diffreport import DIFF_REPORTERS
    from cspplan.engine import Options as CheckOptions
    from cspplan.engine import load_checked

    if rev is not None and new is not None:
        raise typer.BadParameter("give either NEW or --rev, not both", param_hint="--rev")
    if rev is None and new is None:
        raise typer.BadParameter("give the later plan NEW, or --rev REV", param_hint="NEW")
    if (output_format is DiffFormat.docx) != (output is not None):
        raise typer.BadParameter("--format docx and --output go together", param_hint="--output")
    if rev is not None:
        old_source, new_source = sources.read(old, rev), sources.read(old)
    else:
        old_source, new_source = sources.read(old), sources.read(new)
    options = CheckOptions(today=_date_option(today, "--today"))
    loaded, results = [], []
    for name, data in (old_source, new_source):
        plan, result = load_checked(name, data, options, "both plans must follow the plan format to be compared")
        loaded.append(plan)
        results.append(result.findings)
    from cspplan.diff import diff as run_diff

    result = run_diff(loaded[0], loaded[1], compliance=(results[0], results[1]))
    if output_format is DiffFormat.docx:
        from cspplan.render.api import render_redline

        for warning in render_redline(loaded[0], loaded[1], output, template=template):
            _error(f"warning: {warning}")
        _error(f"wrote {output}")
    else:
        DIFF_REPORTERS[output_format.value](result, sys.stdout, use_color(color, sys.stdout))
    raise typer.Exit(EXIT_FINDINGS if result.changes else EXIT_OK)


class ReviewFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command("review")
def review_command(
    plan: Path = typer.Argument(..., metavar="PLAN", show_default=False, help="The plan file."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                                        help="The date to review against (default: today)."),
    output_format: ReviewFormat = typer.Option(ReviewFormat.text, "--format", "-f", help="Output format."),
    fail_on_overdue: bool = typer.Option(False, "--fail-on-overdue",
                                         help="Exit with status 1 when the review is overdue."),
) -> None:
    """The six-monthly review on one screen: is the review on time, and what is late or off target."""
    import datetime as dt

    from cspplan import review as reviewing
    from cspplan import sources
    from cspplan.engine import Options as CheckOptions
    from cspplan.engine import load_checked
    from cspplan.model import build

    day = _date_option(today, "--today") or dt.date.today()
    name, data = sources.read(str(plan))
    loaded, _ = load_checked(name, data, CheckOptions(today=day), "the plan must follow the plan format")
    result = reviewing.review(build(loaded.data), name, day, lambda p: loaded.locate(p).line)
    (reviewing.json_report if output_format is ReviewFormat.json else reviewing.text)(result, sys.stdout)
    raise typer.Exit(EXIT_FINDINGS if fail_on_overdue and result.overdue else EXIT_OK)


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
