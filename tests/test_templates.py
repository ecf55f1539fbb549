"""Council templates: what the paper takes from them, what it strips, and which it refuses.

The templates are built by tests/council_templates.py the way councils build them
(renamed styles, their own fonts, sizes, logo, footer, page size and margins, a table
style, and the hidden data a document management system leaves behind).
"""

from __future__ import annotations

import collections
import io
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import council_templates as ct
from conftest import ROOT, TODAY
from cspplan.render.accessibility import check_docx

SPELTHORNE = ROOT / "plans" / "spelthorne-2024-26.yaml"
REVIEW = ROOT / "plans" / "spelthorne-2024-26-review-2025-11.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def _command(command: str, template: Path, out: Path) -> tuple[str, ...]:
    if command == "render":
        return ("render", str(SPELTHORNE), "-o", str(out), "--template", str(template), "--today", TODAY)
    return ("diff", str(SPELTHORNE), str(REVIEW), "--format", "docx", "-o", str(out), "--template", str(template),
            "--today", TODAY)


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict[str, tuple[ct.Council, Path, list[str]]]:
    """Each council's template and the example plan rendered with it (with its warnings)."""
    from cspplan.render.api import render

    folder = tmp_path_factory.mktemp("councils")
    built = {}
    for key, council in ct.COUNCILS.items():
        template = ct.build(council, folder)
        out = folder / f"paper-{key}.docx"
        result = render(SPELTHORNE, out, template=template, today=_today())
        built[key] = (council, out, result.warnings)
    return built


def _today():
    import datetime as dt

    return dt.date.fromisoformat(TODAY)


def _part(docx_path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx_path) as package:
        return etree.fromstring(package.read(name))


def _styles_by_id(docx_path: Path) -> dict[str, etree._Element]:
    return {s.get(f"{W}styleId"): s for s in _part(docx_path, "word/styles.xml").findall(f"{W}style")}


def _footer_names(docx_path: Path) -> list[str]:
    with zipfile.ZipFile(docx_path) as package:
        return sorted(n for n in package.namelist() if re.fullmatch(r"word/footer\d+\.xml", n))


# --- one style per style id, the council's ------------------------------------------------------

@pytest.mark.parametrize("key", list(ct.COUNCILS))
def test_a_renamed_style_is_the_councils_and_the_only_one_with_its_id(key, papers):
    council, out, warnings = papers[key]
    ids = collections.Counter(s.get(f"{W}styleId")
                              for s in _part(out, "word/styles.xml").findall(f"{W}style"))
    assert [i for i, n in ids.items() if n > 1] == []
    styles = _styles_by_id(out)
    body = _part(out, "word/document.xml").find(f"{W}body")
    used = {p.get(f"{W}val") for p in body.iter(f"{W}pStyle")}
    for level in (1, 2, 3):
        style = styles[f"Heading{level}"]
        assert f"Heading{level}" in used
        own = f"{council.prefix} Heading {level}"
        named = style.find(f"{W}name").get(f"{W}val")
        aliases = style.find(f"{W}aliases")
        assert own in (named, aliases.get(f"{W}val") if aliases is not None else None)
        assert style.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == council.heading_font
        assert style.find(f"{W}rPr/{W}color").get(f"{W}val") == council.heading_colour
    defaults = _part(out, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}ascii") == council.body_font
    assert defaults.find(f"{W}sz").get(f"{W}val") == str(council.body_half_points)
    assert not any("'Heading" in w or "'Title'" in w for w in warnings)  # nothing copied over them


def test_the_redline_uses_the_councils_styles_too(tmp_path, run_cli):
    template = ct.build(ct.COUNCILS["sbc"], tmp_path)
    out = tmp_path / "redline.docx"
    result = run_cli(*_command("redline", template, out))
    assert result.exit_code == 1, result.stderr  # the versions differ, as diff(1) says
    ids = collections.Counter(s.get(f"{W}styleId") for s in _part(out, "word/styles.xml").findall(f"{W}style"))
    assert max(ids.values()) == 1
    assert _styles_by_id(out)["Heading1"].find(f"{W}name").get(f"{W}val") == "SBC Heading 1"
    assert ct.SECRET.encode() not in _everything(out)


