"""Council templates built the way councils build them, made here rather than kept as binaries.

Each is python-docx's own template made over as a council would: its styles renamed
(keeping Word's ids, as Word does when a style is renamed, or with the council's name as
an alias), its own fonts and sizes, a logo in the header, a footer of its own, a page size
and margins of its own, a "Committee Table" style, and the hidden data a document
management system and its authors leave behind (custom properties, customXml, comments,
people, an attached template's path, document variables, editing-session ids).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

STYLE_KEYS = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5", "Heading 6",
              "List Paragraph", "Quote", "Intense Quote")
SECRET = "CASE-REF-77341"
"""Text planted in every kind of hidden data: it must appear nowhere in a paper."""


@dataclass(frozen=True)
class Council:
    name: str
    prefix: str                 # "SBC": styles become "SBC Heading 1"
    rename: str                 # "name": w:name changed, id kept; "alias": name kept, alias added
    body_font: str
    body_half_points: int
    heading_font: str
    heading_colour: str
    page_twips: tuple[int, int]
    margin_twips: int
    footer: str                 # "text": the council's text only; "page": with a PAGE field; "none"
    logo: bool
    table_fill: str | None      # the Committee Table's header shading; None: no such style
    table_text: str = "000000"


COUNCILS = {
    # A4, Arial 12, wide margins, a logo, a footer that says who but not which page
    "sbc": Council("Spelthorne Borough Council", "SBC", "name", "Arial", 24, "Arial", "0B5D1E",
                   (11906, 16838), 1800, "text", True, "0B5D1E", "FFFFFF"),
    # US Letter, Verdana 11, Word's own way of renaming (an alias), page numbers already there
    "rbc": Council("Runnymede Borough Council", "RBC", "alias", "Verdana", 22, "Georgia", "5B1A4A",
                   (12240, 15840), 1440, "page", False, "E8DDF0"),
    # A4, Calibri 12, narrow margins, a logo, no footer and no table style of its own
    "ebc": Council("Elmbridge Borough Council", "EBC", "name", "Calibri", 24, "Calibri", "003B5C",
                   (11906, 16838), 850, "none", True, None),
}


def logo_png(width: int = 120, height: int = 40) -> bytes:
    """A small, deterministic PNG: a dark green block with a lighter band (a stand-in logo)."""
    dark, light = bytes((0x0B, 0x5D, 0x1E)), bytes((0x9C, 0xD3, 0xA8))
    rows = b"".join(b"\x00" + b"".join(dark if 12 <= y < 28 or x < 20 else light for x in range(width))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def build(council: Council, folder: Path, *, alt_text: bool = True) -> Path:
    """Write ``council``'s template into ``folder``; returns its path. ``alt_text=False``
    leaves the logo without a description (a template cspplan must refuse)."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    _styles(document, council)
    section = document.sections[0]
    section.page_width, section.page_height = council.page_twips[0] * 635, council.page_twips[1] * 635
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, council.margin_twips * 635)
    header = section.header.paragraphs[0]
    if council.logo:
        header.add_run().add_picture(io.BytesIO(logo_png()), width=Cm(3.0))
        if alt_text:
            header._p.xpath(".//wp:docPr")[0].set("descr", f"{council.name} logo")
    header.add_run(f"  {council.name}")
    if council.footer != "none":
        footer = section.footer.paragraphs[0]
        footer.add_run(f"{council.name} | OFFICIAL")
        if council.footer == "page":
            _page_field(footer._p)
    document.add_paragraph(f"Body text of the template, file {SECRET}")
    document.core_properties.author = "Jane Officer"
    document.core_properties.last_modified_by = "Jane Officer"
    document.core_properties.comments = SECRET
    raw = io.BytesIO()
    document.save(raw)
    path = folder / f"{council.prefix.lower()}.docx"
    path.write_bytes(_with_hidden_data(raw.getvalue()))
    return path


