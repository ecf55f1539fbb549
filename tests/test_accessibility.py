"""The .docx accessibility checker: one failing and one passing document for each check.

Documents are built with python-docx; what python-docx cannot write (a repeating header
row, a hyperlink, alt text, a decorative flag, a text box) is injected as XML.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
import zlib

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from cspplan.findings import Severity
from cspplan.render.accessibility import CHECKS, CODES, SEVERITY, DocxCode, Problem, check_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)
DECORATIVE_EXT = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="%s"/>'
    "</a:ext></a:extLst>")


# --- building documents -----------------------------------------------------------------

def clean_document():
    """A document that passes every check: titled, en-GB, 12pt, honest metadata."""
    doc = Document()
    props = doc.core_properties
    props.title = "Community Safety Partnership plan 2025 to 2028"
    props.author = "Spelthorne Community Safety Partnership"
    props.comments = "Plan for committee"
    props.created = props.modified = dt.datetime(2024, 9, 24, tzinfo=dt.timezone.utc)
    rpr = default_rpr(doc)
    rpr.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    rpr.find(qn("w:sz")).set(qn("w:val"), "24")
    page_numbers(doc)
    # python-docx's Heading 2 to 4 are accent blue #4F81BD: 4.0:1 on white, and not large.
    for level in range(1, 10):
        doc.styles[f"Heading {level}"].font.color.rgb = DARK_BLUE
    return doc


def page_numbers(doc, instruction: str = " PAGE "):
    """'Page N' in the footer, N a simple PAGE field."""
    footer = doc.sections[0].footer.paragraphs[0]
    footer.add_run("Page ")
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr="{instruction}">'
                               "<w:r><w:t>1</w:t></w:r></w:fldSimple>"))
    return footer


def default_rpr(doc):
    return doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def check(doc) -> list[Problem]:
    buffer = io.BytesIO()
    doc.save(buffer)
    return check_docx(buffer.getvalue())


def only(problems: list[Problem], code: str) -> list[Problem]:
    found = [p for p in problems if p.code == code]
    assert found, f"no {code} in {problems}"
    return found


def codes(problems: list[Problem]) -> set[str]:
    return {p.code for p in problems}


def repeat_header(table, value: str | None = None):
    """Mark the first row as a header row that repeats on each page."""
    header = OxmlElement("w:tblHeader")
    if value is not None:
        header.set(qn("w:val"), value)
    table.rows[0]._tr.get_or_add_trPr().append(header)
    return table


def data_table(doc, rows=3, cols=2, header=True):
    table = doc.add_table(rows=rows, cols=cols)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Heading {c + 1}" if r == 0 else f"Value {r}.{c + 1}"
    return repeat_header(table) if header else table


def add_hyperlink(paragraph, text: str, url: str = "https://www.spelthorne.gov.uk/csp", rid=None):
    r_id = rid or paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    return link


def png() -> bytes:
    """A 1x1 white PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def add_picture(paragraph, descr: str | None = None, decorative: str | None = None):
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png()))
    docpr = run._r.xpath(".//wp:docPr")[0]
    if descr is not None:
        docpr.set("descr", descr)
    if decorative is not None:
        docpr.append(parse_xml(DECORATIVE_EXT % decorative))
    return docpr


def heading_texts_doc(*levels_and_texts):
    doc = clean_document()
    for level, text in levels_and_texts:
        if level:
            doc.add_heading(text, level)
        else:
            doc.add_paragraph(text)
    return doc


# --- the whole document -----------------------------------------------------------------

def test_a_clean_document_has_no_problems():
    doc = clean_document()
    doc.add_heading("Community Safety Partnership plan", 0)  # Title style: not a heading
    doc.add_heading("Summary", 1)
    paragraph = doc.add_paragraph("The plan is on the ")
    add_hyperlink(paragraph, "council's community safety page")
    add_picture(doc.add_paragraph(), descr="Chart of recorded crime by year, 2019 to 2024")
    doc.add_heading("Priorities", 2)
    data_table(doc)
    doc.add_paragraph("Reduce anti-social behaviour", style="List Number")
    doc.add_heading("Actions", 2)
    doc.add_heading("Funding", 3)
    doc.add_heading("Next steps", 2)
    assert check(doc) == []


