"""What a template may bring into a published paper, and what it may not.

A council's Word template is used for its look: styles, numbering, theme, fonts, page
setup, headers and footers (with their pictures, such as a logo). Everything else it
carries is hidden data that a published committee paper must not hold, the things Word's
Document Inspector removes: custom document properties and customXml parts (which
document management systems add: file references, case numbers, owners), comments and
the people who wrote them, the glossary of building blocks, body pictures and links the
emptied body no longer uses, the thumbnail, and in the settings the editing-session ids
(rsids), the path of the attached template, document variables, mail-merge sources and
editing restrictions. :func:`clean` removes them from an opened python-docx Document
before anything is written into it; what python-docx saves is only what is still related,
so the parts, their relationships and their content types go together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

if TYPE_CHECKING:
    from docx.document import Document

_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"

KEPT_PART_KINDS = frozenset({"styles", "numbering", "theme", "fontTable", "settings", "webSettings",
                             "header", "footer", "footnotes", "endnotes"})
"""Relationships of the main document part that survive (by the last word of their type)."""

KEPT_PACKAGE_KINDS = frozenset({_OFFICE + "officeDocument", _PACKAGE + "core-properties",
                                _OFFICE + "extended-properties"})
"""Relationships of the package that survive: the document and its two property parts."""

_SETTINGS_DROPPED = ("w:rsids", "w:attachedTemplate", "w:docVars", "w:mailMerge", "w:documentProtection",
                     "w:writeProtection", "w:attachedSchema", "w:saveThroughXslt", "w:savePreviewPicture")
_DOC_IDS = ("{http://schemas.microsoft.com/office/word/2010/wordml}docId",
            "{http://schemas.microsoft.com/office/word/2012/wordml}docId")
_MARKERS = ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference", "w:permStart", "w:permEnd")
_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def kind(reltype: str) -> str:
    """The last word of a relationship type ("…/relationships/footer" -> "footer")."""
    return reltype.rstrip("/").rsplit("/", 1)[-1]


def clean(document: Document) -> None:
    """Strip ``document`` (a template just opened, its body already emptied) of hidden data."""
    drop_package_extras(document)
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.is_external or kind(rel.reltype) not in KEPT_PART_KINDS:
            part.rels.pop(rid)
    for rel in list(part.rels.values()):
        target = rel.target_part
        found = kind(rel.reltype)
        if found == "settings":
            _settings(target)
        elif found in ("footnotes", "endnotes"):
            _notes(target)
        if hasattr(target, "element"):
            _unmark(target.element)


def drop_package_extras(document: Document) -> None:
    """Remove the package's custom properties, thumbnail, signatures and anything else it relates
    to besides the document and its core and extended properties."""
    rels = document.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype not in KEPT_PACKAGE_KINDS:
            rels.pop(rid)


def _settings(part) -> None:
    """Settings without session ids, template paths, variables, merge sources or passwords."""
    element = part.element
    for tag in _SETTINGS_DROPPED:
        for node in element.findall(qn(tag)):
            element.remove(node)
    for tag in _DOC_IDS:
        for node in element.findall(tag):
            element.remove(node)
    for rid in list(part.rels):  # the attached template's path, a mail-merge data source
        part.rels.pop(rid)


def _notes(part) -> None:
    """Footnotes and endnotes of the template's old body: only the separators stay.

    python-docx keeps these parts as bytes, so they are parsed (with its parser, which
    expands no entities), cut down and put back.
    """
    from docx.oxml.parser import parse_xml
    from lxml import etree

    root = parse_xml(part.blob)
    for note in list(root):
        if note.get(qn("w:type")) not in _SEPARATORS:
            root.remove(note)
    _unmark(root)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_REVISIONS_KEPT = ("w:ins", "w:moveTo")          # accepted: their content stays
_REVISIONS_DROPPED = ("w:del", "w:moveFrom", "w:rPrChange", "w:pPrChange", "w:tblPrChange", "w:trPrChange",
                      "w:tcPrChange", "w:sectPrChange", "w:numberingChange", "w:tblGridChange")


def _accept_revisions(root) -> None:
    """Tracked changes in a header, footer or style (with their authors' names) are accepted."""
    for node in [n for tag in _REVISIONS_DROPPED for n in root.iter(qn(tag))]:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    for node in [n for tag in _REVISIONS_KEPT for n in root.iter(qn(tag))]:
        parent = node.getparent()
        if parent is None:
            continue
        if parent.tag in (qn("w:rPr"), qn("w:trPr")):  # a mark on a paragraph mark or a row: no content
            parent.remove(node)
            continue
        for child in list(node):
            node.addprevious(child)
        parent.remove(node)


def _unmark(root) -> None:
    """No editing-session ids, comment anchors, editing permissions or tracked changes in what is kept."""
    _accept_revisions(root)
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        for name in [a for a in node.attrib if a.rsplit("}", 1)[-1].startswith("rsid")]:
            del node.attrib[name]
    doomed = [node for tag in (*_MARKERS, "w:rsid") for node in root.iter(qn(tag))]  # w:rsid: in a style
    for node in doomed:
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
