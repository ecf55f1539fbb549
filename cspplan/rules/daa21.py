"""Domestic Abuse Act 2021, Part 4 (England): safe accommodation strategies."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import Citation, Context, d, Hits, Plan, rule


@rule(
    id="DAA21-P4-STRATEGY", name="domestic-abuse-strategy", severity=Severity.WARNING,
    citation=Citation("Domestic Abuse Act 2021", "ss57-61",
                      "https://www.legislation.gov.uk/ukpga/2021/17/section/57"),
    in_force=d("2021-10-01"), jurisdiction=("england",), groups=("domestic-abuse", "evidence"),
    failing="""
        priorities:
          - {id: da, title: Domestic Abuse, narrative: Support victims of domestic abuse., lead: council}
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
    passing="""
        priorities:
          - {id: da, title: Domestic Abuse, narrative: Support victims of domestic abuse., lead: council}
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
          - {id: da-strategy, kind: domestic_abuse_strategy, title: Exampleshire Domestic Abuse Strategy 2024-2027}
    """,
)
def da_strategy(plan: Plan, ctx: Context) -> Hits:
    """A plan with a domestic abuse priority refers to the area's domestic abuse strategy.

    Tier-one councils in England must publish a strategy for support in safe accommodation
    and give effect to it, with a domestic abuse local partnership board. This is not a
    partnership duty, but a plan with a domestic abuse priority should refer to the
    strategy so the two fit together.
    """
    if plan.evidence_of_kind("domestic_abuse_strategy"):
        return
    for priority in plan.priorities:
        if "domestic abuse" in (priority.title + " " + priority.narrative).lower():
            yield ctx.report(priority.ptr, f"priority '{priority.title}' concerns domestic abuse, but the "
                             "area's domestic abuse strategy is not cited",
                             "add it to evidence with kind: domestic_abuse_strategy")
            return
