"""Local Authorities (Executive Arrangements) (Meetings and Access to Information)
(England) Regulations 2012 (SI 2012/2089): key decisions."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import Citation, clear_days, Context, d, Hits, long_date, not_a_key_decision, Plan, rule


@rule(
    id="EXEC12-R9-KEYDEC", name="key-decision-notice", severity=Severity.ERROR,
    citation=Citation("Local Authorities (Executive Arrangements) (Meetings and Access to Information) "
                      "(England) Regulations 2012", "regs 9-11",
                      "https://www.legislation.gov.uk/uksi/2012/2089/regulation/9"),
    in_force=d("2012-09-10"), jurisdiction=("england",), verified=False, groups=("committee-report",),
    not_applicable=not_a_key_decision,
    failing="""
        committee_report: {meeting_date: 2025-06-10, key_decision: true, forward_plan_notice_on: 2025-05-20}
    """,
    passing="""
        committee_report: {meeting_date: 2025-06-10, key_decision: true, forward_plan_notice_on: 2025-05-01}
    """,
)
def key_decision(plan: Plan, ctx: Context) -> Hits:
    """A key decision was in the forward plan 28 clear days before it is taken.

    For councils with executive arrangements, notice of a key decision must be published
    28 clear days before it is taken, unless the general exception or special urgency
    procedure is used. The 28-day figure has not been re-confirmed against the text, so
    this is a warning.
    """
    report = plan.report
    if not report or not report.key_decision:
        return
    if report.forward_plan_notice_on is None:
        yield ctx.report("/committee_report/key_decision",
                         "a key decision, but the date of its forward plan notice is not recorded",
                         "add forward_plan_notice_on: with the date notice was published")
        return
    if report.forward_plan_notice_on >= report.meeting_date:
        yield ctx.report("/committee_report/forward_plan_notice_on",
                         f"notice of the key decision is dated {long_date(report.forward_plan_notice_on)}, on or "
                         "after the meeting", "check the dates")
        return
    clear = clear_days(report.forward_plan_notice_on, report.meeting_date)
    if clear < 28:
        yield ctx.report("/committee_report/forward_plan_notice_on",
                         f"notice of the key decision was published {long_date(report.forward_plan_notice_on)}, "
                         f"{clear} clear days before the meeting; 28 are needed",
                         "use the general exception or special urgency procedure, and record it")
