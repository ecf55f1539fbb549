"""Equality Act 2010: the public sector equality duty."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import Citation, Context, d, Hits, Plan, rule


@rule(
    id="EQA-S149-PSED", name="equality-impact-assessment", severity=Severity.WARNING,
    citation=Citation("Equality Act 2010", "s149", "https://www.legislation.gov.uk/ukpga/2010/15/section/149"),
    in_force=d("2011-04-05"), groups=("equality",),
    failing="""
        equality_impact_assessment: null   # left out of the plan
    """,
    passing="""
        equality_impact_assessment:
          kind: screening
          date: 2025-05-01
          summary: No negative impact on people with protected characteristics was found.
    """,
)
def equality(plan: Plan, ctx: Context) -> Hits:
    """The plan records how its effect on equality was assessed.

    Every public authority must have due regard to the need to eliminate discrimination,
    advance equality of opportunity and foster good relations. Councils record that regard
    in an equality impact assessment (or a screening), which the committee should see.
    """
    if plan.equality_impact_assessment is None:
        yield ctx.report("", "the plan does not record an equality impact assessment",
                         "add equality_impact_assessment: with its kind, date and summary")
