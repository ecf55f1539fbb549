"""Dates as a council writes and counts them, shared by every layer."""

from __future__ import annotations

import calendar
import datetime as dt


def long_date(day: dt.date) -> str:
    """A date as an officer writes it: 1 July 2022."""
    return f"{day.day} {day:%B %Y}"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, or less them when ``months`` is negative (the 31st becomes
    the month's last day); the latest or earliest date there is past the year 9999 or 1."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
