"""The law in force on a date: the same plan judged in 2019 and in 2024 gets different,
correct verdicts, and a duty that starts during the plan period is a warning."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import FIXTURES, dump
from cspplan.engine import Options, effective_date, validate_text
from cspplan.loader import load_text
from cspplan.model import build

TODAY = dt.date(2025, 7, 1)


def base() -> dict:
    return load_text((FIXTURES / "base-england.yaml").read_text(encoding="utf-8")).data


def plan_2019() -> dict:
    """A plan for 2019-22, with a clinical commissioning group and no serious violence."""
    data = base()
    data["period"] = {"start": "2019-04-01", "end": "2022-03-31"}
    data["approval"] = {"date": "2019-06-01", "approved_by": "Full Council"}
    data["committee_report"]["meeting_date"] = "2019-05-21"
    data["committee_report"]["published_on"] = "2019-05-13"
    for member in data["partnership"]["members"]:
        if member["kind"] == "integrated_care_board":
            member.update(id="icb", name="NHS Example CCG", kind="clinical_commissioning_group")
    data["priorities"][0]["statutory_strands"] = ["crime_and_disorder", "anti_social_behaviour"]
    data["evidence"] = [e for e in data["evidence"] if not e["kind"].startswith("serious_violence")]
    del data["version_history"], data["review"]["last_reviewed"]  # the base plan's 2025 review is not this plan's
    return data


def verdicts(data: dict, **options) -> dict[str, str]:
    result = validate_text(dump(data), "plan.yaml", Options(today=TODAY, **options))
    return {f.rule: f.severity.label for f in result.findings
            if not f.rule.startswith("QUALITY-") and f.rule != "REG07-R5-SA-CURRENT"
            and f.rule != "CDOS09-ANNUAL"}


def test_a_2019_plan_is_judged_by_2019_law():
    assert verdicts(plan_2019()) == {}


def test_the_same_plan_as_of_2024_needs_an_icb_and_serious_violence():
    assert verdicts(plan_2019(), as_of=dt.date(2024, 6, 1)) == {
        "CDA-S5-RA-HEALTH-ICB": "error",
        "CDA-S5-RA-HEALTH-CCG-GONE": "error",
        "CDA-S6-STRAT-SV": "error",
        "PCSC-S8-SVD": "warning",
    }


def test_a_duty_starting_during_the_plan_period_is_a_warning():
    data = plan_2019()
    data["period"] = {"start": "2022-04-01", "end": "2025-03-31"}
    data["approval"] = {"date": "2022-05-01", "approved_by": "Full Council"}
    result = validate_text(dump(data), "plan.yaml", Options(today=TODAY))
    by_rule = {f.rule: f for f in result.findings}
    icb = by_rule["CDA-S5-RA-HEALTH-ICB"]
    assert icb.severity.label == "warning"
    assert icb.message == ("from 1 July 2022, during the plan period: no integrated care board is "
                           "listed as a responsible authority")
    assert by_rule["CDA-S6-STRAT-SV"].severity.label == "warning"
    assert by_rule["CDA-S6-STRAT-SV"].message.startswith("from 31 January 2023, during the plan period: ")
    assert "CDA-S5-RA-HEALTH-CCG" not in by_rule  # the CCG is listed, as the law then required
    gone = by_rule["CDA-S5-RA-HEALTH-CCG-GONE"]  # ... but it is abolished during the plan period
    assert gone.severity.label == "warning"
    assert gone.message.startswith("from 1 July 2022, during the plan period: 'NHS Example CCG' is listed as a "
                                   "clinical commissioning group, but clinical commissioning groups were abolished")


def test_police_authorities_before_and_after_2012():
    data = plan_2019()
    data["period"] = {"start": "2010-04-01", "end": "2013-03-31"}
    data["approval"] = {"date": "2010-06-01", "approved_by": "Full Council"}
    assert "CDA-S5-RA-POLICE-AUTHORITY" in verdicts(data)
    data["partnership"]["members"].append({"id": "pa", "name": "Example Police Authority", "kind": "police_authority"})
    assert "CDA-S5-RA-POLICE-AUTHORITY" not in verdicts(data)
    later = verdicts(data, as_of=dt.date(2013, 6, 1))
    assert later.get("CDA-S5-RA-POLICE-AUTHORITY-GONE") == "error"
    assert "CDA-S5-RA-POLICE-AUTHORITY" not in later


def test_primary_care_trusts_are_unverified_so_at_most_a_warning():
    data = plan_2019()
    data["period"] = {"start": "2010-04-01", "end": "2013-03-31"}
    data["approval"] = {"date": "2010-06-01", "approved_by": "Full Council"}
    assert verdicts(data)["CDA-S5-RA-HEALTH-PCT"] == "warning"


def test_welsh_plans_need_a_local_health_board_not_an_icb():
    data = load_text((FIXTURES / "base-wales.yaml").read_text(encoding="utf-8")).data
    data["partnership"]["members"] = [m for m in data["partnership"]["members"] if m["kind"] != "local_health_board"]
    found = verdicts(data)
    assert found.get("CDA-S5-RA-HEALTH-WALES") == "error"
    assert "CDA-S5-RA-HEALTH-ICB" not in found


def test_re_offending_only_from_april_2010():
    data = plan_2019()
    data["priorities"][1]["statutory_strands"] = ["substance_misuse"]
    assert verdicts(data)["CDA-S6-STRAT-REOFFEND"] == "error"
    # Judged in 2009, a plan for 2019-22 is bound for all its period; one for 2009-12 is
    # warned, as the duty starts during it; one for 2007-10 was never bound.
    assert verdicts(data, as_of=dt.date(2009, 6, 1))["CDA-S6-STRAT-REOFFEND"] == "error"
    data["period"] = {"start": "2009-04-01", "end": "2012-03-31"}
    assert verdicts(data, as_of=dt.date(2009, 6, 1))["CDA-S6-STRAT-REOFFEND"] == "warning"
    data["period"] = {"start": "2007-04-01", "end": "2010-03-31"}
    assert "CDA-S6-STRAT-REOFFEND" not in verdicts(data, as_of=dt.date(2009, 6, 1))


def test_the_effective_date_is_approval_then_meeting_then_today():
    data = base()
    del data["version_history"], data["review"]["last_reviewed"]
    assert effective_date(build(data), TODAY) == dt.date(2025, 6, 1)
    del data["approval"]
    assert effective_date(build(data), TODAY) == dt.date(2025, 5, 20)
    del data["committee_report"]
    assert effective_date(build(data), TODAY) == TODAY


# --- a duty in force before the plan period starts -----------------------------------------------

SV = "no priority delivers the strategy for preventing and reducing serious violence"


def serious_violence(approval: str, start: str, end: str = "2026-03-31") -> tuple[str, str] | None:
    """CDA-S6-STRAT-SV's severity and the start of its message, for a plan with no serious
    violence strand approved on ``approval`` for ``start`` to ``end``."""
    data = plan_2019()
    data["period"] = {"start": start, "end": end}
    data["approval"] = {"date": approval, "approved_by": "Full Council"}
    del data["committee_report"]
    result = validate_text(dump(data), "plan.yaml", Options(today=TODAY))
    [found] = [f for f in result.findings if f.rule == "CDA-S6-STRAT-SV"] or [None]
    if found is None:
        return None
    assert SV in found.message
    return found.severity.label, found.message.partition(": ")[0]


def test_a_plan_approved_in_december_2022_for_april_2023_needs_serious_violence():
    assert serious_violence("2022-12-15", "2023-04-01") == (
        "error", "in force from 31 January 2023, before the plan period starts on 1 April 2023")


@pytest.mark.parametrize("start, expected", [
    ("2023-01-30", ("warning", "from 31 January 2023, during the plan period")),   # the day before
    ("2023-01-31", ("error", "in force from 31 January 2023, the day the plan period starts")),  # the day of
    ("2023-02-01", ("error", "in force from 31 January 2023, before the plan period starts on 1 February 2023")),
])
def test_the_duty_starting_around_the_start_of_the_period(start, expected):
    assert serious_violence("2022-12-15", start) == expected


@pytest.mark.parametrize("approval, before", [
    ("2023-01-30", True),    # the day before the duty: in force before the period starts
    ("2023-01-31", False),   # the day of: in force on the plan's date, as it always was
    ("2023-02-01", False),
])
def test_the_duty_starting_around_the_plans_date(approval, before):
    severity, said = serious_violence(approval, "2023-04-01")
    assert severity == "error"
    if before:
        assert said == "in force from 31 January 2023, before the plan period starts on 1 April 2023"
    else:
        assert said.startswith(SV)


@pytest.mark.parametrize("start, end, expected", [
    ("2020-01-31", "2023-01-30", None),   # the duty starts the day after the period ends
    ("2020-02-01", "2023-01-31", ("warning", "from 31 January 2023, during the plan period")),  # its last day
    ("2020-02-02", "2023-02-01", ("warning", "from 31 January 2023, during the plan period")),
])
def test_the_duty_starting_around_the_end_of_the_period(start, end, expected):
    assert serious_violence("2019-12-15", start, end) == expected


def test_unverified_law_in_force_before_the_period_is_still_a_warning():
    from cspplan.rules import RULES

    data = plan_2019()
    data["period"] = {"start": "2004-06-01", "end": "2007-03-31"}  # primary care trusts from 30 April 2004
    data["approval"] = {"date": "2004-03-01", "approved_by": "Full Council"}
    del data["committee_report"]
    result = validate_text(dump(data), "plan.yaml", Options(today=TODAY))
    assert not RULES["CDA-S5-RA-HEALTH-PCT"].verified
    [found] = [f for f in result.findings if f.rule == "CDA-S5-RA-HEALTH-PCT"]
    assert found.severity.label == "warning"
    assert found.message.startswith("in force from 30 April 2004, before the plan period starts on 1 June 2004: ")


# --- which date's law: a review later than the approval --------------------------------------------

def reviewed(last_reviewed: str | None = None, version: str | None = None) -> dict:
    """The base plan (approved 1 June 2025, annual scrutiny 12 March 2025), reviewed then."""
    data = base()
    del data["version_history"], data["review"]["last_reviewed"]
    if last_reviewed:
        data["review"]["last_reviewed"] = last_reviewed
    if version:
        data["version_history"] = [{"version": "1.0", "date": "2025-06-01", "summary": "Approved."},
                                   {"version": "1.1", "date": version, "summary": "Noted at review."}]
    return data


def judged(data: dict, today: dt.date = dt.date(2026, 6, 1)):
    result = validate_text(dump(data), "plan.yaml", Options(today=today))
    return result.as_of, result.as_of_reason, {f.rule for f in result.findings}


@pytest.mark.parametrize("day, expected", [
    ("2025-05-31", (dt.date(2025, 6, 1), "the approval date")),     # the day before the approval
    ("2025-06-01", (dt.date(2025, 6, 1), "the approval date")),     # the day of it
    ("2025-06-02", (dt.date(2025, 6, 2), "the last review (review.last_reviewed), later than the plan's own date")),
])
def test_a_review_later_than_the_approval_decides(day, expected):
    assert judged(reviewed(last_reviewed=day))[:2] == expected


def test_a_later_version_row_decides_and_the_later_of_the_two_wins():
    assert judged(reviewed(version="2025-11-18"))[:2] == (
        dt.date(2025, 11, 18), "the latest version (version_history), later than the plan's own date")
    assert judged(reviewed(last_reviewed="2026-01-10", version="2025-11-18"))[0] == dt.date(2026, 1, 10)


@pytest.mark.parametrize("today, as_of", [
    (dt.date(2026, 3, 11), dt.date(2025, 6, 1)),    # the day before the review: not yet held
    (dt.date(2026, 3, 12), dt.date(2026, 3, 12)),   # the day of it
    (dt.date(2026, 3, 13), dt.date(2026, 3, 12)),
])
def test_a_review_after_today_is_not_used(today, as_of):
    assert judged(reviewed(last_reviewed="2026-03-12"), today)[0] == as_of


def test_judged_at_the_review_what_went_stale_is_seen():
    # scrutinised 12 March 2025: current at approval, more than a year old at a review in May 2026
    assert "CDOS09-ANNUAL" not in judged(reviewed())[2]
    assert "CDOS09-ANNUAL" in judged(reviewed(last_reviewed="2026-05-01"))[2]


def test_the_reason_for_the_date_in_every_case(run_cli, tmp_path):
    import json

    cases = {
        "approval": (reviewed(), (), "the approval date"),
        "meeting": ({**reviewed(), "status": "draft", "approval": None}, (),
                    "the committee meeting date, as no approval is recorded"),
        "today": ({**reviewed(), "status": "draft", "approval": None, "committee_report": None}, (),
                  "today, as the plan records no approval or committee meeting date"),
        "review": (reviewed(last_reviewed="2026-01-10"), (),
                   "the last review (review.last_reviewed), later than the plan's own date"),
        "period": ({**reviewed(), "approval": {"date": "2052-06-01", "approved_by": "Full Council"}}, (),
                   "the start of the plan period, as the plan's date is far outside it"),
        "given": (reviewed(), ("--as-of", "2025-07-01"), "the date given with --as-of"),
    }
    for name, (data, extra, reason) in cases.items():
        data = {k: v for k, v in data.items() if v is not None}
        plan = tmp_path / f"{name}.yaml"
        plan.write_text(dump(data), encoding="utf-8")
        text = run_cli("validate", "--today", "2026-06-01", *extra, str(plan)).stdout.splitlines()[-1]
        assert text.endswith(f", {reason})"), (name, text)
        doc = json.loads(run_cli("validate", "--today", "2026-06-01", "--format", "json", *extra, str(plan)).stdout)
        assert doc["files"][0]["as_of_reason"] == reason, name
