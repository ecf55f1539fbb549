"""A small, fast writer of Word body content on top of python-docx.

python-docx's own ``add_paragraph`` rescans the body on every call (quadratic in the
length of the document) and looks styles up by name each time (slow). This writer builds
the WordprocessingML with lxml and inserts it before the final section properties, and
resolves every style it uses once, by name, to the style id in the template. Real Word
numbering (``numbering.xml``) numbers the report's sections and paragraphs and the lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from cspplan.render.package import shorten

if TYPE_CHECKING:
    from docx.document import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

STYLE_NAMES = {
    # what the writer calls a style -> its name in Word (looked up in the template)
    "normal": "Normal",
    "title": "Title",
    "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4",
    "h5": "Heading 5", "h6": "Heading 6",
    "list": "List Paragraph",
    "table": "Committee Table",   # its header row is shaded by the style, not by the writer
    "hyperlink": "Hyperlink",
    "quote": "Quote",
    "notice": "Intense Quote",
}


CAPTION_LIMIT = 250
"""The most characters of a table's description (w:tblCaption) for screen readers."""

# What a URI cannot hold as it is (RFC 3986): anything but its unreserved and reserved
# characters, and a '%' that does not start an escape.
_NOT_URI = re.compile(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


def uri(url: str) -> str:
    """``url`` with every character a URI cannot hold percent-encoded as UTF-8, as browsers do.

    A hyperlink's target is a relationship in the package, which must be a URI: Word opens
    most malformed ones, but other readers of .docx files (the Open XML SDK, document
    management systems) refuse the whole document. Markdown links are already encoded.

    >>> uri("https://example.org/café menu?q=100%&r=%41")
    'https://example.org/caf%C3%A9%20menu?q=100%25&r=%41'
    """
    return _NOT_URI.sub(lambda m: quote(m.group(0), safe="", errors="replace"), url)


def el(tag: str, attrs: dict | None = None, *children) -> etree._Element:
    """An element in the w: namespace: el("w:p", {"w:val": "x"}, child...)."""
    node = etree.Element(qn(tag), {qn(k): str(v) for k, v in (attrs or {}).items()})
    for child in children:
        if child is not None:
            node.append(child)
    return node


@dataclass
class Run:
    """A piece of text with its formatting; ``link`` makes it a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    revision: str | None = None   # "ins" or "del": a tracked change (needs Writer.revisions)


@dataclass
class Numbering:
    """Ids of the numbering definitions the writer adds to the template's numbering part."""

    report: int = 0           # numId: sections "1." and paragraphs "1.1"
    bullet_abstract: int = 0
    decimal_abstract: int = 0


@dataclass
class Writer:
    """Appends paragraphs, headings, lists and tables to a python-docx Document."""

    document: Document
    styles: dict[str, str] = field(default_factory=dict)   # writer name -> style id
    numbering: Numbering = field(default_factory=Numbering)
    heading_levels: list[int] = field(default_factory=list)  # every heading written, for tests
    revisions: tuple[str, str] | None = None   # (author, ISO date) of tracked changes

    def __post_init__(self) -> None:
        body = self.document.element.body
        self._sect = body.sectPr
        self._body = body
        self._rels: dict[str, str] = {}
        self._revision_id = 0

    # --- blocks -----------------------------------------------------------------------------

    def _append(self, node) -> None:
        if self._sect is not None:
            self._sect.addprevious(node)
        else:
            self._body.append(node)

    def paragraph(self, runs: list[Run] | str = "", *, style: str = "normal", num: tuple[int, int] | None = None,
                  keep_next: bool = False, page_break_before: bool = False, lang: str | None = None) -> etree._Element:
        ppr = el("w:pPr")
        style_id = self.styles.get(style)
        if style_id and style != "normal":
            ppr.append(el("w:pStyle", {"w:val": style_id}))
        if keep_next:
            ppr.append(el("w:keepNext"))
        if page_break_before:
            ppr.append(el("w:pageBreakBefore"))
        if num is not None:
            ppr.append(el("w:numPr", None, el("w:ilvl", {"w:val": num[1]}), el("w:numId", {"w:val": num[0]})))
        p = el("w:p", None, ppr if len(ppr) else None)
        self._add_runs(p, [Run(runs)] if isinstance(runs, str) else runs, lang)
        self._append(p)
        return p

    def heading(self, level: int, runs: list[Run] | str, *, num: tuple[int, int] | None = None,
                page_break_before: bool = False) -> etree._Element:
        self.heading_levels.append(level)
        return self.paragraph(runs, style=f"h{level}", num=num, keep_next=True,
                              page_break_before=page_break_before)

    def page_break(self) -> None:
        self._append(el("w:p", None, el("w:r", None, el("w:br", {"w:type": "page"}))))

    # --- runs -------------------------------------------------------------------------------

    def _add_runs(self, p, runs: list[Run], lang: str | None = None) -> None:
        """Append runs to a paragraph; neighbouring runs with the same link share one hyperlink
        ("[**2025** assessment](...)" is one link, not two, to Word and to a screen reader)."""
        hyperlink, url = None, None
        for run in runs:
            node = self._run(run, lang)
            if run.link and not run.revision and run.link == url and hyperlink is not None:
                hyperlink.append(node[0])  # the w:r inside this run's own w:hyperlink
                continue
            hyperlink, url = (node, run.link) if run.link and not run.revision else (None, None)
            p.append(node)

    def _run(self, run: Run, lang: str | None = None) -> etree._Element:
        rpr = el("w:rPr")
        if run.link and self.styles.get("hyperlink"):
            rpr.append(el("w:rStyle", {"w:val": self.styles["hyperlink"]}))
        if run.code:
            rpr.append(el("w:rFonts", {"w:ascii": "Courier New", "w:hAnsi": "Courier New", "w:cs": "Courier New"}))
        if run.bold:
            rpr.append(el("w:b"))
        if run.italic:
            rpr.append(el("w:i"))
        if lang:
            rpr.append(el("w:lang", {"w:val": lang}))
        text = el("w:delText" if run.revision == "del" else "w:t")
        text.text = run.text
        if run.text != run.text.strip() or "  " in run.text:
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r = el("w:r", None, rpr if len(rpr) else None, text)
        if run.link:
            r = el("w:hyperlink", {"r:id": self._relate(run.link), "w:history": "1"}, r)
        if run.revision:
            r = self.revision_mark("w:" + run.revision, r)
        return r

    def revision_mark(self, tag: str, *children) -> etree._Element:
        """A w:ins or w:del element attributed to the revisions' author and date."""
        author, date = self.revisions or ("cspplan", "2000-01-01T00:00:00Z")
        self._revision_id += 1
        return el(tag, {"w:id": self._revision_id, "w:author": author, "w:date": date}, *children)

    def _relate(self, url: str) -> str:
        if url not in self._rels:
            self._rels[url] = self.document.part.relate_to(uri(url), RT.HYPERLINK, is_external=True)
        return self._rels[url]

    # --- lists -------------------------------------------------------------------------------

    def new_list(self, ordered: bool) -> int:
        """A fresh numbering instance (so every numbered list starts again at 1)."""
        abstract = self.numbering.decimal_abstract if ordered else self.numbering.bullet_abstract
        return _add_num(self.document, abstract, restart=ordered)

    def list_item(self, runs: list[Run] | str, num_id: int, level: int = 0) -> etree._Element:
        return self.paragraph(runs, style="list", num=(num_id, min(level, 8)))

    # --- tables ------------------------------------------------------------------------------

    def table(self, header: list[str], rows: list[list], *, widths: list[int] | None = None,
              caption: str | None = None) -> etree._Element:
        """A simple data table: a bold header row that repeats on every page, no merged cells.

        ``rows`` hold cell contents: a string, a list of :class:`Run`, or a list of such
        (several paragraphs). ``widths`` are in twentieths of a point and should add up to
        the text width; ``caption`` becomes the table's description for screen readers.
        """
        cols = len(header)
        widths = widths or [9000 // cols] * cols
        tblpr = el("w:tblPr", None,
                   el("w:tblStyle", {"w:val": self.styles["table"]}) if self.styles.get("table") else None,
                   el("w:tblW", {"w:w": sum(widths), "w:type": "dxa"}),
                   el("w:tblLayout", {"w:type": "fixed"}),
                   el("w:tblLook", {"w:val": "04A0", "w:firstRow": "1", "w:lastRow": "0", "w:firstColumn": "0",
                                    "w:lastColumn": "0", "w:noHBand": "0", "w:noVBand": "1"}))
        if caption:
            tblpr.append(el("w:tblCaption", {"w:val": shorten(caption, CAPTION_LIMIT)}))
        grid = el("w:tblGrid", None, *[el("w:gridCol", {"w:w": w}) for w in widths])
        tbl = el("w:tbl", None, tblpr, grid)
        tbl.append(self._row([[Run(h, bold=True)] for h in header], widths, header=True))
        for row in rows:
            tbl.append(self._row(row, widths))
        self._append(tbl)
        # A table must not run into the next one, and Word needs a paragraph after a table.
        self._append(el("w:p", None, el("w:pPr", None, el("w:spacing", {"w:after": "0"}))))
        return tbl

    def _row(self, cells: list, widths: list[int], header: bool = False) -> etree._Element:
        revision = getattr(cells, "revision", None)  # a Row marked inserted or deleted
        trpr = el("w:trPr", None, el("w:cantSplit"), el("w:tblHeader") if header else None,
                  self.revision_mark("w:" + revision) if revision else None)
        tr = el("w:tr", None, trpr)
        for content, width in zip(cells, widths, strict=True):  # every row has the header's columns
            tcpr = el("w:tcPr", None, el("w:tcW", {"w:w": width, "w:type": "dxa"}))
            tc = el("w:tc", None, tcpr)
            for paragraph in _paragraphs(content):
                p = el("w:p", None, el("w:pPr", None, el("w:keepNext")) if header else None)
                if isinstance(paragraph, tuple):  # (runs, num) for a list inside a cell
                    runs, num = paragraph
                    p = el("w:p", None, el("w:pPr", None, el("w:pStyle", {"w:val": self.styles.get("list", "")})
                                            if self.styles.get("list") else None,
                                            el("w:numPr", None, el("w:ilvl", {"w:val": 0}),
                                               el("w:numId", {"w:val": num}))))
                    paragraph = runs
                self._add_runs(p, paragraph)
                tc.append(p)
            tr.append(tc)
        return tr


class Row(list):
    """A table row (a list of cells) marked as a tracked insertion or deletion."""

    def __init__(self, cells, revision: str | None = None):
        super().__init__(cells)
        self.revision = revision


def _paragraphs(content) -> list:
    if isinstance(content, str):
        return [[Run(content or "-")]]
    if content and isinstance(content[0], Run):
        return [content]
    return list(content) or [[Run("-")]]


# --- numbering ----------------------------------------------------------------------------------

def _numbering_root(document):
    return document.part.numbering_part.element


def _next_id(root, xpath: str, attr: str) -> int:
    ids = [int(x) for x in root.xpath(xpath + "/@" + attr)]  # python-docx elements know the w: prefix
    return max(ids, default=0) + 1


def _add_abstract(document, levels: list[dict], nsid: str) -> int:
    """Add a w:abstractNum (before every w:num, as the schema requires); returns its id."""
    root = _numbering_root(document)
    abstract_id = _next_id(root, "w:abstractNum", "w:abstractNumId")
    abstract = el("w:abstractNum", {"w:abstractNumId": abstract_id},
                  el("w:nsid", {"w:val": nsid}),
                  el("w:multiLevelType", {"w:val": "multilevel" if len(levels) > 1 else "singleLevel"}))
    for i, level in enumerate(levels):
        abstract.append(el("w:lvl", {"w:ilvl": i},
                           el("w:start", {"w:val": 1}),
                           el("w:numFmt", {"w:val": level["format"]}),
                           el("w:lvlText", {"w:val": level["text"]}),
                           el("w:lvlJc", {"w:val": "left"}),
                           el("w:pPr", None, el("w:ind", {"w:left": level["left"], "w:hanging": level["hanging"]}))))
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    return abstract_id


def _add_num(document, abstract_id: int, *, restart: bool = False) -> int:
    root = _numbering_root(document)
    num_id = _next_id(root, "w:num", "w:numId")
    num = el("w:num", {"w:numId": num_id}, el("w:abstractNumId", {"w:val": abstract_id}))
    if restart:
        num.append(el("w:lvlOverride", {"w:ilvl": 0}, el("w:startOverride", {"w:val": 1})))
    root.append(num)
    return num_id


def install_numbering(document) -> Numbering:
    """Add the report's multilevel numbering and the list definitions; returns their ids.

    nsid values are fixed (not random), so the output is reproducible.
    """
    report = _add_abstract(document, [
        {"format": "decimal", "text": "%1.", "left": 567, "hanging": 567},
        {"format": "decimal", "text": "%1.%2", "left": 567, "hanging": 567},
    ], nsid="43535031")
    bullets = _add_abstract(document, [
        {"format": "bullet", "text": "\u2022", "left": 720 + 360 * i, "hanging": 360} for i in range(9)
    ], nsid="43535032")
    decimals = _add_abstract(document, [
        {"format": "decimal" if i % 3 == 0 else ("lowerLetter" if i % 3 == 1 else "lowerRoman"),
         "text": f"%{i + 1}.", "left": 720 + 360 * i, "hanging": 360} for i in range(9)
    ], nsid="43535033")
    return Numbering(report=_add_num(document, report), bullet_abstract=bullets, decimal_abstract=decimals)

