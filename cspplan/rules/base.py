"""What a rule is: one small function with its law attached as data.

A rule is declared once, with :func:`rule`::

    @rule(
        id="CDA-S5-RA-POLICE",
        name="police-listed",
        severity=Severity.ERROR,
        citation=Citation("Crime and Disorder Act 1998", "s5(1)(b)", CDA_S5),
        in_force=date(1998, 9, 30),
        groups=("partnership",),
        failing=...,   # a YAML fragment of a plan that breaks the rule
        passing=...,   # the same fragment, put right
    )
    def police_listed(plan, ctx):
        '''Every chief officer of police for the area is a member.

        Plain-English paragraph: what the law says and why it matters.
        '''
        if not plan.members_of_kind("chief_officer_of_police"):
            yield ctx.report("/partnership/members", "no chief officer of police is listed")

The engine decides whether a rule applies (its dates and jurisdiction against the
plan's), sets the severity, locates what the rule reports and attaches the citation;
``cspplan rules``, ``cspplan explain`` and ``docs/rules.md`` are generated from the same
declaration, and the test suite runs every rule's failing and passing examples.

A rule whose law depends on the jurisdiction (one that applies in England or Wales
alone, or from different dates in each) does not run when the plan's area says the
jurisdiction is wrong (:func:`jurisdiction_agrees`): QUALITY-JURISDICTION reports that
once, and the other country's law would only add findings that are not the plan's.

A duty that does not run in some areas at all (the City of London has no local policing
body, so nothing can be sent to one) names a predicate with ``not_applicable=``: given
the plan, it returns why the rule does not apply, or None. The engine then does not run
the rule and keeps the reason, so that a paper can say "not applicable" and why. The
predicate decides from what the plan declares (a role, a code), never from words in a
name.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from cspplan.dates import add_months, long_date, month_end  # long_date is also re-exported for the rule modules
from cspplan.findings import Severity
from cspplan.model import CommitteeReport, Plan
from cspplan.vocabulary import JURISDICTIONS as _JURISDICTIONS

JURISDICTIONS = tuple(_JURISDICTIONS)

DateSpec = dt.date | dict[str, dt.date] | None


@dataclass(frozen=True)
class Citation:
    """The legal source of a rule: instrument, provision and its public address."""

    instrument: str
    provision: str
    url: str

    def __str__(self) -> str:
        return f"{self.instrument} {self.provision}".strip()


@dataclass(frozen=True)
class Hit:
    """What a rule reports: where, what, and (optionally) how to fix it."""

    pointer: str
    message: str
    hint: str | None = None
    key: bool = False


@dataclass
class Context:
    """What a rule may know besides the plan: the dates it is judged at."""

    as_of: dt.date
    today: dt.date

    def report(self, pointer: str, message: str, hint: str | None = None, *, key: bool = False) -> Hit:
        return Hit(pointer, message, hint, key)


Check = Callable[[Plan, Context], Iterable[Hit]]
NotApplicable = Callable[[Plan], "str | None"]
"""Why a rule does not apply to a plan (a clause: "the area has no local policing body"), or None."""
Hits = Iterator[Hit]
"""What a rule's check yields."""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: Check = field(repr=False)
    module: str
    citation: Citation | None = None
    in_force: DateSpec = None
    until: DateSpec = None
    jurisdictions: tuple[str, ...] = JURISDICTIONS
    verified: bool = True
    pending: bool = False
    groups: tuple[str, ...] = ()
    fix: str | None = None
    failing: str = ""
    passing: str = ""
    meta: bool = False  # reported by the engine itself (waivers), not by check()
    not_applicable: NotApplicable | None = field(default=None, repr=False)

    @property
    def by_jurisdiction(self) -> bool:
        """Whether the rule's law differs between England and Wales."""
        return (self.jurisdictions != JURISDICTIONS or isinstance(self.in_force, dict)
                or isinstance(self.until, dict))

    @property
    def applies_unless(self) -> str | None:
        """When the rule does not apply, in words (its predicate's summary), or None."""
        if self.not_applicable is None:
            return None
        return inspect.cleandoc(self.not_applicable.__doc__ or "").split("\n")[0].rstrip(".") or None

    def start(self, jurisdiction: str) -> dt.date | None:
        return _for(self.in_force, jurisdiction)

    def end(self, jurisdiction: str) -> dt.date | None:
        return _for(self.until, jurisdiction)

    def applies_to(self, jurisdiction: str) -> bool:
        return jurisdiction in self.jurisdictions

    def in_force_on(self, jurisdiction: str, day: dt.date) -> bool:
        start, end = self.start(jurisdiction), self.end(jurisdiction)
        return (start is None or start <= day) and (end is None or day <= end)

    @property
    def max_severity(self) -> Severity:
        """Unverified law never reports more than a warning."""
        return self.severity if self.verified else min(self.severity, Severity.WARNING)

    def matches(self, token: str) -> bool:
        """Whether a --select/--ignore token names this rule (by id, name or group)."""
        return token.upper() == self.id or token.lower() == self.name or token.lower() in self.groups

    def to_dict(self) -> dict:
        """Every piece of metadata, for ``cspplan rules --format json``."""
        def dates(spec: DateSpec) -> dict | None:
            if spec is None:
                return None
            if isinstance(spec, dict):
                return {k: v.isoformat() for k, v in spec.items()}
            return {j: spec.isoformat() for j in self.jurisdictions}
        return {
            "id": self.id,
            "name": self.name,
            "severity": self.severity.label,
            "summary": self.summary,
            "explanation": self.explanation,
            "fix": self.fix,
            "citation": None if self.citation is None else {
                "instrument": self.citation.instrument,
                "provision": self.citation.provision,
                "url": self.citation.url,
            },
            "in_force_from": dates(self.in_force),
            "in_force_until": dates(self.until),
            "jurisdictions": list(self.jurisdictions),
            "verified": self.verified,
            "status": "pending" if self.pending else "active",
            "groups": list(self.groups),
            "module": self.module,
            "failing_example": self.failing,
            "passing_example": self.passing,
            "not_applicable_when": self.applies_unless,
        }


