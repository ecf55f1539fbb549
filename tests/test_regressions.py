"""Problems found in review, each kept from coming back."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from conftest import COMPLIANT_TEXT, MINIMAL_TEXT, dump
from cspplan import engine
from cspplan.engine import Options, validate_text
from cspplan.loader import load_text

TODAY = dt.date(2025, 7, 1)


def findings(text, **options):
    return validate_text(text, "plan.yaml", Options(today=TODAY, **options)).findings


def test_dates_at_the_ends_of_the_calendar_do_not_crash_the_rules():
    early = COMPLIANT_TEXT.replace("meeting_date: 2025-05-20", "meeting_date: 0001-01-05") \
                          .replace("published_on: 2025-05-12", "published_on: 0001-01-01")
    assert any(f.rule == "LGA72-S100B-5DAYS" for f in findings(early))
    late = COMPLIANT_TEXT.replace("last_reviewed: 2025-06-01", "last_reviewed: 9999-12-01")
    assert findings(late) is not None  # no exception


def test_a_rule_that_fails_spoils_only_its_own_file(tmp_path, monkeypatch):
    from cspplan.rules import RULES

    (tmp_path / "a.yaml").write_text(COMPLIANT_TEXT)
    (tmp_path / "b.yaml").write_text(MINIMAL_TEXT)
    rule = RULES["CDA-S5-RA-POLICE"]
    original = rule.check

    def broken(plan, ctx):
        if len(plan.members) > 2:  # a.yaml, not the minimal b.yaml
            raise ValueError("boom")
        return original(plan, ctx)
    object.__setattr__(rule, "check", broken)  # Rule is frozen
    try:
        report = engine.validate([tmp_path], options=Options(today=TODAY))
    finally:
        object.__setattr__(rule, "check", original)
    assert report.input_errors == [(str(tmp_path / "a.yaml"), "cspplan could not check this file: rule "
                                    "CDA-S5-RA-POLICE failed (ValueError: boom); please report it")]
    assert [r.path for r in report.files] == [str(tmp_path / "b.yaml")]


def test_a_pipe_inside_a_folder_is_reported_not_opened(tmp_path):
    (tmp_path / "a.yaml").write_text(COMPLIANT_TEXT)
    os.mkfifo(tmp_path / "pipe.yaml")
    report = engine.validate([tmp_path], options=Options(today=TODAY))
    assert report.input_errors == [(str(tmp_path / "pipe.yaml"), "not a regular file")]
    assert len(report.files) == 1


def test_many_unknown_fields_are_capped():
    text = MINIMAL_TEXT + "".join(f"prioritiez{i}: 1\n" for i in range(5000))
    result = findings(text)
    assert len(result) == 200 and result[0].message == "unknown field 'prioritiez0'"


def test_a_waiver_covers_everything_inside_its_pointer():
    data = load_text(COMPLIANT_TEXT).data
    del data["priorities"][0]["actions"]
    data["waivers"] = [{"rule": "REG07-R10-STEPS", "pointer": "/priorities", "reason": "Actions to follow.",
                        "approved_by": "J. Smith", "expires": "2026-03-31"}]
    [finding] = findings(dump(data))
    assert finding.rule == "REG07-R10-STEPS" and finding.waived is not None


def test_escaped_control_characters_are_refused():
    text = COMPLIANT_TEXT.replace("title: Safer streets\n", 'title: "Safer \\x1b[31mstreets"\n')
    [finding] = findings(text)
    assert (finding.rule, finding.message) == ("YAML", "the text contains the control character U+001B, "
                                                       "written as an escape")


def test_sarif_uris_are_encoded(run_cli, tmp_path, monkeypatch):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "my plan #1%.yaml").write_text(MINIMAL_TEXT.replace("status: draft", "status: x"))
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run_cli("validate", "--format", "sarif", "odd").stdout)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "odd/my%20plan%20%231%25.yaml"


@pytest.mark.parametrize("args, message", [
    (("--select", ""), "an empty rule name was given to --select or --ignore"),
    (("--select", "A,,B"), "an empty rule name was given to --select or --ignore"),
    (("--select", "PENDING-DARDR"), "--select PENDING-DARDR leaves no rule to run (they are for law not yet in "
                                    "force: add --preview)"),
])
def test_a_selection_that_runs_nothing_is_a_usage_error(run_cli, tmp_path, args, message):
    plan = tmp_path / "plan.yaml"
    plan.write_text(COMPLIANT_TEXT)
    result = run_cli("validate", *args, str(plan))
    assert (result.exit_code, result.stderr) == (2, f"cspplan: {message}\n")


def _with_member_kind(kind: str, period: tuple[str, str] | None = None) -> str:
    data = load_text(COMPLIANT_TEXT).data
    if period:
        data["period"] = {"start": period[0], "end": period[1]}
    for member in data["partnership"]["members"]:
        if member["id"] == "icb":
            member["kind"] = kind
    return dump(data)


@pytest.mark.parametrize("as_of, successor", [
    (dt.date(2015, 6, 1), "clinical commissioning group"),  # the CCGs that replaced the PCTs
    (dt.date(2022, 6, 30), "clinical commissioning group"),
    (dt.date(2022, 7, 1), "integrated care board"),  # the CCGs are gone too
])
def test_an_abolished_primary_care_trust_hint_names_the_body_of_the_day(as_of, successor):
    text = _with_member_kind("primary_care_trust", ("2014-04-01", "2024-03-31"))
    found = {f.rule: f for f in findings(text, as_of=as_of)}
    kind = successor.replace(" ", "_")
    assert found["CDA-S5-RA-HEALTH-PCT-GONE"].hint == f"list the {successor} instead, with kind: {kind}"
    assert found["CDA-S5-RA-HEALTH-PCT-GONE"].severity.label == "error"


def test_a_clinical_commissioning_group_abolished_during_the_plan_names_its_successor():
    text = _with_member_kind("clinical_commissioning_group", ("2022-04-01", "2025-03-31"))
    found = {f.rule: f for f in findings(text, as_of=dt.date(2022, 6, 30))}
    assert found["CDA-S5-RA-HEALTH-CCG-GONE"].severity.label == "warning"  # judged before it went
    assert found["CDA-S5-RA-HEALTH-CCG-GONE"].hint == \
        "list the integrated care board instead, with kind: integrated_care_board"


def test_an_abolished_police_authority_hint_names_the_commissioner_and_the_chief_officer():
    text = _with_member_kind("police_authority")
    found = {f.rule: f for f in findings(text)}
    assert found["CDA-S5-RA-POLICE-AUTHORITY-GONE"].severity.label == "error"
    assert found["CDA-S5-RA-POLICE-AUTHORITY-GONE"].hint == (
        "list the police and crime commissioner instead, with kind: police_and_crime_commissioner (the local "
        "policing body), and the chief officer of police, with kind: chief_officer_of_police (the responsible "
        "authority for policing)")
    assert found["CDA-S5-RA-POLICE-AUTHORITY-GONE"].citation == (
        "Crime and Disorder Act 1998 s5(1)(c), omitted by the Police Reform and Social Responsibility Act 2011 "
        "Sch 11 para 2(2) from 22 November 2012, when police authorities were abolished")


def test_a_duty_gone_before_the_plan_begins_does_not_apply():
    data = load_text(COMPLIANT_TEXT).data
    data["period"] = {"start": "2013-04-01", "end": "2016-03-31"}
    data["approval"] = {"date": "2012-10-15", "approved_by": "Council"}
    rules_run = validate_text(dump(data), "plan.yaml", Options(today=TODAY)).rules_run
    assert "CDA-S5-RA-POLICE-AUTHORITY" not in rules_run
    assert not any(f.rule == "CDA-S5-RA-POLICE-AUTHORITY" for f in findings(COMPLIANT_TEXT, as_of=dt.date(2002, 1, 1)))


def test_publication_after_the_meeting_is_said_plainly():
    text = COMPLIANT_TEXT.replace("published_on: 2025-05-12", "published_on: 2025-05-25")
    [finding] = [f for f in findings(text) if f.rule == "LGA72-S100B-5DAYS"]
    assert finding.message == "published 25 May 2025, on or after the meeting on 20 May 2025"


def test_a_trailing_newline_does_not_make_a_valid_id():
    text = COMPLIANT_TEXT.replace("  - id: streets\n", '  - id: "streets\\n"\n')
    assert [f.message for f in findings(text)] == ["'id' ('streets\\n') is not a valid id"]


def test_link_text_check_is_fast_on_runs_of_brackets():
    # as long a run as the context may hold (20,000 characters), so that the rules do run
    text = COMPLIANT_TEXT.replace("schema_version: 1", 'schema_version: 1\ncontext: "' + "[" * 19_990 + '](x"')
    found = findings(text)
    assert not any(f.rule in ("SCHEMA", "QUALITY-LINK-TEXT") for f in found)


def test_explain_the_yaml_and_schema_ids(run_cli):
    for rule in ("YAML", "SCHEMA"):
        result = run_cli("explain", rule)
        assert result.exit_code == 0 and result.stdout.startswith(rule)
