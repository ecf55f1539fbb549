"""A new plan that already knows the law: the text ``cspplan new`` writes.

Given what the law turns on (the kind of council, England or Wales, the police force, the
health body, the fire and rescue authority, the probation region and the local policing
body), :func:`plan_text` writes a plan whose responsible authorities are complete for that
kind of area (Crime and Disorder Act 1998 s5), with every section of the plan format
present and every place the officer must fill holding a ``TODO`` that the placeholder rule
(QUALITY-PLACEHOLDER) reports at its own line: one finding per gap, and no other finding.

The plan is written as commented text, not dumped from data, so that it reads like the
examples in ``plans/``; every value that comes from the officer is written as a JSON
string, which is a valid YAML double-quoted scalar whatever it holds.

The bodies cspplan knows (police forces, integrated care boards and local health boards,
fire and rescue authorities, probation regions) are shipped in ``cspplan/data/``, each
list with its source and the date it was true; :func:`lookup` matches a typed name
against them with did-you-mean, and never invents one.

Plain Python: no YAML, no jsonschema.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import json
import re
from importlib import resources
from pathlib import Path

from cspplan.errors import CspplanError

DATA_FILES = {
    "police_force": "police-forces.json",
    "health_body": "health-bodies.json",
    "fire_authority": "fire-authorities.json",
    "probation_region": "probation-regions.json",
}
"""The shipped list behind each answer that names a body."""

LIST_NAMES = {
    "police_force": "police forces",
    "health_body": "health bodies",
    "fire_authority": "fire and rescue authorities",
    "probation_region": "probation regions",
}

COUNCIL_TYPE_BY_CODE = {"E06": "unitary", "E07": "district", "E08": "metropolitan", "E09": "london_borough",
                        "W06": "welsh_principal"}
"""The council type an ONS code's first three characters say (as QUALITY-COUNCIL-TYPE reads them)."""

JURISDICTION_BY_TYPE = {"district": "england", "metropolitan": "england", "london_borough": "england",
                        "welsh_principal": "wales"}
"""Council types that exist in one country only (an English or Welsh unitary council may be either)."""

ONS_CODE = re.compile(r"(E0[6-9]|W06)[0-9]{6}")


# --- the shipped lists --------------------------------------------------------------------------

@functools.cache
def known_list(field: str) -> dict:
    """The shipped list for ``field`` (a key of :data:`DATA_FILES`): its source, date and bodies."""
    text = (resources.files("cspplan") / "data" / DATA_FILES[field]).read_text(encoding="utf-8")
    return json.loads(text)


def known_names(field: str, jurisdiction: str | None = None) -> list[str]:
    """The names in the shipped list for ``field``, those of ``jurisdiction`` when given."""
    return [body["name"] for body in known_list(field)["bodies"]
            if jurisdiction is None or body["jurisdiction"] == jurisdiction]


@dataclasses.dataclass(frozen=True)
class Match:
    """What a typed name matched: the name to write, whether the shipped list has it, and
    the listed names it is close to (for "did you mean")."""

    name: str
    known: bool
    suggestions: tuple[str, ...] = ()
    body: dict | None = None


def _simple(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).strip()


def lookup(field: str, typed: str, jurisdiction: str | None = None) -> Match:
    """Match ``typed`` against the shipped list for ``field``.

    A name that is in the list, whatever its case, spacing or punctuation, or the one
    listed name that holds what was typed as whole words ("surrey" for Surrey Police), comes back
    as the list spells it. Anything else comes back as typed, marked unknown, with the
    listed names it is close to: cspplan never replaces a name with one it guessed.
    """
    typed = " ".join(typed.split())
    bodies = [b for b in known_list(field)["bodies"] if jurisdiction is None or b["jurisdiction"] == jurisdiction]
    by_simple = {_simple(b["name"]): b for b in bodies}
    wanted = _simple(typed)
    if wanted in by_simple:
        body = by_simple[wanted]
        return Match(body["name"], True, body=body)
    starting = [b for key, b in by_simple.items() if wanted and (f" {wanted} " in f" {key} "
                                                              or _simple(b.get("area", "")) == wanted
                                                              or _simple(b.get("region", "")) == wanted)]
    if len(starting) == 1:
        return Match(starting[0]["name"], True, body=starting[0])
    close = difflib.get_close_matches(wanted, list(by_simple), n=3, cutoff=0.6)
    close += [key for key in by_simple if wanted and f" {wanted} " in f" {key} " and key not in close]
    return Match(typed, False, tuple(by_simple[key]["name"] for key in close[:3]))


