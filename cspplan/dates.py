"""Dates as a council writes and counts them, shared by every layer."""

from __future__ import annotations

import calendar
import datetime as dt


def long_date(day: dt.date) -> str:
    """A date as an officer writes it: 1 July 2022."""
    return f"{day.day} {day:%B %Y}"


def working_days_before(day: dt.date, days: int) -> dt.date:
    """The date ``days`` working days before ``day``, counting Monday to Friday only (bank
    holidays differ between the nations and years, so they are not known here)."""
    while days > 0:
        try:
            day -= dt.timedelta(days=1)
        except OverflowError:
            return dt.date.min
        if day.weekday() < 5:
            days -= 1
    return day


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


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
