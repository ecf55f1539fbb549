"""The .docx checks that read formatting: contrast, fake headings, small text, colour
alone in tables, and page numbers.

Each check has a failing document, a passing one and the edge cases; documents are built
with python-docx, with XML injected for what it cannot write (shading, theme colours,
table styles, fields).
"""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from cspplan.findings import Severity
from cspplan.render.accessibility import check_docx
from test_accessibility import (W_NS, check, clean_document, codes, data_table, docx_bytes, only, page_numbers,
                                replace_part)


def rgb(value: str) -> RGBColor:
    return RGBColor.from_string(value)


def shade(target, fill: str, **extra: str):
    """Shade a cell (w:tcPr) or a paragraph (w:pPr) with ``fill``."""
    element = target._tc.get_or_add_tcPr() if hasattr(target, "_tc") else target._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), extra.pop("val", "clear"))
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    for name, value in extra.items():
        shd.set(qn(f"w:{name}"), value)
    element.append(shd)
    return shd


def run_colour(run, **attrs: str):
    """Set w:color on a run with any attributes (val, themeColor, themeShade ...)."""
    color = OxmlElement("w:color")
    for name, value in attrs.items():
        color.set(qn(f"w:{name}"), value)
    run._r.get_or_add_rPr().append(color)
    return color


def add_style(doc, xml: str):
    doc.styles.element.append(parse_xml(xml.replace("<w:style ", f'<w:style xmlns:w="{W_NS}" ', 1)))


def use_style(paragraph, style_id: str):
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), style_id)
    return paragraph


