"""Check a .docx for what the accessibility regulations need of a published Word document.

The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
Regulations 2018 cover documents a council publishes on its website; GDS monitors them
against WCAG 2.2 AA. :func:`check_docx` reads the package with :mod:`zipfile` and lxml
(no python-docx, no Word) and returns a :class:`Problem` for each thing in the file that
fails a criterion a machine can judge: the title, the language, the heading outline,
simple tables with a repeating header row, alternative text, reading order, link text
and layout hacks. What needs a person (is the alt text meaningful? is the colour the only
signal?) is not judged here.

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

import inspect
import io
import os
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

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
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships/"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _q(name: str) -> str:
    """Clark notation for a prefixed name: ``_q("w:p")`` is ``{...main}p``."""
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


W_P, W_T, W_TAB, W_BR, W_CR = _q("w:p"), _q("w:t"), _q("w:tab"), _q("w:br"), _q("w:cr")
W_TBL, W_TR, W_TC = _q("w:tbl"), _q("w:tr"), _q("w:tc")
W_PPR, W_TRPR, W_TCPR = _q("w:pPr"), _q("w:trPr"), _q("w:tcPr")
W_VAL, W_PSTYLE, W_OUTLINE = _q("w:val"), _q("w:pStyle"), _q("w:outlineLvl")
W_TXBX = _q("w:txbxContent")
W_HYPERLINK = _q("w:hyperlink")
_PPR_JC = f"{W_PPR}/{_q('w:jc')}"
WP_DOCPR, WP_ANCHOR = _q("wp:docPr"), _q("wp:anchor")
MC_FALLBACK = _q("mc:Fallback")
R_ID = _q("r:id")
W_ANCHOR_ATTR = _q("w:anchor")

# Elements that only wrap block content (paragraphs, tables, rows or cells).
_CONTAINERS = frozenset(_q(n) for n in (
    "w:sdt", "w:sdtContent", "w:customXml", "w:footnote", "w:endnote",
    "mc:AlternateContent", "mc:Choice"))

# A paragraph with no text is still not "empty" if it holds one of these.
_HAS_CONTENT = etree.XPath(
    "boolean(.//w:drawing | .//w:pict | .//w:object | .//w:br[@w:type='page'] "
    "| ./w:pPr/w:sectPr | .//w:fldSimple | .//w:instrText | .//w:sym | .//m:oMath)",
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


@dataclass
class _Para:
    el: etree._Element
    loc: str          # "paragraph 3" or "table 1 row 2 cell 1"
    text: str         # whitespace collapsed
    number: int       # N in "paragraph N"; 0 inside a table
    block: int        # index among the story's top-level blocks (paragraphs and tables)

    @property
    def top(self) -> bool:
        """Whether the paragraph is outside tables."""
        return self.number > 0


@dataclass
class _Table:
    el: etree._Element
    number: int
    parent: str | None  # the cell it is nested in, e.g. "table 1 row 2 cell 1"
    rows: list[etree._Element] = field(default_factory=list)         # w:tr
    cells: list[list[etree._Element]] = field(default_factory=list)  # w:tc, by row


class _Story:
    """A part that holds text: the main document, a header, a footer or the notes."""

    def __init__(self, name: str, root: etree._Element, rels: dict[str, _Rel], main: bool):
        self.name, self.root, self.rels, self.main = name, root, rels, main
        folder, base = posixpath.split(name)
        self.rels_name = posixpath.join(folder, "_rels", base + ".rels")
        for fallback in list(root.iter(MC_FALLBACK)):  # the same content again, for old readers
            fallback.getparent().remove(fallback)
        self.paragraphs: list[_Para] = []
        self.tables: list[_Table] = []
        self._by_element: dict[etree._Element, _Para] = {}
        self._top = 0
        self._blocks = 0
        body = root.find(_q("w:body")) if main else root
        self._walk(body if body is not None else root, None)

    def _walk(self, container: etree._Element, cell: str | None) -> None:
        for child in container:
            tag = child.tag
            if tag == W_P:
                if cell is None:
                    self._top += 1
                    self._blocks += 1
                number = 0 if cell else self._top
                para = _Para(child, cell or f"paragraph {number}", _paragraph_text(child),
                             number, self._blocks)
                self.paragraphs.append(para)
                self._by_element[child] = para
            elif tag == W_TBL:
                if cell is None:
                    self._blocks += 1
                self._walk_table(child, cell)
            elif tag in _CONTAINERS:
                self._walk(child, cell)

    def _walk_table(self, tbl: etree._Element, parent: str | None) -> None:
        table = _Table(tbl, len(self.tables) + 1, parent)
        self.tables.append(table)
        for r, tr in enumerate(_children(tbl, W_TR), 1):
            cells = list(_children(tr, W_TC))
            table.rows.append(tr)
            table.cells.append(cells)
            for c, tc in enumerate(cells, 1):
                self._walk(tc, f"table {table.number} row {r} cell {c}")

    def where(self, loc: str) -> str:
        return f"{self.name} {loc}"

    def label(self, loc: str) -> str:
        """A place for a message: ``paragraph 3``, or ``paragraph 1 of word/header1.xml``."""
        return loc if self.main else f"{loc} of {self.name}"

    def paragraph_of(self, el: etree._Element) -> _Para | None:
        """The paragraph (outside text boxes) that holds ``el``."""
        node = el.getparent()
        while node is not None:
            if node.tag == W_P and node in self._by_element:
                return self._by_element[node]
            node = node.getparent()
        return None

    def loc_of(self, el: etree._Element) -> str:
        para = self.paragraph_of(el)
        return para.loc if para is not None else "(outside any paragraph)"


class _Styles:
    """styles.xml: the document defaults and each style, with basedOn inheritance."""

    def __init__(self, root: etree._Element | None):
        self.root = root
        self.by_id: dict[str, etree._Element] = {}
        self.default_paragraph: str | None = None
        self._levels: dict[str | None, int | None] = {}
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

    def style_of(self, p: etree._Element) -> str | None:
        """The paragraph's style id; the default paragraph style when it names none or a
        missing one (ISO/IEC 29500-1 17.7.4.17)."""
        ppr = p.find(W_PPR)
        pstyle = None if ppr is None else ppr.find(W_PSTYLE)
        sid = None if pstyle is None else pstyle.get(W_VAL)
        return sid if sid in self.by_id else self.default_paragraph

    def level_of(self, p: etree._Element) -> int | None:
        """The heading level (1-9) of a paragraph, or None for body text."""
        ppr = p.find(W_PPR)
        if ppr is not None:
            direct = _outline_level(ppr.find(W_OUTLINE))
            if direct is not None:
                return direct or None
        sid = self.style_of(p)
        if sid not in self._levels:
            self._levels[sid] = self._style_level(sid)
        return self._levels[sid]

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
    return _Docx(package.xml(core_name), _Styles(package.xml(styles_name)), styles_name,
                 stories[0], stories)


def _target(rels: dict[str, _Rel], rel_type: str, fallback: str) -> str:
    for rel in rels.values():
        if rel.type == rel_type and not rel.external and rel.target:
            return rel.target
    return fallback


# --- small helpers ----------------------------------------------------------------------

def _path(path: str) -> str:
    """An ElementPath in Clark notation for ``w:pPr/w:jc``."""
    return "/".join(_q(step) for step in path.split("/"))


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Child elements with ``tag``, looking through content controls and the like."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _paragraph_text(p: etree._Element) -> str:
    """The paragraph's text with whitespace collapsed, leaving out any text box in it."""
    nodes: Iterable[etree._Element] = p.iter(W_T, W_TAB, W_BR, W_CR)
    if p.find(f".//{W_TXBX}") is not None:  # rare, so the slow filter is fine
        nodes = [n for n in nodes if not any(a.tag == W_TXBX for a in n.iterancestors())]
    return " ".join("".join((n.text or "") if n.tag == W_T else " " for n in nodes).split())


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
        level = doc.styles.level_of(para.el)
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
        trpr = table.rows[0].find(W_TRPR)
        if trpr is None or not _on(trpr.find(_q("w:tblHeader"))):
            first = " | ".join(_cell_text(tc) for tc in table.cells[0]).strip(" |")
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
        for r, row in enumerate(table.cells, 1):
            for c, tc in enumerate(row, 1):
                tcpr = tc.find(W_TCPR)
                if tcpr is None:
                    continue
                loc = f"table {table.number} row {r} cell {c}"
                span = _int(_val(tcpr, "w:gridSpan"))
                if span is not None and span > 1:
                    yield _problem("DOCX-MERGED-CELLS", f"{loc} spans {span} columns (merged cells)",
                                   story.where(loc))
                if tcpr.find(_q("w:vMerge")) is not None:
                    yield _problem("DOCX-MERGED-CELLS", f"{loc} is merged with the cell above or below "
                                   f"(w:vMerge)", story.where(loc))
                if tcpr.find(_q("w:hMerge")) is not None:
                    yield _problem("DOCX-MERGED-CELLS", f"{loc} is merged with the cell beside it "
                                   f"(w:hMerge)", story.where(loc))


