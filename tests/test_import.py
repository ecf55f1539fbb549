"""`cspplan import`: a Word committee report or plan back into a plan file.

Round trips: every example plan rendered and imported (with the plan as --base) compares
with the original as "no changes"; without --base, what the paper prints comes back and
what it does not is reported. Officer-typed documents (tests/officer_documents.py): the
seed report with typed numbers and a plain cover table, and a plan typed in Word. Bad
input: one line and exit status 2.
"""

from __future__ import annotations

import struct
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, PLANS, ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))
import council_templates as ct
import officer_documents as od


def _paper(run_cli, plan: Path, folder: Path, *extra: str) -> Path:
    out = folder / (plan.stem + ".docx")
    result = run_cli("render", str(plan), "-o", str(out), *extra)
    assert result.exit_code in (0, 1), result.stderr
    return out


def _import(run_cli, paper: Path, out: Path, *extra: str):
    result = run_cli("import", str(paper), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return result


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- round trips -------------------------------------------------------------------------------

# The examples, and fixtures with what they lack: a draft notice, an exempt report, e-mail and phone,
# measures figured from police.uk data, observation dates, Welsh law.
ROUND_TRIP = [*PLANS, *(FIXTURES / f"{name}.yaml" for name in ("minimal", "every-field", "base-england",
                                                               "base-wales"))]


@pytest.mark.parametrize("plan", ROUND_TRIP, ids=lambda p: p.stem)
def test_render_then_import_with_the_plan_as_base_is_no_change(run_cli, tmp_path, plan):
    from cspplan.api import diff_files

    imported = tmp_path / "imported.yaml"
    _import(run_cli, _paper(run_cli, plan, tmp_path), imported, "--base", str(plan))
    changes = diff_files(str(plan), str(imported)).changes
    assert [f"{c.level} {c.item_id} {c.field}" for c in changes] == []


@pytest.mark.parametrize("council", sorted(ct.COUNCILS))
def test_a_paper_in_a_councils_template_comes_back_unchanged(run_cli, tmp_path, council):
    from cspplan.api import diff_files

    plan = ROOT / "plans" / "spelthorne-2024-26.yaml"
    template = ct.build(ct.COUNCILS[council], tmp_path)
    imported = tmp_path / "imported.yaml"
    _import(run_cli, _paper(run_cli, plan, tmp_path, "--template", str(template)), imported, "--base", str(plan))
    assert diff_files(str(plan), str(imported)).changes == []


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_without_a_base_what_the_paper_prints_comes_back(run_cli, tmp_path, plan):
    original = _load(plan)
    imported_path = tmp_path / "imported.yaml"
    _import(run_cli, _paper(run_cli, plan, tmp_path), imported_path)
    imported = _load(imported_path)

    def actions(data):
        return [(p["title"], a["description"], str(a["due"]), a["status"])
                for p in data["priorities"] for a in p.get("actions", [])]

    def measures(data):
        return [(m["indicator"], m["target"]["direction"], m["target"].get("value"), m.get("baseline"))
                for p in data["priorities"] for m in p.get("measures", [])]

    assert actions(imported) == actions(original)
    assert measures(imported) == measures(original)
    assert [m["name"] for m in imported["partnership"]["members"]] == \
        [m["name"] for m in original["partnership"]["members"]]
    assert [m["kind"] for m in imported["partnership"]["members"]] == \
        [m["kind"] for m in original["partnership"]["members"]]
    assert [set(p.get("statutory_strands", [])) for p in imported["priorities"]] == \
        [set(p.get("statutory_strands", [])) for p in original["priorities"]]
    assert imported["committee_report"]["sections"] == original["committee_report"]["sections"]
    assert imported["jurisdiction"] == original["jurisdiction"]
    # Ids are made from titles, so references still join up: every action's owner is a member.
    members = {m["id"] for m in imported["partnership"]["members"]}
    assert all(a["owner"] in members for p in imported["priorities"] for a in p.get("actions", []))


def test_without_a_base_only_unprinted_facts_are_reported(run_cli, tmp_path):
    """The paper prints neither the strategy group's members nor when the plan went to the commissioner;
    those are the only errors left, each found by validate at its place."""
    plan = ROOT / "plans" / "spelthorne-2024-26.yaml"
    imported = tmp_path / "imported.yaml"
    _import(run_cli, _paper(run_cli, plan, tmp_path), imported)
    result = run_cli("validate", str(imported), "--format", "json")
    import json

    errors = {f["rule"] for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"}
    assert errors <= {"REG07-R13A-PLAN-TO-PCC", "REG07-R3-GROUP", "CRIME-AGGREGATE"}


def test_the_same_paper_imports_to_the_same_bytes(run_cli, tmp_path):
    paper = _paper(run_cli, ROOT / "plans" / "wrexham-2025-28.yaml", tmp_path)
    _import(run_cli, paper, tmp_path / "a.yaml")
    _import(run_cli, paper, tmp_path / "b.yaml")
    text = (tmp_path / "a.yaml").read_bytes()
    assert text == (tmp_path / "b.yaml").read_bytes()
    assert text.startswith(b"# yaml-language-server: $schema=../schemas/plan-v1.schema.json\n")


# --- documents typed by officers ---------------------------------------------------------------

def test_the_seed_report_typed_in_word_is_read_section_by_section(run_cli, tmp_path):
    out = tmp_path / "seed.yaml"
    result = _import(run_cli, od.seed_report(tmp_path / "seed.docx"), out)
    report = _load(out)["committee_report"]
    assert report["title"] == "Community Safety Partnership Plan & Priorities 2024-2026"
    assert report["author"] == {"name": "Will Jack", "role": "Community Safety Manager"}
    assert report["corporate_priorities"] == ["Community", "Resilience", "Services"]
    assert report["recommendations"] == ["Note the Report", "Approve the Community Safety Partnership Plan and "
                                                           "Priorities 2024-26"]
    sections = report["sections"]
    # typed numbers are taken off; "7.1 ." too; an unnumbered paragraph continues the one before
    assert sections["legal"] == ["Community Safety Partnerships (CSPs) were introduced by Section 6 of the Crime "
                                 "and Disorder Act 1998 ( CDA)."]
    assert len(sections["key_issues"]) == 2 and "The second part" in sections["key_issues"][0]
    assert sections["procurement"] == ["None", "Procurement Comments:"]
    assert sections["contact"] == ["Will Jack \u2013 Community Safety Manager Spelthorne."]
    assert len([k for k, v in sections.items() if v and v != ["FILL-IN"]]) == 12
    assert report["summary_box"]["why"] == ["A requirement of the Crime & Disorder Act 1998 under Section 5"]
    assert report["background_papers"] == []
    assert [a["label"] for a in report["appendices"]] == ["A", "B"]
    # no "Report to COMMITTEE, DATE" line in the seed: said, and marked for validate to find
    assert report["committee"] == "FILL-IN" and report["meeting_date"] == "YYYY-MM-DD"
    assert "Report to COMMITTEE, DATE" in result.stderr
    # what fits nowhere is kept, with where it came from
    text = out.read_text(encoding="utf-8")
    unsorted = text.split("# --- not recognised")[1]
    paragraph = len(_all_paragraphs(tmp_path / "seed.docx"))  # the last one
    assert f"# [paragraph {paragraph}]\n# Printed on recycled paper." in unsorted


def _all_paragraphs(path: Path):
    """Every paragraph of the body and its tables, in order (independent of the importer)."""
    import docx

    body = docx.Document(str(path)).element.body
    return list(body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"))


def test_a_plan_typed_in_word_reads_tables_by_their_header_words_and_reports_vague_dates(run_cli, tmp_path):
    out = tmp_path / "plan.yaml"
    result = _import(run_cli, od.plan_document(tmp_path / "plan.docx"), out)
    plan = _load(out)
    assert [p["title"] for p in plan["priorities"]] == ["Serious Violence", "Water Safety"]
    actions = plan["priorities"][0]["actions"]
    assert [str(a["due"]) for a in actions] == ["2025-09-24", "2025-03-31", "2025-09-30", "YYYY-MM-DD"]
    assert [a["status"] for a in actions] == ["in_progress", "not_started", "not_started", "complete"]
    assert [a["owner"] for a in actions] == ["surrey-police", "spelthorne-borough-council",
                                             "spelthorne-borough-council", "surrey-police"]
    measure = plan["priorities"][0]["measures"][0]
    assert measure["baseline"] == {"value": 584, "period": "2023/24"}
    assert measure["target"] == {"direction": "decrease", "value": 555}
    assert str(plan["version_history"][0]["date"]) == "2024-09-24"
    assert plan["sections"] == [{"id": "glossary", "heading": "Glossary", "text": "JAG: Joint Action Group."}]
    # the month is read as its last day and said; the season is not read
    assert "table 3, row 4: 'September 2025' names a month" in result.stderr
    assert "table 3, row 5: 'Spring 2025' does not say which day" in result.stderr
    check = run_cli("validate", str(out))
    assert check.exit_code == 1
    due_line = next(n for n, line in enumerate(out.read_text().splitlines(), 1) if "due: YYYY-MM-DD" in line)
    assert f"{out}:{due_line}:" in check.stdout


@pytest.mark.parametrize(("written", "expected", "noted"), [
    ("24th September 2024", "2024-09-24", False), ("Tuesday 24 Sept 2024", "2024-09-24", False),
    ("24/09/2024", "2024-09-24", False), ("03/04/2024", "2024-04-03", False), ("3.4.24", "2024-04-03", False),
    ("2024-09-24", "2024-09-24", False),
    ("September 2024", "2024-09-30", True), ("February 2024", "2024-02-29", True),
    ("Spring 2025", None, True), ("Q1 2025", None, True), ("2025/26", None, True), ("31/02/2024", None, True),
    ("13/13/2024", None, True),
])
def test_dates_as_councils_write_them(written, expected, noted):
    """Day first, as in the UK; a month alone is its last day, said; a season or a false date is not read."""
    from cspplan.importer.dates import read_date

    value, note = read_date(written)
    assert value == expected
    assert (note is not None) == noted


# --- what is refused ---------------------------------------------------------------------------

def _lying_bomb(path: Path) -> Path:
    od.plan_document(path)
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + name_length]) == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, 1536 * 1024 * 1024)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def _flag_encrypted(path: Path) -> Path:
    od.plan_document(path)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + offset] |= 1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def _no_report(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Minutes of the meeting held on 3 March 2025.")
    document.save(str(path))
    return path


def _macro_enabled(path: Path) -> Path:
    source = od.plan_document(path.with_name("source.docx"))
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = package.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"officedocument.wordprocessingml.document.main+xml",
                                    b"ms-word.document.macroEnabled.main+xml")
            out.writestr(info.filename, data)
    return path


