"""Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007
(SI 2007/1830), England: the strategy group, the annual strategic assessment, the
partnership plan, community engagement, publication and the police and crime commissioner."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import (Citation, Context, d, evidence_stale, Hits, long_date, no_policing_body, Plan,
                                policing_body_name, rule)

SI = "Crime and Disorder (Formulation and Implementation of Strategy) Regulations 2007"


def reg(n: str) -> str:
    return f"https://www.legislation.gov.uk/uksi/2007/1830/regulation/{n}"


def strategy_groups(plan):
    return [g for g in plan.governance if g.kind == "strategy_group"]


@rule(
    id="REG07-R3-GROUP-2007", name="strategy-group-2007", severity=Severity.ERROR,
    citation=Citation(SI, "reg 3 (as made)", reg("3/made")), in_force=d("2007-08-01"),
    until=d("2011-05-31"), jurisdiction=("england",), groups=("governance",),
    failing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: police, name: Example Police, kind: chief_officer_of_police}
          governance:
            - {id: sg, name: Strategy Group, kind: strategy_group, purpose: Prepares the assessment and plan.,
               members: [council]}
    """,
    passing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: police, name: Example Police, kind: chief_officer_of_police}
            - {id: fire, name: Example Fire and Rescue Authority, kind: fire_and_rescue_authority}
            - {id: pct, name: Example Primary Care Trust, kind: primary_care_trust}
            - {id: probation, name: Example Probation Trust, kind: probation_provider}
            - {id: pa, name: Example Police Authority, kind: police_authority}
          governance:
            - {id: sg, name: Strategy Group, kind: strategy_group, purpose: Prepares the assessment and plan.,
               members: [council, police, fire, pct, probation, pa]}
    """,
)
def group_2007(plan: Plan, ctx: Context) -> Hits:
    """Until May 2011, a strategy group with a member from every responsible authority.

    The Regulations as made required a strategy group to prepare the strategic assessment
    and the partnership plan, with one or more people appointed by each responsible
    authority. The plan should name the group and show every responsible authority on it.
    """
    groups = strategy_groups(plan)
    if not groups:
        yield ctx.report("/partnership/governance", "no strategy group is named",
                         "add the group that prepares the assessment and plan, with kind: strategy_group")
        return
    on_group = {m for g in groups for m in g.members}
    for member in plan.members:
        if member.responsible_authority and member.id not in on_group:
            yield ctx.report(groups[0].ptr + "/members", f"responsible authority '{member.id}' has no "
                             "one on the strategy group", f"add '{member.id}' to the group's members")


@rule(
    id="REG07-R3-GROUP", name="strategy-group", severity=Severity.ERROR,
    citation=Citation(SI, "reg 3, as substituted by SI 2011/1230", reg("3")), in_force=d("2011-06-01"),
    jurisdiction=("england",), groups=("governance",),
    failing="""
        partnership:
          governance:
            - {id: board, name: Partnership Board, kind: board, purpose: Oversees the partnership.}
    """,
    passing="""
        partnership:
          governance:
            - {id: sg, name: Strategy Group, kind: strategy_group, purpose: Prepares the assessment and plan.,
               members: [council, police]}
    """,
)
def group(plan: Plan, ctx: Context) -> Hits:
    """A strategy group prepares the strategic assessment and the plan, with at least two members.

    Since June 2011 the strategy group must have at least two people appointed by the
    responsible authorities, and prepares the strategic assessment and the partnership
    plan on their behalf. The plan should name the group and who sits on it.
    """
    groups = strategy_groups(plan)
    if not groups:
        yield ctx.report("/partnership/governance", "no strategy group is named",
                         "add the group that prepares the assessment and plan, with kind: strategy_group")
    elif all(len(g.members) < 2 for g in groups):
        yield ctx.report(groups[0].ptr, "the strategy group does not list at least two members",
                         "list the member ids of the responsible authorities that sit on it")


@rule(
    id="REG07-R5-SA", name="strategic-assessment", severity=Severity.ERROR,
    citation=Citation(SI, "regs 5-7", reg("5")), in_force=d("2007-08-01"), jurisdiction=("england",),
    groups=("evidence",),
    failing="""
        evidence:
          - {id: svsna, kind: serious_violence_needs_assessment, title: Serious Violence Needs Assessment}
    """,
    passing="""
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
)
def strategic_assessment(plan: Plan, ctx: Context) -> Hits:
    """The plan rests on a strategic assessment.

    A strategic assessment must be prepared each year for the responsible authorities: an
    analysis of crime, disorder and substance misuse, how they have changed, and what the
    partnership should prioritise. The plan's priorities come from it, so the plan must
    cite it.
    """
    if not plan.evidence_of_kind("strategic_assessment"):
        yield ctx.report("/evidence" if plan.has("evidence") else "", "no strategic assessment is cited",
                         "add the strategic assessment to evidence with kind: strategic_assessment")