def _val(parent: etree._Element, name: str) -> str | None:
    el = parent.find(_q(name))
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
        for r, row in enumerate(table.cells, 1):
            for c, tc in enumerate(row, 1):
                tcpr = tc.find(W_TCPR)
                if tcpr is not None:
                    vmerge = tcpr.find(_q("w:vMerge"))
                    if (vmerge is not None and vmerge.get(W_VAL) != "restart") or \
                            tcpr.find(_q("w:hMerge")) is not None:
                        continue  # the continuation of a merged cell (DOCX-MERGED-CELLS)
                if _cell_text(tc) or any(_HAS_CONTENT(p) for p in tc.iter(W_P)):
                    continue
                loc = f"table {table.number} row {r} cell {c}"
                yield _problem("DOCX-EMPTY-CELL", f"{loc} is empty", story.where(loc))


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
        for docpr in story.root.iter(WP_DOCPR):
            if docpr.getparent() is None or docpr.getparent().tag not in (_q("wp:inline"), WP_ANCHOR):
                continue
            if (docpr.get("descr") or "").strip() or _decorative(docpr):
                continue
            loc = story.loc_of(docpr)
            yield _problem("DOCX-ALT-TEXT", f"image {_quote(docpr.get('name') or 'unnamed')} "
                           f"({story.label(loc)}) has no alternative text and is not marked decorative",
                           story.where(loc))


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
    for anchor in story.root.iter(WP_ANCHOR):
        docpr = anchor.find(WP_DOCPR)
        name = "unnamed" if docpr is None else docpr.get("name") or "unnamed"
        loc = story.loc_of(anchor)
        yield _problem("DOCX-FLOATING", f"object {_quote(name)} ({loc}) floats over the text (wp:anchor); "
                       f"put it in line with text", story.where(loc))
    for box in story.root.iter(W_TXBX):
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
        for link in story.root.iter(W_HYPERLINK):
            loc = story.loc_of(link)
            where, place = story.where(loc), story.label(loc)
            text = _text(link)
            shown = text or "(no text)"
            if not text:
                if not any((d.get("descr") or "").strip() for d in link.iter(WP_DOCPR)):
                    yield _problem("DOCX-LINK-TEXT", f"the link at {place} has no text", where)
            elif text.strip(" .,;:!?…").lower() in GENERIC_LINK_TEXT:
                yield _problem("DOCX-LINK-TEXT", f"link text {_quote(text)} ({place}) does not say where "
                               f"the link goes", where)
            elif BARE_URL.match(text):
                yield _problem("DOCX-LINK-TEXT", f"link text {_quote(text)} ({place}) is a bare web "
                               f"address; describe where it goes instead", where)
            rid = link.get(R_ID)
            if rid is None:
                if not link.get(W_ANCHOR_ATTR):
                    yield _problem("DOCX-LINK-TARGET", f"link {_quote(shown)} ({place}) has no target "
                                   f"(neither r:id nor w:anchor)", where)
                continue
            rel = story.rels.get(rid)
            if rel is None:
                yield _problem("DOCX-LINK-TARGET", f"link {_quote(shown)} ({place}) points to relationship "
                               f"{rid}, which {story.rels_name} does not have", where)
            elif rel.type != _DOC_REL + "hyperlink" or not rel.target:
                yield _problem("DOCX-LINK-TARGET", f"link {_quote(shown)} ({place}) points to relationship "
                               f"{rid}, which is not a hyperlink with a target", where)


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
    for para in story.paragraphs:
        jc = para.el.find(_PPR_JC)
        if jc is not None:
            if jc.get(W_VAL) in _JUSTIFIED:
                yield _problem("DOCX-JUSTIFIED", f"{para.loc} {_quote(para.text)} is justified; align "
                               f"it left", story.where(para.loc))
            continue
        jc, sid = styles.inherited(styles.style_of(para.el), "w:pPr/w:jc")
        if jc is None:
            jc = styles.default("w:pPrDefault/w:pPr/w:jc")
            if jc is not None and jc.get(W_VAL) in _JUSTIFIED:
                by_default.append(para)
        elif sid and jc.get(W_VAL) in _JUSTIFIED:
            by_style.setdefault(sid, []).append(para)
    for sid, paras in by_style.items():
        yield _problem("DOCX-JUSTIFIED", f"style {_quote(styles.name(sid))} is justified, which "
                       f"{_count(paras)}", f"{doc.styles_name} style {sid}")
    if by_default:
        yield _problem("DOCX-JUSTIFIED", f"the document defaults justify text, which "
                       f"{_count(by_default)}", f"{doc.styles_name} w:docDefaults")


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
        except Exception as exc:  # noqa: BLE001 - a strange file must give a problem, not a crash
            problems.append(_problem("DOCX-UNREADABLE", f"check {code} could not read the document "
                                     f"({type(exc).__name__}: {exc})"))
    return problems


def _read_source(source: object) -> bytes:
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if hasattr(source, "read"):
        data = source.read()  # type: ignore[union-attr]
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("check_docx needs a binary file object (open the file with 'rb')")
        return bytes(data)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return handle.read()
    raise TypeError(f"check_docx needs a path, bytes or a binary file object, not {type(source).__name__}")
