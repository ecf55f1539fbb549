"""Appendix A of a new version with Word tracked changes against an earlier one.

The redline is the plan exactly as the committee paper shows it (:func:`cspplan.render.paper.plan_appendix`),
with every difference from the earlier version marked as a Word revision (``w:ins`` and
``w:del``), so that a clerk can read it in Word's review pane and accept or reject each
change. Both versions are first written through a :class:`Recorder`, which keeps what
the paper would write (headings, paragraphs, lists, tables) instead of writing it; the
two recordings are then compared and written once, for real, with the changes tracked:

* sections of the appendix are matched by what they are (the plan's own sections by id),
  priorities by id, table rows by the id of what they show (members, governance groups,
  evidence, versions, actions, measures), other blocks by their text;
* changed text is marked word by word, keeping its formatting;
* an added item is inserted whole, a removed one deleted whole where it was, and an item
  that moved (an action to another priority) is deleted where it was and inserted where it is;
* added and removed table rows are tracked row insertions and deletions.

Each action's progress update, which Appendix A does not print, is shown under its
description, so that a change of progress is seen too. Every revision is attributed to
the partnership and dated with the new version's last review (else its approval, else its
committee meeting) at midnight UTC: never today, so that the output is reproducible.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from cspplan.model import Plan, Priority
from cspplan.render import markdown
from cspplan.render.writer import Row, Run, Writer
from cspplan.rules.base import long_date

if TYPE_CHECKING:
    from lxml import etree

INS, DEL = "ins", "del"

# --- what the paper writes, recorded ------------------------------------------------------------


@dataclass
class Block:
    """One thing the paper writes at the top level of the body."""

    kind: str                                  # heading, paragraph, item, table, contents, mark, page
    runs: list[Run] = field(default_factory=list)
    level: int = 0                             # a heading's level; a list item's depth
    style: str = "normal"
    num: int | None = None                     # a list item's list (the recorder's id)
    keep_next: bool = False
    page_break_before: bool = False
    contents: bool = False                     # a heading the appendix's contents lists
    header: list[str] = field(default_factory=list)
    rows: list[list[list]] = field(default_factory=list)   # cells of paragraphs: runs or (runs, num)
    widths: list[int] | None = None
    caption: str | None = None
    keys: list[str] | None = None              # what each table row shows (an id), where known
    entries: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """The block's words, for matching it with its counterpart in the other version."""
        if self.kind == "table":
            return " ".join(self.header)
        return _plain(self.runs)


