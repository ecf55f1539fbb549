"""Markdown in plan text fields, as Word formatting.

Paragraphs, **bold**, *italic*, `code`, [links](https://...) with their own text,
bulleted and numbered lists (nested), block quotes (in Word's Quote style), tables (GitHub's
pipe tables, as Word tables whose first row is the header row), and headings, which are
placed below the heading of the section the text appears in and never skip a level. Raw
HTML is shown as text. Images are not embedded: their alt text is shown instead.
"""

from __future__ import annotations

import functools
import re

from cspplan.render.writer import Run, Writer
from cspplan.wording import link_allowed

# Characters a Word document cannot hold. The loader refuses them in plan text, but a
# character reference makes them: "&#12;" is a form feed to Markdown (CommonMark replaces
# only NUL and a few others with U+FFFD); here they all become U+FFFD.
_NOT_IN_WORD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _word_text(text: str) -> str:
    return _NOT_IN_WORD.sub("\ufffd", text)


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def inline_runs(children) -> list[Run]:
    """Runs for the children of an inline token."""
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for token in children or ():
        kind = token.type
        if kind == "text" or kind == "html_inline":
            if token.content:  # "[**bold**](url)" has empty text tokens either side of the bold
                runs.append(Run(_word_text(token.content), bold=bold > 0, italic=italic > 0, link=link))
        elif kind == "code_inline":
            runs.append(Run(token.content, code=True, link=link))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", link=link))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = token.attrGet("href")
            # Only web pages and email addresses become links (validate reports the others)
            link = href if isinstance(href, str) and link_allowed(href) else None
        elif kind == "link_close":
            link = None
        elif kind == "image":
            alt = "".join(" " if c.type in ("softbreak", "hardbreak") else c.content for c in token.children or ())
            runs.append(Run(f"[{_word_text(alt) or 'image'}]", italic=True, link=link))
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].code, out[-1].link) == \
                (run.bold, run.italic, run.code, run.link):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.code, run.link)
        else:
            out.append(run)
    return out


