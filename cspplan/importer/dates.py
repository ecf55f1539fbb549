"""The dates councils write, read as ``YYYY-MM-DD``; what cannot be read for certain is reported.

* "24th September 2024", "Tuesday 24 Sept 2024", "24 September, 2024" and "2024-09-24" are
  read as written.
* "24/09/2024", "24.09.24", "24-9-2024" are read day first, as in the UK (03/04/2024 is
  3 April 2024); a day or month out of range is reported, not swapped.
* "September 2024" names a month, not a day: it is read as the month's last day (a due
  date or a review "by September" is met up to the month's end), and a note says so.
* Seasons, quarters and financial years ("Spring 2025", "Q1 2025", "2025/26") are reported
  and not read: which day an officer meant is not in the words.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_NAME = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
LONG = re.compile(rf"^{_DAY_NAME}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})$", re.IGNORECASE)
US_LONG = re.compile(rf"^{_DAY_NAME}{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.IGNORECASE)
NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH_ONLY = re.compile(rf"^(?:end of\s+|by\s+)?{_MONTH}\s+(\d{{4}})$", re.IGNORECASE)
VAGUE = re.compile(r"\b(spring|summer|autumn|winter|q[1-4]|quarter|\d{4}\s*/\s*\d{2,4}|early|mid|late|ongoing|tbc)\b",
                   re.IGNORECASE)


def read_date(text: str) -> tuple[str | None, str | None]:
    """``(YYYY-MM-DD or None, a note for the officer or None)`` for a date as written."""
    value = " ".join(text.replace("\u2013", "-").split()).strip(" .")
    if not value or value in ("-", "N/A", "n/a"):
        return None, None
    for pattern, order in ((ISO, "ymd"), (LONG, "dmy"), (US_LONG, "mdy"), (NUMERIC, "dmy")):
        match = pattern.match(value)
        if match:
            return _from_parts(value, match.groups(), order)
    match = MONTH_ONLY.match(value)
    if match:
        month, year = MONTHS[match.group(1).lower()], int(match.group(2))
        day = calendar.monthrange(year, month)[1]
        iso = dt.date(year, month, day).isoformat()
        return iso, f"'{value}' names a month, not a day: read as {iso}, the last day of the month; check it"
    if VAGUE.search(value):
        return None, f"'{value}' does not say which day: write the date as YYYY-MM-DD"
    return None, f"'{value}' is not a date cspplan can read: write it as YYYY-MM-DD"


def _from_parts(value: str, parts: tuple, order: str) -> tuple[str | None, str | None]:
    fields = dict(zip(order, parts, strict=False))
    year = int(fields["y"])
    if year < 100:
        year += 2000
    month_text = fields["m"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
    try:
        return dt.date(year, month, int(fields["d"])).isoformat(), None
    except ValueError:
        return None, f"'{value}' is not a real date (read day first, as in the UK): write it as YYYY-MM-DD"


def find_date(text: str) -> tuple[str | None, str | None]:
    """The first date written in a longer text, e.g. "Report to Cabinet, 24 September 2024"."""
    long = re.search(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b", text, re.IGNORECASE)
    numeric = re.search(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", text)
    iso = re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
    for match in (long, numeric, iso):
        if match:
            return read_date(match.group(0))
    return None, None
