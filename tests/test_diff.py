"""cspplan diff: every kind of change at every level, matched by id, with its significance."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COMPLIANT_TEXT, dump
from cspplan.diff import diff
from cspplan.engine import Options, check_loaded
from cspplan.loader import load_text, split_pointer

BASE = load_text(COMPLIANT_TEXT, "old.yaml").data


def run(old: dict | str, new: dict | str, compliance: bool = False):
    a = load_text(old if isinstance(old, str) else dump(old), "old.yaml")
    b = load_text(new if isinstance(new, str) else dump(new), "new.yaml")
    findings = None
    if compliance:
        import datetime as dt

        options = Options(today=dt.date(2025, 7, 1))
        findings = (check_loaded(a, options).findings, check_loaded(b, options).findings)
    return diff(a, b, compliance=findings).changes


def summary(changes):
    return [(c.kind, c.level, c.item_id, c.field, c.significance) for c in changes]


def changed(mutate):
    new = copy.deepcopy(BASE)
    mutate(new)
    return run(BASE, new)


def test_a_plan_compared_with_itself_has_no_changes():
    assert run(BASE, BASE) == []


def test_layout_quoting_order_and_comments_are_not_changes():
    reordered = COMPLIANT_TEXT.replace('version: "1.0"\nstatus: approved', "status: 'approved'\nversion: '1.0'")
    reordered = reordered.replace("  name: Safer Example Partnership",
                                  "  # a comment\n  name: \"Safer Example Partnership\"")
    reordered = reordered.replace(
        "    narrative: Reduce crime, anti-social behaviour and serious violence in the town centre.",
        "    narrative: >-\n      Reduce crime, anti-social behaviour and\n      serious violence in the town centre.")
    assert reordered != COMPLIANT_TEXT
    assert run(COMPLIANT_TEXT, reordered) == []


def test_priority_added_removed_renamed_and_moved():
    def mutate(plan):
        plan["priorities"][0]["title"] = "Safer streets and spaces"            # renamed, same id
        plan["priorities"].reverse()                                          # reordered
        plan["priorities"].append({"id": "new", "title": "Water safety", "narrative": "Stay safe near water.",
                                   "lead": "council"})
    changes = changed(mutate)
    assert ("changed", "priority", "streets", "title", "substantive") in summary(changes)
    assert ("added", "priority", "new", None, "substantive") in summary(changes)
    moved = [c for c in changes if c.kind == "moved" and c.level == "priority"]
    assert len(moved) == 1 and moved[0].item_id in ("streets", "harm")
    title = next(c for c in changes if c.field == "title")
    assert (title.old, title.new) == ("Safer streets", "Safer streets and spaces")
    assert title.old_line and title.new_line


def test_an_action_moved_to_another_priority_is_moved_not_removed_and_added():
    def mutate(plan):
        action = plan["priorities"][0]["actions"].pop(0)
        action["status"] = "complete"
        plan["priorities"][1]["actions"].append(action)
    changes = changed(mutate)
    assert summary(changes) == [
        ("moved", "action", "streets-1", None, "substantive"),
        ("changed", "action", "streets-1", "status", "substantive"),
    ]
    move = changes[0]
    assert (move.old, move.new, move.priority) == ("streets", "harm", "harm")


def test_nested_action_and_measure_changes():
    def mutate(plan):
        plan["priorities"][0]["actions"][0]["owner"] = "council"
        plan["priorities"][0]["actions"][0]["due"] = "2026-06-30"
        plan["priorities"][1]["measures"][0]["target"]["value"] = 20
        plan["priorities"][1]["measures"].append({"id": "harm-m2", "indicator": "Drug-related deaths",
                                                  "target": {"direction": "decrease"}, "data_source": "ONS"})
        del plan["priorities"][1]["actions"][0]
    changes = changed(mutate)
    assert summary(changes) == [
        ("changed", "action", "streets-1", "owner", "substantive"),
        ("changed", "action", "streets-1", "due", "substantive"),
        ("removed", "action", "harm-1", None, "substantive"),
        ("added", "measure", "harm-m1", "target/value", "substantive"),  # the base has no target value
        ("added", "measure", "harm-m2", None, "substantive"),
    ]
    target = next(c for c in changes if c.field == "target/value")
    assert (target.old, target.new, target.priority) == (None, 20, "harm")


def test_an_id_changed_with_the_same_title_is_removed_and_added_with_a_hint():
    def mutate(plan):
        plan["priorities"][1]["id"] = "drugs"
    changes = [c for c in changed(mutate) if c.level == "priority"]
    assert sorted((c.kind, c.item_id) for c in changes) == [("added", "drugs"), ("removed", "harm")]
    assert all("keep the old id" in c.hint for c in changes)


def test_members_groups_evidence_and_objectives_by_id():
    def mutate(plan):
        plan["partnership"]["members"] = [m for m in plan["partnership"]["members"] if m["id"] != "vs"]
        plan["partnership"]["members"].append({"id": "nw", "name": "Neighbourhood Watch",
                                               "kind": "invited_participant"})
        plan["partnership"]["governance"][0]["chair"] = "Chief Inspector, Exampleshire Police"
        plan["evidence"].append({"id": "sa-2026", "kind": "strategic_assessment", "title": "Assessment 2026"})
        plan["police_and_crime_plan"]["objectives"][1]["title"] = "Protecting vulnerable people"
    assert sorted(summary(changed(mutate))) == sorted([
        ("removed", "member", "vs", None, "substantive"),
        ("added", "member", "nw", None, "substantive"),
        ("added", "governance group", "sg", "chair", "substantive"),   # the base group has no chair
        ("added", "evidence", "sa-2026", None, "substantive"),
        ("changed", "objective", "pcp-2", "title", "substantive"),
    ])


def test_narrative_rewording_is_editorial_with_a_word_diff():
    def mutate(plan):
        plan["priorities"][0]["narrative"] = ("Reduce crime, anti-social behaviour and serious violence in the "
                                              "town centre and at the station, working with the BID.")
    [change] = changed(mutate)
    assert (change.field, change.significance) == ("narrative", "editorial")
    assert change.words == [
        ("equal", "Reduce crime, anti-social behaviour and serious violence in the town"),
        ("delete", "centre."), ("insert", "centre and at the station, working with the BID.")]


def test_report_paragraphs_are_aligned_and_word_diffed():
    def mutate(plan):
        sections = plan["committee_report"]["sections"]
        sections["key_issues"] = ["A new first paragraph.", sections["key_issues"][0] + " Two priorities remain."]
    changes = changed(mutate)
    assert sorted((c.kind, c.field, c.new_pointer) for c in changes) == [
        ("added", "sections/key_issues", "/committee_report/sections/key_issues/0"),
        ("changed", "sections/key_issues", "/committee_report/sections/key_issues/1")]
    reworded = next(c for c in changes if c.kind == "changed")
    assert reworded.words[-1] == ("insert", "Two priorities remain.")
    assert all(c.significance == "editorial" for c in changes)


def test_losing_a_responsible_authority_is_statutory_and_shows_the_new_finding():
    new = copy.deepcopy(BASE)
    new["partnership"]["members"] = [m for m in new["partnership"]["members"] if m["id"] != "fire"]
    new["partnership"]["governance"][0]["members"].remove("fire")
    changes = run(BASE, new, compliance=True)
    assert ("removed", "member", "fire", None, "statutory") in summary(changes)
    finding = next(c for c in changes if c.level == "compliance")
    assert (finding.kind, finding.item_id, finding.significance) == ("added", "CDA-S5-RA-FIRE", "statutory")
    back = run(new, BASE, compliance=True)
    assert any(c.level == "compliance" and c.kind == "removed" and c.item_id == "CDA-S5-RA-FIRE" for c in back)


# --- the command line ---------------------------------------------------------------------------

def test_exit_codes_and_formats(run_cli, tmp_path):
    old, same, new = tmp_path / "old.yaml", tmp_path / "same.yaml", tmp_path / "new.yaml"
    old.write_text(COMPLIANT_TEXT)
    same.write_text(COMPLIANT_TEXT.replace("# A complete plan", "# Another comment on a complete plan"))
    new.write_text(COMPLIANT_TEXT.replace("status: in_progress", "status: complete"))
    assert run_cli("diff", str(old), str(same)).exit_code == 0
    text = run_cli("diff", str(old), str(new), "--today", "2025-07-01")
    assert text.exit_code == 1
    assert ("changed  action streets-1 'Run a town centre patrol plan.' status: 'in_progress' -> 'complete'"
            in text.stdout)
    doc = json.loads(run_cli("diff", str(old), str(new), "-f", "json", "--today", "2025-07-01").stdout)
    assert doc["format_version"] == 1 and doc["summary"] == {"changes": 1, "statutory": 0, "substantive": 1,
                                                             "editorial": 0}
    assert doc["changes"][0]["old_pointer"] == "/priorities/0/actions/0/status"
    markdown = run_cli("diff", str(old), str(new), "-f", "markdown", "--today", "2025-07-01").stdout
    assert markdown.startswith("## Changes from") and "| changed | action streets-1" in markdown


def test_unusable_inputs_exit_2(run_cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(COMPLIANT_TEXT)
    bad = tmp_path / "bad.yaml"
    bad.write_text(COMPLIANT_TEXT.replace("status: approved", "status: aproved"))
    result = run_cli("diff", str(good), str(bad))
    assert result.exit_code == 2 and result.stderr.startswith(f"cspplan: {bad}:10:9: 'aproved'")
    result = run_cli("diff", str(good), str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "no such file or directory" in result.stderr
    assert run_cli("diff", str(good)).exit_code == 2
    assert run_cli("diff", str(good), str(good), "--rev", "HEAD").exit_code == 2


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_git_revisions(run_cli, tmp_path, monkeypatch):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    git("init", "-q")
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "plan.yaml"
    plan.write_text(COMPLIANT_TEXT)
    git("add", ".")
    git("commit", "-q", "-m", "first")
    plan.write_text(COMPLIANT_TEXT.replace("status: in_progress", "status: complete"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "plans/plan.yaml", "--rev", "HEAD", "--today", "2025-07-01")
    assert result.exit_code == 1 and result.stdout.startswith("Changes from HEAD:plans/plan.yaml (version 1.0)")
    assert run_cli("diff", "HEAD:plans/plan.yaml", "plans/plan.yaml", "--today", "2025-07-01").exit_code == 1
    missing = run_cli("diff", "HEAD:plans/other.yaml", "plans/plan.yaml")
    assert (missing.exit_code, missing.stderr) == (2, "cspplan: HEAD:plans/other.yaml: the file does not exist at "
                                                      "revision HEAD\n")
    unknown = run_cli("diff", "plans/plan.yaml", "--rev", "no-such-branch")
    assert unknown.exit_code == 2 and "unknown revision 'no-such-branch'" in unknown.stderr


# --- properties -----------------------------------------------------------------------------------

def _at(data, pointer):
    for token in split_pointer(pointer):
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


@st.composite
def mutated_plans(draw):
    plan = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 6))):
        step = draw(st.sampled_from(["status", "add-action", "drop-action", "move-action", "swap-priorities",
                                     "retitle", "drop-member", "target"]))
        priorities = plan["priorities"]
        p = draw(st.integers(0, len(priorities) - 1))
        actions = priorities[p].setdefault("actions", [])
        if step == "status" and actions:
            actions[0]["status"] = draw(st.sampled_from(["complete", "on_hold", "cancelled", "in_progress"]))
        elif step == "add-action":
            n = draw(st.integers(100, 999))
            if all(a["id"] != f"x{n}" for pr in priorities for a in pr.get("actions", [])):
                actions.append({"id": f"x{n}", "description": "New work.", "owner": "council",
                                "due": "2026-03-31", "status": "not_started"})
        elif step == "drop-action" and actions:
            actions.pop(draw(st.integers(0, len(actions) - 1)))
        elif step == "move-action" and actions:
            priorities[(p + 1) % len(priorities)].setdefault("actions", []).append(actions.pop(0))
        elif step == "swap-priorities":
            priorities.reverse()
        elif step == "retitle":
            priorities[p]["title"] = draw(st.sampled_from(["Safer places", "Harm reduction", "Streets"]))
        elif step == "drop-member" and len(plan["partnership"]["members"]) > 1:
            plan["partnership"]["members"].pop(draw(st.integers(0, len(plan["partnership"]["members"]) - 1)))
        elif step == "target" and priorities[p].get("measures"):
            priorities[p]["measures"][0]["target"]["value"] = draw(st.integers(0, 500))
    return plan


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_plans())
def test_the_changes_account_for_the_new_version(new):
    changes = run(BASE, new)
    assert run(new, new) == []

    def ids(plan, level):
        if level == "priority":
            return {p["id"] for p in plan["priorities"]}
        if level == "action":
            return {a["id"] for p in plan["priorities"] for a in p.get("actions", [])}
        return {m["id"] for m in plan["partnership"]["members"]}
    for level in ("priority", "action", "member"):
        added = {c.item_id for c in changes if c.level == level and c.kind == "added" and c.field is None}
        removed = {c.item_id for c in changes if c.level == level and c.kind == "removed" and c.field is None}
        assert ids(new, level) == (ids(BASE, level) - removed) | added, level
    for change in changes:
        if change.kind == "changed":
            assert _at(BASE, change.old_pointer) == change.old
            assert _at(new, change.new_pointer) == change.new
        if change.kind == "moved" and change.level == "action":
            assert _at(new, change.new_pointer)["id"] == change.item_id
            assert _at(new, "/".join(change.new_pointer.split("/")[:3]))["id"] == change.new


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md")])
def test_golden_diff_of_the_example_versions(fmt, suffix, run_cli, golden, monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    result = run_cli("diff", "plans/spelthorne-2024-26.yaml", "plans/spelthorne-2024-26-review-2025-11.yaml",
                     "--today", "2025-12-01", "--format", fmt)
    assert result.exit_code == 1
    golden(f"diff-spelthorne.{suffix}", result.stdout)


def test_redline_has_word_tracked_changes(run_cli, tmp_path, monkeypatch):
    import zipfile

    from lxml import etree

    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    outputs = []
    for name in ("one.docx", "two.docx"):
        out = tmp_path / name
        result = run_cli("diff", "plans/spelthorne-2024-26.yaml", "plans/spelthorne-2024-26-review-2025-11.yaml",
                         "--format", "docx", "-o", str(out))
        assert result.exit_code == 1 and result.stdout == "" and result.stderr == f"cspplan: wrote {out}\n"
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(tmp_path / "one.docx") as package:
        root = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    marks = root.findall(f".//{w}ins") + root.findall(f".//{w}del")
    assert marks and {m.get(f"{w}author") for m in marks} == {"Spelthorne Safer Stronger Partnership"}
    assert {m.get(f"{w}date") for m in marks} == {"2025-11-18T00:00:00Z"}
    ids = [int(m.get(f"{w}id")) for m in marks]
    assert len(ids) == len(set(ids))

    def row_texts(mark):
        return ["".join(t.text for t in tr.iter(f"{w}t", f"{w}delText"))
                for tr in root.iter(f"{w}tr") if tr.find(f"{w}trPr/{w}{mark}") is not None]
    deleted, inserted = row_texts("del"), row_texts("ins")
    assert any("Review town centre CCTV coverage" in t for t in deleted)        # tc-4, dropped
    assert any("safeguarding and VAWG awareness training" in t for t in deleted)  # vawg-4 left vawg ...
    assert any("safeguarding and VAWG awareness training" in t for t in inserted)  # ... and joined another
    headings = ["".join(t.text for t in p.iter(f"{w}t", f"{w}delText")) for p in root.iter(f"{w}p")
                if p.find(f".//{w}ins") is not None and "Priority" in "".join(t.text or "" for t in p.iter(f"{w}t"))]
    assert any("Clear, Hold, Build" in h for h in headings)
    no_change = run_cli("diff", "plans/spelthorne-2024-26.yaml", "plans/spelthorne-2024-26.yaml",
                        "--format", "docx", "-o", str(tmp_path / "none.docx"))
    assert no_change.exit_code == 0
    assert run_cli("diff", "plans/spelthorne-2024-26.yaml", "plans/spelthorne-2024-26.yaml",
                   "--format", "docx").exit_code == 2  # --output is needed


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run")
def test_libreoffice_opens_the_redline(run_cli, tmp_path, monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    out = tmp_path / "redline.docx"
    run_cli("diff", "plans/spelthorne-2024-26.yaml", "plans/spelthorne-2024-26-review-2025-11.yaml",
            "--format", "docx", "-o", str(out))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)], check=True, capture_output=True,
                   timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "redline.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "Clear, Hold, Build" in text
    assert "Changes since version 1.0 are shown as tracked changes" in " ".join(text.split())
