"""The six-monthly review paper: progress on every priority, and what changed, in words.

``cspplan render NEW --changes-since OLD`` writes the committee's progress update: the
cover report as usual (with the recommendations the report gives: to note, or to
approve), then a progress section per priority (each action's status in words with a
RAG rating that is not colour alone, its due date and any slip, its progress update;
each measure with a like-for-like trend), and a plain-English summary of changes grouped
as members think of them. The field-by-field list goes in the last appendix, in words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cspplan.changes import ActionProgress, MeasureProgress, PriorityProgress, Progress, format_number, target_words
from cspplan.dates import long_date
from cspplan.render import markdown
from cspplan.render.writer import Run, Writer, el

# RAG: the word is in the cell; the light shading (black text on it passes AAA contrast)
# only repeats it, so a grey-scale print or a screen reader loses nothing.
RAG_FILL = {"Green": "C6EFCE", "Amber": "FFEB9C", "Red": "FFC7CE", "Grey": "E7E6E6"}
SOON_DAYS = 183   # an action not started that falls due within six months of the meeting is amber


@dataclass(frozen=True)
class Rating:
    words: str      # "Complete", "In progress, on track" ...
    rag: str        # Green, Amber, Red or Grey (closed)


def rating(item: ActionProgress, on: dt.date) -> Rating:
    """The status of an action in words, and its RAG rating, on the day of the meeting."""
    action = item.action
    status = action.status
    if status == "complete":
        return Rating("Complete", "Green")
    if status == "cancelled":
        return Rating("Cancelled", "Grey")
    if action.due < on:
        return Rating(f"Overdue ({'not started' if status == 'not_started' else status.replace('_', ' ')})",
                      "Red")
    if status == "on_hold":
        return Rating("On hold", "Amber")
    if item.old_due is not None and item.old_due < action.due:
        return Rating("In progress, slipped" if status == "in_progress" else "Not started, slipped", "Amber")
    if status == "not_started":
        soon = (action.due - on).days <= SOON_DAYS
        return Rating("Not started yet", "Amber" if soon else "Green")
    return Rating("In progress, on track", "Green")


def _meeting_day(progress: Progress) -> dt.date:
    plan = progress.new
    return (plan.report.meeting_date if plan.report else None) or plan.approval_date or plan.period.start


def _version(progress: Progress) -> str:
    return f"version {progress.old.version}"


@dataclass(frozen=True)
class ReviewChanges:
    """What the review paper needs: the field-level diff and the comparison on the model."""

    diff: object
    progress: Progress

    @property
    def appendix_title(self) -> str:
        return f"Every change since {_version(self.progress)}"


def sections(writer: Writer, changes: ReviewChanges, report_num: int, appendix: str | None) -> None:
    """The review paper's own sections of the cover report."""
    progress_section(writer, changes.progress, report_num)
    summary_section(writer, changes.progress, report_num, appendix)


# --- the progress section -------------------------------------------------------------------------

def progress_section(writer: Writer, progress: Progress, report_num: int) -> None:
    """'Progress on the action plan': one part per priority, numbered as the new plan numbers them."""
    writer.heading(2, "Progress on the action plan", num=(report_num, 0))
    on = _meeting_day(progress)
    counts = _status_counts(progress, on)
    writer.paragraph(f"This section reports progress on each priority since {_version(progress)} of the plan "
                     f"({long_date(progress.old.approval_date or progress.old.period.start)}), as at "
                     f"{long_date(on)}. {counts} Each action's rating is given in words, with its colour "
                     "(green, amber or red) as shading.", num=(report_num, 1))
    for item in progress.priorities:
        _priority(writer, item, on)
    if progress.removed_priorities:
        writer.heading(3, "Priorities removed")
        num = writer.new_list(ordered=False)
        for number, priority in progress.removed_priorities:
            writer.list_item(f"Priority {number} of {_version(progress)}: {priority.title}", num)


def _status_counts(progress: Progress, on: dt.date) -> str:
    ratings = [rating(a, on) for p in progress.priorities for a in p.actions]
    if not ratings:
        return "The plan has no actions."
    parts = [f"{sum(1 for r in ratings if r.rag == rag)} {rag.lower()}" for rag in ("Green", "Amber", "Red")]
    closed = sum(1 for r in ratings if r.rag == "Grey")
    complete = sum(1 for r in ratings if r.words == "Complete")
    text = (f"Of {len(ratings)} actions, {complete} {'is' if complete == 1 else 'are'} complete; "
            f"rated overall, {', '.join(parts[:-1])} and {parts[-1]}")
    return text + (f", and {closed} cancelled." if closed else ".")


def _priority(writer: Writer, item: PriorityProgress, on: dt.date) -> None:
    priority = item.priority
    writer.heading(3, f"Priority {item.number}: {priority.title}{' (new)' if item.new else ''}")
    lead = [Run("Lead: ", bold=True), Run(item.lead)]
    if item.old_lead:
        lead.append(Run(f" (was {item.old_lead})"))
    notes = []
    if item.new:
        notes.append("This priority is new at this review.")
    if item.old_title:
        notes.append(f"Renamed at this review; it was {item.old_title}.")
    if item.old_number:
        notes.append(f"It was priority {item.old_number}.")
    writer.paragraph(lead, keep_next=True)
    if notes:
        writer.paragraph(" ".join(notes), keep_next=True)
    if item.actions:
        _actions_table(writer, item, on)
    else:
        writer.paragraph("No actions are set yet.")
    if item.measures:
        _measures_table(writer, item)
    for what, removed in (("Actions", [a.description for a in item.removed_actions]),
                          ("Measures", [m.indicator for m in item.removed_measures])):
        if removed:
            writer.paragraph([Run(f"{what} removed at this review:", bold=True)], keep_next=True)
            num = writer.new_list(ordered=False)
            for text in removed:
                writer.list_item(markdown.runs(text), num)