# --- what the officer answers ---------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Answers:
    """Everything the new plan is made from. Names are as they will be written."""

    area: str
    council_type: str
    jurisdiction: str
    police_force: str
    health_body: str
    fire_authority: str
    probation_region: str
    policing_body: str
    period_start: dt.date
    period_end: dt.date
    ons_code: str | None = None
    county: str | None = None
    committee: str | None = None
    police_area: str | None = None
    policing_body_name: str | None = None


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """Three years from the first 1 April on or after ``today`` (the regulations in both
    countries expect a three-year plan, and most run with the financial year)."""
    start = dt.date(today.year, 4, 1)
    if start < today:
        start = dt.date(today.year + 1, 4, 1)
    return start, dt.date(start.year + 3, 3, 31)


def council_type_for(ons_code: str | None) -> str | None:
    """The council type an ONS code says, or None."""
    return COUNCIL_TYPE_BY_CODE.get(ons_code[:3]) if ons_code else None


def jurisdiction_for(council_type: str | None, ons_code: str | None) -> str | None:
    """England or Wales, as the ONS code or the council type says; None when neither does."""
    if ons_code:
        return "wales" if ons_code.startswith("W") else "england"
    return JURISDICTION_BY_TYPE.get(council_type or "")


def check_answers(answers: Answers) -> None:
    """Raise :class:`CspplanError` (one line, naming the option) when the answers contradict
    each other, so that the plan written never fails QUALITY-JURISDICTION or -COUNCIL-TYPE."""
    if answers.ons_code is not None and not ONS_CODE.fullmatch(answers.ons_code):
        raise CspplanError(f"--ons-code: '{answers.ons_code}' is not a council's ONS code; write E06, E07, E08, "
                           "E09 or W06 and six digits, for example E07000213")
    said = council_type_for(answers.ons_code)
    if said and said != answers.council_type and not (said == "welsh_principal" and answers.council_type == "unitary"):
        raise CspplanError(f"--council-type: the ONS code {answers.ons_code} is a {said.replace('_', ' ')} "
                           f"council's, not a {answers.council_type.replace('_', ' ')} one's")
    country = jurisdiction_for(answers.council_type, answers.ons_code)
    if country and country != answers.jurisdiction:
        raise CspplanError(f"--jurisdiction: the area is in {country.title()} (its council type or ONS code says "
                           f"so), not {answers.jurisdiction.title()}")
    if answers.council_type == "district" and not answers.county:
        raise CspplanError("--county: a district in a two-tier county needs its county, whose county council "
                           "is a responsible authority too")
    if answers.period_end <= answers.period_start:
        raise CspplanError("--period-end: the plan period must end after it starts")


# --- writing the plan ---------------------------------------------------------------------------

def modeline(schema_ref: str) -> str:
    """The editor's first line, pointing at ``schema_ref`` (a path relative to the plan, or an address)."""
    return f"# yaml-language-server: $schema={schema_ref}"


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def slug(text: str, suffix: str = "") -> str:
    """An id made from a name: lower case, words joined by hyphens, at most 64 characters."""
    words = re.sub(r"[^a-z0-9]+", "-", _simple(text)).strip("-") or "member"
    ident = f"{words}-{suffix}" if suffix else words
    return ident[:64].rstrip("-")


