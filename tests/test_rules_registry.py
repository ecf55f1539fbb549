"""The rules as data: well-formed ids, every rule findable from its id, citations, and docs
generated from the rules themselves."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from cspplan import ruledocs
from cspplan.findings import Severity
from cspplan.rules import RULES, select

ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_ids_and_names_are_well_formed_and_unique():
    assert all(ID.match(rule_id) for rule_id in RULES)
    names = [r.name for r in RULES.values()]
    assert all(NAME.match(n) for n in names)
    assert len(set(names)) == len(names)


def test_a_rule_lives_in_the_module_named_by_its_id():
    for rule in RULES.values():
        assert rule.module == rule.id.split("-")[0].lower(), rule.id
        assert (ROOT / "cspplan" / "rules" / f"{rule.module}.py").is_file()


def test_every_statutory_rule_cites_a_public_address():
    statutory = [r for r in RULES.values() if not r.id.startswith(("QUALITY-", "WAIVER-"))]
    assert all(r.citation and r.citation.url.startswith("https://") for r in statutory)
    on_legislation = [r for r in statutory if "www.legislation.gov.uk/" in r.citation.url]
    assert len(on_legislation) >= 30
    assert len([r for r in statutory if not r.pending]) >= 40


def test_unverified_law_never_reports_more_than_a_warning():
    for rule in RULES.values():
        if not rule.verified:
            assert rule.max_severity <= Severity.WARNING, rule.id


def test_rules_document_themselves():
    for rule in RULES.values():
        assert rule.summary.endswith(".") and "\n" not in rule.summary, rule.id
        assert len(rule.explanation) > 80 and rule.explanation.endswith("."), rule.id
        assert rule.jurisdictions and set(rule.jurisdictions) <= {"england", "wales"}
        if not rule.pending and rule.citation:
            assert all(rule.start(j) for j in rule.jurisdictions), f"{rule.id} needs an in-force date"


def test_select_and_ignore_by_id_name_and_group():
    assert [r.id for r in select(("CDA-S5-RA-POLICE",))] == ["CDA-S5-RA-POLICE"]
    assert [r.id for r in select(("police-listed",))] == ["CDA-S5-RA-POLICE"]
    health = {r.id for r in select(("health",))}
    assert health == {"CDA-S5-RA-HEALTH-PCT", "CDA-S5-RA-HEALTH-CCG", "CDA-S5-RA-HEALTH-ICB",
                      "CDA-S5-RA-HEALTH-PCT-GONE", "CDA-S5-RA-HEALTH-CCG-GONE", "CDA-S5-RA-HEALTH-WALES"}
    assert not {r.id for r in select(ignore=("health",))} & health
    assert all(not r.pending for r in select())
    assert {"PENDING-DARDR", "PENDING-PCC-ABOLITION"} <= {r.id for r in select(preview=True)}


def test_an_unknown_rule_name_is_a_usage_error(run_cli, tmp_path):
    from conftest import COMPLIANT_TEXT

    plan = tmp_path / "plan.yaml"
    plan.write_text(COMPLIANT_TEXT)
    result = run_cli("validate", "--select", "CDA-S5-RA-POLICEE", str(plan))
    assert result.exit_code == 2
    assert result.stderr == ("cspplan: no rule, rule name or group is called 'CDA-S5-RA-POLICEE' "
                             "(see 'cspplan rules')\n")


def test_docs_rules_md_is_generated_and_up_to_date():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == ruledocs.rules_markdown(), "docs/rules.md is stale: run 'make docs'"


def test_rules_json_lists_every_rule_with_its_metadata(run_cli):
    doc = json.loads(run_cli("rules", "--all", "--family", "rule", "--format", "json").stdout)
    assert [c["id"] for c in doc["codes"]] == list(RULES)
    police = next(c["rule"] for c in doc["codes"] if c["id"] == "CDA-S5-RA-POLICE")
    assert police["severity"] == "error"
    assert police["citation"] == {"instrument": "Crime and Disorder Act 1998", "provision": "s5(1)(b)",
                                  "url": "https://www.legislation.gov.uk/ukpga/1998/37/section/5"}
    assert police["in_force_from"] == {"england": "1998-09-30", "wales": "1998-09-30"}
    assert police["verified"] is True and police["status"] == "active"
    without_pending = json.loads(run_cli("rules", "--format", "json").stdout)["codes"]
    assert all(c["status"] == "active" for c in without_pending)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_explain_works_for_every_rule(run_cli, rule_id):
    result = run_cli("explain", rule_id)
    assert result.exit_code == 0
    rule = RULES[rule_id]
    assert result.stdout.startswith(f"{rule_id} ({rule.name}): {rule.summary}")
    if rule.citation:
        assert rule.citation.url in result.stdout


def test_explain_unknown_rule(run_cli):
    result = run_cli("explain", "CDA-S5-RA-POLICEE")
    assert result.exit_code == 2
    assert result.stderr == "cspplan: no code or rule called 'CDA-S5-RA-POLICEE'; did you mean CDA-S5-RA-POLICE?\n"
