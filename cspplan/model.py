"""The plan as typed Python objects, built from schema-valid data.

Rules, the renderer and the differ work from these, never from raw YAML. Every object
of the plan format has its class here, and every object knows its JSON pointer
(``ptr``), so anything said about it can be located in the file. Dates are
:class:`datetime.date`; optional fields are ``None`` or empty.

A field has the name of the property it is read from, unless its metadata says
otherwise: ``key`` names the property (``Plan.report`` is ``committee_report``), an empty
key means the object's own value (a report section *is* its list of paragraphs), and
``None`` means the field is not read from the file. A few shorter names for nested
values (``Plan.area_name``, ``CommitteeReport.author_name`` ...) are properties.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import itertools
import operator
import reprlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cspplan.dates import add_months
from cspplan.loader import escape_token
from cspplan.vocabulary import REPORT_SECTIONS, RESPONSIBLE_AUTHORITY_KINDS

__all__ = [
    "REACH_MONTHS", "RESPONSIBLE_AUTHORITY_KINDS", "Action", "Appendix", "Approval", "Area", "Author",
    "BackgroundPaper", "CommitteeReport", "CommunityEngagement", "CrimeData", "EqualityImpactAssessment",
    "Evidence", "Exemption",
    "GovernanceGroup", "InformationSharing", "Measure", "Member", "Objective", "Observation", "Partnership",
    "Period", "Plan", "PolicePlan", "Priority", "Publication", "PublicMeeting", "Rationale", "ReportSections",
    "Review", "Scrutiny", "Section", "SummaryBox", "Target", "Version", "Waiver", "build",
]

_HEADINGS = dict(REPORT_SECTIONS)


class _Value:
    """Equality, hashing and repr for the plan's classes, written once.

    ``@dataclass`` generates these for each class by compiling their source: for the 39
    classes here, that was a third of the time importing this module took, at every start
    of cspplan. So the classes are declared with ``eq=False, repr=False`` and inherit these,
    which behave as the generated ones do: two objects are equal when they are of the same
    class and their fields with ``compare=True`` are equal, in order; the hash is that of
    the same fields; the repr is ``Class(field=value, ...)`` of the fields with ``repr=True``.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        cls: type = self.__class__
        compared = _getter(cls, "compare")
        if other.__class__ is cls:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self) -> int:
        cls: type = self.__class__
        return hash(_getter(cls, "hash")(self))

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        cls: type = self.__class__
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(cls, "repr"))
        return f"{cls.__qualname__}({shown})"


@functools.cache
def _names(cls: type, use: str) -> tuple[str, ...]:
    """The names of the fields of ``cls`` that take part in ``use``: compare, hash or repr
    (a field's hash follows its compare unless it says otherwise, as in dataclasses)."""
    def used(f: dataclasses.Field) -> bool:
        if use == "hash":
            return bool(f.compare if f.hash is None else f.hash)
        return bool(getattr(f, use))
    return tuple(f.name for f in dataclasses.fields(cls) if used(f))


@functools.cache
def _getter(cls: type, use: str) -> Callable[[object], tuple]:
    """The tuple of an object's fields that take part in ``use`` (see :func:`_names`)."""
    names = _names(cls, use)
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _key(name: str | None, **kwargs):
    """A field read from the property ``name`` (see the module's docstring)."""
    return field(metadata={"key": name}, **kwargs)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _day(value: str) -> dt.date:
    """A date the schema requires (so it is there, and is a real YYYY-MM-DD date)."""
    return dt.date.fromisoformat(value)


def _ptr(parent: str, *tokens: str | int) -> str:
    for token in tokens:  # a loop, not a join of a generator: a large plan makes thousands
        parent = f"{parent}/{escape_token(str(token))}"
    return parent


# --- shared kinds of object ----------------------------------------------------------------------

REACH_MONTHS = 24
"""How far before its period starts, or after it ends, a plan is approved, taken to
committee, published and reviewed, at the most. Real plans keep within months: one is
approved a few weeks or months before its period, on the latest annual strategic
assessment, published within weeks, and reviewed during its period every six or twelve
months (three years at the very most). A date further out is a typing slip: 0204 or 2042
for 2024 (any slip that changes one of the first three digits of a year moves it at least
nine years)."""