def sized(paragraph, text: str, points: float, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(points)
    run.bold = bold
    return run


# --- DOCX-CONTRAST ----------------------------------------------------------------------

def test_grey_text_on_white_fails_with_colours_ratio_and_place():
    doc = clean_document()
    doc.add_paragraph("Summary")
    doc.add_paragraph().add_run("Draft for comment").font.color.rgb = rgb("999999")
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.severity == Severity.ERROR
    assert problem.message == ("text #999999 on #FFFFFF has a contrast of 2.8:1, below the 4.5:1 needed, "
                               "at paragraph 2 'Draft for comment'")
    assert problem.where == "word/document.xml paragraph 2"


def test_black_or_automatic_text_on_white_passes():
    doc = clean_document()
    doc.add_paragraph("Automatic colour")
    doc.add_paragraph().add_run("Black").font.color.rgb = rgb("000000")
    doc.add_paragraph().add_run("Dark blue").font.color.rgb = rgb("1F3864")
    assert check(doc) == []


def test_one_bad_style_gives_one_finding_that_counts_its_paragraphs():
    doc = clean_document()
    add_style(doc, '<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/>'
                   '<w:basedOn w:val="Normal"/><w:rPr><w:color w:val="999999"/></w:rPr></w:style>')
    for text in ("First note", "Second note", "Third note"):
        use_style(doc.add_paragraph(text), "Note")
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.message == ("text #999999 on #FFFFFF has a contrast of 2.8:1, below the 4.5:1 needed, "
                               "set by style 'Note', in 3 paragraphs, the first paragraph 1 'First note'")
    assert problem.where == "word/styles.xml style Note"


def test_many_runs_with_the_same_direct_colours_give_one_finding():
    doc = clean_document()
    for i in range(5):
        paragraph = doc.add_paragraph()
        for word in ("grey", "words", "here"):
            paragraph.add_run(f"{word} {i} ").font.color.rgb = rgb("AAAAAA")
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert "in 5 paragraphs, the first paragraph 1 'grey 0 words 0 here 0'" in problem.message


@pytest.mark.parametrize("colour, fails", [("767676", False), ("777777", True)])
def test_the_4_5_to_1_threshold_is_exact(colour, fails):
    # #767676 on white is 4.54:1 and passes; #777777 is 4.48:1 and fails (no rounding up).
    doc = clean_document()
    doc.add_paragraph().add_run("Threshold").font.color.rgb = rgb(colour)
    problems = [p for p in check(doc) if p.code == "DOCX-CONTRAST"]
    assert bool(problems) == fails
    if fails:
        assert "has a contrast of 4.4:1, below the 4.5:1 needed" in problems[0].message


@pytest.mark.parametrize("points, bold, colour, fails", [
    (18, False, "949494", False),   # 3.03:1, large
    (18, False, "959595", True),    # 2.99:1, large but below 3:1
    (14, True, "949494", False),    # 14pt bold is large
    (14, False, "949494", True),    # 14pt regular is not: it needs 4.5:1
    (13.5, True, "949494", True),   # below 14pt bold is not large
    (17.5, False, "949494", True),  # below 18pt regular is not large
])
def test_large_text_needs_3_to_1(points, bold, colour, fails):
    doc = clean_document()
    run = sized(doc.add_paragraph(), "Large text", points, bold)
    run.font.color.rgb = rgb(colour)
    problems = [p for p in check(doc) if p.code == "DOCX-CONTRAST"]
    assert bool(problems) == fails
    if fails:
        needed = "3:1 for large text" if (points >= 18 or (points >= 14 and bold)) else "4.5:1"
        assert f"below the {needed} needed" in problems[0].message


def test_white_text_on_an_amber_cell_fails_and_names_the_cell():
    doc = clean_document()
    table = data_table(doc, rows=3, cols=2)
    table.cell(1, 1).text = ""
    table.cell(1, 1).paragraphs[0].add_run("Amber").font.color.rgb = rgb("FFFFFF")
    shade(table.cell(1, 1), "FFC000")
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.message == ("text #FFFFFF on #FFC000 has a contrast of 1.6:1, below the 4.5:1 needed, "
                               "at table 1 row 2 cell 2 'Amber'")
    assert problem.where == "word/document.xml table 1 row 2 cell 2"


def test_automatic_text_on_a_dark_cell_is_white_and_passes_but_black_fails():
    doc = clean_document()
    table = data_table(doc)
    shade(table.cell(1, 0), "1F3864")  # automatic colour: Word shows white text here
    assert check(doc) == []

    doc = clean_document()
    table = data_table(doc)
    shade(table.cell(1, 0), "1F3864")
    table.cell(1, 0).paragraphs[0].runs[0].font.color.rgb = rgb("000000")
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.message.startswith("text #000000 on #1F3864 has a contrast of 1.8:1")


def test_paragraph_shading_highlight_and_page_colour_are_backgrounds():
    doc = clean_document()
    shade(doc.add_paragraph("Dark box"), "1F3864")
    run = doc.add_paragraph().add_run("Highlighted")
    run.font.color.rgb = rgb("FFFFFF")
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    problems = only(check(doc), "DOCX-CONTRAST")
    assert [p.message.split(" has")[0] for p in problems] == ["text #FFFFFF on #FFFF00"]  # auto is white on dark

    doc = clean_document()
    doc.add_paragraph().add_run("Black on navy").font.color.rgb = rgb("000000")
    doc.element.insert(0, parse_xml(f'<w:background xmlns:w="{W_NS}" w:color="000080"/>'))
    assert "text #000000 on #000080" in only(check(doc), "DOCX-CONTRAST")[0].message


def test_a_pattern_shading_mixes_its_colours():
    doc = clean_document()
    # 50% black dots on white make a mid grey, #808080: black text on it is 5.3:1.
    shade(doc.add_paragraph("On grey"), "FFFFFF", val="pct50")
    assert check(doc) == []
    doc = clean_document()
    shade(doc.add_paragraph("On black"), "FFFFFF", val="solid")  # solid: the pattern colour, black
    assert check(doc) == []  # automatic text turns white


def test_a_table_style_header_row_is_resolved_with_its_own_text_colour():
    header_style = ('<w:style w:type="table" w:styleId="BlueHeader"><w:name w:val="Blue Header"/>'
                    '<w:tblPr><w:tblStyleRowBandSize w:val="1"/></w:tblPr>'
                    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
                    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="%s"/></w:tcPr></w:tblStylePr>'
                    '<w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" '
                    'w:fill="DEEAF6"/></w:tcPr></w:tblStylePr></w:style>')

    def table_with(fill: str):
        doc = clean_document()
        add_style(doc, header_style % fill)
        table = data_table(doc, rows=4, cols=2)
        table._tbl.tblPr.append(parse_xml(f'<w:tblStyle xmlns:w="{W_NS}" w:val="BlueHeader"/>'))
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is None:
            table._tbl.tblPr.append(parse_xml(f'<w:tblLook xmlns:w="{W_NS}" w:firstRow="1" w:noVBand="1"/>'))
        return doc

    assert check(table_with("1F3864")) == []  # white on dark blue in the header, black on light bands
    (problem,) = only(check(table_with("9DC3E6")), "DOCX-CONTRAST")
    assert problem.message == ("text #FFFFFF on #9DC3E6 has a contrast of 1.8:1, below the 4.5:1 needed, "
                               "set by table style 'Blue Header', in 2 paragraphs, the first table 1 row 1 "
                               "cell 1 'Heading 1'")
    assert problem.where == "word/styles.xml style BlueHeader"


def test_theme_colours_are_read_from_the_theme():
    doc = clean_document()
    run_colour(doc.add_paragraph().add_run("Accent blue"), val="4F81BD", themeColor="accent1")
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.message.startswith("text #4F81BD on #FFFFFF has a contrast of 4:1")

    doc = clean_document()  # the same blue, darkened by a shade: #365F91, 6.4:1
    run_colour(doc.add_paragraph().add_run("Darker accent"), val="000000", themeColor="accent1", themeShade="BF")
    assert check(doc) == []

    doc = clean_document()  # w:val says black but the theme colour wins: light grey #D8D8D8
    run_colour(doc.add_paragraph().add_run("Tinted"), val="000000", themeColor="text1", themeTint="26")
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.message.startswith("text #D9D9D9 on #FFFFFF")


def test_a_theme_colour_without_a_theme_is_not_judged():
    doc = clean_document()
    run_colour(doc.add_paragraph().add_run("Accent"), val="FFFFFF", themeColor="accent1")
    shade(doc.add_paragraph("Theme fill"), "FFFFFF", themeFill="accent6")
    data = docx_bytes(doc)
    assert "DOCX-CONTRAST" in codes(check_docx(data))
    without_theme = replace_part(data, "word/theme/theme1.xml", None)
    assert "DOCX-CONTRAST" not in codes(check_docx(without_theme))


def test_python_docx_heading_colours_resolve_as_word_shows_them():
    """python-docx's template stores each theme colour with Word's own result in w:val;
    the checker's tint and shade arithmetic gives the same, within one step."""
    from cspplan.render import accessibility

    doc = accessibility._load(docx_bytes(Document()))
    formatting = accessibility._Formatting(doc)
    compared = 0
    for color in doc.styles.root.iter(qn("w:color")):
        if color.get(qn("w:themeColor")):
            got = formatting.colour(color, "w:val", "w:themeColor", "w:themeTint", "w:themeShade")
            want = color.get(qn("w:val"))
            assert max(abs(int(got[i:i + 2], 16) - int(want[i:i + 2], 16)) for i in (0, 2, 4)) <= 1
            compared += 1
    assert compared > 50


def test_python_docx_heading_2_fails_contrast():
    """Word 2010's Heading 2, in python-docx's template, is #4F81BD at 13pt bold: not
    large text, and 4.0:1 on white."""
    doc = clean_document()  # which darkens every heading; put Heading 2 back as python-docx has it
    heading = doc.styles["Heading 2"].element
    heading.rPr.remove(heading.rPr.find(qn("w:color")))
    heading.rPr.append(parse_xml(f'<w:color xmlns:w="{W_NS}" w:val="4F81BD" w:themeColor="accent1"/>'))
    doc.add_heading("Report", 1)
    doc.add_heading("Background", 2)
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.message == ("text #4F81BD on #FFFFFF has a contrast of 4:1, below the 4.5:1 needed, "
                               "set by style 'heading 2', at paragraph 2 'Background'")


def test_text_in_a_footer_is_checked_and_hidden_text_is_not():
    doc = clean_document()
    doc.sections[0].footer.add_paragraph().add_run("Printed copies are uncontrolled").font.color.rgb = \
        rgb("BBBBBB")
    hidden = doc.add_paragraph().add_run("Hidden note")
    hidden.font.color.rgb = rgb("FFFFFF")
    hidden.font.hidden = True
    (problem,) = only(check(doc), "DOCX-CONTRAST")
    assert problem.message.endswith("at paragraph 2 of word/footer1.xml 'Printed copies are uncontrolled'")
    assert problem.where == "word/footer1.xml paragraph 2"


# --- DOCX-FAKE-HEADING ------------------------------------------------------------------

def fake_heading_doc(*paragraphs):
    """Paragraphs given as text (plain), ('b', text) bold, or (points, text)."""
    doc = clean_document()
    for item in paragraphs:
        if isinstance(item, str):
            doc.add_paragraph(item)
        elif item[0] == "b":
            doc.add_paragraph().add_run(item[1]).bold = True
        else:
            sized(doc.add_paragraph(), item[1], item[0])
    return doc


def test_a_short_bold_paragraph_followed_by_text_is_a_fake_heading():
    doc = fake_heading_doc(("b", "Background"), "The partnership was formed in 1998.")
    (problem,) = only(check(doc), "DOCX-FAKE-HEADING")
    assert problem.severity == Severity.WARNING
    assert problem.message == ("paragraph 1 'Background' is set as a heading (bold) in the style 'Normal', so it "
                               "is not among the headings a screen reader lists; use a heading style")
    assert problem.where == "word/document.xml paragraph 1"


def test_enlarged_text_is_a_fake_heading_and_14pt_is_the_threshold():
    doc = fake_heading_doc((16, "Background"), "The partnership was formed in 1998.")
    assert "(16pt)" in only(check(doc), "DOCX-FAKE-HEADING")[0].message
    doc = fake_heading_doc((14, "Background"), "The partnership was formed in 1998.")
    assert "(14pt)" in only(check(doc), "DOCX-FAKE-HEADING")[0].message
    doc = fake_heading_doc((13.5, "Background"), "The partnership was formed in 1998.")
    assert "DOCX-FAKE-HEADING" not in codes(check(doc))


def test_14pt_is_not_a_heading_when_the_body_text_is_14pt_too():
    doc = fake_heading_doc((14, "Background"), "The partnership was formed in 1998.")
    doc.styles["Normal"].font.size = Pt(14)
    assert "DOCX-FAKE-HEADING" not in codes(check(doc))


@pytest.mark.parametrize("paragraphs", [
    pytest.param([("b", "The partnership met in March and agreed its plan."), "Text."], id="full-stop"),
    pytest.param([("b", "One two three four five six seven eight nine ten eleven twelve thirteen"), "Text."],
                 id="thirteen-words"),
    pytest.param([("b", "Background"), ("b", "Context")], id="followed-by-bold"),
    pytest.param([("b", "Background")], id="last-paragraph"),
    pytest.param(["Background", "Text."], id="not-emphasised"),
])
def test_what_is_not_a_fake_heading(paragraphs):
    assert "DOCX-FAKE-HEADING" not in codes(check(fake_heading_doc(*paragraphs)))


def test_a_bold_lead_in_a_list_item_a_table_cell_or_a_title_is_not_a_fake_heading():
    doc = clean_document()
    lead = doc.add_paragraph()
    lead.add_run("Lead: ").bold = True
    lead.add_run("Surrey Police")
    doc.add_paragraph("Text after the lead-in.")
    doc.add_paragraph(style="List Bullet").add_run("Reduce burglary").bold = True
    doc.add_paragraph("Text after the list.")
    table = data_table(doc)
    table.cell(1, 0).paragraphs[0].runs[0].bold = True
    doc.add_paragraph("Text after the table.")
    doc.add_heading("Community Safety Partnership plan", 0)
    doc.add_paragraph("Text after the title.")
    assert check(doc) == []


def test_a_bold_line_under_a_real_heading_is_a_subtitle_not_a_fake_heading():
    doc = clean_document()
    doc.add_heading("Appendix A: the plan", 1)
    doc.add_paragraph().add_run("Safer Spelthorne Partnership").bold = True
    doc.add_paragraph("Spelthorne, 2024 to 2026.")
    assert check(doc) == []


def test_empty_paragraphs_between_a_fake_heading_and_its_text_do_not_hide_it():
    doc = fake_heading_doc(("b", "Background"), "", "", "The partnership was formed in 1998.")
    assert only(check(doc), "DOCX-FAKE-HEADING")[0].where == "word/document.xml paragraph 1"


def test_a_fake_heading_followed_by_a_table_is_not_flagged():
    doc = fake_heading_doc(("b", "Table 1: recorded crime"))
    data_table(doc)
    assert "DOCX-FAKE-HEADING" not in codes(check(doc))


# --- DOCX-SMALL-TEXT --------------------------------------------------------------------

def test_small_text_in_a_footer_warns_and_names_the_footer():
    doc = clean_document()
    footer = doc.sections[0].footer.paragraphs[0]
    for run in footer.runs:
        run.font.size = Pt(8)
    (problem,) = only(check(doc), "DOCX-SMALL-TEXT")
    assert problem.severity == Severity.WARNING
    assert problem.message == "text is 8pt, below 9pt, at paragraph 1 of word/footer1.xml 'Page 1'"
    assert problem.where == "word/footer1.xml paragraph 1"


@pytest.mark.parametrize("points, fails", [(9, False), (8.5, True), (6, True)])
def test_9pt_is_the_smallest_that_passes(points, fails):
    doc = clean_document()
    sized(doc.add_paragraph(), "Source: Surrey Police, 2024", points)
    problems = [p for p in check(doc) if p.code == "DOCX-SMALL-TEXT"]
    assert bool(problems) == fails
    if fails:
        assert problems[0].message == f"text is {points:g}pt, below 9pt, at paragraph 1 'Source: Surrey Police, 2024'"


def test_a_small_style_gives_one_finding():
    doc = clean_document()
    add_style(doc, '<w:style w:type="paragraph" w:styleId="Source"><w:name w:val="Source"/>'
                   '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="16"/></w:rPr></w:style>')
    for text in ("Source: police.uk", "Source: ONS"):
        use_style(doc.add_paragraph(text), "Source")
    table = data_table(doc)
    use_style(table.cell(1, 0).paragraphs[0], "Source")
    (problem,) = only(check(doc), "DOCX-SMALL-TEXT")
    assert problem.message == ("style 'Source' sets text in 8pt, below 9pt, in 3 paragraphs, the first "
                               "paragraph 1 'Source: police.uk'")
    assert problem.where == "word/styles.xml style Source"


def test_small_document_defaults_warn_once_with_body_font_size():
    doc = clean_document()
    doc.add_paragraph("Tiny")
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.find(qn("w:sz")).set(qn("w:val"), "16")
    problems = check(doc)
    assert codes(problems) == {"DOCX-FONT-SIZE", "DOCX-SMALL-TEXT"}
    (problem,) = only(problems, "DOCX-SMALL-TEXT")
    assert problem.message.startswith("the document defaults set text in 8pt, below 9pt, in 2 paragraphs")
    assert problem.where == "word/styles.xml w:docDefaults"


# --- DOCX-COLOUR-ONLY -------------------------------------------------------------------

def rag_table(doc, statuses, fills=None, colours=None):
    """Action | Status, one row per status; shading and text colour per row if given."""
    table = data_table(doc, rows=len(statuses) + 1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Action", "Status"
    for i, status in enumerate(statuses, 1):
        table.cell(i, 0).text = f"Action {i}"
        cell = table.cell(i, 1)
        cell.text = ""
        if status:
            run = cell.paragraphs[0].add_run(status)
            if colours:
                run.font.color.rgb = rgb(colours[i - 1])
        if fills:
            shade(cell, fills[i - 1])
    return table


RAG = ["FF0000", "FFC000", "00B050"]


def test_empty_cells_shaded_red_amber_and_green_say_nothing_without_colour():
    doc = clean_document()
    rag_table(doc, ["", "", ""], fills=RAG)
    (problem,) = only(check(doc), "DOCX-COLOUR-ONLY")
    assert problem.severity == Severity.WARNING
    assert problem.message == ("table 1 column 2 relies on colour alone: 3 cells are told apart only by shading "
                               "(#FF0000, #FFC000, #00B050), the first table 1 row 2 cell 2 (empty); say it in "
                               "words too, such as 'Red: off track'")
    assert problem.where == "word/document.xml table 1 row 2 cell 2"


def test_a_coloured_dot_says_nothing_without_colour():
    doc = clean_document()
    rag_table(doc, ["●", "●", "●"], colours=RAG)
    (problem,) = only(check(doc), "DOCX-COLOUR-ONLY")
    assert "3 cells are told apart only by text colour (#FF0000, #FFC000, #00B050)" in problem.message
    assert "the first table 1 row 2 cell 2 '●'" in problem.message


def test_the_same_words_in_different_colours_say_nothing_without_colour():
    doc = clean_document()
    rag_table(doc, ["On track", "On track", "Off track"], colours=["00B050", "FF0000", "FF0000"])
    (problem,) = only(check(doc), "DOCX-COLOUR-ONLY")
    assert "2 cells are told apart only by text colour (#00B050, #FF0000)" in problem.message


def test_shaded_cells_that_say_what_their_colour_means_pass():
    doc = clean_document()
    rag_table(doc, ["Red: off track", "Amber: at risk", "Green: on track"], fills=["FFC7CE", "FFEB9C", "C6EFCE"])
    assert check(doc) == []
    doc = clean_document()
    rag_table(doc, ["● Off track", "● At risk", "● On track"], colours=["C00000", "7F6000", "00703C"])
    assert check(doc) == []


def test_one_empty_shaded_cell_among_worded_ones_fails():
    doc = clean_document()
    rag_table(doc, ["On track", "On track", ""], fills=["FFFFFF", "FFFFFF", "FF0000"])
    (problem,) = only(check(doc), "DOCX-COLOUR-ONLY")
    assert "1 cell is told apart only by shading (#FF0000), the first table 1 row 4 cell 2 (empty)" in problem.message


def test_shaded_rows_and_header_rows_are_not_a_signal():
    doc = clean_document()
    table = data_table(doc, rows=5, cols=2)
    for r in range(1, 5):
        table.cell(r, 1).text = "Yes"
        if r % 2:
            for c in range(2):
                shade(table.cell(r, c), "F2F2F2")  # banded rows, shaded by hand
    for c in range(2):
        shade(table.cell(0, c), "1F3864")  # the header row
    assert check(doc) == []


def test_links_in_a_column_are_not_a_colour_signal():
    from test_accessibility import add_hyperlink

    doc = clean_document()
    table = data_table(doc, rows=3, cols=2)
    table.cell(1, 1).text = ""
    add_hyperlink(table.cell(1, 1).paragraphs[0], "Action plan")
    table.cell(2, 1).text = "Action plan"
    assert "DOCX-COLOUR-ONLY" not in codes(check(doc))


# --- DOCX-PAGE-NUMBERS ------------------------------------------------------------------

def no_footer_document():
    doc = clean_document()
    doc.sections[0].footer.is_linked_to_previous = True  # drops the footer
    return doc


def test_a_document_without_page_numbers_warns():
    (problem,) = only(check(no_footer_document()), "DOCX-PAGE-NUMBERS")
    assert problem.severity == Severity.WARNING
    assert problem.message == ("the document has no header or footer, so no page numbers; add page numbers "
                               "to the footer")
    assert problem.where == "word/document.xml w:sectPr"


def test_a_footer_without_a_page_field_or_with_numpages_only_warns():
    doc = no_footer_document()
    doc.sections[0].footer.paragraphs[0].text = "Spelthorne Borough Council"
    (problem,) = only(check(doc), "DOCX-PAGE-NUMBERS")
    assert problem.message == "no header or footer has a page number (a PAGE field); add page numbers to the footer"

    doc = no_footer_document()
    page_numbers(doc, " NUMPAGES ")
    assert "DOCX-PAGE-NUMBERS" in codes(check(doc))
    doc = no_footer_document()
    page_numbers(doc, " PAGEREF summary ")
    assert "DOCX-PAGE-NUMBERS" in codes(check(doc))


def test_a_typed_page_number_is_named():
    doc = no_footer_document()
    doc.sections[0].footer.paragraphs[0].text = "Page 1"
    (problem,) = only(check(doc), "DOCX-PAGE-NUMBERS")
    assert problem.message == ("the page number 'Page 1' at paragraph 1 of word/footer1.xml is typed, not a PAGE "
                               "field, so it is the same on every page")


def test_a_complex_page_field_in_a_header_passes():
    doc = no_footer_document()
    header = doc.sections[0].header.paragraphs[0]._p
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', "<w:r><w:t>2</w:t></w:r>",
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        header.append(parse_xml(xml.replace("<w:r>", f'<w:r xmlns:w="{W_NS}">', 1)))
    assert check(doc) == []


def test_a_page_field_in_the_body_is_not_a_page_number():
    doc = no_footer_document()
    doc.add_paragraph()._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE ">'
                                            "<w:r><w:t>1</w:t></w:r></w:fldSimple>"))
    assert "DOCX-PAGE-NUMBERS" in codes(check(doc))


