"""What the committee paper says: the cover report, Appendix A (the plan, with its statutory
compliance matrix) and Appendix B (the crime overview), written with a :class:`Writer`."""

from __future__ import annotations

from cspplan.findings import Finding, Severity
from cspplan.model import Plan, SummaryBox
from cspplan.render import markdown
from cspplan.render.writer import Run, Writer
from cspplan.rules.base import long_date
from cspplan.vocabulary import (
    ACTION_STATUSES,
    EQUALITY_ASSESSMENT_KINDS,
    EVIDENCE_KINDS,
    GROUP_KINDS,
    MEMBER_KINDS,
    MEMBER_ROLES,
    REPORT_PURPOSES,
    STRANDS,
    SUMMARY_BOX,
    TARGET_DIRECTIONS,
)

WHERE = {  # rule group -> the part of the plan it looks at
    "partnership": "The partnership: members", "governance": "The partnership: governance",
    "strategy": "Priorities and their statutory strands", "police-and-crime-plan": "Police and crime plan",
    "evidence": "Evidence", "engagement": "Community engagement",
    "information-sharing": "Information sharing", "publication": "Publication",
    "scrutiny": "Review and scrutiny", "equality": "Equality impact assessment",
    "committee-report": "Cover report", "plan": "Priorities: actions and measures",
    "serious-violence": "Evidence: serious violence", "domestic-abuse": "Evidence: domestic abuse",
}

FULL_WIDTH = 9026  # A4 less 2.54 cm margins, in twentieths of a point


def _period(period) -> str:
    return f"{long_date(period.start)} to {long_date(period.end)}"


def _members(plan: Plan) -> dict[str, str]:
    return {m.id: m.name for m in plan.members}


def format_number(value: float | None, unit: str | None = None) -> str:
    """A measure's figure as the paper shows it: 1,234, 12.5, 45% or "-" for none."""
    if value is None:
        return "-"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if unit in ("per cent", "percent", "%"):
        return text + "%"
    return text


# --- the draft notice ---------------------------------------------------------------------------

