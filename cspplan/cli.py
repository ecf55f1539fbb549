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
from typing import TYPE_CHECKING, List, NoReturn, Optional

import typer

from cspplan import __version__
from cspplan import output as protocol
from cspplan.errors import CspplanError
from cspplan.findings import Severity

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

def _formats(command: str, extra: tuple[str, ...] = ()) -> type[enum.Enum]:
    """The --format choices of a command, from the output protocol's registry."""
    names = (*protocol.formats(command), *extra)
    return enum.Enum(f"{command.title().replace('-', '')}Format",  # type: ignore[return-value]
                     {name: name for name in names}, type=str)


if TYPE_CHECKING:
    # typer reads each command's --format choices from these enums, which are made at run
    # time from the output registry; mypy cannot follow that, so to it they are any Enum.
    FindingsFormat = enum.Enum
    DiffFormat = enum.Enum
    ReviewFormat = enum.Enum
    OverviewFormat = enum.Enum
else:
    FindingsFormat = _formats("validate")
    DiffFormat = _formats("diff", extra=("docx",))  # docx writes a file, not a report
    ReviewFormat = _formats("review")
    OverviewFormat = _formats("overview")


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
    output_format: Optional[FindingsFormat] = typer.Option(
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
                                      help="Colour text output: auto (a terminal, unless NO_COLOR is set), "
                                           "always or never."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Processes to use for many files (default: one per CPU)."),
) -> None:
    """Check plan files: YAML syntax, the plan format, and the law.

    Every finding is printed as FILE:LINE:COLUMN: SEVERITY RULE MESSAGE, with the law
    and a hint for the fix below it. Exit status: 0 clean, 1 findings at or above
    --fail-on, 2 an input or the command line could not be used.
    """
    from cspplan import api

    check = api.Options(as_of=_date_option(as_of, "--as-of"), today=_date_option(today, "--today"),
                        select=_tokens(select), ignore=_tokens(ignore), preview=preview)
    report = api.validate(paths, jobs=jobs, options=check)
    _finish_findings(report, output_format, fail_on, color)


def _finish_findings(report, output_format, fail_on: FailOn, color: ColorChoice) -> None:
    """Print a report of findings (validate, check-docx) and exit with its status."""
    for path, message in report.input_errors:
        _error(f"{protocol.safe_name(path)}: {message}")
    name = output_format.value if output_format is not None else protocol.default_format(report.command, os.environ)
    options = protocol.Options(color=use_color(color, sys.stdout), fail_on=Severity.parse(fail_on.value))
    protocol.write(report.command, name, report, sys.stdout, options)
    if report.input_errors:
        raise typer.Exit(EXIT_UNUSABLE)
    worst = report.worst()
    raise typer.Exit(EXIT_FINDINGS if worst is not None and worst >= options.fail_on else EXIT_OK)


@app.command("check-docx")
def check_docx(
    paths: List[Path] = typer.Argument(..., metavar="FILE...", show_default=False,
                                       help="Word files, or directories to search for *.docx."),
    output_format: Optional[FindingsFormat] = typer.Option(
        None, "--format", "-f", show_default=False,
        help="Output format (default: text, or github when GITHUB_ACTIONS is set)."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on",
                                   help="Exit with status 1 for findings of this severity or worse."),
    color: ColorChoice = typer.Option(ColorChoice.auto, "--color",
                                      help="Colour text output: auto (a terminal, unless NO_COLOR is set), "
                                           "always or never."),
) -> None:
    """Check any Word file for what the accessibility regulations need of a published document.

    The title, the language, headings, tables, alternative text, links, contrast, text
    size, page numbers and more: the checks 'cspplan render' runs on every paper, for
    any .docx a council has. Exit status: 0 clean, 1 findings at or above --fail-on,
    2 a file could not be read.
    """
    from cspplan import api

    _finish_findings(api.check_docx_files(paths), output_format, fail_on, color)


