"""Every plan in plans/ is a positive example: it validates clean and editors can check it."""

from __future__ import annotations

import pytest

from conftest import PLANS
from cspplan.engine import validate
from cspplan.findings import Severity


def test_there_are_example_plans():
    assert PLANS


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_example_plan_has_no_errors(plan):
    report = validate([plan])
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

    plan = load_file(next(p for p in PLANS if p.name.startswith("spelthorne"))).data
    assert [p["title"] for p in plan["priorities"]] == [
        "Serious Violence", "Violence Against Women & Girls", "Domestic Abuse", "Hate Crime",
        "Town Centre & Acquisitive Crime", "Anti-Social Behaviour", "Exploitation & Vulnerability",
        "Water Safety", "Counter Terrorism (Prevent)"]
    report = plan["committee_report"]
    assert (report["meeting_date"], report["author"]["name"]) == ("2024-09-24", "Will Jack")
