"""Comparing a measure's figures like for like.

A measure's ``baseline`` and ``latest`` each cover a period. Two figures can only be
compared when their periods are of the same length (a year with a year, a quarter with a
quarter) and, for periods shorter than a year, cover the same months of the year (a
quarter against the same quarter a year earlier: seasons matter). A percentage change from or
to a count under :data:`SMALL` misleads, so it is not shown; when both counts are that
small, the verdict is "small numbers" rather than a trend.

The period is read from explicit ``start`` and ``end`` dates when the plan gives them,
else from the label, in the forms officers write: ``2023/24`` (a financial year, April to
March), ``2024`` or ``2024 survey`` (a calendar year), ``April to June 2024``,
``Q1 2024/25`` (a quarter of a financial year), ``12 months to March 2025``, ``September
2025`` (one month). :func:`compare` is the one place the tool judges a trend: ``review``,
the papers and the rule QUALITY-MEASURE-PERIODS all use it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

SMALL = 20
"""Counts below this are "small numbers": the figures are shown, never a percentage."""

STEADY = 0.05
"""For a measure to be held steady, a change of at most 5% is holding it."""

IMPROVING, WORSENING, NO_CHANGE, STEADY_STATUS = "improving", "worsening", "no change", "steady"
NOT_COMPARABLE, SMALL_NUMBERS, NOT_KNOWN = "not comparable", "small numbers", "not yet known"

STATUS_WORDS = {
    IMPROVING: "Improving", WORSENING: "Getting worse", NO_CHANGE: "No change", STEADY_STATUS: "Holding steady",
    NOT_COMPARABLE: "Not comparable", SMALL_NUMBERS: "Small numbers", NOT_KNOWN: "Not yet known",
}

MONTHS = {name: i for i, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")), 1) for name in names}
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to)\s*"

_FINANCIAL = re.compile(rf"^(?:fy\s*)?{_YEAR}\s*[/-]\s*(\d{{2}}|\d{{4}})(?:\s+\w+)?$", re.I)
_CALENDAR = re.compile(rf"^(?:calendar\s+year\s+)?{_YEAR}(?:\s+[a-z ]+)?$", re.I)
_QUARTER = re.compile(rf"^q([1-4])\s+{_YEAR}\s*[/-]\s*(\d{{2}}|\d{{4}})$", re.I)
_RANGE = re.compile(rf"^{_MONTH}(?:\s+{_YEAR})?{_DASH}{_MONTH}\s+{_YEAR}$", re.I)
_ROLLING = re.compile(rf"^(?:(\d+)\s+months?|(?:the\s+)?year)\s+(?:to|ending)\s+(?:the\s+end\s+of\s+)?"
                      rf"{_MONTH}\s+{_YEAR}$", re.I)
_MONTH_ONLY = re.compile(rf"^{_MONTH}\s+{_YEAR}$", re.I)


@dataclass(frozen=True)
class Span:
    """The months a figure covers: from the first day of ``start`` to the last of ``end``."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        """Whole months covered (a period of explicit dates is rounded to the nearest month)."""
        days = (self.end - self.start).days + 1
        return max(1, round(days / 30.44))

    @property
    def month_of_year(self) -> int:
        return self.start.month


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _months_span(year: int, month: int, count: int) -> Span:
    """``count`` months starting with ``month`` of ``year``."""
    last = month + count - 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return Span(dt.date(year, month, 1), _month_end(end_year, end_month))


def _second_year(first: int, text: str) -> int | None:
    second = int(text) if len(text) == 4 else first // 100 * 100 + int(text)
    return second if second == first + 1 else None


def parse_period(label: str, start: dt.date | None = None, end: dt.date | None = None) -> Span | None:
    """The span of a figure's period, or None when it cannot be known.

    >>> parse_period("2023/24")
    Span(start=datetime.date(2023, 4, 1), end=datetime.date(2024, 3, 31))
    >>> parse_period("April to June 2024").months
    3
    """
    if start is not None and end is not None:
        return Span(start, end) if start <= end else None
    text = " ".join(str(label).split()).strip()
    if m := _FINANCIAL.match(text):
        first = int(m.group(1))
        return _months_span(first, 4, 12) if _second_year(first, m.group(2)) else None
    if m := _QUARTER.match(text):
        first = int(m.group(2))
        if not _second_year(first, m.group(3)):
            return None
        month = 4 + 3 * (int(m.group(1)) - 1)
        return _months_span(first + (month - 1) // 12, (month - 1) % 12 + 1, 3)
    if m := _CALENDAR.match(text):
        return _months_span(int(m.group(1)), 1, 12)
    if m := _RANGE.match(text):
        first, last, year = MONTHS[m.group(1).lower()], MONTHS[m.group(3).lower()], int(m.group(4))
        first_year = int(m.group(2)) if m.group(2) else (year if first <= last else year - 1)
        count = (year - first_year) * 12 + last - first + 1
        return _months_span(first_year, first, count) if 0 < count <= 36 else None
    if m := _ROLLING.match(text):
        count = int(m.group(1)) if m.group(1) else 12
        last, year = MONTHS[m.group(2).lower()], int(m.group(3))
        if not 0 < count <= 60:
            return None
        first_index = year * 12 + last - 1 - (count - 1)
        return _months_span(first_index // 12, first_index % 12 + 1, count)
    if m := _MONTH_ONLY.match(text):
        return _months_span(int(m.group(2)), MONTHS[m.group(1).lower()], 1)
    return None


def describe_span(span: Span) -> str:
    """How long a span is, in words: "a year", "3 months", "a month"."""
    if span.months == 12:
        return "a year"
    if span.months == 1:
        return "a month"
    if span.months % 12 == 0:
        return f"{span.months // 12} years"
    return f"{span.months} months"


@dataclass(frozen=True)
class Comparison:
    """The verdict on a measure's baseline and latest figures."""

    status: str                   # one of the status constants above
    reason: str = ""              # why, in words, when the status is not a plain trend
    change: str = ""              # the change shown ("-4%", "+3", "+2.5 points"); "" when none is shown
    moved: str = ""               # for small numbers: which way the figures moved (improving, worsening ...)

    @property
    def words(self) -> str:
        return STATUS_WORDS[self.status]

    @property
    def comparable(self) -> bool:
        return self.status not in (NOT_COMPARABLE, NOT_KNOWN)


