"""A Word document as blocks: its paragraphs (text, heading level, list kind, typed number)
and its tables (rows of cells, each a list of paragraph texts), in document order.

The package is vetted before anything is inflated (sizes from the zip's central directory),
so a zip bomb, a password-protected file or something that is not a Word document is
refused with one line. Headings are found by style (Word's own ids survive a council's
renaming), by outline level, or by the ``Title`` style; lists by Word's numbering part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cspplan.errors import CspplanError

MAX_DOCX_BYTES = 32 * 1024 * 1024
"""The largest .docx read: a long committee paper is well under 2 MB."""
MAX_PARTS_BYTES = 128 * 1024 * 1024
"""The most its parts may hold once inflated, by their declared sizes."""
MAX_PARTS = 2000
MAX_TYPES_BYTES = 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
TYPED_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\s*\.?\s*(?:\.\s+|\)\s*|\s+)(?=\S)")


@dataclass
class Para:
    """One paragraph: its text as Markdown, and how Word presents it."""

    text: str
    index: int                       # 1-based position among the document's paragraphs
    heading: int | None = None       # 0 for a title, 1..9 for headings
    list_kind: str | None = None     # "bullet", "number" or "outline" (multi-level "1.1" numbering)
    list_level: int = 0
    num_id: str | None = None
    typed_number: str | None = None  # "7.1" when the officer typed it
    bold: bool = False               # every run is bold

    @property
    def where(self) -> str:
        return f"paragraph {self.index}"


@dataclass
class Table:
    """One table: rows of cells, each cell a list of its paragraphs."""

    rows: list[list[list[Para]]]
    index: int                       # 1-based position among the document's tables
    first_paragraph: int = 0         # the paragraph number the table follows

    @property
    def where(self) -> str:
        return f"table {self.index}"

    def texts(self) -> list[list[str]]:
        """Each row as the text of its cells (paragraphs joined by line breaks)."""
        return [["\n".join(p.text for p in cell if p.text).strip() for cell in row] for row in self.rows]


@dataclass
class Document:
    blocks: list[Para | Table] = field(default_factory=list)
    title: str = ""                  # the document's core property, if set


def vet(path: Path) -> None:
    """Refuse, with one line, what is not a readable Word document or is too large to read."""
    import zipfile
    import zlib

    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise CspplanError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if magic == OLE_MAGIC:
        raise CspplanError(f"{path}: this is a password-protected Word file or an old .doc; "
                           "remove the password or save it as .docx in Word, then import it again")
    if not magic.startswith(ZIP_MAGIC):
        raise CspplanError(f"{path}: not a Word .docx file; open it in Word and save it as .docx")
    if size > MAX_DOCX_BYTES:
        raise CspplanError(f"{path}: larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB, so it was not read")
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            if len(members) > MAX_PARTS or sum(m.file_size for m in members) > MAX_PARTS_BYTES:
                raise CspplanError(f"{path}: its parts would inflate to more than "
                                   f"{MAX_PARTS_BYTES // (1024 * 1024)} MB, so it was not read")
            names = {m.filename for m in members}
            if any(m.flag_bits & 1 for m in members):
                raise CspplanError(f"{path}: this Word file is password-protected; remove the password in Word "
                                   "(File, Info, Protect Document), then import it again")
            if "[Content_Types].xml" in names:
                with package.open("[Content_Types].xml") as part:
                    if b"macroEnabled" in part.read(MAX_TYPES_BYTES):
                        raise CspplanError(f"{path}: a macro-enabled Word document; save it as a .docx "
                                           "(Word Document) and import that")
            for name in sorted(n for n in names if n.startswith("word/") and n.endswith(".xml")):
                with package.open(name) as part:
                    if b"<!DOCTYPE" in part.read(4096):
                        raise CspplanError(f"{path}: its part {name} declares a DOCTYPE, which Word never writes; "
                                           "it was not read (save the document again from Word)")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        raise CspplanError(f"{path}: a damaged Word file ({exc}); open it in Word, save a copy and import that") \
            from None
    if "word/document.xml" not in names:
        raise CspplanError(f"{path}: a zip file but not a Word document (no word/document.xml); "
                           "save it from Word as .docx")


def read(path: Path) -> Document:
    """The document's blocks, after :func:`vet`."""
    vet(path)
    try:
        import docx

        document = docx.Document(str(path))
    except CspplanError:
        raise
    except Exception as exc:  # python-docx raises many kinds for damaged parts
        raise CspplanError(f"{path}: a damaged Word file ({type(exc).__name__}: {exc}); "
                           "open it in Word, save a copy and import that") from None
    return _blocks(document)