def test_python_docx_default_document_fails_title_language_metadata_font_size_and_page_numbers():
    problems = check(Document())
    assert codes(problems) == {"DOCX-TITLE", "DOCX-LANGUAGE-NOT-EN-GB", "DOCX-METADATA", "DOCX-FONT-SIZE",
                               "DOCX-PAGE-NUMBERS"}
    assert [p.where for p in only(problems, "DOCX-METADATA")] == [
        "docProps/core.xml dc:creator", "docProps/core.xml dc:description",
        "docProps/core.xml dcterms:created", "docProps/core.xml dcterms:modified"]
    assert "en-US" in only(problems, "DOCX-LANGUAGE-NOT-EN-GB")[0].message
    assert only(problems, "DOCX-TITLE")[0].severity == Severity.ERROR
    assert only(problems, "DOCX-LANGUAGE-NOT-EN-GB")[0].severity == Severity.WARNING


def test_checks_describe_every_code_in_order_with_a_severity():
    assert list(CHECKS)[:3] == ["DOCX-UNREADABLE", "DOCX-TITLE", "DOCX-LANGUAGE"]
    assert set(CHECKS) == set(SEVERITY)
    assert all(text and "\n" not in text and not text.endswith(".") for text in CHECKS.values())
    assert SEVERITY["DOCX-METADATA"] == Severity.WARNING
    assert SEVERITY["DOCX-LINK-TARGET"] == Severity.ERROR


def test_every_code_has_all_its_metadata_and_a_w3c_page():
    assert list(CODES) == list(CHECKS) == list(SEVERITY)
    assert {"DOCX-CONTRAST", "DOCX-FAKE-HEADING", "DOCX-SMALL-TEXT", "DOCX-COLOUR-ONLY",
            "DOCX-PAGE-NUMBERS"} <= set(CODES)
    for code, meta in CODES.items():
        assert isinstance(meta, DocxCode) and meta.code == code
        assert (meta.severity, meta.summary) == (SEVERITY[code], CHECKS[code])
        for name in ("summary", "explanation", "criterion", "url", "fails", "passes"):
            value = getattr(meta, name)
            assert value and value == value.strip() and "\n" not in value and "  " not in value, (code, name)
        assert not meta.summary.endswith(".") and not meta.fails.endswith(".") and not meta.passes.endswith(".")
        assert meta.explanation.endswith(".") and len(meta.explanation) > 2 * len(meta.summary), code
        # "WCAG 2.2 1.4.3 Contrast (Minimum)" and .../Understanding/contrast-minimum.html
        number, name = meta.criterion.removeprefix("WCAG 2.2 ").removeprefix("Guideline ").split(" ", 1)
        assert meta.criterion.startswith("WCAG 2.2 ") and number[0].isdigit(), code
        slug = "-".join(name.lower().replace("(", "").replace(")", "").split())
        assert meta.url == f"https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html", code
    assert CODES["DOCX-CONTRAST"].criterion == "WCAG 2.2 1.4.3 Contrast (Minimum)"
    assert CODES["DOCX-CONTRAST"].url == "https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum.html"
    assert [CODES[c].severity for c in ("DOCX-CONTRAST", "DOCX-FAKE-HEADING", "DOCX-SMALL-TEXT",
                                        "DOCX-COLOUR-ONLY", "DOCX-PAGE-NUMBERS")] == \
        [Severity.ERROR] + [Severity.WARNING] * 4
    with pytest.raises(AttributeError):
        CODES["DOCX-TITLE"].summary = "changed"  # type: ignore[misc]


def test_messages_are_one_sentence_that_names_the_place():
    doc = Document()
    doc.add_heading("Key issues", 3)
    doc.add_paragraph("1.1 Typed number")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    add_hyperlink(doc.add_paragraph(), "here")
    add_picture(doc.add_paragraph())
    problems = check(doc)
    assert len(codes(problems)) >= 8
    for problem in problems:
        assert problem.code in CHECKS and problem.severity == SEVERITY[problem.code]
        assert problem.message and not problem.message.endswith(".")
        assert problem.where
    assert str(only(problems, "DOCX-TABLE-HEADER")[0]).startswith("word/document.xml table 1 row 1: error:")


