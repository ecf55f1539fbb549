"""Table checks on documents shaped as the fast paths of the .docx checker are not:
rows inside content controls, cells whose properties are not where the schema puts
them, and tables whose colours come from a table style. The checker reads these
through shortcuts on a large paper (cell properties found by one search, tables in one
colour passed without a closer look); these say what a user sees is unchanged.
"""

from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import RGBColor

from test_accessibility import W_NS, check, clean_document, codes, data_table, only


def wrap_in_content_control(element) -> None:
    """Put an element (a paragraph's w:p, a row's w:tr, a cell's w:tc) inside a content
    control (w:sdt/w:sdtContent) where it stands, as templates do."""
    sdt = parse_xml(f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr/><w:sdtContent/></w:sdt>')
    element.addprevious(sdt)
    sdt[1].append(element)


def test_merged_and_empty_cells_in_a_content_controlled_row_are_named():
    doc = clean_document()
    table = data_table(doc, rows=3, cols=3)
    table.cell(1, 0).merge(table.cell(1, 1))  # w:gridSpan on row 2's first cell
    for p in table.cell(2, 2).paragraphs:
        for run in p.runs:
            run.text = ""
    rows = list(table.rows)
    wrap_in_content_control(rows[1]._tr)
    wrap_in_content_control(rows[2]._tr)
    problems = check(doc)
    merged = only(problems, "DOCX-MERGED-CELLS")
    assert [p.message for p in merged] == ["table 1 row 2 cell 1 spans 2 columns (merged cells)"]
    (empty,) = only(problems, "DOCX-EMPTY-CELL")
    assert empty.message == "table 1 row 3 cell 3 is empty"


def test_cell_properties_count_only_first_in_the_cell():
    """w:tcPr after the cell's paragraph is not where Word reads it: its merge is ignored."""
    doc = clean_document()
    table = data_table(doc, rows=3, cols=2)
    tc = table.cell(1, 0)._tc
    tcpr = tc.get_or_add_tcPr()
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "2")
    tcpr.append(span)
    assert "DOCX-MERGED-CELLS" in codes(check(doc))
    tc.remove(tcpr)
    tc.append(tcpr)  # now after the paragraph
    assert "DOCX-MERGED-CELLS" not in codes(check(doc))


def dots_in_a_styled_table(colours: list[str | None]):
    doc = clean_document()
    table = data_table(doc, rows=len(colours) + 1, cols=2)
    table.style = doc.styles["Light Shading Accent 1"]  # banded rows from the table style
    for r, colour in enumerate(colours, 1):
        cell = table.cell(r, 1)
        cell.text = ""
        run = cell.paragraphs[0].add_run("●")
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
    return doc


def test_a_table_style_in_one_colour_is_no_signal_but_one_red_dot_is():
    assert "DOCX-COLOUR-ONLY" not in codes(check(dots_in_a_styled_table([None, None, None, None])))
    doc = dots_in_a_styled_table([None, None, "C00000", None])
    (problem,) = only(check(doc), "DOCX-COLOUR-ONLY")
    assert problem.message.startswith("table 1 column 2 relies on colour alone: ")
    assert "#C00000" in problem.message


# --- which paragraphs and tables the walk of a story counts -----------------------------
# The checker finds a story's paragraphs, tables, rows and cells in one search of the
# part, keeping those whose parent is the body or a cell (content controls looked
# through); these say the places it names are still the ones a person counts in Word.

def text_box_with_a_table(paragraph) -> None:
    """Give ``paragraph`` a text box (VML, as older documents have) holding a paragraph
    and a table with an empty cell: not in the flow of the text, so neither is counted."""
    paragraph._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>1. Boxed</w:t></w:r></w:p>'
        '<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))


def test_a_text_box_adds_no_paragraph_or_table_to_the_count():
    doc = clean_document()
    doc.add_paragraph("Introduction to the plan for the year.")
    text_box_with_a_table(doc.paragraphs[-1])
    doc.add_paragraph("1. The first typed number is in the third paragraph")
    table = data_table(doc, rows=3, cols=2)
    table.cell(2, 1).text = ""
    problems = check(doc)
    typed = only(problems, "DOCX-TYPED-NUMBERS")
    # the paragraph of clean_document's body, the one with the box, then this one
    assert [p.message.split(" '")[0] for p in typed] == [f"paragraph {len(doc.paragraphs)}"]
    assert [p.message for p in only(problems, "DOCX-EMPTY-CELL")] == ["table 1 row 3 cell 2 is empty"]


def test_cells_inside_content_controls_keep_their_numbers():
    doc = clean_document()
    table = data_table(doc, rows=3, cols=3)
    table.cell(1, 2).text = ""
    table.cell(2, 1).text = ""
    wrap_in_content_control(table.cell(1, 1)._tc)
    wrap_in_content_control(table.cell(2, 1)._tc)
    wrap_in_content_control(list(table.rows)[2]._tr)
    messages = [p.message for p in only(check(doc), "DOCX-EMPTY-CELL")]
    assert messages == ["table 1 row 2 cell 3 is empty", "table 1 row 3 cell 2 is empty"]


def test_paragraphs_in_a_block_content_control_are_counted_in_order():
    doc = clean_document()
    first = doc.add_paragraph("The partnership agreed the plan.")
    doc.add_paragraph("It meets every quarter to review progress.")
    wrap_in_content_control(first._p)
    doc.add_paragraph("2. Next steps are set out below")
    (typed,) = only(check(doc), "DOCX-TYPED-NUMBERS")
    body_paragraphs = len(doc.element.body.findall(f".//{{{W_NS}}}p"))  # none in tables here
    assert typed.message.startswith(f"paragraph {body_paragraphs} '2. Next steps")