@rule(
    id="REG07-R5-SA-CURRENT", name="strategic-assessment-current", severity=Severity.WARNING,
    citation=Citation(SI, "regs 5-7", reg("5")), in_force=d("2007-08-01"), jurisdiction=("england",),
    groups=("evidence",),
    failing="""
        approval: {date: 2025-06-01, approved_by: Council}
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2023, date: 2023-01-31}
    """,
    passing="""
        approval: {date: 2025-06-01, approved_by: Council}
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
)
def strategic_assessment_current(plan: Plan, ctx: Context) -> Hits:
    """The latest strategic assessment is no more than a year old, and dated.

    The strategic assessment is annual. A plan judged more than twelve months after its
    latest assessment is working from out-of-date evidence.
    """
    assessments = plan.evidence_of_kind("strategic_assessment")
    if not assessments:
        return
    dated = [(e.date, e) for e in assessments if e.date]
    if not dated:
        yield ctx.report(assessments[0].ptr, "the strategic assessment has no date",
                         "add its date: so that its age can be checked")
        return
    day, latest = max(dated, key=lambda pair: pair[0])
    if evidence_stale(day, ctx.as_of):
        yield ctx.report(latest.ptr + "/date", f"the latest strategic assessment is dated "
                         f"{long_date(day)}, more than a year before {long_date(ctx.as_of)}",
                         "cite this year's strategic assessment")


@rule(
    id="REG07-R9-CSA", name="community-safety-agreement", severity=Severity.WARNING,
    citation=Citation(SI, "regs 8-9", reg("9")), in_force=d("2007-08-01"), jurisdiction=("england",),
    groups=("evidence", "two-tier"),
    failing="""
        area: {name: Example, council_type: district, county: Exampleshire}
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
    passing="""
        area: {name: Example, council_type: district, county: Exampleshire}
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
          - {id: csa, kind: community_safety_agreement, title: Exampleshire Community Safety Agreement}
    """,
)
def community_safety_agreement(plan: Plan, ctx: Context) -> Hits:
    """In a two-tier county, the plan refers to the county's community safety agreement.

    In a county with district councils, the county strategy group prepares a community
    safety agreement from the districts' strategic assessments. A district's plan should
    refer to it, so the committee can see how district and county priorities fit.
    """
    if plan.two_tier and not plan.evidence_of_kind("community_safety_agreement"):
        yield ctx.report("/evidence" if plan.has("evidence") else "",
                         "the county's community safety agreement is not cited",
                         "add it to evidence with kind: community_safety_agreement")


@rule(
    id="REG07-R10-PERIOD", name="three-year-plan", severity=Severity.WARNING,
    citation=Citation(SI, "regs 10-11", reg("10")), in_force=d("2007-08-01"), jurisdiction=("england",),
    verified=False, groups=("plan",),
    failing="""
        period: {start: 2025-04-01, end: 2026-03-31}
    """,
    passing="""
        period: {start: 2025-04-01, end: 2028-03-31}
    """,
)
def three_years(plan: Plan, ctx: Context) -> Hits:
    """The partnership plan covers three years, revised each year.

    The Regulations provide for a rolling three-year partnership plan, revised before the
    start of each year in the light of the annual strategic assessment. The text of the
    regulation has not been confirmed, so a plan of another length is a warning.
    """
    if plan.period.end < plan.period.start:
        return  # a period that ends before it starts is QUALITY-DATE-ORDER's to report
    days = (plan.period.end - plan.period.start).days + 1
    if not 1065 <= days <= 1131:  # three years, give or take a month
        years = days / 365.25
        yield ctx.report("/period", f"the plan covers {years:.1f} years, not three",
                         "plan for three years and revise the plan each year")