def _styles(document, council: Council) -> None:
    from docx.oxml import parse_xml

    root = document.styles.element
    by_name = {s.find(f"{W}name").get(f"{W}val").lower(): s for s in root.findall(f"{W}style")}
    rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(parse_xml(f'<w:rFonts xmlns:w="{W[1:-1]}" w:ascii="{council.body_font}" '
                         f'w:hAnsi="{council.body_font}" w:cs="{council.body_font}"/>'))
    rpr.append(parse_xml(f'<w:sz xmlns:w="{W[1:-1]}" w:val="{council.body_half_points}"/>'))
    for name in STYLE_KEYS:
        style = by_name[name.lower()]
        if name.startswith(("Heading", "Title")):
            srpr = style.find(f"{W}rPr")
            for tag in ("rFonts", "color"):
                for node in srpr.findall(f"{W}{tag}"):
                    srpr.remove(node)
            srpr.insert(0, parse_xml(f'<w:rFonts xmlns:w="{W[1:-1]}" w:ascii="{council.heading_font}" '
                                     f'w:hAnsi="{council.heading_font}" w:cs="{council.heading_font}"/>'))
            srpr.append(parse_xml(f'<w:color xmlns:w="{W[1:-1]}" w:val="{council.heading_colour}"/>'))
        own = f"{council.prefix} {name}"
        if council.rename == "name":
            style.find(f"{W}name").set(f"{W}val", own)
        else:
            style.find(f"{W}name").addnext(parse_xml(f'<w:aliases xmlns:w="{W[1:-1]}" w:val="{own}"/>'))
    if council.table_fill:
        root.append(parse_xml(
            f'<w:style xmlns:w="{W[1:-1]}" w:type="table" w:customStyle="1" w:styleId="{council.prefix}Table">'
            f'<w:name w:val="Committee Table"/><w:basedOn w:val="TableNormal"/>'
            f'<w:tblPr><w:tblBorders>'
            + "".join(f'<w:{side} w:val="single" w:sz="8" w:space="0" w:color="{council.heading_colour}"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + f'</w:tblBorders></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/>'
            f'<w:color w:val="{council.table_text}"/></w:rPr><w:tcPr>'
            f'<w:shd w:val="clear" w:color="auto" w:fill="{council.table_fill}"/></w:tcPr></w:tblStylePr></w:style>'))


def _page_field(p) -> None:
    """' - Page N -' as a complex field (begin, instruction, separate, result, end), as Word writes it."""
    from docx.oxml import parse_xml

    ns = f'xmlns:w="{W[1:-1]}"'
    for xml in (f'<w:r {ns}><w:t xml:space="preserve"> - Page </w:t></w:r>',
                f'<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {ns}><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>',
                f'<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {ns}><w:t>1</w:t></w:r>',
                f'<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
        p.append(parse_xml(xml))


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HIDDEN = {
    "docProps/custom.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="DMS Reference">'
        f'<vt:lpwstr>{SECRET}</vt:lpwstr></property></Properties>'),
    "customXml/item9.xml": f'<?xml version="1.0" encoding="UTF-8"?><dms><owner>{SECRET}</owner></dms>',
    "word/comments.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W[1:-1]}">'
        f'<w:comment w:id="0" w:author="Jane Officer" w:initials="JO"><w:p><w:r><w:t>Do not publish {SECRET}'
        '</w:t></w:r></w:p></w:comment></w:comments>'),
    "word/people.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
        f'<w15:person w15:author="Jane Officer"><w15:presenceInfo w15:providerId="AD" w15:userId="{SECRET}"/>'
        '</w15:person></w15:people>'),
    "word/_rels/settings.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/attachedTemplate" '
        f'Target="file:///C:/Users/jofficer/{SECRET}/SBC-report.dotm" TargetMode="External"/></Relationships>'),
}
_TYPES = ('<Override PartName="/docProps/custom.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
          '<Override PartName="/word/comments.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
          '<Override PartName="/word/people.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/>')


def _with_hidden_data(blob: bytes) -> bytes:
    """``blob`` with the hidden data a document management system and its users leave behind."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", _TYPES.encode() + b"</Types>")
            elif info.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'))
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rId90" Type="{_REL}/customXml" Target="../customXml/item9.xml"/>'
                    f'<Relationship Id="rId91" Type="{_REL}/comments" Target="comments.xml"/>'
                    '<Relationship Id="rId92" Type="http://schemas.microsoft.com/office/2011/relationships/people" '
                    'Target="people.xml"/></Relationships>').encode())
            elif info.filename == "word/settings.xml":
                data = data.replace(b"<w:zoom ", (
                    f'<w:attachedTemplate r:id="rId1"/><w:docVars><w:docVar w:name="DMSRef" w:val="{SECRET}"/>'
                    '</w:docVars><w:zoom ').encode(), 1)
            elif info.filename == "word/document.xml":
                data = data.replace(b"<w:r>", (
                    b'<w:commentRangeStart w:id="0"/><w:r>'), 1)
            zout.writestr(info.filename, data)
        for name, text in _HIDDEN.items():
            zout.writestr(name, text)
    return out.getvalue()
