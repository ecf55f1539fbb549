"""The six-monthly review paper (``render NEW --changes-since OLD``) reads as members read it:
progress per priority with every update, new priorities called new with their numbers,
like-for-like trends only, and changes in words, never in a tool's notation."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import docx
import pytest
import yaml

from conftest import ROOT
from cspplan.diff import diff
from cspplan.loader import load_text
from cspplan.render.api import render

OLD = ROOT / "plans" / "spelthorne-2024-26.yaml"
NEW = ROOT / "plans" / "spelthorne-2024-26-review-2025-11.yaml"
TODAY = dt.date(2025, 11, 1)

# What a tool writes and a committee paper must not: a field path (approval/date,
# next_review_due), an arrow, JSON, or text cut off with an ellipsis.
FIELD_PATH = re.compile(r"\b[a-z]+(?:_[a-z]+)*/[a-z_]+\b|\b[a-z]+_[a-z_]+\b")
NOTATION = re.compile(r"->|→|\{\"|\": |'\s*->|\.\.\.|…")


def texts(path) -> list[str]:
    """Every paragraph of the document, in the body and in table cells."""
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def plan_text(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="module")
def review_paper(tmp_path_factory):
    out = tmp_path_factory.mktemp("review") / "review.docx"
    render(NEW, out, today=TODAY, changes_since=str(OLD))
    return out


@pytest.fixture(scope="module")
def review_text(review_paper) -> str:
    return "\n".join(texts(review_paper))


def _own_text() -> str:
    """The plan's own words in both versions: notation in them is the officer's, not the tool's."""
    return OLD.read_text(encoding="utf-8") + NEW.read_text(encoding="utf-8")


def test_no_field_path_arrow_json_or_ellipsis_in_the_paper(review_paper):
    own = " ".join(_own_text().split())
    offending = [t for t in texts(review_paper) if (FIELD_PATH.search(t) or NOTATION.search(t))
                 and " ".join(t.split()) not in own]
    assert offending == []


def test_every_actions_progress_update_is_printed(review_text):
    data = yaml.safe_load(NEW.read_text(encoding="utf-8"))
    updates = [" ".join(a["update"].split()) for p in data["priorities"] for a in p.get("actions", [])
               if a.get("update")]
    assert len(updates) > 20
    flat = " ".join(review_text.split())
    assert [u for u in updates if u not in flat] == []


def test_a_new_priority_is_called_new_with_the_number_the_plan_gives_it(review_paper, review_text):
    old_ids = {p["id"] for p in yaml.safe_load(OLD.read_text(encoding="utf-8"))["priorities"]}
    new_priorities = yaml.safe_load(NEW.read_text(encoding="utf-8"))["priorities"]
    added = [(i, p["title"]) for i, p in enumerate(new_priorities, 1) if p["id"] not in old_ids]
    assert added, "the example review adds a priority"
    headings = [p.text for p in docx.Document(str(review_paper)).paragraphs if p.style.name.startswith("Heading")]
    for number, title in added:
        assert f"Priority {number}: {title} (new)" in headings
        assert f"New priority {number}: {title}, led by" in review_text
    unchanged = [f"Priority {i}: {p['title']} (new)" for i, p in enumerate(new_priorities, 1) if p["id"] in old_ids]
    assert not set(unchanged) & set(headings)


def test_changed_marks_only_change_of_substance(tmp_path):
    """A priority whose wording alone changed is not "(changed)" in Appendix A."""
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    data.pop("crime_data", None)  # its aggregate sits beside the original, not in tmp_path
    data["priorities"][0]["narrative"] += " Reworded at review."
    data["priorities"][1]["actions"][0]["due"] = dt.date(2026, 6, 30)
    edited = tmp_path / "edited.yaml"
    edited.write_text(plan_text(data), encoding="utf-8")
    out = tmp_path / "paper.docx"
    render(edited, out, today=TODAY, changes_since=str(OLD))
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    first, second = data["priorities"][0]["title"], data["priorities"][1]["title"]
    assert any(h.startswith("Priority 1: ") and h.endswith(first) for h in headings)
    assert not any(h.endswith(f"{first} (changed)") for h in headings)
    assert any(h.endswith(f"{second} (changed)") for h in headings)