def _blocks(document) -> Document:
    styles = _style_info(document)
    numbering = _numbering_info(document)
    links = {rid: rel.target_ref for rid, rel in document.part.rels.items() if rel.is_external}
    out = Document(title=(document.core_properties.title or "").strip())
    counter = [0, 0]

    def para(p) -> Para:
        counter[0] += 1
        return _para(p, counter[0], styles, numbering, links)

    for child in document.element.body.iterchildren():
        if child.tag == W + "p":
            out.blocks.append(para(child))
        elif child.tag == W + "tbl":
            counter[1] += 1
            rows = []
            for tr in child.iter(W + "tr"):
                cells = [[para(p) for p in tc.iter(W + "p")] for tc in tr.iterchildren(W + "tc")]
                rows.append(cells)
            out.blocks.append(Table(rows, counter[1], counter[0]))
        elif child.tag == W + "sdt":  # a content control around body content: read what it holds
            for p in child.iter(W + "p"):
                out.blocks.append(para(p))
    return out


def _style_info(document) -> dict[str, tuple[int | None, str | None]]:
    """Style id -> (heading level, numbering id) following basedOn, from the styles part."""
    root = document.styles.element
    raw: dict[str, tuple[int | None, str | None, str | None]] = {}
    for style in root.iter(W + "style"):
        sid = style.get(W + "styleId") or ""
        name_el = style.find(W + "name")
        name = name_el.get(W + "val") if name_el is not None else ""
        level = _level_of(sid, name or "")
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        if level is None and outline is not None and (outline.get(W + "val") or "").isdigit():
            value = int(outline.get(W + "val") or 9)
            level = value + 1 if value < 9 else None
        num = style.find(f"{W}pPr/{W}numPr/{W}numId")
        based = style.find(W + "basedOn")
        raw[sid] = (level, num.get(W + "val") if num is not None else None,
                    based.get(W + "val") if based is not None else None)
    resolved: dict[str, tuple[int | None, str | None]] = {}
    for sid in raw:
        level, num, based = raw[sid]  # as in Word, a style inherits its outline level and numbering
        seen = {sid}
        while based and based in raw and based not in seen and (level is None or num is None):
            seen.add(based)
            level = level if level is not None else (raw[based][0] or None)  # not a title's 0
            num = num or raw[based][1]
            based = raw[based][2]
        resolved[sid] = (level, num)
    return resolved


def _level_of(style_id: str, name: str) -> int | None:
    for text in (style_id, name):
        match = re.search(r"heading\s*([1-9])$", text, re.IGNORECASE)
        if match:
            return int(match.group(1))
    if style_id.lower() == "title" or name.lower().endswith("title"):
        return 0
    return None