@dataclasses.dataclass(frozen=True)
class Member:
    """A member the law requires, as the plan lists it."""

    id: str
    name: str
    kind: str
    comment: str


def members(answers: Answers) -> list[Member]:
    """The responsible authorities the law requires for the area, then the local policing body."""
    council_kind = "district_council" if answers.council_type == "district" else "unitary_council"
    out = [Member(slug(answers.area, "council"), f"{answers.area} Council", council_kind,
                  "the council for the area; write its full name (Borough, District, City, County Borough ...)")]
    if answers.council_type == "district":
        county = answers.county or ""
        out.append(Member(slug(county, "county-council"), f"{county} County Council", "county_council",
                          "in a two-tier area the county council is a responsible authority too"))
    health = ("local_health_board", "the local health board (Wales)") if answers.jurisdiction == "wales" else \
        ("integrated_care_board", "the integrated care board (England, from 1 July 2022)")
    out += [
        Member(slug(answers.police_force), answers.police_force, "chief_officer_of_police",
               "the chief officer of police (s5(1)(b))"),
        Member(slug(answers.fire_authority), answers.fire_authority, "fire_and_rescue_authority",
               "the fire and rescue authority (s5(1)(d))"),
        Member(slug(answers.health_body), answers.health_body, health[0], health[1]),
        Member(slug(answers.probation_region, "probation") if "probation" not in answers.probation_region.lower()
               else slug(answers.probation_region), answers.probation_region, "probation_provider",
               "the provider of probation services (s5(1)(f))"),
    ]
    if answers.policing_body != "none":
        name = answers.policing_body_name or _policing_body_name(answers)
        out.append(Member(slug(name), name, "police_and_crime_commissioner",
                          "the local policing body: not a responsible authority, but the plan goes to it "
                          "and has regard to its police and crime plan"))
    seen: set[str] = set()
    unique = []
    for member in out:  # two bodies whose names make the same id
        ident = member.id
        n = 2
        while ident in seen:
            ident = f"{member.id[:60]}-{n}"
            n += 1
        seen.add(ident)
        unique.append(dataclasses.replace(member, id=ident))
    return unique


def _policing_body_name(answers: Answers) -> str:
    area = answers.police_area or answers.area
    return {
        "police_and_crime_commissioner": f"Police and Crime Commissioner for {area}",
        "police_fire_and_crime_commissioner": f"Police, Fire and Crime Commissioner for {area}",
        "mayor": f"Mayor (police and crime commissioner functions) for {area}",
        "mayors_office_for_policing_and_crime": "Mayor's Office for Policing and Crime",
    }[answers.policing_body]