# Characters that can mean something to Markdown anywhere in a line (emphasis, code, links,
# images, autolinks and HTML, entities, escapes, tables, headings, fences, quotes).
_MARKUP = frozenset("\\`*_[]!<>&|#~")


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of ``text`` (each with its lines joined by a space) when Markdown
    gives none of its characters a meaning, so that parsing it would give just those
    paragraphs of plain text; else None. Most plan text is like this, and it is read
    several times faster than the parser reads it.

    Plain means: no character that is markup anywhere (:data:`_MARKUP`), none that is not
    printable (tabs, control characters, no-break spaces), and every line either empty
    (a paragraph break) or starting with a letter, a bracket or a quotation mark (not a
    list marker, a number, an indent or a rule) and not ending in a space (a hard break).

    >>> plain_paragraphs("Work with schools.\\nAnd colleges.\\n\\nReport yearly.")
    ['Work with schools. And colleges.', 'Report yearly.']
    >>> plain_paragraphs("- a list") is None, plain_paragraphs("**bold**") is None
    (True, True)
    """
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if not line:
            if lines:
                paragraphs.append(" ".join(lines))
                lines = []
            continue
        first = line[0]
        if (not (first.isalpha() or first in "(\"'\u2018\u201c") or line[-1] == " " or not line.isprintable()
                or not _MARKUP.isdisjoint(line)):
            return None
        lines.append(line)
    if lines:
        paragraphs.append(" ".join(lines))
    return paragraphs or None


def one_paragraph(text: str) -> bool:
    """Whether ``text`` is one line that Markdown can read only as a paragraph: it starts
    with a letter, a bracket or a quotation mark (so it is no heading, list, quote, code,
    rule, HTML block or link definition; a table or setext heading needs a second line),
    and has no white space at either end and nothing unprintable (tabs, breaks).

    Such text is given to the parser's inline stage alone, which gives the same runs as
    the whole parser in about half the time (most table cells and one-line fields with
    emphasis or a link are like this).

    >>> one_paragraph("Run **home security** visits"), one_paragraph("- a list")
    (True, False)
    """
    return (bool(text) and (text[0].isalpha() or text[0] in "(\"'\u2018\u201c") and text.isprintable()
            and text == text.strip())


def _inline(text: str):
    """The children of the inline token of :func:`one_paragraph` text."""
    return _parser().parseInline(text)[0].children


def runs(text: str) -> list[Run]:
    """One block of Markdown as runs (for a table cell or a one-line field)."""
    plain = plain_paragraphs(text)
    if plain is not None:
        return [Run(" ".join(plain))]
    if one_paragraph(text):
        return inline_runs(_inline(text)) or [Run(text)]
    tokens = _parser().parse(text)
    out: list[Run] = []
    for token in tokens:
        if token.type == "inline":
            if out:
                out.append(Run(" "))
            out.extend(inline_runs(token.children))
    return _merge(out) or [Run(text)]


def cell_paragraphs(writer: Writer, text: str) -> list:
    """Markdown as the paragraphs of a table cell: runs, or (runs, num) for list items."""
    plain = plain_paragraphs(text)
    if plain is not None:
        return [[Run(paragraph)] for paragraph in plain]
    if one_paragraph(text):
        return [inline_runs(_inline(text))]
    out: list = []
    num = None
    for token in _parser().parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            num = writer.new_list(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            num = None
        elif token.type == "inline":
            content = inline_runs(token.children)
            out.append((content, num) if num is not None else content)
    return out or [[Run(text)]]


TABLE_WIDTH = 9026
"""The width of a table in plan text: A4 less 2.54 cm margins, in twentieths of a point."""


def _table(writer: Writer, tokens, i: int) -> int:
    """Write the pipe table whose table_open token is ``tokens[i]``; returns the index after it.

    Its first row is the header row (repeated on every page); a row with fewer cells than
    the header is padded, and one with more is cut to the header's width, as GitHub does."""
    rows: list[list[list[Run]]] = []
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            rows[-1].append(inline_runs(token.children))
        i += 1
    header = ["".join(run.text for run in cell) or " " for cell in rows[0]]
    body = [(row + [[Run("")]] * len(header))[:len(header)] for row in rows[1:]]
    widths = [TABLE_WIDTH // len(header)] * len(header)
    widths[0] += TABLE_WIDTH - sum(widths)
    writer.table(header, [[cell if "".join(r.text for r in cell) else "-" for cell in row] for row in body],
                 widths=widths, caption=", ".join(h.strip() for h in header))
    return i + 1


def write(writer: Writer, text: str, *, heading_base: int, first_num: tuple[int, int] | None = None) -> None:
    """Write Markdown as blocks.

    Headings in the text become Word headings one level below ``heading_base`` and
    deeper, never skipping a level. ``first_num`` numbers the first paragraph (the report's
    numbered paragraphs, 1.1, 1.2 ...).
    """
    plain = plain_paragraphs(text)
    if plain is not None:
        for paragraph in plain:
            if first_num is not None:
                writer.paragraph([Run(paragraph)], num=first_num)
                first_num = None
            else:
                writer.paragraph([Run(paragraph)], style="normal")
        return
    if one_paragraph(text):
        content = inline_runs(_inline(text))
        if first_num is not None:
            writer.paragraph(content, num=first_num)
        else:
            writer.paragraph(content, style="normal")
        return
    tokens = _parser().parse(text)
    lists: list[int] = []          # numbering instance of each open list
    depth_of_heading: dict[int, int] = {}
    last_heading = heading_base
    quote = 0
    numbered = first_num
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(writer.new_list(kind == "ordered_list_open"))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            md_level = int(token.tag[1])
            inline = tokens[i + 1]
            content = inline_runs(inline.children)
            if not "".join(run.text for run in content).strip():
                i += 3  # "#" alone: a heading with nothing to say is left out
                continue
            if md_level not in depth_of_heading:
                depth_of_heading[md_level] = min(last_heading + 1, 6)
            level = min(depth_of_heading[md_level], last_heading + 1, 6)
            writer.heading(level, content)
            last_heading = level
            i += 3
            continue
        elif kind == "inline":
            content = inline_runs(token.children)
            if lists:
                writer.list_item(content, lists[-1], level=len(lists) - 1)
            elif numbered is not None:
                writer.paragraph(content, num=numbered)
                numbered = None
            else:
                writer.paragraph(content, style="quote" if quote else "normal")
        elif kind == "table_open":
            i = _table(writer, tokens, i)
            continue
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                writer.paragraph([Run(line, code=True)])
        i += 1
