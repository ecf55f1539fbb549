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
    data["period"] = {"start": "2009-05-01", "end": "2012-03-31"}  # annual scrutiny from 30 April 2009
    data["approval"] = {"date": "2009-03-01", "approved_by": "Full Council"}
    del data["committee_report"]
    del data["scrutiny"]["last_scrutinised"]
    result = validate_text(dump(data), "plan.yaml", Options(today=TODAY))
    assert not RULES["CDOS09-ANNUAL"].verified
    [found] = [f for f in result.findings if f.rule == "CDOS09-ANNUAL"]
    assert found.severity.label == "warning"
    assert found.message == ("in force from 30 April 2009, before the plan period starts on 1 May 2009: "
                             "the date of the last scrutiny is not recorded")