# --- title, language, metadata ----------------------------------------------------------

def test_title_missing_or_blank_fails_and_set_passes():
    doc = clean_document()
    doc.core_properties.title = "   "
    (problem,) = only(check(doc), "DOCX-TITLE")
    assert problem.where == "docProps/core.xml dc:title" and "dc:title" in problem.message
    assert "DOCX-TITLE" not in codes(check(clean_document()))


def test_language_must_be_set_and_a_language_tag():
    doc = clean_document()
    rpr = default_rpr(doc)
    rpr.remove(rpr.find(qn("w:lang")))
    (problem,) = only(check(doc), "DOCX-LANGUAGE")
    assert "w:docDefaults" in problem.where and "not set" in problem.message

    doc = clean_document()
    default_rpr(doc).find(qn("w:lang")).set(qn("w:val"), "English")
    (problem,) = only(check(doc), "DOCX-LANGUAGE")
    assert "'English'" in problem.message and "not a language tag" in problem.message


def test_another_language_is_a_warning_and_runs_may_use_their_own():
    doc = clean_document()
    default_rpr(doc).find(qn("w:lang")).set(qn("w:val"), "cy-GB")
    (problem,) = only(check(doc), "DOCX-LANGUAGE-NOT-EN-GB")
    assert problem.severity == Severity.WARNING and "cy-GB" in problem.message

    doc = clean_document()
    run = doc.add_paragraph().add_run("Partneriaeth Diogelwch Cymunedol")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "cy-GB")
    run._r.get_or_add_rPr().append(lang)
    assert check(doc) == []


def test_metadata_left_from_the_python_docx_template_is_a_warning():
    doc = clean_document()
    doc.core_properties.author = "python-docx"
    (problem,) = only(check(doc), "DOCX-METADATA")
    assert problem.where == "docProps/core.xml dc:creator" and "'python-docx'" in problem.message
    assert "DOCX-METADATA" not in codes(check(clean_document()))


# --- headings ---------------------------------------------------------------------------

def test_first_heading_must_be_level_1():
    problems = check(heading_texts_doc((0, "Introductory text"), (2, "Background")))
    (problem,) = only(problems, "DOCX-HEADINGS")
    assert problem.message == "the first heading 'Background' (paragraph 2) is level 2, not level 1"
    assert problem.where == "word/document.xml paragraph 2"


def test_a_skipped_heading_level_fails_and_going_back_up_passes():
    doc = heading_texts_doc((1, "Report"), (0, "Text"), (3, "Key issues"))
    (problem,) = only(check(doc), "DOCX-HEADINGS")
    assert problem.message == "heading 'Key issues' (paragraph 3) is level 3 after level 1"

    doc = heading_texts_doc((1, "Report"), (2, "Background"), (3, "History"), (2, "Options"),
                            (3, "Option 1"), (1, "Appendix A"), (2, "Data"))
    assert check(doc) == []


def test_an_empty_heading_fails():
    doc = heading_texts_doc((1, "Report"), (2, ""))
    (problem,) = only(check(doc), "DOCX-HEADINGS")
    assert problem.message == "the level 2 heading at paragraph 2 has no text"


def test_long_headings_warn_above_100_and_fail_above_150():
    doc = heading_texts_doc((1, "Report"), (2, "x" * 120), (2, "y" * 151), (2, "z" * 100))
    problems = check(doc)
    (long,) = only(problems, "DOCX-HEADING-LONG")
    assert long.severity == Severity.WARNING and "(paragraph 2) is 120 characters" in long.message
    (too_long,) = only(problems, "DOCX-HEADINGS")
    assert "(paragraph 3) is 151 characters" in too_long.message
    assert "'" + "y" * 40 + "…'" in too_long.message


