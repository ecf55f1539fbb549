"""Crime and Disorder (Overview and Scrutiny) Regulations 2009: scrutiny at least once a year."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import Citation, Context, d, evidence_stale, Hits, long_date, Plan, rule

IN_FORCE = {"england": d("2009-04-30"), "wales": d("2009-10-01")}


@rule(
    id="CDOS09-ANNUAL", name="scrutiny-every-twelve-months", severity=Severity.ERROR,
    citation=Citation("Crime and Disorder (Overview and Scrutiny) Regulations 2009", "reg 5",
                      "https://www.legislation.gov.uk/uksi/2009/942/regulation/5"),
    in_force=IN_FORCE, verified=False, groups=("scrutiny",),
    failing="""
        approval: {date: 2025-06-01, approved_by: Council}
        scrutiny: {committee: Overview and Scrutiny Committee, last_scrutinised: 2024-03-12}
    """,
    passing="""
        approval: {date: 2025-06-01, approved_by: Council}
        scrutiny: {committee: Overview and Scrutiny Committee, last_scrutinised: 2025-03-12}
    """,
)
def annual(plan: Plan, ctx: Context) -> Hits:
    """The crime and disorder committee has scrutinised the partnership within the last twelve months.

    The crime and disorder committee must meet to review or scrutinise the responsible
    authorities' crime and disorder work at least once in every twelve months. The
    regulation's text has not been confirmed, so this is a warning. No scrutiny is
    needed from before the duty began: a plan judged within a year of it is not faulted.
    """
    if plan.scrutiny_committee is None:
        return
    began = IN_FORCE.get(plan.jurisdiction)
    if began is not None and not evidence_stale(began, ctx.as_of):
        return  # the first twelve months have not yet run
    if plan.last_scrutinised is None:
        yield ctx.report("/scrutiny", "the date of the last scrutiny is not recorded",
                         "add last_scrutinised: with the date of the last meeting")
    elif evidence_stale(plan.last_scrutinised, ctx.as_of):
        yield ctx.report("/scrutiny/last_scrutinised", f"the partnership was last scrutinised on "
                         f"{long_date(plan.last_scrutinised)}, more than twelve months before "
                         f"{long_date(ctx.as_of)}", "arrange a scrutiny session")