def _member_lines(found: list[Member]) -> str:
    lines = []
    for m in found:
        lines += [f"    # {m.comment}",
                  f"    - id: {m.id}",
                  f"      name: {q(m.name)}",
                  f"      kind: {m.kind}",
                  "      represented_by: \"TODO: the post that represents it at the partnership\""]
    lines += ["    # bodies with a duty to co-operate (s5(2)): add one entry for each",
              "    - id: co-operating-1",
              "      name: \"TODO: a co-operating body, for example a registered social landlord\"",
              "      kind: co_operating_body",
              "    # other bodies invited to take part (s5(3)): add one entry for each",
              "    - id: invited-1",
              "      name: \"TODO: an invited participant, for example a voluntary organisation\"",
              "      kind: invited_participant"]
    return "\n".join(lines)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def plan_text(answers: Answers, schema_ref: str) -> str:
    """The new plan, as the text to write. Deterministic: the same answers give the same text."""
    check_answers(answers)
    found = members(answers)
    council = found[0]
    pcc = next((m for m in found if m.kind == "police_and_crime_commissioner"), None)
    start, end = answers.period_start, answers.period_end
    review_due = _add_months(start, 6) - dt.timedelta(days=1)
    meeting = start - dt.timedelta(days=28)
    action_due = _add_months(start, 12) - dt.timedelta(days=1)
    years = f"{start.year}-{str(end.year)[2:]}"
    wales = answers.jurisdiction == "wales"
    two_tier = answers.council_type == "district" and not wales
    regulations = ("the Crime and Disorder (Formulation and Implementation of Strategy) (Wales) Regulations 2007"
                   if wales else "the Crime and Disorder (Formulation and Implementation of Strategy) "
                   "Regulations 2007")
    area_lines = [f"  name: {q(answers.area)}"]
    if answers.ons_code:
        area_lines.append(f"  ons_code: {answers.ons_code}       # the council's ONS code")
    area_lines.append(f"  council_type: {answers.council_type}")
    if answers.county:
        area_lines.append(f"  county: {q(answers.county)}")
    if answers.police_area:
        area_lines.append(f"  police_area: {q(answers.police_area)}")
    area_lines.append(f"  policing_body: {answers.policing_body}   # who the plan is sent to (none: no such body)")
    committee = q(answers.committee) if answers.committee else '"TODO: the committee that will receive the report"'
    parts = [
        _HEADER.format(modeline=modeline(schema_ref), area=answers.area, years=years),
        _IDENTITY.format(area=q(answers.area), years=years, area_block="\n".join(area_lines),
                         jurisdiction=answers.jurisdiction, start=start, end=end, review_due=review_due),
        _PARTNERSHIP.format(area=answers.area, members=_member_lines(found), council=council.id,
                            board_members=", ".join(m.id for m in found),
                            strategy_members=", ".join(m.id for m in found if m is not pcc),
                            regulations=regulations),
        _EVIDENCE.format(year=start.year - 1, csa=(_CSA.format(county=answers.county) if two_tier else "")
                         + (_VAWDASV if wales else "")),
    ]
    if pcc is not None:
        parts.append(_POLICE_PLAN.format(pcc=pcc.id))
    else:
        parts.append(_NO_POLICING_BODY)
    parts += [
        _PROCESS.format(year=start.year - 1, sent=("" if pcc is None else "#   sent_to_commissioner_on: YYYY-MM-DD"
                                                                   "   # when sent to the policing body\n")),
        _PRIORITIES.format(year=start.year - 1, council=council.id, due=action_due,
                           objectives=("" if pcc is None else "    police_and_crime_objectives: [pcp-1]\n")),
        _REPORT.format(committee=committee, meeting=meeting, published=meeting - dt.timedelta(days=8),
                       area=answers.area, years=years),
    ]
    return "\n".join(parts)


# The template, section by section. {placeholders} are filled by plan_text; every "TODO"
# is a gap that QUALITY-PLACEHOLDER reports at its line.

_HEADER = """\
{modeline}
# The Community Safety Partnership plan for {area}, {years}: a new plan made by `cspplan new`.
#
# Every "TODO" below is a gap for you to fill: `cspplan validate` reports each one at its
# line (QUALITY-PLACEHOLDER). The partnership's responsible authorities are already listed
# as the law requires for this kind of area; check their names. Lines starting with # are
# comments. docs/plan-format.md explains every field; the plans/ folder has full examples.
#
# One file per version: copy this file for each review. Ids (member, group, evidence,
# objective, priority, action, measure) are how versions are compared; once the plan is
# published, never change an id: add new ones instead.

schema_version: 1   # the plan format version; always 1
"""

