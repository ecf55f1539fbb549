"""Check a .docx for what the accessibility regulations need of a published Word document.

The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
Regulations 2018 cover documents a council publishes on its website; GDS monitors them
against WCAG 2.2 AA. :func:`check_docx` reads the package with :mod:`zipfile` and lxml
(no python-docx, no Word) and returns a :class:`Problem` for each thing in the file that
fails a criterion a machine can judge: the title, the language, the heading outline and
paragraphs dressed up as headings, simple tables with a repeating header row, alternative
text, reading order, link text, the contrast and size of text (its formatting resolved
through styles, table styles and the theme as Word resolves it), table cells that speak
only through colour, page numbers and layout hacks. What needs a person (is the alt text
meaningful? does a chart rely on colour?) is not judged here.

:data:`CODES` describes every problem code (:class:`DocxCode`: summary, explanation, the
WCAG 2.2 success criterion and W3C's page on it, and a failing and a passing example).

The renderer runs it on every document it writes and refuses to write one with an
error; it is also a stand-alone checker for any .docx, so it depends on nothing in
cspplan but :class:`~cspplan.findings.Severity` and the shared wording lists in
:mod:`cspplan.wording`.

Places are named so a person can find them in Word:

* ``paragraph N`` counts the paragraphs outside tables and text boxes from 1, in order
  (for a document python-docx wrote, ``document.paragraphs[N - 1]``);
* ``table T row R cell C`` counts tables in document order (nested ones included) and
  rows and cells from 1;
* parts other than ``word/document.xml`` (headers, footers, notes) are named too.

A file that is not a readable .docx gives one ``DOCX-UNREADABLE`` problem, never an
exception; only a path that cannot be opened raises :class:`OSError`, as any file
reader does, because that is a problem with the path, not with the document.
"""

from __future__ import annotations

import colorsys
import functools
import inspect
import io
import math
import os
import posixpath
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from cspplan.findings import Severity
from cspplan.wording import BARE_URL, GENERIC_LINK_TEXT

__all__ = ["CHECKS", "CODES", "SEVERITY", "DocxCode", "Problem", "check_docx"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Problem:
    """One accessibility problem in a .docx.

    ``code`` is a stable id from :data:`CHECKS`; ``message`` is one sentence without a
    full stop that names the place; ``where`` is the part and place, e.g.
    ``word/document.xml table 3 row 1``.
    """

    code: str
    severity: Severity
    message: str
    where: str = ""

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}{self.severity.label}: {self.code}: {self.message}"


@dataclass(frozen=True)
class DocxCode:
    """Everything there is to say about one problem code, for ``cspplan explain`` and the
    generated documentation.

    ``summary`` is one line without a full stop: what a document that passes does.
    ``explanation`` is a paragraph: what the check looks for and why it matters.
    ``criterion`` names the WCAG 2.2 success criterion the check serves, e.g.
    ``WCAG 2.2 1.4.3 Contrast (Minimum)``, and ``url`` is W3C's "Understanding" page for
    it. ``fails`` and ``passes`` each describe, in a sentence without a full stop, a
    document that fails and one that passes.
    """

    code: str
    severity: Severity
    summary: str
    explanation: str
    criterion: str
    url: str
    fails: str
    passes: str


#: Every problem code, in the order the checks run, with all that is known about it.
CODES: dict[str, DocxCode] = {}


# --- XML names --------------------------------------------------------------------------

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships/"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@functools.cache
def _q(name: str) -> str:
    """Clark notation for a prefixed name: ``_q("w:p")`` is ``{...main}p``."""
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


W_P, W_T, W_TAB, W_BR, W_CR = _q("w:p"), _q("w:t"), _q("w:tab"), _q("w:br"), _q("w:cr")
W_TBL, W_TR, W_TC = _q("w:tbl"), _q("w:tr"), _q("w:tc")
W_PPR, W_TRPR, W_TCPR = _q("w:pPr"), _q("w:trPr"), _q("w:tcPr")
W_R, W_RPR, W_RSTYLE = _q("w:r"), _q("w:rPr"), _q("w:rStyle")
W_VAL, W_PSTYLE, W_OUTLINE = _q("w:val"), _q("w:pStyle"), _q("w:outlineLvl")
W_TXBX = _q("w:txbxContent")
W_JC, W_NUMPR, W_SHD = _q("w:jc"), _q("w:numPr"), _q("w:shd")
# The paragraph properties the checks read, found in one pass over each w:pPr.
_PPR_FACTS = {W_PSTYLE: 0, W_OUTLINE: 1, W_SHD: 2, W_JC: 3, W_NUMPR: 4}
_PprFacts = tuple["etree._Element | None", ...]
_NO_FACTS: _PprFacts = (None,) * 5
_BREAKS = frozenset((W_TAB, W_BR, W_CR))  # what reads as a space in a paragraph's text
W_HYPERLINK = _q("w:hyperlink")
W_GRIDSPAN, W_VMERGE, W_HMERGE = _q("w:gridSpan"), _q("w:vMerge"), _q("w:hMerge")
WP_DOCPR, WP_ANCHOR = _q("wp:docPr"), _q("wp:anchor")
MC_FALLBACK = _q("mc:Fallback")
W_SECTPR = _q("w:sectPr")
R_ID = _q("r:id")
W_ANCHOR_ATTR = _q("w:anchor")

# The elements checks look for anywhere in a part (see _Story.elements).
_SCANNED = (WP_DOCPR, WP_ANCHOR, W_TXBX, W_HYPERLINK, W_SECTPR)

# Elements that only wrap block content (paragraphs, tables, rows or cells).
_CONTAINERS = frozenset(_q(n) for n in (
    "w:sdt", "w:sdtContent", "w:customXml", "w:footnote", "w:endnote",
    "mc:AlternateContent", "mc:Choice"))

# A paragraph with no text is still not "empty" if it holds one of these (w:delText is
# text shown struck through as a tracked deletion, as in a redline of two versions).
_HAS_CONTENT = etree.XPath(
    "boolean(.//w:drawing | .//w:pict | .//w:object | .//w:br[@w:type='page'] "
    "| ./w:pPr/w:sectPr | .//w:fldSimple | .//w:instrText | .//w:sym | .//m:oMath | .//w:delText)",
    namespaces=_NS)

_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_PYTHON_DOCX_DATE = "2013-12-23T23:15:00Z"
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_HEADING_ID = re.compile(r"^Heading([1-9])$", re.IGNORECASE)
# "1.1 The..." or "2. Background" or "3) Next" but not "1.5 million" or "10.30am".
_TYPED_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+(?![a-z])")
_TYPED_BULLET = re.compile(r"^[•◦▪▫●○■□‣⁃∙·*\-–—]\s")
_JUSTIFIED = frozenset(("both", "distribute", "thaiDistribute", "lowKashida",
                        "mediumKashida", "highKashida"))
_OFF = frozenset(("0", "false", "off"))

# What zipfile raises for a damaged or unsupported archive.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError,
               NotImplementedError, zlib.error)
_MAX_PART = 256 * 1024 * 1024   # bytes of XML read from any one part
_MAX_TOTAL = 512 * 1024 * 1024  # and from all parts together (zip bombs)
_QUOTE_LEN = 40


# --- reading the package ----------------------------------------------------------------

class _Unreadable(Exception):
    """The file is not a .docx this module can read; the message says why."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(message)
        self.where = where


@dataclass(frozen=True)
class _Rel:
    type: str
    target: str
    external: bool


class _Package:
    """The parts of an OPC (zip) package, read with size limits and a safe XML parser."""

    def __init__(self, data: bytes):
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise _Unreadable(f"the file cannot be read as a zip package, so not as a .docx ({exc})") from None
        # OPC part names are case-insensitive.
        self._names = {info.filename.lower(): info for info in infos}
        self._budget = _MAX_TOTAL
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                       huge_tree=False, remove_comments=True, remove_pis=True)

    def xml(self, name: str) -> etree._Element | None:
        """The parsed part, or None when the package has no part of that name."""
        info = self._names.get(name.lower())
        if info is None:
            return None
        try:
            with self._zip.open(info) as stream:
                data = stream.read(min(_MAX_PART, self._budget) + 1)
        except _ZIP_ERRORS as exc:
            raise _Unreadable(f"{name} cannot be read from the zip package ({exc})", name) from None
        if len(data) > min(_MAX_PART, self._budget):
            raise _Unreadable(f"{name} is too large to check", name)
        self._budget -= len(data)
        try:
            return etree.fromstring(data, self._parser)
        except etree.XMLSyntaxError as exc:
            raise _Unreadable(f"{name} is not well-formed XML ({exc})", name) from None

    def rels(self, part: str) -> dict[str, _Rel]:
        """The relationships of ``part`` ("" for the package), by id."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        rels: dict[str, _Rel] = {}
        if root is None:
            return rels
        for rel in root.iterchildren(_q("pr:Relationship")):
            external = rel.get("TargetMode", "") == "External"
            target = rel.get("Target", "")
            if not external and target:
                target = (target.lstrip("/") if target.startswith("/")
                          else posixpath.normpath(posixpath.join(folder, target)))
            rels[rel.get("Id", "")] = _Rel(rel.get("Type", ""), target, external)
        return rels


#: A run's facts, read by the walk of its paragraph: the text of its own w:t children,
#: its w:rPr (only as its first child) and whether a w:hyperlink holds it.
_Run = tuple[str, "etree._Element | None", bool]

#: The runs of a paragraph that is one run of plain text, exactly its text (most of the
#: cells of a paper): thousands of paragraphs share this one list, where each would
#: otherwise keep a list and a tuple of its own. Compared by identity, never changed.
_ONE_PLAIN_RUN: list[_Run] = []


@dataclass(slots=True)  # thousands per document: slots make them cheaper to build
class _Para:
    el: etree._Element
    loc: str          # "paragraph 3" or "table 1 row 2 cell 1"
    text: str         # whitespace collapsed
    number: int       # N in "paragraph N"; 0 inside a table
    block: int        # index among the story's top-level blocks (paragraphs and tables)
    tc: etree._Element | None = None  # the (innermost) table cell it is in
    #: its w:pStyle, w:outlineLvl, w:shd, w:jc and w:numPr (see :func:`_ppr_facts`)
    facts: _PprFacts = field(default=_NO_FACTS, repr=False)
    #: its runs in order, read by the walk that reads its text; None when it holds a text
    #: box, whose runs are not in the paragraph's flow (the formatting pass sorts them out)
    runs: list[_Run] | None = field(default=None, repr=False)

    @property
    def top(self) -> bool:
        """Whether the paragraph is outside tables."""
        return self.number > 0


@dataclass(slots=True)  # thousands per document: slots make them cheaper to build
class _Table:
    el: etree._Element
    number: int
    parent: str | None  # the cell it is nested in, e.g. "table 1 row 2 cell 1"
    parent_tc: etree._Element | None = None  # and that cell's w:tc
    rows: list[etree._Element] = field(default_factory=list)         # w:tr
    cells: list[list[etree._Element]] = field(default_factory=list)  # w:tc, by row
    #: each cell's :func:`_cell_props`, by row as ``cells``
    props: list[list[_CellProps]] = field(default_factory=list)
    shaded: bool = False  # whether any of its cells has shading of its own
    #: its cells none of whose own paragraphs has text, as (row, cell, w:tc) from 1
    quiet: list[tuple[int, int, etree._Element]] = field(default_factory=list)


def _past_containers(el: etree._Element, start: etree._Element) -> etree._Element:
    """``el``, or when it is one of :data:`_CONTAINERS` (a content control and the like),
    its nearest ancestor that is not, going no higher than ``start``, an ancestor of
    ``el`` (so every element on the way has a parent)."""
    while el is not start and el.tag in _CONTAINERS:
        el = el.getparent()  # type: ignore[assignment]
    return el