def _bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    text = folder / "notes.docx"
    text.write_text("This is a text file.", encoding="utf-8")
    ole = folder / "protected.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le"))
    truncated = folder / "truncated.docx"
    truncated.write_bytes(od.plan_document(folder / "whole.docx").read_bytes()[:3000])
    other_zip = folder / "photos.docx"
    with zipfile.ZipFile(other_zip, "w") as package:
        package.writestr("photo.txt", "not a document")
    return {
        "text": (text, "not a Word .docx file"),
        "password": (ole, "password-protected"),
        "encrypted-parts": (_flag_encrypted(folder / "flagged.docx"), "password-protected"),
        "corrupt": (truncated, "damaged Word file"),
        "not-word": (other_zip, "not a Word document"),
        "macros": (_macro_enabled(folder / "macros.docx"), "macro-enabled"),
        "zip-bomb": (_lying_bomb(folder / "bomb.docx"), "would inflate to more than 128 MB"),
        "no-report": (_no_report(folder / "minutes.docx"), "no committee report or plan was recognised"),
    }


@pytest.mark.parametrize("kind", ["text", "password", "encrypted-parts", "corrupt", "not-word", "macros",
                                  "zip-bomb", "no-report"])
def test_unusable_input_gets_one_line_and_exit_2(run_cli, tmp_path, kind):
    path, words = _bad_inputs(tmp_path)[kind]
    out = tmp_path / "out.yaml"
    result = run_cli("import", str(path), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and words in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, monkeypatch):
    from cspplan.errors import CspplanError
    from cspplan.importer.reader import vet

    bomb = _lying_bomb(tmp_path / "bomb.docx")

    def refuse(*args, **kwargs):
        raise AssertionError("a part was inflated")
    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    with pytest.raises(CspplanError, match="would inflate"):
        vet(bomb)


