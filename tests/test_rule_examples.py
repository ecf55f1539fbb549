"""Every rule's own failing and passing examples, run through the real engine.

The examples are the ones `cspplan explain` and docs/rules.md show. Each is a fragment of
a plan, merged onto a complete plan that meets every rule (tests/fixtures/base-*.yaml):
mappings merge, lists replace, and `null` removes a field. Only the rule under test runs,
as in yamllint's and sqlfluff's rule tests.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from conftest import FIXTURES, dump
from cspplan.engine import Options, validate_text
from cspplan.loader import load_text
from cspplan.rules import RULES

TODAY = dt.date(2025, 7, 1)
BASES = {j: load_text((FIXTURES / f"base-{j}.yaml").read_text(encoding="utf-8")).data
         for j in ("england", "wales")}


def merge(base, fragment):
    if not isinstance(base, dict) or not isinstance(fragment, dict):
        return copy.deepcopy(fragment)
    out = copy.deepcopy(base)
    for key, value in fragment.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge(out.get(key), value)
    return out


def plan_from(example: str) -> str:
    fragment = load_text(example).data
    jurisdiction = fragment.get("jurisdiction", "england")
    return dump(merge(BASES[jurisdiction], fragment))


def findings(rule, example):
    options = Options(select=(rule.id,), preview=rule.pending, today=TODAY)
    result = validate_text(plan_from(example), f"{rule.id}.yaml", options)
    structural = [f"{f.rule} {f.location} {f.message}" for f in result.findings if f.rule in ("YAML", "SCHEMA")]
    assert structural == [], "the example must be a valid plan once merged"
    return [f for f in result.findings if f.rule == rule.id]


@pytest.mark.parametrize("jurisdiction", ["england", "wales"])
def test_bases_meet_every_rule(jurisdiction):
    result = validate_text(dump(BASES[jurisdiction]), f"base-{jurisdiction}", Options(today=TODAY, preview=True))
    assert [f"{f.rule} {f.message}" for f in result.findings] == []


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_has_both_examples_and_they_parse(rule_id):
    rule = RULES[rule_id]
    assert rule.failing and rule.passing, f"{rule_id} needs a failing and a passing example"
    for example in (rule.failing, rule.passing):
        assert isinstance(yaml.safe_load(example), dict)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_failing_example_fails(rule_id):
    rule = RULES[rule_id]
    found = findings(rule, rule.failing)
    assert found, f"{rule_id}'s failing example gives no finding"
    assert all(f.message and f.location.line >= 1 for f in found)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_passing_example_passes(rule_id):
    rule = RULES[rule_id]
    assert [f.message for f in findings(rule, rule.passing)] == []


def test_statutory_refs_ignores_citations_of_a_particular_limb():
    rule = RULES["QUALITY-STATUTORY-REFS"]
    precise = """
        committee_report:
          sections:
            legal:
              - The health board is a responsible authority under section 5(1)(f) of the Crime and Disorder Act 1998.
              - Serious violence was added by section 6(1)(d) of the Crime and Disorder Act 1998.
    """
    assert findings(rule, precise) == []
