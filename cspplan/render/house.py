"""The house style, and councils' own templates.

``templates/house-style.docx`` is cspplan's clean, accessible default: A4, British
English, Arial 12pt body text, heading styles in a dark blue with strong contrast, a
hyperlink style, a plain bordered table style, and page numbers in the footer. It is
built by :func:`build` (``make template``) from python-docx's own template, so it can be
reproduced byte for byte.

A council's template (``--template council.docx``) is used as pandoc uses a reference
document: its styles, numbering, theme, fonts, page setup, headers and footers are kept,
its body text is not, and its hidden data is stripped (:mod:`cspplan.render.scrub`).
A style the paper uses is found in the template by its name, then by one of its aliases,
then by Word's style id for it (so "SBC Heading 1" with the id ``Heading1`` is the
council's Heading 1); only a style found none of these ways is copied in from the house
style, with a warning, so the paper ends with one style per style id. Tables use the
template's table style called "Committee Table" (id ``CommitteeTable``), else the house
style's own, which shades the header row. The footer keeps the council's text and gains
"Page N of M" when it has no page number.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from cspplan.errors import CspplanError
from cspplan.render.writer import STYLE_NAMES, el

if TYPE_CHECKING:
    from docx.document import Document

HOUSE_FONT = "Arial"
HEADER_FILL = "D9E2F3"                        # the house table header row: black text at 14.6:1
TABLE_STYLE_ID = "CommitteeTable"
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)   # 11.6:1 on white
LINK_COLOUR = "0B4F9E"                        # 8.1:1 on white
TEMPLATE_NAME = "house-style.docx"


def template_path() -> Path:
    """The shipped house style: inside the installed package, or in the source tree."""
    from importlib import resources

    packaged = resources.files("cspplan") / "templates" / TEMPLATE_NAME
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent.parent / "templates" / TEMPLATE_NAME


def build(path: Path) -> None:
    """Write templates/house-style.docx from python-docx's default template."""
    import docx

    from cspplan.render.package import save

    from cspplan.render import scrub

    document = docx.Document()
    scrub.clean(document)
    _page(document)
    _styles(document)
    _table_style(document)
    _footer(document)
    props = document.core_properties
    props.title = "cspplan house style"
    save(document, path, when=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
         author="cspplan", title="cspplan house style", subject="Committee report template")


def _page(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.54)
        section.top_margin = section.bottom_margin = Cm(2.54)


def _styles(document) -> None:
    styles = document.styles
    # Document defaults: Arial 12pt, British English (python-docx's template says en-US).
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(el("w:rFonts", {"w:ascii": HOUSE_FONT, "w:hAnsi": HOUSE_FONT, "w:cs": HOUSE_FONT,
                               "w:eastAsia": HOUSE_FONT}))
    rpr.append(el("w:sz", {"w:val": 24}))
    rpr.append(el("w:szCs", {"w:val": 24}))
    rpr.append(el("w:lang", {"w:val": "en-GB", "w:eastAsia": "en-GB", "w:bidi": "ar-SA"}))
    ppr = styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(el("w:spacing", {"w:after": 120, "w:line": 276, "w:lineRule": "auto"}))

    sizes = {"Title": 26, "Heading 1": 20, "Heading 2": 16, "Heading 3": 14, "Heading 4": 12,
             "Heading 5": 12, "Heading 6": 12}
    for name, size in sizes.items():
        style = styles[name]
        font = style.font
        font.name = HOUSE_FONT
        font.size = Pt(size)
        font.bold = True
        font.italic = False
        font.color.rgb = HEADING_COLOUR
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
    title = styles["Title"]
    tppr = title.element.get_or_add_pPr()
    for border in tppr.findall(qn("w:pBdr")):
        tppr.remove(border)

    for name in ("Quote", "Intense Quote"):
        style = styles[name]
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = name == "Intense Quote"
    # A quotation is set in from both margins with a rule down its left side (in the
    # heading colour), so that it does not read as the partnership's own words; its text
    # stays black, for contrast.
    quote = styles["Quote"].element.get_or_add_pPr()
    quote.append(el("w:pBdr", None, el("w:left", {"w:val": "single", "w:sz": 18, "w:space": 8,
                                                  "w:color": str(HEADING_COLOUR)})))
    quote.append(el("w:ind", {"w:left": 567, "w:right": 567}))

    if "Hyperlink" not in [s.name for s in styles]:
        styles.element.append(el(
            "w:style", {"w:type": "character", "w:styleId": "Hyperlink"},
            el("w:name", {"w:val": "Hyperlink"}), el("w:basedOn", {"w:val": "DefaultParagraphFont"}),
            el("w:uiPriority", {"w:val": 99}), el("w:unhideWhenUsed"),
            el("w:rPr", None, el("w:color", {"w:val": LINK_COLOUR}), el("w:u", {"w:val": "single"}))))


