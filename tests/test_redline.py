"""The tracked-changes redline (``cspplan diff --format docx``): Appendix A of the new
version as the paper shows it, every change a Word revision in its place.

Each test changes one thing in the example plan and looks for the revision where a reader
of the paper would look for it: under the priority's heading, in the action's row, in the
version table, and so on.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import ROOT, dump

SPELTHORNE = ROOT / "plans" / "spelthorne-2024-26.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTNERSHIP = "Spelthorne Safer Stronger Partnership"


def _base() -> dict:
    data = yaml.safe_load(SPELTHORNE.read_text(encoding="utf-8"))
    data.pop("crime_data", None)   # the aggregate is beside the example, not beside the test's copy
    return data


BASE = _base()


def _plan() -> dict:
    return copy.deepcopy(BASE)


def _redline(tmp_path: Path, old: dict, new: dict, name: str = "redline.docx") -> etree._Element:
    from cspplan.api import redline_file

    (tmp_path / "old.yaml").write_text(dump(old), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(dump(new), encoding="utf-8")
    redline_file(str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), tmp_path / name)
    with zipfile.ZipFile(tmp_path / name) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _text(node, *tags: str) -> str:
    return " ".join("".join(t.text or "" for t in node.iter(*[f"{W}{tag}" for tag in tags])).split())


def inserted(node) -> str:
    """The words of ``node`` inside tracked insertions."""
    return " ".join(_text(ins, "t") for ins in node.iter(f"{W}ins") if _text(ins, "t"))


def deleted(node) -> str:
    return " ".join(_text(d, "delText") for d in node.iter(f"{W}del") if _text(d, "delText"))


def plain(node) -> str:
    """The words of ``node`` outside any revision."""
    words = []
    for t in node.iter(f"{W}t"):
        if not any(a.tag in (f"{W}ins", f"{W}del") for a in t.iterancestors()):
            words.append(t.text or "")
    return " ".join("".join(words).split())


def _style(p) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def _blocks(root):
    return [b for b in root.find(f"{W}body") if b.tag in (f"{W}p", f"{W}tbl")]


def under(root, heading: str, level: int = 3) -> list:
    """The blocks under the heading of ``level`` whose text (with any tracked words) starts
    with ``heading``, up to the next heading of that level or above."""
    blocks, out, inside = _blocks(root), [], False
    for b in blocks:
        style = _style(b) if b.tag == f"{W}p" else ""
        is_heading = style.startswith("Heading")
        if is_heading and int(style[-1]) <= level:
            if inside:
                break
            inside = int(style[-1]) == level and _text(b, "t", "delText").startswith(heading)
            continue
        if inside:
            out.append(b)
    assert out, f"no section {heading!r} at level {level}"
    return out


def table(root, caption: str):
    for tbl in root.iter(f"{W}tbl"):
        found = tbl.find(f"{W}tblPr/{W}tblCaption")
        if found is not None and found.get(f"{W}val") == caption:
            return tbl
    raise AssertionError(f"no table {caption!r}")


def row(tbl, words: str):
    """The row of ``tbl`` whose text, deleted or not, contains ``words``."""
    rows = [tr for tr in tbl.iter(f"{W}tr") if words in _text(tr, "t", "delText")]
    assert len(rows) == 1, f"{len(rows)} rows hold {words!r}"
    return rows[0]


def revision_of(tr) -> str | None:
    for kind in ("ins", "del"):
        if tr.find(f"{W}trPr/{W}{kind}") is not None:
            return kind
    return None


def _first_action(data: dict, priority: int = 0) -> dict:
    return data["priorities"][priority]["actions"][0]


# --- each kind of change, in its place --------------------------------------------------------

def test_a_changed_word_of_a_narrative_is_struck_and_inserted_in_its_priority(tmp_path):
    new = _plan()
    new["priorities"][1]["narrative"] = new["priorities"][1]["narrative"].replace(" the ", " every ", 1)
    root = _redline(tmp_path, _plan(), new)
    title = BASE["priorities"][1]["title"]
    body = under(root, f"Priority 2: {title}")
    changed = [p for p in body if p.tag == f"{W}p" and (inserted(p) or deleted(p))]
    assert len(changed) == 1
    assert (deleted(changed[0]), inserted(changed[0])) == ("the", "every")
    assert plain(changed[0])   # the rest of the paragraph is there, unmarked
    elsewhere = [b for b in _blocks(root) if b not in body and (inserted(b) or deleted(b))]
    assert elsewhere == []     # nothing else changed, so nothing else is marked


def test_a_new_priority_is_inserted_whole_at_its_place(tmp_path):
    new = _plan()
    added = copy.deepcopy(new["priorities"][0])
    added["id"] = "water-safety-new"
    added["title"] = "Water Safety on the Thames"
    for i, action in enumerate(added["actions"]):
        action["id"] = f"ws-new-{i}"
    for i, measure in enumerate(added["measures"]):
        measure["id"] = f"ws-new-m{i}"
    new["priorities"].insert(1, added)
    root = _redline(tmp_path, _plan(), new)
    heading = next(p for p in root.iter(f"{W}p") if _style(p) == "Heading3" and "Water Safety on the Thames"
                   in _text(p, "t"))
    assert plain(heading) == "" and inserted(heading) == "Priority 2: Water Safety on the Thames"
    body = under(root, "Priority 2: Water Safety")
    assert all(plain(b) == "" for b in body), "every word of a new priority is an insertion"
    actions = table(root, "Actions for Water Safety on the Thames")
    assert [revision_of(tr) for tr in actions.iter(f"{W}tr")] == ["ins"] * (len(added["actions"]) + 1)
    # the priority after it is renumbered, the number tracked
    old_second = next(p for p in root.iter(f"{W}p") if _style(p) == "Heading3"
                      and BASE["priorities"][1]["title"] in _text(p, "t"))
    assert (deleted(old_second), inserted(old_second)) == ("2:", "3:")


def test_a_removed_action_is_a_deleted_row_where_it_was(tmp_path):
    new = _plan()
    gone = new["priorities"][0]["actions"].pop(1)
    root = _redline(tmp_path, _plan(), new)
    actions = table(root, f"Actions for {BASE['priorities'][0]['title']}")
    rows = list(actions.iter(f"{W}tr"))[1:]
    assert [revision_of(tr) for tr in rows] == [None, "del", None, None]
    assert deleted(rows[1]).startswith(gone["description"][:40]) and plain(rows[1]) == ""


def test_a_changed_due_date_is_tracked_in_the_actions_row(tmp_path):
    new = _plan()
    _first_action(new)["due"] = "2027-03-31"
    root = _redline(tmp_path, _plan(), new)
    tr = row(table(root, f"Actions for {BASE['priorities'][0]['title']}"), "hotspot patrols")
    assert revision_of(tr) is None
    due = tr.findall(f"{W}tc")[2]
    assert (deleted(due), inserted(due), plain(due)) == ("30 September 2026", "31 March 2027", "")


def test_a_changed_progress_update_is_tracked_under_the_action(tmp_path):
    old, new = _plan(), _plan()
    _first_action(old)["update"] = "Patrols ran in every week of Operation Sceptre."
    _first_action(new)["update"] = "Patrols ran in two weeks of Operation Sceptre."
    root = _redline(tmp_path, old, new)
    cell = row(table(root, f"Actions for {BASE['priorities'][0]['title']}"), "hotspot patrols").find(f"{W}tc")
    assert "Progress:" in plain(cell)
    assert (deleted(cell), inserted(cell)) == ("every week", "two weeks")


def test_a_new_plan_section_is_inserted_with_its_contents_entry(tmp_path):
    new = _plan()
    new["sections"] = [{"id": "action-days", "heading": "Partnership action days",
                        "text": "Partners meet in one neighbourhood for a day of patrols and advice."}]
    root = _redline(tmp_path, _plan(), new)
    heading = next(p for p in root.iter(f"{W}p") if "Partnership action days" in _text(p, "t")
                   and _style(p) == "Heading2")
    assert inserted(heading) == "Partnership action days"
    (text,) = under(root, "Partnership action days", level=2)
    assert inserted(text) == "Partners meet in one neighbourhood for a day of patrols and advice."
    contents = [p for p in root.iter(f"{W}p") if p.find(f"{W}hyperlink[@{W}anchor]") is not None]
    assert "Partnership action days" in [_text(p, "t") for p in contents]


def test_a_changed_version_row_and_a_new_one_are_tracked_in_the_version_table(tmp_path):
    new = _plan()
    new["version_history"][0]["summary"] = "New plan for 2024-2026, approved by the Committee."
    new["version_history"].append({"version": "1.1", "date": "2025-03-25", "summary": "First review.",
                                   "next_review_due": "2025-09-30"})
    root = _redline(tmp_path, _plan(), new)
    versions = table(root, "Version history")
    first = row(versions, "New plan for 2024-2026")
    assert revision_of(first) is None
    assert (deleted(first), inserted(first)) == ("Community Wellbeing and Housing", "the")
    added = row(versions, "First review.")
    assert revision_of(added) == "ins" and plain(added) == ""


def test_a_changed_governance_group_is_tracked_in_its_row(tmp_path):
    new = _plan()
    new["partnership"]["governance"][0]["chair"] = "Chief Executive, Spelthorne Borough Council"
    new["partnership"]["governance"][0]["meets"] = "every two months"
    root = _redline(tmp_path, _plan(), new)
    tr = row(table(root, "Governance groups"), "Sets the partnership's direction")
    cells = tr.findall(f"{W}tc")
    assert (deleted(cells[1]), inserted(cells[1])) == ("Deputy", "")
    assert plain(cells[1]) == "Chief Executive, Spelthorne Borough Council"
    assert (deleted(cells[2]), inserted(cells[2])) == ("quarterly", "every two months")


def test_a_removed_member_is_a_deleted_row(tmp_path):
    new = _plan()
    gone = next(m for m in new["partnership"]["members"] if m["id"] == "environment-agency")
    new["partnership"]["members"].remove(gone)
    for group in new["partnership"]["governance"]:
        group["members"] = [m for m in group.get("members", []) if m != gone["id"]]
    root = _redline(tmp_path, _plan(), new)
    tr = row(table(root, "Partnership members"), gone["name"])
    assert revision_of(tr) == "del" and plain(tr) == ""


def test_a_changed_equality_assessment_is_tracked_under_equality(tmp_path):
    new = _plan()
    eia = new["equality_impact_assessment"]
    eia["summary"] = eia["summary"].replace("The screening found", "The screening was repeated and found")
    eia["date"] = "2025-10-01"
    root = _redline(tmp_path, _plan(), new)
    body = under(root, "Equality")
    assert (deleted(body[0]), inserted(body[0])) == ("(2 September 2024)", "(1 October 2025)")
    assert (deleted(body[1]), inserted(body[1])) == ("", "was repeated and")


def test_a_changed_review_date_is_tracked_under_review_and_scrutiny(tmp_path):
    new = _plan()
    new["review"]["next_review_due"] = "2025-04-30"
    root = _redline(tmp_path, _plan(), new)
    first = under(root, "Review and scrutiny", level=2)[0]
    assert (deleted(first), inserted(first)) == ("31 March", "30 April")
    assert "The next review is due by" in plain(first)


def test_an_action_moved_to_another_priority_is_deleted_there_and_inserted_here(tmp_path):
    new = _plan()
    moved = new["priorities"][0]["actions"].pop(0)
    new["priorities"][1]["actions"].append(moved)
    root = _redline(tmp_path, _plan(), new)
    there = row(table(root, f"Actions for {BASE['priorities'][0]['title']}"), "hotspot patrols")
    here = row(table(root, f"Actions for {BASE['priorities'][1]['title']}"), "hotspot patrols")
    assert (revision_of(there), revision_of(here)) == ("del", "ins")


def test_a_removed_priority_is_deleted_whole_where_it_was(tmp_path):
    new = _plan()
    gone = new["priorities"].pop(1)
    root = _redline(tmp_path, _plan(), new)
    body = _blocks(root)
    struck = next(i for i, b in enumerate(body) if deleted(b) == f"Priority 2: {gone['title']}")
    # no longer a heading (a heading of no text is empty to a screen reader), but bold and struck
    assert _style(body[struck]) == "" and body[struck].find(f".//{W}b") is not None
    assert body[struck].find(f"{W}pPr/{W}rPr/{W}del") is not None   # accepting it leaves no empty line
    later = [b for b in body[struck + 1:] if _style(b) == "Heading3"][0]
    assert BASE["priorities"][2]["title"] in _text(later, "t")
    actions = table(root, f"Actions for {gone['title']}")
    assert {revision_of(tr) for tr in actions.iter(f"{W}tr")} == {"del"}


def test_an_unchanged_plan_has_no_revisions(tmp_path):
    root = _redline(tmp_path, _plan(), _plan())
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None


# --- attribution, dates, reproducibility, readers ----------------------------------------------

def _marks(root) -> list:
    return list(root.iter(f"{W}ins", f"{W}del"))


def test_revisions_are_the_partnerships_dated_with_the_new_versions_review(tmp_path):
    old, new = _plan(), _plan()
    new["review"]["last_reviewed"] = "2025-11-18"
    new["approval"]["date"] = "2025-11-25"
    new["version"] = "1.1"
    root = _redline(tmp_path, old, new)
    marks = _marks(root)
    assert marks
    assert {m.get(f"{W}date") for m in marks} == {"2025-11-18T00:00:00Z"}
    assert {m.get(f"{W}author") for m in marks} == {PARTNERSHIP}
    assert len({m.get(f"{W}id") for m in marks}) == len(marks)


def test_without_a_review_the_revisions_are_dated_with_the_approval_never_the_old_versions(tmp_path):
    old, new = _plan(), _plan()
    old["review"]["last_reviewed"] = "2024-12-01"
    new["review"].pop("last_reviewed", None)
    new["approval"]["date"] = "2025-02-03"
    new["version"] = "1.1"
    root = _redline(tmp_path, old, new)
    assert {m.get(f"{W}date") for m in _marks(root)} == {"2025-02-03T00:00:00Z"}


def test_the_redline_is_the_same_bytes_every_time(tmp_path):
    new = _plan()
    new["priorities"][0]["title"] = "Serious Violence and Knife Crime"
    _redline(tmp_path, _plan(), new, "one.docx")
    _redline(tmp_path, _plan(), new, "two.docx")
    assert (tmp_path / "one.docx").read_bytes() == (tmp_path / "two.docx").read_bytes()


REVIEW = ROOT / "plans" / "spelthorne-2024-26-review-2025-11.yaml"


def test_the_example_review_redline_passes_the_accessibility_check(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "redline.docx"
    run_cli("diff", str(SPELTHORNE), str(REVIEW), "--format", "docx", "-o", str(out))
    result = run_cli("check-docx", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    with zipfile.ZipFile(out) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    # every part of Appendix A the review changed is marked: the review's own section, the new
    # governance group, the version table, the equality assessment, the review dates
    assert "Partnership action days" in inserted(root)
    assert revision_of(row(table(root, "Governance groups"), "HMO Working Group")) == "ins"
    assert revision_of(row(table(root, "Version history"), "Second six-monthly review")) == "ins"
    assert inserted(under(root, "Equality")[1])
    assert inserted(under(root, "Review and scrutiny", level=2)[0])


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run")
def test_libreoffice_converts_the_redline_and_shows_both_versions(tmp_path):
    new = _plan()
    new["priorities"][0]["title"] = "Serious Violence and Knife Crime"
    new["priorities"][0]["actions"].pop(1)
    _redline(tmp_path, _plan(), new)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "redline.docx")],
                   check=True, capture_output=True, timeout=180)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "redline.pdf"), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "Priority 1: Serious Violence and Knife Crime" in text
    assert "weekly youth diversion sessions" in text   # the deleted action is still shown, struck


def test_a_council_template_is_checked_as_render_checks_it(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    bad = tmp_path / "council.dotm"
    bad.write_bytes(b"not a zip at all")
    answers = [run_cli(*command, "--template", str(bad)) for command in
               (("render", str(REVIEW), "-o", str(tmp_path / "paper.docx")),
                ("diff", str(SPELTHORNE), str(REVIEW), "--format", "docx", "-o", str(tmp_path / "r.docx")))]
    assert [a.exit_code for a in answers] == [2, 2]
    assert answers[0].stderr == answers[1].stderr and "internal error" not in answers[1].stderr
    assert not (tmp_path / "r.docx").exists()


def test_a_requirement_newly_met_is_tracked_in_the_compliance_matrix(tmp_path):
    new = _plan()
    new["period"]["end"] = "2027-09-30"   # a three-year plan, as the regulations expect
    root = _redline(tmp_path, _plan(), new)
    tr = row(table(root, "Statutory compliance"), "covers three years")
    status = tr.findall(f"{W}tc")[3]
    assert deleted(status).startswith("Partly met: The plan covers 2.0 years")
    assert (inserted(status), plain(status)) == ("Met", "")
    assert "Statutory compliance" in [_text(p, "t") for p in root.iter(f"{W}p")
                                      if p.find(f"{W}hyperlink[@{W}anchor]") is not None]


def test_a_changed_link_keeps_the_revision_inside_the_hyperlink_as_word_expects(tmp_path):
    old = _plan()
    old["evidence"][0]["url"] = "https://www.example.org/strategic-assessment"
    new = copy.deepcopy(old)
    new["evidence"][0]["title"] += " (revised)"
    root = _redline(tmp_path, old, new)
    marks = list(root.iter(f"{W}ins", f"{W}del"))
    assert any(m.getparent().tag == f"{W}hyperlink" for m in marks)
    assert all(m.find(f"{W}hyperlink") is None for m in marks)
    assert "(revised)" in inserted(table(root, "Evidence the plan rests on"))


def test_a_priority_taking_on_a_statutory_strand_is_tracked_in_the_strategies_table(tmp_path):
    new = _plan()
    assert "re_offending" not in new["priorities"][0]["statutory_strands"]
    new["priorities"][0]["statutory_strands"].append("re_offending")
    root = _redline(tmp_path, _plan(), new)
    tr = row(table(root, "Statutory strategies"), "Reducing re-offending")
    assert BASE["priorities"][0]["title"] in inserted(tr.findall(f"{W}tc")[1])
    assert deleted(tr) == ""


def test_a_measure_counted_from_crime_data_shows_the_counted_figures_as_the_paper_does(tmp_path):
    from cspplan.api import redline_file

    fixtures = ROOT / "tests" / "fixtures"
    shutil.copy(fixtures / "crime-two-years.csv", tmp_path / "crime-two-years.csv")
    text = (fixtures / "every-field.yaml").read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(text.replace("Expand integrated offender management.",
                                                    "Expand integrated offender management to women."),
                                       encoding="utf-8")
    redline_file(str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), tmp_path / "r.docx")
    with zipfile.ZipFile(tmp_path / "r.docx") as package:
        root = etree.fromstring(package.read("word/document.xml"))
    measures = row(table(root, "Measures for Drugs, alcohol and re-offending"), "Drug offences recorded")
    assert plain(measures.findall(f"{W}tc")[3]) == "0 (January 2023 to December 2023)"


def test_a_renamed_plan_is_tracked_in_the_appendix_heading(tmp_path):
    new = _plan()
    new["title"] = "Community Safety Partnership Plan 2024-2027"
    root = _redline(tmp_path, _plan(), new)
    heading = next(p for p in root.iter(f"{W}p") if _style(p) == "Heading1")
    assert (deleted(heading), inserted(heading)) == ("& Priorities 2024-2026", "2024-2027")
    assert plain(heading) == "Appendix A: Community Safety Partnership Plan"
