"""Validate plan files: find them, load them, check them, collect the findings.

This is the library API behind ``cspplan validate``. It returns a :class:`Report` and
never prints, reads the environment or exits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from cspplan import loader, schema
from cspplan.findings import FileResult, Finding, Report, Severity

PLAN_SUFFIXES = (".yaml", ".yml")
PARALLEL_FROM = 24
"""Validate in several processes when there are at least this many files."""


@dataclasses.dataclass(frozen=True)
class Options:
    """How to validate.

    ``as_of`` fixes the date whose law applies (default: :func:`effective_date`). ``today``
    is the date reviews and waivers are judged against (default: the real date).
    ``select``/``ignore`` name rules by id, name or group; ``preview`` also runs rules for
    law not yet in force.
    """

    as_of: dt.date | None = None
    today: dt.date | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preview: bool = False

    def resolved_today(self) -> dt.date:
        return self.today or dt.date.today()


def discover(paths: Iterable[str | os.PathLike], suffixes: tuple[str, ...] = PLAN_SUFFIXES) \
        -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """Expand files and directories into the files to check.

    Directories are searched recursively for files ending in ``suffixes`` (plan files:
    ``*.yaml`` and ``*.yml``), skipping hidden files (and Word's ``~$`` lock files) and hidden
    directories (``.git``, ``.venv``) and not following symbolic links. A file named
    explicitly is checked whatever its suffix. Returns ``(files, input_errors)``, each
    file as ``(path, name to show)``; names are as given, never made absolute.
    """
    files: list[tuple[Path, str]] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(path: Path, shown: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append((path, shown))

    for given in paths:
        shown = os.fspath(given)
        path = Path(shown)
        try:
            if path.is_dir():
                unreadable = len(errors)
                found = _walk_dir(path, errors, suffixes)
                if not found and len(errors) == unreadable:
                    kinds = " or ".join(suffixes)
                    errors.append((shown, f"no {kinds} files in this directory"))
                for p in found:
                    add(p, str(p))
            elif path.exists():
                if not path.is_file():
                    errors.append((shown, "not a regular file"))
                else:
                    add(path, shown)
            else:
                errors.append((shown, "no such file or directory"))
        except OSError as exc:
            errors.append((shown, _os_message(exc)))
    return files, errors


def _walk_dir(root: Path, errors: list[tuple[str, str]], suffixes: tuple[str, ...]) -> list[Path]:
    """Files below ``root``; pipes, devices and the like are reported, never opened."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(suffixes) and not name.startswith((".", "~$")):
                path = Path(dirpath) / name
                try:
                    regular = stat.S_ISREG(path.stat().st_mode)
                except OSError as exc:
                    errors.append((str(path), _os_message(exc)))
                    continue
                if regular:
                    found.append(path)
                else:
                    errors.append((str(path), "not a regular file"))
    return found


def _os_message(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def check_loaded(plan: loader.LoadedPlan, options: Options = Options()) -> FileResult:
    """All findings for an already-loaded plan, in location order.

    A file with YAML problems (duplicate fields, aliases, tags) is not checked further:
    its data is not what the officer meant, and schema findings about it would mislead.
    Likewise the rules run only on a plan that follows the schema.
    """
    result = FileResult(plan.path)
    if plan.findings:
        result.findings = sorted(plan.findings, key=Finding.sort_key)
        return result
    result.findings = schema.check(plan)
    if result.findings or plan.data is None:
        return result
    from cspplan import model, rules  # only plans that follow the schema get this far

    chosen = rules.select(options.select, options.ignore, preview=options.preview)
    built = result.plan = model.build(plan.data)
    today = options.resolved_today()
    if options.as_of:
        as_of, result.as_of_reason = options.as_of, AS_OF_GIVEN
    else:
        as_of, result.as_of_reason = judged_at_because(built, today)
        result.as_of_note = judged_at(built, today)[1]
    result.as_of, result.jurisdiction = as_of, built.jurisdiction
    result.findings, result.rules_run = run_rules(plan, built, chosen, as_of, today)
    if built.crime_data is not None:  # the aggregate's findings, and the data against the plan
        from cspplan import crimeplan

        crime = [f for f in crimeplan.check(plan, built, as_of) if _chosen_code(f.rule, options)]
        result.findings = sorted(result.findings + crime, key=Finding.sort_key)
    result.not_applicable = not_applicable(built, chosen, as_of)
    return result


def _chosen_code(code: str, options: Options) -> bool:
    """Whether --select and --ignore keep a finding with this code (not a rule's: a CRIME-
    code is named by its id, or all of them by 'crime')."""
    def names(token: str) -> bool:
        return token.upper() == code or token.lower() == "crime"
    if options.select and not any(names(t) for t in options.select):
        return False
    return not any(names(t) for t in options.ignore)


def load_checked(name: str, data: bytes, options: Options, why: str) -> tuple[loader.LoadedPlan, FileResult]:
    """Load and check a plan that a command needs to follow the plan format.

    Raises :class:`~cspplan.errors.CspplanError` naming the first YAML or schema problem;
    ``why`` finishes the sentence ("the plan must follow the plan format to be rendered").
    """
    from cspplan.errors import CspplanError

    plan = loader.load_bytes(data, name)
    result = check_loaded(plan, options)
    structural = [f for f in result.findings if f.rule in ("YAML", "SCHEMA")]
    if structural:
        first = structural[0]
        more = f" (and {len(structural) - 1} more)" if len(structural) > 1 else ""
        raise CspplanError(f"{first.location}: {first.message}{more}; {why}: run 'cspplan validate'")
    return plan, result


def effective_date(plan, today: dt.date) -> dt.date:
    """The date whose law a plan is judged by: approval, else the committee meeting, else
    today; or a review recorded later than that date (see :func:`judged_at_because`).

    A plan's own date far outside its period (see :data:`cspplan.model.REACH_MONTHS`) is a
    typing slip, and judging by it would apply the law of another time (as at 0204 for
    2024, no duty is in force on the plan's date): the start of the period is used instead,
    so the law applied is never older than the period's. Rule QUALITY-DATE-RANGE reports
    the slip.
    """
    return judged_at(plan, today)[0]


LAW_AT_PERIOD_START = "the start of the plan period, as the plan's date is far outside it"
AS_OF_GIVEN = "the date given with --as-of"
AT_APPROVAL = "the approval date"
AT_MEETING = "the committee meeting date, as no approval is recorded"
AT_TODAY = "today, as the plan records no approval or committee meeting date"
AT_LAST_REVIEW = "the last review (review.last_reviewed), later than the plan's own date"
AT_LATEST_VERSION = "the latest version (version_history), later than the plan's own date"


def judged_at(plan, today: dt.date) -> tuple[dt.date, str | None]:
    """:func:`effective_date`, and why it is not the plan's own date when it is not."""
    day, reason = judged_at_because(plan, today)
    return day, (reason if reason in (LAW_AT_PERIOD_START, AT_LAST_REVIEW, AT_LATEST_VERSION) else None)


def judged_at_because(plan, today: dt.date) -> tuple[dt.date, str]:
    """:func:`effective_date`, and why that date, always.

    A plan reviewed after its approval (``review.last_reviewed``, or a row of the version
    history dated later) and kept in force without being approved again is judged at the
    latest such review, so that what went stale by then (the strategic assessment, the
    last scrutiny) is seen; a review date far outside the period, or after today, is
    not used.
    """
    approval = plan.approval_date
    own = approval or (plan.report.meeting_date if plan.report is not None else None)
    if own is None:
        return today, AT_TODAY
    if not plan.period.within_reach(own):
        return plan.period.start, LAW_AT_PERIOD_START
    reviews = [(v.date, AT_LATEST_VERSION) for v in getattr(plan, "versions", ())]
    reviewed = getattr(plan, "last_reviewed", None)
    if reviewed is not None:
        reviews.append((reviewed, AT_LAST_REVIEW))
    later = [(day, why) for day, why in reviews
             if own < day <= today and plan.period.within_reach(day)]
    if later:
        return max(later, key=lambda r: (r[0], r[1] == AT_LAST_REVIEW))
    return own, AT_APPROVAL if approval is not None else AT_MEETING


def run_rules(loaded: loader.LoadedPlan, plan, chosen, as_of: dt.date,
              today: dt.date) -> tuple[list[Finding], tuple[str, ...]]:
    """Run the chosen rules that apply to the plan's jurisdiction and dates.

    Returns the findings and the ids of the rules that applied.
    """
    from cspplan.rules import RULES, Context
    from cspplan.rules import waiver as waivers

    ctx = Context(as_of=as_of, today=today)
    findings: list[Finding] = []
    ran: list[str] = []
    for rule in chosen:
        applies = _applies(rule, plan, as_of)
        if applies is None:
            continue
        ran.append(rule.id)
        try:
            hits = list(rule.check(plan, ctx))
        except Exception as exc:  # any error: named, so the report says which rule failed
            raise RuleFailure(f"rule {rule.id} failed ({type(exc).__name__}: {exc})") from exc
        for hit in hits:
            findings.append(_finding(loaded, rule, hit, applies or None))
    findings, unused = waivers.apply(plan, findings, today)
    unused_rule = RULES["WAIVER-UNUSED"]
    if unused_rule.id in ran:
        for waiver in unused:
            if waiver.rule in ran or waiver.rule not in RULES:
                hit = waivers.unused_hit(waiver, ctx, set(RULES))
                findings.append(_finding(loaded, unused_rule, hit, None))
    findings.sort(key=Finding.sort_key)
    return findings, tuple(ran)


@dataclasses.dataclass(frozen=True)
class Commencement:
    """A duty not yet in force on the date the plan is judged at, that starts on ``start``,
    by or during the plan period that starts on ``period_start``."""

    start: dt.date
    period_start: dt.date

    @property
    def before_period(self) -> bool:
        """In force from the first day of the period (or earlier): for all of it."""
        return self.start <= self.period_start


def not_applicable(plan, chosen, as_of: dt.date) -> dict[str, str]:
    """Rule id -> why it does not apply, for the chosen rules whose law is in force on
    ``as_of`` in the plan's jurisdiction but that do not run for this plan (the area has
    no local policing body, its jurisdiction is contradicted)."""
    from cspplan.rules.base import why_not_applicable

    reasons = {}
    for rule in chosen:
        if rule.applies_to(plan.jurisdiction) and not rule.pending and rule.in_force_on(plan.jurisdiction, as_of):
            reason = why_not_applicable(rule, plan)
            if reason:
                reasons[rule.id] = reason
    return reasons


def _applies(rule, plan, as_of: dt.date):
    """Whether a rule applies: ``False`` if in force on ``as_of``; a :class:`Commencement`
    if it starts after ``as_of`` but by the end of the plan period (an error when it is in
    force for the whole period, a warning when it starts during it); ``None`` if it does
    not apply at all (the wrong jurisdiction, gone before the period, starting after it, or
    not applicable to this plan's area: :func:`cspplan.rules.base.why_not_applicable`)."""
    from cspplan.rules.base import why_not_applicable

    if not rule.applies_to(plan.jurisdiction) or why_not_applicable(rule, plan):
        return None
    if rule.pending:
        return False
    start, end = rule.start(plan.jurisdiction), rule.end(plan.jurisdiction)
    if end is not None and end < plan.period.start:
        return None  # the duty was gone before the plan began
    if rule.in_force_on(plan.jurisdiction, as_of):
        return False
    if start is not None and as_of < start <= plan.period.end:
        return Commencement(start, plan.period.start)
    return None


_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_LONG_QUOTE = re.compile(r"'([^']{121,})'")
QUOTE_MOST = 120


def _shorten_quotes(message: str) -> str:
    """A message that quotes plan text quotes at most its first words and says how long it
    is: a 20,000-character paragraph still gives a line a person can read."""
    return _LONG_QUOTE.sub(lambda m: f"'{m.group(1)[:QUOTE_MOST - 20]}...' ({len(m.group(1)):,} characters)",
                           message)


def _finding(loaded: loader.LoadedPlan, rule, hit, commences: Commencement | None) -> Finding:
    from cspplan.rules.base import long_date

    severity = rule.max_severity  # unverified law is never more than a warning
    # A message quotes plan text, which may hold line breaks: a finding is one line.
    message = _shorten_quotes(_LINE_BREAKS.sub(" ", hit.message))
    if commences is not None and commences.before_period:
        if commences.start == commences.period_start:
            when = "the day the plan period starts"
        else:
            when = f"before the plan period starts on {long_date(commences.period_start)}"
        message = f"in force from {long_date(commences.start)}, {when}: {message}"
    elif commences is not None:
        severity = min(severity, Severity.WARNING)
        message = f"from {long_date(commences.start)}, during the plan period: {message}"
    citation = rule.citation
    return Finding(loaded.locate(hit.pointer, key=hit.key), rule.id, severity, message,
                   hit.hint or rule.fix, str(citation) if citation else None,
                   citation.url if citation else None)


def validate_text(text: str | bytes, name: str = "<string>", options: Options = Options()) -> FileResult:
    """Validate one plan given as text or bytes; ``name`` is used in locations."""
    if isinstance(text, bytes):
        plan = loader.load_bytes(text, name)
    else:
        plan = loader.load_text(text, name)
    return check_loaded(plan, options)


class RuleFailure(Exception):
    """A rule raised an exception: a fault in cspplan, reported for that file alone."""


def _check_file(options: Options, item: tuple[Path, str]) -> FileResult | tuple[str, str]:
    path, shown = item
    try:
        data = loader.read_file(path)
    except OSError as exc:
        return (shown, _os_message(exc))
    try:
        result = check_loaded(loader.load_bytes(data, shown), options)
        result.plan = None  # validate keeps findings only: not every plan in memory, nor sent between processes
        return result
    except Exception as exc:  # any error: one odd file must not hide the others' results
        detail = str(exc) if isinstance(exc, RuleFailure) else f"{type(exc).__name__}: {exc}"
        return (shown, f"cspplan could not check this file: {detail}; please report it")


def validate(paths: Iterable[str | os.PathLike], *, jobs: int | None = None,
             options: Options = Options()) -> Report:
    """Validate plan files and directories of plan files.

    ``jobs`` is the number of processes to use; by default one per CPU when there are
    many files. Results are in the order the files were found, whatever ``jobs`` is.
    Raises :class:`~cspplan.errors.CspplanError` for options that name no rule.
    """
    from cspplan import rules

    rules.select(options.select, options.ignore, preview=options.preview)  # fail early on bad names
    if options.today is None:  # one "today" for every file, even across midnight or processes
        options = dataclasses.replace(options, today=dt.date.today())
    files, errors = discover(paths)
    report = Report(input_errors=errors)
    check = functools.partial(_check_file, options)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(files) >= PARALLEL_FROM:
        results = _parallel(check, files, workers)
    else:
        results = [check(item) for item in files]
    for result in results:
        if isinstance(result, FileResult):
            report.files.append(result)
        else:
            report.input_errors.append(result)
    return report


def _parallel(check, files: list[tuple[Path, str]], workers: int) -> list:
    import concurrent.futures
    import multiprocessing

    from cspplan import model, rules  # noqa: F401 - imported once here, inherited by forked workers

    # Compile the schema check once here, so forked workers inherit it.
    schema._fast()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    workers = min(workers, len(files))
    chunk = max(1, len(files) // (workers * 8))
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(check, files, chunksize=chunk))
