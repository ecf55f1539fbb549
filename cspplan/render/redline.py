"""The plan (Appendix A) of a new version with Word tracked changes against an earlier one.

Members see what changed in Word's review pane: insertions and deletions (``w:ins`` and
``w:del``) attributed to the report's author and dated with the new version's date.
Items are matched by id, as ``cspplan diff`` matches them; text that changed is marked
word by word. Deterministic, like every render.
"""

from __future__ import annotations

import datetime as dt

from cspplan.diff import words
from cspplan.model import Plan
from cspplan.render import markdown
from cspplan.render.paper import format_number
from cspplan.render.writer import Row, Run, Writer
from cspplan.rules.base import long_date
from cspplan.vocabulary import ACTION_STATUSES, MEMBER_ROLES, TARGET_DIRECTIONS


def tracked(old: str | None, new: str | None) -> list[Run]:
    """Runs for a text that may have changed: unchanged words plain, the rest tracked."""
    old = " ".join((old or "").split())
    new = " ".join((new or "").split())
    if old == new:
        return [Run(new or "-")]
    if not old:
        return [Run(new, revision="ins")]
    if not new:
        return [Run(old, revision="del")]
    runs: list[Run] = []
    for op, text in words(old, new):
        piece = text + " "
        runs.append(Run(piece, revision={"equal": None, "delete": "del", "insert": "ins"}[op]))
    if runs:
        runs[-1] = Run(runs[-1].text.rstrip(), revision=runs[-1].revision)
    return runs


def _all(text: str, revision: str) -> list[Run]:
    return [Run(" ".join(text.split()), revision=revision)]


def revision_day(plan: Plan) -> dt.date:
    """The day the new version's changes are dated: its approval, else its latest version."""
    return plan.approval_date or (plan.versions[-1].date if plan.versions else None) or plan.period.start


