"""Saving a document so that the same input always gives the same bytes, and never half a file.

python-docx stamps zip entries with the time of saving and leaves its own template's
metadata in docProps/core.xml ("python-docx", 2013). Here the core properties come from
the plan, every zip entry gets a fixed date and the file is written to a temporary file
beside the target and renamed over it, so a failed render leaves an earlier output as
it was.

Core properties (title, subject, author ...) hold at most 255 characters: python-docx
refuses longer ones, and Word's Properties dialog cuts them off. A plan's title, its
report's title, its author or partnership name may be longer, and that is no reason to
refuse the paper (the full text is in the document itself), so :func:`fit_property`
shortens them (:func:`shorten`, at a word boundary with an ellipsis).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from cspplan.files import write_atomic

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

MAX_PROPERTY = 255
"""The most characters a core property holds (counted in UTF-16 units, as Word counts)."""

ELLIPSIS = "\u2026"

# Characters XML 1.0 cannot hold at all (lone surrogates, most C0 controls, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Spaces a line may not break at: a cut there would split what the writer joined.
_NO_BREAK = frozenset("\u00a0\u2007\u202f")
# Characters that belong to the one before them: never the first one cut off.
_JOINERS = frozenset("\u200d\u034f\u20e3")
# Directional embeddings and isolates (and their ends), which the ellipsis must not fall inside.
_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
_CLOSERS = frozenset("\u202c\u2069")


def _units(text: str) -> int:
    """Length in UTF-16 code units (a character outside the Basic Multilingual Plane is two)."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _belongs_to_previous(char: str) -> bool:
    """A combining mark, joiner, variation selector or skin-tone modifier: part of the previous character."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Me", "Mc") or char in _JOINERS
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F)  # tag characters (flag sequences)


def _close_directions(text: str) -> str:
    """Close the embeddings and isolates left open in ``text`` (a cut may have dropped their ends)."""
    stack: list[str] = []
    for char in text:
        if char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char in _CLOSERS:
            # A pop-directional-formatting ends the innermost embedding, an isolate end the isolate.
            while stack and stack[-1] != char:
                stack.pop()
            if stack:
                stack.pop()
    return text + "".join(reversed(stack))


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF  # two of these make one flag


def _cut(text: str, budget: int) -> str:
    """The longest start of ``text`` within ``budget`` UTF-16 units that ends between two
    whole characters (a letter and its combining marks, an emoji sequence, a flag)."""
    used = cut = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > budget:
            cut = index
            break
    else:
        return text
    # Back to the start of the character cut into: past its marks, and past every piece of
    # a sequence joined with U+200D (the "family" emoji).
    while cut > 0 and (_belongs_to_previous(text[cut]) or text[cut - 1] in _JOINERS):
        cut -= 1
    if cut > 0 and _regional(text[cut]):
        pairs = 0
        while cut - pairs - 1 >= 0 and _regional(text[cut - pairs - 1]):
            pairs += 1
        cut -= pairs % 2
    return text[:cut]


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` UTF-16 units. A longer text is cut at the last space that
    keeps at least half of what fits (else between two whole characters) and ends with an
    ellipsis; right-to-left embeddings the cut leaves open are closed, so the ellipsis is
    not drawn inside them.

    >>> shorten("Word " * 60, 255)[-15:]
    'Word Word Word\u2026'
    """
    if _units(text) <= limit:
        return text
    budget = limit - _units(ELLIPSIS)
    while True:
        head = _cut(text, budget)
        space = max((i for i, c in enumerate(head) if c.isspace() and c not in _NO_BREAK), default=-1)
        if space >= len(head) // 2 and not text[len(head)].isspace():  # not already at the end of a word
            head = head[:space]
        head = head.rstrip()
        while head and (head[-1] in _OPENERS or head[-1].isspace()):
            head = head[:-1]
        head = head.rstrip(" ,;:\u2013\u2014-").rstrip()
        fitted = _close_directions(head) + ELLIPSIS
        if _units(fitted) <= limit:
            return fitted
        budget -= _units(fitted) - limit  # closing marks took the room: cut more


def fit_property(value: object) -> str:
    """``value`` as the text of a core property: without characters XML cannot hold, and
    shortened to :data:`MAX_PROPERTY`."""
    return shorten(_XML_ILLEGAL.sub("", str(value)), MAX_PROPERTY)


def to_bytes(document, *, when: dt.datetime, author: str, title: str, subject: str,
             language: str = "en-GB", keywords: str = "") -> bytes:
    """The document as reproducible .docx bytes."""
    props = document.core_properties
    props.title = fit_property(title)
    props.subject = fit_property(subject)
    props.author = fit_property(author)
    props.last_modified_by = fit_property(author)
    props.created = when
    props.modified = when
    for element in (props._element.created, props._element.modified):
        # python-docx writes the year with strftime, which drops leading zeros ("1-01-05"):
        # W3CDTF needs four digits.
        element.text = f"{when.year:04d}-{when:%m-%dT%H:%M:%SZ}"
    props.revision = 1
    props.comments = ""
    props.keywords = fit_property(keywords)
    props.category = "Committee report"
    props.language = fit_property(language)
    props.content_status = ""
    for tag in _TEMPLATE_ONLY:  # the template's own identifier, version and when it was last printed
        for node in props._element.findall(tag):
            props._element.remove(node)
    _app_properties(document)
    return _package_bytes(document.part.package)


class _FixedZipWriter:
    """python-docx's physical package writer (``write(pack_uri, blob)``, ``close()``), giving
    every zip entry a fixed date and permissions, so the parts are compressed once, as they
    are saved, rather than saved by python-docx and then read back and compressed again."""

    def __init__(self, stream: io.BytesIO):
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=FIXED_ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED  # zlib's default level: a 1.5 MB body in ~15 ms
        entry.external_attr = 0o644 << 16
        entry.create_system = 0
        self._zip.writestr(entry, blob)

    def close(self) -> None:
        self._zip.close()


def _package_bytes(package) -> bytes:
    """The package as a zip, as ``OpcPackage.save`` writes it (the same members in the same
    order: content types, package relationships, then each part and its relationships)."""
    from docx.opc.pkgwriter import PackageWriter

    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    writer: Any = _FixedZipWriter(out)  # duck-types docx.opc.phys_pkg.PhysPkgWriter (a factory class)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return out.getvalue()


_TEMPLATE_ONLY = ("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted",
                  "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}version",
                  "{http://purl.org/dc/elements/1.1/}identifier")
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b"<Application>cspplan</Application><DocSecurity>0</DocSecurity></Properties>")
"""docProps/app.xml: the application that wrote the paper, and nothing else. A template's own
says which program saved it, its company, manager and template path, and page and word
counts that do not describe the paper."""


def _app_properties(document) -> None:
    """Give the package :data:`APP_XML` as its extended properties, and relate nothing else to
    it but the document and its core properties (no thumbnail, no custom properties)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from cspplan.render.scrub import drop_package_extras

    drop_package_extras(document)
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == _EXTENDED:
            rel.target_part._blob = APP_XML
            return
    package.relate_to(Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, APP_XML, package), _EXTENDED)


def save(document, target: Path, *, when: dt.datetime, author: str, title: str, subject: str) -> None:
    write_atomic(to_bytes(document, when=when, author=author, title=title, subject=subject), target)