def _table_style(document) -> None:
    """The house table style: Table Grid's borders, with a bold, lightly shaded header row."""
    styles = document.styles.element
    grid = next(s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == "TableGrid")
    style = copy.deepcopy(grid)
    style.set(qn("w:styleId"), TABLE_STYLE_ID)
    style.find(qn("w:name")).set(qn("w:val"), STYLE_NAMES["table"])
    style.append(el("w:tblStylePr", {"w:type": "firstRow"},
                    el("w:rPr", None, el("w:b"), el("w:bCs")),
                    el("w:tcPr", None, el("w:shd", {"w:val": "clear", "w:color": "auto",
                                                    "w:fill": HEADER_FILL}))))
    grid.addnext(style)
    # python-docx's template defines some ninety of Word's table styles (Light Grid Accent 1
    # and the like) that no paper uses: nine tenths of styles.xml, which every paper would
    # otherwise carry, and every reader parse. Word keeps them as built-in styles anyway.
    kept = {"TableNormal", "TableGrid", TABLE_STYLE_ID}
    for unused in [s for s in styles.findall(qn("w:style"))
                   if s.get(qn("w:type")) == "table" and s.get(qn("w:styleId")) not in kept]:
        styles.remove(unused)


def page_number_paragraph():
    """A centred "Page N of M" paragraph made of Word fields (updated by Word and LibreOffice)."""
    def text(value):
        t = el("w:t")
        t.text = value
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return el("w:r", None, t)

    def field(instruction, shown):
        return el("w:fldSimple", {"w:instr": instruction}, text(shown))

    return el("w:p", None, el("w:pPr", None, el("w:jc", {"w:val": "center"})),
              text("Page "), field(" PAGE ", "1"), text(" of "), field(" NUMPAGES ", "1"))


def _footer(document) -> None:
    """Page numbers in the footer: 'Page N of M' as Word fields."""
    footer = document.sections[0].footer
    p = footer.paragraphs[0]._p
    p.addnext(page_number_paragraph())
    p.getparent().remove(p)


# --- templates ------------------------------------------------------------------------------------

MAX_TEMPLATE_BYTES = 32 * 1024 * 1024
"""The largest template file read (a council template with a logo is well under 1 MB)."""
MAX_TEMPLATE_PARTS_BYTES = 128 * 1024 * 1024
"""The most its parts may hold once inflated, by their declared sizes (a zip bomb is refused
before anything is inflated: zipfile never reads a member past its declared size)."""