class _Story:
    """A part that holds text: the main document, a header, a footer or the notes."""

    def __init__(self, name: str, root: etree._Element, rels: dict[str, _Rel], main: bool):
        self.name, self.root, self.rels, self.main = name, root, rels, main
        folder, base = posixpath.split(name)
        self.rels_name = posixpath.join(folder, "_rels", base + ".rels")
        for fallback in list(root.iter(MC_FALLBACK)):  # the same content again, for old readers
            parent = fallback.getparent()
            if parent is not None:
                parent.remove(fallback)
        self.paragraphs: list[_Para] = []
        self.tables: list[_Table] = []
        #: each table cell: its table, and its row and cell numbers (from 1)
        self._cell_at: dict[etree._Element, tuple[_Table, int, int]] | None = None  # see cell_at
        self._cell_paras: dict[etree._Element, list[_Para]] | None = None  # see cell_paras
        self._by_element: dict[etree._Element, _Para] | None = None  # see paragraph_of()
        self._merges: dict[etree._Element, tuple[int | None, str | None, bool]] = {}
        self._cell_shd: dict[etree._Element, etree._Element | None] = {}
        self._said: set[etree._Element] = set()  # the cells with a paragraph of text of their own
        self._scanned: dict[str, list[etree._Element]] | None = None  # see elements()
        self._cell_props = _all_cell_props(root)
        body = root.find(_q("w:body")) if main else root
        self._walk(body if body is not None else root)

    def _walk(self, start: etree._Element) -> None:
        """Read the story's paragraphs and tables, in document order, from ``start`` (the
        w:body, or the root of a header, footer or notes part).

        The blocks are paragraphs and tables that are children of ``start`` or of a table
        cell, and the rows and cells of those tables, looking through the elements that
        only wrap them (:data:`_CONTAINERS`). Rather than descend by hand (a Python loop
        over every child of every cell, row and table), one lxml search in C visits just
        the w:p, w:tbl, w:tr and w:tc elements, in document order, and each is kept when
        its parent (containers passed over) is a holder of that kind seen before it; a
        paragraph or table inside a text box has a parent that is not, and is left out.
        The search itself is cheap (a few milliseconds on a paper of 8,000 paragraphs);
        what a large paper costs is the Python work for each block kept and the reading
        of each paragraph, so that is what the loop keeps small.
        """
        tables, paragraphs = self.tables, self.paragraphs
        cell_props, said = self._cell_props, self._said
        # What the elements kept so far hold: ``holders`` the blocks of ``start`` and of
        # each cell (the cell's place and w:tc), ``tables`` rows, ``rows`` cells.
        holders: dict[etree._Element, tuple[str | None, etree._Element | None]] = {start: (None, None)}
        table_of: dict[etree._Element, _Table] = {}
        row_of: dict[etree._Element, tuple[_Table, int, list[etree._Element], list[_CellProps]]] = {}
        top = blocks = 0
        for el in start.iter(W_P, W_TBL, W_TR, W_TC):
            if el is start:
                continue
            # The parent is looked up as it is, and only when it is not a holder looked
            # through if a container: most parents are holders, and asking an element
            # for its tag makes a string each time (a good part of this loop's cost).
            parent: etree._Element = el.getparent()  # type: ignore[assignment]  # el is under start
            tag = el.tag
            if tag == W_P:
                holder = holders.get(parent) or holders.get(_past_containers(parent, start))
                if holder is None:
                    continue
                cell, tc = holder
                if cell is None:
                    top += 1
                    blocks += 1
                    number = top
                else:
                    number = 0
                text, runs, facts = _paragraph_read(el)
                para = _Para(el, cell or f"paragraph {number}", text, number, blocks, tc, facts, runs)
                paragraphs.append(para)
                if text and tc is not None:
                    said.add(tc)
            elif tag == W_TC:
                row = row_of.get(parent) or row_of.get(_past_containers(parent, start))
                if row is None:
                    continue
                table, r, cells, props = row
                cells.append(el)
                c = len(cells)
                found = cell_props.get(el, _NO_CELL_PROPS)
                props.append(found)
                if found[3] is not None:
                    table.shaded = True
                holders[el] = (f"table {table.number} row {r} cell {c}", el)
            elif tag == W_TR:
                holder_table = table_of.get(parent) or table_of.get(_past_containers(parent, start))
                if holder_table is None:
                    continue
                holder_table.rows.append(el)
                row_cells: list[etree._Element] = []
                row_props: list[_CellProps] = []
                holder_table.cells.append(row_cells)
                holder_table.props.append(row_props)
                row_of[el] = (holder_table, len(holder_table.rows), row_cells, row_props)
            else:  # W_TBL
                holder = holders.get(parent) or holders.get(_past_containers(parent, start))
                if holder is None:
                    continue
                cell, tc = holder
                if cell is None:
                    blocks += 1
                table = _Table(el, len(tables) + 1, cell, tc)
                tables.append(table)
                table_of[el] = table
        for table in tables:  # the cells none of whose own paragraphs has text
            for r, in_row in enumerate(table.cells, 1):
                for c, cell_el in enumerate(in_row, 1):
                    if cell_el not in said:
                        table.quiet.append((r, c, cell_el))

    @property
    def cell_at(self) -> dict[etree._Element, tuple[_Table, int, int]]:
        """Each table cell's table, and its row and cell numbers (from 1); made on the
        first question, as the formatting pass knows its cells table by table."""
        if self._cell_at is None:
            self._cell_at = {tc: (table, r, c) for table in self.tables
                             for r, row in enumerate(table.cells, 1) for c, tc in enumerate(row, 1)}
        return self._cell_at

    @property
    def cell_paras(self) -> dict[etree._Element, list[_Para]]:
        """Each table cell's own paragraphs (not those of a table nested in it), in order;
        made on the first question, as only some checks of some documents ask."""
        if self._cell_paras is None:
            self._cell_paras = {}
            for para in self.paragraphs:
                if para.tc is not None:
                    self._cell_paras.setdefault(para.tc, []).append(para)
        return self._cell_paras

    def elements(self, tag: str) -> list[etree._Element]:
        """The elements with ``tag``, one of :data:`_SCANNED`, in document order: found in
        one search of the part for all the checks that ask, as each search of a large
        part costs about the same however few elements it finds."""
        if self._scanned is None:
            self._scanned = {name: [] for name in _SCANNED}
            for el in self.root.iter(*_SCANNED):
                self._scanned[el.tag].append(el)
        return self._scanned[tag]

    def merge_of(self, tc: etree._Element) -> tuple[int | None, str | None, bool]:
        """A cell's w:gridSpan (None when not a number), w:vMerge value ('continue' when
        it has none) and whether it has w:hMerge; worked out once per cell."""
        found = self._merges.get(tc)
        if found is None:
            props = _cell_props(tc)
            found = self._merges[tc] = props[:3]
            self._cell_shd[tc] = props[3]
        return found

    def cell_shd(self, tc: etree._Element) -> etree._Element | None:
        """A cell's own w:shd (the first in its w:tcPr), read in the same pass as its merges."""
        if tc not in self._cell_shd:
            self.merge_of(tc)
        return self._cell_shd[tc]

    def cell_text(self, tc: etree._Element) -> str:
        """The text of a cell, the text of any table nested in it included."""
        own = [p.text for p in self.cell_paras.get(tc, ()) if p.text]
        if own or tc.find(f".//{W_TBL}") is None:
            return " ".join(own)
        return _cell_text(tc)

    def where(self, loc: str) -> str:
        return f"{self.name} {loc}"

    def label(self, loc: str) -> str:
        """A place for a message: ``paragraph 3``, or ``paragraph 1 of word/header1.xml``."""
        return loc if self.main else f"{loc} of {self.name}"

    def paragraph_of(self, el: etree._Element) -> _Para | None:
        """The paragraph (outside text boxes) that holds ``el``."""
        if self._by_element is None:  # few documents ask, so made on the first question
            self._by_element = {para.el: para for para in self.paragraphs}
        node = el.getparent()
        while node is not None:
            if node.tag == W_P and node in self._by_element:
                return self._by_element[node]
            node = node.getparent()
        return None

    def loc_of(self, el: etree._Element) -> str:
        para = self.paragraph_of(el)
        return para.loc if para is not None else "(outside any paragraph)"


_ABSENT = object()  # not in a cache (where None is a cached answer)


class _Styles:
    """styles.xml: the document defaults and each style, with basedOn inheritance."""

    def __init__(self, root: etree._Element | None):
        self.root = root
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self._levels: dict[str | None, int | None] = {}
        self._style_of: dict[etree._Element, str | None] = {}
        self._level_of: dict[etree._Element, int | None] = {}
        self._default_level: object = _ABSENT  # the level of a paragraph with no properties
        self._found: dict[tuple[str | None, str], tuple[etree._Element | None, str | None]] = {}
        if root is None:
            return
        for style in root.iterchildren(_q("w:style")):
            sid = style.get(_q("w:styleId"))
            if sid is None:
                continue
            self.by_id.setdefault(sid, style)
            if (style.get(_q("w:type")) == "paragraph" and self.default_paragraph is None
                    and _on_value(style.get(_q("w:default")), False)):
                self.default_paragraph = sid
        if self.default_paragraph is None and "Normal" in self.by_id:
            self.default_paragraph = "Normal"

    def default(self, path: str) -> etree._Element | None:
        """An element under w:docDefaults, e.g. ``w:rPrDefault/w:rPr/w:lang``."""
        key = (None, "w:docDefaults/" + path)
        if key not in self._found:
            self._found[key] = (None if self.root is None else self.root.find(_path(key[1])), None)
        return self._found[key][0]

    def chain(self, sid: str | None) -> Iterator[etree._Element]:
        """The style and the styles it is based on, nearest first (cycles are cut)."""
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                return
            yield style
            based = style.find(_q("w:basedOn"))
            sid = None if based is None else based.get(W_VAL)

    def name(self, sid: str) -> str:
        style = self.by_id.get(sid)
        name = None if style is None else style.find(_q("w:name"))
        return sid if name is None else name.get(W_VAL, sid)

    def style_of(self, p: etree._Element, facts: _PprFacts | None = None) -> str | None:
        """The paragraph's style id; the default paragraph style when it names none or a
        missing one (ISO/IEC 29500-1 17.7.4.17). ``facts`` are :meth:`facts` of ``p``
        when the caller has them (a :class:`_Para` does), saving a look-up."""
        if facts is None:
            facts = self.facts(p)
        if facts is _NO_FACTS:  # no paragraph properties, as most paragraphs of a paper
            return self.default_paragraph
        found = self._style_of.get(p, _ABSENT)
        if found is not _ABSENT:
            return found  # type: ignore[return-value]
        pstyle = facts[0]
        sid = None if pstyle is None else pstyle.get(W_VAL)
        found = self._style_of[p] = sid if sid in self.by_id else self.default_paragraph
        return found

    def level_of(self, p: etree._Element, facts: _PprFacts | None = None) -> int | None:
        """The heading level (1-9) of a paragraph, or None for body text; worked out once
        per paragraph (several checks ask), or once per style for the paragraphs with no
        properties of their own (most of a paper). ``facts`` as for :meth:`style_of`."""
        if facts is None:
            facts = self.facts(p)
        if facts is _NO_FACTS:
            if self._default_level is _ABSENT:
                self._default_level = self._level_of_style(self.default_paragraph)
            return self._default_level  # type: ignore[return-value]
        level = self._level_of.get(p, _ABSENT)
        if level is not _ABSENT:
            return level  # type: ignore[return-value]
        outline = facts[1]
        direct = None if outline is None else _outline_level(outline)
        if direct is not None:
            level = direct or None
        else:
            level = self._level_of_style(self.style_of(p, facts))
        self._level_of[p] = level
        return level

    def _level_of_style(self, sid: str | None) -> int | None:
        if sid not in self._levels:
            self._levels[sid] = self._style_level(sid)
        return self._levels[sid]

    def facts(self, p: etree._Element) -> _PprFacts:
        """The paragraph's own w:pStyle, w:outlineLvl, w:shd, w:jc and w:numPr (each the first
        in its w:pPr, or None): :func:`_ppr_facts`, for a caller without the :class:`_Para`,
        whose ``facts`` the walk of its story found."""
        return _ppr_facts(p)

    def _style_level(self, sid: str | None) -> int | None:
        for style in self.chain(sid):
            ppr = style.find(W_PPR)
            level = None if ppr is None else _outline_level(ppr.find(W_OUTLINE))
            if level is not None:
                return level or None
            name = style.find(_q("w:name"))
            match = (_HEADING_NAME.match(name.get(W_VAL, "")) if name is not None else None) \
                or _HEADING_ID.match(style.get(_q("w:styleId"), ""))
            if match:
                return int(match.group(1))
        return None

    def inherited(self, sid: str | None, path: str) -> tuple[etree._Element | None, str | None]:
        """The first element at ``path`` (e.g. ``w:pPr/w:jc``) along the style chain, and
        the id of the style that set it."""
        key = (sid, path)
        if key not in self._found:
            steps, self._found[key] = _path(path), (None, None)
            for style in self.chain(sid):
                found = style.find(steps)
                if found is not None:
                    self._found[key] = (found, style.get(_q("w:styleId")))
                    break
        return self._found[key]


@dataclass
class _Docx:
    core: etree._Element | None
    styles: _Styles
    styles_name: str
    main: _Story
    stories: list[_Story]  # the main document first, then headers, footers and notes
    theme: dict[str, str] | None = None  # theme colour name (dk1, accent1 ...) -> RRGGBB
    #: the main document's charts: (relationship id, part name, chart XML)
    charts: list[tuple[str, str, etree._Element]] = field(default_factory=list)
    #: what the checks that read formatting share, worked out once (see :func:`_formatting`)
    cache: dict[str, object] = field(default_factory=dict)


def _load(data: bytes) -> _Docx:
    package = _Package(data)
    top = package.rels("")
    main_name = _target(top, _DOC_REL + "officeDocument", "word/document.xml")
    core_name = _target(top, _PKG_REL + "metadata/core-properties", "docProps/core.xml")
    main_root = package.xml(main_name)
    if main_root is None:
        raise _Unreadable(f"the package has no main document ({main_name}), so it is not a .docx",
                          main_name)
    if main_root.tag != _q("w:document"):
        namespace = etree.QName(main_root).namespace or "no namespace"
        raise _Unreadable(f"{main_name} is not a WordprocessingML document in the transitional "
                          f"namespace (it uses {namespace}); save it as a Word Document (.docx), "
                          f"not Strict Open XML", main_name)
    rels = package.rels(main_name)
    styles_name = _target(rels, _DOC_REL + "styles", "word/styles.xml")
    stories = [_Story(main_name, main_root, rels, True)]
    kinds = tuple(_DOC_REL + k for k in ("header", "footer", "footnotes", "endnotes"))
    for name in sorted({r.target for r in rels.values() if r.type in kinds and not r.external}):
        root = package.xml(name)
        if root is not None:
            stories.append(_Story(name, root, package.rels(name), False))
    theme_name = _target(rels, _DOC_REL + "theme", "")
    theme = _theme_colours(package.xml(theme_name)) if theme_name else None
    charts = []
    for rid, rel in sorted(rels.items(), key=lambda item: item[1].target):
        if rel.type == _DOC_REL + "chart" and not rel.external:
            chart = package.xml(rel.target)
            if chart is not None:
                charts.append((rid, rel.target, chart))
    styles = _Styles(package.xml(styles_name))
    return _Docx(package.xml(core_name), styles, styles_name, stories[0], stories, theme, charts=charts)


def _theme_colours(root: etree._Element | None) -> dict[str, str] | None:
    """The theme's colour scheme (``a:clrScheme``) by name, as RRGGBB; None without one.

    A colour given in a form other than sRGB or a system colour's last value is left
    out, so text using it is not judged rather than judged on a guess.
    """
    if root is None:
        return None
    scheme = root.find(f"{_q('a:themeElements')}/{_q('a:clrScheme')}")
    if scheme is None:
        return None
    colours: dict[str, str] = {}
    for slot in scheme:
        if not isinstance(slot.tag, str):
            continue
        for value in slot:
            if value.tag == _q("a:srgbClr"):
                hexed = _hex(value.get("val"))
            elif value.tag == _q("a:sysClr"):
                hexed = _hex(value.get("lastClr"))
            else:
                continue
            if hexed:
                colours[etree.QName(slot).localname] = hexed
            break
    return colours


def _target(rels: dict[str, _Rel], rel_type: str, fallback: str) -> str:
    for rel in rels.values():
        if rel.type == rel_type and not rel.external and rel.target:
            return rel.target
    return fallback


# --- small helpers ----------------------------------------------------------------------

def _path(path: str) -> str:
    """An ElementPath in Clark notation for ``w:pPr/w:jc``."""
    return "/".join(_q(step) for step in path.split("/"))


def _props(el: etree._Element, tag: str) -> etree._Element | None:
    """An element's properties child (w:pPr of a w:p, w:rPr of a w:r, w:tcPr, w:trPr,
    w:tblPr), which the schema puts first: much faster than ``find`` on large documents."""
    try:
        first = el[0]
    except IndexError:
        return None
    return first if first.tag == tag else None


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child with ``tag``: ``el.find(tag)``, without the cost of ElementPath in a
    hot loop (property elements have a handful of children)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _ppr_facts(p: etree._Element) -> tuple[etree._Element | None, ...]:
    """A paragraph's w:pStyle, w:outlineLvl, w:shd, w:jc and w:numPr, each the first of its
    kind in the w:pPr (None when absent): one pass for what several checks ask."""
    ppr = _props(p, W_PPR)
    return _NO_FACTS if ppr is None else _ppr_facts_of(ppr)


