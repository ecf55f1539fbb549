"""The documentation's examples are real: they validate, and they match the code."""

from __future__ import annotations

import re

from conftest import ROOT
from cspplan.engine import validate_text


def test_annotated_example_in_plan_format_doc_is_valid():
    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block, "docs/plan-format.md has no ```yaml block"
    result = validate_text(block.group(1), "docs/plan-format.md")
    structural = [f"{f.location} {f.message}" for f in result.findings if f.rule in ("YAML", "SCHEMA")]
    assert structural == []


def test_readme_shows_the_two_setup_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_code = re.search(r"```(?:sh|console|bash)?\n(.*?)```", readme, re.S).group(1)
    assert "make run" in first_code and "make test" in first_code


def test_readme_tour_output_is_what_cspplan_prints(run_cli, tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    plan = (ROOT / "plans" / "spelthorne-2024-26.yaml").read_text(encoding="utf-8")
    mine = plan.replace("\npriorities:", "\nprioritys:").replace("\nstatus: approved", "\nstatus: Approved")
    (tmp_path / "my-plan.yaml").write_text(mine, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "my-plan.yaml")
    assert result.exit_code == 1
    block = re.search(r"\$ cspplan validate my-plan.yaml\n(.*?)```", readme, re.S).group(1)
    assert [line.strip() for line in block.strip().splitlines()] == \
        [line.strip() for line in result.stdout.splitlines()]