def test_an_existing_file_is_kept_unless_force_and_the_input_never_overwritten(run_cli, tmp_path):
    paper = od.plan_document(tmp_path / "plan.docx")
    out = tmp_path / "plan.yaml"
    out.write_text("mine\n", encoding="utf-8")
    refused = run_cli("import", str(paper), "-o", str(out))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    onto_input = run_cli("import", str(paper), "-o", str(paper), "--force")
    assert onto_input.exit_code == 2 and "being imported" in onto_input.stderr
    assert paper.read_bytes()[:2] == b"PK"
    forced = run_cli("import", str(paper), "--force")  # beside the Word file, with .yaml
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.docx", "plan.yaml"]  # no temporary file left


def test_a_councils_own_heading_style_based_on_a_heading_is_a_heading(run_cli, tmp_path):
    """Word gives a style its base's outline level: a council's "Priority Heading", based on Heading 2."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    style = document.styles.add_style("Council Priority Heading", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("Priority 1: Water Safety", style="Council Priority Heading")
    document.add_paragraph("The borough has miles of river frontage.")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Action", "Owner", "Due"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Run school water safety talks", "Fire service", "31/07/2025"),
                          strict=True):
        cell.text = text
    document.save(str(tmp_path / "plan.docx"))
    out = tmp_path / "plan.yaml"
    _import(run_cli, tmp_path / "plan.docx", out)
    priority = _load(out)["priorities"][0]
    assert priority["title"] == "Water Safety"
    assert priority["narrative"] == "The borough has miles of river frontage."
    assert [(a["description"], str(a["due"])) for a in priority["actions"]] == \
        [("Run school water safety talks", "2025-07-31")]
