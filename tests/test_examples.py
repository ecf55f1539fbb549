"""Every plan in plans/ is a positive example: it validates clean and editors can check it."""

from __future__ import annotations

import pytest

from conftest import PLANS, ROOT
import datetime as dt

from cspplan.engine import Options, validate
from cspplan.findings import Severity


TODAY = dt.date(2025, 11, 1)  # the examples' waivers are judged on a fixed date


def test_there_are_example_plans():
    assert PLANS


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_example_plan_has_no_errors(plan):
    report = validate([plan], options=Options(today=TODAY))
    assert [f"{f.location} {f.rule} {f.message}" for f in report.findings
            if f.severity == Severity.ERROR and f.counts] == []
    assert report.input_errors == []


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_example_plan_names_the_schema_for_editors(plan):
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/plan-v1.schema.json"
    assert (plan.parent / "../schemas/plan-v1.schema.json").resolve().is_file()


def test_the_spelthorne_plan_has_its_nine_priorities():
    from cspplan.loader import load_file

    plan = load_file(ROOT / "plans" / "spelthorne-2024-26.yaml").data
    assert [p["title"] for p in plan["priorities"]] == [
        "Serious Violence", "Violence Against Women & Girls", "Domestic Abuse", "Hate Crime",
        "Town Centre & Acquisitive Crime", "Anti-Social Behaviour", "Exploitation & Vulnerability",
        "Water Safety", "Counter Terrorism (Prevent)"]
    report = plan["committee_report"]
    assert (report["meeting_date"], report["author"]["name"]) == ("2024-09-24", "Will Jack")


def test_the_welsh_example_is_judged_by_welsh_law():
    plan = next(p for p in PLANS if p.name.startswith("wrexham"))
    [result] = validate([plan], options=Options(today=TODAY)).files
    assert result.jurisdiction == "wales"
    ran = set(result.rules_run)
    assert {"CDA-S5-RA-HEALTH-WALES", "W-SCH12A", "W-LGA72-S100BA", "W-VAWDASV", "REG07W-GROUP",
            "LGA72-SCH12A-PIT"} <= ran
    assert not ran & {"CDA-S5-RA-HEALTH-ICB", "LGA72-S100B-5DAYS", "LGA72-SCH12A-E", "REG07-R12-ENGAGE"}
    waived = [f for f in result.findings if f.waived]
    assert [f.rule for f in waived] == ["QUALITY-ACTION-DUE"]