def test_a_template_with_two_styles_under_one_id_keeps_the_first(tmp_path):
    import docx

    from cspplan.render import house

    template = docx.Document()
    styles = template.styles.element
    first = next(s for s in styles.findall(f"{W}style") if s.get(f"{W}styleId") == "Heading1")
    from copy import deepcopy
    second = deepcopy(first)
    second.find(f"{W}name").set(f"{W}val", "Old Heading 1")
    styles.append(second)
    template.save(tmp_path / "two.docx")
    warnings: list[str] = []
    document = house.open_template(tmp_path / "two.docx", warnings.append)
    named = [s.find(f"{W}name").get(f"{W}val") for s in document.styles.element.findall(f"{W}style")
             if s.get(f"{W}styleId") == "Heading1"]
    assert named == ["heading 1"]
    assert "the template defines the style id 'Heading1' more than once; the first is used" in warnings


# --- page numbers in the council's footer -------------------------------------------------------

def _page_fields(footer: etree._Element) -> int:
    simple = [f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple")]
    complex_ = [t.text for t in footer.iter(f"{W}instrText")]
    return sum(1 for text in simple + complex_ if re.search(r"(?<![A-Z])PAGE(?![A-Z])", text or ""))


def _footer_text(footer: etree._Element) -> str:
    return "".join(t.text or "" for t in footer.iter(f"{W}t"))


def test_a_council_footer_without_a_page_number_keeps_its_text_and_gains_one(papers):
    council, out, warnings = papers["sbc"]
    [name] = _footer_names(out)
    footer = _part(out, name)
    assert _footer_text(footer).startswith(f"{council.name} | OFFICIAL")
    assert _page_fields(footer) == 1
    assert "the template's footer has no page number; 'Page N of M' was added below its text" in warnings


def test_a_council_footer_with_a_page_number_is_kept_as_it_is(papers):
    council, out, warnings = papers["rbc"]
    [name] = _footer_names(out)
    footer = _part(out, name)
    assert _footer_text(footer) == f"{council.name} | OFFICIAL - Page 1"
    assert _page_fields(footer) == 1  # not doubled
    assert not any("footer" in w for w in warnings)


def test_a_template_without_a_footer_gets_page_numbers(papers):
    _, out, warnings = papers["ebc"]
    [name] = _footer_names(out)
    footer = _part(out, name)
    assert _footer_text(footer).startswith("Page ") and _page_fields(footer) == 1
    assert "the template has no footer; cspplan added one with page numbers" in warnings


# --- tables take the council's table style ------------------------------------------------------

def test_tables_take_the_councils_committee_table_style(papers):
    for key in ("sbc", "rbc"):
        council, out, _ = papers[key]
        body = _part(out, "word/document.xml").find(f"{W}body")
        tables = body.findall(f"{W}tbl")
        assert tables
        assert {t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") for t in tables} == {f"{council.prefix}Table"}
        assert body.find(f".//{W}tc/{W}tcPr/{W}shd") is None  # no shading of cspplan's own in a cell
        style = _styles_by_id(out)[f"{council.prefix}Table"]
        assert style.find(f"{W}tblStylePr/{W}tcPr/{W}shd").get(f"{W}fill") == council.table_fill
        assert [p for p in check_docx(out.read_bytes()) if p.severity >= 2 and "CONTRAST" in p.code] == []


def test_without_a_committee_table_style_the_house_one_is_used(papers):
    _, out, _ = papers["ebc"]
    body = _part(out, "word/document.xml").find(f"{W}body")
    assert {t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") for t in body.findall(f"{W}tbl")} == {"CommitteeTable"}
    style = _styles_by_id(out)["CommitteeTable"]
    assert style.find(f"{W}tblStylePr/{W}tcPr/{W}shd").get(f"{W}fill") == "D9E2F3"


def test_a_council_table_style_whose_header_fails_contrast_is_refused(tmp_path):
    from cspplan.errors import CspplanError
    from cspplan.render.api import render

    dark = ct.Council("Dark Borough Council", "DBC", "name", "Arial", 24, "Arial", "0B5D1E", (11906, 16838),
                      1440, "text", False, "0B5D1E", "000000")  # black on dark green: 2.9:1
    with pytest.raises(CspplanError, match="DOCX-CONTRAST"):
        render(SPELTHORNE, tmp_path / "out.docx", template=ct.build(dark, tmp_path), today=_today())
    assert not (tmp_path / "out.docx").exists()


# --- hidden data --------------------------------------------------------------------------------

def _everything(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return b"".join(package.read(n) for n in package.namelist())


@pytest.mark.parametrize("key", list(ct.COUNCILS))
def test_a_templates_hidden_data_never_reaches_the_paper(key, papers, tmp_path):
    council, out, _ = papers[key]
    template = ct.build(council, tmp_path)
    assert ct.SECRET.encode() in _everything(template)  # the builder did plant it
    everything = _everything(out)
    assert ct.SECRET.encode() not in everything
    assert b"Jane Officer" not in everything
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml")
    assert [n for n in names if n.startswith("customXml/")] == []
    for gone in ("docProps/custom.xml", "word/comments.xml", "word/people.xml", "word/_rels/settings.xml.rels",
                 "docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"):
        assert gone not in names
    for kind in (b"custom-properties", b"comments", b"people"):
        assert kind not in types
    settings = _part(out, "word/settings.xml")
    for tag in ("rsids", "attachedTemplate", "docVars"):
        assert settings.find(f"{W}{tag}") is None
    for name in [n for n in names if n.startswith(("word/header", "word/footer", "word/styles"))
                 and n.endswith(".xml")]:
        part = _part(out, name)
        assert not any(a.split("}")[-1].startswith("rsid") for node in part.iter() for a in node.attrib), name
    if council.logo:  # the header's picture is the council's, and it is kept
        with zipfile.ZipFile(out) as package:
            assert package.read("word/media/image1.png") == ct.logo_png()
        assert any("header" in n for n in names)


def test_a_logo_without_alternative_text_is_refused_as_the_templates_fault(tmp_path):
    from cspplan.errors import CspplanError
    from cspplan.render.api import render

    template = ct.build(ct.COUNCILS["sbc"], tmp_path, alt_text=False)
    with pytest.raises(CspplanError) as refused:
        render(SPELTHORNE, tmp_path / "out.docx", template=template, today=_today())
    assert "DOCX-ALT-TEXT" in str(refused.value)
    assert str(refused.value).endswith("change the template's header or footer (or those styles)")


# --- leftovers of python-docx's template --------------------------------------------------------

def test_the_paper_has_no_leftovers_of_the_template_it_was_made_from(tmp_path):
    from cspplan.render.api import render

    paper = tmp_path / "paper.docx"
    render(SPELTHORNE, paper, today=_today())
    with zipfile.ZipFile(paper) as package:
        names = package.namelist()
        app = etree.fromstring(package.read("docProps/app.xml"))
        core = package.read("docProps/core.xml")
    assert [n for n in names if "thumbnail" in n or n.startswith("customXml/") or "stylesWithEffects" in n] == []
    ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    assert app.findtext(f"{ep}Application") == "cspplan"
    assert [child.tag.replace(ep, "") for child in app] == ["Application", "DocSecurity"]  # no stale counts
    assert b"Microsoft" not in core and b"lastPrinted" not in core


def test_a_template_renders_to_the_same_bytes_twice(tmp_path):
    from cspplan.render.api import render

    template = ct.build(ct.COUNCILS["sbc"], tmp_path)
    first, second = tmp_path / "one.docx", tmp_path / "two.docx"
    render(SPELTHORNE, first, template=template, today=_today())
    render(SPELTHORNE, second, template=template, today=_today())
    assert first.read_bytes() == second.read_bytes()


# --- what LibreOffice makes of them -------------------------------------------------------------

TOOLS = ("soffice", "pdftotext", "pdffonts", "pdfinfo", "pdfimages")


@pytest.mark.skipif(not all(shutil.which(tool) for tool in TOOLS),
                    reason="LibreOffice and poppler-utils are installed by .ci/run")
def test_libreoffice_shows_the_councils_fonts_footer_and_page_numbers(papers, tmp_path):
    profile = tmp_path / "profile"
    paths = [str(out) for _, out, _ in papers.values()]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *paths], check=True, capture_output=True, timeout=300)
    for key, (council, out, _) in papers.items():
        pdf = tmp_path / (out.stem + ".pdf")
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], check=True,
                               capture_output=True, text=True).stdout
        assert council.name in first  # the header
        assert ("Page 1 of " in first) == (council.footer != "page"), key
        if council.footer == "page":
            assert f"{council.name} | OFFICIAL - Page 1" in " ".join(first.split())
        fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        if council.body_font != "Arial":  # LibreOffice draws Arial, the house font, with Liberation Sans
            assert "LiberationSans" not in fonts, (key, fonts)
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        width, height = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert (round(width), round(height)) == (round(council.page_twips[0] / 20), round(council.page_twips[1] / 20))
        images = subprocess.run(["pdfimages", "-f", "2", "-l", "2", "-list", str(pdf)], check=True,
                                capture_output=True, text=True).stdout
        assert (len(images.splitlines()) > 2) == council.logo, (key, images)  # the logo, on every page


