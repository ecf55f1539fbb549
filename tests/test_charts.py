"""Native Word charts (cspplan.render.charts): the parts Word needs, the figures they hold,
their alternative text, their accessibility and that LibreOffice draws them."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from cspplan.render import charts, house
from cspplan.render.accessibility import check_docx
from cspplan.render.package import to_bytes

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A,
      "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
      "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

MONTHS = ["Jan 2023", "Feb 2023", "Mar 2023", "Apr 2023", "May 2023", "Jun 2023",
          "Jul 2023", "Aug 2023", "Sep 2023", "Oct 2023", "Nov 2023", "Dec 2023"]
CRIME = [812, 745, 830, 790, 860, 905, 948, 900, 850, 870, 820, 780]
ASB = [310, 290, 350, 380, 420, 460, 510, 470, 400, 360, 300, 280]
TYPES = ["Violence and sexual offences", "Shoplifting", "Criminal damage and arson", "Other theft",
         "Vehicle crime", "Public order", "Burglary", "Drugs"]
LATEST = [3300, 1200, 900, 850, 700, 650, 500, 300]
PREVIOUS = [3100, 1250, 950, 800, 720, 600, 520, 310]
WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def build(strip_alt: bool = False, before=None) -> bytes:
    """A short Appendix B: a heading, the trend chart and the ranking chart, saved as the renderer saves."""
    document = house.open_template(None, lambda _message: None)
    document.add_heading("Appendix B: overview", level=1)
    if before:
        before(document)
    trend = [("Crime", CRIME), ("Anti-social behaviour", ASB)]
    charts.add_line_chart(document, title="Crime and anti-social behaviour by month", categories=MONTHS,
                          series=trend, alt_text=charts.describe_trend(MONTHS, trend),
                          value_axis_title="Number of incidents")
    charts.add_bar_chart(document, title="Crime by type", categories=TYPES,
                         series=[("Jan to Dec 2023", LATEST), ("Jan to Dec 2022", PREVIOUS)],
                         alt_text=charts.describe_ranking(TYPES, LATEST, total=9800, previous=PREVIOUS),
                         value_axis_title="Number of crimes")
    if strip_alt:
        for docpr in document.element.body.iter(f"{{{NS['wp']}}}docPr"):
            del docpr.attrib["descr"]
    return to_bytes(document, when=WHEN, author="Community Safety Team", title="Crime overview",
                    subject="Charts")


@pytest.fixture(scope="module")
def blob() -> bytes:
    return build()


def xml(package: zipfile.ZipFile, name: str):
    return etree.fromstring(package.read(name))


def chart_parts(blob: bytes) -> list[etree._Element]:
    """The chart parts in the order the document shows them, found through its relationships."""
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        rels = {r.get("Id"): r for r in xml(package, "word/_rels/document.xml.rels")}
        doc = xml(package, "word/document.xml")
        ids = doc.xpath("//c:chart/@r:id", namespaces=NS)
        return [xml(package, "word/" + rels[i].get("Target")) for i in ids]


def test_each_chart_is_a_related_chart_part_with_its_content_type_and_workbook(blob):
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        names = package.namelist()
        assert "word/charts/chart1.xml" in names and "word/charts/chart2.xml" in names
        types = xml(package, "[Content_Types].xml")
        overrides = {o.get("PartName"): o.get("ContentType") for o in types.iterfind("ct:Override", NS)}
        for n in (1, 2):
            assert overrides[f"/word/charts/chart{n}.xml"] == \
                "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        defaults = {d.get("Extension"): d.get("ContentType") for d in types.iterfind("ct:Default", NS)}
        assert defaults["xlsx"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        rels = xml(package, "word/_rels/document.xml.rels")
        chart_rels = [r for r in rels if r.get("Type").endswith("/relationships/chart")]
        assert sorted(r.get("Target") for r in chart_rels) == ["charts/chart1.xml", "charts/chart2.xml"]
        used = xml(package, "word/document.xml").xpath("//w:drawing//c:chart/@r:id", namespaces=NS)
        assert sorted(used) == sorted(r.get("Id") for r in chart_rels)
        for n in (1, 2):
            chart = xml(package, f"word/charts/chart{n}.xml")
            (external,) = chart.iterfind("c:externalData", NS)
            own = {r.get("Id"): r for r in xml(package, f"word/charts/_rels/chart{n}.xml.rels")}
            rel = own[external.get(f"{{{NS['r']}}}id")]
            assert rel.get("Type") == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
            assert ("word/embeddings/" + rel.get("Target").split("/")[-1]) in names


def series_of(chart: etree._Element) -> list[tuple[str, list[str], list[int]]]:
    out = []
    for ser in chart.iterfind(".//c:ser", NS):
        name = ser.findtext("c:tx//c:v", namespaces=NS)
        cats = [pt.findtext("c:v", namespaces=NS) for pt in ser.iterfind("c:cat//c:pt", NS)]
        vals = [int(pt.findtext("c:v", namespaces=NS)) for pt in ser.iterfind("c:val//c:pt", NS)]
        out.append((name, cats, vals))
    return out


def test_the_cached_figures_are_the_figures_given(blob):
    line, bar = chart_parts(blob)
    assert series_of(line) == [("Crime", MONTHS, CRIME), ("Anti-social behaviour", MONTHS, ASB)]
    assert series_of(bar) == [("Jan to Dec 2023", TYPES, LATEST), ("Jan to Dec 2022", TYPES, PREVIOUS)]
    assert line.find(".//c:lineChart", NS) is not None
    assert bar.find(".//c:barChart/c:barDir", NS).get("val") == "bar"
    # The largest first, at the top: the category axis runs from the top of a horizontal chart.
    assert bar.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    for chart in (line, bar):
        for ser in chart.iterfind(".//c:ser", NS):
            for place in ("c:cat", "c:val"):
                assert ser.find(f"{place}//c:ptCount", NS).get("val") == str(len(series_of(chart)[0][1]))


def test_the_embedded_workbook_holds_the_same_figures_for_edit_data(blob):
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        workbook = zipfile.ZipFile(io.BytesIO(package.read("word/embeddings/Microsoft_Excel_Worksheet2.xlsx")))
    sheet = xml(workbook, "xl/worksheets/sheet1.xml")
    rows = []
    for row in sheet.iterfind(".//x:row", NS):
        rows.append([c.findtext("x:v", namespaces=NS) or c.findtext(".//x:t", namespaces=NS) for c in row])
    assert rows[0][1:] == ["Jan to Dec 2023", "Jan to Dec 2022"]
    assert [r[0] for r in rows[1:]] == TYPES
    assert [int(r[1]) for r in rows[1:]] == LATEST and [int(r[2]) for r in rows[1:]] == PREVIOUS


def test_alt_text_is_the_description_of_the_same_figures(blob):
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        docprs = xml(package, "word/document.xml").xpath("//wp:inline/wp:docPr", namespaces=NS)
    trend = [("Crime", CRIME), ("Anti-social behaviour", ASB)]
    assert [d.get("descr") for d in docprs] == [
        charts.describe_trend(MONTHS, trend),
        charts.describe_ranking(TYPES, LATEST, total=9800, previous=PREVIOUS)]
    assert [d.get("title") for d in docprs] == ["Crime and anti-social behaviour by month", "Crime by type"]
    assert len({d.get("id") for d in docprs}) == 2


def test_describe_ranking_states_the_largest_categories_and_shares():
    text = charts.describe_ranking(TYPES, LATEST, total=9800, previous=PREVIOUS)
    share = round(100 * 3300 / 9800)   # 34
    assert text.startswith(f"Violence and sexual offences was the largest category, 3,300 of 9,800 crimes ({share}%), "
                           f"against 3,100 in the previous 12 months (up {round(100 * 200 / 3100)}%)")
    assert "Shoplifting, 1,200 (12%), and Criminal damage and arson, 900 (9%)." in text
    # Without a total the share is of the categories given; the order given does not matter.
    reordered = charts.describe_ranking(["Drugs", "Burglary"], [40, 60], unit="offences")
    assert reordered == "Burglary was the largest category, 60 of 100 offences (60%); then Drugs, 40 (40%)."


def test_describe_trend_names_the_highest_lowest_first_and_last_months():
    text = charts.describe_trend(MONTHS, [("Crime", CRIME)])
    assert f"{sum(CRIME):,} in total" in text
    assert f"highest {max(CRIME):,} in {MONTHS[CRIME.index(max(CRIME))]}" in text
    assert f"lowest {min(CRIME)} in {MONTHS[CRIME.index(min(CRIME))]}" in text
    assert "780 in Dec 2023 against 812 in Jan 2023, down 4%" in text


def test_the_document_passes_the_word_checker_and_a_chart_without_alt_text_fails(blob):
    assert check_docx(blob) == []
    problems = check_docx(build(strip_alt=True))
    alt = [p for p in problems if p.code == "DOCX-ALT-TEXT"]
    assert len(alt) == 2 and all(p.message.startswith("chart 'Chart ") for p in alt)
    assert {p.code for p in problems} == {"DOCX-ALT-TEXT"}


def replaced(blob: bytes, name: str, old: bytes, new: bytes) -> bytes:
    """The package with ``old`` replaced by ``new`` in part ``name``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, data.replace(old, new) if info.filename == name else data)
    return out.getvalue()


