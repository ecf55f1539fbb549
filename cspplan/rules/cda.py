"""Crime and Disorder Act 1998: who the partnership is (s5), what its strategy covers (s6),
the wider crime and disorder duty (s17) and information sharing (s17A)."""

from __future__ import annotations

import datetime as dt
import re

from cspplan.findings import Severity
from cspplan.rules.base import (Citation, Context, d, Hits, long_date, missing_member, no_police_and_crime_plan, Plan,
                                rule)

ACT = "Crime and Disorder Act 1998"
S5 = "https://www.legislation.gov.uk/ukpga/1998/37/section/5"
S6 = "https://www.legislation.gov.uk/ukpga/1998/37/section/6"
S17 = "https://www.legislation.gov.uk/ukpga/1998/37/section/17"
S17A = "https://www.legislation.gov.uk/ukpga/1998/37/section/17A"
MEMBERS = "/partnership/members"

STRATEGIES_FROM = {"england": d("2007-08-01"), "wales": d("2007-11-19")}


# --- s5: the responsible authorities -------------------------------------------------

@rule(
    id="CDA-S5-RA-COUNCIL", name="council-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(a)", S5), in_force=d("1998-09-30"), groups=("partnership",),
    fix="add the council as a member with kind district_council, county_council or unitary_council",
    failing="""
        area: {name: Example, council_type: district, county: Exampleshire}
        partnership:
          members:
            - {id: council, name: Example District Council, kind: district_council}
    """,
    passing="""
        area: {name: Example, council_type: district, county: Exampleshire}
        partnership:
          members:
            - {id: council, name: Example District Council, kind: district_council}
            - {id: county, name: Exampleshire County Council, kind: county_council}
    """,
)
def council_listed(plan: Plan, ctx: Context) -> Hits:
    """The council for the area is a member; in a two-tier area, both the district and the county.

    Section 5(1)(a) makes every council for the area a responsible authority. A district
    in a two-tier county has two: the district council and the county council, and the
    plan must show both as partners. Everywhere else (unitary, metropolitan, London
    borough, Welsh principal council) there is one.
    """
    if plan.two_tier:
        if not plan.members_of_kind("district_council"):
            yield ctx.report(MEMBERS, "the district council is not listed as a responsible authority",
                             "add it with kind: district_council")
        if not plan.members_of_kind("county_council"):
            county = f" ({plan.county} County Council)" if plan.county else ""
            yield ctx.report(MEMBERS, f"the county council{county} is not listed; in a two-tier area "
                             "it is a responsible authority too", "add it with kind: county_council")
    elif not plan.members_of_kind("unitary_council"):
        yield ctx.report(MEMBERS, "the council for the area is not listed as a responsible authority",
                         "add it with kind: unitary_council")


@rule(
    id="CDA-S5-RA-POLICE", name="police-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(b)", S5), in_force=d("1998-09-30"), groups=("partnership",),
    failing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: police, name: Example Police, kind: chief_officer_of_police}
    """,
)
def police_listed(plan: Plan, ctx: Context) -> Hits:
    """Every chief officer of police for the area is a member.

    Section 5(1)(b) makes every chief officer of police whose police area lies wholly or
    partly in the partnership's area a responsible authority. The plan must list the force
    (in practice its chief constable, represented locally by the borough or district
    commander).
    """
    yield from missing_member(plan, ctx, ("chief_officer_of_police",),
                               "no chief officer of police is listed as a responsible authority",
                               "add the police force with kind: chief_officer_of_police")


@rule(
    id="CDA-S5-RA-POLICE-AUTHORITY", name="police-authority-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(c), inserted by the Police Reform Act 2002 s97", S5),
    in_force=d("2003-04-01"), until=d("2012-11-21"), groups=("partnership",),
    failing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: pa, name: Example Police Authority, kind: police_authority}
    """,
)
def police_authority_listed(plan: Plan, ctx: Context) -> Hits:
    """Until 21 November 2012, the police authority is a member.

    From April 2003 every police authority whose area lay in the partnership's area was a
    responsible authority. Police authorities were abolished when police and crime
    commissioners took office on 22 November 2012, so this applies only to plans judged
    before then.
    """
    yield from missing_member(plan, ctx, ("police_authority",),
                               "no police authority is listed as a responsible authority",
                               "add it with kind: police_authority")


