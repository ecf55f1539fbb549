"""Requirements in the statutory catalogue that no rule checks, and why.

Listed in docs/rules.md under "Not checked". Ids are the catalogue's."""

from __future__ import annotations

NOT_CHECKED: tuple[tuple[str, str], ...] = (
    ("CDA-S5-COMBINED", "The plan format has no field for the combination agreement of a partnership "
     "covering two or more council areas (s5A); to be added when a merged partnership needs it."),
    ("CDA-S6-1998-AUDIT", "The regime before August 2007 (audit, published report, long- and short-term "
     "targets) had a different structure; plans that old are not kept in this format."),
    ("CDA-S6-THEMATIC, CDA-S6-REGS-FRAME, CDA-S7-PCC-REPORT, CDA-S115-POWER", "Context: powers, not duties "
     "a plan must evidence."),
    ("REG07-APPLY, REG07-R14A-PCC-MEETING, W-EXEC, HATE-NO-DUTY", "Context. HATE-NO-DUTY is also why no "
     "rule asks for a hate crime priority."),
    ("REG07-R5-SA-CONTENT", "What the strategic assessment contains is in that document, not the plan; "
     "the list of contents is also unconfirmed."),
    ("REG07-R9A-CSA-TO-PCC", "A duty of the county strategy group, which a district's plan cannot evidence."),
    ("REG07-R10-PLAN-EXISTS", "Met by the plan file itself."),
    ("REG07-R10-CONTENT (resources)", "The format has no field for how resources are allocated; the steps "
     "and measures parts are checked by REG07-R10-STEPS and REG07-R10-MEASURES."),
    ("REG07-REOFFEND-2010, REG07-SV-2023", "Amendments to the strategic assessment's content; for the plan, "
     "CDA-S6-STRAT-REOFFEND and CDA-S6-STRAT-SV check the same strands."),
    ("REG07W-BASE, REG07W-2010, REG07W-2011", "Checked as REG07W-GROUP, REG07W-SA and REG07W-ENGAGE."),
    ("DVCVA-S9-DHR", "The format has no field for domestic homicide reviews commissioned; PENDING-DARDR "
     "checks the terminology that replaces them."),
    ("PENDING-CPA26-LPB-RECS, PENDING-CPA26-ASB", "The Crime and Policing Act 2026 sections are not "
     "identified and their commencement is unconfirmed; the format has no field for recommendations "
     "received from the local policing body yet."),
    ("PENDING-CSP-REVIEW, PENDING-FORCE-MERGERS", "Policy and proposals, not law."),
    ("PCSC-OWHR", "Offensive weapons homicide reviews were piloted in named areas only."),
    ("CTSA-S26-PREVENT", "A duty on the council, not the partnership; a Prevent priority is a local choice."),
    ("ASBCPA-S104-CASEREVIEW", "The format has no field yet for the published ASB case review (community "
     "trigger) procedure and annual figures."),
    ("LA-POLICY-FRAMEWORK", "The format does not record whether the council has executive arrangements, "
     "and the regulation was not confirmed."),
    ("LGA72-S100A-OPEN", "About the meeting itself; the publication of the papers is checked by "
     "LGA72-S100B-5DAYS and W-LGA72-S100BA."),
    ("LGA72-SCH12A-E-P1 to P7", "Context for LGA72-SCH12A-E, which checks the paragraph number."),
    ("EXEC12-R5-PRIVATE", "Needs the council's executive arrangements and private-meeting notices, which "
     "the format does not record."),
    ("EXEC12-R7-AGENDA", "The same five clear days as LGA72-S100B-5DAYS, which checks them."),
)
