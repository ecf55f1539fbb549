"""Who holds the local policing body's role decides the police and crime plan duties.

The City of London has no elected local policing body (regulation 13A of the 2007
Regulations applies "with the exception of the City of London"); a mayor holds the
commissioner's functions in London (through the Mayor's Office for Policing and Crime),
Greater Manchester, West Yorkshire and York and North Yorkshire. The verdicts follow the
role the plan declares (or its ONS code implies), never words in a name.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from conftest import COMPLIANT_TEXT, TODAY, dump

from cspplan.engine import Options, validate_text
from cspplan.loader import load_text

BASE = load_text(COMPLIANT_TEXT).data
POLICE_DUTIES = {"REG07-R13A-PLAN-TO-PCC", "CDA-S6-PCC-REGARD", "CDA-S6-PCC-ALIGN", "PRSRA-S10-COOP"}


def _without_policing_body(data: dict) -> dict:
    """The plan with no police and crime plan, nothing sent, and no commissioner listed."""
    data = copy.deepcopy(data)
    data.pop("police_and_crime_plan", None)
    data["publication"].pop("sent_to_commissioner_on", None)
    data["partnership"]["members"] = [m for m in data["partnership"]["members"]
                                      if m["kind"] != "police_and_crime_commissioner"]
    for priority in data["priorities"]:
        priority.pop("police_and_crime_objectives", None)
    return data


def _check(data: dict, **options):
    return validate_text(dump(data), "plan.yaml", Options(today=dt.date.fromisoformat(TODAY), **options))


# The base plan's report is neither exempt nor a key decision: these do not apply either.
NOT_ASKED_OF_THIS_REPORT = {"EXEC12-R9-KEYDEC", "LGA72-SCH12A-E", "LGA72-SCH12A-PIT"}


def _rules(result) -> set[str]:
    return {f.rule for f in result.findings}


def test_a_plan_without_a_policing_body_fails_the_police_duties_elsewhere():
    # (the mapping of priorities, CDA-S6-PCC-ALIGN, is only judged once there is a plan to map to)
    assert POLICE_DUTIES - {"CDA-S6-PCC-ALIGN"} <= _rules(_check(_without_policing_body(BASE)))


@pytest.mark.parametrize("area", [{"ons_code": "E09000001", "council_type": "london_borough"},
                                  {"policing_body": "none"}],
                         ids=["City of London by its ONS code", "declared none"])
def test_the_city_of_london_gets_none_of_the_police_duties_and_is_told_why(area):
    data = _without_policing_body(BASE)
    data["area"].update(area)
    result = _check(data)
    assert _rules(result) & POLICE_DUTIES == set()
    police = {rule: why for rule, why in result.not_applicable.items() if rule not in NOT_ASKED_OF_THIS_REPORT}
    assert set(police) == POLICE_DUTIES
    assert all("no local policing body" in reason for reason in police.values())


def test_json_lists_the_rules_that_do_not_apply_with_their_reasons(run_cli, tmp_path):
    data = _without_policing_body(BASE)
    data["area"]["policing_body"] = "none"
    path = tmp_path / "city.yaml"
    path.write_text(dump(data), encoding="utf-8")
    doc = json.loads(run_cli("validate", "--format", "json", "--today", TODAY, str(path)).stdout)
    listed = {entry["rule"]: entry["reason"] for entry in doc["files"][0]["not_applicable"]}
    assert set(listed) == POLICE_DUTIES | NOT_ASKED_OF_THIS_REPORT
    assert listed["REG07-R13A-PLAN-TO-PCC"] == "the area declares no local policing body"


def test_a_police_and_crime_plan_not_yet_issued_is_not_required_but_sending_the_plan_still_is():
    data = _without_policing_body(BASE)
    data["police_and_crime_plan"] = {"not_issued": "The commissioner elected in May 2024 is consulting on a plan."}
    result = _check(data)
    assert {"CDA-S6-PCC-REGARD", "CDA-S6-PCC-ALIGN"} & _rules(result) == set()
    assert {"REG07-R13A-PLAN-TO-PCC", "PRSRA-S10-COOP"} <= _rules(result)


def test_a_london_borough_is_told_to_send_the_plan_to_the_mayors_office():
    data = _without_policing_body(BASE)
    data["area"].update(ons_code="E09000033", council_type="london_borough")
    [finding] = [f for f in _check(data).findings if f.rule == "REG07-R13A-PLAN-TO-PCC"]
    assert finding.message == "the plan does not record that it was sent to the Mayor's Office for Policing and Crime"


ROLE_WORDS = ["Police and Crime Commissioner", "Police Authority", "Primary Care Trust",
              "Clinical Commissioning Group", "Mayor", "Police, Fire and Crime Commissioner", "City of London"]


@pytest.mark.parametrize("policing_body", ["police_and_crime_commissioner", "mayor", "none"])
def test_no_verdict_depends_on_words_in_a_name(policing_body):
    """Renaming every member, group and the area with words that name roles changes no
    verdict: the same rules report at the same places (messages may quote the names)."""
    data = copy.deepcopy(BASE)
    data["area"]["policing_body"] = policing_body
    data["period"] = {"start": "2026-04-01", "end": "2029-03-31"}  # past the announced abolition
    renamed = copy.deepcopy(data)
    renamed["area"]["name"] = "City of London"
    for i, member in enumerate(renamed["partnership"]["members"]):
        member["name"] = f"Exampleshire {ROLE_WORDS[i % len(ROLE_WORDS)]}"
    for i, group in enumerate(renamed["partnership"].get("governance", [])):
        group["name"] = f"{ROLE_WORDS[-(i + 1) % len(ROLE_WORDS)]} Board"

    def verdicts(plan):
        return sorted((f.rule, f.location.pointer, f.severity.label)
                      for f in _check(plan, preview=True).findings)

    assert verdicts(renamed) == verdicts(data)