# --- bodies that were abolished: a body that no longer exists cannot be a responsible authority

def _abolished(plan: Plan, ctx: Context, kind: str, label: str, plural: str, on: dt.date,
               successor: str) -> Hits:
    """An error on the kind of every member of ``kind``, a body abolished ``on`` that day."""
    for member in plan.members_of_kind(kind):
        yield ctx.report(member.ptr + "/kind", f"'{member.name}' is listed as a {label}, but {plural} were "
                         f"abolished on {long_date(on)}, and a body that no longer exists cannot be a "
                         "responsible authority",
                         successor)


POLICE_AUTHORITIES_ABOLISHED = d("2012-11-22")
POLICE_SUCCESSORS = ("list the police and crime commissioner instead, with kind: police_and_crime_commissioner "
                     "(the local policing body), and the chief officer of police, with kind: "
                     "chief_officer_of_police (the responsible authority for policing)")


@rule(
    id="CDA-S5-RA-POLICE-AUTHORITY-GONE", name="police-authority-abolished", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(c), omitted by the Police Reform and Social Responsibility Act 2011 Sch 11 "
                      "para 2(2) from 22 November 2012, when police authorities were abolished",
                      "https://www.legislation.gov.uk/ukpga/2011/13/schedule/11"),
    in_force=POLICE_AUTHORITIES_ABOLISHED, groups=("partnership",),
    fix=POLICE_SUCCESSORS,
    failing="""
        partnership:
          members:
            - {id: police, name: Example Police, kind: chief_officer_of_police}
            - {id: pa, name: Example Police Authority, kind: police_authority}
    """,
    passing="""
        partnership:
          members:
            - {id: police, name: Example Police, kind: chief_officer_of_police}
            - {id: pcc, name: Example Police and Crime Commissioner, kind: police_and_crime_commissioner}
    """,
)
def police_authority_gone(plan: Plan, ctx: Context) -> Hits:
    """No police authority is listed after police authorities were abolished on 22 November 2012.

    Police authorities were responsible authorities from 1 April 2003 to 21 November 2012.
    On 22 November 2012 police and crime commissioners took office, police authorities
    ceased to exist, and the paragraph of section 5(1) that made them responsible
    authorities was omitted. A body that no longer exists cannot be a responsible
    authority, so a plan judged on or after that day that lists one is wrong, usually
    because the membership was copied from an older plan. For policing the responsible
    authority is the chief officer of police; the police and crime commissioner (in London
    the Mayor's Office for Policing and Crime) replaced the police authority as the local
    policing body, which works with the partnership but is not a responsible authority. A
    plan judged before 22 November 2012 may list its police authority; if its period runs
    past that day, this is a warning.
    """
    yield from _abolished(plan, ctx, "police_authority", "police authority", "police authorities",
                          POLICE_AUTHORITIES_ABOLISHED, POLICE_SUCCESSORS)


@rule(
    id="CDA-S5-RA-FIRE", name="fire-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(d), inserted by the Police Reform Act 2002 s97", S5),
    in_force=d("2003-04-01"), groups=("partnership",),
    failing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: fire, name: Example Fire and Rescue Authority, kind: fire_and_rescue_authority}
    """,
)
def fire_listed(plan: Plan, ctx: Context) -> Hits:
    """Every fire and rescue authority for the area is a member.

    Since April 2003 every fire and rescue authority whose area lies in the partnership's
    area is a responsible authority. Where the county council is the fire authority (as in
    Surrey), list the fire and rescue service as a member of its own with this kind.
    """
    yield from missing_member(plan, ctx, ("fire_and_rescue_authority",),
                               "no fire and rescue authority is listed as a responsible authority",
                               "add it with kind: fire_and_rescue_authority")


@rule(
    id="CDA-S5-RA-HEALTH-PCT", name="primary-care-trust-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(e), inserted by the Police Reform Act 2002 s97", S5),
    in_force=d("2004-04-30"), until=d("2013-03-31"), jurisdiction=("england",), verified=False,
    groups=("partnership", "health"),
    failing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        approval: {date: 2010-06-01, approved_by: Council}
        period: {start: 2010-04-01, end: 2013-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: pct, name: Example Primary Care Trust, kind: primary_care_trust}
    """,
)
def pct_listed(plan: Plan, ctx: Context) -> Hits:
    """England, until March 2013: every primary care trust for the area is a member.

    Primary care trusts were responsible authorities in England until 31 March 2013; they
    were abolished on 1 April 2013. The date this duty began (about 2004) has not been
    confirmed, so cspplan reports it as a warning only.
    """
    yield from missing_member(plan, ctx, ("primary_care_trust",),
                               "no primary care trust is listed as a responsible authority",
                               "add it with kind: primary_care_trust")


