"""cspplan review: the review cycle and the action plan, judged on a given day."""

from __future__ import annotations

import copy
import datetime as dt
import json

from conftest import COMPLIANT_TEXT, dump
from cspplan import review as reviewing
from cspplan.loader import load_text
from cspplan.model import build

BASE = load_text(COMPLIANT_TEXT).data


def review_of(data, today):
    loaded = load_text(dump(data), "plan.yaml")
    return reviewing.review(build(loaded.data), "plan.yaml", today, lambda p: loaded.locate(p).line)


def test_on_time_with_nothing_late():
    result = review_of(BASE, dt.date(2025, 7, 1))
    assert (result.next_due, result.overdue, result.days) == (dt.date(2026, 3, 31), False, 273)
    assert all(items == [] for _, items in result.sections())


def test_overdue_review_late_actions_and_old_evidence():
    result = review_of(BASE, dt.date(2026, 5, 1))
    assert (result.overdue, result.days) == (True, -31)
    assert [i.what.split(" ")[0] for i in result.overdue_actions] == ["streets-1"]
    assert result.overdue_actions[0].line > 0
    assert [i.what for i in result.stale_evidence] == ["Example Strategic Assessment 2025 (31 January 2025)"]


def test_complete_and_cancelled_actions_are_not_late():
    data = copy.deepcopy(BASE)
    data["priorities"][0]["actions"][0]["status"] = "complete"
    assert review_of(data, dt.date(2026, 5, 1)).overdue_actions == []


def test_measures_off_target_given_their_direction_on_a_whole_year():
    data = copy.deepcopy(BASE)
    measure = data["priorities"][0]["measures"][0]       # direction: decrease
    measure["baseline"] = {"value": 300, "period": "2023/24"}
    measure["latest"] = {"value": 320, "period": "2024/25"}
    [item] = review_of(data, dt.date(2025, 7, 1)).off_target
    assert item.what.endswith("up from 300 (2023/24) to 320 (2024/25); the aim is to decrease")
    measure["latest"] = {"value": 90, "period": "April to June 2025"}  # a quarter: not judged
    assert review_of(data, dt.date(2025, 7, 1)).off_target == []
    measure["latest"] = {"value": 280, "period": "2024/25"}
    measure["target"]["value"] = 250  # short of the end-of-plan target, but going the right way
    assert review_of(data, dt.date(2025, 7, 1)).off_target == []
    measure["target"] = {"direction": "maintain"}
    [item] = review_of(data, dt.date(2025, 7, 1)).off_target
    assert item.what.endswith("changed from 300 (2023/24) to 280 (2024/25); the aim is to hold it steady")


def test_only_the_latest_evidence_of_a_kind_can_be_stale():
    data = copy.deepcopy(BASE)
    data["evidence"].append({"id": "sa-2024", "kind": "strategic_assessment", "title": "Assessment 2024",
                             "date": "2024-01-31"})
    assert [i.what for i in review_of(data, dt.date(2025, 7, 1)).stale_evidence] == []
    assert [i.what for i in review_of(data, dt.date(2026, 5, 1)).stale_evidence] == [
        "Example Strategic Assessment 2025 (31 January 2025)"]


def test_priorities_without_actions_or_measures():
    data = copy.deepcopy(BASE)
    del data["priorities"][1]["actions"]
    del data["priorities"][0]["measures"]
    result = review_of(data, dt.date(2025, 7, 1))
    assert [i.what for i in result.without_actions] == ["Drugs, alcohol and re-offending"]
    assert [i.what for i in result.without_measures] == ["Safer streets"]


def test_cli_exit_status_and_json(run_cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(COMPLIANT_TEXT)
    on_time = run_cli("review", str(plan), "--today", "2025-07-01", "--fail-on-overdue")
    assert on_time.exit_code == 0 and "Next review: due 31 March 2026, in 273 days" in on_time.stdout
    late = run_cli("review", str(plan), "--today", "2026-05-01", "--fail-on-overdue")
    assert late.exit_code == 1 and "Next review: OVERDUE: it was due 31 March 2026, 31 days ago" in late.stdout
    assert run_cli("review", str(plan), "--today", "2026-05-01").exit_code == 0
    doc = json.loads(run_cli("review", str(plan), "--today", "2026-05-01", "-f", "json").stdout)
    assert doc["overdue"] is True and doc["days_until_due"] == -31
    assert doc["overdue_actions"][0]["pointer"] == "/priorities/0/actions/0"
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [")
    assert run_cli("review", str(broken)).exit_code == 2


def _with_review(**review):
    data = copy.deepcopy(BASE)
    data["review"] = {"frequency_months": 6, "last_reviewed": dt.date(2025, 6, 1), **review}
    for version in data.get("version_history") or []:
        version.pop("next_review_due", None)
    return data


def _validate_overdue(data, today):
    from cspplan.engine import Options, validate_text
    result = validate_text(dump(data), "plan.yaml", Options(today=today, select=("QUALITY-REVIEW-OVERDUE",)))
    return [f.message for f in result.findings if f.rule == "QUALITY-REVIEW-OVERDUE"]


def test_with_no_date_set_the_review_is_due_the_frequency_after_the_last_review():
    data = _with_review()
    assert review_of(data, dt.date(2025, 12, 1)).overdue is False  # the due day
    late = review_of(data, dt.date(2025, 12, 2))                     # the day after
    assert (late.next_due, late.overdue, late.days) == (dt.date(2025, 12, 1), True, -1)
    assert _validate_overdue(data, dt.date(2025, 12, 1)) == []
    assert _validate_overdue(data, dt.date(2025, 12, 2)) == [
        "the review due 1 December 2025, 6 months after 1 June 2025, is overdue "
        "(today is 2 December 2025)"]


def test_a_stale_version_row_does_not_decide_the_due_date():
    data = _with_review(last_reviewed=dt.date(2025, 12, 1))
    data["version_history"][0]["next_review_due"] = dt.date(2026, 3, 31)  # older than the last review
    result = review_of(data, dt.date(2026, 4, 1))
    assert (result.next_due, result.overdue) == (dt.date(2026, 6, 1), False)
    assert _validate_overdue(data, dt.date(2026, 4, 1)) == []


def test_a_later_date_set_does_not_put_the_review_off():
    data = _with_review(next_review_due=dt.date(2026, 6, 1))
    result = review_of(data, dt.date(2026, 3, 1))  # nine months after the last review
    assert (result.next_due, result.overdue, result.days) == (dt.date(2025, 12, 1), True, -90)
    assert len(_validate_overdue(data, dt.date(2026, 3, 1))) == 1


def test_an_earlier_date_set_is_the_one_that_counts():
    data = _with_review(next_review_due=dt.date(2025, 10, 1))
    assert review_of(data, dt.date(2025, 10, 1)).overdue is False
    result = review_of(data, dt.date(2025, 10, 2))
    assert (result.next_due, result.overdue) == (dt.date(2025, 10, 1), True)
    assert _validate_overdue(data, dt.date(2025, 10, 1)) == []
    assert _validate_overdue(data, dt.date(2025, 10, 2)) == [
        "the review due 1 October 2025 is overdue (today is 2 October 2025)"]


def test_cli_fails_a_review_nine_months_old_on_a_six_month_cycle(run_cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(dump(_with_review(next_review_due=dt.date(2026, 6, 1))))
    late = run_cli("review", str(plan), "--today", "2026-03-01", "--fail-on-overdue")
    assert late.exit_code == 1 and "Next review: OVERDUE: it was due 1 December 2025, 90 days ago" in late.stdout