def draft_notice(writer: Writer, plan: Plan, errors: list[Finding]) -> None:
    """The notice of the law the plan does not yet meet: each distinct finding once, with
    how many times it occurs ("3 times") when the same error is found in several places.

    A draft is marked as a draft in the page header (:func:`cspplan.render.writer.draft_header`),
    not here: this notice is about the law, whatever the plan's status."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in errors:
        groups.setdefault((finding.rule, finding.message), []).append(finding)
    writer.paragraph([Run(f"Notice: this plan does not yet meet the law in "
                          f"{len(groups)} respect{'s' if len(groups) != 1 else ''}:", bold=True)],
                     style="notice")
    num = writer.new_list(ordered=False)
    for same in groups.values():
        finding = same[0]
        law = f" ({finding.citation})" if finding.citation else ""
        times = f", {len(same)} times" if len(same) > 1 else ""
        writer.list_item([Run(finding.message[0].upper() + finding.message[1:] + law + times + ".")], num)


# --- the cover report ---------------------------------------------------------------------------

def cover_report(writer: Writer, plan: Plan, changes=None) -> None:
    report = plan.report
    assert report is not None, "only a plan with a committee_report has a cover report"
    writer.heading(1, report.title)
    writer.paragraph(f"Report to {report.committee}, {long_date(report.meeting_date)}")
    if report.exempt:
        part = "Part 4" if plan.jurisdiction == "wales" else "Part 1"
        paragraph = report.exemption_paragraph
        writer.paragraph([Run(f"Not for publication: exempt information under paragraph {paragraph} of {part} "
                              "of Schedule 12A to the Local Government Act 1972.", bold=True)])

    # A cell's paragraphs: the preamble, then the numbered recommendations as (runs, list).
    recommendations: list[list[Run] | tuple[list[Run], int]] = [[Run(report.recommendations_preamble)]]
    num = writer.new_list(ordered=True)
    recommendations += [(markdown.runs(text), num) for text in report.recommendations]
    reason: str | list[list[Run]]
    if report.exempt and report.exemption is not None:
        reason = [[Run(f"Paragraph {report.exemption_paragraph}: ")]
                  + markdown.runs(report.exemption.public_interest_reason)]
    else:
        reason = "N/A"
    rows: list[list[object]] = [  # label and cell: text, runs, or a cell's paragraphs
        ["Title", report.title],
        ["Purpose of the report", REPORT_PURPOSES[report.purpose]],
        ["Report author", f"{report.author_name}, {report.author_role}"],
        ["Wards affected", ", ".join(report.wards_affected)],
        ["Exempt", "Yes" if report.exempt else "No"],
        ["Exemption reason", reason],
        ["Corporate priorities", ", ".join(report.corporate_priorities)],
    ]
    if report.key_decision is not None:
        rows.append(["Key decision", "Yes" if report.key_decision else "No"])
    rows += [["Recommendations", recommendations],
             ["Reason for recommendation", markdown.cell_paragraphs(writer, report.reason_for_recommendation)]]
    writer.table(["Item", "Detail"], rows, widths=[2700, FULL_WIDTH - 2700], caption="Report summary")

    report_num = writer.numbering.report
    # A review paper's progress and summary of changes follow the key issues; its last
    # appendix lists every change, in words.
    extra = [(next_appendix_label(report.appendices), changes.appendix_title)] if changes is not None else []
    after = next((s.name for s in report.sections if s.name == "key_issues"), list(report.sections)[-1].name)
    for index, section in enumerate(report.sections):
        writer.heading(2, section.heading, num=(report_num, 0))
        if index == 0:
            _summary_box(writer, report.summary_box)
        for text in section.paragraphs:
            markdown.write(writer, text, heading_base=2, first_num=(report_num, 1))
        if changes is not None and section.name == after:
            from cspplan.render import review_paper

            review_paper.sections(writer, changes, report_num, f"Appendix {extra[0][0]}")
    writer.heading(2, "Background papers")
    if report.background_papers:
        num = writer.new_list(ordered=False)
        for paper in report.background_papers:
            where = f" (available from {paper.available_from})" if paper.available_from else ""
            writer.list_item(paper.title + where, num)
    else:
        writer.paragraph("There are none.")
    writer.heading(2, "Appendices")
    if report.appendices or extra:
        num = writer.new_list(ordered=False)
        for label, title in [(a.label, a.title) for a in report.appendices] + extra:
            writer.list_item(f"Appendix {label}: {title}", num)
    else:
        writer.paragraph("There are none.")


def next_appendix_label(appendices) -> str:
    """The label after the report's last appendix: C after A and B."""
    labels = [a.label for a in appendices if len(a.label) == 1 and a.label.isalpha()]
    return chr(ord(max(labels)) + 1) if labels else "A"


def priority_marks(changes) -> dict[str, str]:
    """Priority id -> "new" or "changed", for marking headings in Appendix A.

    "Changed" marks a change of substance only: wording alone, or a priority's place in
    the list, does not make a priority "changed"."""
    if changes is None:
        return {}
    marks: dict[str, str] = {}
    for change in changes.diff.changes:
        if change.level == "priority" and change.kind == "added" and change.field is None:
            marks[change.item_id] = "new"
        elif (change.priority and marks.get(change.priority) != "new" and change.significance != "editorial"
              and not (change.level == "priority" and change.kind == "moved")):
            marks[change.priority] = "changed"
    return marks


def _summary_box(writer: Writer, box: SummaryBox) -> None:
    def bullets(items):
        num = writer.new_list(ordered=False)
        return [(markdown.runs(item), num) for item in items]

    half = FULL_WIDTH // 2
    headings = dict(SUMMARY_BOX)
    for left, right, caption in (("situation", "why", "Summary: the situation and why we want to do something"),
                                 ("what_we_will_do", "next_steps", "Summary: what we want to do and the next steps")):
        writer.table([headings[left], headings[right]], [[bullets(getattr(box, left)), bullets(getattr(box, right))]],
                     widths=[half, half], caption=caption)


