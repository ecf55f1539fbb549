"""Every rule's case files: inputs and the exact findings they must give.

One file per rule, ``tests/rules/RULE-ID.yaml``, in the manner of sqlfluff's rule test
cases. Each case is a fragment of a plan merged onto a complete plan that meets every
rule (``tests/fixtures/base-<jurisdiction>.yaml``; mappings merge, lists replace, ``null``
removes a field), judged with only that rule selected, and the findings must be exactly
those listed, with line, column, pointer and message::

    rule: CDA-S5-RA-POLICE
    cases:
      - name: no chief officer of police
        today: 2025-07-01        # optional; this is the default
        as_of: 2025-06-01        # optional: judge by the law on this date
        plan: |
          partnership:
            members: [...]
        findings:                # [] for a case that must pass
          - {line: 17, column: 3, pointer: /partnership/members, severity: error,
             message: no chief officer of police is listed}

Lines and columns are those of the merged plan, which is written out with the same
settings every time; when a case fails, the assertion shows the merged plan with line
numbers, so an expectation can be checked by eye.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import dump
from cspplan.engine import Options, validate_text
from cspplan.loader import load_text
from cspplan.rules import RULES
from test_rule_examples import BASES, TODAY, merge

CASES = Path(__file__).resolve().parent / "rules"


def _load_case_files() -> dict[str, dict]:
    files = {}
    for path in sorted(CASES.glob("*.yaml")):
        files[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return files


CASE_FILES = _load_case_files()
ALL_CASES = [(rule_id, i, case) for rule_id, doc in CASE_FILES.items() for i, case in enumerate(doc["cases"])]


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def merged_text(case: dict) -> str:
    fragment = load_text(case["plan"]).data if case.get("plan") else {}
    jurisdiction = fragment.get("jurisdiction", "england")
    return dump(merge(BASES[jurisdiction], fragment))


def numbered(text: str) -> str:
    return "\n".join(f"{n:4} | {line}" for n, line in enumerate(text.splitlines(), 1))


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_a_case_file(rule_id):
    assert rule_id in CASE_FILES, f"tests/rules/{rule_id}.yaml is missing"
    doc = CASE_FILES[rule_id]
    assert doc["rule"] == rule_id
    cases = doc["cases"]
    assert any(c["findings"] for c in cases), "a rule needs at least one case that fails"
    assert any(not c["findings"] for c in cases), "a rule needs at least one case that passes"
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names are unique within a file"


def test_no_case_file_for_an_unknown_rule():
    assert sorted(set(CASE_FILES) - set(RULES)) == []


@pytest.mark.parametrize("rule_id,index,case", ALL_CASES,
                         ids=[f"{r}:{c['name']}" for r, _, c in ALL_CASES])
def test_case(rule_id, index, case):
    rule = RULES[rule_id]
    text = merged_text(case)
    options = Options(select=(rule_id,), preview=rule.pending, today=_date(case.get("today")) or TODAY,
                      as_of=_date(case.get("as_of")))
    result = validate_text(text, f"{rule_id}.yaml", options)
    structural = [f"{f.rule} {f.location} {f.message}" for f in result.findings if f.rule in ("YAML", "SCHEMA")]
    assert structural == [], "the case must be a valid plan once merged:\n" + numbered(text)
    actual = [{"line": f.location.line, "column": f.location.column, "pointer": f.location.pointer,
               "severity": f.severity.label, "message": f.message}
              for f in result.findings if f.rule == rule_id]
    expected = [{"severity": rule.max_severity.label, **e} for e in case["findings"]]
    assert actual == expected, f"case '{case['name']}' of tests/rules/{rule_id}.yaml; the merged plan:\n" \
        + numbered(text)
