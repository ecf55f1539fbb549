"""`cspplan check-docx`: the accessibility checks as a command, for any Word file."""

from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET

import pytest
from docx import Document

from conftest import PLANS, TODAY, council_template
from cspplan.render.api import render


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """The committee paper of every example plan, rendered once."""
    folder = tmp_path_factory.mktemp("papers")
    out = []
    for plan in PLANS:
        target = folder / (plan.stem + ".docx")
        render(plan, target, today=dt.date.fromisoformat(TODAY))
        out.append(target)
    return out


def careless_document(path):
    """A Word file as one is often written: no title, 10pt text, a bold line for a heading."""
    doc = Document()
    doc.add_paragraph().add_run("Community safety update").bold = True
    doc.add_paragraph("The partnership met in March and agreed the plan for the year ahead.")
    doc.save(path)
    return path


def test_the_rendered_example_papers_pass(papers, run_cli):
    result = run_cli("check-docx", *map(str, papers))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == f"{len(papers)} files checked: no problems found\n"


def test_a_careless_document_gets_located_findings_with_their_standard(tmp_path, run_cli):
    path = careless_document(tmp_path / "update.docx")
    result = run_cli("check-docx", str(path), "--color", "never")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{path}: error DOCX-TITLE the document has no title: dc:title in docProps/core.xml is empty" in lines
    assert any(line.startswith(f"{path}: warning DOCX-FAKE-HEADING paragraph 1") for line in lines)
    assert any(line.strip().startswith("standard: WCAG 2.2 2.4.2") for line in lines)
    assert lines[-1].startswith("1 error")


def test_check_docx_speaks_every_format_validate_does(tmp_path, run_cli):
    path = careless_document(tmp_path / "update.docx")
    doc = json.loads(run_cli("check-docx", str(path), "--format", "json").stdout)
    assert doc["command"] == "check-docx" and doc["status"] == "fail"
    assert {f["rule"] for f in doc["findings"]} >= {"DOCX-TITLE", "DOCX-FAKE-HEADING"}
    sarif = json.loads(run_cli("check-docx", str(path), "--format", "sarif").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"DOCX-TITLE"}
    assert all(r["helpUri"].startswith("https://www.w3.org/") for r in rules)
    junit = ET.fromstring(run_cli("check-docx", str(path), "--format", "junit").stdout)
    assert junit.get("failures") == "1"
    github = run_cli("check-docx", str(path), "--format", "github").stdout
    assert "::error file=" in github and "title=DOCX-TITLE::" in github


def test_fail_on_warning(tmp_path, run_cli):
    doc = Document()
    doc.core_properties.title = "Update"
    doc.add_paragraph().add_run("Community safety update").bold = True
    doc.add_paragraph("The partnership met in March and agreed the plan for the year ahead.")
    doc.save(tmp_path / "titled.docx")
    assert run_cli("check-docx", str(tmp_path / "titled.docx")).exit_code == 0
    assert run_cli("check-docx", str(tmp_path / "titled.docx"), "--fail-on", "warning").exit_code == 1


def test_folders_are_searched_and_lock_files_skipped(tmp_path, run_cli):
    careless_document(tmp_path / "a.docx")
    (tmp_path / "sub").mkdir()
    careless_document(tmp_path / "sub" / "B.DOCX")
    (tmp_path / "~$a.docx").write_bytes(b"owner lock")
    doc = json.loads(run_cli("check-docx", str(tmp_path), "--format", "json").stdout)
    assert [f["path"] for f in doc["files"]] == [str(tmp_path / "a.docx"), str(tmp_path / "sub" / "B.DOCX")]


def test_a_file_that_is_not_word_is_a_finding_and_a_missing_one_exits_2(tmp_path, run_cli):
    (tmp_path / "notes.docx").write_text("not a zip", encoding="utf-8")
    result = run_cli("check-docx", str(tmp_path / "notes.docx"))
    assert result.exit_code == 1
    assert "error DOCX-UNREADABLE the file cannot be read as a zip package" in result.stdout
    missing = run_cli("check-docx", str(tmp_path / "gone.docx"))
    assert (missing.exit_code, missing.stderr) == (2, f"cspplan: {tmp_path / 'gone.docx'}: no such file or directory\n")
    empty = run_cli("check-docx", str(tmp_path / "nothing-here"))
    assert empty.exit_code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_not_read(tmp_path, run_cli):
    os.mkfifo(tmp_path / "paper.docx")
    result = run_cli("check-docx", str(tmp_path / "paper.docx"))
    assert (result.exit_code, result.stderr) == (2, f"cspplan: {tmp_path / 'paper.docx'}: not a regular file\n")


def test_render_shows_the_warnings_of_a_council_template(tmp_path, run_cli):
    """A justified 10pt template still renders, but the officer is told."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    template = council_template()
    normal = template.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    template.save(tmp_path / "council.docx")
    result = run_cli("render", str(PLANS[0]), "-o", str(tmp_path / "paper.docx"), "--template",
                     str(tmp_path / "council.docx"), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "DOCX-" in line]
    assert any("DOCX-FONT-SIZE" in line and "10pt" in line for line in warnings)
    assert any("DOCX-JUSTIFIED" in line for line in warnings)
    assert all(line.startswith(f"cspplan: warning: {tmp_path / 'paper.docx'}: DOCX-") for line in warnings)