def _ppr_facts_of(ppr: etree._Element) -> tuple[etree._Element | None, ...]:
    """:func:`_ppr_facts` from the paragraph's w:pPr."""
    found: list[etree._Element | None] = [None] * 5
    for child in ppr:
        i = _PPR_FACTS.get(child.tag)
        if i is not None and found[i] is None:
            found[i] = child
    # none of them is as good as no w:pPr, and lets the paragraph share the answers
    # worked out once for all such paragraphs (see _Styles.style_of, _Formatting._read)
    return _NO_FACTS if found == _NONE_FOUND else tuple(found)


_NONE_FOUND = [None] * 5


#: A cell's w:gridSpan (None when not a number), w:vMerge value ('continue' when it has
#: none), whether it has w:hMerge, and its own w:shd (the first in its w:tcPr)
_CellProps = tuple["int | None", "str | None", bool, "etree._Element | None"]


_NO_CELL_PROPS: _CellProps = (None, None, False, None)


def _all_cell_props(root: etree._Element) -> dict[etree._Element, _CellProps]:
    """:func:`_cell_props` of every cell under ``root`` that has any of those properties;
    any other cell has none. Found by lxml's search for the few property elements rather
    than by a look at every cell's w:tcPr (on a large paper, thousands of them): each
    element Python looks at costs far more than lxml passing it by."""
    found: dict[etree._Element, _CellProps] = {}
    for prop in root.iter(W_GRIDSPAN, W_VMERGE, W_HMERGE, W_SHD):
        tcpr = prop.getparent()
        if tcpr is None or tcpr.tag != W_TCPR:
            continue
        tc = tcpr.getparent()
        if tc is not None and tc.tag == W_TC and tc not in found and tc[0] is tcpr:
            found[tc] = _cell_props_of(tcpr)  # only where the schema puts it, first
    return found


def _cell_props(tc: etree._Element) -> _CellProps:
    """What the checks read from a cell's w:tcPr, in one pass (see :data:`_CellProps`)."""
    tcpr = _props(tc, W_TCPR)
    return _NO_CELL_PROPS if tcpr is None else _cell_props_of(tcpr)


def _cell_props_of(tcpr: etree._Element) -> _CellProps:
    """:func:`_cell_props` from the cell's w:tcPr."""
    span, vmerge, hmerge, shd = None, None, False, None
    for child in tcpr:
        tag = child.tag
        if tag == W_GRIDSPAN:
            span = _int(child.get(W_VAL))
        elif tag == W_VMERGE:
            vmerge = child.get(W_VAL) or "continue"
        elif tag == W_HMERGE:
            hmerge = True
        elif tag == W_SHD and shd is None:
            shd = child
    return (span, vmerge, hmerge, shd)


def _paragraph_text(p: etree._Element) -> str:
    """The paragraph's text with whitespace collapsed, leaving out any text box in it."""
    parts = []
    for n in p.iter():  # filtering here is faster than lxml's tag matching on small paragraphs
        tag = n.tag
        if tag == W_T:
            parts.append(n.text or "")
        elif tag in _BREAKS:
            parts.append(" ")
        elif tag == W_TXBX:  # rare, so the slow filter is fine
            nodes = [n for n in p.iter(W_T, W_TAB, W_BR, W_CR)
                     if not any(a.tag == W_TXBX for a in n.iterancestors())]
            parts = [(n.text or "") if n.tag == W_T else " " for n in nodes]
            break
    return " ".join("".join(parts).split())


class _HasTextBox(Exception):
    """Raised by :func:`_read_inline` on meeting a text box, whose text is not in the flow."""


def _paragraph_read(p: etree._Element
                    ) -> tuple[str, list[_Run] | None, tuple[etree._Element | None, ...]]:
    """:func:`_paragraph_text`, the facts of the paragraph's runs (see :data:`_Run`; None
    when it holds a text box) and :func:`_ppr_facts`, in the one pass over its elements."""
    # Most paragraphs of a paper (the cells of its tables) are one run of plain text,
    # w:p/w:r/w:t: reading those directly, without the general walk, costs a fifth less.
    if len(p) == 1:
        r = p[0]
        if r.tag == W_R and len(r) == 1:
            t = r[0]
            if t.tag == W_T and not len(t):
                text = t.text or ""
                collapsed = " ".join(text.split())
                return collapsed, _ONE_PLAIN_RUN if collapsed == text else [(text, None, False)], _NO_FACTS
    parts: list[str] = []
    runs: list[_Run] = []
    try:
        _, ppr = _read_inline(p, False, parts, runs, W_PPR)
    except _HasTextBox:
        return _paragraph_text(p), None, _ppr_facts(p)
    return " ".join("".join(parts).split()), runs, _NO_FACTS if ppr is None else _ppr_facts_of(ppr)


def _read_inline(el: etree._Element, link: bool, parts: list[str], runs: list[_Run],
                 props_tag: str = W_RPR) -> tuple[list[str], etree._Element | None]:
    """Gather the text under ``el`` into ``parts`` and the runs under it into ``runs``, in
    document order (as ``el.iter()`` meets them); ``link`` says whether ``el`` is a
    w:hyperlink. Returns the text of ``el``'s own w:t children and its first child when
    that has ``props_tag`` (w:rPr of a run, w:pPr of a paragraph: the schema puts
    properties first, and elsewhere they do not count).

    It descends by hand rather than with ``el.iter()`` so that it meets each run's
    children knowing whose they are: the formatting pass then needs no second look at
    the runs, which on a large paper cost as much as this walk.
    """
    own: list[str] = []
    rpr = None
    first = True
    for child in el:
        tag = child.tag
        if tag == W_T:
            text = child.text or ""
            parts.append(text)
            own.append(text)
        elif tag in _BREAKS:
            parts.append(" ")
        elif tag == W_TXBX:
            raise _HasTextBox
        elif first and tag == props_tag:
            rpr = child
        if tag == W_R:
            at = len(runs)
            runs.append(None)  # type: ignore[arg-type]  # its place, before the runs nested in it
            texts, props = _read_inline(child, False, parts, runs) if len(child) else ([], None)
            runs[at] = ("".join(texts), props, link)
        elif len(child):
            _read_inline(child, tag == W_HYPERLINK, parts, runs)
        first = False
    return own, rpr