class RulesFormat(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class Family(str, enum.Enum):
    all = "all"
    file = "file"
    rule = "rule"
    docx = "docx"
    crime = "crime"


@app.command("rules")
def list_rules(
    show_all: bool = typer.Option(False, "--all", help="Include pending rules (law not yet in force)."),
    family: Family = typer.Option(Family.all, "--family",
                                  help="Only codes of one family: file (YAML, SCHEMA), rule (the law and "
                                       "quality), docx (Word accessibility) or crime (crime-data aggregates)."),
    output_format: RulesFormat = typer.Option(RulesFormat.text, "--format", "-f", help="Output format."),
) -> None:
    """List every code a finding can carry: id, severity, and the law or standard behind it."""
    from cspplan import codes, ruledocs

    if output_format is RulesFormat.markdown:
        sys.stdout.write(ruledocs.rules_markdown())
        return
    chosen = [c for c in codes.all_codes(pending=show_all) if family is Family.all or c.family == family.value]
    if output_format is RulesFormat.json:
        protocol.write_json(protocol.envelope("rules", codes=[c.to_dict() for c in chosen]), sys.stdout)
        return
    sys.stdout.write(ruledocs.listing(chosen))
    hidden = sum(1 for c in codes.all_codes() if c.pending) if not show_all else 0
    note = f"; {hidden} pending rules not shown (--all)" if hidden and family in (Family.all, Family.rule) else ""
    sys.stdout.write(f"{len(chosen)} codes{note}. 'cspplan explain ID' tells more.\n")


@app.command("explain")
def explain(code_id: str = typer.Argument(..., metavar="ID",
                                          help="A code or rule name, e.g. CDA-S5-RA-POLICE, DOCX-TITLE "
                                               "or SCHEMA.")) -> None:
    """Explain a code: what it checks, why, the law or standard behind it, and examples."""
    from cspplan import codes, ruledocs

    code = codes.get(code_id)
    if code is None:
        close = codes.suggest(code_id)
        hint = f"; did you mean {close}?" if close else "; 'cspplan rules' lists them"
        raise CspplanError(f"no code or rule called '{code_id}'{hint}")
    sys.stdout.write(ruledocs.explain_text(code))


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
    say_checked: bool = typer.Option(False, "--say-checked",
                                     help="Say in the compliance table that cspplan checked the plan."),
) -> None:
    """Write the committee paper for a plan as a Word document.

    A plan that does not follow the plan format is not rendered (exit status 2). A plan
    with errors against the law is rendered with a notice listing them, or refused with
    --strict (exit status 1). The same plan and template always give the same bytes.
    """
    from cspplan import api
    from cspplan.render.api import RenderRefused

    try:
        result = api.render_file(plan, output, part=part.value, template=template, strict=strict,
                            today=_date_option(today, "--today"), as_of=_date_option(as_of, "--as-of"),
                            changes_since=changes_since, say_checked=say_checked)
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