@dataclass(frozen=True, eq=False, repr=False)
class Period(_Value):
    start: dt.date
    end: dt.date
    ptr: str

    @classmethod
    def build(cls, data: dict | None, ptr: str) -> Period | None:
        if not data:
            return None
        return cls.of(data, ptr)

    @classmethod
    def of(cls, data: dict, ptr: str) -> Period:
        """A period the schema requires (so it has both ends)."""
        return cls(_day(data["start"]), _day(data["end"]), ptr)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def reach(self) -> tuple[dt.date, dt.date]:
        """The first and last day a date of the plan's own making may fall on: from
        :data:`REACH_MONTHS` before the period starts to as long after it ends."""
        return add_months(self.start, -REACH_MONTHS), add_months(self.end, REACH_MONTHS)

    def within_reach(self, day: dt.date) -> bool:
        first, last = self.reach
        return first <= day <= last


@dataclass(frozen=True, eq=False, repr=False)
class Observation(_Value):
    """A value and the period it covers (a measure's ``baseline`` or ``latest``)."""

    value: float
    period: str
    ptr: str
    start: dt.date | None = None    # the period's first and last days, when the plan gives them
    end: dt.date | None = None


# --- the plan's identity and cycle ---------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class Area(_Value):
    name: str
    council_type: str
    ptr: str
    ons_code: str | None = None
    county: str | None = None
    police_area: str | None = None
    policing_body: str | None = None  # as declared; rules.base.local_policing_body infers it when left out


@dataclass(frozen=True, eq=False, repr=False)
class Approval(_Value):
    date: dt.date
    approved_by: str
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class Version(_Value):
    """One row of the version history."""

    version: str
    date: dt.date
    summary: str
    ptr: str
    next_review_due: dt.date | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Review(_Value):
    frequency_months: int
    ptr: str
    last_reviewed: dt.date | None = None
    next_review_due: dt.date | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Scrutiny(_Value):
    committee: str
    ptr: str
    last_scrutinised: dt.date | None = None
    next_scrutiny: dt.date | None = None


# --- the partnership -----------------------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class Member(_Value):
    id: str
    name: str
    kind: str
    ptr: str
    description: str | None = None
    represented_by: str | None = None

    @property
    def responsible_authority(self) -> bool:
        return self.kind in RESPONSIBLE_AUTHORITY_KINDS


@dataclass(frozen=True, eq=False, repr=False)
class GovernanceGroup(_Value):
    id: str
    name: str
    kind: str
    purpose: str
    ptr: str
    chair: str | None = None
    meets: str | None = None
    members: tuple[str, ...] = ()
    reports_to: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Partnership(_Value):
    name: str
    members: tuple[Member, ...]
    ptr: str
    local_name: str | None = None
    description: str | None = None
    governance: tuple[GovernanceGroup, ...] = ()


# --- evidence and the police and crime plan ------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class Evidence(_Value):
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


@dataclass(frozen=True, eq=False, repr=False)
class Objective(_Value):
    id: str
    title: str
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class PolicePlan(_Value):
    """The police and crime plan, or (``not_issued``) why there is none to have regard to;
    then it has no title and no objectives."""

    title: str | None
    objectives: tuple[Objective, ...]
    ptr: str
    issued_by: str | None = None
    period: Period | None = None
    url: str | None = None
    not_issued: str | None = None