class Recorder:
    """Stands in for a :class:`Writer`: keeps the blocks the paper writes, in order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.ordered: dict[int, bool] = {}   # list id -> numbered (True) or bulleted
        self.styles: dict[str, str] = {}
        self.heading_levels: list[int] = []

    def heading(self, level: int, runs: list[Run] | str, *, num=None, page_break_before: bool = False,
                contents: bool = False) -> None:
        self.blocks.append(Block("heading", _runs(runs), level=level, page_break_before=page_break_before,
                                 contents=contents))

    def paragraph(self, runs: list[Run] | str = "", *, style: str = "normal", num=None, keep_next: bool = False,
                  page_break_before: bool = False, lang: str | None = None) -> None:
        self.blocks.append(Block("paragraph", _runs(runs), style=style, keep_next=keep_next,
                                 page_break_before=page_break_before))

    def new_list(self, ordered: bool) -> int:
        self.ordered[len(self.ordered) + 1] = ordered
        return len(self.ordered)

    def list_item(self, runs: list[Run] | str, num_id: int, level: int = 0) -> None:
        self.blocks.append(Block("item", _runs(runs), level=level, num=num_id))

    def table(self, header: list[str], rows: list[list], *, widths: list[int] | None = None,
              caption: str | None = None) -> None:
        self.blocks.append(Block("table", header=list(header), rows=[[_cell(c) for c in row] for row in rows],
                                 widths=widths, caption=caption))

    def contents(self, entries: list[str], *, levels: str, within: str | None = None) -> None:
        self.blocks.append(Block("contents", entries=list(entries), extra={"levels": levels, "within": within}))

    def bookmark_start(self, name: str) -> str:
        self.blocks.append(Block("mark", extra={"start": name}))
        return name

    def bookmark_end(self, mark: str) -> None:
        self.blocks.append(Block("mark", extra={"end": mark}))

    def page_break(self) -> None:
        self.blocks.append(Block("page"))


def _runs(runs: list[Run] | str) -> list[Run]:
    return [Run(runs)] if isinstance(runs, str) else list(runs)


def _cell(content) -> list:
    """A table cell as the writer takes it (text, runs, or paragraphs) as a list of paragraphs."""
    if isinstance(content, str):
        return [[Run(content or "-")]]
    if content and isinstance(content[0], Run):
        return [list(content)]
    return list(content) or [[Run("-")]]


def _plain(runs: Sequence[Run]) -> str:
    return " ".join("".join(r.text for r in runs).split())


def _paragraph_runs(paragraph) -> list[Run]:
    return paragraph[0] if isinstance(paragraph, tuple) else paragraph


def record(plan: Plan, heading: str, checked=None) -> Recorder:
    """Appendix A of ``plan`` as the paper writes it, recorded. Its statutory compliance
    matrix needs the result of checking the plan (``checked``); without it, it is left out."""
    from cspplan.render import paper

    recorder = Recorder()
    findings, rules_run = (checked.findings, checked.rules_run) if checked is not None else ([], ())
    paper.plan_appendix(cast(Writer, recorder), plan, findings, rules_run, heading=heading, page_break=False,
                        not_applicable=checked.not_applicable if checked is not None else None)
    if checked is None:
        blocks = recorder.blocks
        end = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 2 and b.contents
                    and _plain(b.runs) == COMPLIANCE), len(blocks))
        tail = [b for b in blocks[end:] if b.kind == "mark"]   # the bookmark round the appendix closes
        recorder.blocks = blocks[:end] + tail
        contents = next((b for b in recorder.blocks if b.kind == "contents"), None)
        if contents is not None and contents.entries and contents.entries[-1] == COMPLIANCE:
            contents.entries = contents.entries[:-1]
    return recorder


COMPLIANCE = "Statutory compliance"


# --- the dates and the author of the revisions ---------------------------------------------------

def revision_day(plan: Plan) -> dt.date:
    """The day the new version's changes are dated: its last review, else its approval, else
    its committee meeting (else its latest version, else the start of its period)."""
    return (plan.last_reviewed or plan.approval_date or (plan.report.meeting_date if plan.report else None)
            or (plan.versions[-1].date if plan.versions else None) or plan.period.start)


def revision_author(plan: Plan) -> str:
    """Who the revisions are attributed to: the partnership, whose plan it is."""
    return plan.partnership_name


def w3c_datetime(day: dt.date) -> str:
    """Midnight UTC on ``day`` as xsd:dateTime, the year always four digits (0204, not 204)."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"


# --- word by word ------------------------------------------------------------------------------

_PIECE = re.compile(r"\s*\S+\s*")


