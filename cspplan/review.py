"""``cspplan review``: the six-monthly review on one screen.

Is the review on time; which actions are overdue or past due and not complete; which
measures are off target given their direction; which priorities have no actions or no
measures; which evidence is more than a year old (as the rules judge it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cspplan.dates import long_date
from cspplan.model import Plan
from cspplan.rules.base import evidence_stale, review_due

OPEN_STATUSES = ("not_started", "in_progress", "on_hold")


@dataclass
class Item:
    what: str
    pointer: str
    line: int = 0


@dataclass
class Review:
    path: str
    today: dt.date
    last_review: dt.date | None
    next_due: dt.date | None
    overdue: bool
    days: int | None                      # days until (negative: since) the review was due
    overdue_actions: list[Item] = field(default_factory=list)
    off_target: list[Item] = field(default_factory=list)
    without_actions: list[Item] = field(default_factory=list)
    without_measures: list[Item] = field(default_factory=list)
    stale_evidence: list[Item] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[Item]]]:
        return [("Actions past due and not complete", self.overdue_actions),
                ("Measures off target (judged on a whole year's latest figure)", self.off_target),
                ("Priorities with no actions", self.without_actions),
                ("Priorities with no measures", self.without_measures),
                ("Evidence more than a year old", self.stale_evidence)]


def review(plan: Plan, path: str, today: dt.date, locate) -> Review:
    """The review status of ``plan`` on ``today``; ``locate(pointer)`` gives a line number."""
    found = review_due(plan)  # the date rule QUALITY-REVIEW-OVERDUE judges by
    due = found.date if found else None
    basis = found.basis if found else None
    result = Review(path, today, plan.last_reviewed or basis, due, bool(due and due < today),
                    (due - today).days if due else None)

    def item(text: str, pointer: str) -> Item:
        return Item(text, pointer, locate(pointer))

    names = {m.id: m.name for m in plan.members}
    for priority, action in plan.actions():
        if action.status in OPEN_STATUSES and action.due < today:
            late = (today - action.due).days
            result.overdue_actions.append(item(
                f"{action.id} ({priority.title}): due {long_date(action.due)}, {late} days ago, "
                f"{action.status.replace('_', ' ')}; owner {names.get(action.owner, action.owner)}", action.ptr))
    for priority, measure in plan.measures():
        verdict = _off_target(measure)
        if verdict:
            result.off_target.append(item(f"{measure.id} ({priority.title}): {measure.indicator}: {verdict}",
                                          measure.ptr))
    for priority in plan.priorities:
        if not priority.actions:
            result.without_actions.append(item(priority.title, priority.ptr))
        if not priority.measures:
            result.without_measures.append(item(priority.title, priority.ptr))
    latest: dict[str, dt.date] = {}
    for evidence in plan.evidence:  # an older assessment kept for the record is not "stale"
        if evidence.date and evidence.kind != "other":
            latest[evidence.kind] = max(latest.get(evidence.kind, evidence.date), evidence.date)
    for evidence in plan.evidence:
        if evidence.kind != "other" and evidence.date and evidence.date < latest[evidence.kind]:
            continue
        if evidence.date and evidence_stale(evidence.date, today):
            result.stale_evidence.append(item(f"{evidence.title} ({long_date(evidence.date)})", evidence.ptr))
    return result


def _off_target(measure) -> str | None:
    """Why a measure is off target given its direction, or None.

    A measure is off target when its latest figure has moved the wrong way from its
    baseline (or, for "maintain", by more than 5%), compared like for like by
    :func:`cspplan.measures.compare`: a quarter is never judged against a yearly baseline,
    and a change on small numbers is not a trend. Targets are for the end of the plan, so
    a figure still short of one mid-plan is not off target.
    """
    from cspplan.measures import SMALL_NUMBERS, WORSENING, compare

    verdict = compare(measure.baseline, measure.latest, measure.direction, measure.unit)
    if WORSENING not in (verdict.status, verdict.moved if verdict.status == SMALL_NUMBERS else ""):
        return None
    latest, base = measure.latest.value, measure.baseline.value
    change = f"from {base:g} ({measure.baseline.period}) to {latest:g} ({measure.latest.period})"
    if measure.direction == "decrease":
        return f"up {change}; the aim is to decrease"
    if measure.direction == "increase":
        return f"down {change}; the aim is to increase"
    return f"changed {change}; the aim is to hold it steady"
