"""The plan as typed Python objects, built from schema-valid data.

Rules, the renderer and the differ work from these, never from raw YAML. Every object
knows its JSON pointer (``ptr``), so anything said about it can be located in the file.
Dates are :class:`datetime.date`; optional fields are ``None`` or empty.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Iterator

from cspplan.loader import escape_token
from cspplan.vocabulary import RESPONSIBLE_AUTHORITY_KINDS

__all__ = ["RESPONSIBLE_AUTHORITY_KINDS", "Plan", "build"]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _ptr(parent: str, *tokens: str | int) -> str:
    return parent + "".join("/" + escape_token(str(t)) for t in tokens)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    ptr: str

    @classmethod
    def build(cls, data: dict | None, ptr: str) -> Period | None:
        if not data:
            return None
        return cls(_date(data["start"]), _date(data["end"]), ptr)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    kind: str
    ptr: str
    description: str | None = None
    represented_by: str | None = None

    @property
    def responsible_authority(self) -> bool:
        return self.kind in RESPONSIBLE_AUTHORITY_KINDS


@dataclass(frozen=True)
class GovernanceGroup:
    id: str
    name: str
    kind: str
    purpose: str
    ptr: str
    chair: str | None = None
    meets: str | None = None
    members: tuple[str, ...] = ()
    reports_to: str | None = None


@dataclass(frozen=True)
class Evidence:
    id: str
    kind: str
    title: str
    ptr: str
    date: dt.date | None = None
    period: Period | None = None
    prepared_by: str | None = None
    url: str | None = None
    method: str | None = None
    respondents: int | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Objective:
    id: str
    title: str
    ptr: str


@dataclass(frozen=True)
class PolicePlan:
    title: str
    objectives: tuple[Objective, ...]
    ptr: str
    issued_by: str | None = None
    period: Period | None = None
    url: str | None = None


@dataclass(frozen=True)
class Action:
    id: str
    description: str
    owner: str
    due: dt.date
    status: str
    ptr: str
    update: str | None = None


@dataclass(frozen=True)
class Observation:
    value: float
    period: str
    ptr: str


@dataclass(frozen=True)
class Measure:
    id: str
    indicator: str
    direction: str
    data_source: str
    ptr: str
    target_value: float | None = None
    unit: str | None = None
    baseline: Observation | None = None
    latest: Observation | None = None


@dataclass(frozen=True)
class Priority:
    id: str
    title: str
    narrative: str
    lead: str
    ptr: str
    rationale: str | None = None
    evidence: tuple[str, ...] = ()
    strands: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True)
class Version:
    version: str
    date: dt.date
    summary: str
    ptr: str
    next_review_due: dt.date | None = None


@dataclass(frozen=True)
class Waiver:
    rule: str
    pointer: str
    reason: str
    approved_by: str
    expires: dt.date
    ptr: str


@dataclass(frozen=True)
class CommitteeReport:
    committee: str
    meeting_date: dt.date
    title: str
    purpose: str
    author_name: str
    author_role: str
    wards_affected: tuple[str, ...]
    exempt: bool
    corporate_priorities: tuple[str, ...]
    recommendations: tuple[str, ...]
    reason_for_recommendation: str
    summary_box: dict
    sections: dict
    background_papers: tuple[dict, ...]
    appendices: tuple[dict, ...]
    ptr: str
    published_on: dt.date | None = None
    forward_plan_notice_on: dt.date | None = None
    exemption_paragraph: int | None = None
    public_interest_reason: str | None = None
    has_exemption: bool = False
    key_decision: bool | None = None
    recommendations_preamble: str = "Committee is asked to:"
    author_email: str | None = None
    author_phone: str | None = None


@dataclass(frozen=True)
class Plan:
    """A whole plan file. ``data`` is the schema-valid data it was built from."""

    title: str
    area_name: str
    council_type: str
    jurisdiction: str
    partnership_name: str
    period: Period
    version: str
    status: str
    review_frequency_months: int
    members: tuple[Member, ...]
    governance: tuple[GovernanceGroup, ...]
    evidence: tuple[Evidence, ...]
    priorities: tuple[Priority, ...]
    versions: tuple[Version, ...]
    waivers: tuple[Waiver, ...]
    data: dict = field(repr=False, compare=False)
    county: str | None = None
    local_name: str | None = None
    approval_date: dt.date | None = None
    approved_by: str | None = None
    last_reviewed: dt.date | None = None
    next_review_due: dt.date | None = None
    scrutiny_committee: str | None = None
    last_scrutinised: dt.date | None = None
    police_plan: PolicePlan | None = None
    report: CommitteeReport | None = None

    # --- convenient views -------------------------------------------------------------

    def members_of_kind(self, *kinds: str) -> list[Member]:
        return [m for m in self.members if m.kind in kinds]

    def evidence_of_kind(self, *kinds: str) -> list[Evidence]:
        return [e for e in self.evidence if e.kind in kinds]

    def section(self, name: str) -> dict | None:
        value = self.data.get(name)
        return value if isinstance(value, dict) else None

    @property
    def two_tier(self) -> bool:
        return self.council_type == "district"

    def actions(self) -> Iterator[tuple[Priority, Action]]:
        for priority in self.priorities:
            for action in priority.actions:
                yield priority, action

    def measures(self) -> Iterator[tuple[Priority, Measure]]:
        for priority in self.priorities:
            for measure in priority.measures:
                yield priority, measure

    @functools.cached_property
    def _strings(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []

        def walk(node, ptr):
            if node.__class__ is str:
                out.append((ptr, node))
            elif node.__class__ is dict:
                for k, v in node.items():
                    walk(v, f"{ptr}/{escape_token(k)}")
            elif node.__class__ is list:
                for i, v in enumerate(node):
                    walk(v, f"{ptr}/{i}")
        walk(self.data, "")
        return out

    def strings(self) -> Iterator[tuple[str, str]]:
        """Every text value in the plan with its pointer, in file order (walked once)."""
        return iter(self._strings)


def build(data: dict) -> Plan:
    """Build a :class:`Plan` from data that has passed the schema check."""
    members = tuple(
        Member(m["id"], m["name"], m["kind"], _ptr("/partnership/members", i),
               m.get("description"), m.get("represented_by"))
        for i, m in enumerate(data["partnership"]["members"]))
    governance = tuple(
        GovernanceGroup(g["id"], g["name"], g["kind"], g["purpose"], _ptr("/partnership/governance", i),
                        g.get("chair"), g.get("meets"), tuple(g.get("members", ())), g.get("reports_to"))
        for i, g in enumerate(data["partnership"].get("governance", ())))
    evidence = tuple(
        Evidence(e["id"], e["kind"], e["title"], _ptr("/evidence", i), _date(e.get("date")),
                 Period.build(e.get("period"), _ptr("/evidence", i, "period")), e.get("prepared_by"),
                 e.get("url"), e.get("method"), e.get("respondents"), e.get("summary"))
        for i, e in enumerate(data.get("evidence", ())))
    priorities = tuple(_priority(p, _ptr("/priorities", i)) for i, p in enumerate(data["priorities"]))
    versions = tuple(
        Version(v["version"], _date(v["date"]), v["summary"], _ptr("/version_history", i),
                _date(v.get("next_review_due")))
        for i, v in enumerate(data.get("version_history", ())))
    waivers = tuple(
        Waiver(w["rule"], w.get("pointer", ""), w["reason"], w["approved_by"], _date(w["expires"]),
               _ptr("/waivers", i))
        for i, w in enumerate(data.get("waivers", ())))
    pcp = data.get("police_and_crime_plan")
    police_plan = None
    if pcp:
        police_plan = PolicePlan(
            pcp["title"],
            tuple(Objective(o["id"], o["title"], _ptr("/police_and_crime_plan/objectives", i))
                  for i, o in enumerate(pcp["objectives"])),
            "/police_and_crime_plan", pcp.get("issued_by"),
            Period.build(pcp.get("period"), "/police_and_crime_plan/period"), pcp.get("url"))
    area = data["area"]
    approval = data.get("approval") or {}
    review = data["review"]
    scrutiny = data.get("scrutiny") or {}
    return Plan(
        title=data["title"], area_name=area["name"], council_type=area["council_type"],
        jurisdiction=data["jurisdiction"], partnership_name=data["partnership"]["name"],
        period=Period.build(data["period"], "/period"), version=data["version"],
        status=data["status"], review_frequency_months=review["frequency_months"],
        members=members, governance=governance, evidence=evidence, priorities=priorities,
        versions=versions, waivers=waivers, data=data, county=area.get("county"),
        local_name=data["partnership"].get("local_name"),
        approval_date=_date(approval.get("date")), approved_by=approval.get("approved_by"),
        last_reviewed=_date(review.get("last_reviewed")),
        next_review_due=_date(review.get("next_review_due")),
        scrutiny_committee=scrutiny.get("committee"),
        last_scrutinised=_date(scrutiny.get("last_scrutinised")),
        police_plan=police_plan, report=_report(data.get("committee_report")),
    )


def _priority(p: dict, ptr: str) -> Priority:
    rationale = p.get("rationale") or {}
    actions = tuple(
        Action(a["id"], a["description"], a["owner"], _date(a["due"]), a["status"], _ptr(ptr, "actions", i),
               a.get("update"))
        for i, a in enumerate(p.get("actions", ())))
    measures = []
    for i, m in enumerate(p.get("measures", ())):
        mptr = _ptr(ptr, "measures", i)

        def obs(name, m=m, mptr=mptr):
            o = m.get(name)
            return Observation(o["value"], o["period"], _ptr(mptr, name)) if o else None
        measures.append(Measure(m["id"], m["indicator"], m["target"]["direction"], m["data_source"], mptr,
                                m["target"].get("value"), m.get("unit"), obs("baseline"), obs("latest")))
    return Priority(p["id"], p["title"], p["narrative"], p["lead"], ptr, rationale.get("summary"),
                    tuple(rationale.get("evidence", ())), tuple(p.get("statutory_strands", ())),
                    tuple(p.get("police_and_crime_objectives", ())), actions, tuple(measures))


def _report(r: dict | None) -> CommitteeReport | None:
    if not r:
        return None
    author = r["author"]
    exemption = r.get("exemption") or {}
    return CommitteeReport(
        committee=r["committee"], meeting_date=_date(r["meeting_date"]), title=r["title"],
        purpose=r["purpose"], author_name=author["name"], author_role=author["role"],
        wards_affected=tuple(r["wards_affected"]), exempt=r["exempt"],
        corporate_priorities=tuple(r["corporate_priorities"]), recommendations=tuple(r["recommendations"]),
        reason_for_recommendation=r["reason_for_recommendation"], summary_box=r["summary_box"],
        sections=r["sections"], background_papers=tuple(r["background_papers"]),
        appendices=tuple(r["appendices"]), ptr="/committee_report",
        published_on=_date(r.get("published_on")), forward_plan_notice_on=_date(r.get("forward_plan_notice_on")),
        exemption_paragraph=exemption.get("paragraph"),
        public_interest_reason=exemption.get("public_interest_reason"), has_exemption=bool(exemption),
        key_decision=r.get("key_decision"),
        recommendations_preamble=r.get("recommendations_preamble", "Committee is asked to:"),
        author_email=author.get("email"), author_phone=author.get("phone"),
    )