def _pieces(runs: Sequence[Run]) -> list[Run]:
    """The runs cut into words, each with its formatting and the spaces that follow it."""
    out: list[Run] = []
    for run in runs:
        found = _PIECE.findall(run.text)
        if not found and out:  # spaces alone: they belong to the word before
            out[-1] = dataclasses.replace(out[-1], text=out[-1].text + run.text)
        for piece in found:
            out.append(dataclasses.replace(run, text=piece, revision=None))
    return out


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of the same formatting and revision as one."""
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if last is not None and dataclasses.replace(last, text="") == dataclasses.replace(run, text=""):
            out[-1] = dataclasses.replace(last, text=last.text + run.text)
        else:
            out.append(run)
    return out


def tracked_runs(old: Sequence[Run], new: Sequence[Run]) -> list[Run]:
    """``new`` with the words that differ from ``old`` tracked: deleted words (with their old
    formatting) before the inserted ones; unchanged words as ``new`` formats them."""
    a, b = _pieces(old), _pieces(new)
    out: list[Run] = []
    matcher = difflib.SequenceMatcher(None, [p.text.strip() for p in a], [p.text.strip() for p in b],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += b[j1:j2]
            continue
        gone = [dataclasses.replace(p, revision=DEL) for p in a[i1:i2]]
        if gone and not gone[-1].text[-1:].isspace():  # a space between the deleted and what follows
            gone[-1] = dataclasses.replace(gone[-1], text=gone[-1].text + " ")
        out += gone + [dataclasses.replace(p, revision=INS) for p in b[j1:j2]]
    return _joined(out)


def _all(runs: Sequence[Run], revision: str) -> list[Run]:
    return [dataclasses.replace(r, revision=revision) for r in runs]


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


# --- aligning two lists ------------------------------------------------------------------------

def merge_keyed(old_keys: Sequence[str], new_keys: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """The items of both lists in the new order, matched by key: (old index, new index), with
    an item only in the old list at its old place (after what came before it there)."""
    old_at: dict[str, int] = {}
    for i, key in enumerate(old_keys):
        old_at.setdefault(key, i)
    matched = {old_at[k] for k in new_keys if k in old_at}
    out: list[tuple[int | None, int | None]] = []
    done = 0
    used: set[int] = set()
    for j, key in enumerate(new_keys):
        at = old_at.get(key)
        if at is not None and at in used:
            at = None   # a key the new list repeats is matched once
        if at is not None:
            used.add(at)
            while done < at:
                if done not in matched:
                    out.append((done, None))
                done += 1
            done = max(done, at + 1)
        out.append((at, j))
    out += [(i, None) for i in range(len(old_keys)) if i not in matched and i >= done]
    return out


def merge_similar(old: Sequence[str], new: Sequence[str], kinds: Callable[[int, int], bool] | None = None
                  ) -> list[tuple[int | None, int | None]]:
    """Two lists of texts aligned as ``cspplan diff`` aligns paragraphs: equal runs match, and
    in a changed stretch each old item pairs with the most similar new one (more than half
    its words alike) after the last pair; the rest are removed or added, in place."""
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes():
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        start = j1
        for i in range(i1, i2):
            best, best_ratio = None, 0.5
            for j in range(start, j2):
                if kinds is not None and not kinds(i, j):
                    continue
                ratio = _similar(old[i], new[j]) if old[i] or new[j] else 1.0
                if ratio > best_ratio:
                    best, best_ratio = j, ratio
            if best is None:
                out.append((i, None))
                continue
            out += [(None, j) for j in range(start, best)]
            out.append((i, best))
            start = best + 1
        out += [(None, j) for j in range(start, j2)]
    return out


# --- the recordings, in sections ---------------------------------------------------------------

@dataclass
class Section:
    """A heading and the blocks under it up to the next heading of its level or above;
    ``key`` says what it is, for matching it with the same section in the other version."""

    head: Block | None
    body: list[Block]
    key: str
    parts: list[Section] = field(default_factory=list)   # the priorities, under "Our priorities"
    intro: list[Block] = field(default_factory=list)     # what comes before the first of them


def _split(blocks: list[Block], level: int, keys: Iterator[str]) -> tuple[list[Block], list[Section]]:
    """The blocks before the first heading of ``level``, and the sections from there on."""
    starts = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == level]
    if not starts:
        return blocks, []
    bounds = starts + [len(blocks)]
    sections = [Section(blocks[s], blocks[s + 1:e], next(keys, f"#{n}"))
                for n, (s, e) in enumerate(zip(bounds, bounds[1:], strict=False))]
    return blocks[:starts[0]], sections


def _section_keys(plan: Plan) -> list[str]:
    """What each level-2 section of Appendix A is, in the paper's order (the contents heading
    first: it is not in its own contents)."""
    keys = ["contents"]
    if plan.summary:
        keys.append("summary")
    if plan.context:
        keys.append("context")
    keys += [f"section:{s.id}" for s in plan.sections]
    return keys + ["partnership", "responsibilities", "evidence", "priorities", "engagement", "review", "compliance"]


# --- what each table row shows ---------------------------------------------------------------

def _row_keys(table: Block, plan: Plan, priority: Priority | None) -> list[str]:
    """The id of what each row of a table shows, where the plan gives one; else its first cell."""
    by_caption: dict[str, list[str]] = {
        "Version history": [f"version:{v.version}" for v in plan.versions],
        "Partnership members": [f"member:{m.id}" for m in plan.members],
        "Governance groups": [f"group:{g.id}" for g in plan.governance],
        "Evidence the plan rests on": [f"evidence:{e.id}" for e in plan.evidence],
        "Priorities and police and crime objectives": [f"priority:{p.id}" for p in plan.priorities],
    }
    if priority is not None:
        by_caption[f"Actions for {priority.title}"] = [f"action:{a.id}" for a in priority.actions]
        by_caption[f"Measures for {priority.title}"] = [f"measure:{m.id}" for m in priority.measures]
    keys = by_caption.get(table.caption or "")
    if keys is None or len(keys) != len(table.rows):
        keys = [_plain(_paragraph_runs(row[0][0])) if row and row[0] else "" for row in table.rows]
    return keys


def _with_updates(table: Block, priority: Priority) -> None:
    """Each action's progress update, under its description (Appendix A does not print it)."""
    if table.caption != f"Actions for {priority.title}" or len(table.rows) != len(priority.actions):
        return
    for row, action in zip(table.rows, priority.actions, strict=True):
        if action.update and action.update.strip():
            row[0] = row[0] + [[Run("Progress: ", bold=True)] + markdown.runs(action.update)]