# --- Appendix A: the plan -------------------------------------------------------------------------

def plan_appendix(writer: Writer, plan: Plan, findings: list[Finding], rules_run: tuple[str, ...], *,
                  heading: str, page_break: bool, marks: dict[str, str] | None = None,
                  not_applicable: dict[str, str] | None = None, say_checked: bool = False) -> None:
    """Appendix A. Its contents is a Word table of contents field limited to the appendix
    (a bookmark round it), whose entries are written in already, so it reads right before
    Word or LibreOffice updates it (which they are asked to do on opening)."""
    writer.heading(1, heading, page_break_before=page_break)
    appendix = writer.bookmark_start(APPENDIX_A_BOOKMARK)
    name = plan.partnership_name + (f" ({plan.local_name})" if plan.local_name else "")
    writer.paragraph([Run(name, bold=True)])
    writer.paragraph(f"{plan.area_name}, {_period(plan.period)}. Version {plan.version}, "
                     f"{'approved ' + long_date(plan.approval_date) if plan.approval_date else plan.status}.")
    if plan.versions:
        writer.table(["Version", "Date", "Summary of change", "Next review due"],
                     [[v.version, long_date(v.date), markdown.runs(v.summary),
                       long_date(v.next_review_due) if v.next_review_due else "-"] for v in plan.versions],
                     widths=[1100, 1900, 4126, 1900], caption="Version history")

    sections = ["The partnership", "Statutory responsibilities", "Evidence", "Our priorities",
                "Engagement, information sharing and equality", "Review and scrutiny", "Statutory compliance"]
    sections[0:0] = [s.heading for s in plan.sections]
    if plan.context:
        sections.insert(0, "Context")
    if plan.summary:
        sections.insert(0, "Summary")
    writer.heading(2, "Contents")
    writer.contents(sections, levels="2-2", within=APPENDIX_A_BOOKMARK)

    if plan.summary:
        writer.heading(2, "Summary", contents=True)
        markdown.write(writer, plan.summary, heading_base=2)
    if plan.context:
        writer.heading(2, "Context", contents=True)
        markdown.write(writer, plan.context, heading_base=2)
    for own in plan.sections:
        writer.heading(2, own.heading, contents=True)
        markdown.write(writer, own.text, heading_base=2)

    _partnership(writer, plan)
    _responsibilities(writer, plan)
    _evidence(writer, plan)
    _priorities(writer, plan, marks or {})
    _engagement(writer, plan)
    _review(writer, plan)
    compliance_matrix(writer, findings, rules_run, not_applicable, say_checked=say_checked)
    writer.bookmark_end(appendix)


APPENDIX_A_BOOKMARK = "AppendixA"


def _partnership(writer: Writer, plan: Plan) -> None:
    writer.heading(2, "The partnership", contents=True)
    if plan.partnership.description:
        markdown.write(writer, plan.partnership.description, heading_base=2)
    writer.heading(3, "Members")
    writer.table(["Member", "Role", "Represented by"],
                 [[m.name + (f" ({m.description})" if m.description else ""), MEMBER_ROLES[m.kind],
                   m.represented_by or "-"] for m in plan.members],
                 widths=[3600, 3026, 2400], caption="Partnership members")
    if plan.governance:
        writer.heading(3, "Governance")
        groups = {g.id: g.name for g in plan.governance}
        rows = []
        for g in plan.governance:
            purpose = markdown.cell_paragraphs(writer, g.purpose)
            if g.reports_to:
                purpose = purpose + [[Run(f"Reports to {groups.get(g.reports_to, g.reports_to)}.")]]
            rows.append([f"{g.name} ({GROUP_KINDS[g.kind].lower()})", g.chair or "-", g.meets or "-", purpose])
        writer.table(["Group", "Chair", "Meets", "Purpose"], rows, widths=[2300, 2000, 1300, 3426],
                     caption="Governance groups")