_IDENTITY = """\
# ---------------------------------------------------------------------------
# Identity of the plan
# ---------------------------------------------------------------------------
title: "Community Safety Partnership Plan {years}"
summary: |
  TODO: two or three sentences on what the plan is for, and the priorities it sets.

area:
{area_block}

jurisdiction: {jurisdiction}

period:              # three years: the regulations expect a three-year plan
  start: {start}
  end: {end}

version: "0.1"       # always in quotes, so that 1.10 is not read as 1.1
status: draft        # draft | consultation | approved | superseded
# approval:          # add when the plan is approved
#   date: YYYY-MM-DD
#   approved_by: the council or committee that approved it

version_history:     # one row per version, oldest first
  - version: "0.1"
    date: {start}
    summary: First draft, made with cspplan new.

review:
  frequency_months: 6          # how often the plan is reviewed
  next_review_due: {review_due}

# The council's crime and disorder committee (Police and Justice Act 2006 s19).
scrutiny:             # add last_scrutinised: YYYY-MM-DD when the committee has met
  committee: "TODO: the council's crime and disorder (scrutiny) committee"

context: |
  TODO: the area: its people and places, and its crime and disorder, in a few paragraphs.
"""

_PARTNERSHIP = """\
# ---------------------------------------------------------------------------
# The partnership: members and governance
# ---------------------------------------------------------------------------
partnership:
  name: "{area} Community Safety Partnership"
  description: |
    TODO: what the partnership is and how it works, in a paragraph or two.

  # Every body in the partnership. kind says what it is in law (Crime and Disorder
  # Act 1998 s5). The responsible authorities the law requires for this area are listed;
  # add co-operating bodies (kind: co_operating_body) and invited participants
  # (kind: invited_participant) below them.
  members:
{members}

  # kind: board | strategy_group | sub_group | operational_group
  governance:
    - id: board
      name: "{area} Community Safety Partnership Board"
      kind: board
      chair: "TODO: who chairs the board"
      purpose: |
        TODO: what the board does.
      meets: quarterly
      members: [{board_members}]
    # The strategy group that {regulations} require.
    - id: strategy-group
      name: "{area} Community Safety Partnership Strategy Group"
      kind: strategy_group
      chair: "TODO: who chairs the strategy group"
      purpose: |
        TODO: what the strategy group does: the strategic assessment, the plan and its review.
      meets: quarterly
      members: [{strategy_members}]
      reports_to: board
"""

_EVIDENCE = """\
# ---------------------------------------------------------------------------
# Evidence the plan rests on. Priorities cite these ids.
# ---------------------------------------------------------------------------
evidence:
  - id: sa-{year}       # TODO: add date: when the strategic assessment is complete
    kind: strategic_assessment
    title: "TODO: the strategic assessment's title"
    prepared_by: "TODO: who prepared it"
    # period: {{start: YYYY-MM-DD, end: YYYY-MM-DD}}   # the data period
  - id: svna
    kind: serious_violence_needs_assessment
    title: "TODO: the serious violence strategic needs assessment's title"
  - id: svs            # TODO: add url: where the strategy is published
    kind: serious_violence_strategy
    title: "TODO: the serious violence strategy's title (Serious Violence Duty)"
{csa}  - id: consultation-{year}
    kind: consultation
    title: "TODO: the consultation or survey that obtained people's views"
    # period: {{start: YYYY-MM-DD, end: YYYY-MM-DD}}   # when it ran
    # respondents: 0        # how many took part
"""

_CSA = """\
  - id: csa
    kind: community_safety_agreement
    title: "TODO: the {county} community safety agreement's title"
"""

_VAWDASV = """\
  - id: vawdasv
    kind: domestic_abuse_strategy
    title: "TODO: the regional violence against women, domestic abuse and sexual violence strategy's title"
"""

_POLICE_PLAN = """\
# ---------------------------------------------------------------------------
# Police and crime plan: the responsible authorities must have regard to it (CDA s6(1A))
# ---------------------------------------------------------------------------
police_and_crime_plan:
  title: "TODO: the police and crime plan's title"
  issued_by: {pcc}
  objectives:          # priorities link to these by id; add one per objective
    - id: pcp-1
      title: "TODO: the first police and crime objective, as the plan words it"
"""