def _numbering_info(document) -> dict[tuple[str, int], str]:
    """(numId, level) -> "bullet", "number" or "outline" (a level whose text has "%1.%2")."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstracts: dict[str, dict[int, str]] = {}
    for abstract in root.iter(W + "abstractNum"):
        levels = {}
        for lvl in abstract.iter(W + "lvl"):
            fmt = lvl.find(W + "numFmt")
            text = lvl.find(W + "lvlText")
            fmt_val = fmt.get(W + "val") if fmt is not None else "decimal"
            text_val = (text.get(W + "val") if text is not None else "") or ""
            kind = "bullet" if fmt_val in ("bullet", "none") else (
                "outline" if text_val.count("%") >= 2 else "number")
            levels[int(lvl.get(W + "ilvl") or 0)] = kind
        abstracts[abstract.get(W + "abstractNumId") or ""] = levels
    out: dict[tuple[str, int], str] = {}
    for num in root.iter(W + "num"):
        ref = num.find(W + "abstractNumId")
        levels = abstracts.get(ref.get(W + "val") if ref is not None else "", {})
        for level, kind in levels.items():
            out[(num.get(W + "numId") or "", level)] = kind
    return out


def _para(p, index: int, styles, numbering, links: dict[str, str]) -> Para:
    style_el = p.find(f"{W}pPr/{W}pStyle")
    style_id = style_el.get(W + "val") if style_el is not None else ""
    level, style_num = styles.get(style_id or "", (None, None))
    outline = p.find(f"{W}pPr/{W}outlineLvl")
    if level is None and outline is not None and (outline.get(W + "val") or "").isdigit():
        value = int(outline.get(W + "val") or 9)
        level = value + 1 if value < 9 else None
    num_el = p.find(f"{W}pPr/{W}numPr/{W}numId")
    ilvl_el = p.find(f"{W}pPr/{W}numPr/{W}ilvl")
    num_id = num_el.get(W + "val") if num_el is not None else style_num
    ilvl = int(ilvl_el.get(W + "val") or 0) if ilvl_el is not None else 0
    kind = numbering.get((num_id, ilvl)) if num_id and num_id != "0" else None
    text, bold = _markdown(p, links)
    typed = None
    match = TYPED_NUMBER.match(text)
    if match and kind is None and ("." in match.group(1) or level is not None
                                   or text[match.end(1):match.end(1) + 1] in ".)"):
        typed = match.group(1)
        text = text[match.end():].strip()
        if text.startswith(". "):  # "7.1 . Community Safety ..."
            text = text[2:]
    return Para(text, index, level, kind, ilvl, num_id if kind else None, typed, bold)


def _markdown(p, links: dict[str, str]) -> tuple[str, bool]:
    """The paragraph's text, with bold, italic and links as Markdown; and whether all of it is bold."""
    pieces: list[tuple[str, bool]] = []  # (text, bold)
    for node in p.iterchildren():
        if node.tag == W + "r":
            pieces.append(_run(node))
        elif node.tag == W + "hyperlink":
            text = "".join(_run(r)[0] for r in node.iter(W + "r"))
            target = links.get(node.get(R_ID) or "")
            pieces.append((f"[{text}]({target})" if target else text, False))
        elif node.tag in (W + "ins", W + "smartTag", W + "customXml", W + "fldSimple"):
            pieces += [_run(r) for r in node.iter(W + "r")]
    texted = [(t, b) for t, b in pieces if t.strip()]
    all_bold = bool(texted) and all(b for _, b in texted)
    parts: list[str] = []
    for n, (text, bold) in enumerate(pieces):
        if bold and not all_bold and text.strip():
            joined_before = n > 0 and pieces[n - 1][1] and pieces[n - 1][0].strip()
            joined_after = n + 1 < len(pieces) and pieces[n + 1][1] and pieces[n + 1][0].strip()
            lead, core, tail = _split_space(text)
            text = f"{lead}{'' if joined_before else '**'}{core}{'' if joined_after else '**'}{tail}"
        parts.append(text)
    text = "".join(parts).replace("\u00a0", " ")
    text = re.sub(r"[ \t]+", " ", text).strip()
    return text, all_bold


def _run(r) -> tuple[str, bool]:
    pieces = []
    for node in r.iterchildren():
        if node.tag == W + "t":
            pieces.append(node.text or "")
        elif node.tag == W + "tab":
            pieces.append(" ")
        elif node.tag in (W + "br", W + "cr"):
            pieces.append(" ")
    text = "".join(pieces)
    props = r.find(W + "rPr")
    bold = props is not None and props.find(W + "b") is not None and \
        (props.find(W + "b").get(W + "val") or "true") not in ("0", "false")
    italic = props is not None and props.find(W + "i") is not None and \
        (props.find(W + "i").get(W + "val") or "true") not in ("0", "false")
    if italic and text.strip():
        lead, core, tail = _split_space(text)
        text = f"{lead}*{core}*{tail}"
    return text, bool(bold)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core):]


def text_of(block: Para | Table) -> str:
    """A block as one line of text, for the officer to sort."""
    if isinstance(block, Para):
        return block.text
    return " | ".join(" / ".join(cell for cell in row if cell) for row in block.texts())