# --- strange files ----------------------------------------------------------------------

def test_strange_formatting_values_give_no_exception():
    doc = clean_document()
    add_style(doc, '<w:style w:type="table" w:styleId="Odd"><w:name w:val="Odd"/><w:basedOn w:val="Odd"/>'
                   '<w:tblPr><w:tblStyleRowBandSize w:val="0"/></w:tblPr>'
                   '<w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="pct250" w:fill="zz"/></w:tcPr>'
                   "</w:tblStylePr></w:style>")
    table = data_table(doc, rows=4, cols=2)
    table._tbl.tblPr.append(parse_xml(f'<w:tblStyle xmlns:w="{W_NS}" w:val="Odd"/>'))
    table._tbl.tblPr.append(parse_xml(f'<w:tblLook xmlns:w="{W_NS}" w:val="zz"/>'))
    shade(table.cell(1, 1), "red", val="horzStripe")
    shade(table.cell(2, 1), "FFFFFF", themeFill="accent42", themeFillShade="ZZ")
    run = doc.add_paragraph().add_run("Odd run")
    run_colour(run, val="red")
    run_colour(doc.add_paragraph().add_run("Odd theme"), themeColor="accent1", themeTint="1FF")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "big")
    run._r.get_or_add_rPr().append(size)
    doc.add_paragraph().add_run("Odd mark")._r.get_or_add_rPr().append(
        parse_xml(f'<w:highlight xmlns:w="{W_NS}" w:val="sparkly"/>'))
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "-3")
    table.cell(3, 0)._tc.get_or_add_tcPr().append(span)
    problems = check(doc)
    assert "DOCX-UNREADABLE" not in codes(problems)
    assert "DOCX-CONTRAST" not in codes(problems)  # nothing that cannot be known is judged