_NO_POLICING_BODY = """\
# ---------------------------------------------------------------------------
# Police and crime plan: this area has no local policing body (policing_body: none),
# so there is no police and crime plan to have regard to, and none to send the plan to.
# ---------------------------------------------------------------------------
"""

_PROCESS = """\
# ---------------------------------------------------------------------------
# Statutory process: engagement, information sharing, publication, equality
# ---------------------------------------------------------------------------
community_engagement:
  approach: |          # TODO: add public_meetings: with the date and title of each public meeting
    TODO: how the partnership obtains the views of people who live and work in the area.
  consultations: [consultation-{year}]

information_sharing:   # Crime and Disorder Act 1998 ss17A and 115
  agreement: "TODO: the information sharing agreement or protocol"   # and add reviewed_on: YYYY-MM-DD

# publication:        # add when the plan is published
#   summary_published_on: YYYY-MM-DD
{sent}
equality_impact_assessment:   # Equality Act 2010 s149
  kind: screening             # full | screening
  summary: |
    TODO: what the equality impact assessment found.
"""

_PRIORITIES = """\
# ---------------------------------------------------------------------------
# Priorities, in the order of the plan
# ---------------------------------------------------------------------------
# statutory_strands: the CDA 1998 s6 strategies a priority delivers. Between them the
# priorities must cover all five; this first one lists them all until you add others.
priorities:
  - id: priority-1
    title: "TODO: the first priority"
    narrative: |
      TODO: why this is a priority, and what the partnership will do about it.
    rationale:
      summary: "TODO: the evidence for this priority, in a sentence or two"
      evidence: [sa-{year}, svs]
    statutory_strands: [crime_and_disorder, anti_social_behaviour, substance_misuse, re_offending, serious_violence]
{objectives}    lead: {council}
    actions:           # status: not_started | in_progress | complete | on_hold | cancelled
      - id: p1-a1
        description: "TODO: the first action"
        owner: {council}
        due: {due}
        status: not_started
    measures:          # target direction: increase | decrease | maintain
      - id: p1-m1
        indicator: "TODO: what is measured"
        target: {{direction: decrease}}
        data_source: "TODO: where the figures come from"
"""

_REPORT = """\
# ---------------------------------------------------------------------------
# The committee cover report that presents the plan
# ---------------------------------------------------------------------------
# cspplan numbers the sections and paragraphs (1.1, 1.2 ...): do not type numbers.
committee_report:
  committee: {committee}
  meeting_date: {meeting}      # change to the meeting's date
  published_on: {published}    # when the agenda is published
  title: "{area} Community Safety Partnership Plan {years}"
  purpose: approve             # approve | note | decide | discuss | consult
  author:
    name: "TODO: the report's author"
    role: "TODO: the author's job title"
  wards_affected: [All Wards]
  exempt: false
  corporate_priorities: ["TODO: the council's corporate priority this report serves"]
  recommendations_preamble: "The Committee is asked to:"
  recommendations:
    - "TODO: the recommendation, for example to approve the plan at Appendix A"
  reason_for_recommendation: |
    TODO: why the committee should agree the recommendation.
  summary_box:
    situation: ["TODO: what is the situation"]
    why: ["TODO: why we want to do something"]
    what_we_will_do: ["TODO: what we want to do about it"]
    next_steps: ["TODO: the next steps"]
  sections:
    summary: ["TODO: a summary of the report"]
    key_issues: ["TODO: the key issues"]
    options: ["TODO: the options considered, and the one proposed"]
    financial: ["TODO: the financial implications (if none, say so in a sentence)"]
    risk: ["TODO: the risks"]
    procurement: ["TODO: the procurement implications (if none, say so in a sentence)"]
    legal: ["TODO: the legal comments: Crime and Disorder Act 1998 ss5 and 6 and the regulations"]
    other_considerations: ["TODO: other considerations, including the crime and disorder duty (s17)"]
    equality_and_diversity: ["TODO: equality and diversity"]
    sustainability_and_climate: ["TODO: sustainability and climate change implications"]
    timetable: ["TODO: the timetable for implementation"]
    contact: ["TODO: who to contact about the report"]
  background_papers: []
  appendices:
    - label: A
      title: "{area} Community Safety Partnership Plan {years}"
"""


