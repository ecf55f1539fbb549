"""The house style, and councils' own templates.

``templates/house-style.docx`` is cspplan's clean, accessible default: A4, British
English, Arial 12pt body text, heading styles in a dark blue with strong contrast, a
hyperlink style, a plain bordered table style, and page numbers in the footer. It is
built by :func:`build` (``make template``) from python-docx's own template, so it can be
reproduced byte for byte.

A council's template (``--template council.docx``) is used as pandoc uses a reference
document: its styles, page setup, headers and footers are kept, its body text is not.
Any style cspplan needs that the template lacks is copied in from the house style, with a
warning.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from cspplan.errors import CspplanError
from cspplan.render.writer import STYLE_NAMES, el

if TYPE_CHECKING:
    from docx.document import Document

HOUSE_FONT = "Arial"
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

    document = docx.Document()
    _page(document)
    _styles(document)
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

    if "Hyperlink" not in [s.name for s in styles]:
        styles.element.append(el(
            "w:style", {"w:type": "character", "w:styleId": "Hyperlink"},
            el("w:name", {"w:val": "Hyperlink"}), el("w:basedOn", {"w:val": "DefaultParagraphFont"}),
            el("w:uiPriority", {"w:val": 99}), el("w:unhideWhenUsed"),
            el("w:rPr", None, el("w:color", {"w:val": LINK_COLOUR}), el("w:u", {"w:val": "single"}))))


def _footer(document) -> None:
    """Page numbers in the footer: 'Page N of M' as Word fields."""
    footer = document.sections[0].footer
    p = footer.paragraphs[0]._p
    for child in list(p):
        p.remove(child)
    p.append(el("w:pPr", None, el("w:jc", {"w:val": "center"})))

    def text(value):
        t = el("w:t")
        t.text = value
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return el("w:r", None, t)

    def field(instruction, shown):
        return el("w:fldSimple", {"w:instr": instruction}, text(shown))

    for node in (text("Page "), field(" PAGE ", "1"), text(" of "), field(" NUMPAGES ", "1")):
        p.append(node)


# --- templates ------------------------------------------------------------------------------------

MAX_TEMPLATE_BYTES = 32 * 1024 * 1024
"""The largest template file read (a council template with a logo is well under 1 MB)."""
MAX_TEMPLATE_PARTS_BYTES = 128 * 1024 * 1024
"""The most its parts may hold once inflated, by their declared sizes (a zip bomb is refused
before anything is inflated: zipfile never reads a member past its declared size)."""


def open_template(path: Path | None, warn) -> Document:
    """A Document to write into: the council's template, or the house style.

    The template's body is emptied (its last section properties, with headers, footers and
    page setup, are kept). Styles cspplan needs that the template lacks are copied from the
    house style, and ``warn`` is called with a sentence for each. A template that cannot
    be used raises :class:`~cspplan.errors.CspplanError` with one line saying why.
    """
    import docx

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
    if path is not None:
        house = docx.Document(str(house_path))
        _fill_missing_styles(document, house, warn)
    return document


def _vet_template(path: Path) -> None:
    """Refuse, in one line, a template that is not a regular, reasonably sized .docx package."""
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
            names = {m.filename.lower() for m in members}
            content_types = package.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise CspplanError(f"{path}: not a Word .docx template (it cannot be read as a zip package: {exc})") \
            from None
    if sum(m.file_size for m in members) > MAX_TEMPLATE_PARTS_BYTES:
        raise CspplanError(f"{path}: the template's parts would inflate to more than "
                           f"{MAX_TEMPLATE_PARTS_BYTES // (1024 * 1024)} MB, so it was not opened")
    if "word/vbaproject.bin" in names or b"macroEnabled" in content_types:
        raise CspplanError(f"{path}: the template contains macros; save it as a Word Document (.docx), "
                           "not a macro-enabled one")
    missing = [part for part in ("word/document.xml", "word/styles.xml") if part not in names]
    if missing:
        raise CspplanError(f"{path}: not a Word .docx template (it has no {' or '.join(missing)})")


def _fill_missing_styles(document, house, warn) -> None:
    have = {s.name for s in document.styles}
    for name in STYLE_NAMES.values():
        if name in have:
            continue
        source = next((s for s in house.styles if s.name == name), None)
        if source is None:
            continue
        document.styles.element.append(copy.deepcopy(source.element))
        warn(f"the template has no '{name}' style; using cspplan's house style for it")


def style_ids(document) -> dict[str, str]:
    """Writer style names -> style ids in this document (looked up once, by name)."""
    by_name = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            by_name[name.get(qn("w:val")).lower()] = style.get(qn("w:styleId"))
    return {key: by_name[name.lower()] for key, name in STYLE_NAMES.items() if name.lower() in by_name}


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