def test_heading_levels_come_from_based_on_names_and_outline_levels():
    doc = clean_document()
    styles = doc.styles.element
    # A house style based on Heading 2, a localised heading with another id but the
    # built-in name, and a body paragraph given an outline level directly.
    styles.append(parse_xml(
        f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="SectionHeading">'
        '<w:name w:val="Section Heading"/><w:basedOn w:val="Heading2"/></w:style>'))
    styles.append(parse_xml(
        f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="berschrift4">'
        '<w:name w:val="heading 4"/><w:basedOn w:val="Normal"/></w:style>'))
    doc.add_heading("Report", 1)
    doc.add_paragraph("Section", style=None)._p.get_or_add_pPr().get_or_add_pStyle().set(
        qn("w:val"), "SectionHeading")
    doc.add_paragraph("Detail")._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), "berschrift4")
    problems = check(doc)
    (problem,) = only(problems, "DOCX-HEADINGS")
    assert problem.message == "heading 'Detail' (paragraph 3) is level 4 after level 2"

    doc = heading_texts_doc((1, "Report"), (0, "Outline text"))
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "2")  # level 3
    doc.paragraphs[-1]._p.get_or_add_pPr().append(outline)
    assert "level 3 after level 1" in only(check(doc), "DOCX-HEADINGS")[0].message


def test_toc_heading_and_title_styles_are_not_headings():
    doc = clean_document()
    doc.add_heading("Plan", 0)
    doc.add_paragraph("Contents", style="TOC Heading")  # outline level 9: body text
    doc.add_heading("Summary", 1)
    assert check(doc) == []


# --- tables -----------------------------------------------------------------------------

def test_a_table_without_a_repeating_header_row_fails():
    doc = clean_document()
    doc.add_paragraph("Actions")
    data_table(doc, header=False)
    (problem,) = only(check(doc), "DOCX-TABLE-HEADER")
    assert problem.where == "word/document.xml table 1 row 1"
    assert problem.message.startswith("table 1 (first row 'Heading 1 | Heading 2') has no header row")

    doc = clean_document()
    repeat_header(data_table(doc, header=False), value="0")  # switched off
    assert "DOCX-TABLE-HEADER" in codes(check(doc))

    doc = clean_document()
    data_table(doc)
    assert check(doc) == []


def test_merged_cells_fail():
    doc = clean_document()
    table = data_table(doc, rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1))      # python-docx writes w:gridSpan
    table.cell(1, 2).merge(table.cell(2, 2))      # and w:vMerge
    problems = only(check(doc), "DOCX-MERGED-CELLS")
    messages = [p.message for p in problems]
    assert "table 1 row 1 cell 1 spans 2 columns (merged cells)" in messages
    assert any(m.startswith("table 1 row 2 cell 3 is merged") for m in messages)
    assert any(m.startswith("table 1 row 3 cell 3 is merged") for m in messages)
    assert problems[0].where == "word/document.xml table 1 row 1 cell 1"
    assert "DOCX-EMPTY-CELL" not in codes(check(doc))  # the merged-away cell is not "empty"

    doc = clean_document()
    data_table(doc, rows=3, cols=3)
    assert check(doc) == []


def test_nested_tables_warn():
    doc = clean_document()
    outer = data_table(doc)
    inner = outer.cell(1, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text, inner.cell(1, 0).text = "Inner head", "Inner value"
    repeat_header(inner)
    (problem,) = only(check(doc), "DOCX-NESTED-TABLE")
    assert problem.severity == Severity.WARNING
    assert problem.message == "table 2 is nested in table 1 row 2 cell 2"
    assert problem.where == "word/document.xml table 1 row 2 cell 2"

    doc = clean_document()
    data_table(doc)
    data_table(doc)
    assert check(doc) == []


def test_empty_cells_warn():
    doc = clean_document()
    table = data_table(doc)
    table.cell(2, 1).text = "  "
    (problem,) = only(check(doc), "DOCX-EMPTY-CELL")
    assert problem.severity == Severity.WARNING
    assert problem.message == "table 1 row 3 cell 2 is empty"

    doc = clean_document()
    table = data_table(doc)
    table.cell(2, 1).text = "None"
    assert check(doc) == []


def test_a_cell_of_tracked_deleted_text_is_not_empty():
    """A redline shows a removed row struck through: its cells hold w:delText, not w:t."""
    doc = clean_document()
    table = data_table(doc)
    table.cell(2, 1).text = ""
    table.cell(2, 1).paragraphs[0]._p.append(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="CSP officer" w:date="2025-11-18T00:00:00Z">'
        "<w:r><w:delText>Environment Agency</w:delText></w:r></w:del>"))
    assert check(doc) == []


