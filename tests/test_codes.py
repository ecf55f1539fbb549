"""One registry of every code a user can see: explain and the docs reach each of them."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from cspplan import codes
from cspplan.crimedata.codes import CODES as CRIME_CODES
from cspplan.render.accessibility import CODES as DOCX_CODES
from cspplan.rules import RULES

ALL = codes.all_codes()
IDS = [c.id for c in ALL]


def test_the_registry_holds_every_family_and_nothing_twice():
    assert len(IDS) == len(set(IDS))
    assert set(IDS) == {"YAML", "SCHEMA", *RULES, *DOCX_CODES, *CRIME_CODES}
    assert [c.family for c in ALL] == sorted((c.family for c in ALL), key=list(codes.FAMILIES).index)


@pytest.mark.parametrize("code_id", IDS)
def test_explain_answers_for_every_code(code_id, run_cli):
    result = run_cli("explain", code_id.lower())
    assert result.exit_code == 0, result.stderr
    code = codes.get(code_id)
    assert result.stdout.startswith(code.id)
    assert code.summary in result.stdout
    assert code.explanation.split()[0] in result.stdout
    assert code.source in result.stdout
    if code.url:
        assert code.url in result.stdout


@pytest.mark.parametrize("code", ALL, ids=IDS)
def test_every_code_documents_itself(code):
    assert code.summary.endswith(".") and "\n" not in code.summary
    assert len(code.explanation) > 80
    assert code.fails and code.passes, "a failing and a passing example"
    assert (ROOT / code.source).exists()


def test_docs_list_every_code():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### ([A-Z0-9-]+):", text, re.M)
    assert headings == IDS


def test_a_rule_can_be_named_and_a_mistyped_code_gets_a_suggestion(run_cli):
    assert codes.get("police-listed").id == "CDA-S5-RA-POLICE"
    result = run_cli("explain", "DOCX-TITEL")
    assert result.exit_code == 2
    assert result.stderr == "cspplan: no code or rule called 'DOCX-TITEL'; did you mean DOCX-TITLE?\n"


def test_rules_lists_each_family(run_cli):
    docx = run_cli("rules", "--family", "docx")
    assert docx.exit_code == 0
    assert "DOCX-TITLE" in docx.stdout and "CDA-S5-RA-POLICE" not in docx.stdout
    everything = run_cli("rules", "--all", "--format", "json")
    import json

    doc = json.loads(everything.stdout)
    assert doc["command"] == "rules"
    assert [c["id"] for c in doc["codes"]] == IDS
    police = next(c for c in doc["codes"] if c["id"] == "CDA-S5-RA-POLICE")
    assert police["rule"]["in_force_from"] == {"england": "1998-09-30", "wales": "1998-09-30"}