@rule(
    id="REG07-R10-STEPS", name="priorities-have-actions", severity=Severity.WARNING,
    citation=Citation(SI, "reg 10", reg("10")), in_force=d("2007-08-01"), jurisdiction=("england",),
    verified=False, groups=("plan",),
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council}
    """,
    passing="""
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            actions:
              - id: a1
                description: Run a town centre patrol plan.
                owner: police
                due: 2026-03-31
                status: in_progress
    """,
)
def steps(plan: Plan, ctx: Context) -> Hits:
    """Every priority sets out the steps that will be taken to meet it.

    The plan must set out the steps the responsible authorities will take to implement the
    strategy and meet the priorities. A priority without actions leaves the committee
    nothing to hold partners to.
    """
    for priority in plan.priorities:
        if not priority.actions:
            yield ctx.report(priority.ptr, f"priority '{priority.title}' has no actions",
                             "add actions: with what will be done, by whom and when")


@rule(
    id="REG07-R10-MEASURES", name="priorities-have-measures", severity=Severity.WARNING,
    citation=Citation(SI, "reg 10", reg("10")), in_force=d("2007-08-01"), jurisdiction=("england",),
    verified=False, groups=("plan",),
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council}
    """,
    passing="""
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            measures:
              - {id: m1, indicator: Crimes recorded in the town centre, target: {direction: decrease},
                 data_source: Police recorded crime}
    """,
)
def measures(plan: Plan, ctx: Context) -> Hits:
    """Every priority says how success will be measured.

    The plan must say how the responsible authorities will measure their performance. A
    priority with no measure cannot be reviewed at the six-monthly or annual review.
    """
    for priority in plan.priorities:
        if not priority.measures:
            yield ctx.report(priority.ptr, f"priority '{priority.title}' has no measures",
                             "add measures: with an indicator, its target direction and data source")


@rule(
    id="REG07-R12-ENGAGE", name="community-engagement", severity=Severity.ERROR,
    citation=Citation(SI, "reg 12", reg("12")), in_force=d("2007-08-01"), jurisdiction=("england",),
    groups=("engagement",),
    failing="""
        community_engagement: null   # left out of the plan
    """,
    passing="""
        community_engagement:
          approach: An annual residents' survey and ward surgeries with neighbourhood policing teams.
    """,
)
def engage(plan: Plan, ctx: Context) -> Hits:
    """The plan says how the views of people who live and work in the area are obtained.

    The strategy group must arrange to obtain the views of people and bodies in the area on
    crime, disorder and substance misuse and on what the partnership should prioritise,
    consulting as widely as is reasonable and including groups particularly affected.
    """
    if plan.community_engagement is None:
        yield ctx.report("", "the plan does not say how the views of people in the area are obtained",
                         "add community_engagement: with the approach taken")


