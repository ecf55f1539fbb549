"""What changed between two versions of a plan, on the plan model, as a committee reads it.

:mod:`cspplan.diff` lists every field that changed, for the record and for tools. A
review paper needs the same comparison the way the paper shows the plan: each priority
by its number in the new plan, each action with its status, due date and progress, each
measure with its figures and target; and a short list of what changed in substance, in
the groups members think in (new and closed work; targets, leads and dates; the
partnership; the law). Everything here is matched by id, as the diff is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cspplan.dates import long_date
from cspplan.model import Action, Measure, Plan, Priority
from cspplan.vocabulary import REPORT_PURPOSES, TARGET_DIRECTIONS

CLOSED = ("complete", "cancelled")


@dataclass(frozen=True)
class ActionProgress:
    """An action of the new plan, beside what the earlier version said of it."""

    action: Action
    lead: str
    new: bool = False
    old_due: dt.date | None = None          # the earlier due date, when it changed
    old_status: str | None = None
    moved_from: str | None = None           # "priority 5, Town centres", when it moved


@dataclass(frozen=True)
class MeasureProgress:
    measure: Measure
    new: bool = False
    old_target: str | None = None           # the earlier target in words, when it changed


@dataclass(frozen=True)
class PriorityProgress:
    number: int                             # as the new plan numbers it
    priority: Priority
    lead: str
    new: bool = False
    old_number: int | None = None
    old_title: str | None = None            # when renamed
    old_lead: str | None = None             # when the lead changed
    actions: tuple[ActionProgress, ...] = ()
    measures: tuple[MeasureProgress, ...] = ()
    removed_actions: tuple[Action, ...] = ()
    removed_measures: tuple[Measure, ...] = ()


@dataclass
class Summary:
    """The plain-English summary of changes, in the groups the cover report shows."""

    new_and_closed: list[str] = field(default_factory=list)
    targets_leads_dates: list[str] = field(default_factory=list)
    partnership: list[str] = field(default_factory=list)
    report: list[str] = field(default_factory=list)
    statutory: list[str] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[str]]]:
        return [("New and closed priorities and actions", self.new_and_closed),
                ("Changed targets, leads and dates", self.targets_leads_dates),
                ("The partnership", self.partnership),
                ("This report", self.report),
                ("The law", self.statutory)]


@dataclass
class Progress:
    old: Plan
    new: Plan
    priorities: list[PriorityProgress]
    removed_priorities: list[tuple[int, Priority]]
    summary: Summary


def target_words(measure: Measure) -> str:
    """The aim of a measure in words: "decrease to 210", "increase"."""
    words = TARGET_DIRECTIONS[measure.direction].lower()
    if measure.target_value is not None:
        words += f" to {format_number(measure.target_value, measure.unit)}"
    return words


def format_number(value: float | None, unit: str | None = None) -> str:
    """A figure as the papers show it: 1,234, 12.5, 45% or "-" for none."""
    if value is None:
        return "-"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text + "%" if unit in ("per cent", "percent", "%") else text


def _sentence(text: str) -> str:
    text = " ".join(text.split()).rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _label(number: int, priority: Priority) -> str:
    return f"priority {number}, {priority.title}"


def compare_plans(old: Plan, new: Plan, compliance: list | None = None) -> Progress:
    """Compare two versions on the model. ``compliance`` holds the diff's changes at the
    level of the law (a finding that appeared or went away), for the statutory group."""
    old_names = {m.id: m.name for m in old.members}
    names = {m.id: m.name for m in new.members}
    old_priorities = {p.id: (i, p) for i, p in enumerate(old.priorities, 1)}
    old_actions = {a.id: (p, a) for p, a in old.actions()}
    new_action_ids = {a.id for _, a in new.actions()}
    old_measures = {m.id: m for _, m in old.measures()}
    new_measure_ids = {m.id for _, m in new.measures()}
    summary = Summary()
    result: list[PriorityProgress] = []
    for number, priority in enumerate(new.priorities, 1):
        lead = names.get(priority.lead, priority.lead)
        before = old_priorities.get(priority.id)
        if before is None:
            summary.new_and_closed.append(f"New priority {number}: {priority.title}, led by {lead}.")
        else:
            old_number, old_p = before
            if old_p.title != priority.title:
                summary.targets_leads_dates.append(
                    f"Priority {number} is renamed {priority.title} (it was {old_p.title}).")
            if old_p.lead != priority.lead:
                summary.targets_leads_dates.append(
                    f"The lead for {_label(number, priority)} is now {lead} (it was "
                    f"{old_names.get(old_p.lead, old_p.lead)}).")
        actions = [_action(priority, a, old_actions, old_priorities, names, old_names, number, summary)
                   for a in priority.actions]
        measures = [_measure(priority, m, old_measures, number, summary) for m in priority.measures]
        if before is None:  # a new priority's actions and measures are all new: say how many, not each
            label = _label(number, priority)
            summary.new_and_closed[:] = [line for line in summary.new_and_closed
                                         if not line.startswith((f"New action under {label}:",
                                                                 f"New measure under {label}:"))]
            count = f"{len(actions)} action{'s' if len(actions) != 1 else ''} and {len(measures)} " \
                    f"measure{'s' if len(measures) != 1 else ''}"
            summary.new_and_closed = [line.replace(f"New priority {number}: {priority.title}, led by {lead}.",
                                                   f"New priority {number}: {priority.title}, led by {lead}, "
                                                   f"with {count}.") for line in summary.new_and_closed]
        removed_actions: tuple[Action, ...] = ()
        removed_measures: tuple[Measure, ...] = ()
        if before is not None:
            removed_actions = tuple(a for a in before[1].actions if a.id not in new_action_ids)
            removed_measures = tuple(m for m in before[1].measures if m.id not in new_measure_ids)
            for a in removed_actions:
                summary.new_and_closed.append(f"Action removed from {_label(number, priority)}: "
                                              f"{_sentence(a.description)}")
            for m in removed_measures:
                summary.new_and_closed.append(f"Measure removed from {_label(number, priority)}: "
                                              f"{_sentence(m.indicator)}")
        result.append(PriorityProgress(
            number, priority, lead, new=before is None,
            old_number=before[0] if before and before[0] != number else None,
            old_title=before[1].title if before and before[1].title != priority.title else None,
            old_lead=(old_names.get(before[1].lead, before[1].lead)
                      if before and before[1].lead != priority.lead else None),
            actions=tuple(actions), measures=tuple(measures),
            removed_actions=removed_actions, removed_measures=removed_measures))
    new_ids = {p.id for p in new.priorities}
    removed = [(i, p) for i, p in old_priorities.values() if p.id not in new_ids]
    for old_number, p in removed:
        summary.new_and_closed.insert(0, f"Priority {old_number} of version {old.version}, {p.title}, is removed.")
    summary.new_and_closed.sort(key=_kind_order)
    _plan_dates(old, new, summary)
    _partnership(old, new, summary)
    _report(old, new, summary)
    _law(compliance or [], summary)
    return Progress(old, new, result, removed, summary)


ORDER = ("New priority", "Priority ", "New action", "New measure", "Completed", "Cancelled", "Action removed",
         "Measure removed", "Action moved")


def _kind_order(line: str) -> int:
    """New work first, then what was closed, removed or moved (a stable sort keeps plan order within)."""
    return next((i for i, prefix in enumerate(ORDER) if line.startswith(prefix)), len(ORDER))


def _action(priority, action, old_actions, old_priorities, names, old_names, number, summary) -> ActionProgress:
    lead = names.get(action.owner, action.owner)
    before = old_actions.get(action.id)
    label = _label(number, priority)
    if before is None:
        summary.new_and_closed.append(f"New action under {label}: {_sentence(action.description)}")
        return ActionProgress(action, lead, new=True)
    old_priority, old = before
    moved_from = None
    if old_priority.id != priority.id:
        old_number = old_priorities[old_priority.id][0]
        moved_from = _label(old_number, old_priority)
        summary.new_and_closed.append(f"Action moved from {moved_from} to {label}: {_sentence(action.description)}")
    if action.status in CLOSED and old.status not in CLOSED:
        word = "Completed" if action.status == "complete" else "Cancelled"
        summary.new_and_closed.append(f"{word} under {label}: {_sentence(action.description)}")
    if old.due != action.due:
        summary.targets_leads_dates.append(
            f"Due date of an action under {label} is now {long_date(action.due)} (it was {long_date(old.due)}): "
            f"{_sentence(action.description)}")
    if old.owner != action.owner:
        summary.targets_leads_dates.append(
            f"The lead for an action under {label} is now {lead} (it was {old_names.get(old.owner, old.owner)}): "
            f"{_sentence(action.description)}")
    return ActionProgress(action, lead, old_due=old.due if old.due != action.due else None, old_status=old.status,
                          moved_from=moved_from)


def _measure(priority, measure, old_measures, number, summary) -> MeasureProgress:
    old = old_measures.get(measure.id)
    label = _label(number, priority)
    if old is None:
        summary.new_and_closed.append(f"New measure under {label}: {_sentence(measure.indicator)}")
        return MeasureProgress(measure, new=True)
    before, now = target_words(old), target_words(measure)
    if before != now:
        summary.targets_leads_dates.append(f"Target for {measure.indicator.rstrip('.')} ({label}): now {now} "
                                           f"(it was {before}).")
        return MeasureProgress(measure, old_target=before)
    return MeasureProgress(measure)


def _plan_dates(old: Plan, new: Plan, summary: Summary) -> None:
    if old.period != new.period and (old.period.start, old.period.end) != (new.period.start, new.period.end):
        summary.targets_leads_dates.append(
            f"The plan now runs from {long_date(new.period.start)} to {long_date(new.period.end)} (it ran from "
            f"{long_date(old.period.start)} to {long_date(old.period.end)}).")
    if new.next_review_due and old.next_review_due != new.next_review_due:
        was = f" (it was {long_date(old.next_review_due)})" if old.next_review_due else ""
        summary.targets_leads_dates.append(f"The next review is due by {long_date(new.next_review_due)}{was}.")


def _partnership(old: Plan, new: Plan, summary: Summary) -> None:
    old_ids, new_ids = {m.id for m in old.members}, {m.id for m in new.members}
    for m in new.members:
        if m.id not in old_ids:
            summary.partnership.append(f"{m.name} has joined the partnership.")
    for m in old.members:
        if m.id not in new_ids:
            summary.partnership.append(f"{m.name} has left the partnership.")
    old_groups = {g.id: g for g in old.governance}
    for g in new.governance:
        if g.id not in old_groups:
            summary.partnership.append(f"A new group reports to the partnership: {g.name}.")
    new_groups = {g.id for g in new.governance}
    for g in old.governance:
        if g.id not in new_groups:
            summary.partnership.append(f"The {g.name} no longer meets as part of the partnership.")


def _report(old: Plan, new: Plan, summary: Summary) -> None:
    if old.report and new.report and old.report.purpose != new.report.purpose:
        summary.report.append(f"The report's purpose is now {REPORT_PURPOSES[new.report.purpose].lower()} "
                              f"(the last was {REPORT_PURPOSES[old.report.purpose].lower()}).")


def _law(compliance: list, summary: Summary) -> None:
    from cspplan.rules import RULES

    for change in compliance:
        rule = RULES.get(change.item_id)
        what = rule.summary if rule else change.title
        what = what[0].lower() + what[1:] if what else "a requirement"
        if change.kind == "removed":
            summary.statutory.append(f"Now met: {_sentence(what)}")
        else:
            summary.statutory.append(f"No longer met: {_sentence(what)}")
