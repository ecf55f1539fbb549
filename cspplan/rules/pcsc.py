"""Police, Crime, Sentencing and Courts Act 2022: the Serious Violence Duty."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import Citation, Context, d, Hits, Plan, rule
from cspplan.vocabulary import EVIDENCE_KINDS

ACT = "Police, Crime, Sentencing and Courts Act 2022"


@rule(
    id="PCSC-S8-SVD", name="serious-violence-duty-documents", severity=Severity.WARNING,
    citation=Citation(ACT, "ss8-19", "https://www.legislation.gov.uk/ukpga/2022/32/part/2/chapter/1"),
    in_force=d("2023-01-31"), groups=("serious-violence", "evidence"),
    failing="""
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
    passing="""
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
          - {id: svsna, kind: serious_violence_needs_assessment, title: Serious Violence Needs Assessment 2024}
          - {id: svs, kind: serious_violence_strategy, title: Serious Violence Strategy 2024,
             url: "https://example.gov.uk/serious-violence-strategy"}
    """,
)
def svd_documents(plan: Plan, ctx: Context) -> Hits:
    """The plan refers to the area's serious violence needs assessment and strategy.

    Under the Serious Violence Duty the specified authorities must identify the kinds and
    causes of serious violence in the area (the strategic needs assessment) and prepare
    and carry out a strategy. The partnership plan should refer to both.
    """
    for kind in ("serious_violence_needs_assessment", "serious_violence_strategy"):
        if not plan.evidence_of_kind(kind):
            label = EVIDENCE_KINDS[kind].lower()
            yield ctx.report("/evidence" if plan.evidence else "", f"the area's {label} is not cited",
                             f"add it to evidence with kind: {kind}")


@rule(
    id="PCSC-SVD-PUBLISH", name="serious-violence-strategy-published", severity=Severity.WARNING,
    citation=Citation(ACT + "; Serious Violence Duty statutory guidance", "s8",
                      "https://www.legislation.gov.uk/ukpga/2022/32/section/8"),
    in_force=d("2023-01-31"), verified=False, groups=("serious-violence", "evidence"),
    failing="""
        evidence:
          - {id: svs, kind: serious_violence_strategy, title: Serious Violence Strategy 2024}
    """,
    passing="""
        evidence:
          - {id: svs, kind: serious_violence_strategy, title: Serious Violence Strategy 2024,
             url: "https://example.gov.uk/serious-violence-strategy"}
    """,
)
def svd_published(plan: Plan, ctx: Context) -> Hits:
    """The serious violence strategy cited is published.

    The serious violence strategy must be published and given to the local policing body.
    Giving its web address shows it has been, and lets members read it.
    """
    for item in plan.evidence_of_kind("serious_violence_strategy"):
        if not item.url:
            yield ctx.report(item.ptr, f"'{item.title}' has no web address",
                             "add url: where the strategy is published")