# --- the statutory process -----------------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class PublicMeeting(_Value):
    date: dt.date
    title: str
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class CommunityEngagement(_Value):
    approach: str
    ptr: str
    consultations: tuple[str, ...] = ()
    public_meetings: tuple[PublicMeeting, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class InformationSharing(_Value):
    agreement: str
    ptr: str
    description: str | None = None
    reviewed_on: dt.date | None = None
    url: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Publication(_Value):
    """How the plan is published; every field is optional, so it may be present and empty."""

    ptr: str
    summary_published_on: dt.date | None = None
    url: str | None = None
    sent_to_commissioner_on: dt.date | None = None


@dataclass(frozen=True, eq=False, repr=False)
class EqualityImpactAssessment(_Value):
    kind: str
    summary: str
    ptr: str
    date: dt.date | None = None
    url: str | None = None


# --- priorities ----------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class Rationale(_Value):
    summary: str
    ptr: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Action(_Value):
    id: str
    description: str
    owner: str
    due: dt.date
    status: str
    ptr: str
    update: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Target(_Value):
    direction: str
    ptr: str
    value: float | None = None


@dataclass(frozen=True, eq=False, repr=False)
class MeasureData(_Value):
    """What a measure counts from the plan's crime data: which crime types, over how many months."""

    crime_types: tuple[str, ...]
    ptr: str
    months: int = 12


@dataclass(frozen=True, eq=False, repr=False)
class Measure(_Value):
    id: str
    indicator: str
    target: Target
    data_source: str
    ptr: str
    unit: str | None = None
    baseline: Observation | None = None
    latest: Observation | None = None
    crime_data: MeasureData | None = None

    @property
    def direction(self) -> str:
        return self.target.direction

    @property
    def target_value(self) -> float | None:
        return self.target.value


@dataclass(frozen=True, eq=False, repr=False)
class Priority(_Value):
    id: str
    title: str
    narrative: str
    lead: str
    ptr: str
    rationale: Rationale | None = None
    strands: tuple[str, ...] = _key("statutory_strands", default=())
    objectives: tuple[str, ...] = _key("police_and_crime_objectives", default=())
    actions: tuple[Action, ...] = ()
    measures: tuple[Measure, ...] = ()

    @property
    def evidence(self) -> tuple[str, ...]:
        """The ids of the evidence the rationale cites."""
        return self.rationale.evidence if self.rationale else ()


# --- the committee cover report ------------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class Author(_Value):
    name: str
    role: str
    ptr: str
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Exemption(_Value):
    paragraph: int
    public_interest_reason: str
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class SummaryBox(_Value):
    """The four lists of bullet points at the top of the report."""

    situation: tuple[str, ...]
    why: tuple[str, ...]
    what_we_will_do: tuple[str, ...]
    next_steps: tuple[str, ...]
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class Section(_Value):
    """One numbered section of the report: its paragraphs, in order."""

    # field(), not _key(): mypy takes only field() itself for a field without a default
    paragraphs: tuple[str, ...] = field(metadata={"key": ""})
    ptr: str

    @property
    def name(self) -> str:
        """The section's field name, for example ``key_issues``."""
        return self.ptr.rsplit("/", 1)[-1]

    @property
    def heading(self) -> str:
        """The section's heading as the report shows it."""
        return _HEADINGS[self.name]


@dataclass(frozen=True, eq=False, repr=False)
class ReportSections(_Value):
    """The twelve sections; iterating gives them in the report's order."""

    summary: Section
    key_issues: Section
    options: Section
    financial: Section
    risk: Section
    procurement: Section
    legal: Section
    other_considerations: Section
    equality_and_diversity: Section
    sustainability_and_climate: Section
    timetable: Section
    contact: Section
    ptr: str

    def __iter__(self) -> Iterator[Section]:
        return (getattr(self, name) for name, _ in REPORT_SECTIONS)


@dataclass(frozen=True, eq=False, repr=False)
class BackgroundPaper(_Value):
    title: str
    ptr: str
    available_from: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Appendix(_Value):
    label: str
    title: str
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class SignOff(_Value):
    """A statutory officer's sign-off of the report."""

    by: str
    date: dt.date
    ptr: str
    comments: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class ClearanceStep(_Value):
    """One step of the council's clearance checklist."""

    step: str
    by: str
    date: dt.date
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class Clearance(_Value):
    """The council's internal sign-off of the report before it is published."""

    ptr: str
    management_team_meeting: dt.date | None = None
    working_days_before: int = 5
    monitoring_officer: SignOff | None = None
    chief_finance_officer: SignOff | None = None
    checklist: tuple[ClearanceStep, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class CommitteeReport(_Value):
    committee: str
    meeting_date: dt.date
    title: str
    purpose: str
    author: Author
    wards_affected: tuple[str, ...]
    exempt: bool
    corporate_priorities: tuple[str, ...]
    recommendations: tuple[str, ...]
    reason_for_recommendation: str
    summary_box: SummaryBox
    sections: ReportSections
    background_papers: tuple[BackgroundPaper, ...]
    appendices: tuple[Appendix, ...]
    ptr: str
    published_on: dt.date | None = None
    forward_plan_notice_on: dt.date | None = None
    clearance: Clearance | None = None
    exemption: Exemption | None = None
    key_decision: bool | None = None
    recommendations_preamble: str = "Committee is asked to:"

    @property
    def author_name(self) -> str:
        return self.author.name

    @property
    def author_role(self) -> str:
        return self.author.role

    @property
    def author_email(self) -> str | None:
        return self.author.email

    @property
    def author_phone(self) -> str | None:
        return self.author.phone

    @property
    def has_exemption(self) -> bool:
        return self.exemption is not None

    @property
    def exemption_paragraph(self) -> int | None:
        return self.exemption.paragraph if self.exemption else None

    @property
    def public_interest_reason(self) -> str | None:
        return self.exemption.public_interest_reason if self.exemption else None


# --- waivers -------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class Waiver(_Value):
    rule: str
    pointer: str  # "" (the whole plan) when the file leaves it out
    reason: str
    approved_by: str
    expires: dt.date
    ptr: str


# --- the whole plan ------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False, repr=False)
class PlanSection(_Value):
    """A free-standing section of the plan, with its own heading."""

    id: str
    heading: str
    text: str
    ptr: str


@dataclass(frozen=True, eq=False, repr=False)
class CrimeData(_Value):
    """The police.uk data behind the crime overview: the aggregate file (as written in the
    plan, relative to the plan's folder) and the area to show from it. Empty ``districts``
    means the area's own name (:mod:`cspplan.crimeplan` applies that default)."""

    aggregate: str
    ptr: str
    districts: tuple[str, ...] = ()
    lsoa_codes: tuple[str, ...] = ()
    source: str = "police.uk"


@dataclass(frozen=True, eq=False, repr=False)
class Plan(_Value):
    """A whole plan file. ``data`` is the schema-valid data it was built from."""

    schema_version: int
    title: str
    area: Area
    jurisdiction: str
    partnership: Partnership
    period: Period
    version: str
    status: str
    review: Review
    priorities: tuple[Priority, ...]
    data: dict = _key(None, repr=False, compare=False)
    ptr: str = ""
    summary: str | None = None
    context: str | None = None
    sections: tuple[PlanSection, ...] = ()
    approval: Approval | None = None
    versions: tuple[Version, ...] = _key("version_history", default=())
    scrutiny: Scrutiny | None = None
    evidence: tuple[Evidence, ...] = ()
    police_plan: PolicePlan | None = _key("police_and_crime_plan", default=None)
    community_engagement: CommunityEngagement | None = None
    information_sharing: InformationSharing | None = None
    publication: Publication | None = None
    equality_impact_assessment: EqualityImpactAssessment | None = None
    report: CommitteeReport | None = _key("committee_report", default=None)
    waivers: tuple[Waiver, ...] = ()
    crime_data: CrimeData | None = None

    # --- shorter names for nested values ----------------------------------------------------------

    @property
    def area_name(self) -> str:
        return self.area.name

    @property
    def council_type(self) -> str:
        return self.area.council_type

    @property
    def county(self) -> str | None:
        return self.area.county

    @property
    def partnership_name(self) -> str:
        return self.partnership.name

    @property
    def local_name(self) -> str | None:
        return self.partnership.local_name

    @property
    def members(self) -> tuple[Member, ...]:
        return self.partnership.members

    @property
    def governance(self) -> tuple[GovernanceGroup, ...]:
        return self.partnership.governance

    @property
    def approval_date(self) -> dt.date | None:
        return self.approval.date if self.approval else None

    @property
    def approved_by(self) -> str | None:
        return self.approval.approved_by if self.approval else None

    @property
    def review_frequency_months(self) -> int:
        return self.review.frequency_months

    @property
    def last_reviewed(self) -> dt.date | None:
        return self.review.last_reviewed

    @property
    def next_review_due(self) -> dt.date | None:
        return self.review.next_review_due

    @property
    def scrutiny_committee(self) -> str | None:
        return self.scrutiny.committee if self.scrutiny else None

    @property
    def last_scrutinised(self) -> dt.date | None:
        return self.scrutiny.last_scrutinised if self.scrutiny else None

    # --- convenient views -------------------------------------------------------------

    def has(self, name: str) -> bool:
        """Whether the file writes the top-level property ``name``, even as an empty list
        (``evidence: []``), so that a finding about it can point at it."""
        return name in self.data

    def members_of_kind(self, *kinds: str) -> list[Member]:
        return [m for m in self.members if m.kind in kinds]

    def evidence_of_kind(self, *kinds: str) -> list[Evidence]:
        return [e for e in self.evidence if e.kind in kinds]

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

    @functools.cached_property
    def _joined(self) -> tuple[str, list[int]]:
        """Every text value joined into one string (:data:`_SEPARATOR` between them), and the
        offset at which each starts, with one more entry past the end."""
        texts = list(map(operator.itemgetter(1), self._strings))
        # Each text's length and its separator, summed: map and accumulate, so that the
        # thousands of additions are made without a Python loop.
        return _SEPARATOR.join(texts), list(itertools.accumulate(map(operator.add, map(len, texts),
                                                                     itertools.repeat(1)), initial=0))

    def strings_containing(self, *needles: str) -> list[tuple[str, str]]:
        """The text values that contain any of ``needles``, with their pointers, in file order.

        Several rules look for a few characters in every text of the plan (placeholders,
        links, headings) before looking closer. A large plan has thousands of texts, and
        testing each in turn in Python cost several milliseconds a rule; one search of all
        the text joined together finds the few worth a closer look. A needle never holds the
        separator, so a match never spans two texts.
        """
        joined, starts = self._joined
        found: set[int] = set()
        for needle in needles:
            if not needle or _SEPARATOR in needle:
                raise ValueError(f"cannot search the plan's texts for {needle!r}")
            at = joined.find(needle)
            while at != -1:
                i = bisect.bisect_right(starts, at) - 1
                found.add(i)
                at = joined.find(needle, starts[i + 1])  # one match a text is enough: on to the next
        strings = self._strings
        return [strings[i] for i in sorted(found)]


_SEPARATOR = "\x00"
"""Between the texts of :meth:`Plan.strings_containing`: NUL, which no plan text holds (the
loader refuses it)."""


# --- building ------------------------------------------------------------------------------------

def build(data: object) -> Plan:
    """Build a :class:`Plan` from data that has passed the schema check (so a mapping at the top)."""
    assert isinstance(data, dict), "a plan that follows the schema is a mapping of fields"
    area = data["area"]
    approval = data.get("approval")
    review = data["review"]
    scrutiny = data.get("scrutiny")
    return Plan(
        schema_version=data["schema_version"], title=data["title"],
        area=Area(area["name"], area["council_type"], "/area", area.get("ons_code"), area.get("county"),
                  area.get("police_area"), area.get("policing_body")),
        jurisdiction=data["jurisdiction"], partnership=_partnership(data["partnership"]),
        period=Period.of(data["period"], "/period"), version=data["version"], status=data["status"],
        review=Review(review["frequency_months"], "/review", _date(review.get("last_reviewed")),
                      _date(review.get("next_review_due"))),
        priorities=tuple(_priority(p, _ptr("/priorities", i)) for i, p in enumerate(data["priorities"])),
        data=data, summary=data.get("summary"), context=data.get("context"),
        sections=tuple(PlanSection(s["id"], s["heading"], s["text"], _ptr("/sections", i))
                       for i, s in enumerate(data.get("sections", ()))),
        approval=None if approval is None else Approval(_day(approval["date"]), approval["approved_by"],
                                                        "/approval"),
        versions=tuple(
            Version(v["version"], _day(v["date"]), v["summary"], _ptr("/version_history", i),
                    _date(v.get("next_review_due")))
            for i, v in enumerate(data.get("version_history", ()))),
        scrutiny=None if scrutiny is None else Scrutiny(
            scrutiny["committee"], "/scrutiny", _date(scrutiny.get("last_scrutinised")),
            _date(scrutiny.get("next_scrutiny"))),
        evidence=tuple(
            Evidence(e["id"], e["kind"], e["title"], _ptr("/evidence", i), _date(e.get("date")),
                     Period.build(e.get("period"), _ptr("/evidence", i, "period")), e.get("prepared_by"),
                     e.get("url"), e.get("method"), e.get("respondents"), e.get("summary"))
            for i, e in enumerate(data.get("evidence", ()))),
        police_plan=_police_plan(data.get("police_and_crime_plan")),
        community_engagement=_engagement(data.get("community_engagement")),
        information_sharing=_sharing(data.get("information_sharing")),
        publication=_publication(data.get("publication")),
        equality_impact_assessment=_equality(data.get("equality_impact_assessment")),
        report=_report(data.get("committee_report")),
        waivers=tuple(
            Waiver(w["rule"], w.get("pointer", ""), w["reason"], w["approved_by"], _day(w["expires"]),
                   _ptr("/waivers", i))
            for i, w in enumerate(data.get("waivers", ()))),
        crime_data=_crime_data(data.get("crime_data")),
    )


def _crime_data(data: dict | None) -> CrimeData | None:
    if data is None:
        return None
    return CrimeData(data["aggregate"], "/crime_data", tuple(data.get("districts", ())),
                     tuple(data.get("lsoa_codes", ())), data.get("source", "police.uk"))


def _partnership(p: dict) -> Partnership:
    members = tuple(
        Member(m["id"], m["name"], m["kind"], _ptr("/partnership/members", i),
               m.get("description"), m.get("represented_by"))
        for i, m in enumerate(p["members"]))
    governance = tuple(
        GovernanceGroup(g["id"], g["name"], g["kind"], g["purpose"], _ptr("/partnership/governance", i),
                        g.get("chair"), g.get("meets"), tuple(g.get("members", ())), g.get("reports_to"))
        for i, g in enumerate(p.get("governance", ())))
    return Partnership(p["name"], members, "/partnership", p.get("local_name"), p.get("description"), governance)


def _measure_data(d: dict | None, ptr: str) -> MeasureData | None:
    return None if d is None else MeasureData(tuple(d["crime_types"]), ptr, d.get("months", 12))


def _police_plan(pcp: dict | None) -> PolicePlan | None:
    if pcp is None:
        return None
    return PolicePlan(
        pcp.get("title"),
        tuple(Objective(o["id"], o["title"], _ptr("/police_and_crime_plan/objectives", i))
              for i, o in enumerate(pcp.get("objectives", ()))),
        "/police_and_crime_plan", pcp.get("issued_by"),
        Period.build(pcp.get("period"), "/police_and_crime_plan/period"), pcp.get("url"), pcp.get("not_issued"))


def _engagement(e: dict | None) -> CommunityEngagement | None:
    if e is None:
        return None
    meetings = tuple(PublicMeeting(_day(m["date"]), m["title"], _ptr("/community_engagement/public_meetings", i))
                     for i, m in enumerate(e.get("public_meetings", ())))
    return CommunityEngagement(e["approach"], "/community_engagement", tuple(e.get("consultations", ())), meetings)


def _sharing(s: dict | None) -> InformationSharing | None:
    if s is None:
        return None
    return InformationSharing(s["agreement"], "/information_sharing", s.get("description"),
                              _date(s.get("reviewed_on")), s.get("url"))


def _publication(p: dict | None) -> Publication | None:
    if p is None:
        return None
    return Publication("/publication", _date(p.get("summary_published_on")), p.get("url"),
                       _date(p.get("sent_to_commissioner_on")))


def _equality(e: dict | None) -> EqualityImpactAssessment | None:
    if e is None:
        return None
    return EqualityImpactAssessment(e["kind"], e["summary"], "/equality_impact_assessment", _date(e.get("date")),
                                    e.get("url"))


def _priority(p: dict, ptr: str) -> Priority:
    rationale = p.get("rationale")
    actions = tuple(
        Action(a["id"], a["description"], a["owner"], _day(a["due"]), a["status"], _ptr(ptr, "actions", i),
               a.get("update"))
        for i, a in enumerate(p.get("actions", ())))
    measures = []
    for i, m in enumerate(p.get("measures", ())):
        mptr = _ptr(ptr, "measures", i)

        def obs(name, m=m, mptr=mptr):
            o = m.get(name)
            return Observation(o["value"], o["period"], _ptr(mptr, name), _date(o.get("start")),
                               _date(o.get("end"))) if o else None
        target = m["target"]
        measures.append(Measure(m["id"], m["indicator"],
                                Target(target["direction"], _ptr(mptr, "target"), target.get("value")),
                                m["data_source"], mptr, m.get("unit"), obs("baseline"), obs("latest"),
                                _measure_data(m.get("crime_data"), _ptr(mptr, "crime_data"))))
    return Priority(
        p["id"], p["title"], p["narrative"], p["lead"], ptr,
        None if rationale is None else Rationale(rationale["summary"], _ptr(ptr, "rationale"),
                                                 tuple(rationale.get("evidence", ()))),
        tuple(p.get("statutory_strands", ())), tuple(p.get("police_and_crime_objectives", ())), actions,
        tuple(measures))


def _report(r: dict | None) -> CommitteeReport | None:
    if r is None:
        return None
    ptr = "/committee_report"
    author = r["author"]
    exemption = r.get("exemption")
    box = r["summary_box"]
    sections = r["sections"]
    return CommitteeReport(
        committee=r["committee"], meeting_date=_day(r["meeting_date"]), title=r["title"], purpose=r["purpose"],
        author=Author(author["name"], author["role"], ptr + "/author", author.get("email"), author.get("phone")),
        wards_affected=tuple(r["wards_affected"]), exempt=r["exempt"],
        corporate_priorities=tuple(r["corporate_priorities"]), recommendations=tuple(r["recommendations"]),
        reason_for_recommendation=r["reason_for_recommendation"],
        summary_box=SummaryBox(tuple(box["situation"]), tuple(box["why"]), tuple(box["what_we_will_do"]),
                               tuple(box["next_steps"]), ptr + "/summary_box"),
        sections=ReportSections(
            **{name: Section(tuple(sections[name]), _ptr(ptr, "sections", name)) for name, _ in REPORT_SECTIONS},
            ptr=ptr + "/sections"),
        background_papers=tuple(BackgroundPaper(b["title"], _ptr(ptr, "background_papers", i), b.get("available_from"))
                                for i, b in enumerate(r["background_papers"])),
        appendices=tuple(Appendix(a["label"], a["title"], _ptr(ptr, "appendices", i))
                         for i, a in enumerate(r["appendices"])),
        ptr=ptr, published_on=_date(r.get("published_on")),
        forward_plan_notice_on=_date(r.get("forward_plan_notice_on")),
        exemption=None if exemption is None else Exemption(exemption["paragraph"], exemption["public_interest_reason"],
                                                           ptr + "/exemption"),
        key_decision=r.get("key_decision"),
        recommendations_preamble=r.get("recommendations_preamble", "Committee is asked to:"),
        clearance=_clearance(r.get("clearance"), ptr + "/clearance"),
    )


def _clearance(c: dict | None, ptr: str) -> Clearance | None:
    if c is None:
        return None

    def sign_off(s: dict | None, at: str) -> SignOff | None:
        return None if s is None else SignOff(s["by"], _day(s["date"]), at, s.get("comments"))

    return Clearance(
        ptr, _date(c.get("management_team_meeting")), c.get("working_days_before", 5),
        sign_off(c.get("monitoring_officer"), ptr + "/monitoring_officer"),
        sign_off(c.get("chief_finance_officer"), ptr + "/chief_finance_officer"),
        tuple(ClearanceStep(s["step"], s["by"], _day(s["date"]), _ptr(ptr, "checklist", i))
              for i, s in enumerate(c.get("checklist", ()))))