def _for(spec: DateSpec, jurisdiction: str) -> dt.date | None:
    if isinstance(spec, dict):
        return spec.get(jurisdiction)
    return spec


REGISTERED: list[Rule] = []


def rule(*, id: str, name: str, severity: Severity, citation: Citation | None = None,
         in_force: DateSpec = None, until: DateSpec = None,
         jurisdiction: Iterable[str] = JURISDICTIONS, verified: bool = True, pending: bool = False,
         groups: Iterable[str] = (), fix: str | None = None, failing: str = "", passing: str = "",
         meta: bool = False, not_applicable: NotApplicable | None = None) -> Callable[[Check], Check]:
    """Declare a rule; see the module docstring."""
    def register(fn: Check) -> Check:
        doc = inspect.cleandoc(fn.__doc__ or "")
        summary, _, explanation = doc.partition("\n")
        REGISTERED.append(Rule(
            id=id, name=name, severity=severity, summary=summary.strip(),
            explanation=" ".join(explanation.split()), check=fn,
            module=fn.__module__.rsplit(".", 1)[-1], citation=citation, in_force=in_force,
            until=until, jurisdictions=tuple(jurisdiction), verified=verified, pending=pending,
            groups=tuple(groups), fix=fix, failing=inspect.cleandoc(failing),
            passing=inspect.cleandoc(passing), meta=meta, not_applicable=not_applicable))
        return fn
    return register