@rule(
    id="CDA-S5-RA-HEALTH-CCG", name="clinical-commissioning-group-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(e), as amended by the Health and Social Care Act 2012", S5),
    in_force=d("2013-04-01"), until=d("2022-06-30"), jurisdiction=("england",),
    groups=("partnership", "health"),
    failing="""
        approval: {date: 2019-06-01, approved_by: Council}
        period: {start: 2019-04-01, end: 2022-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        approval: {date: 2019-06-01, approved_by: Council}
        period: {start: 2019-04-01, end: 2022-03-31}
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: ccg, name: NHS Example CCG, kind: clinical_commissioning_group}
    """,
)
def ccg_listed(plan: Plan, ctx: Context) -> Hits:
    """England, April 2013 to June 2022: every clinical commissioning group for the area is a member.

    From 1 April 2013 clinical commissioning groups replaced primary care trusts as the
    health responsible authority in England. They were abolished on 1 July 2022, when
    integrated care boards took over.
    """
    yield from missing_member(plan, ctx, ("clinical_commissioning_group",),
                               "no clinical commissioning group is listed as a responsible authority",
                               "add it with kind: clinical_commissioning_group")


@rule(
    id="CDA-S5-RA-HEALTH-ICB", name="integrated-care-board-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(e), as amended by the Health and Care Act 2022", S5),
    in_force=d("2022-07-01"), jurisdiction=("england",), groups=("partnership", "health"),
    failing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: ccg, name: NHS Example CCG, kind: clinical_commissioning_group}
    """,
    passing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: icb, name: NHS Example Integrated Care Board, kind: integrated_care_board}
    """,
)
def icb_listed(plan: Plan, ctx: Context) -> Hits:
    """England, from July 2022: every integrated care board for the area is a member.

    Integrated care boards took over from clinical commissioning groups on 1 July 2022 and
    are now the health responsible authority in England. A plan that still names a CCG
    needs updating.
    """
    yield from missing_member(plan, ctx, ("integrated_care_board",),
                               "no integrated care board is listed as a responsible authority",
                               "add it with kind: integrated_care_board")


PCTS_ABOLISHED = d("2013-04-01")
CCGS_ABOLISHED = d("2022-07-01")


HEALTH_SUCCESSORS = ("list the health body of the plan's date instead: the clinical commissioning group "
                     "(kind: clinical_commissioning_group) until 30 June 2022, the integrated care board "
                     "(kind: integrated_care_board) from 1 July 2022")


def _health_successor(ctx: Context, abolished: dt.date) -> str:
    """The English health responsible authority to list instead of a body abolished on
    ``abolished``: the one of the plan's date, or of that day when the plan is older."""
    if max(ctx.as_of, abolished) >= CCGS_ABOLISHED:
        return "list the integrated care board instead, with kind: integrated_care_board"
    return "list the clinical commissioning group instead, with kind: clinical_commissioning_group"


@rule(
    id="CDA-S5-RA-HEALTH-PCT-GONE", name="primary-care-trust-abolished", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(e), as amended by the Health and Social Care Act 2012 from 1 April 2013, when "
                      "primary care trusts were abolished",
                      "https://www.legislation.gov.uk/ukpga/1998/37/part/I/chapter/I/crossheading/"
                      "crime-and-disorder-strategies/2013-04-01"),
    in_force=PCTS_ABOLISHED, jurisdiction=("england",), groups=("partnership", "health"),
    fix=HEALTH_SUCCESSORS,
    failing="""
        partnership:
          members:
            - {id: icb, name: NHS Example Integrated Care Board, kind: integrated_care_board}
            - {id: pct, name: Example Primary Care Trust, kind: primary_care_trust}
    """,
    passing="""
        partnership:
          members:
            - {id: icb, name: NHS Example Integrated Care Board, kind: integrated_care_board}
    """,
)
def pct_gone(plan: Plan, ctx: Context) -> Hits:
    """England: no primary care trust is listed after primary care trusts were abolished on 1 April 2013.

    Primary care trusts were the health responsible authority in England until 31 March
    2013. From 1 April 2013 section 5(1)(e), as amended by the Health and Social Care Act
    2012, names clinical commissioning groups instead, and primary care trusts no longer
    existed. A body that no longer exists cannot be a responsible authority, so a plan
    judged on or after that day that lists one is wrong. List the health body of the
    plan's date instead: the clinical commissioning group until 30 June 2022, the
    integrated care board from 1 July 2022. A plan judged before 1 April 2013 may list its primary care
    trust; if its period runs past that day, this is a warning.
    """
    yield from _abolished(plan, ctx, "primary_care_trust", "primary care trust", "primary care trusts",
                          PCTS_ABOLISHED, _health_successor(ctx, PCTS_ABOLISHED))