def _responsibilities(writer: Writer, plan: Plan) -> None:
    writer.heading(2, "Statutory responsibilities", contents=True)
    act = "the Crime and Disorder Act 1998"
    authorities = [m for m in plan.members if m.responsible_authority]
    writer.paragraph(f"The responsible authorities under section 5 of {act} are:")
    num = writer.new_list(ordered=False)
    for member in authorities:
        writer.list_item(f"{member.name}: {MEMBER_KINDS[member.kind].lower()}", num)
    writer.paragraph(f"Section 6 of {act} requires them to formulate and implement strategies. "
                     "The priorities deliver them as follows:")
    rows = []
    for strand, label in STRANDS.items():
        delivering = [p.title for p in plan.priorities if strand in p.strands]
        rows.append([label, ", ".join(delivering) if delivering else "None"])
    writer.table(["Strategy", "Delivered by"], rows, widths=[4500, 4526], caption="Statutory strategies")
    if plan.police_plan and plan.police_plan.not_issued and not plan.police_plan.title:
        writer.paragraph("No police and crime plan has been issued for the police area: "
                         f"{plan.police_plan.not_issued}")
    elif plan.police_plan:
        writer.paragraph(f"In doing so they have regard to the {plan.police_plan.title} (section 6(1A)):")
        objectives = {o.id: o.title for o in plan.police_plan.objectives}
        rows = [[p.title, ", ".join(objectives.get(o, o) for o in p.objectives) or "None"] for p in plan.priorities]
        writer.table(["Priority", "Police and crime objectives supported"], rows, widths=[3500, 5526],
                     caption="Priorities and police and crime objectives")


def _evidence(writer: Writer, plan: Plan) -> None:
    writer.heading(2, "Evidence", contents=True)
    if not plan.evidence:
        writer.paragraph("The plan cites no evidence.")
        return
    rows = []
    for e in plan.evidence:
        title = [Run(e.title, link=e.url)] if e.url else e.title
        date = long_date(e.date) if e.date else (_period(e.period) if e.period else "-")
        rows.append([title, EVIDENCE_KINDS[e.kind], date, e.prepared_by or "-"])
    writer.table(["Document", "Kind", "Date", "Prepared by"], rows, widths=[3300, 2300, 1700, 1726],
                 caption="Evidence the plan rests on")


def _trend(measure) -> str:
    """The trend word for the measures table, compared like for like."""
    from cspplan.measures import compare

    return compare(measure.baseline, measure.latest, measure.direction, measure.unit).words


def _priorities(writer: Writer, plan: Plan, marks: dict[str, str]) -> None:
    writer.heading(2, "Our priorities", contents=True)
    names = _members(plan)
    evidence = {e.id: e.title for e in plan.evidence}
    for index, p in enumerate(plan.priorities, 1):
        mark = {"new": " (new)", "changed": " (changed)"}.get(marks.get(p.id, ""), "")
        writer.heading(3, f"Priority {index}: {p.title}{mark}")
        writer.paragraph([Run("Lead: ", bold=True), Run(names.get(p.lead, p.lead))], keep_next=True)
        markdown.write(writer, p.narrative, heading_base=3)
        if p.rationale:
            writer.heading(4, "Why this is a priority")
            markdown.write(writer, p.rationale.summary, heading_base=4)
            if p.evidence:
                writer.paragraph([Run("Evidence: ", bold=True),
                                  Run("; ".join(evidence.get(e, e) for e in p.evidence) + ".")])
        writer.heading(4, "What we will do")
        if p.actions:
            writer.table(["Action", "Lead", "Due", "Status"],
                         [[markdown.cell_paragraphs(writer, a.description), names.get(a.owner, a.owner),
                           long_date(a.due), ACTION_STATUSES[a.status]] for a in p.actions],
                         widths=[4526, 2000, 1400, 1100], caption=f"Actions for {p.title}")
        else:
            writer.paragraph("No actions are set yet.")
        writer.heading(4, "How we will measure success")
        if p.measures:
            rows = []
            for m in p.measures:
                baseline = f"{format_number(m.baseline.value, m.unit)} ({m.baseline.period})" if m.baseline else "-"
                latest = f"{format_number(m.latest.value, m.unit)} ({m.latest.period})" if m.latest else "-"
                target = TARGET_DIRECTIONS[m.direction]
                if m.target_value is not None:
                    target += f" to {format_number(m.target_value, m.unit)}"
                rows.append([m.indicator, baseline, target, latest, _trend(m)])
            writer.table(["Indicator", "Baseline", "Target", "Latest", "Trend"], rows,
                         widths=[3026, 1600, 1600, 1600, 1200], caption=f"Measures for {p.title}")
        else:
            writer.paragraph("No measures are set yet.")


