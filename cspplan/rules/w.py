"""Law that applies in Wales only: the Welsh Schedule 12A paragraphs, three clear days'
publication, and the violence against women, domestic abuse and sexual violence strategy."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import (
    Citation,
    Context,
    d,
    Hits,
    no_committee_report,
    not_exempt,
    Plan,
    publication_period,
    rule,
)

LGA = "Local Government Act 1972"
WALES = ("wales",)


@rule(
    id="W-SCH12A", name="wales-exempt-paragraph", severity=Severity.ERROR,
    citation=Citation(LGA, "Sch 12A Part 4 paras 12-18", "https://www.legislation.gov.uk/ukpga/1972/70/schedule/12A"),
    in_force=d("2007-04-21"), jurisdiction=WALES, groups=("committee-report", "exempt"), not_applicable=not_exempt,
    failing="""
        jurisdiction: wales
        committee_report:
          exempt: true
          exemption: {paragraph: 7, public_interest_reason: Disclosure would prejudice a police operation.}
    """,
    passing="""
        jurisdiction: wales
        committee_report:
          exempt: true
          exemption: {paragraph: 18, public_interest_reason: Disclosure would prejudice a police operation.}
    """,
)
def wales_paragraph(plan: Plan, ctx: Context) -> Hits:
    """Wales: an exempt report cites a paragraph of Part 4 of Schedule 12A (12 to 18).

    In Wales exempt information is described in Part 4 of Schedule 12A, paragraphs 12 to 18
    (paragraph 18 covers the prevention, investigation or prosecution of crime). The
    English paragraph numbers 1 to 7 do not apply.
    """
    report = plan.report
    if report and report.exempt and report.exemption_paragraph is not None \
            and not 12 <= report.exemption_paragraph <= 18:
        yield ctx.report("/committee_report/exemption/paragraph",
                         f"paragraph {report.exemption_paragraph} of Schedule 12A is an English paragraph; "
                         "in Wales exempt information is in paragraphs 12 to 18",
                         "use the Welsh paragraph: for crime prevention, 18 (England's 7)")


@rule(
    id="W-LGA72-S100BA", name="wales-three-clear-days", severity=Severity.ERROR,
    citation=Citation(LGA, "s100B, and s100BA as inserted by the Local Government and Elections (Wales) Act 2021",
                      "https://www.legislation.gov.uk/ukpga/1972/70/section/100BA"),
    in_force=d("1986-04-01"), jurisdiction=WALES, groups=("committee-report", "publication"),
    not_applicable=no_committee_report,
    failing="""
        jurisdiction: wales
        committee_report: {meeting_date: 2025-06-10, published_on: 2025-06-08}
    """,
    passing="""
        jurisdiction: wales
        committee_report: {meeting_date: 2025-06-10, published_on: 2025-06-05}
    """,
)
def wales_three_days(plan: Plan, ctx: Context) -> Hits:
    """Wales: the agenda and report are published at least three clear days before the meeting.

    In Wales the agenda and reports must be published (now electronically, under s100BA)
    at least three clear days before the meeting; Wales kept three days when England moved
    to five. Clear days leave out the day of publication and the day of the meeting;
    cspplan counts calendar days.
    """
    yield from publication_period(plan.report, ctx, 3, "Wales requires three")


@rule(
    id="W-VAWDASV", name="wales-vawdasv-strategy", severity=Severity.WARNING,
    citation=Citation("Violence against Women, Domestic Abuse and Sexual Violence (Wales) Act 2015", "s5",
                      "https://www.legislation.gov.uk/anaw/2015/3/section/5"),
    in_force=d("2015-04-29"), jurisdiction=WALES, verified=False, groups=("evidence", "domestic-abuse"),
    failing="""
        jurisdiction: wales
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
    """,
    passing="""
        jurisdiction: wales
        evidence:
          - {id: sa, kind: strategic_assessment, title: Example Strategic Assessment 2025, date: 2025-01-31}
          - {id: vawdasv, kind: domestic_abuse_strategy, title: Regional VAWDASV Strategy 2023-2026}
    """,
)
def vawdasv(plan: Plan, ctx: Context) -> Hits:
    """Wales: the plan refers to the local violence against women, domestic abuse and sexual violence strategy.

    Welsh local authorities and local health boards must publish a local strategy on violence
    against women, domestic abuse and sexual violence. A Welsh partnership plan usually
    refers to it (evidence of kind domestic_abuse_strategy).
    """
    if not plan.evidence_of_kind("domestic_abuse_strategy"):
        yield ctx.report("/evidence" if plan.has("evidence") else "",
                         "the local violence against women, domestic abuse and sexual violence strategy is not cited",
                         "add it to evidence with kind: domestic_abuse_strategy")