# --- templates that cannot be used --------------------------------------------------------------

def _good() -> bytes:
    from docx import Document

    raw = io.BytesIO()
    Document().save(raw)
    return raw.getvalue()


def _rezip(folder: Path, name: str, *, drop=(), add=None, replace=None, types: bytes = b"") -> Path:
    src = zipfile.ZipFile(io.BytesIO(_good()))
    with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename in drop:
                continue
            data = (replace or {}).get(info.filename, src.read(info.filename))
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", types + b"</Types>")
            out.writestr(info.filename, data)
        for extra, data in (add or {}).items():
            out.writestr(extra, data)
    return folder / name


def _lying_bomb(folder: Path) -> Path:
    """A small zip whose central directory declares a 1.5 GB styles.xml (a zip bomb, as the
    directory tells it); nothing may be inflated to find that out."""
    path = _rezip(folder, "bomb.docx")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + name_length]) == b"word/styles.xml":
            struct.pack_into("<I", data, at + 24, 1536 * 1024 * 1024)  # uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def _encrypted(folder: Path) -> Path:
    """A zip whose parts are marked encrypted (general purpose flag bit 0)."""
    path = _rezip(folder, "encrypted.docx")
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + offset] |= 1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"".join(b"&lol%s;" % (b"" if i == 1 else str(i - 1).encode())
                                                             for _ in range(10))) for i in range(1, 10))
          + b']><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          + b"<w:style><w:name w:val=\"&lol9;\"/></w:style></w:styles>")