# --- pictures, text boxes, links --------------------------------------------------------

def test_a_picture_without_alt_text_fails():
    doc = clean_document()
    doc.add_paragraph("Crime overview")
    add_picture(doc.add_paragraph())
    (problem,) = only(check(doc), "DOCX-ALT-TEXT")
    assert problem.message == ("image 'Picture 1' (paragraph 2) has no alternative text "
                               "and is not marked decorative")
    assert problem.where == "word/document.xml paragraph 2"

    doc = clean_document()
    add_picture(doc.add_paragraph(), descr="Bar chart: burglary fell from 410 to 320")
    assert check(doc) == []


def test_a_decorative_picture_passes_but_a_switched_off_flag_does_not():
    doc = clean_document()
    add_picture(doc.add_paragraph(), decorative="1")
    assert check(doc) == []

    doc = clean_document()
    add_picture(doc.add_paragraph(), decorative="0")
    assert "DOCX-ALT-TEXT" in codes(check(doc))


def test_a_picture_in_a_header_is_checked_too():
    doc = clean_document()
    add_picture(doc.sections[0].header.paragraphs[0])
    (problem,) = only(check(doc), "DOCX-ALT-TEXT")
    assert problem.where.startswith("word/header") and problem.where.endswith(" paragraph 1")
    assert "(paragraph 1 of word/header" in problem.message


def test_floating_pictures_and_text_boxes_warn():
    doc = clean_document()
    docpr = add_picture(doc.add_paragraph("Map"), descr="Map of the borough's wards")
    docpr.getparent().tag = qn("wp:anchor")  # float it (the rest of wp:anchor is not needed here)
    box = doc.add_paragraph("Note")
    box._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>Boxed reminder</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"))
    problems = only(check(doc), "DOCX-FLOATING")
    assert [p.message for p in problems] == [
        "object 'Picture 1' (paragraph 1) floats over the text (wp:anchor); put it in line with text",
        "text box 'Boxed reminder' (paragraph 2) is outside the reading order; put its text in the body"]
    assert all(p.severity == Severity.WARNING for p in problems)
    assert doc.paragraphs[1].text == "Note"  # python-docx does not see the box's text either

    doc = clean_document()
    add_picture(doc.add_paragraph("Map"), descr="Map of the borough's wards")
    assert check(doc) == []


@pytest.mark.parametrize("text", ["click here", "Here.", "Read more", "this link", "more"])
def test_generic_link_text_fails(text):
    doc = clean_document()
    add_hyperlink(doc.add_paragraph("The plan is online: "), text)
    (problem,) = only(check(doc), "DOCX-LINK-TEXT")
    assert problem.message == f"link text '{text}' (paragraph 1) does not say where the link goes"


@pytest.mark.parametrize("text", ["https://www.spelthorne.gov.uk/csp", "www.spelthorne.gov.uk"])
def test_a_bare_web_address_as_link_text_fails(text):
    doc = clean_document()
    add_hyperlink(doc.add_paragraph("See "), text)
    (problem,) = only(check(doc), "DOCX-LINK-TEXT")
    assert "(paragraph 1) is a bare web address" in problem.message


def test_a_link_whose_relationship_is_missing_fails():
    doc = clean_document()
    doc.add_paragraph("Intro")
    add_hyperlink(doc.add_paragraph("See "), "the annual strategic assessment", rid="rId99")
    (problem,) = only(check(doc), "DOCX-LINK-TARGET")
    assert problem.message == ("link 'the annual strategic assessment' (paragraph 2) points to "
                               "relationship rId99, which word/_rels/document.xml.rels does not have")

    doc = clean_document()
    add_hyperlink(doc.add_paragraph("See "), "the annual strategic assessment")
    link = add_hyperlink(doc.add_paragraph("Back to "), "the summary", rid="unused")
    del link.attrib[qn("r:id")]
    link.set(qn("w:anchor"), "summary")  # a link within the document needs no relationship
    assert check(doc) == []