# --- writing the redline -------------------------------------------------------------------------

class Redline:
    """Writes the comparison of two recordings of Appendix A with a real :class:`Writer`."""

    def __init__(self, writer: Writer, old: Plan, new: Plan, old_rec: Recorder, new_rec: Recorder) -> None:
        self.writer, self.old, self.new = writer, old, new
        self.recs = {"old": old_rec, "new": new_rec}
        self.lists: dict[tuple[str, int], int] = {}
        self.marks: dict[str, str] = {}

    # --- lists and marks

    def _num(self, side: str, fake: int | None) -> int:
        assert fake is not None, "a list item belongs to a list"
        if (side, fake) not in self.lists:
            self.lists[(side, fake)] = self.writer.new_list(self.recs[side].ordered.get(fake, False))
        return self.lists[(side, fake)]

    def _paragraphs(self, side: str, paragraphs: list, revision: str | None = None) -> list:
        out: list = []
        for paragraph in paragraphs:
            runs = _all(_paragraph_runs(paragraph), revision) if revision else list(_paragraph_runs(paragraph))
            out.append((runs, self._num(side, paragraph[1])) if isinstance(paragraph, tuple) else runs)
        return out

    # --- blocks

    def block(self, side: str, block: Block, revision: str | None = None, runs: list[Run] | None = None) -> None:
        """Write one block: as it is, wholly inserted or deleted (``revision``), or with ``runs``."""
        w = self.writer
        text = runs if runs is not None else (_all(block.runs, revision) if revision else block.runs)
        if block.kind == "heading" and revision == DEL:
            # A heading deleted whole is struck-through bold text, not an empty heading in the
            # document's outline (which is what a screen reader would announce).
            p = w.paragraph([dataclasses.replace(r, bold=True) for r in text], keep_next=True)
        elif block.kind == "heading":
            contents = block.contents and side == "new"
            p = w.heading(block.level, text, page_break_before=block.page_break_before, contents=contents)
        elif block.kind == "paragraph":
            p = w.paragraph(text, style=block.style, keep_next=block.keep_next,
                            page_break_before=block.page_break_before)
        elif block.kind == "item":
            p = w.list_item(text, self._num(side, block.num), level=block.level)
        elif block.kind == "table":
            self._whole_table(side, block, revision)
            return
        elif block.kind == "contents":
            if side == "new":
                w.contents(block.entries, levels=block.extra["levels"], within=block.extra["within"])
            return
        elif block.kind == "mark":
            if side == "new" and "start" in block.extra:
                self.marks[block.extra["start"]] = w.bookmark_start(block.extra["start"])
            elif side == "new":
                w.bookmark_end(self.marks[block.extra["end"]])
            return
        else:
            if side == "new":
                w.page_break()
            return
        if revision:
            self._mark_paragraph(p, revision)

    def _mark_paragraph(self, p: etree._Element, revision: str) -> None:
        """Mark a paragraph's own end as inserted or deleted, so that accepting the change
        leaves no empty paragraph behind."""
        from docx.oxml.ns import qn

        from cspplan.render.writer import el

        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            p.insert(0, ppr)
        ppr.append(el("w:rPr", None, self.writer.revision_mark("w:" + revision)))

    def pair(self, old: Block, new: Block) -> None:
        """Write two versions of one block, the difference tracked."""
        if new.kind == "table":
            self._table(old, new)
        elif new.kind in ("heading", "paragraph", "item"):
            self.block("new", new, runs=tracked_runs(old.runs, new.runs) if _plain(old.runs) != _plain(new.runs)
                       else None)
        else:
            self.block("new", new)

    def blocks(self, old: list[Block], new: list[Block]) -> None:
        """Two lists of blocks aligned by their text, each pair written with its changes."""
        def same_kind(i: int, j: int) -> bool:
            a, b = old[i], new[j]
            return a.kind == b.kind and a.level == b.level and a.style == b.style

        def signature(b: Block) -> str:
            return f"{b.kind}{b.level}{b.style}:{b.text()}"
        for i, j in merge_similar([signature(b) for b in old], [signature(b) for b in new], same_kind):
            if i is not None and j is not None:
                self.pair(old[i], new[j])
            elif j is not None:
                self.block("new", new[j], INS)
            elif i is not None:
                self.block("old", old[i], DEL)

    def sections(self, old: list[Section], new: list[Section], inner: Callable[[Section | None, Section | None], None]
                 ) -> None:
        for i, j in merge_keyed([s.key for s in old], [s.key for s in new]):
            o = old[i] if i is not None else None
            n = new[j] if j is not None else None
            if o is not None and n is not None and o.head is not None and n.head is not None:
                self.pair(o.head, n.head)
            elif n is not None and n.head is not None:
                self.block("new", n.head, INS)
            elif o is not None and o.head is not None:
                self.block("old", o.head, DEL)
            inner(o, n)

    def body(self, old: Section | None, new: Section | None) -> None:
        """The blocks under a heading: compared, or all inserted or deleted."""
        if old is not None and new is not None:
            self.blocks(old.body, new.body)
        elif new is not None:
            for b in new.body:
                self.block("new", b, INS)
        elif old is not None:
            for b in old.body:
                self.block("old", b, DEL)

    # --- tables

    def _whole_table(self, side: str, table: Block, revision: str | None) -> None:
        rows = [Row(self._paragraphs_row(side, row, revision), revision) if revision
                else self._paragraphs_row(side, row, None) for row in table.rows]
        tbl = self.writer.table(table.header, rows, widths=table.widths, caption=table.caption)
        if revision:
            self._track_row(tbl[2] if len(tbl) > 2 else None, revision)

    def _paragraphs_row(self, side: str, row: list, revision: str | None) -> list:
        return [self._paragraphs(side, cell, revision) for cell in row]

    def _track_row(self, tr: etree._Element | None, revision: str) -> None:
        """The header row of a table inserted or deleted whole: inserted or deleted with it."""
        from docx.oxml.ns import qn

        if tr is None or tr.tag != qn("w:tr"):
            return
        trpr = tr.find(qn("w:trPr"))
        if trpr is not None:
            trpr.append(self.writer.revision_mark("w:" + revision))
        for r in list(tr.iter(qn("w:r"))):
            if revision == DEL:
                for t in r.iter(qn("w:t")):
                    t.tag = qn("w:delText")
            mark = self.writer.revision_mark("w:" + revision)
            r.addprevious(mark)
            mark.append(r)

    def _table(self, old: Block, new: Block) -> None:
        """A table in both versions: rows matched by what they show; a row added or removed
        is a tracked row insertion or deletion; a changed cell is marked word by word."""
        rows: list[list] = []
        assert old.keys is not None and new.keys is not None, "tables are keyed before they are compared"
        for i, j in merge_keyed(old.keys, new.keys):
            if i is not None and j is not None:
                rows.append([self._cell(o, n) for o, n in zip(old.rows[i], new.rows[j], strict=False)])
            elif j is not None:
                rows.append(Row(self._paragraphs_row("new", new.rows[j], INS), INS))
            elif i is not None:
                cells = (old.rows[i] + [[[Run("-")]]] * len(new.header))[:len(new.header)]
                rows.append(Row(self._paragraphs_row("old", cells, DEL), DEL))
        self.writer.table(new.header, rows, widths=new.widths, caption=new.caption)

    def _cell(self, old: list, new: list) -> list:
        """A cell's paragraphs in both versions, the difference tracked."""
        out: list = []
        for i, j in merge_similar([_plain(_paragraph_runs(p)) for p in old], [_plain(_paragraph_runs(p)) for p in new]):
            if i is not None and j is not None:
                runs = tracked_runs(_paragraph_runs(old[i]), _paragraph_runs(new[j]))
                paragraph = new[j]
                out.append((runs, self._num("new", paragraph[1])) if isinstance(paragraph, tuple) else runs)
            elif j is not None:
                out += self._paragraphs("new", [new[j]], INS)
            elif i is not None:
                out += self._paragraphs("old", [old[i]], DEL)
        return out or [[Run("-")]]