# --- from answers given or asked to a plan on disk -------------------------------------------------

QUESTIONS = {
    "area": ("--area", "The area's name (for example Spelthorne)"),
    "ons_code": ("--ons-code", "The council's ONS code (for example E07000213; Enter to leave out)"),
    "council_type": ("--council-type", "The kind of council: district, unitary, metropolitan, london_borough or "
                                       "welsh_principal"),
    "county": ("--county", "The county (a district in a two-tier county; for example Surrey)"),
    "jurisdiction": ("--jurisdiction", "England or Wales: england or wales"),
    "police_force": ("--police-force", "The police force (for example Surrey Police)"),
    "health_body": ("--health-body", "The health body: the integrated care board (England) or local health board "
                                     "(Wales)"),
    "fire_authority": ("--fire-authority", "The fire and rescue authority (for example Surrey Fire and Rescue "
                                           "Service)"),
    "probation_region": ("--probation-region", "The probation region (for example Kent, Surrey and Sussex)"),
    "committee": ("--committee", "The committee the plan goes to (Enter to leave a gap)"),
}
OPTIONAL = frozenset(("ons_code", "committee"))
POLICING_BODIES = ("police_and_crime_commissioner", "police_fire_and_crime_commissioner", "mayor",
                   "mayors_office_for_policing_and_crime", "none")
COUNCIL_TYPES = ("district", "unitary", "metropolitan", "london_borough", "welsh_principal")


def _missing(field: str) -> CspplanError:
    option, question = QUESTIONS[field]
    return CspplanError(f"{option} is needed ({question[0].lower() + question[1:]}); there is no terminal to ask at")


