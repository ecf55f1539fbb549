"""`cspplan new`: a new plan that already knows the law, with a TODO at every gap."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from cspplan import scaffold
from cspplan.api import new_plan
from cspplan.cli import main
from cspplan.errors import CspplanError

RESPONSIBLE = {"district_council", "county_council", "unitary_council", "chief_officer_of_police",
               "fire_and_rescue_authority", "integrated_care_board", "local_health_board", "probation_provider"}

AREAS = {
    "district": dict(area="Spelthorne", ons_code="E07000213", county="Surrey", police_force="Surrey Police",
                     health_body="NHS Surrey Heartlands Integrated Care Board",
                     fire_authority="Surrey Fire and Rescue Service", probation_region="Kent, Surrey and Sussex"),
    "unitary": dict(area="Bristol", ons_code="E06000023", police_force="Avon and Somerset Police",
                    health_body="NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board",
                    fire_authority="Avon Fire and Rescue Service", probation_region="South West"),
    "metropolitan": dict(area="Bolton", ons_code="E08000001", police_force="Greater Manchester Police",
                         health_body="NHS Greater Manchester Integrated Care Board",
                         fire_authority="Greater Manchester Fire and Rescue Service",
                         probation_region="Greater Manchester"),
    "london_borough": dict(area="Camden", ons_code="E09000007", police_force="Metropolitan Police Service",
                           health_body="NHS North Central London Integrated Care Board",
                           fire_authority="London Fire Brigade", probation_region="London"),
    "city_of_london": dict(area="City of London", ons_code="E09000001", police_force="City of London Police",
                           health_body="NHS North East London Integrated Care Board",
                           fire_authority="London Fire Brigade", probation_region="London"),
    "welsh_principal": dict(area="Wrexham", ons_code="W06000006", police_force="North Wales Police",
                            health_body="Betsi Cadwaladr University Health Board",
                            fire_authority="North Wales Fire and Rescue Service", probation_region="Wales"),
}
# What the law requires for each (Crime and Disorder Act 1998 s5), written out here, not taken from the tool.
EXPECTED_KINDS = {
    "district": ({"district_council", "county_council", "integrated_care_board"}, "police_and_crime_commissioner"),
    "unitary": ({"unitary_council", "integrated_care_board"}, "police_and_crime_commissioner"),
    "metropolitan": ({"unitary_council", "integrated_care_board"}, "mayor"),
    "london_borough": ({"unitary_council", "integrated_care_board"}, "mayors_office_for_policing_and_crime"),
    "city_of_london": ({"unitary_council", "integrated_care_board"}, "none"),
    "welsh_principal": ({"unitary_council", "local_health_board"}, "police_and_crime_commissioner"),
}
COMMON = {"chief_officer_of_police", "fire_and_rescue_authority", "probation_provider"}
TODAY = dt.date(2026, 12, 3)


def write(tmp_path: Path, kind: str, **extra) -> Path:
    path = tmp_path / f"{kind}.yaml"
    notes = new_plan(path, {**AREAS[kind], **extra}, today=TODAY)
    assert notes == []  # every body above is in the shipped lists
    return path


def validate_json(path: Path, capsys) -> dict:
    main(["validate", "--format", "json", "--today", TODAY.isoformat(), str(path)])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("kind", list(AREAS))
def test_each_kind_of_area_gets_the_members_the_law_requires_and_only_its_gaps_are_found(kind, tmp_path, capsys):
    path = write(tmp_path, kind)
    text = path.read_text(encoding="utf-8")
    import yaml

    data = yaml.safe_load(text)
    kinds = [m["kind"] for m in data["partnership"]["members"]]
    councils, policing = EXPECTED_KINDS[kind]
    assert {k for k in kinds if k in RESPONSIBLE} == councils | COMMON
    assert data["area"]["policing_body"] == policing
    assert ("police_and_crime_commissioner" in kinds) == (policing != "none")
    assert data["jurisdiction"] == ("wales" if kind == "welsh_principal" else "england")
    assert text.startswith("# yaml-language-server: $schema=")

    report = validate_json(path, capsys)
    rules = {f["rule"] for f in report["findings"]}
    assert not {r for r in rules if r in ("YAML", "SCHEMA") or r.startswith("CDA-S5-RA")}
    expected = {"QUALITY-PLACEHOLDER", "CDOS09-ANNUAL", "PCSC-SVD-PUBLISH"}
    if kind != "welsh_principal":  # the English regulations' dates: the assessment, public meetings, sharing
        expected |= {"REG07-R5-SA-CURRENT", "REG07-R12-PUBLIC-MEETINGS", "REG07-R14-INFO-SHARING"}
    assert rules == expected
    assert all(f["severity"] != "error" for f in report["findings"])

    lines = text.splitlines()
    for finding in report["findings"]:  # every finding is at a line marked TODO (or a | block whose text is)
        line = lines[finding["line"] - 1]
        block = line.split("#")[0].rstrip().endswith("|") and "TODO" in lines[finding["line"]]
        assert "TODO" in line or block, (finding["line"], finding["rule"], line)
    # One placeholder finding per TODO value, counted from the text independently of the tool.
    todo_values = [n for n, line in enumerate(lines, 1)
                   if "TODO" in line.split(" #")[0] and not line.lstrip().startswith("#")]
    placeholders = [f for f in report["findings"] if f["rule"] == "QUALITY-PLACEHOLDER"]
    assert len(placeholders) == len(todo_values)
    assert len({f["line"] for f in placeholders}) == len(placeholders)


def test_a_typed_name_matches_its_listed_spelling_and_a_typo_gets_did_you_mean():
    assert scaffold.lookup("police_force", "surrey police").name == "Surrey Police"
    assert scaffold.lookup("police_force", "Surrey").known
    assert scaffold.lookup("health_body", "surrey heartlands").name == "NHS Surrey Heartlands Integrated Care Board"
    typo = scaffold.lookup("fire_authority", "Surey Fire and Rescue Service")
    assert not typo.known and typo.name == "Surey Fire and Rescue Service"
    assert typo.suggestions[0] == "Surrey Fire and Rescue Service"
    # Welsh answers are matched against the Welsh bodies only.
    assert scaffold.lookup("health_body", "Betsi Cadwaladr", "england").known is False


def test_a_body_not_in_the_list_is_written_as_typed_with_a_note(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    code = main(["new", str(path), "--area", "Bristol", "--ons-code", "E06000023",
                 "--police-force", "Avon and Somerset Police", "--health-body", "NHS Bristol ICB (new name)",
                 "--fire-authority", "Avon Fire and Rescue Service", "--probation-region", "South West"])
    err = capsys.readouterr().err
    assert code == 0
    assert "--health-body: 'NHS Bristol ICB (new name)' is not in the shipped list" in err
    assert 'name: "NHS Bristol ICB (new name)"' in path.read_text(encoding="utf-8")


def test_at_a_terminal_the_officer_picks_a_suggestion(tmp_path):
    asked = []

    def ask(field, question):
        asked.append(field)
        return "1" if field == "fire_authority" else ""
    given = {**AREAS["district"], "fire_authority": "Surey Fire and Rescue Service"}
    notes = new_plan(tmp_path / "p.yaml", given, ask=ask, today=TODAY)
    assert asked == ["fire_authority", "committee"] and notes == []
    assert 'name: "Surrey Fire and Rescue Service"' in (tmp_path / "p.yaml").read_text(encoding="utf-8")


def test_it_refuses_to_write_over_a_file_and_force_replaces_it_atomically(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n", encoding="utf-8")
    args = ["new", str(path), *[x for k, v in AREAS["unitary"].items() for x in (f"--{k.replace('_', '-')}", v)]]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "already exists" in err[0] and "--force" in err[0]
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert main([*args, "--force"]) == 0
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # no temporary file left


def test_a_failed_forced_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n", encoding="utf-8")

    def boom(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        scaffold.write_new(path, "new text", force=True)
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


@pytest.mark.parametrize(("drop", "option"), [("area", "--area"), ("police_force", "--police-force"),
                                              ("county", "--county"), ("ons_code", "--council-type")])
def test_without_a_terminal_a_missing_answer_is_one_line_naming_the_option(drop, option, tmp_path, capsys):
    given = {k: v for k, v in AREAS["district"].items() if k != drop}
    args = ["new", str(tmp_path / "p.yaml"), *[x for k, v in given.items() for x in (f"--{k.replace('_', '-')}", v)]]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"cspplan: {option}")
    assert not (tmp_path / "p.yaml").exists()


def test_contradictory_answers_are_refused():
    with pytest.raises(CspplanError, match="--council-type"):
        scaffold.gather({**AREAS["district"], "council_type": "unitary"}, None, TODAY)
    with pytest.raises(CspplanError, match="--jurisdiction"):
        scaffold.gather({**AREAS["welsh_principal"], "jurisdiction": "england"}, None, TODAY)


def test_the_period_defaults_to_three_years_from_the_next_first_of_april():
    assert scaffold.default_period(dt.date(2026, 12, 3)) == (dt.date(2027, 4, 1), dt.date(2030, 3, 31))
    assert scaffold.default_period(dt.date(2027, 4, 1)) == (dt.date(2027, 4, 1), dt.date(2030, 3, 31))
    assert scaffold.default_period(dt.date(2027, 3, 31)) == (dt.date(2027, 4, 1), dt.date(2030, 3, 31))


def test_the_same_answers_give_the_same_file(tmp_path):
    a = write(tmp_path, "unitary")
    b = tmp_path / "b.yaml"
    new_plan(b, AREAS["unitary"], today=TODAY)
    assert a.read_bytes() == b.read_bytes()


def test_the_modeline_points_at_a_schema_beside_or_above_the_plan(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "plan-v1.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    assert scaffold.schema_reference(tmp_path / "plans" / "x.yaml") == "../schemas/plan-v1.schema.json"


@pytest.mark.parametrize("field", list(scaffold.DATA_FILES))
def test_each_shipped_list_says_where_it_came_from_and_when_it_was_true(field):
    data = scaffold.known_list(field)
    assert data["source"]["url"].startswith("https://") and data["source"]["name"]
    dt.date.fromisoformat(data["true_on"])
    names = [b["name"] for b in data["bodies"]]
    assert len(names) == len(set(names))
    counts = {"police_force": (43, 4), "health_body": (49, 7), "probation_region": (12, 1)}
    if field in counts:  # 43 forces (4 Welsh); 42 ICBs + 7 LHBs; 11 English regions + Wales
        assert (len(names), sum(b["jurisdiction"] == "wales" for b in data["bodies"])) == counts[field]
    assert all(re.fullmatch(r"england|wales", b["jurisdiction"]) for b in data["bodies"])
