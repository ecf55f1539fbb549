"""A plan's own crime data (its ``crime_data`` field): find the aggregate, keep the plan's
area, and check the data against the plan.

The aggregate (written by ``cspplan aggregate``) is named by a path relative to the
folder of the plan file, and must stay inside that folder: the plan and its data move
together, any checkout renders the same paper, and a plan cannot make cspplan read (and
quote in a message) a file elsewhere on the machine. A plan given as text, on standard
input or from a git revision, has no folder: its aggregate is not read (``CRIME-UNREAD``).

* :func:`check` is what ``cspplan validate`` adds for a plan with ``crime_data``: the
  aggregate's own ``CRIME-`` findings, located in the aggregate file, and findings about
  the data against the plan, located at ``/crime_data`` in the plan.
* :func:`load_for_plan` is what ``cspplan overview PLAN`` and the paper's Appendix B use:
  the aggregate for the plan's area, or one line saying why it cannot be used.
* :func:`with_measure_figures` fills in the figures of the measures that name their
  crime data (``measures[].crime_data``), for ``review`` and the papers.

Only the standard library and :mod:`cspplan.crimedata` (itself standard library only)
are imported, so validating a plan with data stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path, PurePosixPath
from collections.abc import Callable
from typing import TYPE_CHECKING

from cspplan.crimedata import Aggregate, Area, load_aggregate
from cspplan.crimedata.codes import CODES
from cspplan.crimedata.constants import district, month_index, month_name
from cspplan.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from cspplan.loader import LoadedPlan
    from cspplan.model import CrimeData, Observation, Plan

__all__ = ["COMPARE_MONTHS", "STALE_MONTHS", "area_of", "check", "in_area", "load_for_plan", "measure_figures",
           "plan_folder", "resolve", "with_counted_measures", "with_measure_figures"]

STALE_MONTHS = 12
"""Data whose latest month is more than this many months before the plan's date is out of date."""
COMPARE_MONTHS = 24
"""The months a year-on-year comparison needs (the latest 12 and the 12 before)."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def area_of(plan: Plan) -> Area:
    """The area the overview shows: the districts named (the area's name when none are) and any
    LSOA codes."""
    data = plan.crime_data
    assert data is not None, "only a plan with crime_data has an area of data"
    names = data.districts or (() if data.lsoa_codes else (plan.area_name,))
    return Area(names=names, codes=data.lsoa_codes)


def plan_folder(plan_file: str | os.PathLike | None) -> Path | None:
    """The folder an aggregate is found in: that of the plan file, or ``None`` for a plan
    that is not a file (standard input, text, ``REV:path``)."""
    if plan_file is None:
        return None
    path = Path(plan_file)
    return path.parent if path.is_file() else None


def resolve(folder: Path, value: str) -> tuple[Path | None, str]:
    """The aggregate file named by ``value`` in ``folder``, or ``None`` and why not."""
    if "://" in value or _SCHEME.match(value):
        return None, f"'{value}' is a web address or a drive, not a path relative to the plan's folder"
    if value.startswith(("/", "\\")) or os.path.isabs(value):
        return None, f"'{value}' is an absolute path; write it relative to the plan's folder"
    if "\\" in value:
        return None, f"'{value}' separates folders with '\\'; use '/', which works on every system"
    if ".." in PurePosixPath(value).parts:
        return None, f"'{value}' leaves the plan's folder (..); keep the aggregate in the plan's folder or below"
    path = folder / value
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError as exc:
        return None, f"cannot find '{value}': {(exc.strerror or str(exc)).lower()}"
    if not inside:
        return None, f"'{value}' leads (through a link) out of the plan's folder; keep the aggregate in it"
    if path.is_dir():
        return None, f"'{value}' is a folder; name the aggregate CSV file in it"
    if not path.is_file():
        return None, f"no aggregate file '{value}' in the plan's folder; write it with 'cspplan aggregate'"
    return path, ""


def in_area(aggregate: Aggregate, area: Area) -> Aggregate:
    """The aggregate's cells in ``area`` (by district name, any case, or LSOA code), and its
    crimes not located, which belong to no area and are shown apart."""
    names = {n.lower() for n in area.names}
    codes = set(area.codes)
    # Each LSOA name's district is worked out once: thousands of cells share a few dozen names.
    named = {name for name in {c.lsoa_name for c in aggregate.cells} if district(name).lower() in names}
    cells = [c for c in aggregate.cells if not c.lsoa_code or c.lsoa_code in codes or c.lsoa_name in named]
    return Aggregate(tuple(cells), aggregate.source)


def _shown(plan_file: str, value: str) -> str:
    """The aggregate's name in messages: beside the plan's name as the user gave it."""
    return os.path.normpath(os.path.join(os.path.dirname(plan_file), value))


def _finding(loaded: LoadedPlan, code: str, message: str, pointer: str = "/crime_data/aggregate") -> Finding:
    check_ = CODES[code]
    location = loaded.locate(pointer)
    return Finding(Location(location.file, location.line, location.column, pointer), code, check_.severity,
                   message, hint=check_.fix)


def check(loaded: LoadedPlan, plan: Plan, as_of: dt.date) -> list[Finding]:
    """The findings about a plan's crime data (none for a plan without ``crime_data``).

    ``as_of`` is the plan's date (the date its law is judged at): data whose latest month
    is more than :data:`STALE_MONTHS` before it is out of date.
    """
    data = plan.crime_data
    if data is None:
        return []
    folder = plan_folder(loaded.path)
    if folder is None:
        return [_finding(loaded, "CRIME-UNREAD", f"the plan was not read from a file, so its aggregate "
                                                 f"'{data.aggregate}' was not read or checked")]
    path, problem = resolve(folder, data.aggregate)
    if path is None:
        return [_finding(loaded, "CRIME-AGGREGATE", problem)]
    aggregate, findings = load_aggregate(path, _shown(loaded.path, data.aggregate))
    if aggregate is None or any(f.severity == Severity.ERROR for f in findings):
        return findings
    return findings + _against_plan(loaded, data, in_area(aggregate, area_of(plan)), area_of(plan), as_of)


def _against_plan(loaded: LoadedPlan, data: CrimeData, aggregate: Aggregate, area: Area,
                  as_of: dt.date) -> list[Finding]:
    if not any(c.lsoa_code for c in aggregate.cells):  # none located
        return [_finding(loaded, "CRIME-AREA", f"the aggregate '{data.aggregate}' has no crime in "
                                               f"{area.describe()}", "/crime_data")]
    months = aggregate.months
    findings = []
    behind = month_index(f"{as_of.year:04d}-{as_of.month:02d}") - month_index(months[-1])
    if behind > STALE_MONTHS:
        findings.append(_finding(loaded, "CRIME-STALE", f"the latest month of crime data is {months[-1]}, "
                                                        f"{behind} months before the plan's date "
                                                        f"({as_of.isoformat()})"))
    last = month_index(months[-1])
    needed = {month_name(i) for i in range(last - COMPARE_MONTHS + 1, last + 1)}
    if not needed <= set(months):
        have = len(needed & set(months))
        findings.append(_finding(loaded, "CRIME-SHORT", f"the crime data has {have} of the {COMPARE_MONTHS} "
                                                        f"months to {months[-1]}, so Appendix B makes no "
                                                        f"year-on-year comparison"))
    return findings


def load_for_plan(plan_file: str | os.PathLike, plan: Plan,
                  where: Callable[[str], str] | None = None) -> tuple[Aggregate, str]:
    """The aggregate named in the plan, kept to the plan's area, and its name for messages.

    Raises :class:`~cspplan.errors.InputError` with one line naming the file (the plan's
    ``crime_data`` or the aggregate's first error) when it cannot be used. ``where`` gives
    the place of a field in the plan file ("plan.yaml:1190:14"), so that a problem with the
    plan's ``crime_data`` is named at its line.
    """
    from cspplan.errors import InputError

    def refusal(message: str, pointer: str = "/crime_data/aggregate") -> InputError:
        """A problem with the plan's crime_data, named at its line when ``where`` can say it."""
        if where is not None:
            return InputError(f"{where(pointer)}: {message}")
        return InputError(message, os.fspath(plan_file))

    data = plan.crime_data
    if data is None:
        raise refusal("the plan has no crime_data; name its aggregate there (docs/plan-format.md)")
    folder = plan_folder(plan_file)
    if folder is None:
        raise refusal("the plan was not read from a file, so its aggregate cannot be found; give the plan "
                         "file itself")
    path, problem = resolve(folder, data.aggregate)
    if path is None:
        raise refusal(f"crime_data.aggregate: {problem}")
    shown = _shown(os.fspath(plan_file), data.aggregate)
    aggregate, findings = load_aggregate(path, shown)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if aggregate is None or errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        raise InputError(f"{first.location}: {first.rule} {first.message}{more}; {first.hint}")
    area = area_of(plan)
    kept = in_area(aggregate, area)
    if not any(c.located for c in kept.cells):
        raise refusal(f"crime_data: the aggregate '{data.aggregate}' has no crime in {area.describe()}; "
                         f"{CODES['CRIME-AREA'].fix}", "/crime_data")
    return kept, shown


# --- measures counted from the data -------------------------------------------------------

def measure_figures(aggregate: Aggregate, crime_types: tuple[str, ...], months: int,
                    ptr: str) -> tuple[Observation | None, Observation | None]:
    """A measure's baseline and latest, counted from ``aggregate`` (already kept to the
    area): the latest ``months`` months of the data, and the same months a year earlier.
    A window with a month missing from the data has no figure (None): a gap is never a zero."""
    from cspplan.model import Observation

    have = set(aggregate.months)
    if not have:
        return None, None
    last = month_index(aggregate.months[-1])
    wanted = set(crime_types)
    counts: dict[str, int] = {}
    for cell in aggregate.cells:
        if cell.located and cell.crime_type in wanted:
            counts[cell.month] = counts.get(cell.month, 0) + cell.count

    def window(end: int) -> Observation | None:
        names = [month_name(i) for i in range(end - months + 1, end + 1)]
        if not set(names) <= have:
            return None
        first, final = _first_day(names[0]), _last_day(names[-1])
        label = _month_words(names[0]) if months == 1 else f"{_month_words(names[0])} to {_month_words(names[-1])}"
        return Observation(sum(counts.get(n, 0) for n in names), label, ptr, first, final)

    return window(last - 12), window(last)


def _first_day(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def _last_day(month: str) -> dt.date:
    first = _first_day(month)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _month_words(month: str) -> str:
    return f"{_first_day(month):%B %Y}"


def with_counted_measures(plan_file: str | os.PathLike, plan: Plan,
                          where: Callable[[str], str] | None = None) -> Plan:
    """``plan`` with its measures' figures counted from its crime data (see
    :func:`with_measure_figures`); the plan itself, its aggregate unread, when no measure
    counts from the data."""
    if plan.crime_data is None or not any(m.crime_data for p in plan.priorities for m in p.measures):
        return plan
    return with_measure_figures(plan, load_for_plan(plan_file, plan, where)[0])


def with_measure_figures(plan: Plan, aggregate: Aggregate) -> Plan:
    """``plan`` with the baseline and latest of every measure that names its crime data
    counted from ``aggregate`` (kept to the plan's area), so that ``review`` and the papers
    show them like any typed figure."""
    import dataclasses

    def measured(measure):
        if measure.crime_data is None:
            return measure
        baseline, latest = measure_figures(aggregate, measure.crime_data.crime_types, measure.crime_data.months,
                                           measure.crime_data.ptr)
        return dataclasses.replace(measure, baseline=baseline, latest=latest)

    priorities = tuple(dataclasses.replace(p, measures=tuple(measured(m) for m in p.measures))
                       for p in plan.priorities)
    return dataclasses.replace(plan, priorities=priorities)