def test_a_quarter_against_a_year_is_never_shown_as_a_change(tmp_path):
    """Version 1.0 compares 584 offences in 2023/24 with 139 in April to June 2024."""
    from docx.oxml.ns import qn

    out = tmp_path / "paper.docx"
    render(OLD, out, today=TODAY, changes_since=str(OLD))
    document = docx.Document(str(out))
    measures = [t for t in document.tables
                if (t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) or "").startswith("Measures for")]
    assert len(measures) >= 2 * 9, "each priority's measures, in the progress section and in Appendix A"
    rows = [[c.text for c in row.cells] for t in measures for row in t.rows]
    unlike = [r for r in rows if any("2023/24" in c for c in r) and any("April to June 2024" in c for c in r)]
    assert len(unlike) >= 2, "the quarter is shown beside the year in both tables"
    for row in unlike:
        assert not any("%" in cell or "Improving" in cell or "Getting worse" in cell for cell in row), row
        assert any(cell.startswith("Not comparable") for cell in row), row


def test_the_summary_groups_changes_as_members_think(review_paper):
    headings = [p.text for p in docx.Document(str(review_paper)).paragraphs if p.style.name.startswith("Heading")]
    summary = next(i for i, h in enumerate(headings) if h.startswith("Summary of changes since version 1.0"))
    # the report's purpose is "approve" in both versions, so there is no group for the report
    assert headings[summary + 1:summary + 5] == ["New and closed priorities and actions",
                                                 "Changed targets, leads and dates", "The partnership", "The law"]


def test_the_burglary_target_and_the_slipped_date_are_said_in_words(review_text):
    assert "now decrease to 210 (it was decrease to 230)" in review_text
    assert "(was 30 September 2025)" in review_text   # the slipped data-sharing action
    assert "In progress, slipped" in review_text


def test_rag_is_a_word_in_a_shaded_cell(review_paper):
    from docx.oxml.ns import qn

    document = docx.Document(str(review_paper))
    shaded = []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                shd = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
                if shd is not None and shd.get(qn("w:fill")) in ("C6EFCE", "FFEB9C", "FFC7CE", "E7E6E6"):
                    shaded.append((cell.text.split("\n")[-1], shd.get(qn("w:fill"))))
    words = {"C6EFCE": "Green", "FFEB9C": "Amber", "FFC7CE": "Red", "E7E6E6": "Grey"}
    assert len(shaded) >= 40
    assert all(text == words[fill] for text, fill in shaded)


@pytest.mark.parametrize(("field", "old", "new"), [
    ("purpose", "approve", "note"),
    ("recommendations", ["Approve the plan"], ["Note the progress on the plan"]),
])
def test_what_the_committee_is_asked_to_do_is_substantive(field, old, new):
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    data["committee_report"][field] = old
    before = load_text(plan_text(data), "old.yaml")
    data["committee_report"][field] = new
    after = load_text(plan_text(data), "new.yaml")
    changes = diff(before, after).changes
    assert changes and {c.significance for c in changes} == {"substantive"}


def test_a_member_joining_is_substantive_and_a_responsible_authority_statutory():
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    before = load_text(plan_text(data), "old.yaml")
    data["partnership"]["members"].append({"id": "newcomer", "name": "Newcomer Trust", "kind": "other"})
    after = load_text(plan_text(data), "new.yaml")
    added = [c for c in diff(before, after).changes if c.level == "member"]
    assert [(c.kind, c.significance) for c in added] == [("added", "substantive")]


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice not installed")
def test_libreoffice_converts_the_review_paper(review_paper, tmp_path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(review_paper)],
                   check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "review.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Progress on the action plan" in text and "Summary of changes since version 1.0" in text
    # No word of a narrow column (status, trend, RAG) broken across two lines: "Complet/e".
    for word in ("Complete", "progress", "started", "Improving", "slipped", "Green", "Amber"):
        assert word in text
        for cut in range(2, len(word) - 1):
            assert not re.search(rf"\b{word[:cut]}\s*\n\s*{word[cut:]}\b", text), (word, cut)