def test_chart_text_below_9pt_is_reported_with_the_chart_it_is_in(blob):
    small = replaced(blob, "word/charts/chart2.xml", b'sz="1000"', b'sz="800"')
    (problem,) = [p for p in check_docx(small) if p.code == "DOCX-SMALL-TEXT"]
    assert problem.message.startswith("chart 'Chart 2' (word/charts/chart2.xml) sets text in 8pt, below 9pt")
    assert problem.where == "word/charts/chart2.xml"


def test_charts_are_byte_identical_across_builds(blob):
    assert build() == blob


def test_python_docx_reopens_the_document_and_sees_two_charts(blob):
    from docx import Document
    from docx.enum.shape import WD_INLINE_SHAPE

    reopened = Document(io.BytesIO(blob))
    assert [s.type for s in reopened.inline_shapes] == [WD_INLINE_SHAPE.CHART, WD_INLINE_SHAPE.CHART]
    again = io.BytesIO()
    reopened.save(again)
    assert len(chart_parts(again.getvalue())) == 2


def tiny_png() -> bytes:
    """A 1x1 white PNG, written by hand."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def test_drawing_ids_follow_those_already_in_the_document(tmp_path):
    picture = tmp_path / "logo.png"
    picture.write_bytes(tiny_png())

    def add_picture(document):
        document.add_picture(str(picture))
        document.inline_shapes[0]._inline.docPr.set("descr", "The partnership's logo")

    with zipfile.ZipFile(io.BytesIO(build(before=add_picture))) as package:
        ids = xml(package, "word/document.xml").xpath("//wp:docPr/@id", namespaces=NS)
    assert len(ids) == 3 and len(set(ids)) == 3


def test_a_chart_goes_into_a_given_paragraph():
    document = house.open_template(None, lambda _message: None)
    paragraph = document.add_paragraph()
    returned = charts.add_bar_chart(paragraph, title="Burglary", categories=["2023"], series=[("Burglary", [5])],
                                    alt_text="Five burglaries in 2023.", value_axis_title="Number", horizontal=False)
    assert returned is paragraph._p
    assert paragraph._p.xpath("./w:r/w:drawing/wp:inline/wp:docPr/@descr") == ["Five burglaries in 2023."]


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_colours_text_and_styles_do_not_carry_meaning_by_colour_alone(blob):
    line, bar = chart_parts(blob)
    for colour in charts.PALETTE:   # graphical objects: 3:1 against the white chart area
        assert 1.05 / (luminance(colour) + 0.05) >= 3
    for chart in (line, bar):
        sizes = [int(s) for s in chart.xpath(".//a:defRPr/@sz | .//a:rPr/@sz", namespaces=NS)]
        assert sizes and min(sizes) >= 900
        text_colours = chart.xpath(".//a:defRPr/a:solidFill/a:srgbClr/@val | .//a:rPr/a:solidFill/a:srgbClr/@val",
                                   namespaces=NS)
        assert text_colours and all(1.05 / (luminance(c) + 0.05) >= 4.5 for c in text_colours)
        assert chart.find("c:chart/c:legend", NS) is not None
        assert chart.find(".//c:valAx/c:title", NS) is not None
    dashes = line.xpath(".//c:ser/c:spPr/a:ln/a:prstDash/@val", namespaces=NS)
    markers = line.xpath(".//c:ser/c:marker/c:symbol/@val", namespaces=NS)
    assert len(set(dashes)) == 2 and len(set(markers)) == 2
    fills = [ser.find("c:spPr", NS)[0].tag.split("}")[1] for ser in bar.iterfind(".//c:ser", NS)]
    assert fills == ["solidFill", "pattFill"]


def test_figures_a_chart_cannot_show_are_refused():
    document = house.open_template(None, lambda _message: None)
    with pytest.raises(ValueError, match="3 values for 2 categories"):
        charts.add_line_chart(document, title="t", categories=["a", "b"], series=[("s", [1, 2, 3])],
                              alt_text="x", value_axis_title="n")
    with pytest.raises(ValueError, match="alternative text"):
        charts.add_line_chart(document, title="t", categories=["a"], series=[("s", [1])], alt_text=" ",
                              value_axis_title="n")


def test_text_xml_cannot_hold_is_left_out_not_a_crash():
    document = house.open_template(None, lambda _message: None)
    charts.add_bar_chart(document, title="Bad\x01 title", categories=["Shop\x0blifting"], series=[("Crime\x00", [1])],
                         alt_text="One\x02 crime.", value_axis_title="Number")
    blob = to_bytes(document, when=WHEN, author="a", title="t", subject="s")
    (chart,) = chart_parts(blob)
    assert series_of(chart) == [("Crime", ["Shoplifting"], [1])]


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are not installed")
def test_libreoffice_draws_the_charts_with_their_labels_and_figures(blob, tmp_path):
    source = tmp_path / "charts.docx"
    source.write_bytes(blob)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "charts.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    # None of these is in the document's text: only the charts draw them.
    for drawn in ("Crime and anti-social behaviour by month", "Number of incidents", "Jul", "Anti-social behaviour",
                  "Violence and sexual offences", "Criminal damage and arson", "3,300", "3,100", "Jan to Dec 2022"):
        assert drawn in text, drawn