def _engagement(writer: Writer, plan: Plan) -> None:
    writer.heading(2, "Engagement, information sharing and equality", contents=True)
    engagement = plan.community_engagement
    writer.heading(3, "Community engagement")
    if engagement:
        markdown.write(writer, engagement.approach, heading_base=3)
        if engagement.public_meetings:
            num = writer.new_list(ordered=False)
            for meeting in engagement.public_meetings:
                writer.list_item(f"{meeting.title}, {long_date(meeting.date)}", num)
    else:
        writer.paragraph("Not recorded.")
    sharing = plan.information_sharing
    writer.heading(3, "Information sharing")
    if sharing:
        reviewed = f" It was last reviewed on {long_date(sharing.reviewed_on)}." if sharing.reviewed_on else ""
        writer.paragraph(f"The partners share information under the {sharing.agreement}.{reviewed}")
        if sharing.description:
            markdown.write(writer, sharing.description, heading_base=3)
    else:
        writer.paragraph("Not recorded.")
    eia = plan.equality_impact_assessment
    writer.heading(3, "Equality")
    if eia:
        label = EQUALITY_ASSESSMENT_KINDS[eia.kind]
        kind = ("An " if label[0] in "AEIOU" else "A ") + label[0].lower() + label[1:]
        when = f" ({long_date(eia.date)})" if eia.date else ""
        writer.paragraph(f"{kind}{when} found:")
        markdown.write(writer, eia.summary, heading_base=3)
    else:
        writer.paragraph("Not recorded.")


def _review(writer: Writer, plan: Plan) -> None:
    writer.heading(2, "Review and scrutiny", contents=True)
    text = f"The partnership reviews this plan every {plan.review_frequency_months} months."
    if plan.next_review_due:
        text += f" The next review is due by {long_date(plan.next_review_due)}."
    writer.paragraph(text)
    if plan.scrutiny_committee:
        last = f", most recently on {long_date(plan.last_scrutinised)}" if plan.last_scrutinised else ""
        writer.paragraph(f"The {plan.scrutiny_committee} scrutinises the partnership as the council's "
                         f"crime and disorder committee{last}.")