@rule(
    id="CDA-S5-RA-HEALTH-CCG-GONE", name="clinical-commissioning-group-abolished", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(e), as amended by the Health and Care Act 2022 from 1 July 2022, when "
                      "clinical commissioning groups were abolished (SI 2022/634)",
                      "https://www.legislation.gov.uk/uksi/2022/634/made"),
    in_force=CCGS_ABOLISHED, jurisdiction=("england",), groups=("partnership", "health"),
    fix="list the integrated care board instead, with kind: integrated_care_board",
    failing="""
        partnership:
          members:
            - {id: ccg, name: NHS Example CCG, kind: clinical_commissioning_group}
    """,
    passing="""
        partnership:
          members:
            - {id: icb, name: NHS Example Integrated Care Board, kind: integrated_care_board}
    """,
)
def ccg_gone(plan: Plan, ctx: Context) -> Hits:
    """England: no clinical commissioning group is listed after they were abolished on 1 July 2022.

    Clinical commissioning groups were the health responsible authority in England from 1
    April 2013 to 30 June 2022. On 1 July 2022 integrated care boards were established and
    clinical commissioning groups abolished, and section 5(1)(e) now names integrated care
    boards. A body that no longer exists cannot be a responsible authority, so a plan
    judged on or after that day that lists one is wrong; list the integrated care board
    instead. A plan judged before 1 July 2022 may list its clinical commissioning group; if
    its period runs past that day, this is a warning.
    """
    yield from _abolished(plan, ctx, "clinical_commissioning_group", "clinical commissioning group",
                          "clinical commissioning groups", CCGS_ABOLISHED,
                          _health_successor(ctx, CCGS_ABOLISHED))


@rule(
    id="CDA-S5-RA-HEALTH-WALES", name="local-health-board-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(f)", S5), in_force=d("2007-08-01"), jurisdiction=("wales",),
    groups=("partnership", "health"),
    failing="""
        jurisdiction: wales
        partnership:
          members:
            - {id: council, name: Example County Borough Council, kind: unitary_council}
    """,
    passing="""
        jurisdiction: wales
        partnership:
          members:
            - {id: council, name: Example County Borough Council, kind: unitary_council}
            - {id: lhb, name: Example University Health Board, kind: local_health_board}
    """,
)
def lhb_listed(plan: Plan, ctx: Context) -> Hits:
    """Wales: every local health board for the area is a member.

    In Wales the health responsible authority is the local health board whose area lies
    wholly or partly in the partnership's area (in practice a university health board).
    """
    yield from missing_member(plan, ctx, ("local_health_board",),
                               "no local health board is listed as a responsible authority",
                               "add it with kind: local_health_board")