def _flow_runs(p: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph that holds a text box, leaving out those in the box."""
    boxed = False
    for r in p.iter(W_R, W_TXBX):
        if r.tag == W_TXBX:
            boxed = True
        elif not boxed or not any(a.tag == W_TXBX for a in r.iterancestors()):
            yield r


def _run_facts(r: etree._Element) -> _Run:
    """A run's facts (see :data:`_Run`) read from the run itself, for the runs of a
    paragraph that holds a text box."""
    rpr = None
    pieces = []
    for child in r:
        tag = child.tag
        if tag == W_T:
            pieces.append(child.text or "")
        elif tag == W_RPR and rpr is None and not pieces:
            rpr = child
    if rpr is not None and r[0] is not rpr:
        rpr = None  # properties count only where the schema puts them, first
    parent = r.getparent()
    return ("".join(pieces), rpr, parent is not None and parent.tag == W_HYPERLINK)


def _cell_text(tc: etree._Element) -> str:
    return " ".join(filter(None, (_paragraph_text(p) for p in tc.iter(W_P))))


def _text(el: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in el.iter(W_T)).split())


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTE_LEN:
        text = text[:_QUOTE_LEN].rstrip() + "…"
    return f"'{text}'"


def _on_value(value: str | None, absent: bool = True) -> bool:
    """An ST_OnOff attribute value: missing means ``absent``; 0/false/off mean off."""
    if value is None:
        return absent
    return value.strip().lower() not in _OFF


def _on(el: etree._Element | None) -> bool:
    """Whether an on/off element such as ``w:tblHeader`` is present and on."""
    return el is not None and _on_value(el.get(W_VAL))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _outline_level(el: etree._Element | None) -> int | None:
    """A w:outlineLvl as a heading level: 0-8 give 1-9, 9 (body text) gives 0."""
    value = None if el is None else _int(el.get(W_VAL))
    if value is None or not 0 <= value <= 9:
        return None
    return value + 1 if value < 9 else 0


def _problem(code: str, message: str, where: str = "") -> Problem:
    return Problem(code, CODES[code].severity, message, where)


# --- colours ----------------------------------------------------------------------------

AUTO = "auto"        # a text colour Word chooses: black on light backgrounds, white on dark
_UNKNOWN = "?"       # a background that cannot be worked out without guessing
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
W_COLOR, W_SZ, W_B = _q("w:color"), _q("w:sz"), _q("w:b")
W_HIGHLIGHT, W_VANISH = _q("w:highlight"), _q("w:vanish")
W_TBLPR, W_TBLSTYLE, W_TBLLOOK = _q("w:tblPr"), _q("w:tblStyle"), _q("w:tblLook")
W_TBLSTYLEPR, W_TYPE = _q("w:tblStylePr"), _q("w:type")
# w:tblLook's flags, in the order of _Formatting.table_info's look
_LOOK_NAMES = tuple(_q(f"w:{n}") for n in ("firstRow", "lastRow", "firstColumn", "lastColumn", "noHBand",
                                             "noVBand"))
_RUN_PROPS = frozenset((W_COLOR, W_SZ, W_B, W_SHD, W_HIGHLIGHT, W_VANISH))
_PPR_SHD, _TCPR_SHD, _TBLPR_SHD = (f"{W_PPR}/{W_SHD}", f"{W_TCPR}/{W_SHD}", f"{W_TBLPR}/{W_SHD}")
_INSTR = re.compile(r"\bPAGE\b", re.IGNORECASE)

# w:themeColor values -> the slot in the theme's a:clrScheme (the default w:clrSchemeMapping).
_THEME_SLOTS = {
    "dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2",
    "text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
    "accent5": "accent5", "accent6": "accent6", "hyperlink": "hlink", "followedHyperlink": "folHlink",
}
# w:highlight values (ST_HighlightColor).
_HIGHLIGHTS = {
    "black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF",
    "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080",
    "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
    "darkGray": "808080", "lightGray": "C0C0C0",
}
# Where a colour or size comes from: formatting on the text, paragraph, cell or table
# itself ("direct"), or a style, the document defaults or the page.
_DIRECT = frozenset(("run", "highlight", "paragraph", "cell", "table"))
_Source = tuple[str, str | None]
_DIRECT_RUN: _Source = ("run", None)
_NOTHING: tuple[None, _Source] = (None, ("defaults", None))
_UNSEEN: tuple = ()  # a look not yet worked out (a worked-out look is a 7-tuple or None)


def _hex(value: str | None) -> str | None:
    """An RRGGBB value in capitals, or None for anything else ('auto', a name, garbage)."""
    return value.upper() if value and _HEX.match(value) else None


_LUMINANCE: dict[str, float] = {}


def _luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of an RRGGBB colour."""
    value = _LUMINANCE.get(colour)
    if value is None:
        channels = []
        for i in (0, 2, 4):
            c = int(colour[i:i + 2], 16) / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        value = _LUMINANCE[colour] = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return value


def _contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two RRGGBB colours, from 1 to 21."""
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


# The luminance at which black and white contrast equally: (L + 0.05)/0.05 = 1.05/(L + 0.05).
_MID_GREY = math.sqrt(1.05 * 0.05) - 0.05


def _auto_on(background: str) -> str:
    """The colour of 'auto' text: black, or white where white contrasts more."""
    return "000000" if _luminance(background) >= _MID_GREY else "FFFFFF"


def _ratio(value: float) -> str:
    """A contrast ratio for a message, rounded down so that a failing one never reads as the
    threshold: 4.49 is '4.4', 2.85 is '2.8'."""
    return f"{math.floor(value * 10) / 10:g}"


def _tinted(colour: str, tint: str | None, shade: str | None) -> str | None:
    """A theme colour with w:themeTint / w:themeShade applied as Word does (MS-OI29500
    2.1.72): the luminance in HSL, L * shade, or L * tint + (1 - tint)."""
    try:
        tint_value = None if tint is None else int(tint, 16) / 255
        shade_value = None if shade is None else int(shade, 16) / 255
    except ValueError:
        return None
    if (tint_value is not None and not 0 <= tint_value <= 1) or \
            (shade_value is not None and not 0 <= shade_value <= 1):
        return None
    if tint_value is None and shade_value is None:
        return colour
    h, lum, s = colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    if shade_value is not None:
        lum *= shade_value
    if tint_value is not None:
        lum = lum * tint_value + (1 - tint_value)
    return "".join(f"{min(255, max(0, round(c * 255))):02X}" for c in colorsys.hls_to_rgb(h, lum, s))


def _mix(front: str, back: str, share: float) -> str:
    return "".join(f"{round(int(front[i:i + 2], 16) * share + int(back[i:i + 2], 16) * (1 - share)):02X}"
                   for i in (0, 2, 4))


@dataclass(slots=True)  # thousands per document: slots make them cheaper to build
class _Text:
    """A run of visible text with the formatting Word shows it in."""

    story: _Story
    para: _Para
    text: str
    size: int | None        # half-points (24 is 12pt); None when the value is not a number
    size_from: _Source
    bold: bool
    colour: str | None      # RRGGBB or AUTO; None when it cannot be known (a theme colour, no theme)
    colour_from: _Source
    fill: str | None        # the background, RRGGBB; None when it cannot be known
    fill_from: _Source
    link: bool = False      # in a hyperlink (whose colour is a link's, not a meaning)

    @property
    def place(self) -> str:
        return f"{self.story.label(self.para.loc)} {_quote(self.para.text)}"


#: What the reading of a paragraph's text needs to know of where it is: its paragraph
#: style, table-style key (:meth:`_Formatting.table_of`), background, a small number for
#: the three together (cheap to hash in each run's key) and the set of its table's text
#: colours, or None outside tables (see :attr:`_Formatting.table_colours`).
_ParaContext = tuple["str | None", "tuple | None", "tuple[str | None, _Source]", int,
                     "set[tuple[str | None, str | None]] | None"]


class _CellContext:
    """A table cell's table-style key, background and the set of its table's text colours
    (see :meth:`_Formatting._cell_contexts`). The cells of a table with the same key and
    no shading of their own share one, so that ``plain``, the :data:`_ParaContext` of a
    paragraph in them with no properties of its own (the cells of a paper's tables are
    almost all such paragraphs), is worked out once for them all."""

    __slots__ = ("key", "fill", "colours", "plain")

    def __init__(self, key: tuple | None, fill: tuple[str | None, _Source],
                 colours: set[tuple[str | None, str | None]]):
        self.key, self.fill, self.colours = key, fill, colours
        self.plain: _ParaContext | None = None


class _Formatting:
    """The text of every story with its size, weight, colour and background, resolved
    through direct formatting, character and paragraph styles (with basedOn), table
    styles (with their conditional formatting) and the document defaults, in the order of
    ISO/IEC 29500-1 17.7.2. Worked out once per document, for the checks that need it."""

    def __init__(self, doc: _Docx):
        self.styles, self.theme = doc.styles, doc.theme
        self.page = "FFFFFF"
        background = doc.main.root.find(_q("w:background"))
        if background is not None:
            colour = self.colour(background, "w:color", "w:themeColor", "w:themeTint", "w:themeShade")
            if colour not in (None, AUTO):
                self.page = colour
        self._style_props: dict[tuple, dict[str, tuple[etree._Element, _Source]]] = {}
        self._para_fill: dict[tuple, tuple[str | None, _Source] | None] = {}
        self._cell_fill: dict[etree._Element, tuple[str | None, _Source]] = {}
        #: each table cell's context (see _cell_contexts), whose fill cell_fill answers
        self._cells: dict[etree._Element, _CellContext] = {}
        self._table_fills: dict[tuple, tuple[str | None, _Source] | None] = {}
        self._table_of: dict[etree._Element, tuple | None] = {}
        self._looks: dict[tuple, tuple | None] = {}
        self._shapes: dict[tuple, tuple] = {}
        # each table_info seen, as a small number: cheaper to hash in each cell's shape
        self._info_ids: dict[tuple, int] = {}
        self._contexts: dict[tuple, int] = {}
        self._style_fills: dict[tuple, tuple[str | None, _Source] | None] = {}
        self._tables: dict[etree._Element, tuple] = {}
        self._layers: dict[tuple, list[tuple[etree._Element, str]]] = {}
        self._conditional: dict[str, dict[str, etree._Element]] = {}
        self.texts: list[_Text] = []
        self._by_para: dict[etree._Element, list[_Text]] | None = None  # see by_para
        #: the (colour, background) of the text in each table's own cells, links left out
        self.table_colours: dict[etree._Element, set[tuple[str | None, str | None]]] = {}
        size = self.props(self.styles.default_paragraph, None, None).get(W_SZ)
        self.body_size = (_int(size[0].get(W_VAL)) if size else None) or 20
        self._page_fill: tuple[str | None, _Source] = (self.page, ("page", None))
        # the context of a paragraph outside tables with no properties of its own
        self._plain_top: _ParaContext | None = None
        for story in doc.stories:
            cells = self._cell_contexts(story)
            for para in story.paragraphs:
                self._read(story, para, cells)

    # -- colours -------------------------------------------------------------------------

    def colour(self, el: etree._Element, val: str, theme: str, tint: str, shade: str) -> str | None:
        """A colour from an element's attributes: RRGGBB, AUTO, or None when unknown."""
        slot = el.get(_q(theme))
        if slot and slot != "none":
            base = (self.theme or {}).get(_THEME_SLOTS.get(slot, ""))
            return None if base is None else _tinted(base, el.get(_q(tint)), el.get(_q(shade)))
        value = el.get(_q(val))
        if value is None or value == AUTO:
            return AUTO
        return _hex(value)

    def shading(self, shd: etree._Element) -> str | None:
        """What a w:shd paints: RRGGBB, None when it is see-through, or _UNKNOWN."""
        pattern = shd.get(W_VAL) or "clear"
        if pattern == "nil":
            return None
        fill = self.colour(shd, "w:fill", "w:themeFill", "w:themeFillTint", "w:themeFillShade")
        if pattern == "clear":
            return None if fill == AUTO else fill or _UNKNOWN
        front = self.colour(shd, "w:color", "w:themeColor", "w:themeTint", "w:themeShade")
        front = "000000" if front == AUTO else front
        if front is None or fill is None:
            return _UNKNOWN
        if pattern == "solid":
            return front
        share = _int(pattern[3:]) if pattern.startswith("pct") else None
        if share is None or not 0 <= share <= 100:
            return _UNKNOWN  # stripes and crosses: no one colour
        return _mix(front, "FFFFFF" if fill == AUTO else fill, share / 100)

    # -- styles --------------------------------------------------------------------------

    def props(self, pstyle: str | None, rstyle: str | None, table: tuple | None
              ) -> dict[str, tuple[etree._Element, _Source]]:
        """The run properties styles give: character style, paragraph style, table style,
        document defaults, nearest first; each with where it came from."""
        key = (pstyle, rstyle, table)
        found = self._style_props.get(key)
        if found is not None:
            return found
        found = {}
        layers: list[tuple[etree._Element | None, _Source]] = []
        styles = self.styles
        for sid in (rstyle, pstyle):
            for style in styles.chain(sid):  # named by the style that sets the property
                layers.append((style.find(W_RPR), ("style", style.get(_q("w:styleId")))))
        for container, sid in self.layers(table):
            layers.append((container.find(W_RPR), ("table style", sid)))
        layers.append((styles.default("w:rPrDefault/w:rPr"), ("defaults", None)))
        for rpr, source in layers:
            if rpr is None:
                continue
            for child in rpr:
                if child.tag in _RUN_PROPS and child.tag not in found:
                    found[child.tag] = (child, source)
        self._style_props[key] = found
        return found

    def layers(self, table: tuple | None) -> list[tuple[etree._Element, str]]:
        """A table style's containers of formatting that apply to a cell, most specific
        first: corner cells, first and last row and column, banded rows and columns, the
        whole table; each along the style's basedOn chain. ``table`` is (style id,
        condition names)."""
        if table is None:
            return []
        found = self._layers.get(table)
        if found is None:
            sid, conditions = table
            found = []
            chain = list(self.styles.chain(sid))
            for condition in conditions:
                for style in chain:
                    style_id = style.get(_q("w:styleId")) or ""
                    conditional = self._conditional.get(style_id)
                    if conditional is None:
                        conditional = self._conditional[style_id] = {
                            el.get(W_TYPE, ""): el for el in style.iterchildren(W_TBLSTYLEPR)}
                    if condition in conditional:
                        found.append((conditional[condition], style_id))
                    if condition == "wholeTable":
                        found.append((style, style_id))
            self._layers[table] = found
        return found

    def _cell_contexts(self, story: _Story) -> dict[etree._Element, _CellContext]:
        """Each table cell's table-style key (:meth:`table_of`), background
        (:meth:`cell_fill`) and the set its table's text colours go in
        (:attr:`table_colours`), worked out table by table: the same answers as those
        methods, without asking them once per cell (a large paper has thousands of cells).
        A table comes after the table it is nested in, so the enclosing cell's is known
        first."""
        found = self._cells
        shapes = self._shapes
        for table in story.tables:
            info = self.table_info(table)
            style = None if info[0] is None else self._info_ids.setdefault(info, len(self._info_ids))
            rows = len(table.rows)
            colours = self.table_colours.setdefault(table.el, set())
            shared: dict[tuple | None, _CellContext] = {}  # the cells with no shading, by key
            # and by their places (see _places), a cheaper look-up than by key
            by_place: dict[tuple[int, int], _CellContext] = {}
            outer = None
            # each row's place and, by the number of cells in a row, each cell's
            places: dict[int, list[int]] = {}
            row_places = _places(info, True, rows) if style is not None else [0] * rows
            for r, (row, props) in enumerate(zip(table.cells, table.props, strict=True), 1):
                cols = len(row)
                across = row_places[r - 1]
                down = (places.get(cols) or places.setdefault(cols, _places(info, False, cols))
                        if style is not None else [0] * cols)
                for c, (tc, (_, _, _, shd)) in enumerate(zip(row, props, strict=True), 1):
                    colour = None if shd is None else self.shading(shd)
                    if colour is None:
                        place = (across, down[c - 1])
                        context = by_place.get(place)
                        if context is not None:
                            found[tc] = context
                            continue
                    key = None
                    if style is not None:
                        shape = (style, across, down[c - 1])
                        key = shapes.get(shape)
                        if key is None:
                            key = shapes[shape] = self._condition_names(info, r, c, rows, cols)
                    if colour is not None:
                        context = _CellContext(key, (None if colour == _UNKNOWN else colour, ("cell", None)),
                                               colours)
                    else:
                        context = shared.get(key)
                        if context is None:
                            fill = self._table_fill(table, key)
                            if fill is None:
                                if outer is None:
                                    outer = self.cell_fill(story, table.parent_tc)
                                fill = outer
                            context = shared[key] = _CellContext(key, fill, colours)
                        by_place[place] = context
                    found[tc] = context
        return found

    def table_of(self, story: _Story, tc: etree._Element) -> tuple | None:
        """(table style id, the conditional formats that apply to this cell), or None."""
        if tc in self._table_of:
            return self._table_of[tc]
        found = self._table_of[tc] = self._conditions(story, tc)
        return found

    def _conditions(self, story: _Story, tc: etree._Element) -> tuple | None:
        at = story.cell_at.get(tc)
        if at is None:
            return None
        table, r, c = at
        info = self.table_info(table)
        if info[0] is None:
            return None
        rows, cols = len(table.rows), len(table.cells[r - 1])
        # cells in the same place in tables of the same style share the answer
        key = (self._info_ids.setdefault(info, len(self._info_ids)), _places(info, True, rows)[r - 1],
               _places(info, False, cols)[c - 1])
        found = self._shapes.get(key)
        if found is None:
            found = self._shapes[key] = self._condition_names(info, r, c, rows, cols)
        return found

    @staticmethod
    def _condition_names(info: tuple, r: int, c: int, rows: int, cols: int) -> tuple:
        """(table style id, the names of the conditional formats, most specific first) for
        the cell in row ``r`` of ``rows`` and column ``c`` of ``cols``. It depends on the
        row and column only through their places (:func:`_places`)."""
        sid, look, row_band, col_band = info
        first_row, last_row, first_col, last_col, no_hband, no_vband = look
        top, bottom = first_row and r == 1, last_row and r == rows
        left, right = first_col and c == 1, last_col and c == cols
        names = []
        for corner, on in (("nwCell", top and left), ("neCell", top and right),
                           ("swCell", bottom and left), ("seCell", bottom and right)):
            if on:
                names.append(corner)
        names += [n for n, on in (("firstRow", top), ("lastRow", bottom), ("firstCol", left),
                                  ("lastCol", right)) if on]
        if not no_hband and not (top or bottom):
            band = (r - 1 - (1 if first_row else 0)) // row_band
            names.append("band2Horz" if band % 2 else "band1Horz")
        if not no_vband and not (left or right):
            band = (c - 1 - (1 if first_col else 0)) // col_band
            names.append("band2Vert" if band % 2 else "band1Vert")
        names.append("wholeTable")
        return (sid, tuple(names))

    def table_info(self, table: _Table) -> tuple:
        """(table style id or None, the six w:tblLook flags, row band size, column band size)."""
        info = self._tables.get(table.el)
        if info is None:
            info = self._tables[table.el] = self._read_table(table)
        return info

    def _read_table(self, table: _Table) -> tuple:
        # _child, not find: the same first match without ElementPath (a paper has hundreds of tables)
        tblpr = _child(table.el, W_TBLPR)
        style = None if tblpr is None else _child(tblpr, W_TBLSTYLE)
        sid = None if style is None else style.get(W_VAL)
        if sid not in self.styles.by_id:
            sid = None
        look_el = None if tblpr is None else _child(tblpr, W_TBLLOOK)
        look: tuple[bool, ...] = (False,) * 6
        if look_el is not None:
            values = [look_el.get(name) for name in _LOOK_NAMES]
            if any(v is not None for v in values):
                look = tuple(_on_value(v, False) for v in values)
            else:  # the older bit mask, w:val="04A0"
                try:
                    bits = int(look_el.get(W_VAL) or "0", 16)
                except ValueError:
                    bits = 0
                look = tuple(bool(bits & b) for b in (0x20, 0x40, 0x80, 0x100, 0x200, 0x400))
        bands = []
        for name in ("w:tblStyleRowBandSize", "w:tblStyleColBandSize"):
            size, _ = self.styles.inherited(sid, f"w:tblPr/{name}") if sid else (None, None)
            value = None if size is None else _int(size.get(W_VAL))
            bands.append(value if value and value > 0 else 1)
        return (sid, look, bands[0], bands[1])

    # -- backgrounds ---------------------------------------------------------------------

    def cell_fill(self, story: _Story, tc: etree._Element | None) -> tuple[str | None, _Source]:
        """What a cell shows behind its paragraphs: its shading, its table's, an enclosing
        cell's, or the page."""
        if tc is None:
            return self.page, ("page", None)
        context = self._cells.get(tc)
        if context is not None:
            return context.fill
        found = self._cell_fill.get(tc)
        if found is not None:
            return found
        shd = story.cell_shd(tc)
        colour = None if shd is None else self.shading(shd)
        if colour is not None:
            found = (None if colour == _UNKNOWN else colour, ("cell", None))
        else:
            at = story.cell_at.get(tc)
            found = None if at is None else self._table_fill(at[0], self.table_of(story, tc))
            if found is None:
                # the walk knows the cell a table is nested in, which is the nearest w:tc above
                outer = next(tc.iterancestors(W_TC), None) if at is None else at[0].parent_tc
                found = self.cell_fill(story, outer)
        self._cell_fill[tc] = found
        return found

    def _table_fill(self, table: _Table, key: tuple | None) -> tuple[str | None, _Source] | None:
        """A cell's shading from the table style's conditional formatting or the table: the
        cell shading the style gives, else the table's own shading, else the table
        shading the style gives."""
        cache_key = (table.el, key)
        if cache_key in self._table_fills:
            return self._table_fills[cache_key]
        found = self._style_fill(key, _TCPR_SHD)
        if found is None:
            tblpr = _child(table.el, W_TBLPR)
            shd = None if tblpr is None else _child(tblpr, W_SHD)
            colour = None if shd is None else self.shading(shd)
            if colour is not None:
                found = (None if colour == _UNKNOWN else colour, ("table", None))
            else:
                found = self._style_fill(key, _TBLPR_SHD)
        self._table_fills[cache_key] = found
        return found

    def _style_fill(self, key: tuple | None, path: str) -> tuple[str | None, _Source] | None:
        """The first shading at ``path`` among a table style's layers for a cell; the same
        for every table of that style and shape, so worked out once."""
        cache_key = (key, path)
        if cache_key in self._style_fills:
            return self._style_fills[cache_key]
        found = None
        for container, sid in self.layers(key):
            shd = container.find(path)
            colour = None if shd is None else self.shading(shd)
            if colour is not None:
                found = (None if colour == _UNKNOWN else colour, ("table style", sid))
                break
        self._style_fills[cache_key] = found
        return found

    def para_fill(self, p: etree._Element, pstyle: str | None, table: tuple | None,
                  facts: _PprFacts | None = None) -> tuple[str | None, _Source] | None:
        """The paragraph's shading (direct, style or table style), or None when it has none;
        ``facts`` as for :meth:`_Styles.style_of`."""
        shd = (self.styles.facts(p) if facts is None else facts)[2]
        if shd is not None:
            colour = self.shading(shd)
            if colour is not None:
                return (None if colour == _UNKNOWN else colour, ("paragraph", None))
        key = (pstyle, table)
        if key not in self._para_fill:
            found = None
            layers = [(s, ("style", s.get(_q("w:styleId")))) for s in self.styles.chain(pstyle)]
            layers += [(c, ("table style", sid)) for c, sid in self.layers(table)]
            for container, source in layers:
                shd = container.find(_PPR_SHD)
                colour = None if shd is None else self.shading(shd)
                if colour is not None:
                    found = (None if colour == _UNKNOWN else colour, source)
                    break
            self._para_fill[key] = found
        return self._para_fill[key]

    # -- the text ------------------------------------------------------------------------

    def _read(self, story: _Story, para: _Para, cells: dict[etree._Element, _CellContext]) -> None:
        """Add the formatted texts of a paragraph to :attr:`texts`; ``cells`` is
        :meth:`_cell_contexts` of its story."""
        p = para.el
        cell = None if para.tc is None else cells[para.tc]
        if para.facts is not _NO_FACTS:
            pstyle, table, base, context, in_table = self._context(para, cell)
        elif cell is None:  # most paragraphs outside tables: one context for them all
            if self._plain_top is None:
                self._plain_top = self._context(para, None)
            pstyle, table, base, context, in_table = self._plain_top
        else:  # most paragraphs in cells: one context for each cell context
            if cell.plain is None:
                cell.plain = self._context(para, cell)
            pstyle, table, base, context, in_table = cell.plain
        texts = self.texts
        by_id = self.styles.by_id
        looks = self._looks
        runs = para.runs
        if runs is _ONE_PLAIN_RUN:  # one run of plain text: no signature to work out
            if para.text:
                plain: tuple = (context, None, ())
                look = looks.get(plain, _UNSEEN)
                if look is _UNSEEN:
                    look = looks[plain] = self._look(self.props(pstyle, None, table), base)
                if look is not None:
                    texts.append(_Text(story, para, para.text, *look, False))  # type: ignore[call-arg]
                    if in_table is not None:
                        in_table.add((look[3], look[5]))
            runs = _ONE_PLAIN_RUN  # nothing more to read
        elif runs is None:  # a text box: its runs are not in the paragraph's flow
            runs = [_run_facts(r) for r in _flow_runs(p)]
        for text, rpr, link in runs:
            if not text or text.isspace():
                continue
            rstyle = None
            # The run's own formatting as a signature (tag and attributes of each property
            # in order), so that runs formatted alike share one resolved look.
            direct: tuple = ()
            if rpr is not None:
                signature = []
                for child in rpr:
                    tag = child.tag
                    if tag in _RUN_PROPS:
                        signature.append((tag, tuple(child.items())))
                    elif tag == W_RSTYLE:
                        rstyle = child.get(W_VAL)
                if rstyle not in by_id:
                    rstyle = None
                direct = tuple(signature)
            key = (context, rstyle, direct)
            look = looks.get(key, _UNSEEN)
            if look is _UNSEEN:
                props = self.props(pstyle, rstyle, table)
                if direct and rpr is not None:
                    props = {**props, **{child.tag: (child, _DIRECT_RUN) for child in rpr
                                         if child.tag in _RUN_PROPS}}
                look = looks[key] = self._look(props, base)
            if look is not None:
                texts.append(_Text(story, para, text, *look, link))  # type: ignore[call-arg]
                if in_table is not None and not link:
                    in_table.add((look[3], look[5]))

    @property
    def by_para(self) -> dict[etree._Element, list[_Text]]:
        """The texts of each paragraph that has any, in order: made on the first question,
        as only checks that warn ask (the renderer runs only those that can give errors)."""
        if self._by_para is None:
            self._by_para = {}
            for text in self.texts:
                self._by_para.setdefault(text.para.el, []).append(text)
        return self._by_para

    def _context(self, para: _Para, cell: _CellContext | None) -> _ParaContext:
        """The :data:`_ParaContext` of a paragraph, in ``cell`` or outside tables."""
        p, facts = para.el, para.facts
        pstyle = self.styles.style_of(p, facts)
        if cell is None:
            table, fill, in_table = None, self._page_fill, None
        else:
            table, fill, in_table = cell.key, cell.fill, cell.colours
        base = self.para_fill(p, pstyle, table, facts) or fill
        context = self._contexts.setdefault((pstyle, table, base), len(self._contexts))
        return (pstyle, table, base, context, in_table)

    def _look(self, props: dict[str, tuple[etree._Element, _Source]], base: tuple[str | None, _Source]
              ) -> tuple | None:
        """Size, bold, colour and background from the run properties that apply (None
        for hidden text)."""
        hidden = props.get(W_VANISH)
        if hidden is not None and _on(hidden[0]):
            return None
        sz, size_from = props.get(W_SZ, _NOTHING)
        size = 20 if sz is None else _int(sz.get(W_VAL))
        bold = props.get(W_B, _NOTHING)[0]
        color, colour_from = props.get(W_COLOR, _NOTHING)
        colour = AUTO if color is None else self.colour(color, "w:val", "w:themeColor", "w:themeTint",
                                                        "w:themeShade")
        fill, fill_from = base
        shd, shd_from = props.get(W_SHD, _NOTHING)
        if shd is not None:
            painted = self.shading(shd)
            if painted is not None:
                fill, fill_from = (None if painted == _UNKNOWN else painted), shd_from
        mark, mark_from = props.get(W_HIGHLIGHT, _NOTHING)
        if mark is not None and mark.get(W_VAL, "none") != "none":
            fill = _HIGHLIGHTS.get(mark.get(W_VAL, ""))
            fill_from = ("highlight", None) if mark_from == _DIRECT_RUN else mark_from
        return (size, size_from, _on(bold), colour, colour_from, fill, fill_from)


@functools.lru_cache(maxsize=1024)
def _places(info: tuple, rows: bool, count: int) -> list[int]:
    """Where each of ``count`` rows (or columns) of a table with :meth:`_Formatting.table_info`
    ``info`` is, as far as its table style's conditional formatting goes: 1 for the first
    row (column) when the table uses that format, 2 for the last, 3 for both, 4 and 8
    for an odd and an even band when banding applies, 0 when none of these does. Two
    cells with the same places in tables of the same style take the same formats, which
    saves working the names out for each shape of table. Read-only: the lists are shared."""
    _, look, row_band, col_band = info
    first, last, no_band = (look[0], look[1], look[4]) if rows else (look[2], look[3], look[5])
    size = row_band if rows else col_band
    found = []
    for i in range(1, count + 1):
        place = (1 if first and i == 1 else 0) | (2 if last and i == count else 0)
        if not place and not no_band:  # the same sums as _condition_names
            place = 8 if (i - 1 - (1 if first else 0)) // size % 2 else 4
        found.append(place)
    return found


def _formatting(doc: _Docx) -> _Formatting:
    found = doc.cache.get("formatting")
    if not isinstance(found, _Formatting):
        found = doc.cache["formatting"] = _Formatting(doc)
    return found


def _style_label(styles: _Styles, source: _Source) -> str:
    kind, sid = source
    if kind == "defaults":
        return "the document defaults"
    return f"{kind} {_quote(styles.name(sid or ''))}"


def _style_where(doc: _Docx, source: _Source) -> str:
    kind, sid = source
    return f"{doc.styles_name} w:docDefaults" if kind == "defaults" else f"{doc.styles_name} style {sid}"


def _paragraphs_of(texts: list[_Text]) -> list[_Text]:
    """The first text of each paragraph, in order."""
    seen: set[int] = set()
    firsts = []
    for text in texts:
        if id(text.para) not in seen:
            seen.add(id(text.para))
            firsts.append(text)
    return firsts


# --- the checks -------------------------------------------------------------------------

_CheckFn = Callable[[_Docx], Iterable[Problem]]
_RUN: list[tuple[str, Severity, _CheckFn]] = []  # first code, most serious code's severity, check

# The WCAG 2.2 success criteria the checks serve: number -> (name, W3C "Understanding" page).
_WCAG = {
    "1.1.1": ("Non-text Content", "non-text-content"),
    "1.3.1": ("Info and Relationships", "info-and-relationships"),
    "1.3.2": ("Meaningful Sequence", "meaningful-sequence"),
    "1.4.1": ("Use of Color", "use-of-color"),
    "1.4.3": ("Contrast (Minimum)", "contrast-minimum"),
    "1.4.4": ("Resize Text", "resize-text"),
    "1.4.8": ("Visual Presentation", "visual-presentation"),
    "2.4.2": ("Page Titled", "page-titled"),
    "2.4.4": ("Link Purpose (In Context)", "link-purpose-in-context"),
    "2.4.6": ("Headings and Labels", "headings-and-labels"),
    "2.4.8": ("Location", "location"),
    "3.1.1": ("Language of Page", "language-of-page"),
    # Not a success criterion: the guideline an unreadable file fails as a whole.
    "4.1": ("Compatible", "compatible"),
}
_UNDERSTANDING = "https://www.w3.org/WAI/WCAG22/Understanding/"


def _code(code: str, severity: Severity, summary: str, criterion: str, *, fails: str, passes: str,
          explanation: str = "") -> DocxCode:
    """A code's metadata; ``criterion`` is a number from :data:`_WCAG`. Without an
    ``explanation`` the check's docstring is used."""
    name, page = _WCAG[criterion]
    label = f"Guideline {criterion}" if criterion.count(".") == 1 else criterion
    return DocxCode(code, severity, summary, explanation, f"WCAG 2.2 {label} {name}",
                    f"{_UNDERSTANDING}{page}.html", fails, passes)


def _paragraph_of(doc: str | None) -> str:
    return " ".join(inspect.cleandoc(doc or "").split())


def _check(*codes: DocxCode) -> Callable[[_CheckFn], _CheckFn]:
    """Register a check and the codes it reports, in :data:`CODES` order."""
    def register(fn: _CheckFn) -> _CheckFn:
        for code in codes:
            CODES[code.code] = code if code.explanation else replace(code, explanation=_paragraph_of(fn.__doc__))
        _RUN.append((codes[0].code, max(code.severity for code in codes), fn))
        return fn
    return register


CODES["DOCX-UNREADABLE"] = _code(
    "DOCX-UNREADABLE", ERROR,
    "The file is a .docx that can be read (a zip package with well-formed XML parts)", "4.1",
    explanation="A file that is not a zip package of well-formed WordprocessingML cannot be opened by "
                "Word, nor by the screen readers and converters that read documents through it, so "
                "nothing in it is accessible and no other check can run. A damaged download, a file "
                "saved as Strict Open XML, an old .doc or a PDF renamed to .docx, and a "
                "password-protected document all end up here. The same code reports a check that "
                "could not read a part of an otherwise readable file.",
    fails="A PDF renamed to report.docx, or a .docx cut short by a failed download",
    passes="A .docx saved by Word, LibreOffice or python-docx that opens in Word")


@_check(_code("DOCX-TITLE", ERROR, "The document has a title (docProps/core.xml dc:title)", "2.4.2",
              fails="A document with no title in File > Info > Properties, which a screen reader "
                    "announces by its file name, 'CSP_plan_v3_FINAL.docx'",
              passes="The title 'Community Safety Partnership plan 2025 to 2028' in the document properties"))
def _check_title(doc: _Docx) -> Iterator[Problem]:
    """Screen readers, browsers and search results announce a document by its title (the
    Title property, dc:title in docProps/core.xml). Without one they fall back on the file
    name, which rarely says what the document is. The title is the document's equivalent
    of a web page's title."""
    where = "docProps/core.xml dc:title"
    if doc.core is None:
        yield _problem("DOCX-TITLE", "the document has no core properties part (docProps/core.xml), "
                       "so it has no title", "docProps/core.xml")
        return
    title = doc.core.find(_q("dc:title"))
    if title is None:
        yield _problem("DOCX-TITLE", "the document has no title: docProps/core.xml has no dc:title", where)
    elif not (title.text or "").strip():
        yield _problem("DOCX-TITLE", "the document has no title: dc:title in docProps/core.xml is empty",
                       where)


@_check(_code("DOCX-LANGUAGE", ERROR,
              "The document language is set as a language tag (word/styles.xml docDefaults w:lang)", "3.1.1",
              fails="A document with no language in its default formatting, or the language 'English' "
                    "rather than a tag such as en-GB",
              passes="Default language en-GB (Review > Language > Set Proofing Language, then Set As Default)"),
        _code("DOCX-LANGUAGE-NOT-EN-GB", WARNING, "The document language is en-GB", "3.1.1",
              explanation="A UK council's English document should be marked British English (en-GB), so "
                          "that screen readers use British pronunciation and spell checkers British "
                          "spelling. python-docx's template, and many copied templates, say en-US. A "
                          "document in Welsh is right to say cy-GB, so this is a warning, not an error; a "
                          "passage in another language may carry its own language on its runs (WCAG 3.1.2 "
                          "Language of Parts).",
              fails="Default language en-US, as python-docx's template has it",
              passes="Default language en-GB, with a Welsh passage marked cy-GB on its own text"))
def _check_language(doc: _Docx) -> Iterator[Problem]:
    """A screen reader picks its voice and pronunciation from the document language, so
    without it English may be read with the rules of another language. Word reads the
    language from the document defaults in word/styles.xml (w:docDefaults w:lang), not
    from dc:language in docProps/core.xml, and it must be a language tag such as en-GB.
    Passages in another language may set their own (WCAG 3.1.2 Language of Parts)."""
    where = f"{doc.styles_name} w:docDefaults"
    if doc.styles.root is None:
        yield _problem("DOCX-LANGUAGE", f"the document language is not set: the package has no styles "
                       f"part ({doc.styles_name})", doc.styles_name)
        return
    lang = doc.styles.default("w:rPrDefault/w:rPr/w:lang")
    value = None if lang is None else (lang.get(W_VAL) or "").strip()
    if not value:
        yield _problem("DOCX-LANGUAGE", f"the document language is not set: {doc.styles_name} has no "
                       f"w:lang in w:docDefaults/w:rPrDefault", where)
    elif not _LANGUAGE_TAG.match(value):
        yield _problem("DOCX-LANGUAGE", f"the document language {_quote(value)} in {doc.styles_name} "
                       f"w:docDefaults is not a language tag such as en-GB", where)
    elif value.lower() != "en-gb":
        yield _problem("DOCX-LANGUAGE-NOT-EN-GB", f"the document language is {value} in "
                       f"{doc.styles_name} w:docDefaults, not en-GB (British English)", where)


@_check(_code("DOCX-METADATA", WARNING,
              "The document properties are not python-docx's template defaults (creator, description, dates)",
              "2.4.2",
              fails="Author 'python-docx', comments 'generated by python-docx', created 23 December 2013",
              passes="Author 'Spelthorne Community Safety Partnership', with the paper's own dates"))
def _check_metadata(doc: _Docx) -> Iterator[Problem]:
    """The document properties are what people and search engines see about a file before
    opening it, and what GDS guidance asks to be filled in. A document generated from
    python-docx's template keeps that template's author, description and 2013 dates unless
    they are replaced, and then describes the tool, not the document."""
    if doc.core is None:
        return
    defaults = (("dc:creator", "python-docx"), ("dc:description", "generated by python-docx"),
                ("dcterms:created", _PYTHON_DOCX_DATE), ("dcterms:modified", _PYTHON_DOCX_DATE))
    for name, default in defaults:
        el = doc.core.find(_q(name))
        if el is not None and (el.text or "").strip() == default:
            yield _problem("DOCX-METADATA", f"{name} in docProps/core.xml is python-docx's template "
                           f"default {_quote(default)}", f"docProps/core.xml {name}")


@_check(_code("DOCX-HEADINGS", ERROR, "Headings use heading styles in order: the first is level 1, no "
              "level is skipped going down, none is empty or over 150 characters", "1.3.1",
              fails="The first heading in Heading 2, or a Heading 3 straight after a Heading 1",
              passes="Heading 1, Heading 2, Heading 3, Heading 2, Heading 1: going back up may skip levels"),
        _code("DOCX-HEADING-LONG", WARNING, "Headings are 100 characters or fewer", "2.4.6",
              explanation="A heading labels the section it starts. Screen-reader users list the headings "
                          "to find their way, and a long one is slow to hear and hides the topic among "
                          "the words; the navigation pane and a table of contents show the same. Over 100 "
                          "characters is a warning; over 150 is an error (DOCX-HEADINGS).",
              fails="A 120-character heading that is really the first sentence of its section",
              passes="The heading 'Reducing anti-social behaviour'"))
def _check_headings(doc: _Docx) -> Iterator[Problem]:
    """Screen-reader users move through a document by its heading outline, as sighted
    readers skim the headings, so the outline must be real: heading styles or outline
    levels, not large bold text. It must start at level 1 and not skip a level going
    down, or the listener cannot tell which section a heading belongs to; an empty heading
    is announced as a heading with nothing in it (also WCAG 2.4.6 Headings and Labels)."""
    story, previous = doc.main, 0
    for para in story.paragraphs:
        level = doc.styles.level_of(para.el, para.facts)
        if level is None:
            continue
        where = story.where(para.loc)
        if not para.text:
            yield _problem("DOCX-HEADINGS", f"the level {level} heading at {para.loc} has no text", where)
            continue
        name = f"heading {_quote(para.text)} ({para.loc})"
        if previous == 0 and level != 1:
            yield _problem("DOCX-HEADINGS", f"the first {name} is level {level}, not level 1", where)
        elif previous and level > previous + 1:
            yield _problem("DOCX-HEADINGS", f"{name} is level {level} after level {previous}", where)
        previous = level
        if len(para.text) > 150:
            yield _problem("DOCX-HEADINGS", f"{name} is {len(para.text)} characters long; keep "
                           f"headings to 150 or fewer", where)
        elif len(para.text) > 100:
            yield _problem("DOCX-HEADING-LONG", f"{name} is {len(para.text)} characters long; aim "
                           f"for 100 or fewer", where)

_NOT_HEADINGS = ("title", "subtitle", "caption", "toc heading")


@_check(_code("DOCX-FAKE-HEADING", WARNING, "No short bold or enlarged paragraph of body text stands in for "
              "a heading", "1.3.1",
              fails="A paragraph 'Background' in the Normal style, all bold, followed by the section's text",
              passes="'Background' in the Heading 2 style; a bold lead-in 'Lead: ' followed by ordinary "
                     "text in the same paragraph"))
def _check_fake_headings(doc: _Docx) -> Iterator[Problem]:
    """A short paragraph made bold or large to look like a heading is a heading only to the
    eye: a screen reader announces it as ordinary text, it is missing from the navigation
    pane and the table of contents, and a listener who moves by headings skips it. This
    flags a paragraph outside tables, in a style that is not a heading, of at most 12
    words without a final full stop, all bold or at least 14pt (and larger than the body
    text), followed by ordinary text. List items, a bold lead-in followed by ordinary text
    in the same paragraph, the Title and Subtitle styles, and a bold line directly under a
    real heading (a subtitle, or a name) are not flagged."""
    story, styles = doc.main, doc.styles
    fmt = _formatting(doc)
    top = [p for p in story.paragraphs if p.top]
    under_heading = False
    for i, para in enumerate(top):
        if not para.text:
            if _HAS_CONTENT(para.el):
                under_heading = False
            continue
        if i and top[i - 1].block != para.block - 1:
            under_heading = False  # a table came between
        if styles.level_of(para.el, para.facts):
            under_heading = True
            continue
        look = _heading_look(doc, fmt, para)
        if look and not under_heading and _followed_by_text(doc, fmt, top, i):
            name = styles.name(styles.style_of(para.el, para.facts) or "") or "Normal"
            yield _problem("DOCX-FAKE-HEADING", f"{para.loc} {_quote(para.text)} is set as a heading ({look}) "
                           f"in the style {_quote(name)}, so it is not among the headings a screen reader "
                           f"lists; use a heading style", story.where(para.loc))
        under_heading = False


def _heading_look(doc: _Docx, fmt: _Formatting, para: _Para) -> str | None:
    """'bold', '16pt' or 'bold, 16pt' for a short paragraph dressed as a heading, else None."""
    text = para.text
    words = len(text.split())
    if not 1 <= words <= 12 or text.endswith(".") or not any(ch.isalpha() for ch in text):
        return None
    texts = fmt.by_para.get(para.el)
    if not texts or _in_list(doc.styles, para):
        return None
    sid = doc.styles.style_of(para.el, para.facts)
    name = doc.styles.name(sid).lower() if sid else ""
    if name in _NOT_HEADINGS or name.startswith("toc "):
        return None
    bold = all(t.bold for t in texts)
    sizes = [t.size or 0 for t in texts]
    large = all(size >= 28 and size > fmt.body_size for size in sizes)
    size = f"{min(sizes) / 2:g}pt" if large else ""
    return ", ".join(filter(None, ("bold" if bold else "", size))) or None


def _followed_by_text(doc: _Docx, fmt: _Formatting, top: list[_Para], i: int) -> bool:
    """Whether the next block, past empty paragraphs, is a paragraph of ordinary text."""
    block = top[i].block
    for para in top[i + 1:]:
        if para.block != block + 1:
            return False  # a table follows
        block = para.block
        if not para.text:
            if _HAS_CONTENT(para.el):
                return False
            continue
        return (not doc.styles.level_of(para.el, para.facts) and not _in_list(doc.styles, para)
                and _heading_look(doc, fmt, para) is None)
    return False


def _in_list(styles: _Styles, para: _Para) -> bool:
    """Whether the paragraph is a list item: numbered by its own properties or its style,
    or in a style whose name starts with "List"."""
    numpr = para.facts[4]
    sid = styles.style_of(para.el, para.facts)
    if numpr is None:
        numpr, _ = styles.inherited(sid, "w:pPr/w:numPr")
    if numpr is not None:
        return _val(numpr, "w:numId") != "0"
    return sid is not None and styles.name(sid).lower().startswith("list")


@_check(_code("DOCX-TABLE-HEADER", ERROR, "Every table's first row is a header row that repeats (w:tblHeader)",
              "1.3.1",
              fails="A table whose first row is bold but not marked 'Repeat as header row at the top of each page'",
              passes="The first row marked as a header row (Table Properties > Row > Repeat as header row)"))
def _check_table_header(doc: _Docx) -> Iterator[Problem]:
    """A marked header row is the only way Word tells a screen reader which cells are
    column headers, so that each cell can be read with its header ("Lead: Police"). A
    header row that only looks like one (bold, shaded) says nothing to the screen reader.
    Marked, it also repeats at the top of each page a table runs onto."""
    story = doc.main
    for table in story.tables:
        if not table.rows:
            continue
        trpr = _props(table.rows[0], W_TRPR)
        if trpr is None or not _on(_child(trpr, _q("w:tblHeader"))):
            first = " | ".join(story.cell_text(tc) for tc in table.cells[0]).strip(" |")
            shown = f"first row {_quote(first)}" if first else "first row empty"
            yield _problem("DOCX-TABLE-HEADER", f"table {table.number} ({shown}) has no header row "
                           f"set to repeat (w:tblHeader on row 1)",
                           story.where(f"table {table.number} row 1"))


@_check(_code("DOCX-MERGED-CELLS", ERROR,
              "No table cell is merged or spans columns (w:gridSpan, w:vMerge, w:hMerge)", "1.3.1",
              fails="A header cell 'Funding' merged across the two columns '2025/26' and '2026/27'",
              passes="Every cell in its own row and column, with a header cell for each column"))
def _check_merged_cells(doc: _Docx) -> Iterator[Problem]:
    """A screen reader reads a table cell by cell and names the header of each. Word cannot
    say which header a merged or spanned cell belongs to, so the listener loses track of
    rows and columns; council and GDS guidance ask for simple tables without merged cells."""
    story = doc.main
    for table in story.tables:
        for r, row in enumerate(table.props, 1):
            for c, (span, vmerge, hmerge, _) in enumerate(row, 1):
                if not ((span is not None and span > 1) or vmerge or hmerge):
                    continue
                loc = f"table {table.number} row {r} cell {c}"
                if span is not None and span > 1:
                    yield _problem("DOCX-MERGED-CELLS", f"{loc} spans {span} columns (merged cells)",
                                   story.where(loc))
                if vmerge:
                    yield _problem("DOCX-MERGED-CELLS", f"{loc} is merged with the cell above or below "
                                   f"(w:vMerge)", story.where(loc))
                if hmerge:
                    yield _problem("DOCX-MERGED-CELLS", f"{loc} is merged with the cell beside it "
                                   f"(w:hMerge)", story.where(loc))


def _val(parent: etree._Element, name: str) -> str | None:
    el = _child(parent, _q(name))
    return None if el is None else el.get(W_VAL)


@_check(_code("DOCX-NESTED-TABLE", WARNING, "No table is inside another table's cell", "1.3.1",
              fails="A table of actions inside a cell of the priorities table",
              passes="The two tables one after the other, each with its own header row"))
def _check_nested_tables(doc: _Docx) -> Iterator[Problem]:
    """Screen readers announce a table inside another table's cell poorly: the listener
    cannot tell which table's rows and headers they are in, and the reading order is hard
    to follow (also WCAG 1.3.2 Meaningful Sequence)."""
    story = doc.main
    for table in story.tables:
        if table.parent is not None:
            yield _problem("DOCX-NESTED-TABLE", f"table {table.number} is nested in {table.parent}",
                           story.where(table.parent))


@_check(_code("DOCX-EMPTY-CELL", WARNING, "No table cell is empty (write 'None' or 'Not applicable')",
              "1.3.1",
              fails="A blank cell in the 'Funding' column",
              passes="The cell reads 'None' or 'Not applicable'"))
def _check_empty_cells(doc: _Docx) -> Iterator[Problem]:
    """A screen reader says "blank" for an empty cell, which leaves the listener unsure
    whether something is missing, was left out by mistake or does not apply. GDS and
    council guidance ask for a word in every cell."""
    story = doc.main
    for table in story.tables:
        for r, c, tc in table.quiet:  # the cells with text are known to be fine
            _, vmerge, hmerge, _ = table.props[r - 1][c - 1]
            if (vmerge and vmerge != "restart") or hmerge:
                continue  # the continuation of a merged cell (DOCX-MERGED-CELLS)
            if story.cell_text(tc) or any(_HAS_CONTENT(p) for p in tc.iter(W_P)):
                continue
            loc = f"table {table.number} row {r} cell {c}"
            yield _problem("DOCX-EMPTY-CELL", f"{loc} is empty", story.where(loc))

_SYMBOL_MARKS = frozenset("•‣∙·◦")


def _words(text: str) -> str:
    """What a cell says in words: symbols such as '●' or '✓' left out, case folded."""
    kept = "".join(ch for ch in text if ch not in _SYMBOL_MARKS and unicodedata.category(ch) != "So")
    return " ".join(kept.split()).casefold()


@dataclass(slots=True)  # thousands per document: slots make them cheaper to build
class _Cell:
    tc: etree._Element
    row: int
    number: int                        # the cell's number in its row
    column: int                        # the grid column, from 1
    fill: str | None                   # RRGGBB, or None when not shaded
    colours: frozenset[str] | None     # the text colours; None when the cell has no text
    text: str = ""


@_check(_code("DOCX-COLOUR-ONLY", WARNING, "No table column says something by colour alone: cells that "
              "differ in shading or text colour differ in words too", "1.4.1",
              fails="RAG status cells shaded red, amber and green with no text, or a '●' in red, amber "
                    "or green",
              passes="A status cell shaded red that reads 'Red: off track'"))
def _check_colour_only(doc: _Docx) -> Iterator[Problem]:
    """A table that tells its reader something by colour alone, such as the RAG status of
    an action shown as a red, amber or green cell or a coloured '●', says nothing to
    someone who cannot see the colours: a blind or colour-blind reader, or anyone with a
    black-and-white printout. This compares the cells of each column below the header
    row: where their shading or text colour differs but their words do not (empty or
    symbol-only cells, or the same words in different colours), colour is the only
    signal. Shading or a text colour that covers a whole row, such as banding or a total
    row, is not taken as a signal. A cell that reads 'Red: off track' passes."""
    story = doc.main
    fmt = _formatting(doc)
    for table in story.tables:
        if _one_colour(fmt, table):
            continue
        cells = _table_cells(fmt, story, table)
        if not cells:
            continue
        counts: dict[frozenset[str], int] = {}
        for cell in cells:
            if cell.colours is not None:
                counts[cell.colours] = counts.get(cell.colours, 0) + 1
        usual = max(counts, key=lambda k: counts[k]) if counts else frozenset()
        columns: dict[int, list[_Cell]] = {}
        for cell in cells:
            columns.setdefault(cell.column, []).append(cell)
        for column, members in sorted(columns.items()):
            looks = {(c.fill, c.colours or usual) for c in members}
            if len(looks) < 2:
                continue
            by_words: dict[str, set] = {}
            for c in members:
                c.text = story.cell_text(c.tc)
                by_words.setdefault(_words(c.text), set()).add((c.fill, c.colours or usual))
            odd = [c for c in members if len(by_words[_words(c.text)]) > 1
                   or (not _words(c.text) and (c.fill is not None or (c.colours or usual) != usual))]
            if not odd:
                continue
            fills = list(dict.fromkeys(c.fill for c in odd))
            colours = list(dict.fromkeys(x for c in odd for x in sorted(c.colours or usual)))
            shaded = len(fills) > 1 or fills != [None]
            coloured = len({c.colours or usual for c in odd}) > 1 or any((c.colours or usual) != usual for c in odd)
            parts = []
            if shaded:
                parts.append("shading (" + ", ".join(f"#{f}" if f else "none" for f in fills[:4]) + ")")
            if coloured:
                parts.append("text colour (" + ", ".join(f"#{x}" for x in colours[:4]) + ")")
            first = odd[0]
            loc = f"table {table.number} row {first.row} cell {first.number}"
            said = _quote(first.text) if first.text else "(empty)"
            many = f"{len(odd)} cells are" if len(odd) > 1 else "1 cell is"
            yield _problem("DOCX-COLOUR-ONLY", f"table {table.number} column {column} relies on colour alone: "
                           f"{many} told apart only by {' and '.join(parts)}, the first {loc} {said}; "
                           f"say it in words too, such as 'Red: off track'", story.where(loc))


def _one_colour(fmt: _Formatting, table: _Table) -> bool:
    """Whether no cell of a table has shading of its own and all the text in its cells
    (links aside) is in one colour that can be known. Then no cells differ in colour, so
    the table needs no closer look: most tables are like this, and a large paper has
    thousands of cells."""
    if table.shaded:
        return False
    colours = set()
    for colour, fill in fmt.table_colours.get(table.el, ()):
        if colour is None:
            return False
        colours.add(_auto_on(fill or fmt.page) if colour == AUTO else colour)
    return len(colours) <= 1


def _table_cells(fmt: _Formatting, story: _Story, table: _Table) -> list[_Cell]:
    """The cells below a table's header rows, with the shading and text colours that could
    carry a meaning (whole-row shading or colour left out)."""
    by_para = fmt.by_para
    header = 0
    for tr in table.rows:
        trpr = _props(tr, W_TRPR)
        if trpr is None or not _on(_child(trpr, _q("w:tblHeader"))):
            break
        header += 1
    if not header and table.rows and fmt.table_info(table)[1][0]:
        header = 1  # the table style's first row formatting marks a header
    cells: list[_Cell] = []
    cell_paras, page = story.cell_paras, fmt.page
    automatic: dict[str | None, str] = {}  # the colour of 'auto' text on each background
    for r, (tr, row, props) in enumerate(zip(table.rows, table.cells, table.props, strict=True), 1):
        if r <= header:
            continue
        trpr = _props(tr, W_TRPR)
        column = 1 + ((_int(_val(trpr, "w:gridBefore")) or 0) if trpr is not None else 0)
        found: list[_Cell] = []
        unknown = False
        for c, (tc, (span, vmerge, _, shd)) in enumerate(zip(row, props, strict=True), 1):
            here, column = column, column + max(1, span or 1)
            if vmerge and vmerge != "restart":
                continue
            fill = None if shd is None else fmt.shading(shd)
            colours = set()
            known = fill != _UNKNOWN
            for para in cell_paras.get(tc, ()):
                for t in by_para.get(para.el, ()):
                    if t.link:
                        continue
                    colour = t.colour
                    if colour is None:
                        known = False
                    elif colour == AUTO:
                        colour = automatic.get(t.fill)
                        if colour is None:
                            colour = automatic[t.fill] = _auto_on(t.fill or page)
                        colours.add(colour)
                    else:
                        colours.add(colour)
            if not known:
                unknown = True  # not judged, and the row is not known to be uniform
                continue
            found.append(_Cell(tc, r, c, here, None if fill == "FFFFFF" else fill,
                               frozenset(colours) if colours else None))
        if len(found) > 1 and not unknown:
            if len({cell.fill for cell in found}) == 1:
                for cell in found:
                    cell.fill = None
            if len({cell.colours for cell in found}) == 1:
                for cell in found:
                    cell.colours = None
        cells += found
    return cells


@_check(_code("DOCX-ALT-TEXT", ERROR, "Every picture, chart or shape has alternative text "
              "(wp:docPr/@descr) or is marked decorative", "1.1.1",
              fails="A chart of recorded crime inserted as a picture with no description",
              passes="The description 'Bar chart: burglary fell from 410 in 2019 to 320 in 2024', or a "
                     "divider line marked decorative"))
def _check_alt_text(doc: _Docx) -> Iterator[Problem]:
    """A screen reader cannot see a picture, chart or shape; it reads its alternative text
    instead, or says only "picture". Every image that carries information needs a text
    alternative that gives the same information; one that is only decoration should be
    marked decorative so that screen readers skip it."""
    for story in doc.stories:
        for docpr in story.elements(WP_DOCPR):
            holder = docpr.getparent()
            if holder is None or holder.tag not in (_q("wp:inline"), WP_ANCHOR):
                continue
            if (docpr.get("descr") or "").strip() or _decorative(docpr):
                continue
            loc = story.loc_of(docpr)
            yield _problem("DOCX-ALT-TEXT", f"{_drawing_kind(holder)} {_quote(docpr.get('name') or 'unnamed')} "
                           f"({story.label(loc)}) has no alternative text and is not marked decorative",
                           story.where(loc))


_CHART_URI = _NS["c"]


def _drawing_kind(holder: etree._Element) -> str:
    """What a drawing is, as Word's Alt Text pane would call it: a chart or an image."""
    for data in holder.iterfind(f"{_q('a:graphic')}/{_q('a:graphicData')}"):
        if data.get("uri") == _CHART_URI:
            return "chart"
    return "image"


def _decorative(docpr: etree._Element) -> bool:
    for ext in docpr.iterfind(f"{_q('a:extLst')}/{_q('a:ext')}"):
        if (ext.get("uri") or "").upper() == _DECORATIVE_URI:
            flag = ext.find(_q("adec:decorative"))
            if flag is not None and _on_value(flag.get("val"), False):
                return True
    return False


@_check(_code("DOCX-FLOATING", WARNING, "No floating pictures or shapes (wp:anchor) or text boxes "
              "(w:txbxContent) in the main document", "1.3.2",
              fails="A map with 'Square' text wrapping, or a text box of key facts beside the text",
              passes="The map 'In line with text', and the key facts as ordinary paragraphs"))
def _check_floating(doc: _Docx) -> Iterator[Problem]:
    """Floating pictures, shapes and text boxes sit outside the flow of the text: screen
    readers read them where they are anchored, out of order, or not at all, and they move
    when the text is reflowed or enlarged."""
    story = doc.main
    for anchor in story.elements(WP_ANCHOR):
        docpr = anchor.find(WP_DOCPR)
        name = "unnamed" if docpr is None else docpr.get("name") or "unnamed"
        loc = story.loc_of(anchor)
        yield _problem("DOCX-FLOATING", f"object {_quote(name)} ({loc}) floats over the text (wp:anchor); "
                       f"put it in line with text", story.where(loc))
    for box in story.elements(W_TXBX):
        if any(a.tag == WP_ANCHOR for a in box.iterancestors()):
            continue  # reported with its floating drawing
        loc = story.loc_of(box)
        yield _problem("DOCX-FLOATING", f"text box {_quote(_cell_text(box))} ({loc}) is outside the reading "
                       f"order; put its text in the body", story.where(loc))


@_check(_code("DOCX-LINK-TEXT", ERROR, "Link text says where the link goes: not 'click here', 'read "
              "more' or a bare web address", "2.4.4",
              fails="Link text 'click here', or 'https://www.spelthorne.gov.uk/csp'",
              passes="Link text 'the council's community safety page'"),
        _code("DOCX-LINK-TARGET", ERROR, "Every link's relationship (r:id) exists and is a hyperlink", "2.4.4",
              explanation="A link whose relationship is missing, or is not a hyperlink with a target, "
                          "goes nowhere: Word reports an error when it is followed, and a screen-reader "
                          "user who picked it from the list of links is left stranded. It comes from "
                          "copying between documents or from tools that write the XML themselves.",
              fails="A link that points to relationship rId99, which the document does not have",
              passes="A link to a web address, or to a bookmark in the document (w:anchor)"))
def _check_links(doc: _Docx) -> Iterator[Problem]:
    """Screen-reader users often list a document's links on their own, out of the text
    around them, so each link's text must say where it goes. 'Click here' and 'read more'
    say nothing, and a bare web address is read out character by character."""
    for story in doc.stories:
        for link in story.elements(W_HYPERLINK):
            yield from _link_problems(story, link)


def _link_problems(story: _Story, link: etree._Element) -> Iterator[Problem]:
    """The problems of one w:hyperlink. Its place is worked out only for a problem: finding
    the paragraph that holds an element is the costly part, and most links are fine."""
    text = _text(link)
    shown = text or "(no text)"
    rid = link.get(R_ID)
    rel = None if rid is None else story.rels.get(rid)
    text_ok = (any((d.get("descr") or "").strip() for d in link.iter(WP_DOCPR)) if not text else
               text.strip(" .,;:!?…").lower() not in GENERIC_LINK_TEXT and not BARE_URL.match(text))
    target_ok = (bool(link.get(W_ANCHOR_ATTR)) if rid is None else
                 rel is not None and rel.type == _DOC_REL + "hyperlink" and bool(rel.target))
    if text_ok and target_ok:
        return
    loc = story.loc_of(link)
    where, place = story.where(loc), story.label(loc)
    if not text:
        if not any((d.get("descr") or "").strip() for d in link.iter(WP_DOCPR)):
            yield _problem("DOCX-LINK-TEXT", f"the link at {place} has no text", where)
    elif text.strip(" .,;:!?…").lower() in GENERIC_LINK_TEXT:
        yield _problem("DOCX-LINK-TEXT", f"link text {_quote(text)} ({place}) does not say where "
                       f"the link goes", where)
    elif BARE_URL.match(text):
        yield _problem("DOCX-LINK-TEXT", f"link text {_quote(text)} ({place}) is a bare web "
                       f"address; describe where it goes instead", where)
    if rid is None:
        if not link.get(W_ANCHOR_ATTR):
            yield _problem("DOCX-LINK-TARGET", f"link {_quote(shown)} ({place}) has no target "
                           f"(neither r:id nor w:anchor)", where)
        return
    if rel is None:
        yield _problem("DOCX-LINK-TARGET", f"link {_quote(shown)} ({place}) points to relationship "
                       f"{rid}, which {story.rels_name} does not have", where)
    elif rel.type != _DOC_REL + "hyperlink" or not rel.target:
        yield _problem("DOCX-LINK-TARGET", f"link {_quote(shown)} ({place}) points to relationship "
                       f"{rid}, which is not a hyperlink with a target", where)


@_check(_code("DOCX-CONTRAST", ERROR, "Text contrasts with its background by at least 4.5:1, or 3:1 for "
              "large text (18pt, or 14pt bold)", "1.4.3",
              fails="Grey text #999999 on white, 2.8:1; or white text on an amber cell #FFC000, 1.6:1",
              passes="Black text on white, 21:1; or white 14pt bold text on dark blue #1F3864, 11.6:1"))
def _check_contrast(doc: _Docx) -> Iterator[Problem]:
    """Text must stand out from what is behind it for people with low vision or colour
    deficiencies, and on a dim screen or a poor printout: WCAG 2.2 AA asks for a contrast
    ratio of at least 4.5:1, or 3:1 for large text (18pt, or 14pt bold). The text colour
    is worked out as Word shows it, from the text's own formatting, its character and
    paragraph styles, the table style and the document defaults, with theme colours read
    from the document's theme and 'automatic' colour as black on light and white on dark
    backgrounds; the background from highlighting and shading on the text, the paragraph,
    the table cell (with the table style's header, first column and banded rows) and the
    page. A colour that cannot be known without guessing, such as a theme colour in a file
    with no theme, is not judged. Text with the same colours from the same style is
    reported once."""
    fmt = _formatting(doc)
    groups: dict[tuple, list[_Text]] = {}
    ratios: dict[tuple[str, str], float] = {}
    for t in fmt.texts:
        if t.colour is None or t.fill is None:
            continue
        fg = _auto_on(t.fill) if t.colour == AUTO else t.colour
        pair = (fg, t.fill)
        ratio = ratios.get(pair)
        if ratio is None:
            ratio = ratios[pair] = _contrast(fg, t.fill)
        if ratio >= 4.5:
            continue
        large = t.size is not None and (t.size >= 36 or (t.size >= 28 and t.bold))
        need = 3.0 if large else 4.5
        if ratio >= need:
            continue
        if t.colour_from[0] in _DIRECT or t.fill_from[0] in _DIRECT:
            origin: tuple = (("direct", t.story.name),)
        else:
            origin = tuple(dict.fromkeys(src for src in (t.colour_from, t.fill_from)
                                         if src[0] in ("style", "table style"))) or (("defaults", None),)
        groups.setdefault((origin, fg, t.fill, need), []).append(t)
    for (origin, fg, bg, need), texts in groups.items():
        paras = _paragraphs_of(texts)
        first = paras[0]
        needed = "4.5:1" if need == 4.5 else "3:1 for large text"
        message = f"text #{fg} on #{bg} has a contrast of {_ratio(ratios[(fg, bg)])}:1, below the {needed} needed"
        if origin[0][0] == "direct":
            where = first.story.where(first.para.loc)
        else:
            message += ", set by " + " and ".join(_style_label(doc.styles, src) for src in origin)
            where = _style_where(doc, origin[0])
        if len(paras) == 1:
            message += f", at {first.place}"
        else:
            message += f", in {len(paras)} paragraphs, the first {first.place}"
        yield _problem("DOCX-CONTRAST", message, where)


@_check(_code("DOCX-JUSTIFIED", WARNING, "No justified text (w:jc both or distribute) in paragraphs, "
              "styles or the document defaults", "1.4.8",
              fails="The Normal style justified, so every paragraph has uneven gaps between words",
              passes="Text aligned left, with a ragged right edge"))
def _check_justified(doc: _Docx) -> Iterator[Problem]:
    """Justified text leaves uneven gaps between words, and "rivers" of white space that
    make reading harder, notably for dyslexic readers. WCAG 1.4.8 Visual Presentation is a
    level AAA criterion, but the GDS guidance on documents asks for left-aligned text. Each
    source of justification is reported once: a paragraph's own formatting, a style, or
    the document defaults."""
    story, styles = doc.main, doc.styles
    by_style: dict[str, list[_Para]] = {}
    by_default: list[_Para] = []
    verdicts: dict[str | None, tuple[str, str]] = {}  # by paragraph style: see _justified_by
    for para in story.paragraphs:
        jc = para.facts[3]
        if jc is not None:
            if jc.get(W_VAL) in _JUSTIFIED:
                yield _problem("DOCX-JUSTIFIED", f"{para.loc} {_quote(para.text)} is justified; align "
                               f"it left", story.where(para.loc))
            continue
        pstyle = styles.style_of(para.el, para.facts)
        verdict = verdicts.get(pstyle)
        if verdict is None:
            verdict = verdicts[pstyle] = _justified_by(styles, pstyle)
        source, sid = verdict
        if source == "style":
            by_style.setdefault(sid, []).append(para)
        elif source == "defaults":
            by_default.append(para)
    for sid, paras in by_style.items():
        yield _problem("DOCX-JUSTIFIED", f"style {_quote(styles.name(sid))} is justified, which "
                       f"{_count(paras)}", f"{doc.styles_name} style {sid}")
    if by_default:
        yield _problem("DOCX-JUSTIFIED", f"the document defaults justify text, which "
                       f"{_count(by_default)}", f"{doc.styles_name} w:docDefaults")


def _justified_by(styles: _Styles, pstyle: str | None) -> tuple[str, str]:
    """What justifies a paragraph of style ``pstyle`` without its own w:jc: ("style", the
    style id that does), ("defaults", "") or ("", "") when nothing does. The same for
    every paragraph of the style, so worked out once per style."""
    jc, sid = styles.inherited(pstyle, "w:pPr/w:jc")
    if jc is None:
        jc = styles.default("w:pPrDefault/w:pPr/w:jc")
        if jc is not None and jc.get(W_VAL) in _JUSTIFIED:
            return ("defaults", "")
    elif sid and jc.get(W_VAL) in _JUSTIFIED:
        return ("style", sid)
    return ("", "")


def _count(paras: list[_Para]) -> str:
    first = paras[0]
    many = f"{len(paras)} paragraphs use" if len(paras) > 1 else "1 paragraph uses"
    return f"{many}, the first {first.loc} {_quote(first.text)}"


@_check(_code("DOCX-FONT-SIZE", WARNING, "Body text (the Normal style, or the document defaults) is at "
              "least 12pt", "1.4.4",
              fails="The Normal style at 11pt, or no size at all, which Word shows as 10pt",
              passes="The Normal style at 12pt"))
def _check_font_size(doc: _Docx) -> Iterator[Problem]:
    """WCAG sets no minimum size; it asks that text can be enlarged (1.4.4 Resize Text),
    which a printed copy cannot be. The GDS guidance on documents, and most councils' own,
    ask for body text of at least 12pt, which this check reads from the Normal style or the
    document defaults."""
    styles = doc.styles
    if styles.root is None:
        return
    normal = styles.default_paragraph
    sz, sid = styles.inherited(normal, "w:rPr/w:sz")
    where = f"{doc.styles_name} style {sid}"
    source = f"style {_quote(styles.name(sid))}" if sid else ""
    if sz is None:
        sz = styles.default("w:rPrDefault/w:rPr/w:sz")
        where = f"{doc.styles_name} w:docDefaults"
        source = "the document defaults"
    size = None if sz is None else _int(sz.get(W_VAL))
    if size is None:
        yield _problem("DOCX-FONT-SIZE", f"body text has no font size in {doc.styles_name}, so Word uses "
                       f"10pt; set at least 12pt", f"{doc.styles_name} w:docDefaults")
    elif size < 24:
        yield _problem("DOCX-FONT-SIZE", f"body text is {size / 2:g}pt, set by {source} in "
                       f"{doc.styles_name}; use at least 12pt", where)


@_check(_code("DOCX-SMALL-TEXT", WARNING, "No text is smaller than 9pt, in the body, headers, footers, notes "
              "or charts",
              "1.4.4",
              fails="A footer in 8pt, or the sources under a table of figures in 8.5pt",
              passes="Footers, notes and tables in 9pt or more (and body text in 12pt)"))
def _check_small_text(doc: _Docx) -> Iterator[Problem]:
    """Text below 9pt is hard to read for many people, and cannot be enlarged in a printed
    copy. WCAG sets no minimum size, asking instead that text can be enlarged (1.4.4
    Resize Text), but small print in footers, notes and the sources under tables is where
    documents fail readers most. This looks at the size of all text, in the main document,
    headers, footers and notes, from direct formatting, styles and the document defaults,
    and at the sizes set in the document's charts (their titles, axis labels, legends and
    data labels); DOCX-FONT-SIZE asks 12pt of the body text. Text sized by the same style
    is reported once, and each chart once."""
    fmt = _formatting(doc)
    groups: dict[tuple, list[_Text]] = {}
    for t in fmt.texts:
        if t.size is None or t.size >= 18:
            continue
        key = ("run", t.story.name, t.size) if t.size_from[0] == "run" else (t.size_from, t.size)
        groups.setdefault(key, []).append(t)
    for key, texts in groups.items():
        paras = _paragraphs_of(texts)
        first = paras[0]
        size = f"{(first.size or 0) / 2:g}pt"
        spread = f"at {first.place}" if len(paras) == 1 else f"in {len(paras)} paragraphs, the first {first.place}"
        if key[0] == "run":
            yield _problem("DOCX-SMALL-TEXT", f"text is {size}, below 9pt, {spread}",
                           first.story.where(first.para.loc))
        else:
            yield _problem("DOCX-SMALL-TEXT", f"{_style_label(doc.styles, first.size_from)} "
                           f"{'set' if first.size_from[0] == 'defaults' else 'sets'} text in {size}, below 9pt, "
                           f"{spread}", _style_where(doc, first.size_from))
    yield from _small_chart_text(doc)


_CHART_SIZES = etree.XPath(".//a:defRPr/@sz | .//a:rPr/@sz", namespaces=_NS)


def _small_chart_text(doc: _Docx) -> Iterator[Problem]:
    """Each chart whose text is set below 9pt (DrawingML sizes are in hundredths of a point)."""
    for rid, name, chart in doc.charts:
        sizes = [_int(str(v)) for v in _CHART_SIZES(chart)]  # type: ignore[union-attr]
        small = min((v for v in sizes if v is not None), default=900)
        if small >= 900:
            continue
        label = "chart"
        for ref in doc.main.root.iter(_q("c:chart")):
            if ref.get(R_ID) == rid:
                holder = next((a for a in ref.iterancestors() if a.tag in (_q("wp:inline"), WP_ANCHOR)), None)
                docpr = None if holder is None else holder.find(WP_DOCPR)
                if docpr is not None:
                    label = f"chart {_quote(docpr.get('name') or 'unnamed')}"
                break
        yield _problem("DOCX-SMALL-TEXT", f"{label} ({name}) sets text in {small / 100:g}pt, below 9pt; "
                       f"use at least 9pt for its labels, legend and titles", name)


@_check(_code("DOCX-TYPED-NUMBERS", WARNING, "No paragraph starts with a typed number ('1.1 ', '2. ') "
              "or bullet ('•'): use Word numbering", "1.3.1",
              fails="A paragraph typed as '1.1 The partnership ...', or a bullet typed as '• '",
              passes="Paragraph 1.1 numbered by Word's numbering or a list style"))
def _check_typed_numbers(doc: _Docx) -> Iterator[Problem]:
    """A typed "1.1" or "•" looks like a list to the eye but is plain text to a screen
    reader, which cannot announce a list, how many items it has or where the listener is
    in it. Typed numbers also go wrong when paragraphs are added or moved."""
    story = doc.main
    for para in story.paragraphs:
        if not para.top or not para.text:
            continue
        if _TYPED_NUMBER.match(para.text):
            kind = "number"
        elif _TYPED_BULLET.match(para.text):
            kind = "bullet"
        else:
            continue
        yield _problem("DOCX-TYPED-NUMBERS", f"{para.loc} {_quote(para.text)} starts with a typed {kind}; "
                       f"use Word numbering or a list style", story.where(para.loc))


@_check(_code("DOCX-EMPTY-PARAGRAPHS", WARNING, "No run of 3 or more empty paragraphs used for spacing",
              "1.3.1",
              fails="Three empty paragraphs pressed to push a heading down the page",
              passes="Space before and after set in the paragraph format, or a page break"))
def _check_empty_paragraphs(doc: _Docx) -> Iterator[Problem]:
    """Layout belongs in the structure, not in blank lines: a screen reader announces each
    empty paragraph as "blank", and the spacing they make breaks when the text is
    enlarged or reflowed. Spacing belongs in the paragraph format, and a new page in a
    page break."""
    story = doc.main
    run: list[_Para] = []
    before = ""

    def report() -> Iterator[Problem]:
        if len(run) >= 3:
            after = f" after {_quote(before)}" if before else " at the start"
            yield _problem("DOCX-EMPTY-PARAGRAPHS", f"paragraphs {run[0].number} to {run[-1].number} "
                           f"are {len(run)} empty paragraphs in a row{after}; use paragraph spacing "
                           f"or a page break instead",
                           story.where(run[0].loc))

    for para in story.paragraphs:
        if not para.top:
            continue
        empty = not para.text and not _HAS_CONTENT(para.el)
        if empty and (not run or para.block == run[-1].block + 1):
            run.append(para)
            continue
        yield from report()
        run = [para] if empty else []
        if not empty:
            before = para.text
    yield from report()


@_check(_code("DOCX-PAGE-NUMBERS", WARNING, "A header or footer has page numbers (a PAGE field)", "2.4.8",
              fails="No footer, or a footer with 'Page 1' typed as text, which is the same on every page",
              passes="A footer 'Page 3 of 12' made with Word's PAGE and NUMPAGES fields"))
def _check_page_numbers(doc: _Docx) -> Iterator[Problem]:
    """Committee members, officers and the public find their way round a paper, and refer
    to it in a meeting, by its page numbers; a reader using a magnifier or a printout needs
    them to keep their place. Word numbers pages with a PAGE field in a header or footer;
    a typed number stays the same on every page. WCAG 2.2 2.4.8 Location is a level AAA
    criterion, which W3C's technique PDF17 meets with consistent page numbers; council
    guidance on committee papers asks for page numbers in the footer."""
    main = doc.main
    used = {ref.get(R_ID) for sect in main.elements(W_SECTPR) for ref in sect
            if ref.tag in (_q("w:headerReference"), _q("w:footerReference"))}
    parts = {main.rels[rid].target for rid in used if rid in main.rels}
    typed = None
    for story in doc.stories[1:]:
        if story.name not in parts:
            continue
        if _page_field(story.root):
            return
        for para in story.paragraphs:
            if typed is None and re.search(r"\bpage\s+\d", para.text, re.IGNORECASE):
                typed = (story, para)
    where = f"{main.name} w:sectPr"
    if typed is not None:
        story, para = typed
        yield _problem("DOCX-PAGE-NUMBERS", f"the page number {_quote(para.text)} at {story.label(para.loc)} is "
                       f"typed, not a PAGE field, so it is the same on every page", story.where(para.loc))
    elif parts:
        yield _problem("DOCX-PAGE-NUMBERS", "no header or footer has a page number (a PAGE field); add page "
                       "numbers to the footer", where)
    else:
        yield _problem("DOCX-PAGE-NUMBERS", "the document has no header or footer, so no page numbers; add "
                       "page numbers to the footer", where)


def _page_field(root: etree._Element) -> bool:
    """Whether a part holds a PAGE field, simple (w:fldSimple) or complex (w:instrText)."""
    for field_el in root.iter(_q("w:fldSimple")):
        if _INSTR.search(field_el.get(_q("w:instr")) or ""):
            return True
    for p in root.iter(W_P):
        instruction = "".join(i.text or "" for i in p.iter(_q("w:instrText")))
        if instruction and _INSTR.search(instruction):
            return True
    return False


#: Every problem code, in the order the checks run, with its one-line summary.
CHECKS: dict[str, str] = {code: check.summary for code, check in CODES.items()}
#: The severity of each code in :data:`CODES` (a code always has the same severity).
SEVERITY: dict[str, Severity] = {code: check.severity for code, check in CODES.items()}


# --- the entry point --------------------------------------------------------------------

def check_docx(source: str | os.PathLike | bytes | bytearray | memoryview | io.IOBase, *,
               min_severity: Severity = Severity.INFO) -> list[Problem]:
    """The accessibility problems in a .docx, in check order and then document order.

    ``source`` is a path, the bytes of the file, or a binary file-like object. A file
    that is not a readable .docx gives a single ``DOCX-UNREADABLE`` problem and never an
    exception; a path that cannot be opened raises :class:`OSError`, and a source of
    another type :class:`TypeError`. ``min_severity`` skips checks that cannot report
    anything that serious (the renderer only needs the errors).
    """
    data = _read_source(source)
    try:
        doc = _load(data)
    except _Unreadable as exc:
        return [_problem("DOCX-UNREADABLE", str(exc), exc.where)]
    except (ValueError, TypeError, RecursionError) as exc:  # a package stranger than foreseen
        return [_problem("DOCX-UNREADABLE", f"the package cannot be read ({type(exc).__name__}: {exc})")]
    problems: list[Problem] = []
    for code, severity, check in _RUN:
        if severity < min_severity:
            continue
        try:
            problems.extend(check(doc))
        except Exception as exc:  # a strange file must give a problem, not a crash
            problems.append(_problem("DOCX-UNREADABLE", f"check {code} could not read the document "
                                     f"({type(exc).__name__}: {exc})"))
    return problems


def _read_source(source: object) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("check_docx needs a binary file object (open the file with 'rb')")
        return bytes(data)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return handle.read()
    raise TypeError(f"check_docx needs a path, bytes or a binary file object, not {type(source).__name__}")
