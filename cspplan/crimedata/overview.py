"""The crime overview: what Appendix B and ``cspplan overview`` show, from an aggregate.

:func:`compute_overview` is a pure function of the :class:`~cspplan.crimedata.aggregate.Aggregate`:
the months covered and the months missing, every (month, crime type) count, total
crime and anti-social behaviour for the latest 12 months against the previous 12
(compared only when both are complete: like for like), each crime type with its change,
the LSOAs with the most crime, the crimes not located, and the source notes.

Counts are the area's located crimes; crimes police.uk could not locate are counted
apart (``not_located``), because they cannot be placed in or out of the area. A
percentage change is given only when both counts are at least :data:`SMALL` (a
percentage of a small number misleads).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cspplan.crimedata.aggregate import Aggregate
from cspplan.crimedata.constants import ASB, ATTRIBUTION, CAVEATS, CRIME_TYPES, SOURCE, month_index, month_name

if TYPE_CHECKING:
    from cspplan.crimedata.reader import ImportStats

SMALL = 20
"""Below this count a change is given in numbers only, without a percentage."""
WINDOW = 12


@dataclass(frozen=True)
class MonthCount:
    """The count of one crime type (or anti-social behaviour) in one month."""

    month: str
    crime_type: str
    count: int


@dataclass(frozen=True)
class Window:
    """The latest 12 months (clipped to the data) and the 12 before, when they exist.

    ``latest``/``previous`` are (first month, last month). ``comparable`` is true only
    when both windows are complete, so that totals are compared like for like; ``note``
    says why not otherwise.
    """

    latest: tuple[str, str]
    previous: tuple[str, str] | None
    latest_complete: bool
    comparable: bool
    note: str


@dataclass(frozen=True)
class Change:
    """A count in the latest window, the previous one, and the change, where comparable.

    ``percent`` is ``None`` for small numbers (either count under :data:`SMALL`) and when
    there is nothing to compare with; ``note`` says which.
    """

    latest: int
    previous: int | None = None
    change: int | None = None
    percent: float | None = None
    note: str = ""


@dataclass(frozen=True)
class TypeChange:
    crime_type: str
    change: Change


@dataclass(frozen=True)
class LsoaCount:
    """An LSOA's crime (without ASB) and ASB in the latest window."""

    lsoa_code: str
    lsoa_name: str
    crime: int
    asb: int


@dataclass(frozen=True)
class Overview:
    """Everything the crime overview shows, as plain values (see the module docstring)."""

    area: str
    months: tuple[str, ...]
    missing_months: tuple[str, ...]
    crime_types: tuple[str, ...]
    counts: tuple[MonthCount, ...]
    window: Window
    total_crime: Change
    asb: Change
    by_type: tuple[TypeChange, ...]
    top_lsoas: tuple[LsoaCount, ...]
    not_located: int
    not_located_latest: int
    source: str = SOURCE
    caveats: tuple[str, ...] = CAVEATS
    attribution: str = ATTRIBUTION

    def monthly(self) -> tuple[tuple[str, int, int], ...]:
        """(month, total crime, ASB) for each month covered: the trend."""
        crime: Counter = Counter()
        asb: Counter = Counter()
        for record in self.counts:
            (asb if record.crime_type == ASB else crime)[record.month] += record.count
        return tuple((m, crime[m], asb[m]) for m in self.months)

    def largest_types(self, n: int = 5) -> tuple[TypeChange, ...]:
        """The ``n`` crime types (not ASB) with the most crime in the latest window."""
        ranked = sorted((t for t in self.by_type if t.crime_type != ASB), key=lambda t: (-t.change.latest,
                                                                                           t.crime_type))
        return tuple(ranked[:n])


def _change(latest: int, previous: int | None, comparable: bool, why: str) -> Change:
    if not comparable or previous is None:
        return Change(latest, note=why)
    difference = latest - previous
    if latest < SMALL or previous < SMALL:
        return Change(latest, previous, difference, None, f"small numbers (under {SMALL}): no percentage")
    return Change(latest, previous, difference, round(100 * difference / previous, 1))


