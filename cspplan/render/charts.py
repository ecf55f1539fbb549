"""Native Word charts for the paper: a monthly trend (line chart) and a ranking (bar chart).

A chart here is a DrawingML chart part (``word/charts/chartN.xml``) that holds its
figures as cached values, drawn by Word and LibreOffice themselves, with the same figures
in a small embedded workbook (``word/embeddings/``) so that an officer can choose "Edit
Data" in Word and change them. That was chosen over a picture drawn by matplotlib by
measurement (the charts section of ``make bench``; the picture figures come from a
one-off run with matplotlib 3.11 beside it):

* time added to a render by a 36-month trend and a 14-type ranking: native about 8 ms,
  pictures about 375 ms, plus about 600 ms to import matplotlib.pyplot;
* size: native about 8.5 kB (chart parts and their workbooks), pictures about 115 kB;
* dependencies: none for native; matplotlib brings numpy, Pillow and fontTools (over
  120 MB installed);
* both are deterministic, but only the native chart stays sharp at any zoom, keeps its
  text as text (a reader can enlarge it, a converter can extract it: LibreOffice's PDF
  of it holds the category names and figures) and can be edited by the officer.

What makes a chart accessible (WCAG 2.2 AA) is built in, so a caller cannot forget it:

* alternative text on the drawing (``wp:docPr``: ``descr`` is the chart's message in
  words, ``title`` a short name); :func:`describe_trend` and :func:`describe_ranking`
  write that message from the same figures the chart shows;
* colours from the Okabe-Ito palette that colour-blind readers tell apart, each at least
  3:1 against white (1.4.11 Non-text Contrast), and never colour alone: each line has
  its own dash pattern and marker, the second set of bars is hatched, and a legend names
  every series (1.4.1 Use of Color);
* a title, axis titles and text of at least 9pt, in the document's own font.

The output is deterministic: parts are numbered in the order charts are added, drawing
ids follow the largest one already in the document, and the workbook's zip entries carry
a fixed date, so the same figures give the same bytes.

Only the standard library is imported here at module level: python-docx and lxml are
imported by the functions that build a chart, so the description helpers cost nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["PALETTE", "TEXT_COLOUR", "Series", "add_bar_chart", "add_line_chart",
           "describe_ranking", "describe_trend"]

Series = tuple[str, Sequence[int]]
"""One series of a chart: its name (shown in the legend) and one count per category."""

PALETTE = ("0072B2", "D55E00")
"""Series colours (Okabe-Ito blue and vermillion): 5.2:1 and 3.9:1 against white."""
TEXT_COLOUR = "404040"
"""Chart text: 10.4:1 against white."""
GRID_COLOUR = "D9D9D9"
TEXT_SIZE = 1000        # hundredths of a point: 10pt for axis labels, legend and data labels
TITLE_SIZE = 1200       # 12pt, bold, for the chart title
_DASHES = ("solid", "dash")             # a:prstDash per line series
_MARKERS = ("circle", "triangle")       # c:marker symbol per line series
_HATCH = "wdUpDiag"                     # a:pattFill preset for the second set of bars
_EMU_PER_CM = 360000
_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_MAX_SERIES = len(PALETTE)

_NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Characters XML 1.0 cannot hold (a name from a data file may carry one).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# --- describing the figures in words ---------------------------------------------------------

def _n(value: int) -> str:
    return f"{value:,}"


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _change(before: int, after: int) -> str:
    """'up 12%', 'down 3%', 'unchanged' or 'up from 0' between two counts."""
    if before == after:
        return "unchanged"
    if before == 0:
        return "up from 0"
    pct = round(100 * (after - before) / before)
    if pct == 0:
        return "up less than 1%" if after > before else "down less than 1%"
    return f"up {pct}%" if pct > 0 else f"down {-pct}%"


def describe_trend(categories: Sequence[str], series: Sequence[Series]) -> str:
    """The message of a trend chart in words, from its figures, for its alternative text.

    For each series: its total, its highest and lowest category, and the last against the
    first; the first category named wins a tie.

    >>> describe_trend(["Jan 2023", "Feb 2023", "Mar 2023"],
    ...                [("Crime", [800, 700, 900]), ("Anti-social behaviour", [300, 320, 250])])
    'Monthly figures, Jan 2023 to Mar 2023. Crime: 2,400 in total; highest 900 in Mar 2023, lowest 700 in \
Feb 2023; 900 in Mar 2023 against 800 in Jan 2023, up 13%. Anti-social behaviour: 870 in total; highest 320 \
in Feb 2023, lowest 250 in Mar 2023; 250 in Mar 2023 against 300 in Jan 2023, down 17%.'
    """
    _check_figures(categories, series)
    first, last = categories[0], categories[-1]
    sentences = [f"Monthly figures, {first} to {last}." if len(categories) > 1 else f"Figures for {first}."]
    for name, values in series:
        values = list(values)
        high = max(range(len(values)), key=lambda i: (values[i], -i))
        low = min(range(len(values)), key=lambda i: (values[i], i))
        text = f"{name}: {_n(sum(values))} in total"
        if len(values) > 1:
            text += (f"; highest {_n(values[high])} in {categories[high]}, lowest {_n(values[low])} in "
                     f"{categories[low]}; {_n(values[-1])} in {last} against {_n(values[0])} in {first}, "
                     f"{_change(values[0], values[-1])}")
        sentences.append(text + ".")
    return " ".join(sentences)


def describe_ranking(categories: Sequence[str], counts: Sequence[int], *, total: int | None = None,
                     unit: str = "crimes", top: int = 3, previous: Sequence[int] | None = None,
                     previous_label: str = "the previous 12 months") -> str:
    """The message of a ranking chart in words: the largest categories, their counts and
    shares of ``total`` (the sum of ``counts`` unless given: pass it when the chart shows
    only the largest categories), and with ``previous`` the change in the largest one.

    >>> describe_ranking(["Violence and sexual offences", "Shoplifting", "Criminal damage and arson", "Drugs"],
    ...                  [3300, 1200, 900, 400], total=9800, previous=[3100, 1250, 900, 380])
    'Violence and sexual offences was the largest category, 3,300 of 9,800 crimes (34%), against 3,100 in \
the previous 12 months (up 6%); then Shoplifting, 1,200 (12%), and Criminal damage and arson, 900 (9%).'
    """
    _check_figures(categories, [("counts", counts)] + ([("previous", previous)] if previous is not None else []))
    whole = sum(counts) if total is None else total
    order = sorted(range(len(counts)), key=lambda i: (-counts[i], i))[:max(1, top)]
    lead = order[0]
    text = (f"{categories[lead]} was the largest category, {_n(counts[lead])} of {_n(whole)} {unit} "
            f"({_share(counts[lead], whole)})")
    if previous is not None:
        text += (f", against {_n(previous[lead])} in {previous_label} "
                 f"({_change(previous[lead], counts[lead])})")
    rest = [f"{categories[i]}, {_n(counts[i])} ({_share(counts[i], whole)})" for i in order[1:]]
    if rest:
        text += "; then " + (rest[0] if len(rest) == 1 else ", ".join(rest[:-1]) + ", and " + rest[-1])
    return text + "."


def _check_figures(categories: Sequence[str], series: Sequence[Series]) -> None:
    """Refuse figures a chart cannot show, naming what is wrong (a programming error)."""
    if not categories:
        raise ValueError("a chart needs at least one category")
    if not series or len(series) > _MAX_SERIES:
        raise ValueError(f"a chart shows 1 to {_MAX_SERIES} series, not {len(series)}")
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)} categories")
        if any(isinstance(v, bool) or not isinstance(v, int) for v in values):
            raise ValueError(f"series {name!r} must hold whole numbers (counts)")


# --- adding a chart to a document ------------------------------------------------------------

@dataclass(frozen=True)
class _Spec:
    kind: str                      # "line" or "bar"
    title: str
    categories: list[str]
    series: list[tuple[str, list[int]]]
    value_axis_title: str
    category_axis_title: str | None
    horizontal: bool = False
    data_labels: bool = False


def add_line_chart(target: Any, *, title: str, categories: Sequence[str], series: Sequence[Series],
                   alt_text: str, value_axis_title: str, category_axis_title: str | None = None,
                   width_cm: float = 16.0, height_cm: float = 8.5) -> etree._Element:
    """Add a line chart (one or two series over the same categories, e.g. months) in its
    own paragraph and return that paragraph (``w:p``).

    ``target`` is a python-docx ``Document`` (the chart goes at the end of the body) or a
    ``Paragraph`` of one (the chart goes into it). ``alt_text`` is the chart's message in
    words (:func:`describe_trend`); ``title`` names the chart on the page and in its
    alternative text. Lines differ in colour, dash and marker; the legend names them.
    """
    spec = _Spec("line", title, list(categories), [(n, list(v)) for n, v in series],
                 value_axis_title, category_axis_title)
    return _add(target, spec, alt_text, width_cm, height_cm)


def add_bar_chart(target: Any, *, title: str, categories: Sequence[str], series: Sequence[Series],
                  alt_text: str, value_axis_title: str, category_axis_title: str | None = None,
                  horizontal: bool = True, data_labels: bool = True, width_cm: float = 16.0,
                  height_cm: float | None = None) -> etree._Element:
    """Add a bar chart (one or two series, e.g. this year and last) in its own paragraph and
    return that paragraph (``w:p``).

    Categories are drawn in the order given, the first at the top of a horizontal chart
    (give them largest first for a ranking). ``data_labels`` writes each bar's count at
    its end. Without ``height_cm`` the height follows the number of bars, so long lists
    stay legible. The second series is hatched as well as coloured. See
    :func:`add_line_chart` for ``target`` and ``alt_text``; :func:`describe_ranking`
    writes the alternative text of a ranking.
    """
    spec = _Spec("bar", title, list(categories), [(n, list(v)) for n, v in series],
                 value_axis_title, category_axis_title, horizontal, data_labels)
    if height_cm is None:
        bars = len(spec.categories) * len(spec.series)
        height_cm = min(22.0, max(6.0, 3.5 + 0.35 * bars + 0.25 * len(spec.categories)))
    return _add(target, spec, alt_text, width_cm, height_cm)


def _add(target: Any, spec: _Spec, alt_text: str, width_cm: float, height_cm: float) -> etree._Element:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    _check_figures(spec.categories, spec.series)
    if not alt_text.strip():
        raise ValueError("a chart needs alternative text that says what it shows (describe_trend, describe_ranking)")
    document_part, paragraph = _place(target)
    package = document_part.package
    chart_name = package.next_partname("/word/charts/chart%d.xml")
    chart = Part(PackURI(chart_name), CHART_CONTENT_TYPE, b"", package)
    number = int(re.sub(r"\D", "", chart_name.rsplit("/", 1)[-1]))
    workbook = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"), XLSX_CONTENT_TYPE,
                    _workbook(spec), package)
    workbook_rid = chart.relate_to(workbook, PACKAGE_RELATIONSHIP)
    chart._blob = _chart_xml(spec, workbook_rid, _document_font(document_part))
    chart_rid = document_part.relate_to(chart, CHART_RELATIONSHIP)
    paragraph.append(_drawing(chart_rid, _next_drawing_id(document_part), spec.title, alt_text,
                              round(width_cm * _EMU_PER_CM), round(height_cm * _EMU_PER_CM)))
    return paragraph


def _place(target: Any) -> tuple[Any, etree._Element]:
    """The document part and the ``w:p`` the chart goes in (a new one at the end of the body
    of a Document, inserted before its section properties without python-docx's rescans)."""
    from docx.oxml import OxmlElement

    if hasattr(target, "_p") and hasattr(target, "part"):      # a python-docx Paragraph
        return target.part, target._p
    if hasattr(target, "part") and hasattr(target, "element"):  # a python-docx Document
        body = target.element.body
        p = OxmlElement("w:p")
        sect = body.find(_q("w:sectPr"))
        if sect is not None:
            sect.addprevious(p)
        else:
            body.append(p)
        return target.part, p
    raise TypeError(f"a chart goes into a python-docx Document or Paragraph, not {type(target).__name__}")


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def _next_drawing_id(document_part: Any) -> int:
    """One more than the largest drawing id (wp:docPr/@id) in the document: ids must be unique."""
    from lxml import etree

    found = etree.XPath("//wp:docPr/@id", namespaces=_NS)(document_part.element)
    ids = [str(i) for i in found] if isinstance(found, list) else []
    return max((int(i) for i in ids if i.isdigit()), default=0) + 1


def _document_font(document_part: Any) -> str | None:
    """The document's default Latin font (docDefaults), so the chart's text matches the paper's."""
    from lxml import etree

    try:
        styles = document_part.styles.element
    except (AttributeError, KeyError, NotImplementedError):
        return None
    fonts = etree.XPath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts/@w:ascii", namespaces=_NS)(styles)
    return str(fonts[0]) if isinstance(fonts, list) and fonts else None


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _drawing(rid: str, drawing_id: int, title: str, alt_text: str, cx: int, cy: int) -> etree._Element:
    """``w:r/w:drawing/wp:inline`` holding the chart, with its alternative text on wp:docPr."""
    from lxml import etree

    drawing = etree.fromstring(
        f'<w:r xmlns:w="{_NS["w"]}" xmlns:wp="{_NS["wp"]}" xmlns:a="{_NS["a"]}" xmlns:c="{_NS["c"]}" '
        f'xmlns:r="{_NS["r"]}"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="Chart {drawing_id}"/>'
        f'<wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_NS["c"]}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>'
        f'</wp:inline></w:drawing></w:r>')
    docpr = drawing.find(f".//{_q('wp:docPr')}")
    assert docpr is not None
    docpr.set("descr", _clean(alt_text))
    docpr.set("title", _clean(title))
    return drawing


# --- the chart part --------------------------------------------------------------------------

class _Builder:
    """Builds chart XML with lxml: ``b("c:barDir", val="bar")``, children as arguments."""

    def __init__(self) -> None:
        from lxml import etree

        self._etree = etree

    def __call__(self, tag: str, *children: Any, text: str | None = None, **attrs: Any) -> etree._Element:
        node = self._etree.Element(_q(tag), nsmap=None)
        for key, value in attrs.items():
            node.set(_q(key.replace("_", ":", 1)) if key.startswith("r_") else key, str(value))
        for child in children:
            if child is not None:
                node.append(child)
        if text is not None:
            node.text = text
        return node


def _chart_xml(spec: _Spec, workbook_rid: str, font: str | None) -> bytes:
    from lxml import etree

    b = _Builder()
    rows = len(spec.categories)
    cat_id, val_id = 500000001, 500000002   # fixed, so output is reproducible

    def rich(size: int, bold: bool = False) -> etree._Element:
        return _txpr(b, size, bold, font)

    plot = b("c:lineChart" if spec.kind == "line" else "c:barChart")
    if spec.kind == "bar":
        plot.append(b("c:barDir", val="bar" if spec.horizontal else "col"))
    plot.append(b("c:grouping", val="standard" if spec.kind == "line" else "clustered"))
    plot.append(b("c:varyColors", val=0))
    for i, (name, values) in enumerate(spec.series):
        column = "BC"[i]
        ser = b("c:ser", b("c:idx", val=i), b("c:order", val=i),
                b("c:tx", b("c:strRef", b("c:f", text=f"Sheet1!${column}$1"),
                            b("c:strCache", b("c:ptCount", val=1), b("c:pt", _v(b, _clean(name)), idx=0)))))
        ser.append(_series_look(b, spec.kind, i))
        if spec.kind == "line":
            ser.append(b("c:marker", b("c:symbol", val=_MARKERS[i]), b("c:size", val=6),
                         b("c:spPr", _solid(b, PALETTE[i]),
                           b("a:ln", _solid(b, PALETTE[i]), w=9525))))
        else:
            ser.append(b("c:invertIfNegative", val=0))
            if spec.data_labels:
                ser.append(_data_labels(b, rich(TEXT_SIZE)))
        ser.append(b("c:cat", b("c:strRef", b("c:f", text=f"Sheet1!$A$2:$A${rows + 1}"),
                                b("c:strCache", b("c:ptCount", val=rows),
                                  *[b("c:pt", _v(b, _clean(c)), idx=k) for k, c in enumerate(spec.categories)]))))
        ser.append(b("c:val", b("c:numRef", b("c:f", text=f"Sheet1!${column}$2:${column}${rows + 1}"),
                                b("c:numCache", b("c:formatCode", text="#,##0"), b("c:ptCount", val=rows),
                                  *[b("c:pt", _v(b, str(x)), idx=k) for k, x in enumerate(values)]))))
        if spec.kind == "line":
            ser.append(b("c:smooth", val=0))
        plot.append(ser)
    if spec.kind == "bar":
        plot.append(b("c:gapWidth", val=60))
        if len(spec.series) > 1:
            plot.append(b("c:overlap", val=-10))
    else:
        plot.append(b("c:marker", val=1))
    plot.append(b("c:axId", val=cat_id))
    plot.append(b("c:axId", val=val_id))

    horizontal = spec.kind == "bar" and spec.horizontal
    cat_ax = b("c:catAx", b("c:axId", val=cat_id),
               # A ranking reads from the top: the first category at the top of a horizontal chart.
               b("c:scaling", b("c:orientation", val="maxMin" if horizontal else "minMax")),
               b("c:delete", val=0), b("c:axPos", val="l" if horizontal else "b"),
               _axis_title(b, spec.category_axis_title, font, rotated=horizontal),
               b("c:numFmt", formatCode="General", sourceLinked=1),
               b("c:majorTickMark", val="none" if horizontal else "out"), b("c:minorTickMark", val="none"),
               b("c:tickLblPos", val="nextTo"), _axis_line(b), rich(TEXT_SIZE),
               b("c:crossAx", val=val_id), b("c:crosses", val="autoZero"), b("c:auto", val=1),
               b("c:lblAlgn", val="ctr"), b("c:lblOffset", val=100), b("c:noMultiLvlLbl", val=0))
    val_ax = b("c:valAx", b("c:axId", val=val_id), b("c:scaling", b("c:orientation", val="minMax"), b("c:min", val=0)),
               b("c:delete", val=0), b("c:axPos", val="b" if horizontal else "l"),
               b("c:majorGridlines", b("c:spPr", b("a:ln", _solid(b, GRID_COLOUR), w=9525))),
               _axis_title(b, spec.value_axis_title, font, rotated=not horizontal),
               b("c:numFmt", formatCode="#,##0", sourceLinked=0),
               b("c:majorTickMark", val="out"), b("c:minorTickMark", val="none"), b("c:tickLblPos", val="nextTo"),
               _axis_line(b), rich(TEXT_SIZE), b("c:crossAx", val=cat_id),
               # With the categories reversed, the value axis stays at the bottom.
               b("c:crosses", val="max" if horizontal else "autoZero"),
               b("c:crossBetween", val="between"))
    legend = b("c:legend", b("c:legendPos", val="b"), b("c:overlay", val=0), rich(TEXT_SIZE))
    chart = b("c:chart",
              b("c:title", _rich_text(b, spec.title, TITLE_SIZE, True, font), b("c:overlay", val=0)),
              b("c:autoTitleDeleted", val=0),
              b("c:plotArea", b("c:layout"), plot, cat_ax, val_ax),
              legend, b("c:plotVisOnly", val=1), b("c:dispBlanksAs", val="gap"))
    space = etree.Element(_q("c:chartSpace"), nsmap={"c": _NS["c"], "a": _NS["a"], "r": _NS["r"]})
    space.append(b("c:date1904", val=0))
    space.append(b("c:lang", val="en-GB"))
    space.append(b("c:roundedCorners", val=0))
    space.append(chart)
    space.append(b("c:spPr", _solid(b, "FFFFFF"), b("a:ln", b("a:noFill"))))
    space.append(rich(TEXT_SIZE))
    space.append(b("c:externalData", b("c:autoUpdate", val=0), r_id=workbook_rid))
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def _v(b: _Builder, text: str) -> etree._Element:
    return b("c:v", text=text)


def _solid(b: _Builder, colour: str) -> etree._Element:
    return b("a:solidFill", b("a:srgbClr", val=colour))


def _series_look(b: _Builder, kind: str, i: int) -> etree._Element:
    """Line: its colour and dash (2.25pt). Bar: solid fill, or for the second series a hatch
    of the colour on white with a border, so the two sets differ without colour."""
    colour = PALETTE[i]
    if kind == "line":
        return b("c:spPr", b("a:ln", _solid(b, colour), b("a:prstDash", val=_DASHES[i]), b("a:round"),
                             w=28575, cap="rnd"))
    fill = (_solid(b, colour) if i == 0 else
            b("a:pattFill", b("a:fgClr", b("a:srgbClr", val=colour)), b("a:bgClr", b("a:srgbClr", val="FFFFFF")),
              prst=_HATCH))
    return b("c:spPr", fill, b("a:ln", _solid(b, colour), w=12700))


def _data_labels(b: _Builder, txpr: etree._Element) -> etree._Element:
    return b("c:dLbls", b("c:numFmt", formatCode="#,##0", sourceLinked=0), b("c:spPr", b("a:noFill"),
             b("a:ln", b("a:noFill"))), txpr, b("c:dLblPos", val="outEnd"),
             b("c:showLegendKey", val=0), b("c:showVal", val=1), b("c:showCatName", val=0),
             b("c:showSerName", val=0), b("c:showPercent", val=0), b("c:showBubbleSize", val=0))


def _axis_line(b: _Builder) -> etree._Element:
    return b("c:spPr", b("a:ln", _solid(b, "808080"), w=9525))


def _axis_title(b: _Builder, text: str | None, font: str | None, *, rotated: bool) -> etree._Element | None:
    """An axis title; beside a vertical axis it reads bottom to top."""
    if not text:
        return None
    return b("c:title", _rich_text(b, text, TEXT_SIZE, False, font, rotated), b("c:overlay", val=0))


def _run_props(b: _Builder, tag: str, size: int, bold: bool, font: str | None) -> etree._Element:
    props = b(tag, _solid(b, TEXT_COLOUR), sz=size, b=int(bold))
    if font:
        props.append(b("a:latin", typeface=_clean(font)))
        props.append(b("a:cs", typeface=_clean(font)))
    return props


def _txpr(b: _Builder, size: int, bold: bool, font: str | None) -> etree._Element:
    return b("c:txPr", b("a:bodyPr"), b("a:lstStyle"),
             b("a:p", b("a:pPr", _run_props(b, "a:defRPr", size, bold, font)), b("a:endParaRPr", lang="en-GB")))


def _rich_text(b: _Builder, text: str, size: int, bold: bool, font: str | None,
               rotated: bool = False) -> etree._Element:
    body = b("a:bodyPr", rot=-5400000, vert="horz") if rotated else b("a:bodyPr")
    return b("c:tx", b("c:rich", body, b("a:lstStyle"),
                       b("a:p", b("a:pPr", _run_props(b, "a:defRPr", size, bold, font)),
                         b("a:r", _run_props(b, "a:rPr", size, bold, font), b("a:t", text=_clean(text))))))


# --- the embedded workbook ("Edit Data" in Word) -----------------------------------------------

def _xml_text(text: str) -> str:
    """``text`` made safe as XML character data (what ``xml.sax.saxutils.escape`` does,
    without importing it: that module loads urllib.request, about 25 ms of start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _workbook(spec: _Spec) -> bytes:
    """A minimal .xlsx with the chart's figures (categories in column A, one column per
    series), which Word opens when the officer chooses Edit Data. Written with zipfile and
    fixed dates, so it is the same bytes for the same figures."""
    import io
    import zipfile

    def cell(ref: str, value: str | int) -> str:
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        text = _xml_text(_clean(value))
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'

    header = [cell("A1", "")] + [cell(f"{'BC'[i]}1", name) for i, (name, _) in enumerate(spec.series)]
    rows = [f'<row r="1">{"".join(header)}</row>']
    for k, category in enumerate(spec.categories):
        r = k + 2
        cells = [cell(f"A{r}", category)] + [cell(f"{'BC'[i]}{r}", values[k]) for i, (_, values) in
                                              enumerate(spec.series)]
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{main}">'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            entry = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            archive.writestr(entry, text.encode("utf-8"))
    return out.getvalue()