def _actions_table(writer: Writer, item: PriorityProgress, on: dt.date) -> None:
    rows, fills = [], []
    for entry in item.actions:
        action = entry.action
        what: list[list[Run]] = [markdown.runs(action.description)
                                 + ([Run(" (new)", bold=True)] if entry.new and not item.new else [])]
        what.append([Run("Lead: ", bold=True), Run(entry.lead)])
        if entry.moved_from:
            what.append([Run(f"Moved here from {entry.moved_from}.")])
        due: list[list[Run]] = [[Run(long_date(action.due))]]
        if entry.old_due is not None:
            due.append([Run(f"(was {long_date(entry.old_due)})")])
        progress = (markdown.cell_paragraphs(writer, action.update) if action.update
                    else [[Run("No update given.", italic=True)]])
        rated = rating(entry, on)
        rows.append([what, due, [[Run(rated.words)], [Run(rated.rag, bold=True)]], progress])
        fills.append(RAG_FILL[rated.rag])
    table = writer.table(["Action", "Due", "Status", "Progress"], rows, widths=[2800, 1750, 1500, 2976],
                         caption=f"Progress on the actions for {item.priority.title}")
    _shade_column(table, 2, fills)


def _shade_column(table, column: int, fills: list[str]) -> None:
    """Shade one cell of each body row (the header row keeps the table style's shading)."""
    from docx.oxml.ns import qn

    for row, fill in zip(table.findall(qn("w:tr"))[1:], fills, strict=True):
        tcpr = row.findall(qn("w:tc"))[column].find(qn("w:tcPr"))
        tcpr.append(el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}))


def _measures_table(writer: Writer, item: PriorityProgress) -> None:
    rows = []
    for entry in item.measures:
        rows.append(_measure_row(entry, mark_new=not item.new))
    writer.table(["Measure", "Baseline", "Latest", "Change", "Trend"], rows, widths=[2826, 1500, 1500, 1100, 2100],
                 caption=f"Measures for {item.priority.title}, compared like for like")


def _measure_row(entry: MeasureProgress, mark_new: bool = True) -> list:
    from cspplan.measures import NOT_COMPARABLE, SMALL_NUMBERS, compare

    m = entry.measure
    aim = f"Aim: {target_words(m)}" + (f" (was {entry.old_target})" if entry.old_target else "") + "."
    indicator = [markdown.runs(m.indicator) + ([Run(" (new)", bold=True)] if entry.new and mark_new else []),
                 [Run(aim)]]
    verdict = compare(m.baseline, m.latest, m.direction, m.unit)
    trend: list[list[Run]] = [[Run(verdict.words, bold=True)]]
    if verdict.status in (NOT_COMPARABLE, SMALL_NUMBERS):
        trend.append([Run(verdict.reason[0].upper() + verdict.reason[1:] + ".")])
    return [indicator, _figure(m, m.baseline), _figure(m, m.latest), verdict.change or "-", trend]


def _figure(measure, observation) -> list[list[Run]] | str:
    if observation is None:
        return "Not yet known"
    return [[Run(format_number(observation.value, measure.unit))], [Run(observation.period)]]


# --- the summary of changes ---------------------------------------------------------------------

def summary_section(writer: Writer, progress: Progress, report_num: int, appendix: str | None) -> None:
    """'Summary of changes since version X', in plain English, grouped as members think."""
    writer.heading(2, f"Summary of changes since {_version(progress)}", num=(report_num, 0))
    groups = [(title, lines) for title, lines in progress.summary.groups() if lines]
    where = f" Every change, field by field, is listed in {appendix}." if appendix else ""
    if not groups:
        writer.paragraph(f"Nothing of substance has changed since {_version(progress)}.{where}", num=(report_num, 1))
        return
    writer.paragraph(f"What has changed in substance since {_version(progress)}, the version approved on "
                     f"{long_date(progress.old.approval_date or progress.old.period.start)}. Changes of wording "
                     f"alone are not listed here.{where}", num=(report_num, 1))
    if not progress.summary.statutory:
        groups.append(("The law", ["No requirement of the law is newly met or newly unmet."]))
    for title, lines in groups:
        writer.heading(3, title)
        num = writer.new_list(ordered=False)
        for line in lines:
            writer.list_item(line, num)


# --- the appendix: every change, in words --------------------------------------------------------

def changes_appendix(writer: Writer, diff, progress: Progress, *, heading: str) -> None:
    """Every change the diff found, one row each, in words: no field paths, no quoted values."""
    from cspplan.render.change_words import describe_change, item_words

    writer.heading(1, heading, page_break_before=True)
    counts = {s: diff.count(s) for s in ("statutory", "substantive", "editorial")}
    writer.paragraph(f"Every change since {_version(progress)}, in the order of the plan: "
                     f"{counts['statutory']} statutory (whether the plan meets the law), {counts['substantive']} "
                     f"substantive (priorities, actions, targets, partners, dates and the report's purpose) and "
                     f"{counts['editorial']} editorial (wording only).")
    numbers = {p.priority.id: p.number for p in progress.priorities}
    numbers.update({p.id: n for n, p in progress.removed_priorities})
    names = {}
    for plan in (progress.old, progress.new):
        names.update({m.id: m.name for m in plan.members})
        names.update({g.id: g.name for g in plan.governance})
        names.update({e.id: e.title for e in plan.evidence})
    rows = [[item_words(change, numbers), describe_change(change, numbers, names), change.significance.capitalize()]
            for change in diff.changes]
    writer.table(["Part of the plan", "Change", "Significance"], rows, widths=[3300, 4226, 1500],
                 caption=f"Every change since {_version(progress)}")


