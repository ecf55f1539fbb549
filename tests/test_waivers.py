"""Waivers: recorded in the plan, shown as waived, counted, and never silently stale."""

from __future__ import annotations

import datetime as dt
import json

from conftest import FIXTURES, dump
from cspplan.engine import Options, validate_text
from cspplan.loader import load_text

TODAY = dt.date(2025, 7, 1)


def two_year_plan(waivers=None) -> dict:
    data = load_text((FIXTURES / "base-england.yaml").read_text(encoding="utf-8")).data
    data["period"]["end"] = "2027-03-31"  # REG07-R10-PERIOD: a warning
    if waivers is not None:
        data["waivers"] = waivers
    return data


WAIVER = {"rule": "REG07-R10-PERIOD", "pointer": "/period",
          "reason": "A two-year plan keeps the partnership in step with the county agreement.",
          "approved_by": "J. Smith, Monitoring Officer", "expires": "2026-03-31"}


def run(data):
    return validate_text(dump(data), "plan.yaml", Options(today=TODAY)).findings


def test_without_a_waiver_the_finding_counts():
    [finding] = run(two_year_plan())
    assert (finding.rule, finding.counts) == ("REG07-R10-PERIOD", True)


def test_a_waived_finding_is_still_reported_but_does_not_count():
    [finding] = run(two_year_plan([WAIVER]))
    assert finding.rule == "REG07-R10-PERIOD" and not finding.counts
    assert finding.waived.reason == WAIVER["reason"]
    assert finding.waived.pointer == "/waivers/0"


def test_a_waiver_covers_only_its_pointer():
    data = two_year_plan([dict(WAIVER, pointer="/priorities/0")])
    found = {f.rule: f for f in run(data)}
    assert found["REG07-R10-PERIOD"].counts
    assert found["WAIVER-UNUSED"].message == "the waiver of REG07-R10-PERIOD at /priorities/0 matches no finding"


def test_an_expired_waiver_is_an_error_and_waives_nothing():
    data = two_year_plan([dict(WAIVER, expires="2025-01-31")])
    found = {f.rule: f for f in run(data)}
    assert found["WAIVER-EXPIRED"].severity.label == "error"
    assert found["WAIVER-EXPIRED"].message == "the waiver of REG07-R10-PERIOD expired on 31 January 2025"
    assert found["REG07-R10-PERIOD"].counts


def test_a_waiver_naming_no_rule_suggests_one():
    data = two_year_plan([dict(WAIVER, rule="REG07-R10-PERIODS")])
    found = {f.rule: f for f in run(data)}
    assert found["WAIVER-UNUSED"].message == "the waiver names rule REG07-R10-PERIODS, which does not exist"
    assert found["WAIVER-UNUSED"].hint == "did you mean 'REG07-R10-PERIOD'?"


def test_waivers_in_the_cli_summary_json_and_exit_status(run_cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(dump(two_year_plan([WAIVER])))
    result = run_cli("validate", "--today", "2025-07-01", "--fail-on", "warning", str(plan))
    assert result.exit_code == 0
    assert f"{plan}:9:3: waived warning REG07-R10-PERIOD the plan covers 2.0 years, not three" in result.stdout
    assert "    waived: A two-year plan keeps the partnership in step with the county agreement. " \
           "(approved by J. Smith, Monitoring Officer, until 2026-03-31)" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 waived in 1 of 1 file (law as at 2025-06-01, the approval date)"
    doc = json.loads(run_cli("validate", "-f", "json", "--today", "2025-07-01", str(plan)).stdout)
    assert doc["summary"]["waived"] == 1 and doc["summary"]["warning"] == 0
    assert doc["findings"][0]["waived"]["approved_by"] == "J. Smith, Monitoring Officer"