@app.command("diff")
def diff_command(
    old: str = typer.Argument(..., metavar="OLD", show_default=False,
                              help="The earlier plan: a file, or REV:path for a file at a git revision."),
    new: Optional[str] = typer.Argument(None, metavar="NEW", show_default=False,
                                        help="The later plan (with --rev, leave out: OLD is compared with "
                                             "itself at that revision)."),
    rev: Optional[str] = typer.Option(None, "--rev", metavar="REV",
                                      help="Compare the file OLD as it was at this git revision with it now."),
    output_format: DiffFormat = typer.Option("text", "--format", "-f",
                                             help="Output format (docx: Word tracked changes, with --output)."),
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
    from cspplan import api

    if rev is not None and new is not None:
        raise typer.BadParameter("give either NEW or --rev, not both", param_hint="--rev")
    if rev is None and new is None:
        raise typer.BadParameter("give the later plan NEW, or --rev REV", param_hint="NEW")
    if (output_format.value == "docx") != (output is not None):
        raise typer.BadParameter("--format docx and --output go together", param_hint="--output")
    if output is not None:
        result, warnings = api.redline_file(old, new, output, rev=rev, template=template,
                                            today=_date_option(today, "--today"))
        for warning in warnings:
            _error(f"warning: {warning}")
        _error(f"wrote {output}")
    else:
        result = api.diff_files(old, new, rev=rev, today=_date_option(today, "--today"))
        protocol.write("diff", output_format.value, result, sys.stdout,
                       protocol.Options(color=use_color(color, sys.stdout)))
    raise typer.Exit(EXIT_FINDINGS if result.changes else EXIT_OK)


@app.command("review")
def review_command(
    plan: Path = typer.Argument(..., metavar="PLAN", show_default=False, help="The plan file."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                                        help="The date to review against (default: today)."),
    output_format: ReviewFormat = typer.Option("text", "--format", "-f", help="Output format."),
    fail_on_overdue: bool = typer.Option(False, "--fail-on-overdue",
                                         help="Exit with status 1 when the review is overdue."),
) -> None:
    """The six-monthly review on one screen: is the review on time, and what is late or off target."""
    from cspplan import api

    result = api.review_file(plan, _date_option(today, "--today"))
    protocol.write("review", output_format.value, result, sys.stdout)
    raise typer.Exit(EXIT_FINDINGS if fail_on_overdue and result.overdue else EXIT_OK)


def _progress():
    """A progress line on stderr (files and rows read), only for a person at a terminal."""
    isatty = getattr(sys.stderr, "isatty", None)
    if not (isatty and isatty()) or os.environ.get("CI"):
        return None

    def show(done: int, total: int, rows: int, name: str) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rcspplan: read {done} of {total} files, {rows:,} rows{end}")
        sys.stderr.flush()
    return show


def _area(area: Optional[List[str]], lsoa: Optional[List[str]]):
    from cspplan.crimedata import Area

    return Area(names=tuple(area or ()), codes=_tokens(lsoa))


@app.command("aggregate")
def aggregate_command(
    paths: List[Path] = typer.Argument(..., metavar="PATH...", show_default=False,
                                       help="police.uk *-street.csv files, folders of them, or downloaded .zip "
                                            "archives."),
    area: Optional[List[str]] = typer.Option(None, "--area", metavar="NAME",
                                             help="Local authority district, as in police.uk's LSOA names "
                                                  "(any case); repeat for more."),
    lsoa: Optional[List[str]] = typer.Option(None, "--lsoa", metavar="CODE",
                                             help="ONS LSOA codes to include (comma-separated or repeated)."),
    output: Path = typer.Option(..., "--output", "-o", metavar="FILE.csv", show_default=False,
                                help="The aggregate CSV to write (replaced only once the new one is complete)."),
) -> None:
    """Count police.uk crime for an area into a small CSV to keep beside the plan.

    One row per month, LSOA and crime type. Crimes seen twice (overlapping downloads)
    are counted once; crimes with no location are kept as 'not located'. The summary
    goes to stderr. Exit status: 0 written, 2 an input could not be used.
    """
    from cspplan import api

    stats = api.aggregate_files(paths, output, area=_area(area, lsoa), progress=_progress())
    for name, why in stats.skipped_files:
        _error(f"skipped {protocol.safe_name(name)}: {why}")
    if stats.unsafe_members:
        _error(f"ignored {len(stats.unsafe_members)} zip members with unsafe names "
               f"(absolute or '..'), e.g. {protocol.safe_name(stats.unsafe_members[0])}")
    if stats.unmatched_codes:
        _error(f"warning: no rows for LSOA codes {', '.join(stats.unmatched_codes[:5])}")
    _error(stats.summary())
    _error(f"wrote {output}")


@app.command("overview")
def overview_command(
    data: Optional[List[Path]] = typer.Argument(None, metavar="AGGREGATE.csv", show_default=False,
                                                help="The aggregate written by 'cspplan aggregate' (with "
                                                     "--police-data: more raw paths)."),
    police_data: Optional[List[Path]] = typer.Option(None, "--police-data", metavar="PATH",
                                                     help="Raw police.uk files, folders or zips instead "
                                                          "(repeat for more), with --area or --lsoa."),
    area: Optional[List[str]] = typer.Option(None, "--area", metavar="NAME",
                                             help="With --police-data: the local authority district."),
    lsoa: Optional[List[str]] = typer.Option(None, "--lsoa", metavar="CODE",
                                             help="With --police-data: ONS LSOA codes to include."),
    output_format: OverviewFormat = typer.Option("text", "--format", "-f", help="Output format."),
) -> None:
    """The crime overview: crime and anti-social behaviour by type and month, this year against last.

    From an aggregate CSV, or straight from raw police.uk files with --police-data and
    --area. Exit status: 0 written, 2 an input could not be used.
    """
    from cspplan import api

    chosen = _area(area, lsoa) if (area or lsoa) else None
    if police_data:  # `--police-data a b c`: the paths after the first are raw files too
        raw, aggregate = [*police_data, *(data or ())], None
    elif data and len(data) > 1:
        raise typer.BadParameter("give one aggregate file", param_hint="AGGREGATE.csv")
    else:
        raw, aggregate = [], (data[0] if data else None)
    result = api.overview_file(aggregate, police_data=raw, area=chosen, progress=_progress() if raw else None)
    if result.stats is not None:
        for name, why in result.stats.skipped_files:
            _error(f"skipped {protocol.safe_name(name)}: {why}")
    protocol.write("overview", output_format.value, result, sys.stdout)


@app.command("new")
def new_command(
    path: Path = typer.Argument(..., metavar="PATH", show_default=False, help="The plan file to write."),
    area: Optional[str] = typer.Option(None, "--area", metavar="NAME", help="The area's name."),
    ons_code: Optional[str] = typer.Option(None, "--ons-code", metavar="CODE",
                                           help="The council's ONS code (E06, E07, E08, E09 or W06 and six digits)."),
    jurisdiction: Optional[str] = typer.Option(None, "--jurisdiction", metavar="england|wales",
                                               help="England or Wales (default: from the code or council type)."),
    council_type: Optional[str] = typer.Option(None, "--council-type", metavar="TYPE",
                                               help="district, unitary, metropolitan, london_borough or "
                                                    "welsh_principal (default: from the ONS code)."),
    county: Optional[str] = typer.Option(None, "--county", metavar="NAME", help="A district's county."),
    police_force: Optional[str] = typer.Option(None, "--police-force", metavar="NAME", help="The police force."),
    health_body: Optional[str] = typer.Option(None, "--health-body", metavar="NAME",
                                              help="The integrated care board, or in Wales the local health board."),
    fire_authority: Optional[str] = typer.Option(None, "--fire-authority", metavar="NAME",
                                                 help="The fire and rescue authority."),
    probation_region: Optional[str] = typer.Option(None, "--probation-region", metavar="NAME",
                                                   help="The Probation Service region."),
    policing_body: Optional[str] = typer.Option(None, "--policing-body", metavar="KIND",
                                                help="police_and_crime_commissioner, "
                                                     "police_fire_and_crime_commissioner, mayor, "
                                                     "mayors_office_for_policing_and_crime or none (default: "
                                                     "from the ONS code)."),
    period_start: Optional[str] = typer.Option(None, "--period-start", metavar="YYYY-MM-DD",
                                               help="Default: the next 1 April."),
    period_end: Optional[str] = typer.Option(None, "--period-end", metavar="YYYY-MM-DD",
                                             help="Default: three years after the start."),
    committee: Optional[str] = typer.Option(None, "--committee", metavar="NAME",
                                            help="The committee the plan goes to."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file (written atomically)."),
) -> None:
    """Start a plan: the responsible authorities the law requires, every section, and a TODO at each gap.

    Asks for what is missing when run at a terminal; otherwise give the options. Exit
    status: 0 written, 2 an answer is missing or wrong, or PATH exists (without --force).
    """
    from cspplan import api

    given = {"area": area, "ons_code": ons_code, "jurisdiction": jurisdiction, "council_type": council_type,
             "county": county, "police_force": police_force, "health_body": health_body,
             "fire_authority": fire_authority, "probation_region": probation_region,
             "policing_body": policing_body, "period_start": period_start, "period_end": period_end,
             "committee": committee}
    isatty = getattr(sys.stdin, "isatty", None)
    ask = _ask if isatty and isatty() else None
    for note in api.new_plan(path, given, force=force, ask=ask):
        _error(note)
    _error(f"wrote {path}: run 'cspplan validate {path}' to list the gaps to fill")


def _ask(field: str, question: str) -> str:
    """Ask one question at the terminal."""
    sys.stderr.write(f"{question}: ")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise typer.Abort()
    return line.rstrip("\n")


@app.command("import")
def import_command(
    source: Path = typer.Argument(..., metavar="FILE.docx", show_default=False,
                                  help="The committee report or plan, as a Word .docx file."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PLAN.yaml", show_default=False,
                                          help="The plan file to write (default: FILE with .yaml for .docx)."),
    base: Optional[Path] = typer.Option(None, "--base", metavar="PLAN.yaml",
                                        help="The plan the paper was made from, or your last version: its ids "
                                             "and the facts a paper does not print are kept."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file (written atomically)."),
) -> None:
    """Read a plan and its committee report from Word into a plan file.

    Everything recognised goes into its field; everything else is kept as comments at
    the end, with the paragraph or table it came from. Dates that name only a month, and
    anything that could not be read, are listed on standard error and marked in the file
    (FILL-IN, YYYY-MM-DD) so that 'cspplan validate' points at each. Exit status: 0
    written, 2 the file cannot be read as a report or plan, or the output exists.
    """
    from cspplan import api

    output = output or source.with_suffix(".yaml")
    for note in api.import_file(source, output, base=base, force=force):
        _error(f"{source}: {note}")
    _error(f"wrote {output}: run 'cspplan validate {output}' to list what is left to fill")


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
    from cspplan import cliparams

    cliparams.install()
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
    except Exception as exc:  # any error: a crash must not look like findings
        if os.environ.get("CSPPLAN_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} "
               "(please report this; set CSPPLAN_DEBUG=1 to see the traceback)")
        return EXIT_UNUSABLE
    return result if isinstance(result, int) else EXIT_OK


def run() -> NoReturn:
    """The ``cspplan`` command itself: :func:`main`, then end the process at once.

    Once the output is flushed nothing is left to do, so the process ends without Python
    freeing every object it made (about 60 ms after rendering a large plan). Only the
    command does this: tests and other callers use :func:`main`, which returns. Every file
    cspplan writes is closed and renamed into place before :func:`main` returns.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away, or the stream was closed
            code = code or EXIT_UNUSABLE
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