@rule(
    id="CDA-S5-RA-PROBATION", name="probation-listed", severity=Severity.ERROR,
    citation=Citation(ACT, "s5(1)(aa), inserted by the Policing and Crime Act 2009 s108", S5),
    in_force=d("2010-04-01"), groups=("partnership",),
    failing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: probation, name: The Probation Service, kind: probation_provider}
    """,
)
def probation_listed(plan: Plan, ctx: Context) -> Hits:
    """Since April 2010, every provider of probation services in the area is a member.

    Providers of probation services became responsible authorities on 1 April 2010. Who
    that is has changed (probation trusts, then the National Probation Service and
    community rehabilitation companies, and since June 2021 the Probation Service), but
    the duty has not.
    """
    yield from missing_member(plan, ctx, ("probation_provider",),
                               "no provider of probation services is listed as a responsible authority",
                               "add it with kind: probation_provider")


@rule(
    id="CDA-S5-COOP", name="co-operating-bodies-listed", severity=Severity.WARNING,
    citation=Citation(ACT, "s5(2), with the prescribed descriptions orders (England: SI 2004/118 art 2)", S5),
    in_force=d("1998-11-01"), groups=("partnership",),
    failing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: college, name: Example College, kind: co_operating_body, description: further education college}
    """,
)
def coop_listed(plan: Plan, ctx: Context) -> Hits:
    """The bodies with a duty to co-operate are named.

    Section 5(2) puts a duty to co-operate with the responsible authorities on bodies of
    prescribed descriptions: in England, parish councils, NHS trusts running a hospital in
    the area, maintained and independent schools, and further education colleges (Wales
    has its own order). A plan is expected to name those it works with.
    """
    yield from missing_member(plan, ctx, ("co_operating_body",),
                               "no co-operating body is named",
                               "add the bodies with a duty to co-operate, with kind: co_operating_body")


@rule(
    id="CDA-S5-INVITE", name="invited-participants-listed", severity=Severity.WARNING,
    citation=Citation(ACT, "s5(3)", S5), in_force=d("1998-11-01"), verified=False,
    groups=("partnership",),
    failing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: vs, name: Victim Support, kind: invited_participant}
    """,
)
def invite_listed(plan: Plan, ctx: Context) -> Hits:
    """Bodies invited to take part in the strategy are named.

    Section 5(3) requires the responsible authorities to invite at least one body of each
    prescribed description (for example voluntary groups, victim support, the courts) to
    take part. The list of descriptions has been seen only in secondary sources, so this
    is a warning.
    """
    yield from missing_member(plan, ctx, ("invited_participant",),
                               "no invited participant is named",
                               "add the bodies invited to take part, with kind: invited_participant")


# --- s6: the strategies ----------------------------------------------------------------

def _strand(plan, ctx, strands, message, hint):
    if not any(set(p.strands) & set(strands) for p in plan.priorities):
        yield ctx.report("/priorities", message, hint)


@rule(
    id="CDA-S6-STRAT-CRIME", name="crime-and-disorder-strategy", severity=Severity.ERROR,
    citation=Citation(ACT, "s6(1)(a)", S6), in_force=STRATEGIES_FROM, groups=("strategy",),
    failing="""
        priorities:
          - {id: p1, title: Drugs, narrative: Tackle drug misuse., lead: council,
             statutory_strands: [substance_misuse]}
    """,
    passing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime in the town centre., lead: council,
             statutory_strands: [crime_and_disorder]}
    """,
)
def crime_strategy(plan: Plan, ctx: Context) -> Hits:
    """The plan has a strategy for reducing crime and disorder.

    Section 6(1)(a) requires a strategy for reducing crime and disorder in the area. In the
    plan, at least one priority must say it delivers it: statutory_strands includes
    crime_and_disorder (or anti_social_behaviour, which the Act counts as disorder).
    """
    yield from _strand(plan, ctx, ("crime_and_disorder", "anti_social_behaviour"),
                       "no priority delivers the strategy for reducing crime and disorder",
                       "add crime_and_disorder to the statutory_strands of the priorities that do")


@rule(
    id="CDA-S6-STRAT-ASB", name="anti-social-behaviour-strategy", severity=Severity.ERROR,
    citation=Citation(ACT, "s6(1)(a)", S6), in_force=STRATEGIES_FROM, groups=("strategy",),
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             statutory_strands: [crime_and_disorder]}
    """,
    passing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime and anti-social behaviour., lead: council,
             statutory_strands: [crime_and_disorder, anti_social_behaviour]}
    """,
)
def asb_strategy(plan: Plan, ctx: Context) -> Hits:
    """The crime and disorder strategy covers anti-social behaviour.

    Since August 2007 (November 2007 in Wales) the strategy for reducing crime and disorder
    must include anti-social and other behaviour adversely affecting the local
    environment. At least one priority must list anti_social_behaviour.
    """
    yield from _strand(plan, ctx, ("anti_social_behaviour",),
                       "no priority covers anti-social behaviour, which the crime and disorder strategy must include",
                       "add anti_social_behaviour to the statutory_strands of the priorities that do")


