"""How long a text may be: the schema's limits, what validate says past them, and what the
committee paper does with values at them.

Word holds at most 255 characters in a document property (title, author, subject), and an
accessible heading has at most 150; the limits are chosen so that what render writes from
the plan fits both, and validate reports, at its line, a value that would not.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from conftest import COMPLIANT_TEXT, dump
from cspplan import engine, loader
from cspplan.engine import Options, validate_text
from cspplan.errors import CspplanError
from cspplan.render.package import MAX_PROPERTY
from cspplan.schema import load_schema

TODAY = dt.date(2025, 7, 1)
OPTIONS = Options(today=TODAY)
HEADING_MOST = 150  # DOCX-HEADINGS refuses a longer heading


def schema_findings(text: str) -> list[tuple[int, int, str, str, str | None]]:
    return [(f.location.line, f.location.column, f.location.pointer, f.message, f.hint)
            for f in validate_text(text, "plan.yaml", OPTIONS).findings if f.rule == "SCHEMA"]


def with_values(**values: str) -> str:
    """The compliant plan with values set by pointer (``__`` for ``/``)."""
    data = loader.load_text(COMPLIANT_TEXT).data
    for key, value in values.items():
        *parents, last = key.split("__")
        node = data
        for step in parents:
            node = node[int(step)] if step.isdigit() else node[step]
        node[int(last) if last.isdigit() else last] = value
    return dump(data)


def limit(*path: str | int) -> int:
    """The maxLength the schema sets for the value at ``path`` (following $refs)."""
    schema = load_schema()
    node = schema
    for step in path:
        while "$ref" in node and "properties" not in node and "items" not in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = node["items"] if isinstance(step, int) else node["properties"][step]
    while "maxLength" not in node and "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node["maxLength"]


# --- what validate says ---------------------------------------------------------------------------

def test_a_long_title_is_reported_at_its_line_with_its_length():
    text = COMPLIANT_TEXT.replace("title: Example Community Safety Partnership Plan 2025-2028", "title: " + "x" * 312)
    assert schema_findings(text) == [
        (5, 8, "/title", "'title' is 312 characters long; at most 120 are allowed",
         "shorten it to 120 characters or fewer")]


def test_a_member_name_of_100000_characters_is_one_short_finding():
    text = COMPLIANT_TEXT.replace("{id: council, name: Example Council,", "{id: council, name: " + "n" * 100_000 + ",")
    [(line, column, pointer, message, hint)] = schema_findings(text)
    assert (line, pointer) == (19, "/partnership/members/0/name")
    assert message == "'name' is 100,000 characters long; at most 200 are allowed"
    assert hint == "shorten it to 200 characters or fewer"


def test_a_long_id_is_told_its_length_not_quoted_whole():
    text = COMPLIANT_TEXT.replace("{id: sa, kind:", "{id: " + "s" * 40_000 + ", kind:")
    messages = [m for _, _, _, m, _ in schema_findings(text)]
    assert messages == ["'id' is 40,000 characters long; at most 64 are allowed"]


def test_a_long_item_of_a_list_and_a_long_paragraph():
    text = with_values(committee_report__recommendations__0="Approve the plan. " * 120,
                       priorities__0__narrative="Reduce crime. " * 1500)
    assert [(p, m, h) for _, _, p, m, h in schema_findings(text)] == [
        ("/priorities/0/narrative", "'narrative' is 21,000 characters long; at most 20,000 are allowed",
         "shorten it to 20,000 characters or fewer; put the detail in a background paper or an appendix "
         "and refer to it"),
        ("/committee_report/recommendations/0", "item 1 of 'recommendations' is 2,160 characters long; "
         "at most 2,000 are allowed", "shorten it to 2,000 characters or fewer"),
    ]


def test_render_refuses_a_plan_with_a_value_too_long_naming_its_line(tmp_path):
    from cspplan.render.api import render

    plan = tmp_path / "plan.yaml"
    plan.write_text(with_values(committee_report__author__name="Sam " * 80), encoding="utf-8")
    with pytest.raises(CspplanError) as refused:
        render(plan, tmp_path / "out.docx", today=TODAY)
    assert str(refused.value).startswith(f"{plan}:")
    assert "'name' is 320 characters long; at most 200 are allowed" in str(refused.value)
    assert not (tmp_path / "out.docx").exists()


# --- what the paper does with values at the limits ------------------------------------------------

SUBJECT_TAIL = ": Community Safety Partnership plan"
REDLINE_TAIL = ": changes since version "
OVERVIEW_TAIL = ": crime overview"


def test_the_fields_that_feed_word_document_properties_fit_them():
    assert limit("title") + len(OVERVIEW_TAIL) <= MAX_PROPERTY
    assert limit("title") + len(REDLINE_TAIL) + limit("version") <= MAX_PROPERTY
    assert limit("committee_report", "title") <= MAX_PROPERTY
    assert limit("committee_report", "author", "name") <= MAX_PROPERTY
    assert limit("partnership", "name") + len(SUBJECT_TAIL) <= MAX_PROPERTY


def test_the_fields_that_become_headings_fit_them():
    assert limit("title") + len(OVERVIEW_TAIL) <= HEADING_MOST
    assert limit("committee_report", "title") <= HEADING_MOST
    assert len("Priority 999: ") + limit("priorities", 0, "title") + len(" (changed)") <= HEADING_MOST
    assert len("Appendix AB: ") + limit("committee_report", "appendices", 0, "title") <= HEADING_MOST


def _core(blob: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        root = etree.fromstring(package.read("docProps/core.xml"))
    return {etree.QName(el).localname: el.text or "" for el in root}


def _longest(what: str, most: int) -> str:
    return (what + " ") * (most // (len(what) + 1)) + "x" * (most % (len(what) + 1))


AT_LIMITS = {
    "title": _longest("Plan", limit("title")),
    "version": _longest("1.0", limit("version")),
    "partnership__name": _longest("Partnership", limit("partnership", "name")),
    "committee_report__title": _longest("Report", limit("committee_report", "title")),
    "committee_report__author__name": _longest("Author", limit("committee_report", "author", "name")),
    "priorities__0__title": _longest("Priority", limit("priorities", 0, "title")),
    "committee_report__appendices__0__title": _longest("Appendix", limit("committee_report", "appendices", 0,
                                                                          "title")),
}


@pytest.mark.parametrize("part, title", [("all", AT_LIMITS["committee_report__title"]),
                                         ("plan", AT_LIMITS["title"]),
                                         ("overview", AT_LIMITS["title"] + OVERVIEW_TAIL)])
def test_a_paper_from_values_at_their_limits_is_written_whole(tmp_path, part, title):
    from cspplan.render.api import render

    assert all(len(v) == limit(*(int(s) if s.isdigit() else s for s in k.split("__")))
               for k, v in AT_LIMITS.items())
    plan = tmp_path / "plan.yaml"
    text = with_values(**AT_LIMITS)
    plan.write_text(text, encoding="utf-8")
    assert schema_findings(text) == []
    render(plan, tmp_path / "out.docx", today=TODAY, part=part)  # refused if a heading were too long
    core = _core((tmp_path / "out.docx").read_bytes())
    assert core["title"] == title
    assert core["creator"] == AT_LIMITS["committee_report__author__name"]
    assert core["subject"] == AT_LIMITS["partnership__name"] + SUBJECT_TAIL


def test_a_redline_between_versions_at_their_limits_is_titled_whole(tmp_path):
    from cspplan.render.api import render_redline

    old_text = with_values(**AT_LIMITS)
    new_text = with_values(**{**AT_LIMITS, "version": "2.0"})
    old = engine.load_checked("old.yaml", old_text.encode(), OPTIONS, "to compare")[0]
    new = engine.load_checked("new.yaml", new_text.encode(), OPTIONS, "to compare")[0]
    render_redline(old, new, tmp_path / "redline.docx")
    core = _core((tmp_path / "redline.docx").read_bytes())
    assert core["title"] == AT_LIMITS["title"] + REDLINE_TAIL + AT_LIMITS["version"]