def gather(given: dict[str, str | None], ask, today: dt.date) -> tuple[Answers, list[str]]:
    """Turn the options given (and, with ``ask``, the answers typed at a terminal) into
    :class:`Answers`, with notes for the officer (bodies not in the shipped lists).

    ``ask(field, question)`` returns what the officer typed; without it, a required answer
    that was not given raises :class:`CspplanError` naming its option.
    """
    notes: list[str] = []

    def value(field: str) -> str | None:
        text = (given.get(field) or "").strip()
        if not text and ask is not None:
            text = ask(field, QUESTIONS[field][1]).strip()
        if not text and field not in OPTIONAL:
            raise _missing(field)
        return text or None

    def choice(field: str, allowed: tuple[str, ...], text: str | None) -> str:
        while True:
            if text is None:
                raise _missing(field)
            cleaned = text.strip().lower().replace(" ", "_").replace("-", "_")
            if cleaned in allowed:
                return cleaned
            close = difflib.get_close_matches(cleaned, allowed, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            if ask is None:
                raise CspplanError(f"{QUESTIONS.get(field, ('--' + field.replace('_', '-'),))[0]}: '{text}' is not "
                                   f"allowed; {hint}allowed: {', '.join(allowed)}")
            text = ask(field, f"'{text}' is not allowed; {hint}choose one of {', '.join(allowed)}")

    area = value("area") or ""
    ons_code = value("ons_code")
    if ons_code:
        ons_code = ons_code.upper()
    council_type = council_type_for(ons_code) if not given.get("council_type") else None
    council_type = council_type or choice("council_type", COUNCIL_TYPES, value("council_type"))
    county = value("county") if council_type == "district" else (given.get("county") or None)
    jurisdiction = jurisdiction_for(council_type, ons_code) if not given.get("jurisdiction") else None
    jurisdiction = jurisdiction or choice("jurisdiction", ("england", "wales"), value("jurisdiction"))
    bodies: dict[str, Match] = {}
    for field in ("police_force", "health_body", "fire_authority", "probation_region"):
        bodies[field] = _body(field, value(field) or "", jurisdiction, ask, notes)
    force = bodies["police_force"].body or {}
    start, end = default_period(today)
    start = _date(given.get("period_start"), "--period-start") or start
    end = _date(given.get("period_end"), "--period-end") or (dt.date(start.year + 3, start.month, start.day)
                                                              - dt.timedelta(days=1))
    from cspplan.rules.base import implied_policing_body  # the rule the validator applies

    policing = given.get("policing_body")
    policing = choice("policing_body", POLICING_BODIES, policing) if policing else (
        implied_policing_body(ons_code, start) or force.get("policing_body") or "police_and_crime_commissioner")
    answers = Answers(
        area=area, council_type=council_type, jurisdiction=jurisdiction,
        police_force=bodies["police_force"].name, health_body=bodies["health_body"].name,
        fire_authority=bodies["fire_authority"].name, probation_region=bodies["probation_region"].name,
        policing_body=policing, period_start=start, period_end=end, ons_code=ons_code, county=county,
        committee=value("committee"), police_area=force.get("area"),
        policing_body_name=force.get("policing_body_name") if force.get("policing_body") == policing else None)
    check_answers(answers)
    return answers, notes


def _date(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CspplanError(f"{option}: '{text}' is not a date; write it as YYYY-MM-DD") from None


def _body(field: str, typed: str, jurisdiction: str, ask, notes: list[str]) -> Match:
    """Match a typed body against its list; at a terminal, offer the close names first."""
    match = lookup(field, typed, jurisdiction)
    if not match.known and ask is not None and match.suggestions:
        options = "; ".join(f"{n}. {name}" for n, name in enumerate(match.suggestions, 1))
        reply = ask(field, f"'{typed}' is not in cspplan's list of {LIST_NAMES[field]}. Did you mean {options}? "
                           f"Type a number, or Enter to keep '{typed}'").strip()
        if reply.isdigit() and 1 <= int(reply) <= len(match.suggestions):
            return lookup(field, match.suggestions[int(reply) - 1], jurisdiction)
    if not match.known:
        data = known_list(field)
        mean = f"; did you mean '{match.suggestions[0]}'?" if match.suggestions else ""
        notes.append(f"{QUESTIONS[field][0]}: '{match.name}' is not in the shipped list of {LIST_NAMES[field]} "
                     f"(cspplan/data/{DATA_FILES[field]}, as it stood on {data['true_on']}){mean} "
                     "It is written as typed.")
    return match


def schema_reference(target: Path) -> str:
    """Where the new plan's modeline points: the plan format's schema file found in the
    plan's folder or a ``schemas`` folder beside it or above it (as ``plans/`` and
    ``schemas/`` sit in a project), as a relative path; else ``plan-v1.schema.json``
    beside the plan, which ``cspplan schema > plan-v1.schema.json`` writes."""
    import os

    folder = target.resolve().parent
    for base in (folder, *folder.parents):
        for candidate in (base / SCHEMA_NAME, base / "schemas" / SCHEMA_NAME):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, folder)).as_posix()
    return SCHEMA_NAME


SCHEMA_NAME = "plan-v1.schema.json"


def write_new(target: Path, text: str, force: bool) -> None:
    """Write the new plan: never over an existing file unless ``force``, and then through a
    temporary file in the same folder renamed into place, so that a failure leaves the old
    file as it was."""
    from cspplan.files import write_text_atomic

    if target.is_dir():
        raise CspplanError(f"{target} is a folder; give the path of the plan file to write")
    if target.exists() and not force:
        raise CspplanError(f"{target} already exists; cspplan new never writes over a file "
                           "(choose another name, or use --force to replace it)")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CspplanError(f"{target}: the folder {folder} does not exist")
    write_text_atomic(text, target)