def _spans(baseline, latest) -> tuple[Span | None, Span | None]:
    return (parse_period(baseline.period, getattr(baseline, "start", None), getattr(baseline, "end", None)),
            parse_period(latest.period, getattr(latest, "start", None), getattr(latest, "end", None)))


def like_for_like(baseline, latest) -> str | None:
    """None when the two figures cover comparable periods, else why they do not, in words."""
    first, second = _spans(baseline, latest)
    if first is None or second is None:
        if " ".join(str(baseline.period).split()).lower() == " ".join(str(latest.period).split()).lower():
            return None
        unknown = baseline.period if first is None else latest.period
        return f"the length of the period {unknown} is not known"
    if first.months != second.months:
        return f"{baseline.period} is {describe_span(first)} and {latest.period} is {describe_span(second)}"
    if first.months < 12 and first.month_of_year != second.month_of_year:
        return f"{baseline.period} and {latest.period} are different times of the year"
    return None


def _number(value: float) -> str:
    return f"{value:+,.0f}" if float(value).is_integer() else f"{value:+,.1f}"


def is_percentage(unit: str | None) -> bool:
    return (unit or "").strip().lower() in ("per cent", "percent", "%", "percentage")


def compare(baseline, latest, direction: str, unit: str | None = None) -> Comparison:
    """Compare two observations (anything with ``value`` and ``period``, and optionally
    ``start`` and ``end``) for a measure that should ``direction`` (increase, decrease,
    maintain)."""
    if baseline is None or latest is None:
        return Comparison(NOT_KNOWN, "there is no earlier figure to compare with" if latest else
                          "there is no latest figure yet")
    reason = like_for_like(baseline, latest)
    if reason is not None:
        return Comparison(NOT_COMPARABLE, reason)
    old, new = float(baseline.value), float(latest.value)
    diff = new - old
    if is_percentage(unit):
        change = f"{_number(diff)} points" if diff else "0"
    elif max(abs(old), abs(new)) < SMALL:
        return Comparison(SMALL_NUMBERS, f"fewer than {SMALL}, so a percentage would mislead",
                          _number(diff) if diff else "0", _direction(diff, old, direction))
    elif min(abs(old), abs(new)) < SMALL:
        change = _number(diff)  # from or to a small count: the numbers, never a percentage
    else:
        change = f"{diff / old:+.0%}" if old else _number(diff)
    return Comparison(_direction(diff, old, direction), change="0" if diff == 0 else change)


def _direction(diff: float, old: float, direction: str) -> str:
    """Which way a change of ``diff`` from ``old`` went, given the aim."""
    if diff == 0:
        return NO_CHANGE
    if direction == "maintain":
        return STEADY_STATUS if old != 0 and abs(diff) / abs(old) <= STEADY else WORSENING
    return IMPROVING if (diff < 0) == (direction == "decrease") else WORSENING