# --- typography and spacing -------------------------------------------------------------

def test_justified_paragraphs_and_styles_warn():
    doc = clean_document()
    doc.add_paragraph("Left")
    doc.add_paragraph("The partnership agreed its priorities").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    (problem,) = only(check(doc), "DOCX-JUSTIFIED")
    assert problem.message == "paragraph 2 'The partnership agreed its priorities' is justified; align it left"

    doc = clean_document()
    doc.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_heading("Summary", 1)  # Heading 1 is based on Normal
    doc.add_paragraph("One")
    doc.add_paragraph("Two").alignment = WD_ALIGN_PARAGRAPH.LEFT
    (problem,) = only(check(doc), "DOCX-JUSTIFIED")
    assert problem.message == ("style 'Normal' is justified, which 2 paragraphs use, "
                               "the first paragraph 1 'Summary'")
    assert problem.where == "word/styles.xml style Normal"

    doc = clean_document()
    doc.add_paragraph("Centred").alignment = WD_ALIGN_PARAGRAPH.CENTER
    assert check(doc) == []


def test_body_text_under_12pt_warns():
    doc = clean_document()
    doc.styles["Normal"].font.size = Pt(11)
    (problem,) = only(check(doc), "DOCX-FONT-SIZE")
    assert problem.message == "body text is 11pt, set by style 'Normal' in word/styles.xml; use at least 12pt"
    assert problem.where == "word/styles.xml style Normal"

    doc = clean_document()
    default_rpr(doc).remove(default_rpr(doc).find(qn("w:sz")))
    assert "Word uses 10pt" in only(check(doc), "DOCX-FONT-SIZE")[0].message

    doc = clean_document()
    doc.styles["Normal"].font.size = Pt(14)
    assert check(doc) == []


@pytest.mark.parametrize("text, kind", [("1.1 The partnership", "number"), ("2. Background", "number"),
                                        ("3) Next steps", "number"), ("• Reduce burglary", "bullet"),
                                        ("- Reduce burglary", "bullet")])
def test_typed_numbers_and_bullets_warn(text, kind):
    doc = clean_document()
    doc.add_paragraph("Intro")
    doc.add_paragraph(text)
    (problem,) = only(check(doc), "DOCX-TYPED-NUMBERS")
    assert problem.message.startswith(f"paragraph 2 '{text}' starts with a typed {kind}")


def test_numbers_that_are_not_list_labels_pass():
    doc = clean_document()
    for text in ("1.5 million people live in Surrey", "10.30am start", "2024 was a good year",
                 "Reduce burglary"):
        doc.add_paragraph(text)
    doc.add_paragraph("Reduce burglary", style="List Number")
    table = data_table(doc)
    table.cell(1, 0).text = "1. In a table cell"  # tables are not checked for typed numbers
    assert check(doc) == []


def test_three_empty_paragraphs_in_a_row_warn():
    doc = clean_document()
    doc.add_paragraph("Recommendations")
    for _ in range(3):
        doc.add_paragraph("")
    doc.add_paragraph("Background")
    (problem,) = only(check(doc), "DOCX-EMPTY-PARAGRAPHS")
    assert problem.message.startswith("paragraphs 2 to 4 are 3 empty paragraphs in a row after "
                                      "'Recommendations'")
    assert problem.where == "word/document.xml paragraph 2"


def test_two_empty_paragraphs_or_page_breaks_pass():
    doc = clean_document()
    doc.add_paragraph("One")
    doc.add_paragraph("")
    doc.add_paragraph("")
    doc.add_paragraph("Two")
    doc.add_paragraph("")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("")
    data_table(doc)  # a table between empty paragraphs breaks the run
    doc.add_paragraph("")
    doc.add_paragraph("")
    doc.add_paragraph("Three")
    assert check(doc) == []


# --- unreadable and hostile input -------------------------------------------------------

