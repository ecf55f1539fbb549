"""Local Government Act 1972 (England and both nations): publishing the report five clear
days ahead, exempt information under Schedule 12A, and background papers."""

from __future__ import annotations

import re

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

ACT = "Local Government Act 1972"
SCH12A = "https://www.legislation.gov.uk/ukpga/1972/70/schedule/12A"


@rule(
    id="LGA72-S100B-5DAYS", name="five-clear-days", severity=Severity.ERROR,
    citation=Citation(ACT, "s100B(1)-(4), as amended by SI 2002/715",
                      "https://www.legislation.gov.uk/ukpga/1972/70/section/100B"),
    in_force=d("2002-10-01"), jurisdiction=("england",), groups=("committee-report", "publication"),
    not_applicable=no_committee_report,
    failing="""
        committee_report: {meeting_date: 2025-06-10, published_on: 2025-06-06}
    """,
    passing="""
        committee_report: {meeting_date: 2025-06-10, published_on: 2025-06-03}
    """,
)
def five_days(plan: Plan, ctx: Context) -> Hits:
    """England: the agenda and report are published at least five clear days before the meeting.

    Copies of the agenda and reports must be open to inspection at least five clear days
    before the meeting, and an item may not be considered otherwise unless the chair
    agrees it is urgent. Clear days leave out the day of publication and the day of the
    meeting; cspplan counts calendar days, so check borderline cases against your
    council's practice on weekends and bank holidays.
    """
    yield from publication_period(plan.report, ctx, 5, "England requires five",
                                  ", or record the chair's reason for urgency")


@rule(
    id="LGA72-SCH12A-E", name="england-exempt-paragraph", severity=Severity.ERROR,
    citation=Citation(ACT, "Sch 12A Part 1 paras 1-7", SCH12A), in_force=d("2006-03-01"),
    jurisdiction=("england",), groups=("committee-report", "exempt"), not_applicable=not_exempt,
    failing="""
        committee_report:
          exempt: true
          exemption: {paragraph: 18, public_interest_reason: Disclosure would prejudice a police operation.}
    """,
    passing="""
        committee_report:
          exempt: true
          exemption: {paragraph: 7, public_interest_reason: Disclosure would prejudice a police operation.}
    """,
)
def england_paragraph(plan: Plan, ctx: Context) -> Hits:
    """England: an exempt report cites a paragraph of Part 1 of Schedule 12A (1 to 7).

    In England exempt information is described in paragraphs 1 to 7 of Part 1 of Schedule
    12A. Paragraph 7, information about the prevention, investigation or prosecution of
    crime, is the one most often relevant to community safety reports. Paragraphs 12 to 18
    are the Welsh ones.
    """
    report = plan.report
    if report and report.exempt and report.exemption_paragraph is not None \
            and not 1 <= report.exemption_paragraph <= 7:
        yield ctx.report("/committee_report/exemption/paragraph",
                         f"paragraph {report.exemption_paragraph} of Schedule 12A is a Welsh paragraph; "
                         "in England exempt information is in paragraphs 1 to 7",
                         "use the English paragraph: for crime prevention, 7 (Wales's 18)")


# A public interest reason that weighs nothing: a placeholder, or only the words of Schedule
# 12A itself (the paragraph relied on, any other paragraph, and the test of Part 2 para 10
# and Part 5), references to them, and words that join them.
REASON_PLACEHOLDER = re.compile(
    r"(?<![\w/])(?:n\s*/\s*a|n\.a|not\s+applicable|none|nil|tb[acd]|to\s+be\s+"
    r"(?:confirmed|agreed|advised|decided|determined)|to\s+follow|todo|see\s+(?:above|below)|as\s+above)(?![\w/])",
    re.I)
_SCHEDULE_WORDS = frozenset("""
    paragraph paragraphs para paras part parts schedule sch local government act lga section sections
    category exempt exemption exemptions exempted information confidential private restricted excluded exclusion
    press meeting item report appendix publication england wales english welsh reason reasons grounds described
    defined specified set out meaning
    public interest interests maintaining maintain keeping keep withholding withhold outweighs outweigh outweighed
    outweighing disclosing disclosure disclose disclosed circumstances case test applies applied apply satisfied
    met greater favour favours balance
    individual individuals relating relates related relation identity reveal reveals revealing likely
    financial business affairs particular person persons including authority authorities holding council
    consultations consultation negotiations contemplated labour relations matter arising between minister crown
    employees office holders legal professional privilege claim maintained proceedings proposes proposed propose
    give notice statutory virtue requirements imposed imposes make order orders direction directions enactment
    action actions taken connection prevention investigation prosecution crime crimes criminal
    """.split())
_JOINING_WORDS = frozenset("""
    an the of under by as amended in on to and or is are be being been was were which that this these those
    it its falls fall within contains contain containing concerns concerning about regarding with for because
    due since there has have any all at from if so long would will may might not no nor than such other
    na applicable none nil tba tbc tbd confirmed agreed advised decided determined follow todo see above below
    """.split())


