"""What the render's shortcuts must not change: Markdown read without the parser when it
has no markup, tables written as XML text, the words a column must hold found without one
regular expression over the whole text, and the garbage collector paused for a render.

Each shortcut is checked against the slow way it replaces (the Markdown parser, lxml
elements built one by one), on texts chosen to be awkward for it."""

from __future__ import annotations

import gc
import random

import pytest
from lxml import etree

from conftest import ROOT
from cspplan.errors import CspplanError
from cspplan.render import house, markdown
from cspplan.render.api import render
from cspplan.render.writer import Row, Run, Writer, install_numbering, words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Pieces that are plain to Markdown in some places and markup in others.
PIECES = ["Work", "with", "schools", " ", " ", "  ", "\n", "\n", "\n\n", "(c)", "--", "...", "1.", "2)", "-", "+",
          "=", "*", "_", "`", "[x]", "<b>", "&amp;", "|", "#", "> ", "~~", "\\", "\t", "\u00a0", "'", '"',
          "\u2018", "\u201c", "é", "£5", "http://example.org", "www.example.org", "    ", "!", ":", "\r"]


def parsed_paragraphs(text: str) -> list[list[Run]]:
    """The paragraphs of ``text`` as the Markdown parser reads them (no lists)."""
    return [markdown.inline_runs(t.children) for t in markdown._parser().parse(text) if t.type == "inline"]


def test_plain_text_is_read_as_the_markdown_parser_reads_it():
    rng = random.Random(20251203)
    plain = 0
    for _ in range(6000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 12)))
        fast = markdown.plain_paragraphs(text)
        if fast is None:
            continue
        plain += 1
        assert [[Run(p)] for p in fast] == parsed_paragraphs(text), repr(text)
    assert plain > 300  # the shortcut was taken often enough for the comparison to mean something


@pytest.mark.parametrize("text", ["- a list", "1. first", "a **bold** word", "Line  \nbreak", "    code",
                                  "Heading\n===", "a | table", "Tom & Jerry", "x\ty", "A\u00a0B", " leading"])
def test_text_with_markup_or_odd_spacing_goes_to_the_parser(text):
    assert markdown.plain_paragraphs(text) is None


def _writer() -> Writer:
    document = house.open_template(None, lambda warning: None)
    return Writer(document, styles=house.style_ids(document), numbering=install_numbering(document),
                  revisions=("A & B <author>", "2025-11-18T00:00:00Z"))


def shape(el: etree._Element) -> tuple:
    """An element as its tags, attributes and text, whatever prefixes its namespaces have
    (read back from its XML, as plain lxml elements rather than python-docx's classes)."""
    def walk(node: etree._Element) -> tuple:
        return node.tag, sorted(node.attrib.items()), node.text, [walk(child) for child in node]
    return walk(etree.fromstring(etree.tostring(el)))


AWKWARD = [" lead", "trail ", "two  spaces", "a\rb", "tab\there", "less < more > & so", 'say "so"',
           "-75%", "(-5)", "anti-social", "", "\u00a0", "]]>", "line\nbreak"]


def test_a_table_holds_exactly_the_runs_it_was_given():
    """A table is written as XML text and parsed: every run must come back as the element
    the writer builds for a run on its own (text, spaces, signs, links and changes)."""
    writer = _writer()
    runs = [Run(t, bold=i % 2 == 0, italic=i % 3 == 0, code=i % 5 == 0,
                link="https://example.org/a?b=1&c=2" if i % 4 == 0 else None,
                revision=(None, "ins", "del")[i % 3]) for i, t in enumerate(AWKWARD)]
    table = writer.table(["Header & <one>"], [[[run]] for run in runs], caption='Caption "quoted"\tand\ttabbed')
    cells = table.findall(f"{W}tr/{W}tc")[1:]
    expected = _writer()
    for run, tc in zip(runs, cells, strict=True):
        alone = expected._run(run)
        got = tc.find(f"{W}p")[0]
        assert shape(got) == shape(alone), repr(run.text)
    assert table.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == 'Caption "quoted"\tand\ttabbed'


def test_a_marked_row_is_a_tracked_change_by_the_revisions_author():
    writer = _writer()
    table = writer.table(["A"], [Row(["new"], revision="ins"), ["same"]])
    marks = [tr.find(f"{W}trPr/{W}ins") for tr in table.findall(f"{W}tr")]
    assert marks[0] is None and marks[2] is None
    assert marks[1].get(f"{W}author") == "A & B <author>" and marks[1].get(f"{W}date") == "2025-11-18T00:00:00Z"


def test_text_word_cannot_hold_is_refused_in_a_table_as_in_a_paragraph():
    with pytest.raises(ValueError):
        _writer().paragraph("bell \x07")
    with pytest.raises(ValueError):
        _writer().table(["A"], [["bell \x07"]])


@pytest.mark.parametrize("enabled", [True, False])
def test_a_render_leaves_the_garbage_collector_as_it_found_it(tmp_path, enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        render(ROOT / "plans" / "spelthorne-2024-26.yaml", tmp_path / "paper.docx")
        assert gc.isenabled() is enabled
        with pytest.raises(CspplanError):
            render(ROOT / "plans" / "spelthorne-2024-26.yaml", tmp_path / "paper.txt")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def _words_the_slow_way(text: str) -> list[str]:
    """One regular expression over the whole text: a break at white space, or after a
    hyphen between letters; U+00A0 joins words."""
    import re

    breaks = re.compile(r"\s+|(?<=[A-Za-z]-)(?=[A-Za-z])")
    protected = text.replace("\u00a0", "\x00")
    return [w.replace("\x00", "\u00a0") for w in breaks.split(protected) if w]


def test_column_widths_see_the_words_a_line_cannot_break_inside():
    # A column is sized to hold its longest unbreakable piece: "anti-" and "social" may
    # part, "-75%" and "5\u00a0km" may not.
    assert words("anti-social behaviour fell -75% (-75%) in 5\u00a0km") == [
        "anti-", "social", "behaviour", "fell", "-75%", "(-75%)", "in", "5\u00a0km"]
    rng = random.Random(7)
    alphabet = "ab-Z9 \t\n\u00a0\x1c\u2003\u3000\x85%()-.é"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert words(text) == _words_the_slow_way(text), repr(text)


def test_one_line_of_inline_markup_is_read_as_the_whole_parser_reads_it():
    rng = random.Random(20261203)
    pieces = PIECES + ["**b**", "*i*", "[a](https://x.org)", "Run"]
    taken = 0
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 10)))
        if not markdown.one_paragraph(text):
            continue
        taken += 1
        tokens = markdown._parser().parse(text)
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], repr(text)
        assert markdown.inline_runs(markdown._inline(text)) == markdown.inline_runs(tokens[1].children), repr(text)
    assert taken > 500
