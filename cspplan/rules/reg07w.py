"""Crime and Disorder (Formulation and Implementation of Strategy) (Wales) Regulations 2007
(SI 2007/3076), as amended: the Welsh strategy group, strategic assessment and engagement.

The detailed text of the Welsh Regulations has not been confirmed, so these rules report
warnings at most."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import Citation, Context, d, Hits, Plan, rule

SI = "Crime and Disorder (Formulation and Implementation of Strategy) (Wales) Regulations 2007"
URL = "https://www.legislation.gov.uk/uksi/2007/3076/contents/made"
WALES = ("wales",)


@rule(
    id="REG07W-GROUP", name="wales-strategy-group", severity=Severity.ERROR,
    citation=Citation(SI, "reg 3, as substituted by SI 2011/2702", URL), in_force=d("2007-11-19"),
    jurisdiction=WALES, verified=False, groups=("governance",),
    failing="""
        jurisdiction: wales
        partnership:
          governance:
            - {id: board, name: Partnership Board, kind: board, purpose: Oversees the partnership.}
    """,
    passing="""
        jurisdiction: wales
        partnership:
          governance:
            - {id: sg, name: Strategy Group, kind: strategy_group, purpose: Prepares the assessment and plan.,
               members: [council, police]}
    """,
)
def wales_group(plan: Plan, ctx: Context) -> Hits:
    """Wales: a strategy group prepares the strategic assessment and the plan.

    The Welsh Regulations follow the English structure: a strategy group (since December
    2011 of at least two people appointed by the responsible authorities) prepares the
    strategic assessment and the partnership plan.
    """
    groups = [g for g in plan.governance if g.kind == "strategy_group"]
    if not groups:
        yield ctx.report("/partnership/governance", "no strategy group is named",
                         "add the group that prepares the assessment and plan, with kind: strategy_group")


@rule(
    id="REG07W-SA", name="wales-strategic-assessment", severity=Severity.ERROR,
    citation=Citation(SI, "regs 5-7", URL), in_force=d("2007-11-19"), jurisdiction=WALES, verified=False,
    groups=("evidence",),
    failing="""
        jurisdiction: wales
        evidence:
          - {id: sv, kind: serious_violence_strategy, title: Serious Violence Strategy}
    """,
    passing="""
        jurisdiction: wales
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
)
def wales_assessment(plan: Plan, ctx: Context) -> Hits:
    """Wales: the plan rests on a strategic assessment.

    As in England, the partnership prepares a strategic assessment each year, and the plan's
    priorities come from it.
    """
    if not plan.evidence_of_kind("strategic_assessment"):
        yield ctx.report("/evidence" if plan.has("evidence") else "", "no strategic assessment is cited",
                         "add the strategic assessment to evidence with kind: strategic_assessment")


@rule(
    id="REG07W-ENGAGE", name="wales-community-engagement", severity=Severity.ERROR,
    citation=Citation(SI, "community engagement", URL), in_force=d("2007-11-19"), jurisdiction=WALES,
    verified=False, groups=("engagement",),
    failing="""
        jurisdiction: wales
        community_engagement: null   # left out of the plan
    """,
    passing="""
        jurisdiction: wales
        community_engagement:
          approach: A bilingual community safety survey each autumn.
    """,
)
def wales_engage(plan: Plan, ctx: Context) -> Hits:
    """Wales: the plan says how the views of people in the area are obtained.

    The Welsh Regulations, like the English ones, require the partnership to obtain the
    views of people who live and work in the area on crime and disorder and on its
    priorities.
    """
    if plan.community_engagement is None:
        yield ctx.report("", "the plan does not say how the views of people in the area are obtained",
                         "add community_engagement: with the approach taken")