def compliance_matrix(writer: Writer, findings: list[Finding], rules_run: tuple[str, ...],
                      not_applicable: dict[str, str] | None = None, *, say_checked: bool = False) -> None:
    """Every statutory requirement in force on the plan's date, where the plan answers it,
    and its status: met, partly met, a gap, waived, or not applicable (and why: a rule
    whose condition does not hold for this plan, such as the forward plan notice of a
    decision that is not a key decision, checks nothing and is not "met").

    ``say_checked`` adds that cspplan did the checking (off by default: the paper is the
    council's, and says so only if the council wants it to)."""
    from cspplan.rules import RULES

    not_applicable = not_applicable or {}
    writer.heading(2, "Statutory compliance", contents=True)
    checked = ", checked by cspplan" if say_checked else ""
    writer.paragraph(f"Each requirement of the law in force on the plan's date{checked}. A gap is a requirement "
                     "the plan does not yet meet; a waived requirement is one the partnership has decided does "
                     "not apply, for the reason given; a requirement that is not applicable does not arise for "
                     "this plan, for the reason given.")
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    rows = []
    for rule_id in [r for r in RULES if r in rules_run or r in not_applicable]:
        rule = RULES[rule_id]
        if rule.citation is None:
            continue
        found = by_rule.get(rule_id, [])
        live = [f for f in found if f.counts]
        waivers = [f.waived for f in found if f.waived is not None]  # all of found, when none is live
        status: str | list[list[Run]]
        if live:
            worst = max(f.severity for f in live)
            label = "Gap" if worst >= Severity.ERROR else "Partly met"
            status = [[Run(f"{label}: ", bold=True), Run(f.message[0].upper() + f.message[1:] + ".")] for f in live]
        elif waivers:
            status = [[Run("Waived: ", bold=True),
                       Run(f"{w.reason} (approved by {w.approved_by}, until {w.expires}).")]
                      for w in waivers]
        elif rule_id in not_applicable:
            reason = not_applicable[rule_id]
            status = [[Run("Not applicable: ", bold=True), Run(reason[0].upper() + reason[1:] + ".")]]
        else:
            status = "Met"
        where = next((WHERE[g] for g in rule.groups if g in WHERE), "The plan")
        rows.append([rule.summary, [[Run(str(rule.citation), link=rule.citation.url)]], where, status])
    writer.table(["Requirement", "Law", "Where in the plan", "Status"], rows, widths=[2800, 2400, 1700, 2126],
                 caption="Statutory compliance")


# --- Appendix B: the crime overview ---------------------------------------------------------------

def _change_cell(measure) -> str:
    """A measure's change as Appendix B shows it, like for like (:func:`cspplan.measures.compare`):
    "-96 (-33%)", "+3 (small numbers)", or "Not comparable" (periods of different lengths)."""
    from cspplan.measures import NOT_KNOWN, SMALL_NUMBERS, compare

    verdict = compare(measure.baseline, measure.latest, measure.direction, measure.unit)
    if verdict.status == NOT_KNOWN:
        return "-"
    if not verdict.comparable:
        return verdict.words  # the table's introduction says why: periods of different lengths
    if verdict.status == SMALL_NUMBERS:
        return f"{verdict.change} (small numbers)"
    diff = measure.latest.value - measure.baseline.value
    counted = f"{diff:+,.0f}" if float(diff).is_integer() else f"{diff:+,.1f}"
    if verdict.change.endswith("%"):
        return f"{counted} ({verdict.change})"
    return verdict.change if verdict.change != "0" else "No change"


def overview_appendix(writer: Writer, plan: Plan, *, heading: str, page_break: bool, crime=None) -> None:
    """The crime overview: with the plan's police.uk data (``crime``, an Overview), the figures,
    charts and tables of :mod:`cspplan.render.overview`; then every measure with its
    baseline, latest value and change.
    """
    writer.heading(1, heading, page_break_before=page_break)
    level = 2
    if crime is not None:
        from cspplan.render.overview import crime_overview

        crime_overview(writer, crime)
        writer.heading(2, "The partnership's measures")
        level = 3
    counted = any(m.crime_data for p in plan.priorities for m in p.measures)
    writer.paragraph("The partnership's measures, with the value each started from, the latest value and "
                     "the change, grouped by priority. Figures are as recorded in the plan"
                     + (", or counted from its police.uk data where the measure says so" if counted else "")
                     + ". A change is shown only between periods of the same length (a year with a year, a "
                     "quarter with the same quarter a year earlier).")
    for p in plan.priorities:
        if not p.measures:
            continue
        writer.heading(level, p.title)
        rows = []
        for m in p.measures:
            change = _change_cell(m)
            rows.append([m.indicator,
                         f"{format_number(m.baseline.value, m.unit)} ({m.baseline.period})" if m.baseline else "-",
                         f"{format_number(m.latest.value, m.unit)} ({m.latest.period})" if m.latest else "-",
                         change, m.data_source])
        writer.table(["Indicator", "Baseline", "Latest", "Change", "Source"], rows,
                     widths=[2826, 1600, 1600, 1200, 1800], caption=f"Crime overview: {p.title}")