def open_template(path: Path | None, warn) -> Document:
    """A Document to write into: the council's template, or the house style.

    The template's body is emptied (its last section properties, with headers, footers and
    page setup, are kept) and its hidden data stripped. Styles cspplan needs that the
    template lacks are copied from the house style, and ``warn`` is called with a sentence
    for each; a footer without a page number gets one. A template that cannot be used
    raises :class:`~cspplan.errors.CspplanError` with one line saying why.
    """
    import docx

    from cspplan.render import scrub

    house_path = template_path()
    if path is not None:
        _vet_template(path)
    try:
        document = docx.Document(str(path or house_path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise CspplanError(f"{path}: not a Word .docx template ({type(exc).__name__})") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    scrub.clean(document)
    if path is not None:
        house = docx.Document(str(house_path))
        _fill_missing_styles(document, house, warn)
        _one_style_per_id(document, warn)
        ensure_page_numbers(document, warn)
    return document


def _vet_template(path: Path) -> None:
    """Refuse, in one line, a template that is not a regular, reasonably sized .docx package.

    Sizes are judged from the zip's central directory before any part is inflated, and
    an XML part that declares a document type (the way entity "bombs" are built; Office
    documents never have one) is refused.
    """
    import stat
    import zipfile

    try:
        info = path.stat()
    except OSError as exc:
        raise CspplanError(f"{path}: {(exc.strerror or str(exc)).lower()}") from None
    if not stat.S_ISREG(info.st_mode):
        raise CspplanError(f"{path}: the template is not a regular file")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise CspplanError(f"{path}: the template is larger than {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB; "
                           "save a copy without the body text and pictures it does not need")
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            if sum(m.file_size for m in members) > MAX_TEMPLATE_PARTS_BYTES:
                raise CspplanError(f"{path}: the template's parts would inflate to more than "
                                   f"{MAX_TEMPLATE_PARTS_BYTES // (1024 * 1024)} MB, so it was not opened")
            names = {m.filename.lower(): m for m in members}
            content_types = package.read(names["[content_types].xml"]) if "[content_types].xml" in names else b""
            _vet_names(path, set(names), content_types)
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")) and _declares_doctype(package, member):
                    raise CspplanError(f"{path}: the template's {member.filename} declares a document type "
                                       "(XML entities), which a Word document never has; it was not opened")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise CspplanError(f"{path}: not a Word .docx template (it cannot be read as a zip package: {exc})") \
            from None


def _vet_names(path: Path, names: set[str], content_types: bytes) -> None:
    if "word/vbaproject.bin" in names or b"macroEnabled" in content_types:
        raise CspplanError(f"{path}: the template contains macros; save it as a Word Document (.docx), "
                           "not a macro-enabled one")
    missing = [part for part in ("word/document.xml", "word/styles.xml") if part not in names]
    if missing:
        raise CspplanError(f"{path}: not a Word .docx template (it has no {' or '.join(missing)})")


DOCTYPE_WINDOW = 64 * 1024
"""How much of the start of each XML part is searched for a document type declaration (it
can only come before the root element; python-docx's parser expands no entities anyway)."""


def _declares_doctype(package, member) -> bool:
    with package.open(member) as stream:
        head = stream.read(DOCTYPE_WINDOW)
    return b"<!doctype" in head.lower() or b"<!entity" in head.lower()


# --- styles -------------------------------------------------------------------------------------

_STYLE_TYPES = {"table": "table", "hyperlink": "character"}


def canonical_id(name: str) -> str:
    """Word's style id for a built-in style name ("Heading 1" -> "Heading1")."""
    return re.sub(r"[^A-Za-z0-9]", "", name)


def find_style(document, key: str):
    """The template's w:style for the writer's style ``key`` (see writer.STYLE_NAMES), or None.

    By name, then by an alias (Word keeps a council's own name for a built-in style as an
    alias: "heading 1" with alias "SBC Heading 1"), then by Word's id for it (a renamed
    style keeps its id: "SBC Heading 1" is still ``Heading1``); always of the right type.
    """
    name = STYLE_NAMES[key].lower()
    kind = _STYLE_TYPES.get(key, "paragraph")
    candidates = [s for s in document.styles.element.findall(qn("w:style"))
                  if (s.get(qn("w:type")) or "paragraph") == kind]

    def value(style, tag):
        node = style.find(qn(tag))
        return (node.get(qn("w:val")) or "") if node is not None else ""

    for test in (lambda s: value(s, "w:name").lower() == name,
                 lambda s: name in [a.strip().lower() for a in value(s, "w:aliases").split(",")],
                 lambda s: s.get(qn("w:styleId")) == canonical_id(STYLE_NAMES[key])):
        found = next((s for s in candidates if test(s)), None)
        if found is not None:
            return found
    return None


def _fill_missing_styles(document, house, warn) -> None:
    for key, name in STYLE_NAMES.items():
        if find_style(document, key) is not None:
            continue
        source = find_style(house, key)
        if source is None:
            continue
        document.styles.element.append(copy.deepcopy(source))
        if key != "table":  # documented: without a "Committee Table" the house table style is used
            warn(f"the template has no '{name}' style; using cspplan's house style for it")


def _one_style_per_id(document, warn) -> None:
    """Keep the first style with each id (the council's own); Word and LibreOffice disagree about
    which of two styles with one id to use."""
    seen: set[str] = set()
    for style in document.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        if style_id in seen:
            style.getparent().remove(style)
            warn(f"the template defines the style id '{style_id}' more than once; the first is used")
        seen.add(style_id)


def style_ids(document) -> dict[str, str]:
    """Writer style names -> style ids in this document (looked up once)."""
    found = {key: find_style(document, key) for key in STYLE_NAMES}
    return {key: style.get(qn("w:styleId")) for key, style in found.items() if style is not None}


# --- page numbers -------------------------------------------------------------------------------

_PAGE_FIELD = re.compile(r"(?<![A-Za-z])PAGE(?![A-Za-z])")


def has_page_number(root) -> bool:
    """Whether a header or footer shows the page number (a PAGE field, simple or complex)."""
    if root.find(".//" + qn("w:pgNum")) is not None:
        return True
    simple = [f.get(qn("w:instr")) or "" for f in root.iter(qn("w:fldSimple"))]
    complex_ = "".join(t.text or "" for t in root.iter(qn("w:instrText")))
    return any(_PAGE_FIELD.search(text) for text in [*simple, complex_])


def ensure_page_numbers(document, warn) -> None:
    """Every page the paper numbers shows its number: the council's footer is kept and "Page N
    of M" added below its text when it has none (nor its header); a template without a footer
    gets one. The first-page footer of a template with a separate title page is left as the council made it."""
    even = document.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    for section in document.sections:
        footers = [("", section.footer, section.header)]
        if even:
            footers.append(("even-page ", section.even_page_footer, section.even_page_header))
        for label, footer, header in footers:
            if not header.is_linked_to_previous and has_page_number(header._element):
                continue  # numbered in the header, as some councils do
            if footer.is_linked_to_previous:
                footer.is_linked_to_previous = False  # a new, empty footer
                root = footer._element
                for child in list(root):
                    root.remove(child)
                root.append(page_number_paragraph())
                warn(f"the template has no {label}footer; cspplan added one with page numbers")
            elif not has_page_number(footer._element):
                footer._element.append(page_number_paragraph())
                warn(f"the template's {label}footer has no page number; 'Page N of M' was added below its text")


def ensure_language(document, language: str) -> None:
    """Make ``language`` the document's default language (docDefaults), whatever the template says."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = el("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = el("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = el("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def ensure_numbering_part(document) -> None:
    """Give a template without numbering.xml the house style's (python-docx cannot create one)."""
    try:
        _ = document.part.numbering_part  # raises when the template has no numbering part
        return
    except (NotImplementedError, KeyError):
        pass
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    house = docx.Document(str(template_path()))
    blob = house.part.numbering_part.blob
    part = NumberingPart.load(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, blob, document.part.package)
    document.part.relate_to(part, RT.NUMBERING)