def why_not_applicable(rule: Rule, plan: Plan) -> str | None:
    """Why ``rule`` does not apply to ``plan`` although its law is in force, or None: the
    plan's area contradicts its jurisdiction (for a rule whose law differs between the
    two), or the rule's own predicate says so."""
    if rule.by_jurisdiction and not jurisdiction_agrees(plan):
        return "the plan's area contradicts its jurisdiction (see QUALITY-JURISDICTION)"
    return rule.not_applicable(plan) if rule.not_applicable is not None else None


# --- who holds the local policing body's role ----------------------------------------------

CITY_OF_LONDON = "E09000001"

MAYORAL_POLICING = {
    # Greater Manchester: the Mayor has held the commissioner's functions since 8 May 2017.
    **dict.fromkeys([f"E0800000{n}" for n in range(1, 10)] + ["E08000010"], dt.date(2017, 5, 8)),
    # West Yorkshire: since 10 May 2021.
    **dict.fromkeys([f"E080000{n}" for n in range(32, 37)], dt.date(2021, 5, 10)),
    # York and North Yorkshire: since 7 May 2024.
    "E06000014": dt.date(2024, 5, 7), "E06000065": dt.date(2024, 5, 7),
}
"""The councils (by ONS code) whose combined authority's mayor holds the police and crime
commissioner's functions, and since when."""

POLICING_BODY_NAMES = {
    "police_and_crime_commissioner": "the police and crime commissioner",
    "police_fire_and_crime_commissioner": "the police, fire and crime commissioner",
    "mayor": "the mayor (who holds the police and crime commissioner's functions)",
    "mayors_office_for_policing_and_crime": "the Mayor's Office for Policing and Crime",
    "none": "no local policing body",
}
"""How a finding names each kind of local policing body."""

COMMISSIONERS = ("police_and_crime_commissioner", "police_fire_and_crime_commissioner")


def implied_policing_body(ons_code: str | None, on: dt.date) -> str | None:
    """The local policing body an ONS code implies on ``on``, or None where it implies
    nothing: none in the City of London (its police authority is the Common Council, and it
    has no commissioner), the Mayor's Office for Policing and Crime in a London borough, a
    mayor where :data:`MAYORAL_POLICING` says so."""
    if not ons_code:
        return None
    if ons_code == CITY_OF_LONDON:
        return "none"
    if ons_code.startswith("E09"):
        return "mayors_office_for_policing_and_crime"
    since = MAYORAL_POLICING.get(ons_code)
    if since is not None and since <= on:
        return "mayor"
    return None


def local_policing_body(plan: Plan) -> str:
    """Who holds the local policing body's role for the plan's area: as the area declares
    it, else as its ONS code implies at the start of the plan period, else a police and
    crime commissioner. Never from words in a name."""
    return (plan.area.policing_body or implied_policing_body(plan.area.ons_code, plan.period.start)
            or "police_and_crime_commissioner")


def policing_body_name(plan: Plan) -> str:
    """The plan's local policing body, as a finding names it ("the police and crime commissioner")."""
    return POLICING_BODY_NAMES[local_policing_body(plan)]


def no_policing_body(plan: Plan) -> str | None:
    """The area has no local policing body (the City of London)."""
    if local_policing_body(plan) == "none":
        how = "declares" if plan.area.policing_body else f"'s ONS code {plan.area.ons_code} says it has"
        return f"the area{' ' if plan.area.policing_body else ''}{how} no local policing body"
    return None


def not_a_commissioner(plan: Plan) -> str | None:
    """The local policing body is not a commissioner (it is a mayor, the Mayor's Office or none)."""
    body = local_policing_body(plan)
    return None if body in COMMISSIONERS else f"the local policing body is {POLICING_BODY_NAMES[body]}"


def no_committee_report(plan: Plan) -> str | None:
    """The plan has no committee report."""
    return "the plan has no committee report" if plan.report is None else None


def not_exempt(plan: Plan) -> str | None:
    """The committee report is not exempt information (or there is none)."""
    if plan.report is None:
        return no_committee_report(plan)
    return None if plan.report.exempt else "the report is not exempt information under Schedule 12A"