@rule(
    id="CDA-S6-STRAT-SUBSTANCE", name="substance-misuse-strategy", severity=Severity.ERROR,
    citation=Citation(ACT, "s6(1)(b)", S6), in_force=STRATEGIES_FROM, groups=("strategy",),
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             statutory_strands: [crime_and_disorder]}
    """,
    passing="""
        priorities:
          - {id: p1, title: Drugs and alcohol, narrative: Tackle drug and alcohol misuse., lead: council,
             statutory_strands: [substance_misuse]}
    """,
)
def substance_strategy(plan: Plan, ctx: Context) -> Hits:
    """The plan has a strategy for combating the misuse of drugs, alcohol and other substances.

    Section 6(1)(b) requires a strategy for combating substance misuse in the area. At
    least one priority must list substance_misuse.
    """
    yield from _strand(plan, ctx, ("substance_misuse",),
                       "no priority delivers the strategy for combating drug, alcohol and other substance misuse",
                       "add substance_misuse to the statutory_strands of the priorities that do")


@rule(
    id="CDA-S6-STRAT-REOFFEND", name="re-offending-strategy", severity=Severity.ERROR,
    citation=Citation(ACT, "s6(1)(c), inserted by the Policing and Crime Act 2009 s108", S6),
    in_force=d("2010-04-01"), groups=("strategy",),
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             statutory_strands: [crime_and_disorder]}
    """,
    passing="""
        priorities:
          - {id: p1, title: Reducing re-offending, narrative: Work with probation on prolific offenders., lead: council,
             statutory_strands: [re_offending]}
    """,
)
def reoffending_strategy(plan: Plan, ctx: Context) -> Hits:
    """Since April 2010, the plan has a strategy for reducing re-offending.

    Section 6(1)(c) has required a strategy for reducing re-offending in the area since 1
    April 2010. At least one priority must list re_offending.
    """
    yield from _strand(plan, ctx, ("re_offending",),
                       "no priority delivers the strategy for reducing re-offending",
                       "add re_offending to the statutory_strands of the priorities that do")


@rule(
    id="CDA-S6-STRAT-SV", name="serious-violence-strategy", severity=Severity.ERROR,
    citation=Citation(ACT, "s6(1)(d), inserted by the Police, Crime, Sentencing and Courts Act 2022 s20", S6),
    in_force=d("2023-01-31"), groups=("strategy", "serious-violence"),
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             statutory_strands: [crime_and_disorder]}
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
    passing="""
        priorities:
          - {id: p1, title: Serious violence, narrative: Prevent and reduce serious violence., lead: council,
             statutory_strands: [serious_violence]}
    """,
)
def sv_strategy(plan: Plan, ctx: Context) -> Hits:
    """Since 31 January 2023, the plan has a strategy for preventing and reducing serious violence.

    Section 6(1)(d) requires a strategy for preventing people from becoming involved in
    serious violence and for reducing instances of it. A priority must list
    serious_violence, or the plan must cite the serious violence strategy it has adopted
    (evidence of kind serious_violence_strategy).
    """
    if plan.evidence_of_kind("serious_violence_strategy"):
        return
    yield from _strand(plan, ctx, ("serious_violence",),
                       "no priority delivers the strategy for preventing and reducing serious violence, "
                       "and no serious violence strategy is cited",
                       "add serious_violence to a priority's statutory_strands, or cite the area's "
                       "serious violence strategy in evidence")


@rule(
    id="CDA-S6-PCC-REGARD", name="police-and-crime-plan-named", severity=Severity.ERROR,
    citation=Citation(ACT, "s6(1A), inserted by the Police Reform and Social Responsibility Act 2011", S6),
    in_force=d("2012-11-22"), groups=("strategy", "police-and-crime-plan"), not_applicable=no_police_and_crime_plan,
    failing="""
        police_and_crime_plan: null   # left out of the plan
    """,
    passing="""
        police_and_crime_plan:
          title: Police and Crime Plan for Example 2025-2029
          objectives:
            - {id: pcp-1, title: Safer streets}
    """,
)
def pcc_regard(plan: Plan, ctx: Context) -> Hits:
    """The plan names the police and crime plan it has regard to.

    Each responsible authority must have regard to the police and crime objectives in the
    police and crime plan for its police area (s6(1A), since 22 November 2012). The plan
    shows it has done so by naming that plan and its objectives. Where there is no plan to
    have regard to (the City of London has no local policing body; a newly elected body
    may not have issued one yet, recorded with police_and_crime_plan: not_issued:), the
    rule does not apply.
    """
    if plan.police_plan is None:
        yield ctx.report("", "the police and crime plan for the area is not named",
                         "add police_and_crime_plan: with its title and objectives (or not_issued: with "
                         "the reason, if the local policing body has not issued one)")


