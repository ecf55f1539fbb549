"""The library behind every command: one function each, which the command line only calls.

=====================  =================================================================
``cspplan validate``   :func:`validate` (plans and folders of plans)  -> Report
``cspplan check-docx`` :func:`check_docx_files` (any Word files)     -> Report
``cspplan diff``       :func:`diff_files`                            -> Diff
``diff --format docx`` :func:`redline_file`                          -> warnings
``cspplan review``     :func:`review_file`                           -> Review
``cspplan render``     :func:`render_file`                           -> RenderResult
``cspplan aggregate``  :func:`aggregate_files` (police.uk files)     -> ImportStats
``cspplan overview``   :func:`overview_file`                         -> OverviewReport
=====================  =================================================================

None of them prints, reads the environment or exits. Input that cannot be used raises
:class:`~cspplan.errors.CspplanError` with a one-line message naming the file; problems
*in* an input are findings in the result. Every function imports what it needs when it
is called, so importing this module is cheap.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cspplan.engine import Options, validate
    from cspplan.crimedata import Aggregate, Area, ImportStats
    from cspplan.crimedata.overview import OverviewReport
    from cspplan.crimedata.reader import Progress
    from cspplan.diff import Diff
    from cspplan.findings import Report
    from cspplan.loader import LoadedPlan
    from cspplan.render.api import RenderResult
    from cspplan.review import Review

__all__ = ["Options", "aggregate_files", "check_docx_files", "diff_files", "overview_file", "redline_file",
           "render_file", "review_file", "validate"]


def __getattr__(name: str):
    # The engine (and PyYAML) load on first use, so that the crime-data commands, which
    # need neither, start quickly.
    if name in ("Options", "validate"):
        from cspplan import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'cspplan.api' has no attribute {name!r}")


DOCX_SUFFIXES = (".docx",)
MAX_DOCX_BYTES = 64 * 1024 * 1024
"""The largest Word file check-docx reads (a committee paper is rarely over a few MB)."""


def check_docx_files(paths: Iterable[str | os.PathLike]) -> Report:
    """Check Word files, and folders of them, for what the accessibility regulations need.

    Each problem becomes a finding whose rule is the check's code (``DOCX-TITLE`` ...).
    Files that cannot be opened are input errors, as in :func:`validate`.
    """
    from cspplan.engine import discover
    from cspplan.findings import Finding, FileResult, Location, Report
    from cspplan.render.accessibility import CODES, check_docx

    files, errors = discover(paths, DOCX_SUFFIXES)
    report = Report(input_errors=errors, command="check-docx")
    for path, shown in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_DOCX_BYTES + 1)
        except OSError as exc:
            report.input_errors.append((shown, (exc.strerror or str(exc)).lower()))
            continue
        if len(data) > MAX_DOCX_BYTES:
            report.input_errors.append((shown, f"the file is larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB, "
                                               "the most check-docx reads"))
            continue
        result = FileResult(shown)
        for problem in check_docx(data):
            code = CODES[problem.code]
            result.findings.append(Finding(Location(shown), problem.code, problem.severity, problem.message,
                                           citation=code.criterion or None, url=code.url or None))
        report.files.append(result)
    return report


def _load_pair(old: str, new: str | None, rev: str | None, today: dt.date | None) \
        -> tuple[list[LoadedPlan], list[list], list]:
    """Both plans, loaded and checked: the plans, their findings, and the whole results of
    the checks (for the redline's compliance matrix)."""
    from cspplan import sources
    from cspplan.engine import Options, load_checked
    from cspplan.errors import CspplanError

    if rev is not None and new is not None:
        raise CspplanError("give either the later plan or a revision to compare with, not both")
    if rev is None and new is None:
        raise CspplanError("give the later plan, or a revision to compare the plan with")
    if rev is not None:
        pair = [sources.read(old, rev), sources.read(old)]
    else:
        pair = [sources.read(old), sources.read(new)]  # type: ignore[arg-type]
    options = Options(today=today)
    loaded, findings, results = [], [], []
    for name, data in pair:
        plan, result = load_checked(name, data, options, "both plans must follow the plan format to be compared")
        loaded.append(plan)
        findings.append(result.findings)
        results.append(result)
    return loaded, findings, results


def diff_files(old: str, new: str | None = None, *, rev: str | None = None,
               today: dt.date | None = None) -> Diff:
    """What changed from plan ``old`` to plan ``new``, matched by the plans' ids.

    Either path may be ``REV:path`` for a file at a git revision; with ``rev`` and no
    ``new``, ``old`` as it was at ``rev`` is compared with it now. Statutory changes
    are judged with reviews and waivers as at ``today``.
    """
    from cspplan.diff import diff

    (before, after), (old_findings, new_findings), _ = _load_pair(old, new, rev, today)
    return diff(before, after, compliance=(old_findings, new_findings))


def redline_file(old: str, new: str | None, output: str | Path, *, rev: str | None = None,
                 template: str | Path | None = None, today: dt.date | None = None) -> tuple[Diff, list[str]]:
    """Write the later plan (Appendix A) with Word tracked changes against the earlier one.

    Returns what changed (as :func:`diff_files` would) and the warnings to show (a
    council template's missing styles, accessibility warnings about the document).
    """
    from cspplan.diff import diff
    from cspplan.render.api import render_redline

    (before, after), (old_findings, new_findings), checks = _load_pair(old, new, rev, today)
    warnings = render_redline(before, after, output, template=template, checks=(checks[0], checks[1]))
    return diff(before, after, compliance=(old_findings, new_findings)), warnings


def review_file(path: str | os.PathLike, today: dt.date | None = None) -> Review:
    """The six-monthly review of a plan as at ``today`` (default: the real date)."""
    from cspplan import review, sources
    from cspplan.engine import Options, load_checked
    from cspplan.model import build

    day = today or dt.date.today()
    name, data = sources.read(os.fspath(path))
    loaded, _ = load_checked(name, data, Options(today=day), "the plan must follow the plan format")
    plan = build(loaded.data)
    if plan.crime_data is not None:
        from cspplan.crimeplan import with_counted_measures

        plan = with_counted_measures(name, plan)
    return review.review(plan, name, day, lambda pointer: loaded.locate(pointer).line)


def render_file(plan: str | os.PathLike, output: str | os.PathLike, **options) -> RenderResult:
    """Write the committee paper for ``plan`` to ``output`` (see :func:`cspplan.render.api.render`)."""
    from cspplan.render.api import render

    return render(plan, output, **options)


def _refuse_overwrite(output: Path, inputs: Iterable[str | os.PathLike]) -> None:
    """Never write the aggregate over one of the raw files it is made from."""
    from cspplan.errors import InputError

    target = output.resolve()
    for raw in inputs:
        path = Path(raw).resolve()
        if path == target or (path.is_dir() and path in target.parents and target.name.endswith("-street.csv")):
            raise InputError("the output would overwrite an input; choose another file name", os.fspath(output))


def aggregate_files(paths: Iterable[str | os.PathLike], output: str | os.PathLike, *, area: Area,
                    progress: Progress | None = None) -> ImportStats:
    """Read raw police.uk street files (files, folders, zips) and write the area's aggregate CSV.

    Nothing is written unless every file could be read; the file is replaced atomically.
    Returns what reading found, for the one-line summary.
    """
    from cspplan.crimedata import read_police_data, write_aggregate

    inputs = list(paths)
    _refuse_overwrite(Path(output), inputs)
    result = read_police_data(inputs, area, progress=progress)
    write_aggregate(result.aggregate, output)
    return result.stats


def load_aggregate_checked(path: str | os.PathLike) -> Aggregate:
    """An aggregate file that must be usable: its first error becomes one input error line."""
    from cspplan.crimedata import load_aggregate
    from cspplan.errors import InputError
    from cspplan.findings import Severity

    aggregate, findings = load_aggregate(path)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if aggregate is None or errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        raise InputError(f"{first.location}: {first.rule} {first.message}{more}; {first.hint}")
    return aggregate


def overview_file(path: str | os.PathLike | None = None, *, police_data: Iterable[str | os.PathLike] = (),
                  area: Area | None = None, progress: Progress | None = None, top: int = 10) -> OverviewReport:
    """The crime overview from an aggregate CSV (``path``), or from raw files (``police_data``
    with ``area``).

    A plan file (.yaml) as ``path`` gives the overview of its ``crime_data``
    (:func:`overview_for_plan`).
    """
    from cspplan.crimedata import compute_overview, read_police_data
    from cspplan.crimedata.overview import OverviewReport
    from cspplan.errors import CspplanError

    sources = list(police_data)
    if (path is None) == (not sources):
        raise CspplanError("give an aggregate CSV, or the raw files with --police-data PATH... and --area NAME")
    if path is not None:
        if Path(path).suffix.lower() in (".yaml", ".yml"):
            return overview_for_plan(path, top=top)
        aggregate = load_aggregate_checked(path)
        return OverviewReport(compute_overview(aggregate, top=top), os.fspath(path))
    if area is None:
        raise CspplanError("with --police-data, give the area: --area NAME or --lsoa CODE")
    result = read_police_data(sources, area, progress=progress)
    shown = ", ".join(os.fspath(s) for s in sources)
    return OverviewReport(compute_overview(result.aggregate, top=top), shown, result.stats)


def overview_for_plan(plan: str | os.PathLike, *, top: int = 10) -> OverviewReport:
    """The crime overview of a plan's own data: the aggregate named in its ``crime_data``
    (relative to the plan's folder), kept to the plan's area (:mod:`cspplan.crimeplan`)."""
    from cspplan import crimeplan, sources
    from cspplan.crimedata import compute_overview
    from cspplan.crimedata.overview import OverviewReport
    from cspplan.engine import Options, load_checked
    from cspplan.model import build

    name, data = sources.read(os.fspath(plan))
    loaded, _ = load_checked(name, data, Options(), "the plan must follow the plan format")
    aggregate, shown = crimeplan.load_for_plan(name, build(loaded.data),
                                               lambda pointer: str(loaded.locate(pointer)))
    return OverviewReport(compute_overview(aggregate, top=top), shown)


def new_plan(path: str | os.PathLike, given: dict[str, str | None], *, force: bool = False,
             ask=None, today: dt.date | None = None) -> list[str]:
    """Write a new plan to ``path`` from the answers ``given`` (``cspplan new``).

    ``given`` maps the answers (``area``, ``ons_code``, ``council_type``, ``county``,
    ``jurisdiction``, ``police_force``, ``health_body``, ``fire_authority``,
    ``probation_region``, ``policing_body``, ``period_start``, ``period_end``,
    ``committee``) to text or None; ``ask(field, question)``, when given, is called for a
    missing answer. Returns the notes for the officer (bodies not in cspplan's lists).
    Never writes over a file unless ``force``; see :mod:`cspplan.scaffold`.
    """
    from cspplan import scaffold

    target = Path(path)
    if target.exists() and not force:  # before asking anything
        scaffold.write_new(target, "", force=False)
    answers, notes = scaffold.gather(given, ask, today or dt.date.today())
    scaffold.write_new(target, scaffold.plan_text(answers, scaffold.schema_reference(target)), force)
    return notes


def import_file(source: str | os.PathLike, output: str | os.PathLike, *, base: str | os.PathLike | None = None,
                force: bool = False) -> list[str]:
    """Read a Word committee report or plan and write it as a plan file (``cspplan import``).

    ``base``: a plan file the document was made from (or the last version kept as YAML),
    whose ids and unprinted facts are kept for the items the document still has. Returns
    the located notes for the officer. Never writes over the source or, unless ``force``,
    over an existing file; see :mod:`cspplan.importer`.
    """
    from cspplan.importer.run import import_docx, load_base, write_plan

    source, target = Path(source), Path(output)
    imported = import_docx(source, load_base(Path(base)) if base is not None else None)
    write_plan(imported.text, target, source=source, force=force)
    return imported.notes
