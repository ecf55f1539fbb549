"""What reaches a terminal, a pull-request comment or a CI parser is safe and complete.

File names with control characters are escaped in every format; plan text in Markdown
is escaped so that it cannot become HTML, a link or formatting; and a diff sees every
change a member would want to see (a duplicated id, actions put in another order).
"""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import COMPLIANT_TEXT, TODAY, dump
from cspplan.loader import load_text

BASE = load_text(COMPLIANT_TEXT, "old.yaml").data
ODD_NAMES = ["plan\x1b[31m.yaml", "plan\x07.yaml", "plan\nname.yaml", "plan\r.yaml"]


def broken_plan() -> str:
    data = copy.deepcopy(BASE)
    data["partnership"]["members"] = [m for m in data["partnership"]["members"] if m["id"] != "police"]
    return dump(data)


@pytest.mark.parametrize("name", ODD_NAMES, ids=["escape", "bell", "newline", "carriage-return"])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github"])
def test_file_names_with_control_characters_are_escaped_in_every_format(name, fmt, tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(broken_plan(), encoding="utf-8")
    result = run_cli("validate", "--today", TODAY, "--format", fmt, "--color", "never", name)
    assert result.exit_code == 1, result.stderr
    raw = [c for c in result.stdout if ord(c) < 0x20 and c not in "\n"]
    assert raw == [], f"control characters reached the output: {raw!r}"
    escaped = "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 else c for c in name)
    if fmt == "json":
        doc = json.loads(result.stdout)
        assert doc["files"][0]["path"] == name  # JSON escapes it itself, and keeps the real name
    elif fmt == "junit":
        root = ET.fromstring(result.stdout)
        assert root.find("testsuite").get("name") == escaped
    elif fmt == "sarif":
        json.loads(result.stdout)
    else:
        lines = result.stdout.splitlines()
        located = [line for line in lines if "CDA-S5-RA-POLICE" in line]
        assert located and escaped in located[0]


def test_a_name_with_control_characters_is_escaped_in_errors_too(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "gone\x1b.yaml")
    assert result.exit_code == 2
    assert result.stderr == "cspplan: gone\\x1b.yaml: no such file or directory\n"


def _diff(run_cli, tmp_path, old: dict, new: dict, *args: str):
    (tmp_path / "old.yaml").write_text(dump(old), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(dump(new), encoding="utf-8")
    return run_cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--today", TODAY,
                   "--color", "never", *args)


def test_markdown_output_escapes_plan_text(tmp_path, run_cli):
    new = copy.deepcopy(BASE)
    new["priorities"][0]["actions"][0]["description"] = (
        'Patrols <img src=x onerror="alert(1)"> <script>x</script> [click](javascript:alert(1)) **bold '
        "`code` | pipe _under_ ~~gone~~ #1 ![img](https://example.org/a.png)")
    result = _diff(run_cli, tmp_path, BASE, new, "--format", "markdown")
    assert result.exit_code == 1
    out = result.stdout
    for raw in ("<img", "<script", "[click](", "![img](", " **bold", "`code`"):
        assert raw not in out, raw
    assert '&lt;img src=x onerror="alert(1)">' in out
    assert "\\[click\\](javascript:alert(1))" in out
    assert "\\| pipe" in out


def test_a_duplicated_action_id_in_the_new_version_is_a_change(tmp_path, run_cli):
    new = copy.deepcopy(BASE)
    twin = dict(new["priorities"][0]["actions"][0], description="A second patrol plan, same id.")
    new["priorities"][1]["actions"].append(twin)
    result = _diff(run_cli, tmp_path, BASE, new, "--format", "json")
    assert result.exit_code == 1, result.stdout
    changes = json.loads(result.stdout)["changes"]
    added = [c for c in changes if c["kind"] == "added" and c["level"] == "action"]
    assert [(c["id"], c["priority"]) for c in added] == [("streets-1", "harm")]
    assert "streets-1 is used twice" in added[0]["hint"]


def test_actions_reordered_within_a_priority_are_a_change(tmp_path, run_cli):
    old = copy.deepcopy(BASE)
    extra = {"id": "streets-2", "description": "Review CCTV coverage.", "owner": "council",
             "due": "2026-03-31", "status": "not_started"}
    old["priorities"][0]["actions"].append(extra)
    new = copy.deepcopy(old)
    new["priorities"][0]["actions"].reverse()
    result = _diff(run_cli, tmp_path, old, new, "--format", "json")
    assert result.exit_code == 1, result.stdout
    moved = [c for c in json.loads(result.stdout)["changes"] if c["kind"] == "moved"]
    assert [(c["level"], c["id"], c["hint"]) for c in moved] == [("action", "streets-2", "from position 2 to 1")]


def test_a_rule_message_quoting_text_with_a_line_break_stays_one_line(tmp_path, monkeypatch, run_cli):
    data = copy.deepcopy(BASE)
    data["version"] = "1.0\nx"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(dump(data), encoding="utf-8")
    result = run_cli("validate", "--today", TODAY, "--select", "QUALITY-VERSION", "plan.yaml")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line for line in lines if "QUALITY-VERSION" in line] == [
        "plan.yaml:11:10: warning QUALITY-VERSION the plan is version 1.0 x, but the version history ends at 1.0"]