def unusable(folder: Path) -> dict[str, tuple[Path, str]]:
    """Fourteen kinds of file that are not usable templates, and what the refusal must say."""
    good = _good()
    (folder / "notes.docx").write_text("meeting notes", encoding="utf-8")
    (folder / "truncated.docx").write_bytes(good[: len(good) // 2])
    (folder / "empty.docx").write_bytes(b"")
    (folder / "word97.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)  # an OLE .doc
    (folder / "folder.docx").mkdir()
    not_zip = "not a Word .docx template (it cannot be read as a zip package"
    return {
        "not-a-zip": (folder / "notes.docx", not_zip),
        "truncated": (folder / "truncated.docx", not_zip),
        "empty": (folder / "empty.docx", not_zip),
        "word-97": (folder / "word97.docx", not_zip),
        "folder": (folder / "folder.docx", "the template is not a regular file"),
        "no-document": (_rezip(folder, "nodoc.docx", drop=("word/document.xml",)), "it has no word/document.xml"),
        "no-styles": (_rezip(folder, "nostyles.docx", drop=("word/styles.xml",)), "it has no word/styles.xml"),
        "macros": (_rezip(folder, "macros.docx", add={"word/vbaProject.bin": b"\0" * 64}),
                   "the template contains macros"),
        "macro-type": (_rezip(folder, "macro-type.docx", types=b'<Override PartName="/word/x.xml" ContentType='
                              b'"application/vnd.ms-word.document.macroEnabled.main+xml"/>'),
                       "the template contains macros"),
        "zip-bomb": (_lying_bomb(folder), "the template's parts would inflate to more than 128 MB, so it was not"),
        "xml-bomb": (_rezip(folder, "laughs.docx", replace={"word/styles.xml": LAUGHS}),
                     "the template's word/styles.xml declares a document type"),
        "malformed": (_rezip(folder, "malformed.docx", replace={"word/styles.xml": b"<w:styles><w:style>"}),
                      "not a Word .docx template ("),
        "encrypted": (_encrypted(folder), not_zip),
        "spreadsheet": (_rezip(folder, "sheet.docx", drop=("word/document.xml",),
                               add={"xl/workbook.xml": b"<workbook/>"}), "it has no word/document.xml"),
    }


@pytest.mark.parametrize("command", ["render", "redline"])
@pytest.mark.parametrize("case", ["not-a-zip", "truncated", "empty", "word-97", "folder", "no-document",
                                  "no-styles", "macros", "macro-type", "zip-bomb", "xml-bomb", "malformed",
                                  "encrypted", "spreadsheet"])
def test_an_unusable_template_is_refused_in_one_line_by_render_and_the_redline(case, command, tmp_path, run_cli):
    template, expected = unusable(tmp_path)[case]
    out = tmp_path / "out.docx"
    result = run_cli(*_command(command, template, out))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"cspplan: {template}: "), result.stderr
    assert expected in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
    assert not out.exists()


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, monkeypatch):
    from cspplan.errors import CspplanError
    from cspplan.render import house

    bomb = _lying_bomb(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("a part was inflated")
    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    with pytest.raises(CspplanError, match="would inflate to more than 128 MB"):
        house.open_template(bomb, lambda _: None)


def test_a_page_number_in_the_councils_header_is_not_repeated_in_the_footer(tmp_path):
    import docx

    from cspplan.render import house

    template = docx.Document()
    header = template.sections[0].header.paragraphs[0]
    header.text = "Page "
    ct._page_field(header._p)
    template.save(tmp_path / "numbered-header.docx")
    warnings: list[str] = []
    document = house.open_template(tmp_path / "numbered-header.docx", warnings.append)
    footer = document.sections[0].footer
    assert footer.is_linked_to_previous or not house.has_page_number(footer._element)
    assert not any("footer" in w for w in warnings)


def test_tracked_changes_in_a_councils_footer_are_accepted_without_their_authors(tmp_path):
    import docx
    from docx.oxml import parse_xml

    from cspplan.render import house

    template = docx.Document()
    p = template.sections[0].footer.paragraphs[0]._p
    ns = f'xmlns:w="{W[1:-1]}"'
    p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="Jane Officer" w:date="2024-01-01T00:00:00Z">'
                       '<w:r><w:t>Borough of Elmbridge</w:t></w:r></w:ins>'))
    p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="Jane Officer" w:date="2024-01-01T00:00:00Z">'
                       '<w:r><w:delText>Old name</w:delText></w:r></w:del>'))
    template.save(tmp_path / "tracked.docx")
    document = house.open_template(tmp_path / "tracked.docx", lambda _: None)
    footer = document.sections[0].footer._element
    assert "".join(t.text for t in footer.iter(f"{W}t")).startswith("Borough of Elmbridge")
    assert footer.find(f".//{W}ins") is None and footer.find(f".//{W}del") is None
    assert b"Jane Officer" not in etree.tostring(footer)
