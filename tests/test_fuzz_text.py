"""Text of any length and any characters in a plan: the paper is written, or refused in
one clear line, never an internal error."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from lxml import etree

from conftest import COMPLIANT_TEXT, dump
from cspplan import engine, loader
from cspplan.errors import CspplanError
from cspplan.findings import Severity
from cspplan.render.accessibility import check_docx
from cspplan.render.api import render
from cspplan.render.package import MAX_PROPERTY, fit_property, to_bytes

TODAY = dt.date(2025, 7, 1)
OPTIONS = engine.Options(today=TODAY)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _set(data, pointer, value):
    tokens = loader.split_pointer(pointer)
    for token in tokens[:-1]:
        data = data[int(token)] if isinstance(data, list) else data[token]
    last = tokens[-1]
    data[int(last) if isinstance(data, list) else last] = value


def paragraphs(docx: bytes) -> list[str]:
    """The text of every paragraph in word/document.xml (table cells included)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def core_title(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read("docProps/core.xml")).findtext(DC_TITLE)


# --- core document properties: at most 255 characters ----------------------------------------------

def _props(blob: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        root = etree.fromstring(package.read("docProps/core.xml"))
    return {etree.QName(el).localname: el.text or "" for el in root}


@pytest.mark.parametrize("prop", ["title", "subject", "author", "keywords"])
@pytest.mark.parametrize("value", [
    "Community safety " * 30,
    "x" * 10_000,
    "\U0001f600" * 300,
    "\u0627\u0644\u0633\u0644\u0627\u0645\u0629 " * 60,
    "\u202b" + "\u05e9\u05dc\u05d5\u05dd " * 80 + "\u202c",
    "e\u0301" * 300,
    "<w:p>&]]>\"' " * 40,
])
def test_a_long_core_property_is_shortened_not_refused(prop, value):
    import docx

    kwargs = {"title": "Title", "subject": "Subject", "author": "Author", "keywords": "k"}
    kwargs[prop] = value
    blob = to_bytes(docx.Document(), when=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), **kwargs)
    props = _props(blob)
    written = props["creator" if prop == "author" else prop]
    assert written == fit_property(value)
    assert len(written.encode("utf-16-le")) // 2 <= MAX_PROPERTY
    assert written.endswith("\u2026") and len(written) > 100
    stem = written[:-1].rstrip("\u202c\u2069")
    assert value.startswith(stem)
    if " " in value[:255]:
        assert value[len(stem)] == " "  # cut at the end of a word
    if prop == "author":
        assert props["lastModifiedBy"] == written


def test_fit_property_never_splits_a_character():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    for value, tail in (("e\u0301" * 300, "e\u0301"), (family * 60, family), ("\U0001f1ec\U0001f1e7" * 200,
                                                                               "\U0001f1ec\U0001f1e7")):
        fitted = fit_property(value)
        assert fitted.endswith(tail + "\u2026"), repr(fitted[-10:])
        assert value.startswith(fitted[:-1])
    opened = fit_property("\u2067" + "x" * 300)
    assert opened == "\u2067" + "x" * 252 + "\u2069\u2026"
    assert fit_property("a\x01b\ufffe") == "ab"
    assert fit_property("x" * 255) == "x" * 255


def test_core_dates_have_four_digit_years():
    import docx

    blob = to_bytes(docx.Document(), when=dt.datetime(1, 1, 5, tzinfo=dt.timezone.utc), author="a", title="t",
                    subject="s")
    assert _props(blob)["created"] == "0001-01-05T00:00:00Z"


def _plan_with(**changes) -> str:
    data = loader.load_text(COMPLIANT_TEXT).data
    for pointer, value in changes.items():
        _set(data, pointer, value)
    return dump(data)


@pytest.mark.parametrize("pointer, value, where", [
    ("/committee_report/author/name", "Sam " * 80, "creator"),
    ("/partnership/name", "Safer Example " * 30, "subject"),
])
def test_render_with_a_long_author_or_partnership_name(tmp_path, pointer, value, where):
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan_with(**{pointer: value}), encoding="utf-8")
    render(plan, tmp_path / "out.docx", today=TODAY)
    blob = (tmp_path / "out.docx").read_bytes()
    assert _props(blob)[where].endswith("\u2026")
    assert any(value.strip() in p for p in paragraphs(blob))


@pytest.mark.parametrize("pointer, part", [("/committee_report/title", "all"), ("/title", "plan"),
                                           ("/title", "overview")])
def test_render_with_a_title_over_255_characters_refuses_clearly(tmp_path, pointer, part):
    # A title that long is too long for a heading (150 characters at most); the paper is
    # refused for that, not for its document properties.
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan_with(**{pointer: "Community safety " * 20}), encoding="utf-8")
    with pytest.raises(CspplanError, match="accessibility check"):
        render(plan, tmp_path / "out.docx", today=TODAY, part=part)