@rule(
    id="CDA-S6-PCC-ALIGN", name="priorities-map-to-police-and-crime-plan", severity=Severity.WARNING,
    citation=Citation(ACT, "s6(1A)", S6), in_force=d("2012-11-22"),
    groups=("strategy", "police-and-crime-plan"), not_applicable=no_police_and_crime_plan,
    failing="""
        police_and_crime_plan:
          title: Police and Crime Plan for Example 2025-2029
          objectives:
            - {id: pcp-1, title: Safer streets}
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council}
    """,
    passing="""
        police_and_crime_plan:
          title: Police and Crime Plan for Example 2025-2029
          objectives:
            - {id: pcp-1, title: Safer streets}
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             police_and_crime_objectives: [pcp-1]}
    """,
)
def pcc_align(plan: Plan, ctx: Context) -> Hits:
    """The priorities say which police and crime objectives they support.

    Having regard to the police and crime plan is shown best by mapping each priority to
    the objectives it supports. A plan where no priority does so gives the committee no
    evidence that the duty in s6(1A) was met.
    """
    if plan.police_plan and not any(p.objectives for p in plan.priorities):
        yield ctx.report("/priorities", "no priority says which police and crime objectives it supports",
                         "add police_and_crime_objectives: [ids] to the priorities")


# --- s17 and s17A ----------------------------------------------------------------------

# "section 17", "s17", "s.17", "s 17": not "covers 17 wards", "section 175" or "section 17A"
SECTION_17 = re.compile(r"(?<![\w'’])(?:sections?|s)\s*\.?\s*17(?!\w)", re.I)


@rule(
    id="CDA-S17-DUTY", name="section-17-implications", severity=Severity.WARNING,
    citation=Citation(ACT, "s17", S17), in_force=d("1998-09-30"), groups=("committee-report",),
    failing="""
        committee_report:
          sections:
            other_considerations: [There are no other considerations.]
    """,
    passing="""
        committee_report:
          sections:
            other_considerations:
              - "The plan is how the council meets its duty under section 17 of the Crime and Disorder
                Act 1998 to consider crime and disorder in all it does."
    """,
)
def section_17(plan: Plan, ctx: Context) -> Hits:
    """The cover report says how the plan bears on the council's section 17 duty.

    Section 17 requires the council to exercise all its functions with due regard to their
    effect on crime and disorder, substance misuse, re-offending and serious violence.
    Committee reports usually carry a crime and disorder implications paragraph; for the
    community safety plan it should say how the plan helps the council meet that duty.
    """
    report = plan.report
    if report is None:
        return
    text = " ".join(p for section in report.sections for p in section.paragraphs).lower()
    if not SECTION_17.search(text):
        yield ctx.report("/committee_report/sections",
                         "the report does not mention the council's duty under section 17 of the "
                         "Crime and Disorder Act 1998",
                         "add a paragraph on crime and disorder implications (section 17), for "
                         "example under other_considerations")


@rule(
    id="CDA-S17A-SHARE", name="information-sharing", severity=Severity.WARNING,
    citation=Citation(ACT, "s17A; Crime and Disorder (Prescribed Information) Regulations 2007", S17A),
    in_force=d("2007-08-01"), groups=("information-sharing",),
    failing="""
        information_sharing: null   # left out of the plan
    """,
    passing="""
        information_sharing:
          agreement: Example Multi-Agency Information Sharing Protocol
    """,
)
def information_sharing(plan: Plan, ctx: Context) -> Hits:
    """The plan records how the partners share information.

    Section 17A requires the relevant authorities to share depersonalised information of
    prescribed kinds (police, fire, council and health data) with each other. The plan, or
    the strategic assessment it rests on, should record the arrangement.
    """
    if plan.information_sharing is None:
        yield ctx.report("", "the plan does not say how the partners share information",
                         "add information_sharing: with the name of the agreement")
