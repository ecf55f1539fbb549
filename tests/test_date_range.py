"""A date centuries off must not switch the law off.

An approval date typed 0204-09-24 for 2024-09-24 used to make validate judge the plan by
the law as at 0204, when no duty was in force: a plan missing its police passed with no
errors, and ``render --strict`` rendered it. Now the date is an error at its line
(QUALITY-DATE-RANGE), and the plan is judged by the law as at the start of its period.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import ROOT
from cspplan import model
from cspplan.engine import Options, effective_date, judged_at, validate_text
from cspplan.rules.quality import likely_typo

SPELTHORNE = (ROOT / "plans" / "spelthorne-2024-26.yaml").read_text(encoding="utf-8")
APPROVAL = "approval:\n  date: 2024-09-24\n"
TYPO = "approval:\n  date: 0204-09-24\n"
TODAY = dt.date(2025, 7, 1)
PERIOD = model.Period(dt.date(2024, 10, 1), dt.date(2026, 9, 30), "/period")
MESSAGE = ("the approval date, 0204-09-24, is more than two years before the plan period (1 October 2024 to "
           "30 September 2026); the plan is judged by the law as at the start of the period, 1 October 2024")
LAW = "law as at 2024-10-01, the start of the plan period, as the plan's date is far outside it"


def without_authorities(text: str) -> str:
    """The plan with its police, health body and probation listed as mere co-operating bodies."""
    for kind in ("chief_officer_of_police", "integrated_care_board", "probation_provider"):
        text = text.replace(f"      kind: {kind}\n", "      kind: co_operating_body\n", 1)
    return text


def rows(findings) -> list[tuple]:
    return [(f.location.line, f.location.column, f.rule, f.severity.label, f.message) for f in findings]


def test_the_example_has_the_approval_date_where_the_tests_expect_it():
    assert SPELTHORNE.count(APPROVAL) == 1
    assert SPELTHORNE.splitlines().index("  date: 2024-09-24") + 1 == 40


def test_the_typo_is_an_error_at_its_line_and_the_law_is_the_periods():
    wrong = without_authorities(SPELTHORNE.replace(APPROVAL, TYPO))
    right = without_authorities(SPELTHORNE)
    options = Options(today=TODAY)
    typo, correct = validate_text(wrong, "plan.yaml", options), validate_text(right, "plan.yaml", options)
    assert (typo.as_of, typo.as_of_note) == (dt.date(2024, 10, 1), LAW.removeprefix("law as at 2024-10-01, "))
    assert (correct.as_of, correct.as_of_note) == (dt.date(2024, 9, 24), None)
    [date_range] = [f for f in typo.findings if f.rule == "QUALITY-DATE-RANGE"]
    assert rows([date_range]) == [(40, 9, "QUALITY-DATE-RANGE", "error", MESSAGE)]
    assert date_range.hint == "did you mean 2024-09-24?"
    statutory = {"CDA-S5-RA-POLICE", "CDA-S5-RA-HEALTH-ICB", "CDA-S5-RA-PROBATION"}
    assert statutory <= {f.rule for f in typo.findings if f.severity.label == "error"}
    # every other finding is what the plan gets with the date typed right
    assert rows(f for f in typo.findings if f.rule != "QUALITY-DATE-RANGE") == rows(correct.findings)
    # judged by the law as at 0204 (as it used to be, and as --as-of still can ask), every
    # duty starts after the plan's date; but they are in force before the period starts,
    # so the missing authorities are errors all the same, saying so
    ancient = validate_text(wrong, "plan.yaml", Options(today=TODAY, as_of=dt.date(204, 9, 24)))
    assert statutory <= {f.rule for f in ancient.findings if f.severity.label == "error"}
    [police] = [f for f in ancient.findings if f.rule == "CDA-S5-RA-POLICE"]
    assert police.message.startswith("in force from 30 September 1998, before the plan period starts on "
                                     "1 October 2024: ")


def test_the_command_line_says_so(run_cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(without_authorities(SPELTHORNE.replace(APPROVAL, TYPO)), encoding="utf-8")
    result = run_cli("validate", "--today", str(TODAY), str(plan))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    at = lines.index(f"{plan}:40:9: error QUALITY-DATE-RANGE {MESSAGE}")
    assert lines[at + 1] == "    help: did you mean 2024-09-24?"
    assert any(line.startswith(f"{plan}:") and " error CDA-S5-RA-POLICE " in line for line in lines)
    assert lines[-1].endswith(f" in 1 of 1 file ({LAW})")
    as_json = json.loads(run_cli("validate", "--today", str(TODAY), "--format", "json", str(plan)).stdout)
    assert as_json["files"][0]["as_of"] == "2024-10-01"


def test_render_strict_refuses_the_plan(run_cli, tmp_path):
    plan, out = tmp_path / "plan.yaml", tmp_path / "paper.docx"
    plan.write_text(SPELTHORNE.replace(APPROVAL, TYPO), encoding="utf-8")
    result = run_cli("render", str(plan), "-o", str(out), "--strict", "--today", str(TODAY))
    assert result.exit_code == 1
    assert "0204-09-24" in result.stderr and "--strict refuses" in result.stderr
    assert not out.exists()


def test_a_date_given_on_the_command_line_is_kept():
    text = SPELTHORNE.replace(APPROVAL, TYPO)
    result = validate_text(text, "plan.yaml", Options(today=TODAY, as_of=dt.date(2025, 1, 1)))
    assert (result.as_of, result.as_of_note) == (dt.date(2025, 1, 1), None)
    [finding] = [f for f in result.findings if f.rule == "QUALITY-DATE-RANGE"]
    assert "judged by" not in finding.message


# --- which date's law -------------------------------------------------------------------------------

def _plan(approval: str | None, meeting: str | None = None):
    class Report:
        meeting_date = dt.date.fromisoformat(meeting) if meeting else None

    class Plan:
        period = PERIOD
        approval_date = dt.date.fromisoformat(approval) if approval else None
        report = Report() if meeting else None
    return Plan()


@pytest.mark.parametrize("approval, meeting, judged", [
    ("2024-09-24", "2024-09-24", "2024-09-24"),
    ("2022-10-01", None, "2022-10-01"),   # the first day of the reach
    ("2022-09-30", None, "2024-10-01"),   # the day before it
    ("2028-09-30", None, "2028-09-30"),   # the last day of the reach
    ("2028-10-01", None, "2024-10-01"),   # the day after it
    ("0204-09-24", "2024-09-24", "2024-10-01"),  # the approval decides, and is a slip
    (None, "2042-09-24", "2024-10-01"),
    (None, "2024-09-24", "2024-09-24"),
    (None, None, "2025-07-01"),           # today
])
def test_the_date_whose_law_applies(approval, meeting, judged):
    plan = _plan(approval, meeting)
    assert effective_date(plan, TODAY) == dt.date.fromisoformat(judged)
    assert (judged_at(plan, TODAY)[1] is None) == (judged != "2024-10-01")


# --- the date meant ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, meant", [
    ("0204-09-24", "2024-09-24"),   # a digit dropped, the year padded with a zero
    ("2042-09-24", "2024-09-24"),   # two digits swapped
    ("2204-09-24", "2024-09-24"),
    ("2014-09-24", "2024-09-24"),   # one digit wrong
    ("3024-09-24", "2024-09-24"),
    ("2035-06-01", "2025-06-01"),
    ("1066-10-14", None),           # no one slip explains it
    ("2029-10-01", None),           # 2024, 2025 and 2026 are all one digit away: no telling
    ("2029-09-30", None),
])
def test_the_date_meant(typed, meant):
    found = likely_typo(dt.date.fromisoformat(typed), PERIOD)
    assert found == (dt.date.fromisoformat(meant) if meant else None)


def test_the_date_meant_skips_a_29_february_the_year_lacks():
    leap = model.Period(dt.date(2024, 2, 29), dt.date(2027, 2, 28), "/period")
    assert likely_typo(dt.date(2204, 2, 29), leap) == dt.date(2024, 2, 29)
    assert likely_typo(dt.date(2420, 2, 29), leap) is None  # 2421, 2425 ... have no 29 February


@pytest.mark.parametrize("start, end", [("0001-01-01", "0002-12-31"), ("9998-01-01", "9999-12-31")])
def test_a_period_at_the_ends_of_the_calendar_reaches_no_further(start, end):
    period = model.Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end), "/period")
    first, last = period.reach
    assert first == (dt.date.min if start.startswith("0001") else dt.date(9996, 1, 1))
    assert last == (dt.date.max if end.startswith("9999") else dt.date(4, 12, 31))
    assert likely_typo(dt.date(2024, 9, 24), period) is None