def not_a_key_decision(plan: Plan) -> str | None:
    """The report does not ask for a key decision (or there is none)."""
    if plan.report is None:
        return no_committee_report(plan)
    if plan.report.key_decision:
        return None
    if plan.report.key_decision is None:
        return "the report does not say the decision is a key decision"
    return "the decision is not a key decision"


def no_police_and_crime_plan(plan: Plan) -> str | None:
    """The area has no local policing body, or the body has not issued a police and crime plan."""
    reason = no_policing_body(plan)
    if reason is None and plan.police_plan is not None and plan.police_plan.not_issued:
        reason = f"no police and crime plan has been issued ({plan.police_plan.not_issued})"
    return reason

# --- whether the plan's jurisdiction agrees with its area --------------------------------

ONS_CODE_PREFIXES = {
    "E06": ("england", "an English unitary council"),
    "E07": ("england", "an English non-metropolitan district"),
    "E08": ("england", "an English metropolitan district"),
    "E09": ("england", "a London borough"),
    "W06": ("wales", "a Welsh principal council"),
}
"""What the first three characters of an area's ONS code say: its country and its kind."""

COUNCIL_TYPE_JURISDICTIONS = {
    "district": "england",
    "metropolitan": "england",
    "london_borough": "england",
    "welsh_principal": "wales",
}
"""The council types that exist in one country only. A unitary council may be English or
(in common speech) Welsh, so its type alone says nothing."""


def jurisdiction_conflicts(plan: Plan) -> list[tuple[str, str]]:
    """What in the plan's area says its jurisdiction is wrong, as (field, what it says)
    pairs; empty when nothing does. A code or type the table does not know says nothing."""
    conflicts = []
    area = plan.area
    if area.ons_code:
        country, kind = ONS_CODE_PREFIXES.get(area.ons_code[:3], (plan.jurisdiction, ""))
        if country != plan.jurisdiction:
            conflicts.append(("ons_code", f"the area's ONS code {area.ons_code} is that of {kind}"))
    country = COUNCIL_TYPE_JURISDICTIONS.get(area.council_type, plan.jurisdiction)
    if country != plan.jurisdiction:
        conflicts.append(("council_type", f"the council type {area.council_type} exists only in "
                          f"{_JURISDICTIONS[country]}"))
    return conflicts


def jurisdiction_agrees(plan: Plan) -> bool:
    """Whether nothing in the plan's area contradicts its jurisdiction."""
    return not jurisdiction_conflicts(plan)


def d(text: str) -> dt.date:
    """A date from 'YYYY-MM-DD' (keeps rule declarations short and readable)."""
    return dt.date.fromisoformat(text)


def clear_days(earlier: dt.date, later: dt.date) -> int:
    """Clear days between two dates: neither the first nor the last counts (never negative).

    Calendar days; whether weekends and bank holidays count is disputed, so rules that
    use this say so in their explanation.
    """
    return max((later - earlier).days - 1, 0)


def days_before(day: dt.date, days: int) -> dt.date:
    """``day`` less ``days``, or the earliest date there is (never an overflow)."""
    try:
        return day - dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min


def publication_period(report: CommitteeReport | None, ctx: Context, days: int, requirement: str,
                       extra_hint: str = "") -> Hits:
    """Findings for a report published fewer than ``days`` clear days before its meeting."""
    if report is None or report.published_on is None:
        return
    if report.published_on >= report.meeting_date:
        yield ctx.report("/committee_report/published_on",
                         f"published {long_date(report.published_on)}, on or after the meeting on "
                         f"{long_date(report.meeting_date)}", "check the dates")
        return
    clear = clear_days(report.published_on, report.meeting_date)
    if clear < days:
        yield ctx.report("/committee_report/published_on",
                         f"published {long_date(report.published_on)}, {clear} clear days before "
                         f"the meeting on {long_date(report.meeting_date)}; {requirement}",
                         f"publish by {long_date(days_before(report.meeting_date, days + 1))}{extra_hint}")