def w3c_datetime(day: dt.date) -> str:
    """Midnight UTC on ``day`` as xsd:dateTime, the year always four digits (0204, not 204)."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"


def write(writer: Writer, old: Plan, new: Plan, heading: str) -> None:
    writer.heading(1, tracked(old.title, new.title) if old.title != new.title else heading)
    assert writer.revisions is not None, "tracked changes need the author and date to attribute them to"
    author = writer.revisions[0]
    writer.paragraph(f"Changes since version {old.version} are shown as tracked changes, "
                     f"made by {author} on {long_date(revision_day(new))}. "
                     "In Word, use Review > Track Changes to see or accept them.")
    _members(writer, old, new)
    _evidence(writer, old, new)
    _priorities(writer, old, new)


def _members(writer: Writer, old: Plan, new: Plan) -> None:
    writer.heading(2, "The partnership")
    before = {m.id: m for m in old.members}
    rows: list[list[list[Run]]] = []  # cells of runs; a Row is one marked inserted or deleted
    for m in new.members:
        o = before.get(m.id)
        if o is None:
            rows.append(Row([_all(m.name, "ins"), _all(MEMBER_ROLES[m.kind], "ins"),
                             _all(m.represented_by or "-", "ins")], "ins"))
        else:
            rows.append([tracked(o.name, m.name), tracked(MEMBER_ROLES[o.kind], MEMBER_ROLES[m.kind]),
                         tracked(o.represented_by or "-", m.represented_by or "-")])
    now = {m.id for m in new.members}
    for o in old.members:
        if o.id not in now:
            rows.append(Row([_all(o.name, "del"), _all(MEMBER_ROLES[o.kind], "del"),
                             _all(o.represented_by or "-", "del")], "del"))
    writer.table(["Member", "Role", "Represented by"], rows, widths=[3600, 3026, 2400],
                 caption="Partnership members, with changes")


def _evidence(writer: Writer, old: Plan, new: Plan) -> None:
    writer.heading(2, "Evidence")
    before = {e.id: e for e in old.evidence}
    rows: list[list[list[Run]]] = []

    def date(e):
        return long_date(e.date) if e.date else "-"
    for e in new.evidence:
        o = before.get(e.id)
        if o is None:
            rows.append(Row([_all(e.title, "ins"), _all(date(e), "ins")], "ins"))
        else:
            rows.append([tracked(o.title, e.title), tracked(date(o), date(e))])
    now = {e.id for e in new.evidence}
    for o in old.evidence:
        if o.id not in now:
            rows.append(Row([_all(o.title, "del"), _all(date(o), "del")], "del"))
    writer.table(["Document", "Date"], rows, widths=[6526, 2500], caption="Evidence, with changes")


def _priorities(writer: Writer, old: Plan, new: Plan) -> None:
    writer.heading(2, "Our priorities")
    before = {p.id: p for p in old.priorities}
    old_actions = {a.id: (p.id, a) for p, a in old.actions()}
    old_measures = {m.id: (p.id, m) for p, m in old.measures()}
    names_old = {m.id: m.name for m in old.members}
    names_new = {m.id: m.name for m in new.members}
    for index, p in enumerate(new.priorities, 1):
        o = before.get(p.id)
        revision = "ins" if o is None else None
        title = _all(f"Priority {index}: {p.title}", "ins") if o is None else \
            [Run(f"Priority {index}: ")] + tracked(o.title, p.title)
        writer.heading(3, title)
        writer.paragraph([Run("Lead: ", bold=True)] +
                         (_all(names_new.get(p.lead, p.lead), "ins") if o is None else
                          tracked(names_old.get(o.lead, o.lead), names_new.get(p.lead, p.lead))))
        if o is None:
            for block in p.narrative.split("\n\n"):
                writer.paragraph([Run(r.text, r.bold, r.italic, r.code, None, revision) for r in markdown.runs(block)])
        elif " ".join(o.narrative.split()) == " ".join(p.narrative.split()):
            markdown.write(writer, p.narrative, heading_base=3)
        else:
            writer.paragraph(tracked(o.narrative, p.narrative))
        _actions(writer, p, old_actions, names_old, names_new)
        _measures(writer, p, old_measures)
    now = {p.id for p in new.priorities}
    for o in old.priorities:
        if o.id not in now:
            writer.heading(3, _all(f"Priority: {o.title}", "del"))
            writer.paragraph(_all(o.narrative, "del"))


def _actions(writer, p, old_actions, names_old, names_new) -> None:
    writer.heading(4, "What we will do")
    rows: list[list[list[Run]]] = []
    for a in p.actions:
        before = old_actions.get(a.id)
        cells = [a.description, names_new.get(a.owner, a.owner), long_date(a.due), ACTION_STATUSES[a.status]]
        if before is None or before[0] != p.id:  # new here: added, or moved in from another priority
            rows.append(Row([_all(c, "ins") for c in cells], "ins"))
        else:
            o = before[1]
            rows.append([tracked(o.description, a.description),
                         tracked(names_old.get(o.owner, o.owner), names_new.get(a.owner, a.owner)),
                         tracked(long_date(o.due), long_date(a.due)),
                         tracked(ACTION_STATUSES[o.status], ACTION_STATUSES[a.status])])
    here = {a.id for a in p.actions}
    for action_id, (priority_id, o) in old_actions.items():
        if priority_id == p.id and action_id not in here:  # removed, or moved to another priority
            cells = [o.description, names_old.get(o.owner, o.owner), long_date(o.due), ACTION_STATUSES[o.status]]
            rows.append(Row([_all(c, "del") for c in cells], "del"))
    if rows:
        writer.table(["Action", "Lead", "Due", "Status"], rows, widths=[3826, 1900, 1700, 1600],
                     caption=f"Actions for {p.title}, with changes")
    else:
        writer.paragraph("No actions are set yet.")


def _measure_cells(m) -> list[str]:
    baseline = f"{format_number(m.baseline.value, m.unit)} ({m.baseline.period})" if m.baseline else "-"
    latest = f"{format_number(m.latest.value, m.unit)} ({m.latest.period})" if m.latest else "-"
    target = TARGET_DIRECTIONS[m.direction]
    if m.target_value is not None:
        target += f" to {format_number(m.target_value, m.unit)}"
    return [m.indicator, baseline, target, latest]


def _measures(writer, p, old_measures) -> None:
    writer.heading(4, "How we will measure success")
    rows: list[list[list[Run]]] = []
    for m in p.measures:
        before = old_measures.get(m.id)
        cells = _measure_cells(m)
        if before is None or before[0] != p.id:
            rows.append(Row([_all(c, "ins") for c in cells], "ins"))
        else:
            rows.append([tracked(o, n) for o, n in zip(_measure_cells(before[1]), cells, strict=True)])
    here = {m.id for m in p.measures}
    for measure_id, (priority_id, o) in old_measures.items():
        if priority_id == p.id and measure_id not in here:
            rows.append(Row([_all(c, "del") for c in _measure_cells(o)], "del"))
    if rows:
        writer.table(["Indicator", "Baseline", "Target", "Latest"], rows, widths=[3426, 1900, 1800, 1900],
                     caption=f"Measures for {p.title}, with changes")
    else:
        writer.paragraph("No measures are set yet.")
