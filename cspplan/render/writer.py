"""A small, fast writer of Word body content on top of python-docx.

python-docx's own ``add_paragraph`` rescans the body on every call (quadratic in the
length of the document) and looks styles up by name each time (slow). This writer builds
the WordprocessingML with lxml and inserts it before the final section properties, and
resolves every style it uses once, by name, to the style id in the template. Real Word
numbering (``numbering.xml``) numbers the report's sections and paragraphs and the lists.

Speed matters because a large plan's paper is mostly tables (a 50-priority plan has 164
tables and 7,800 cell paragraphs): paragraphs are built from the top down with
``SubElement`` (appending a finished subtree makes lxml reconcile its namespaces again at
each level), and a table is written as XML text and parsed once, which lxml does several
times faster than building the same elements one by one; both give the same elements.
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


_QNAMES: dict[str, str] = {}


def _qn(tag: str) -> str:
    """``qn(tag)``, worked out once per name (the writer asks for the same few names
    hundreds of thousands of times in a large paper)."""
    name = _QNAMES.get(tag)
    if name is None:
        name = _QNAMES[tag] = qn(tag)
    return name


def el(tag: str, attrs: dict | None = None, *children) -> etree._Element:
    """An element in the w: namespace: el("w:p", {"w:val": "x"}, child...)."""
    node = etree.Element(_qn(tag), {_qn(k): str(v) for k, v in attrs.items()} if attrs else None)
    for child in children:
        if child is not None:
            node.append(child)
    return node


def sub(parent: etree._Element, tag: str, attrs: dict | None = None) -> etree._Element:
    """A new last child of ``parent``: sub(p, "w:r"). Content is built from the top down
    with this rather than with :func:`el`, because lxml reconciles the namespaces of a
    whole subtree each time one is appended to another (quadratic in its depth)."""
    return etree.SubElement(parent, _qn(tag), {_qn(k): str(v) for k, v in attrs.items()} if attrs else None)


_SubElement = etree.SubElement
_W_P, _W_PPR, _W_R, _W_RPR = (qn(t) for t in ("w:p", "w:pPr", "w:r", "w:rPr"))
_W_KEEPNEXT, _W_HYPERLINK, _W_VAL, _R_ID, _W_HISTORY = (qn(t) for t in ("w:keepNext", "w:hyperlink", "w:val",
                                                                        "r:id", "w:history"))
_W_RSTYLE, _W_RFONTS, _W_B, _W_I, _W_LANG = (qn(t) for t in ("w:rStyle", "w:rFonts", "w:b", "w:i", "w:lang"))
_W_NOBREAKHYPHEN = qn("w:noBreakHyphen")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CODE_FONT = {qn("w:ascii"): "Courier New", qn("w:hAnsi"): "Courier New", qn("w:cs"): "Courier New"}


# --- text widths (for sizing table columns) ---------------------------------------------------

# Advance widths of Helvetica (the metrics Arial and Liberation Sans share), in thousandths
# of an em, from Adobe's published AFM file. Characters not listed count as 0.556 em (a
# digit), wide (East Asian) ones as 1 em. Bold text counts 10% wider, which covers Arial
# Bold's widest letters. An estimate, not a layout engine: good enough to keep a column
# from being narrower than its longest word, which is all it is used for.
_HELVETICA = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     *[556] * 10, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611,
     722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
     556, 500, 722, 500, 500, 500, 334, 260, 334, 584), strict=True))
_HELVETICA.update({"\u2019": 222, "\u2018": 222, "\u201c": 333, "\u201d": 333, "\u2013": 556, "\u2014": 1000,
                   "\u00a0": 278, "\u2011": 333, "\u00a3": 556, "\u20ac": 556, "\u2022": 350})

CELL_MARGINS = 216
"""Left and right cell margins together, in twentieths of a point (Word's default 0.19 cm each)."""
WORD_SLACK = 60
"""Room a column gives beyond its longest word's estimated width (3 pt): LibreOffice draws a
cell's borders inside it, and kerning and rounding differ from the estimate, so that a word
exactly as wide as the room ("Complete" in a status column) was broken across two lines."""


class _Advances(dict):
    """Advance widths by character; one not in :data:`_HELVETICA` is worked out once."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 1000 if ord(char) >= 0x2e80 else 556
        return width


_ADVANCES = _Advances(_HELVETICA)


def text_width(text: str, half_points: int, *, bold: bool = False) -> int:
    """The estimated width of ``text`` in twentieths of a point at a font size in half-points."""
    ems = sum(map(_ADVANCES.__getitem__, text)) / 1000  # summed in C: this runs for every cell
    return int(ems * half_points * 10 * (1.1 if bold else 1.0) + 0.999)


# A line may break after a space, or after a hyphen between letters ("anti-|social"); a
# number and its sign ("-75%", "(-75%)") never split.
_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z]-)(?=[A-Za-z])")


def words(text: str) -> list[str]:
    """The pieces of ``text`` a line cannot break inside (U+00A0 joins words)."""
    if "\u00a0" in text or "\x00" in text:
        return [w.replace("\x00", "\u00a0") for w in _breakable(text.replace("\u00a0", "\x00"))]
    return _breakable(text)


def _breakable(text: str) -> list[str]:
    # str.split() and the regular expression \s agree on what is white space; splitting
    # in C first and using the expression only on the few words with a hyphen is several
    # times faster than one expression over the whole text (this runs for every table cell).
    pieces = text.split()
    if "-" not in text:
        return pieces
    return [piece for word in pieces for piece in (_HYPHEN_BREAK.split(word) if "-" in word else (word,))]


class _WordWidths(dict):
    """Word -> its width at one size and weight, measured the first time it is asked for
    (words recur from row to row), so that a column's widest word is found with ``max``
    over ``map``, in C."""

    def __init__(self, half_points: int, bold: bool):
        super().__init__()
        self.half_points, self.bold = half_points, bold

    def __missing__(self, word: str) -> int:
        width = self[word] = text_width(word, self.half_points, bold=self.bold)
        return width


def fit_widths(preferred: list[int], minimum: list[int]) -> list[int]:
    """Column widths adding up to ``sum(preferred)``, none below its minimum where that is
    possible: a column too narrow for its longest word takes the room it needs from the
    columns with room to spare, in proportion to what they spare."""
    total = sum(preferred)
    need = [min(m, total) for m in minimum]
    if sum(need) >= total:  # not every word fits: share the width in proportion to need
        scaled = [total * n // max(sum(need), 1) for n in need]
        scaled[0] += total - sum(scaled)
        return scaled
    widths = [max(p, n) for p, n in zip(preferred, need, strict=True)]
    excess = sum(widths) - total
    while excess > 0:
        spare = [w - n for w, n in zip(widths, need, strict=True)]
        room = sum(spare)
        cut = [excess * s // room for s in spare]
        if not any(cut):  # rounding: take the last twips from the roomiest column
            cut[spare.index(max(spare))] = excess
        widths = [w - c for w, c in zip(widths, cut, strict=True)]
        excess = sum(widths) - total
    return widths


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
        self._gap: etree._Element | None = None   # the paragraph after the last table, if nothing followed it
        self.font_size = table_font_size(self.document, self.styles.get("table"))
        self._word_widths = (_WordWidths(self.font_size, False), _WordWidths(self.font_size, True))
        self._bookmark_id = 0
        self._toc_names: list[str] = []   # bookmarks a contents field links to, for headings to come

    # --- blocks -----------------------------------------------------------------------------

    def _append(self, node) -> None:
        """Add a block at the end of the body. The paragraph kept after a table goes when a
        paragraph follows (which is then spaced from the table instead); it stays between two
        tables, which Word would otherwise join into one, and at the very end of the body."""
        gap, self._gap = self._gap, None
        parent = gap.getparent() if gap is not None else None
        if gap is not None and parent is not None and node.tag == qn("w:p"):
            parent.remove(gap)
            ppr = node.find(qn("w:pPr"))
            if ppr is None:
                ppr = el("w:pPr")
                node.insert(0, ppr)
            if ppr.find(qn("w:pStyle")) is None or ppr.find(qn("w:pStyle")).get(qn("w:val")) not in self._headings():
                _set_spacing_before(ppr, TABLE_GAP)
        if self._sect is not None:
            self._sect.addprevious(node)
        else:
            self._body.append(node)

    def _headings(self) -> set[str]:
        return {self.styles[k] for k in ("title", "h1", "h2", "h3", "h4", "h5", "h6") if k in self.styles}

    def paragraph(self, runs: list[Run] | str = "", *, style: str = "normal", num: tuple[int, int] | None = None,
                  keep_next: bool = False, page_break_before: bool = False, lang: str | None = None) -> etree._Element:
        p = etree.Element(_W_P)
        style_id = self.styles.get(style)
        if (style_id and style != "normal") or keep_next or page_break_before or num is not None:
            ppr = _SubElement(p, _W_PPR)
            if style_id and style != "normal":
                sub(ppr, "w:pStyle", {"w:val": style_id})
            if keep_next:
                _SubElement(ppr, _W_KEEPNEXT)
            if page_break_before:
                sub(ppr, "w:pageBreakBefore")
            if num is not None:
                numpr = sub(ppr, "w:numPr")
                sub(numpr, "w:ilvl", {"w:val": num[1]})
                sub(numpr, "w:numId", {"w:val": num[0]})
        self._add_runs(p, [Run(runs)] if isinstance(runs, str) else runs, lang)
        self._append(p)
        return p

    def heading(self, level: int, runs: list[Run] | str, *, num: tuple[int, int] | None = None,
                page_break_before: bool = False, contents: bool = False) -> etree._Element:
        """A heading, kept with what follows it. ``contents``: the next heading the last
        :meth:`contents` field lists, so it carries the bookmark that entry links to."""
        self.heading_levels.append(level)
        p = self.paragraph(runs, style=f"h{level}", num=num, keep_next=True, page_break_before=page_break_before)
        if contents and self._toc_names:
            self._bookmark_id += 1
            mark = str(self._bookmark_id)
            ppr = p.find(qn("w:pPr"))
            (ppr if ppr is not None else p[0]).addnext(
                el("w:bookmarkStart", {"w:id": mark, "w:name": self._toc_names.pop(0)}))
            p.append(el("w:bookmarkEnd", {"w:id": mark}))
        return p

    def bookmark_start(self, name: str) -> str:
        """Open a bookmark round the blocks that follow (close it with :meth:`bookmark_end`)."""
        self._bookmark_id += 1
        self._append_marker(el("w:bookmarkStart", {"w:id": self._bookmark_id, "w:name": name}))
        return str(self._bookmark_id)

    def bookmark_end(self, mark: str) -> None:
        self._append_marker(el("w:bookmarkEnd", {"w:id": mark}))

    def _append_marker(self, node) -> None:
        # A marker at body level does not replace the paragraph kept after a table.
        if self._sect is not None:
            self._sect.addprevious(node)
        else:
            self._body.append(node)

    def contents(self, entries: list[str], *, levels: str, within: str | None = None) -> None:
        """A table of contents field (TOC) of the headings of ``levels`` ("2-2"), limited to
        the bookmark ``within``; its result is ``entries`` (the headings still to be written,
        with :meth:`heading` ``contents=True``, in order), each a link to its heading, so that
        the contents reads right before the field is updated. Word and LibreOffice are asked
        to update fields on opening (:func:`request_field_update`), which adds page numbers."""
        switches = f' \\o "{levels}" \\h \\z \\u' + (f" \\b {within}" if within else "")
        instr = el("w:instrText")
        instr.text = f" TOC{switches} "
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        first = [el("w:r", None, el("w:fldChar", {"w:fldCharType": "begin"})), el("w:r", None, instr),
                 el("w:r", None, el("w:fldChar", {"w:fldCharType": "separate"}))]
        start = len(self._toc_names) + self._bookmark_id
        names = [f"_Toc{start + i + 1:08d}" for i in range(len(entries))]
        self._toc_names.extend(names)
        end = el("w:r", None, el("w:fldChar", {"w:fldCharType": "end"}))
        for i, (entry, name) in enumerate(zip(entries, names, strict=True)):
            p = self.paragraph([], keep_next=i < len(entries) - 1)
            for node in first if i == 0 else ():
                p.append(node)
            p.append(el("w:hyperlink", {"w:anchor": name, "w:history": "1"},
                        self._run(Run(entry, link=None))))
            if i == len(entries) - 1:
                p.append(end)
        if not entries:
            p = self.paragraph([])
            for node in [*first, end]:
                p.append(node)
        request_field_update(self.document)

    def page_break(self) -> None:
        self._append(el("w:p", None, el("w:r", None, el("w:br", {"w:type": "page"}))))

    # --- runs -------------------------------------------------------------------------------

    def _add_runs(self, p, runs: list[Run], lang: str | None = None) -> None:
        """Append runs to a paragraph; neighbouring runs with the same link share one hyperlink
        ("[**2025** assessment](...)" is one link, not two, to Word and to a screen reader)."""
        hyperlink, url = None, None
        for run in runs:
            if run.link and not run.revision and run.link == url and hyperlink is not None:
                self._run_in(hyperlink, run, lang)  # one more w:r in the same w:hyperlink
                continue
            node = self._run_into(p, run, lang)
            hyperlink, url = (node, run.link) if run.link and not run.revision else (None, None)

    def _run(self, run: Run, lang: str | None = None) -> etree._Element:
        """A run on its own: its w:r, inside its w:hyperlink and tracked change if it has them."""
        holder = etree.Element(_W_P)
        node = self._run_into(holder, run, lang)
        holder.remove(node)
        return node

    def _run_into(self, parent: etree._Element, run: Run, lang: str | None = None) -> etree._Element:
        """Append a run to ``parent`` (its w:r, inside its w:hyperlink and tracked change if
        it has them); returns the outermost element added."""
        top = None
        if run.revision:
            top = parent = self.revision_sub(parent, "w:" + run.revision)
        if run.link:
            rid = self._relate(run.link)
            parent = _SubElement(parent, _W_HYPERLINK, {_R_ID: rid, _W_HISTORY: "1"})
            top = top if top is not None else parent
        r = self._run_in(parent, run, lang)
        return top if top is not None else r

    def _run_in(self, parent: etree._Element, run: Run, lang: str | None) -> etree._Element:
        """Append ``run``'s w:r (formatting and text, no link or revision around it) to ``parent``."""
        r = _SubElement(parent, _W_R)
        link_style = self.styles.get("hyperlink") if run.link else None
        if link_style or run.code or run.bold or run.italic or lang:
            rpr = _SubElement(r, _W_RPR)
            if link_style:
                _SubElement(rpr, _W_RSTYLE, {_W_VAL: link_style})
            if run.code:
                _SubElement(rpr, _W_RFONTS, _CODE_FONT)
            if run.bold:
                _SubElement(rpr, _W_B)
            if run.italic:
                _SubElement(rpr, _W_I)
            if lang:
                _SubElement(rpr, _W_LANG, {_W_VAL: lang})
        _add_text(r, run.text, "w:delText" if run.revision == "del" else "w:t")
        return r

    def revision_mark(self, tag: str, *children) -> etree._Element:
        """A w:ins or w:del element attributed to the revisions' author and date."""
        author, date = self.revisions or ("cspplan", "2000-01-01T00:00:00Z")
        self._revision_id += 1
        return el(tag, {"w:id": self._revision_id, "w:author": author, "w:date": date}, *children)

    def revision_sub(self, parent: etree._Element, tag: str) -> etree._Element:
        """:meth:`revision_mark`, appended to ``parent``."""
        author, date = self.revisions or ("cspplan", "2000-01-01T00:00:00Z")
        self._revision_id += 1
        return sub(parent, tag, {"w:id": self._revision_id, "w:author": author, "w:date": date})

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
        cells = [[[[Run(h, bold=True)]] for h in header]] + [[_paragraphs(c) for c in row] for row in rows]
        widths = fit_widths(widths or [9000 // cols] * cols, self._min_widths(cells, cols))
        style = self.styles.get("table")
        xml = [f"<w:tbl {_NAMESPACES}><w:tblPr>",
               f'<w:tblStyle w:val="{_attr(style)}"/>' if style else "",
               f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
               '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
               'w:noHBand="0" w:noVBand="1"/>',
               f'<w:tblCaption w:val="{_attr(shorten(caption, CAPTION_LIMIT))}"/>' if caption else "",
               "</w:tblPr><w:tblGrid>", *[f'<w:gridCol w:w="{w}"/>' for w in widths], "</w:tblGrid>"]
        self._row(xml, cells[0], widths, header=True)
        for row, content in zip(rows, cells[1:], strict=True):
            self._row(xml, content, widths, revision=getattr(row, "revision", None))
        xml.append("</w:tbl>")
        tbl = _parse("".join(xml))
        self._append(tbl)
        # Word needs a paragraph after a table; the next paragraph replaces it (see _append).
        self._gap = el("w:p", None, el("w:pPr", None, el("w:spacing", {"w:before": "0", "w:after": "0"})))
        self._append_gap(self._gap)
        return tbl

    def _append_gap(self, gap: etree._Element) -> None:
        if self._sect is not None:
            self._sect.addprevious(gap)
        else:
            self._body.append(gap)

    def _min_widths(self, rows: list[list[list]], cols: int) -> list[int]:
        """Each column's narrowest width that holds its longest word without breaking it."""
        least = [0] * cols
        regular, bold = self._word_widths
        for row in rows:
            for i, paragraphs in enumerate(row):
                for paragraph in paragraphs:
                    runs, indent = (paragraph[0], LIST_INDENT) if isinstance(paragraph, tuple) else (paragraph, 0)
                    for run in runs:
                        pieces = words(run.text)
                        if pieces:
                            widest = max(map((bold if run.bold else regular).__getitem__, pieces))
                            if widest + indent + CELL_MARGINS + WORD_SLACK > least[i]:
                                least[i] = widest + indent + CELL_MARGINS + WORD_SLACK
        return least

    def _long(self, cells: list, widths: list[int]) -> bool:
        """Whether a row's tallest cell takes more than :data:`LONG_ROW_LINES` lines, roughly,
        with its paragraphs in columns ``widths`` wide."""
        size = self.font_size
        for paragraphs, width in zip(cells, widths, strict=True):
            lines = 0
            for paragraph in paragraphs:
                runs, indent = (paragraph[0], LIST_INDENT) if isinstance(paragraph, tuple) else (paragraph, 0)
                text = runs[0].text if len(runs) == 1 else "".join(run.text for run in runs)
                room = max(width - CELL_MARGINS - indent, 1)
                lines += max(1, -(-text_width(text, size) // room))
            if lines > LONG_ROW_LINES:
                return True
        return False

    def _row(self, xml: list[str], cells: list, widths: list[int], header: bool = False,
             revision: str | None = None) -> None:
        """Append the XML of a table row to ``xml``. A row of a few lines is kept on one page;
        a longer one may split across pages, so that it does not leave the rest of a page empty."""
        long = not header and self._long(cells, widths)
        xml.append("<w:tr><w:trPr>")
        if not long:
            xml.append("<w:cantSplit/>")
        if header:
            xml.append("<w:tblHeader/>")
        if revision:
            xml.append(self._revision_xml("w:" + revision) + "/>")
        xml.append("</w:trPr>")
        list_style = self.styles.get("list")
        list_ppr = f'<w:pStyle w:val="{_attr(list_style)}"/>' if list_style else ""
        for content, width in zip(cells, widths, strict=True):  # every row has the header's columns
            xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            for paragraph in content:
                if isinstance(paragraph, tuple):  # (runs, num) for a list inside a cell
                    paragraph, num = paragraph
                    xml.append(f'<w:p><w:pPr>{list_ppr}<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/>'
                               "</w:numPr></w:pPr>")
                else:
                    xml.append("<w:p><w:pPr><w:keepNext/></w:pPr>" if header else "<w:p>")
                self._runs_xml(xml, paragraph)
                xml.append("</w:p>")
            xml.append("</w:tc>")
        xml.append("</w:tr>")

    def _runs_xml(self, xml: list[str], runs: list[Run]) -> None:
        """Append the XML of runs to ``xml``, as :meth:`_add_runs` adds them to a paragraph
        (neighbouring runs with the same link share one w:hyperlink)."""
        url = None   # the link of the w:hyperlink still open, if any
        for run in runs:
            if not (run.link or run.revision or run.bold or run.italic or run.code):  # most runs: plain text
                if url is not None:
                    xml.append("</w:hyperlink>")
                    url = None
                xml.append(f"<w:r>{_text_xml(run.text, 'w:t')}</w:r>")
                continue
            if run.link and not run.revision and run.link == url:
                xml.append(self._r_xml(run))
                continue
            if url is not None:
                xml.append("</w:hyperlink>")
                url = None
            if run.revision:
                mark = self._revision_xml("w:" + run.revision) + ">"
                if run.link:
                    link = f'<w:hyperlink r:id="{_attr(self._relate(run.link))}" w:history="1">'
                    xml.append(f"{mark}{link}{self._r_xml(run)}</w:hyperlink></w:{run.revision}>")
                else:
                    xml.append(f"{mark}{self._r_xml(run)}</w:{run.revision}>")
            elif run.link:
                xml.append(f'<w:hyperlink r:id="{_attr(self._relate(run.link))}" w:history="1">')
                xml.append(self._r_xml(run))
                url = run.link
            else:
                xml.append(self._r_xml(run))
        if url is not None:
            xml.append("</w:hyperlink>")

    def _r_xml(self, run: Run) -> str:
        """The XML of a run's w:r, as :meth:`_run_in` builds it."""
        props = ""
        link_style = self.styles.get("hyperlink") if run.link else None
        if link_style or run.code or run.bold or run.italic:
            props = "".join(("<w:rPr>", f'<w:rStyle w:val="{_attr(link_style)}"/>' if link_style else "",
                             _CODE_FONT_XML if run.code else "", "<w:b/>" if run.bold else "",
                             "<w:i/>" if run.italic else "", "</w:rPr>"))
        return f"<w:r>{props}{_text_xml(run.text, 'w:delText' if run.revision == 'del' else 'w:t')}</w:r>"

    def _revision_xml(self, tag: str) -> str:
        """The start of a w:ins or w:del element, as :meth:`revision_mark` makes it (without
        the closing '>' or '/>')."""
        author, date = self.revisions or ("cspplan", "2000-01-01T00:00:00Z")
        self._revision_id += 1
        return f'<{tag} w:id="{self._revision_id}" w:author="{_attr(author)}" w:date="{_attr(date)}"'


_NAMESPACES = f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_CODE_FONT_XML = '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
# What XML text and attribute values must escape to come back from the parser as they were
# (a carriage return would be read as a line feed; a tab or a line break in an attribute
# as a space).
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;",
                               "\n": "&#10;", "\r": "&#13;"})
_TEXT_SPECIAL = re.compile("[&<>\r]")


def _attr(value: object) -> str:
    return str(value).translate(_ATTR_ESCAPES)


def _text_xml(text: str, tag: str) -> str:
    """The XML of the w:t (or w:delText) and w:noBreakHyphen elements that hold ``text``,
    as :func:`_add_text` builds them."""
    if not text:
        return f"<{tag}/>"
    if "-" not in text and "  " not in text and text == text.strip():
        # most text: one element, no signs to protect and no spaces to keep
        return f"<{tag}>{text.translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(text) else text}</{tag}>"
    out = []
    for i, piece in enumerate(_SIGN.split(text) if "-" in text else (text,)):
        if i:
            out.append("<w:noBreakHyphen/>")
        if piece:
            space = ' xml:space="preserve"' if piece != piece.strip() or "  " in piece else ""
            body = piece.translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(piece) else piece
            out.append(f"<{tag}{space}>{body}</{tag}>")
    return "".join(out)


_FRAGMENTS = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


def _parse(xml: str) -> etree._Element:
    """An element from XML text the writer made. A table is written as text and parsed
    once because lxml builds a large tree several times faster from text than element by
    element. Text Word cannot hold (control characters) fails here as it would when set
    on an element."""
    try:
        return etree.fromstring(xml, _FRAGMENTS)
    except etree.XMLSyntaxError as exc:
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control "
                         f"characters ({exc})") from None


def request_field_update(document) -> None:
    """Ask Word and LibreOffice to update the document's fields when it is opened
    (w:updateFields in the settings, in its place in the schema's order)."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = el("w:updateFields", {"w:val": "true"})
    later = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
             "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
             "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
             "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
             "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
    following = [child for child in settings if child.tag in {qn(t) for t in later}]
    if following:
        following[0].addprevious(update)
    else:
        settings.append(update)


DRAFT_HEADER = "DRAFT \u2013 not for publication"


def draft_header(document, text: str = DRAFT_HEADER) -> None:
    """Mark every page as a draft: ``text``, in bold, first in every header of every
    section (the first-page and even-page headers too, where the document has them). A
    council template's header is kept below it."""
    even = document.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    for section in document.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if even:
            headers.append(section.even_page_header)
        for header in headers:
            if header.is_linked_to_previous:
                header.is_linked_to_previous = False
                root = header._element
                for child in list(root):
                    root.remove(child)
            root = header._element
            t = el("w:t")
            t.text = text
            style = document.styles.element.xpath('w:style[w:name/@w:val="header"]/@w:styleId')
            ppr = el("w:pPr", None, el("w:pStyle", {"w:val": style[0]}) if style else None,
                     el("w:jc", {"w:val": "center"}))
            root.insert(0, el("w:p", None, ppr, el("w:r", None, el("w:rPr", None, el("w:b")), t)))


LIST_INDENT = 720
"""The left indent of a list item (see :func:`install_numbering`), in twentieths of a point."""
LONG_ROW_LINES = 10
"""A table row of more lines than this may split across pages (a fifth of an A4 page)."""
TABLE_GAP = 240
"""The space between a table and the paragraph after it, in twentieths of a point (12pt)."""


def table_font_size(document, table_style: str | None) -> int:
    """The font size of table text in half-points: the table style's, else the document
    default's, else Word's 11pt."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if table_style and style.get(qn("w:styleId")) == table_style:
            size = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if size is not None:
                return int(size.get(qn("w:val")))
    size = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    return int(size.get(qn("w:val"))) if size is not None else 22


def _set_spacing_before(ppr: etree._Element, twips: int) -> None:
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = el("w:spacing")
        after = [qn(t) for t in ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
                                 "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd",
                                 "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                                 "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                                 "w:bidi", "w:adjustRightInd", "w:snapToGrid")]
        before = [c for c in ppr if c.tag in after]
        if before:
            before[-1].addnext(spacing)
        else:
            ppr.insert(0, spacing)
    spacing.set(qn("w:before"), str(twips))


# A hyphen-minus that is a number's sign ("-75", "(-75%)") is written as Word's
# non-breaking hyphen, so that a line never breaks between the sign and the number.
_SIGN = re.compile(r"(?<![^\s(\[])-(?=[0-9])")


def _add_text(r: etree._Element, text: str, tag: str) -> None:
    """Append the w:t (or w:delText) and w:noBreakHyphen elements that hold ``text`` to ``r``."""
    name = _qn(tag)
    pieces = _SIGN.split(text) if "-" in text else (text,)
    for i, piece in enumerate(pieces):
        if i:
            _SubElement(r, _W_NOBREAKHYPHEN)
        if piece:
            node = _SubElement(r, name)
            node.text = piece
            if piece != piece.strip() or "  " in piece:
                node.set(_XML_SPACE, "preserve")
    if not text:
        _SubElement(r, name)


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