def _window(months: tuple[str, ...]) -> tuple[Window, set[str], set[str]]:
    have = set(months)
    last = month_index(months[-1])
    first = month_index(months[0])
    latest_span = range(max(first, last - WINDOW + 1), last + 1)
    latest = {month_name(i) for i in latest_span} & have
    latest_complete = len(latest) == WINDOW
    previous_span = range(last - 2 * WINDOW + 1, last - WINDOW + 1)
    previous = {month_name(i) for i in previous_span} & have
    previous_complete = len(previous) == WINDOW
    if not latest_complete:
        gap = [month_name(i) for i in latest_span if month_name(i) not in have]
        note = (f"the latest 12 months are incomplete (missing {', '.join(gap)}): not comparable" if gap else
                f"the data covers only {len(latest)} months: not comparable with a 12-month period")
    elif not previous_complete:
        note = ("no complete previous 12 months in the data to compare with: not comparable" if not previous else
                f"the previous 12 months are incomplete ({len(previous)} of 12 months): not comparable")
    else:
        note = "the latest 12 months against the previous 12 months"
    window = Window((month_name(latest_span[0]), months[-1]),
                    (month_name(previous_span[0]), month_name(previous_span[-1])) if previous_complete else None,
                    latest_complete, latest_complete and previous_complete, note)
    return window, latest, previous


def compute_overview(aggregate: Aggregate, *, top: int = 10) -> Overview:
    """The overview of ``aggregate``; ``top`` is how many LSOAs to rank."""
    months = aggregate.months
    if not months:
        empty = Window(("", ""), None, False, False, "no data")
        return Overview("", (), (), (), (), empty, Change(0, note="no data"), Change(0, note="no data"), (), (), 0, 0)
    window, latest, previous = _window(months)
    by_month: Counter = Counter()
    in_latest: Counter = Counter()
    in_previous: Counter = Counter()
    places: dict[str, list] = {}
    not_located = not_located_latest = 0
    for cell in aggregate.cells:
        if not cell.located:
            not_located += cell.count
            not_located_latest += cell.count if cell.month in latest else 0
            continue
        by_month[(cell.month, cell.crime_type)] += cell.count
        if cell.month in latest:
            in_latest[cell.crime_type] += cell.count
            place = places.setdefault(cell.lsoa_code, [cell.lsoa_name, 0, 0])
            place[2 if cell.crime_type == ASB else 1] += cell.count
        elif cell.month in previous:
            in_previous[cell.crime_type] += cell.count
    seen = {crime_type for (_, crime_type) in by_month}
    types = tuple(t for t in CRIME_TYPES if t in seen)
    counts = tuple(MonthCount(m, t, by_month[(m, t)]) for m in months for t in types)
    why = window.note
    prev = window.comparable
    crime_latest = sum(v for t, v in in_latest.items() if t != ASB)
    crime_previous = sum(v for t, v in in_previous.items() if t != ASB)
    ordered = [t for t in types if t != ASB] + [t for t in types if t == ASB]
    by_type = tuple(TypeChange(t, _change(in_latest[t], in_previous[t], prev, why)) for t in ordered)
    ranked = sorted(places.items(), key=lambda item: (-item[1][1], -item[1][2], item[0]))
    top_lsoas = tuple(LsoaCount(code, name, crime, asb) for code, (name, crime, asb) in ranked[:top]
                      if crime or asb)
    return Overview(
        area=" and ".join(aggregate.districts()), months=months, missing_months=aggregate.missing_months,
        crime_types=types, counts=counts, window=window,
        total_crime=_change(crime_latest, crime_previous, prev, why),
        asb=_change(in_latest[ASB], in_previous[ASB], prev, why),
        by_type=by_type, top_lsoas=top_lsoas, not_located=not_located, not_located_latest=not_located_latest)


@dataclass(frozen=True)
class OverviewReport:
    """What ``cspplan overview`` writes: the overview, where its data came from, and, when it
    was read from raw files, what reading found (:class:`~cspplan.crimedata.reader.ImportStats`)."""

    overview: Overview
    data: str
    stats: ImportStats | None = None