def test_redline_with_a_long_version_label(tmp_path):
    from cspplan.render.api import render_redline

    old = tmp_path / "old.yaml"
    old.write_text(_plan_with(**{"/version": "1.0 " + "draft " * 50}), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(COMPLIANT_TEXT, encoding="utf-8")
    before = engine.load_checked(str(old), old.read_bytes(), OPTIONS, "x")[0]
    after = engine.load_checked(str(new), new.read_bytes(), OPTIONS, "x")[0]
    render_redline(before, after, tmp_path / "out.docx")
    title = core_title((tmp_path / "out.docx").read_bytes())
    assert title.startswith("Example Community Safety Partnership Plan 2025-2028: changes since version 1.0 draft")
    assert title.endswith("\u2026")


# --- classes the fuzzing found, closed ---------------------------------------------------------------

NARRATIVE = "narrative: Reduce crime, anti-social behaviour and serious violence in the town centre."


def _render_narrative(tmp_path, narrative: str) -> bytes:
    plan = tmp_path / "plan.yaml"
    plan.write_text(COMPLIANT_TEXT.replace(NARRATIVE, "narrative: " + json.dumps(narrative)), encoding="utf-8")
    render(plan, tmp_path / "out.docx", today=TODAY)
    return (tmp_path / "out.docx").read_bytes()


@pytest.mark.parametrize("reference", ["&#12;", "&#x0C;", "&#x0c;"])
def test_a_character_reference_word_cannot_hold_becomes_a_replacement_character(tmp_path, reference):
    # Markdown turns "&#12;" into a form feed, which XML cannot hold: it was an internal error.
    blob = _render_narrative(tmp_path, f"Reduce {reference} crime, and ![{reference}](x.png).")
    assert "Reduce \ufffd crime, and [\ufffd]." in paragraphs(blob)


def test_a_markdown_heading_with_no_text_is_left_out(tmp_path):
    # An empty Word heading fails the accessibility check: the paper was refused.
    blob = _render_narrative(tmp_path, "Reduce crime.\n\n#\n\n##   \n\n### &nbsp;\n\nMore.")
    assert not [p for p in check_docx(blob) if p.severity >= Severity.ERROR]
    assert "Reduce crime." in paragraphs(blob) and "More." in paragraphs(blob)


def _links(blob: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return ["".join(t.text or "" for t in link.iter(f"{W}t")) for link in root.iter(f"{W}hyperlink")]


def test_emphasis_inside_link_text_is_one_link(tmp_path):
    # "[**click** ...](url)" was three links, two of them empty, and the paper was refused.
    blob = _render_narrative(tmp_path, "See the [**2025** strategic *assessment*](https://example.org/sa) and "
                                       "[![Chart of violent crime](chart.png)](https://example.org/chart).")
    assert not [p for p in check_docx(blob) if p.severity >= Severity.ERROR]
    links = _links(blob)
    assert "2025 strategic assessment" in links and "[Chart of violent crime]" in links
    assert "" not in links


def test_a_web_address_becomes_a_uri_in_the_package(tmp_path):
    # The schema lets a web address hold any character but a space; a relationship target
    # must be a URI, or readers other than Word refuse the whole document.
    url = "https://example.org/strat\u00e9gie/<2025>\"{x}|^`\\100%-%41\u202e\U0001f600"
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan_with(**{"/evidence/3/url": url}), encoding="utf-8")
    render(plan, tmp_path / "out.docx", today=TODAY)
    with zipfile.ZipFile(tmp_path / "out.docx") as package:
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    targets = [r.get("Target") for r in rels if r.get("TargetMode") == "External"]
    assert ("https://example.org/strat%C3%A9gie/%3C2025%3E%22%7Bx%7D%7C%5E%60%5C100%25-%41%E2%80%AE%F0%9F%98%80"
            in targets)
    assert all(re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", t) for t in targets), targets


def test_a_long_table_description_is_shortened_at_a_word():
    import docx

    from cspplan.render.writer import CAPTION_LIMIT, Writer

    writer = Writer(docx.Document())
    table = writer.table(["Action"], [["Patrol"]], caption="Actions for " + "safer streets " * 40)
    caption = table.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val")
    assert len(caption) <= CAPTION_LIMIT and caption.endswith("streets\u2026")


def test_invisible_line_breaks_do_not_move_later_findings():
    # YAML counts NEL, LS and PS as line breaks; editors, git and GitHub do not. Every finding
    # after one was a line too far down.
    text = COMPLIANT_TEXT.replace("title: Example Community Safety Partnership Plan 2025-2028",
                                  'title: "Example\x85Community\u2028Safety\u2029Partnership Plan"', 1)
    text = text.replace("status: approved", "status: approvd")
    [finding] = engine.validate_text(text, "plan.yaml", OPTIONS).findings
    assert (finding.location.line, finding.location.column) == (text.split("\n").index("status: approvd") + 1, 9)


def test_an_invisible_line_break_that_breaks_the_syntax_is_named():
    text = COMPLIANT_TEXT.replace("  approach: An annual residents' survey",
                                  "  approach: An annual\u2028residents' survey", 1)
    [finding] = engine.validate_text(text, "plan.yaml", OPTIONS).findings
    line = text.split("\n").index("  approach: An annual\u2028residents' survey and ward surgeries with "
                                  "neighbourhood policing teams.") + 1
    assert (finding.location.line, finding.location.column) == (line, 22)
    assert finding.message == "an invisible line break (U+2028) is here, and YAML ends the line at it"