def missing_member(plan: Plan, ctx: Context, kinds: tuple[str, ...], message: str, hint: str) -> Hits:
    """A finding on the members list when no member is of any of ``kinds``."""
    if not plan.members_of_kind(*kinds):
        yield ctx.report("/partnership/members", message, hint)


# --- judgements the rules share with ``cspplan review`` -----------------------------------

EVIDENCE_MAX_AGE_DAYS = 366
"""Annual evidence (a strategic assessment, a scrutiny) is out of date after a year and a
day: 366 days, so that a leap year does not make a yearly document late."""


def evidence_stale(dated: dt.date, on: dt.date) -> bool:
    """Whether annual evidence dated ``dated`` is out of date on ``on``."""
    return (on - dated).days > EVIDENCE_MAX_AGE_DAYS


def review_basis(plan: Plan) -> dt.date | None:
    """The last review, else the approval, else the latest version; None if there is none.

    A version without a review (a typing correction, new contact details) does not put the
    next review off, so the versions count only when neither of the others is given. A
    review or approval date far outside the plan's period is a typing slip (rule
    QUALITY-DATE-RANGE reports it) and is passed over, as it is for the law applied.
    """
    reach = plan.period.within_reach
    if plan.last_reviewed and reach(plan.last_reviewed):
        return plan.last_reviewed
    if plan.approval is not None and reach(plan.approval.date):
        return plan.approval.date
    if plan.versions:
        return max(v.date for v in plan.versions)
    return None


def declared_next_review(plan: Plan) -> tuple[dt.date | None, str]:
    """The declared date of the next review and where it is declared, or (None, "/review").

    The review section's date, else that of the latest version row that gives one; a row
    older than the last review (or approval) is history, not a declaration, and is passed
    over.
    """
    if plan.next_review_due:
        return plan.next_review_due, "/review/next_review_due"
    dated = [v for v in plan.versions if v.next_review_due]
    basis = review_basis(plan)
    if dated and (basis is None or dated[-1].date >= basis):
        return dated[-1].next_review_due, dated[-1].ptr + "/next_review_due"
    return None, "/review"


@dataclass(frozen=True)
class ReviewDue:
    """When the next review is due, and why: the one answer ``validate`` and ``review`` give."""

    date: dt.date
    pointer: str                   # the field the date comes from ("/review" for the cycle)
    basis: dt.date | None          # what the review cycle is counted from
    by_cycle: dt.date | None       # the basis plus the review frequency
    declared: dt.date | None       # the date the plan declares, whether or not it counts

    @property
    def latest_allowed(self) -> dt.date | None:
        """The latest date the plan may declare: the end of the month the cycle falls due in
        (councils set reviews by the month, "next review: March 2026", written as its last day)."""
        return month_end(self.by_cycle) if self.by_cycle else None

    @property
    def from_cycle(self) -> bool:
        """Whether the date is the review cycle's rather than the declared one."""
        return self.declared is None or self.declared != self.date


def review_due(plan: Plan) -> ReviewDue | None:
    """When the next review is due: the last review (else the approval, else the latest
    version) plus the review frequency, or the declared date if that is no later than the
    end of the month the cycle falls due in.

    A declared date later than that does not put the review off (rule QUALITY-NEXT-REVIEW
    reports it). None when there is neither a basis nor a declared date.
    """
    declared, pointer = declared_next_review(plan)
    basis = review_basis(plan)
    by_cycle = add_months(basis, plan.review_frequency_months) if basis else None
    if declared is not None and (by_cycle is None or declared <= month_end(by_cycle)):
        return ReviewDue(declared, pointer, basis, by_cycle, declared)
    if basis is None or by_cycle is None:
        return None
    return ReviewDue(by_cycle, "/review", basis, by_cycle, declared)