def test_a_theme_part_that_is_not_a_theme_gives_no_exception():
    data = replace_part(docx_bytes(), "word/theme/theme1.xml", b'<a:theme xmlns:a="urn:nothing"/>')
    assert check_docx(data) == []
    data = replace_part(docx_bytes(), "word/theme/theme1.xml", b"<not-xml")
    (problem,) = check_docx(data)
    assert problem.code == "DOCX-UNREADABLE" and "theme1.xml" in problem.where


def test_formatting_is_worked_out_once_for_all_checks(monkeypatch):
    from cspplan.render import accessibility

    built = []
    original = accessibility._Formatting.__init__

    def counting(self, doc):
        built.append(doc)
        original(self, doc)

    monkeypatch.setattr(accessibility._Formatting, "__init__", counting)
    check_docx(docx_bytes())
    assert len(built) == 1



# --- cspplan's own papers ---------------------------------------------------------------

def test_the_house_style_and_the_example_papers_pass_every_check(tmp_path):
    """Headings in dark blue, black text on the pale blue header rows, page numbers in the
    footer: nothing for the formatting checks to find in what cspplan writes."""
    import datetime as dt

    from conftest import PLANS, ROOT, TODAY
    from cspplan.render.api import render

    assert check_docx(ROOT / "templates" / "house-style.docx") == []
    for plan in PLANS:
        out = tmp_path / (plan.stem + ".docx")
        render(plan, out, today=dt.date.fromisoformat(TODAY))
        assert check_docx(out) == [], plan.name
