"""cspplan render: the committee paper, opened with python-docx (and LibreOffice when present)
and checked for what democratic services and the accessibility regulations need."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import zipfile
from itertools import pairwise

import docx
import pytest
from docx.oxml.ns import qn

from conftest import COMPLIANT_TEXT, PLANS, ROOT, council_template, dump
from cspplan.errors import CspplanError
from cspplan.loader import load_text
from cspplan.render import house
from cspplan.render.api import RenderRefused, render

SPELTHORNE = ROOT / "plans" / "spelthorne-2024-26.yaml"
TODAY = dt.date(2025, 1, 15)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def spelthorne_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("render") / "spelthorne.docx"
    render(SPELTHORNE, out, today=TODAY)
    return out


def body_paragraphs(document):
    return [(p.style.name, p.text, p._p) for p in document.paragraphs]


def num_pr(p):
    pr = p.find(f"{W}pPr/{W}numPr")
    if pr is None:
        return None
    return int(pr.find(f"{W}numId").get(f"{W}val")), int(pr.find(f"{W}ilvl").get(f"{W}val"))


def test_the_cover_report_follows_the_seed(spelthorne_docx):
    document = docx.Document(spelthorne_docx)
    paras = body_paragraphs(document)
    assert paras[0][:2] == ("Heading 1", "Community Safety Partnership Plan & Priorities 2024-2026")
    sections = [(text, num_pr(p)) for style, text, p in paras if style == "Heading 2" and num_pr(p)]
    assert [t for t, _ in sections] == [
        "Summary of the report", "Key issues", "Options analysis and proposal", "Financial management comments",
        "Risk management comments", "Procurement comments", "Legal comments", "Other considerations",
        "Equality and diversity", "Sustainability and climate change implications",
        "Timetable for implementation", "Contact"]
    report_num = sections[0][1][0]
    assert all(n == (report_num, 0) for _, n in sections)
    numbered = [text for style, text, p in paras if num_pr(p) == (report_num, 1)]
    plan = load_text(SPELTHORNE.read_text(encoding="utf-8")).data
    assert len(numbered) == sum(len(v) for v in plan["committee_report"]["sections"].values())
    assert not any(text[:4].strip().rstrip(".").replace(".", "").isdigit() for text in numbered)  # no typed numbers
    cover = document.tables[0]
    assert [c.text for c in cover.rows[0].cells] == ["Item", "Detail"]
    labels = [row.cells[0].text for row in cover.rows[1:]]
    assert labels == ["Title", "Purpose of the report", "Report author", "Wards affected", "Exempt",
                      "Exemption reason", "Corporate priorities", "Recommendations", "Reason for recommendation"]
    assert cover.rows[8].cells[1].text.startswith("Committee is asked to:\nNote the report\nApprove")
    box = document.tables[1]
    assert [c.text for c in box.rows[0].cells] == ["What is the situation", "Why we want to do something"]
    heading_texts = [text for style, text, _ in paras if style.startswith("Heading")]
    for expected in ("Background papers", "Appendices", "Appendix A: Community Safety Partnership Plan & "
                     "Priorities 2024-2026", "Statutory compliance", "Appendix B: Crime Overview",
                     "Priority 1: Serious Violence", "Priority 9: Counter Terrorism (Prevent)"):
        assert expected in heading_texts


def test_numbering_is_words_own(spelthorne_docx):
    document = docx.Document(spelthorne_docx)
    numbering = document.part.numbering_part.element
    children = [c.tag.split("}")[1] for c in numbering if c.tag.split("}")[1] in ("abstractNum", "num")]
    assert children == sorted(children)  # every abstractNum before every num, as the schema requires
    texts = [lvl.find(f"{W}lvlText").get(f"{W}val") for lvl in numbering.iter(f"{W}lvl")]
    assert "%1." in texts and "%1.%2" in texts
    num_ids = {int(n.get(f"{W}numId")) for n in numbering.findall(f"{W}num")}
    used = {num_pr(p._p)[0] for p in document.paragraphs if num_pr(p._p)}
    assert used <= num_ids


def test_headings_are_in_order_and_tables_have_repeating_header_rows(spelthorne_docx):
    document = docx.Document(spelthorne_docx)
    levels = [int(p.style.name[-1]) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in pairwise(levels))
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge | .//w:hMerge")


def test_document_properties_language_and_page(spelthorne_docx):
    document = docx.Document(spelthorne_docx)
    props = document.core_properties
    assert props.title == "Community Safety Partnership Plan & Priorities 2024-2026"
    assert props.author == "Will Jack" and props.author != "python-docx"
    assert props.created == dt.datetime(2024, 9, 24, tzinfo=dt.timezone.utc)  # the approval date
    assert props.modified == props.created
    assert props.comments == "" and props.language == "en-GB"
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-GB"
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_the_paper_passes_the_accessibility_checks(spelthorne_docx, tmp_path):
    from cspplan.findings import Severity
    from cspplan.render.accessibility import check_docx

    assert [p for p in check_docx(spelthorne_docx) if p.severity >= Severity.ERROR] == []
    welsh = tmp_path / "wrexham.docx"
    render(next(p for p in PLANS if p.name.startswith("wrexham")), welsh, today=TODAY)
    assert [p for p in check_docx(welsh) if p.severity >= Severity.ERROR] == []


def test_two_renders_in_two_processes_are_byte_identical(tmp_path):
    outputs = []
    for name in ("one.docx", "two.docx"):
        out = tmp_path / name
        subprocess.run([sys.executable, "-m", "cspplan", "render", str(SPELTHORNE), "-o", str(out),
                        "--today", "2025-01-15"], check=True, capture_output=True, env={"PYTHONHASHSEED": "random",
                                                                                      "PATH": "/usr/bin:/bin"})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(io.BytesIO(outputs[0])) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_failed_render_leaves_the_earlier_output_as_it_was(tmp_path, run_cli):
    out = tmp_path / "paper.docx"
    out.write_bytes(b"the earlier paper")
    broken = tmp_path / "broken.yaml"
    broken.write_text(COMPLIANT_TEXT.replace("status: approved", "status: aproved"))
    result = run_cli("render", str(broken), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cspplan: {broken}:10:9: 'aproved' is not an allowed value for 'status'")
    not_docx = tmp_path / "council.docx"
    not_docx.write_text("not a Word file")
    result = run_cli("render", str(SPELTHORNE), "-o", str(out), "--template", str(not_docx))
    assert result.exit_code == 2 and "not a Word .docx template" in result.stderr
    assert out.read_bytes() == b"the earlier paper"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "council.docx", "paper.docx"]


def test_never_writes_over_the_plan_or_the_template(tmp_path, run_cli):
    plan = tmp_path / "plan.docx"
    plan.write_text(COMPLIANT_TEXT)
    result = run_cli("render", str(plan), "-o", str(plan))
    assert result.exit_code == 2 and "would overwrite the plan" in result.stderr
    template = tmp_path / "council.docx"
    shutil.copy(house.template_path(), template)
    before = template.read_bytes()
    result = run_cli("render", str(SPELTHORNE), "-o", str(template), "--template", str(template))
    assert result.exit_code == 2 and "would overwrite the template" in result.stderr
    assert template.read_bytes() == before


def test_characters_word_cannot_hold_are_located(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(COMPLIANT_TEXT.replace("title: Example Community Safety Partnership Plan 2025-2028",
                                           'title: "Example plan \\x01"', 1))
    with pytest.raises(CspplanError) as caught:
        render(plan, tmp_path / "out.docx", today=TODAY)
    assert str(caught.value).startswith(f"{plan}:5:8: the text contains the control character U+0001")
    assert not (tmp_path / "out.docx").exists()


def test_statutory_errors_give_a_draft_notice_or_strict_refuses(tmp_path):
    plan = tmp_path / "plan.yaml"
    data = load_text(COMPLIANT_TEXT).data
    data["partnership"]["members"] = [m for m in data["partnership"]["members"] if m["id"] != "fire"]
    data["partnership"]["governance"][0]["members"].remove("fire")
    plan.write_text(dump(data))
    out = tmp_path / "out.docx"
    result = render(plan, out, today=dt.date(2025, 7, 1))
    assert result.draft
    notice = docx.Document(out).paragraphs[0]
    assert notice.text == "Notice: this plan does not yet meet the law in 1 respect:"
    assert "No fire and rescue authority is listed" in docx.Document(out).paragraphs[1].text
    with pytest.raises(RenderRefused):
        render(plan, tmp_path / "strict.docx", strict=True, today=dt.date(2025, 7, 1))
    assert not (tmp_path / "strict.docx").exists()


def test_an_approved_plan_that_meets_the_law_has_no_notice(spelthorne_docx):
    texts = [p.text for p in docx.Document(spelthorne_docx).paragraphs]
    assert not any(t.startswith(("Notice: this plan", "Draft: this plan")) for t in texts)


@pytest.mark.parametrize("part, first_heading, absent", [
    ("report", "Community Safety Partnership Plan & Priorities 2024-2026", "Statutory compliance"),
    ("plan", "Community Safety Partnership Plan & Priorities 2024-2026", "Key issues"),
    ("overview", "Community Safety Partnership Plan & Priorities 2024-2026: crime overview", "Key issues"),
])
def test_one_part(part, first_heading, absent, tmp_path):
    out = tmp_path / f"{part}.docx"
    render(SPELTHORNE, out, part=part, today=TODAY)
    headings = [p.text for p in docx.Document(out).paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == first_heading
    assert absent not in headings
    assert docx.Document(out).core_properties.title == first_heading


def test_markdown_becomes_word_formatting(tmp_path):
    data = load_text(COMPLIANT_TEXT).data
    data["priorities"][0]["narrative"] = (
        "Reduce **violence** in the *night-time economy*, with the [Safer Streets guidance]"
        "(https://www.gov.uk/safer-streets).\n\n## Where\n\n- Town centre\n- Station\n  1. Forecourt\n\n"
        "### Detail\n\nText.\n\n1. First\n2. Second\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(dump(data))
    out = tmp_path / "out.docx"
    render(plan, out, today=dt.date(2025, 7, 1))
    document = docx.Document(out)
    paras = document.paragraphs
    i = next(k for k, p in enumerate(paras) if p.text.startswith("Reduce violence"))
    runs = paras[i].runs
    assert [r.text for r in runs if r.bold] == ["violence"]
    assert [r.text for r in runs if r.italic] == ["night-time economy"]
    link = paras[i]._p.find(f"{W}hyperlink")
    target = document.part.rels[link.get(qn("r:id"))].target_ref
    assert (target, "".join(t.text for t in link.iter(f"{W}t"))) == (
        "https://www.gov.uk/safer-streets", "Safer Streets guidance")
    assert (paras[i + 1].style.name, paras[i + 1].text) == ("Heading 4", "Where")
    bullets = [num_pr(p._p) for p in paras[i + 2:i + 5]]
    assert bullets[0][1] == bullets[1][1] == 0 and bullets[2][1] == 1
    assert (paras[i + 5].style.name, paras[i + 5].text) == ("Heading 5", "Detail")
    first, second = num_pr(paras[i + 7]._p), num_pr(paras[i + 8]._p)
    assert first == second and first[0] != bullets[2][0]  # a fresh list, numbered from 1


def test_a_councils_template_gives_its_styles_and_header(tmp_path):
    council = council_template()
    council.sections[0].header.paragraphs[0].text = "Spelthorne Borough Council"
    council.styles["Heading 1"].font.name = "Georgia"
    council_path = tmp_path / "council.docx"
    council.save(council_path)
    out = tmp_path / "out.docx"
    result = render(SPELTHORNE, out, template=council_path, today=TODAY)
    assert result.warnings[0] == "the template has no 'Hyperlink' style; using cspplan's house style for it"
    # python-docx's default template sets 11pt body text: rendered, but the officer is told
    assert f"{out}: DOCX-FONT-SIZE body text is 11pt, set by the document defaults in word/styles.xml; " \
        "use at least 12pt ('cspplan explain DOCX-FONT-SIZE')" in result.warnings
    document = docx.Document(out)
    assert document.sections[0].header.paragraphs[0].text == "Spelthorne Borough Council"
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert document.paragraphs[0].text == "Community Safety Partnership Plan & Priorities 2024-2026"
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-GB"  # whatever the template said


def test_a_template_whose_headings_fail_contrast_is_refused_with_the_style_named(tmp_path):
    docx.Document().save(tmp_path / "word2010.docx")  # headings in #4F81BD: 4.0:1 on white
    out = tmp_path / "out.docx"
    with pytest.raises(CspplanError) as refused:
        render(SPELTHORNE, out, template=tmp_path / "word2010.docx", today=TODAY)
    message = str(refused.value)
    assert message.startswith(f"{out}: the document would fail an accessibility check (DOCX-CONTRAST text "
                              "#4F81BD on #FFFFFF")
    assert "set by style 'heading 2'" in message
    assert message.endswith("so nothing was written; change those styles in the template")
    assert not out.exists()


def test_the_house_style_template_is_up_to_date(tmp_path):
    rebuilt = tmp_path / "house-style.docx"
    house.build(rebuilt)
    assert rebuilt.read_bytes() == house.template_path().read_bytes(), "run 'make template'"


def test_the_house_style_is_a4_british_english_and_12pt():
    document = docx.Document(str(house.template_path()))
    rpr = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rpr.find(f"{W}lang").get(f"{W}val") == "en-GB"
    assert rpr.find(f"{W}sz").get(f"{W}val") == "24"
    assert round(document.sections[0].page_width.cm, 1) == 21.0


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice and poppler-utils are installed by .ci/run")
def test_libreoffice_converts_the_paper_to_pdf(spelthorne_docx, tmp_path):
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(spelthorne_docx)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "spelthorne.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    text = " ".join(text.split())  # pdftotext's layout spacing varies with fonts
    for expected in ("1. Summary of the report", "1.1 ", "2. Key issues", "12. Contact",
                     "Appendix A: Community Safety Partnership Plan", "Statutory compliance",
                     "Appendix B: Crime Overview", "Page 1 of"):
        assert expected in text, expected
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 15 <= pages <= 60


def test_changes_since_an_earlier_version(tmp_path):
    review = ROOT / "plans" / "spelthorne-2024-26-review-2025-11.yaml"
    out = tmp_path / "review.docx"
    render(review, out, today=dt.date(2025, 12, 1), changes_since=str(SPELTHORNE))
    document = docx.Document(out)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Summary of changes since version 1.0" in headings
    assert "Priority 6: Clear, Hold, Build – Ashford Town (new)" in headings
    assert "Priority 9: Water Safety" in headings or "Priority 9: Water Safety (changed)" in headings
    # every change, in words, in the last appendix
    table = next(t for t in document.tables
                 if [c.text for c in t.rows[0].cells] == ["Part of the plan", "Change", "Significance"])
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert ["Priority 6: Clear, Hold, Build – Ashford Town", "Added.", "Substantive"] in rows
    unchanged = tmp_path / "same.docx"
    render(SPELTHORNE, unchanged, today=TODAY, changes_since=str(SPELTHORNE))
    texts = [p.text for p in docx.Document(unchanged).paragraphs]
    assert any(t.startswith("Nothing of substance has changed since version 1.0.") for t in texts)
