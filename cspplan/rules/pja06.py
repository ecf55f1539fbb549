"""Police and Justice Act 2006: the council's crime and disorder committee."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import Citation, Context, d, Hits, Plan, rule


@rule(
    id="PJA06-S19-COMMITTEE", name="crime-and-disorder-committee", severity=Severity.ERROR,
    citation=Citation("Police and Justice Act 2006", "s19",
                      "https://www.legislation.gov.uk/ukpga/2006/48/section/19"),
    in_force={"england": d("2009-04-30"), "wales": d("2009-10-01")}, groups=("scrutiny",),
    failing="""
        scrutiny: null   # left out of the plan
    """,
    passing="""
        scrutiny: {committee: Overview and Scrutiny Committee, last_scrutinised: 2025-03-12}
    """,
)
def committee(plan: Plan, ctx: Context) -> Hits:
    """The plan names the council's crime and disorder committee.

    Every council must have a crime and disorder committee with power to review and
    scrutinise what the responsible authorities do on crime and disorder (and, since 31
    January 2023, serious violence). The plan should say which committee it is.
    """
    if plan.scrutiny_committee is None:
        yield ctx.report("", "the council's crime and disorder committee is not named",
                         "add scrutiny: {committee: ..., last_scrutinised: ...}")
