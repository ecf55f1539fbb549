"""One change of the diff, said in words a committee member reads: no field paths, no
quoted values, no JSON, no arrows and nothing cut off with "...".

A field is named as the plan format names it for people ("due date", "next review due");
a value is shown as the paper shows it (a date as 31 March 2025, a status as "In
progress", a figure with its period as "52 for 2024/25"); a long text that changed is
"reworded", since the paper and the redline show the wording itself.
"""

from __future__ import annotations

import datetime as dt
import re

from cspplan.dates import long_date
from cspplan.vocabulary import FIELDS

LONG = 160   # longer texts are described ("reworded", "a paragraph added"), not quoted

FIELD_WORDS = {
    "due": "due date", "owner": "lead", "lead": "lead", "status": "status", "update": "progress update",
    "description": "description", "narrative": "description", "indicator": "indicator",
    "target/direction": "target direction", "target/value": "target", "baseline": "baseline figure",
    "latest": "latest figure", "data_source": "source of the figures", "unit": "unit",
    "rationale/summary": "reason for the priority", "rationale/evidence": "evidence cited",
    "statutory_strands": "statutory strategies it delivers", "police_and_crime_objectives":
    "police and crime objectives it supports", "approval/date": "approval date",
    "approval/approved_by": "approved by", "approval/minute_reference": "minute reference",
    "review/last_reviewed": "date last reviewed", "review/next_review_due": "next review due",
    "review/frequency_months": "review frequency", "scrutiny/last_scrutinised": "date last scrutinised",
    "scrutiny/next_scrutiny": "next scrutiny", "version": "version number", "summary": "summary",
    "context": "context", "represented_by": "representative", "name": "name", "chair": "chair",
    "meets": "meeting frequency", "purpose": "purpose", "reports_to": "group it reports to",
    "sections": "report section", "summary_box": "summary box", "recommendations": "recommendation",
    "meeting_date": "meeting date", "published_on": "publication date", "title": "title",
    "next_review_due": "next review due", "date": "date", "heading": "heading", "text": "text",
    "latest/value": "latest figure", "latest/period": "period of the latest figure",
    "baseline/value": "baseline figure", "baseline/period": "period of the baseline figure",
    "members": "members", "evidence": "evidence",
}

LEVEL_WORDS = {"plan": "The plan", "report": "This report", "compliance": "The law"}


def _field_words(field: str | None) -> str:
    if not field:
        return ""
    if field in FIELD_WORDS:
        return FIELD_WORDS[field]
    parts = [p for p in field.split("/") if p]
    if parts and parts[0] in ("sections", "summary_box"):
        return f"{FIELD_WORDS[parts[0]]}: {' '.join(parts[1:]).replace('_', ' ')}".rstrip(": ")
    if len(parts) == 1 and parts[0] in FIELD_WORDS:
        return FIELD_WORDS[parts[0]]
    return " ".join(p.replace("_", " ") for p in parts)


def _labels(change) -> dict:
    pointer = change.new_pointer or change.old_pointer or ""
    pattern = re.sub(r"/\d+(?=/|$)", "/[]", pointer)
    return FIELDS.get(pattern, {})


def value_words(value, labels: dict | None = None) -> str | None:
    """A value as the paper shows it; None when it is too long to show (say "reworded").

    ``labels`` names coded values: a status's words, or a member's or document's name for its id."""
    labels = labels or {}
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        if value in labels:
            return str(labels[value])
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return long_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        text = " ".join(value.split()).rstrip(".")
        return text if len(text) <= LONG else None
    if isinstance(value, (int, float)):
        return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if isinstance(value, dict):
        if "value" in value and "period" in value:
            return f"{value_words(value['value'])} for {value['period']}"
        if "version" in value:
            return f"version {value['version']}"
        for key in ("title", "name", "heading", "indicator", "description", "summary", "step"):
            if isinstance(value.get(key), str):
                return value_words(value[key])
        return None
    if isinstance(value, list):
        shown = [value_words(v, labels) for v in value]
        return None if any(s is None for s in shown) else ", ".join(s for s in shown if s)
    return str(value)


def item_words(change, numbers: dict[str, int]) -> str:
    """Which part of the plan a change is in: "Priority 5, Town centres: action"."""
    if change.level in LEVEL_WORDS:
        return LEVEL_WORDS[change.level]
    priority = f"Priority {numbers[change.priority]}" if change.priority in numbers else None
    if change.level == "priority":
        return f"{priority}: {change.title}" if priority and change.title else (priority or "A priority")
    what = change.level.capitalize()
    if change.level == "version":
        return f"Version {change.item_id}"
    if change.level in ("action", "measure") and priority:
        title = " ".join(str(change.title or "").split())
        return f"{priority}, {change.level}: {title}" if title else f"{priority}, {change.level}"
    if change.title:
        return f"{what}: {' '.join(str(change.title).split())}"
    return what


def describe_change(change, numbers: dict[str, int] | None = None, names: dict[str, str] | None = None) -> str:
    """What changed, in one sentence of words; ``numbers`` gives each priority id its number,
    ``names`` each member, group and document id its name."""
    if change.level == "compliance":
        text = change.title or "a requirement"
        text = text[0].upper() + text[1:]
        return f"Now met: {text}." if change.kind == "removed" else f"Not met: {text}."
    field = _field_words(change.field)
    labels = {**(names or {}), **_labels(change)}
    if change.kind == "moved":
        return f"Moved {_moved(change, numbers or {})}."
    if change.kind == "changed":
        old, new = value_words(change.old, labels), value_words(change.new, labels)
        what = _capital(field) if field else "It"
        return f"{what}: reworded." if old is None or new is None else f"{what}: now {new} (was {old})."
    verb = "added" if change.kind == "added" else "removed"
    value = value_words(change.new if change.kind == "added" else change.old, labels)
    if field:
        return f"{_capital(field)} {verb}" + (f": {value}." if value else ".")
    return f"{_capital(verb)}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _moved(change, numbers: dict[str, int]) -> str:
    if isinstance(change.old, int) and isinstance(change.new, int):
        return f"from place {change.old} to place {change.new} in its list"
    if change.old in numbers and change.new in numbers:
        return f"from priority {numbers[change.old]} to priority {numbers[change.new]}"
    return "to another priority"