def _prepare(rec: Recorder, plan: Plan) -> tuple[list[Block], list[Section]]:
    """The recording cut into the appendix's sections, with its tables' rows keyed and each
    action's progress update added."""
    prelude, sections = _split(rec.blocks, 2, iter(_section_keys(plan)))
    for b in prelude:
        if b.kind == "table":
            b.keys = _row_keys(b, plan, None)
    for section in sections:
        if section.key == "priorities":
            intro, parts = _split(section.body, 3, iter(f"priority:{p.id}" for p in plan.priorities))
            by_key = {f"priority:{p.id}": p for p in plan.priorities}
            for part in parts:
                for b in part.body:
                    if b.kind == "table":
                        _with_updates(b, by_key[part.key])
                        b.keys = _row_keys(b, plan, by_key.get(part.key))
            section.intro, section.parts = intro, parts
        for b in section.body:
            if b.kind == "table" and b.keys is None:
                b.keys = _row_keys(b, plan, None)
    return prelude, sections


def write(writer: Writer, old: Plan, new: Plan, heading: str, checks: tuple | None = None) -> None:
    """Appendix A of ``new`` with its changes since ``old`` tracked; with ``checks`` (the
    results of checking each version), its statutory compliance matrix too."""
    old_checked, new_checked = checks if checks is not None else (None, None)
    old_heading = heading.replace(new.title, old.title) if new.title in heading else heading  # a renamed plan
    old_rec, new_rec = record(old, old_heading, old_checked), record(new, heading, new_checked)
    old_prelude, old_sections = _prepare(old_rec, old)
    new_prelude, new_sections = _prepare(new_rec, new)
    redline = Redline(writer, old, new, old_rec, new_rec)
    # The appendix heading and the lines under it (the partnership, the period and the
    # version), a note of what the marks are, then the rest.
    def cut(blocks: list[Block]) -> int:
        return next((i for i, b in enumerate(blocks) if b.kind in ("table", "contents")), len(blocks))
    old_cut, new_cut = cut(old_prelude), cut(new_prelude)
    redline.pair(old_prelude[0], new_prelude[0])
    redline.blocks(old_prelude[1:old_cut], new_prelude[1:new_cut])
    writer.paragraph(f"Changes since version {old.version} are shown as tracked changes, made by "
                     f"{revision_author(new)} and dated {long_date(revision_day(new))}. In Word, use "
                     "Review > Track Changes to see them and to accept or reject each.")
    redline.blocks(old_prelude[old_cut:], new_prelude[new_cut:])

    def inner(o: Section | None, n: Section | None) -> None:
        if (n or o) is not None and (n or o).key == "priorities":  # type: ignore[union-attr]
            redline.blocks(o.intro if o else [], n.intro if n else [])
            redline.sections(o.parts if o else [], n.parts if n else [], redline.body)
        else:
            redline.body(o, n)

    redline.sections(old_sections, new_sections, inner)
    _links_hold_revisions(writer)


def _links_hold_revisions(writer: Writer) -> None:
    """A tracked link as Word writes it: the revision inside the hyperlink, not round it
    (``w:ins`` may hold runs, not a ``w:hyperlink``; Word reports the other way round as
    unreadable content)."""
    from docx.oxml.ns import qn

    body = writer.document.element.body
    for link in list(body.iter(qn("w:hyperlink"))):
        mark = link.getparent()
        if mark is None or mark.tag not in (qn("w:ins"), qn("w:del")) or len(mark) != 1:
            continue
        mark.addprevious(link)
        for run in list(link):
            mark.append(run)
        link.append(mark)