# "7", "12A", "s100A", "para7", "Part I": a reference, not a word of the reason.
_REFERENCE = re.compile(r"(?:s|ss|sch|para|paras|pt|part)?\d+[a-z]?|[a-z]|[ivx]+a?")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def weighs_nothing(reason: str) -> str | None:
    """Why a public interest reason gives no reason ("empty", "a placeholder", "restates"), or None.

    The reason must say why, in the circumstances, keeping the information private
    outweighs disclosing it. One made only of punctuation, of a placeholder ("N/A",
    "TBC"), or of the words of Schedule 12A itself (its paragraph, or the test) says no such
    thing. A reason with a single word of its own ("prejudice", "victim", "operation")
    passes: it may be brief, but it is a reason.
    """
    words = _words(reason)
    if not words:
        return "empty"
    if any(w not in _SCHEDULE_WORDS and w not in _JOINING_WORDS and not _REFERENCE.fullmatch(w) for w in words):
        return None
    return "a placeholder" if REASON_PLACEHOLDER.search(reason) else "restates"


@rule(
    id="LGA72-SCH12A-PIT", name="exempt-reason-stated", severity=Severity.ERROR,
    citation=Citation(ACT, "Sch 12A Part 2 para 10 (England), Part 5 (Wales)", SCH12A),
    in_force={"england": d("2006-03-01"), "wales": d("2007-04-21")}, groups=("committee-report", "exempt"),
    not_applicable=not_exempt,
    failing="""
        committee_report:
          exempt: true
          exemption: {paragraph: 7, public_interest_reason: N/A}
    """,
    passing="""
        committee_report:
          exempt: true
          exemption: {paragraph: 7, public_interest_reason: "Disclosure would prejudice a live police
            operation; the public interest in that operation succeeding outweighs the interest in
            knowing its details now."}
    """,
)
def exempt_reason(plan: Plan, ctx: Context) -> Hits:
    """An exempt report states its Schedule 12A paragraph and the public interest test, weighed.

    Information is exempt only if it falls within a paragraph of Schedule 12A and, in all
    the circumstances, the public interest in keeping it private outweighs the public
    interest in disclosing it (Part 2 paragraph 10 in England, Part 5 in Wales). The cover
    report of a private item must give both, and the reason must state the weighing: why,
    in this case, keeping the information private serves the public better. A reason that
    is empty or only punctuation, a placeholder ("Not applicable", "N/A", "TBC"), or only
    the words of the Schedule (the paragraph relied on, or the test itself: "the public
    interest in maintaining the exemption outweighs the public interest in disclosure")
    states no weighing, and is an error at the reason, in England and in Wales.
    """
    report = plan.report
    if not report or not report.exempt:
        return
    if report.exemption is None:
        yield ctx.report("/committee_report/exempt",
                         "the report is exempt but does not give its Schedule 12A paragraph and public "
                         "interest reason",
                         "add exemption: {paragraph: ..., public_interest_reason: ...}")
        return
    reason = report.exemption.public_interest_reason
    why = weighs_nothing(reason)
    if why is None:
        return
    shown = " ".join(reason.split())
    shown = shown if len(shown) <= 80 else shown[:77] + "..."
    what = {"empty": f"is empty ({shown!r})",
            "a placeholder": f"is a placeholder ({shown!r})",
            "restates": f"only restates Schedule 12A ({shown!r})"}[why]
    yield ctx.report("/committee_report/exemption/public_interest_reason",
                     f"the public interest reason {what}; it must say why keeping the information private "
                     "outweighs the public interest in disclosing it",
                     "say what harm disclosure would do in this case, and why that outweighs what the public "
                     "would gain from knowing")


@rule(
    id="LGA72-S100D-BACKGROUND", name="background-papers-available", severity=Severity.WARNING,
    citation=Citation(ACT, "s100D", "https://www.legislation.gov.uk/ukpga/1972/70/section/100D"),
    in_force=d("1986-04-01"), groups=("committee-report",), not_applicable=no_committee_report,
    failing="""
        committee_report:
          background_papers:
            - {title: Community safety survey results 2024}
    """,
    passing="""
        committee_report:
          background_papers:
            - {title: Community safety survey results 2024, available_from: "Community Safety Team, Council Offices"}
    """,
)
def background_papers(plan: Plan, ctx: Context) -> Hits:
    """Each background paper says where it can be inspected.

    The list of background papers goes with every public copy of the report, and the
    papers must be open to inspection for four years. Each entry should say where.
    """
    report = plan.report
    if report is None:
        return
    for i, paper in enumerate(report.background_papers):
        if not paper.available_from:
            yield ctx.report(f"/committee_report/background_papers/{i}",
                             f"background paper '{paper.title}' does not say where it can be inspected",
                             "add available_from: with the office or web address")