def docx_bytes(doc=None) -> bytes:
    buffer = io.BytesIO()
    (doc or clean_document()).save(buffer)
    return buffer.getvalue()


def replace_part(data: bytes, name: str, content: bytes | None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename == name:
                if content is not None:
                    zout.writestr(info, content)
            else:
                zout.writestr(info, zin.read(info.filename))
    return out.getvalue()


def future_zip_version(data: bytes) -> bytes:
    """The package with every central directory entry needing zip version 15.3."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        out[at + 6:at + 8] = struct.pack("<H", 153)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                  + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
                  + b']><w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&j;</w:t>'
                  b"</w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize("data", [
    b"",
    b"not a zip at all",
    b"%PDF-1.7\n",
    pytest.param(docx_bytes()[:2000], id="truncated"),
    pytest.param(replace_part(docx_bytes(), "word/document.xml", None), id="no-document"),
    pytest.param(replace_part(docx_bytes(), "word/document.xml", b"<w:document"), id="bad-xml"),
    pytest.param(replace_part(docx_bytes(), "word/styles.xml", b"\xff\xfe garbage"), id="bad-styles"),
    pytest.param(replace_part(docx_bytes(), "word/document.xml",
                              b'<document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"/>'),
                 id="strict-ooxml"),
    pytest.param(future_zip_version(docx_bytes()), id="zip-version"),
    pytest.param(replace_part(docx_bytes(), "word/document.xml", BILLION_LAUGHS), id="billion-laughs"),
])
def test_an_unreadable_file_gives_one_problem_and_no_exception(data):
    (problem,) = check_docx(data)
    assert problem.code == "DOCX-UNREADABLE" and problem.severity == Severity.ERROR
    assert not problem.message.endswith(".")


def test_a_part_over_the_size_limit_is_unreadable(monkeypatch):
    from cspplan.render import accessibility

    monkeypatch.setattr(accessibility, "_MAX_PART", 1000)  # a zip bomb, in miniature
    (problem,) = check_docx(docx_bytes())
    assert problem.code == "DOCX-UNREADABLE" and "too large" in problem.message


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    document = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
                f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>'
                f'<w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>').encode()
    problems = check_docx(replace_part(docx_bytes(), "word/document.xml", document))
    assert all("TOP SECRET" not in p.message for p in problems)


def test_strange_values_give_problems_not_exceptions():
    doc = clean_document()
    doc.add_heading("Report", 1)
    table = data_table(doc)
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "lots")
    table.cell(1, 0)._tc.get_or_add_tcPr().append(span)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "-4")
    doc.add_paragraph("Text")._p.get_or_add_pPr().append(outline)
    default_rpr(doc).find(qn("w:sz")).set(qn("w:val"), "big")
    doc.styles.element.append(parse_xml(  # a basedOn loop
        f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="Loop">'
        '<w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>'))
    doc.add_paragraph("Looped")._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), "Loop")
    problems = check(doc)
    assert "DOCX-UNREADABLE" not in codes(problems)


def test_source_may_be_a_path_bytes_or_a_file(tmp_path):
    data = docx_bytes(Document())
    path = tmp_path / "paper.docx"
    path.write_bytes(data)
    expected = check_docx(data)
    assert check_docx(path) == expected
    assert check_docx(str(path)) == expected
    assert check_docx(io.BytesIO(data)) == expected
    assert check_docx(bytearray(data)) == expected
    with pytest.raises(TypeError):
        check_docx(42)


def test_min_severity_skips_checks_that_cannot_report_that_much():
    import io as _io

    import docx as _docx

    from cspplan.findings import Severity as _Severity
    from cspplan.render.accessibility import check_docx as _check

    buffer = _io.BytesIO()
    _docx.Document().save(buffer)
    everything = {p.code for p in _check(buffer.getvalue())}
    errors_only = {p.code for p in _check(buffer.getvalue(), min_severity=_Severity.ERROR)}
    assert "DOCX-FONT-SIZE" in everything and "DOCX-FONT-SIZE" not in errors_only
    assert "DOCX-TITLE" in errors_only