@rule(
    id="REG07-R12-CONSULTATION", name="consultation-evidence", severity=Severity.WARNING,
    citation=Citation(SI, "reg 12", reg("12")), in_force=d("2007-08-01"), jurisdiction=("england",),
    groups=("engagement", "evidence"),
    failing="""
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
    passing="""
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
          - {id: survey, kind: consultation, title: Community Safety Survey 2024, respondents: 540}
    """,
)
def consultation(plan: Plan, ctx: Context) -> Hits:
    """The plan cites the results of its consultation.

    The views gathered under the engagement duty should shape the priorities, so the plan
    should cite the consultation (evidence of kind consultation) and what it found.
    """
    if not plan.evidence_of_kind("consultation"):
        yield ctx.report("/evidence" if plan.has("evidence") else "", "no consultation results are cited",
                         "add the consultation to evidence with kind: consultation")


@rule(
    id="REG07-R12-PUBLIC-MEETINGS", name="public-meetings", severity=Severity.ERROR,
    citation=Citation(SI, "reg 12(4) (as made)", reg("12/made")), in_force=d("2007-08-01"),
    jurisdiction=("england",), verified=False, groups=("engagement",),
    failing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        community_engagement:
          approach: An annual residents' survey.
          public_meetings: null   # none recorded
    """,
    passing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        community_engagement:
          approach: An annual residents' survey.
          public_meetings:
            - {date: 2010-03-10, title: Community safety question time}
    """,
)
def public_meetings(plan: Plan, ctx: Context) -> Hits:
    """At least one public meeting a year with senior people from the responsible authorities.

    The Regulations as made required one or more public meetings each year ("face the
    people" sessions). The requirement is believed to have been removed in June 2011, but
    that has not been confirmed, so cspplan reports a missing meeting as a warning only.
    """
    engagement = plan.community_engagement
    if engagement is None:
        return
    if not engagement.public_meetings:
        doubt = " (a duty believed repealed in June 2011, not confirmed)" if ctx.as_of >= d("2011-06-01") else ""
        yield ctx.report("/community_engagement", f"no public meeting is recorded{doubt}",
                         "add public_meetings: with the date and title of each meeting")


@rule(
    id="REG07-R13-PUBLISH", name="plan-published", severity=Severity.ERROR,
    citation=Citation(SI, "reg 13", reg("13")), in_force=d("2007-08-01"), jurisdiction=("england",),
    verified=False, groups=("publication",),
    failing="""
        status: approved
        publication: {summary_published_on: null, url: null, sent_to_commissioner_on: 2025-06-15}
    """,
    passing="""
        status: approved
        publication: {summary_published_on: 2025-06-10, url: "https://example.gov.uk/community-safety-plan",
                      sent_to_commissioner_on: 2025-06-15}
    """,
)
def published(plan: Plan, ctx: Context) -> Hits:
    """An approved plan, or a summary of it, is published.

    The partnership must publish its plan or a summary of it. The regulation's number and
    wording have not been confirmed, so this is a warning. Drafts are not checked.
    """
    if plan.status != "approved":
        return
    publication = plan.publication
    if publication is None or not (publication.summary_published_on or publication.url):
        yield ctx.report("/publication" if publication is not None else "",
                         "the plan does not record where or when it (or its summary) was published",
                         "add publication: with summary_published_on and url")


@rule(
    id="REG07-R13A-PLAN-TO-PCC", name="plan-sent-to-commissioner", severity=Severity.ERROR,
    citation=Citation(SI, "reg 13A, inserted by SI 2012/2660", reg("13A")), in_force=d("2012-11-22"),
    jurisdiction=("england",), groups=("publication", "police-and-crime-plan"), not_applicable=no_policing_body,
    failing="""
        status: approved
        publication: {summary_published_on: 2025-06-10, sent_to_commissioner_on: null}
    """,
    passing="""
        status: approved
        publication: {summary_published_on: 2025-06-10, sent_to_commissioner_on: 2025-06-15}
    """,
)
def sent_to_pcc(plan: Plan, ctx: Context) -> Hits:
    """An approved plan has been sent to the local policing body.

    Since 22 November 2012 the strategy group must send a copy of the partnership plan to
    the elected local policing body: the police and crime commissioner, or the mayor who
    holds the commissioner's functions (the Mayor's Office for Policing and Crime in
    London). Regulation 13A does not apply in the City of London, which has no elected
    local policing body. Drafts are not checked.
    """
    if plan.status != "approved":
        return
    publication = plan.publication
    if publication is None or not publication.sent_to_commissioner_on:
        yield ctx.report("/publication" if publication is not None else "",
                         f"the plan does not record that it was sent to {policing_body_name(plan)}",
                         "add publication: sent_to_commissioner_on: with the date it was sent")


@rule(
    id="REG07-R14-INFO-SHARING", name="information-sharing-protocol", severity=Severity.WARNING,
    citation=Citation(SI, "reg 14", reg("14")), in_force=d("2007-08-01"), jurisdiction=("england",),
    verified=False, groups=("information-sharing",),
    failing="""
        information_sharing:
          agreement: Example Information Sharing Protocol
          reviewed_on: null   # never reviewed
    """,
    passing="""
        information_sharing:
          agreement: Example Information Sharing Protocol
          reviewed_on: 2025-01-15
    """,
)
def info_protocol(plan: Plan, ctx: Context) -> Hits:
    """The information-sharing protocol is named and has been reviewed.

    The Regulations make provision for information sharing within the partnership (from
    memory: a liaison officer in each authority and an information-sharing protocol). The
    plan should name the protocol and when it was last reviewed.
    """
    sharing = plan.information_sharing
    if sharing is not None and not sharing.reviewed_on:
        yield ctx.report("/information_sharing", "the information-sharing agreement has no review date",
                         "add reviewed_on: with the date it was last reviewed")
