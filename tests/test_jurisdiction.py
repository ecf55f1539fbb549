"""A plan whose area says its jurisdiction is wrong gets one finding, not the other
country's law."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cspplan.engine import Options, validate_text

PLANS = Path(__file__).resolve().parent.parent / "plans"
TODAY = dt.date(2025, 7, 1)


def _errors(name: str, old: str, new: str) -> list[tuple[str, str]]:
    text = (PLANS / name).read_text(encoding="utf-8")
    assert old in text
    result = validate_text(text.replace(old, new, 1), name, Options(today=TODAY))
    return [(f.rule, f.location.pointer) for f in result.findings if f.severity.label == "error"]


@pytest.mark.parametrize("name,old,new", [
    ("wrexham-2025-28.yaml", "\njurisdiction: wales", "\njurisdiction: england"),
    ("spelthorne-2024-26.yaml", "\njurisdiction: england", "\njurisdiction: wales"),
])
def test_the_wrong_jurisdiction_is_one_error_and_no_wrong_law(name, old, new):
    assert _errors(name, old, new) == [("QUALITY-JURISDICTION", "/jurisdiction")]


@pytest.mark.parametrize("name", ["wrexham-2025-28.yaml", "spelthorne-2024-26.yaml"])
def test_the_right_jurisdiction_runs_its_law(name):
    # the same edit that breaks nothing else: the rules of the plan's own law still report
    assert _errors(name, "jurisdiction:", "jurisdiction:") == []


def test_a_unitary_council_with_no_code_is_judged_by_the_law_it_names():
    text = (PLANS / "wrexham-2025-28.yaml").read_text(encoding="utf-8")
    text = text.replace("  ons_code: W06000006", "", 1).replace("council_type: welsh_principal",
                                                                "council_type: unitary", 1)
    text = text.replace("\njurisdiction: wales", "\njurisdiction: england", 1)
    rules = {f.rule for f in validate_text(text, "w.yaml", Options(today=TODAY)).findings
             if f.severity.label == "error"}
    assert "QUALITY-JURISDICTION" not in rules
    assert "CDA-S5-RA-HEALTH-ICB" in rules  # English law, as the plan says: nothing to contradict it
