"""Word documents as officers type them, made here with python-docx rather than kept as binaries.

:func:`seed_report` is the Spelthorne committee report of 24 September 2024 (the report
cspplan grew from) typed the way it was: a plain two-column table for the cover, the
summary box as a four-row table, section headings and paragraph numbers typed by hand
("7.1 ." included) in bold or plain paragraphs, no heading styles. :func:`plan_document`
is a plan typed in Word: headings per priority, action and measure tables with the
officer's own column names and dates in the forms councils write them.
"""

from __future__ import annotations

from pathlib import Path

COVER = [
    ("Title", ["Community Safety Partnership Plan & Priorities 2024-2026"]),
    ("Purpose of the report", ["To approve"]),
    ("Report Author", ["Will Jack \u2013 Community Safety Manager"]),
    ("Ward(s) Affected", ["All Wards"]),
    ("Exempt", ["No"]),
    ("Exemption Reason", ["N/A"]),
    ("Corporate Priority", ["Community", "Resilience", "Services"]),
    ("Recommendations", ["Committee is asked to:",
                         "1. Note the Report; and 2. Approve the Community Safety Partnership Plan and Priorities "
                         "2024-26"]),
    ("Reason for Recommendation", ["Approval of the new Community Safety Partnership plan and Priorities is "
                                   "required."]),
]
BOX = [
    ("What is the situation", "Why we want to do something"),
    ("\u2022 Creation of the new Community Safety Partnership Plan and Priorities 2024-2026",
     "\u2022 A requirement of the Crime & Disorder Act 1998 under Section 5"),
    ("This is what we want to do about it", "These are the next steps"),
    ("\u2022 Renew previous plan incorporating statutory and local crime and disorder reduction measures through "
     "the Spelthorne Safer Stronger Partnership.",
     "\u2022 Acknowledge and note the plan and send out a public consultation to assess the community perception "
     "of crime & disorder."),
]
# (typed heading, [typed paragraphs]); a paragraph without a number continues the one before.
SECTIONS = [
    ("1. Summary of the report", None),
    (None, ["1.1 Summary",
            "1.2 This report seeks to outline the Community Safety Partnership Plan for Spelthorne Borough within "
            "the Community Safety Partnership."]),
    ("2. Key issues", ["2.1 This report covers two issues. The first being the legal requirement to maintain an "
                       "active Community Safety Partnership.",
                       "The second part of the report covers local priorities.",
                       "2.2 The Community Safety Partnership Plan and Priorities 2024-26 is attached at appendix A."]),
    ("3. Options analysis and proposal", ["3.1 The Community Safety Partnership Plan & Priorities 2024-2026, will "
                                          "be reviewed every 6 months."]),
    ("4. Financial management comments", ["4.1 None"]),
    ("5. Risk management comments", ["5.1 Bespoke risk assessments are created at an operational level."]),
    ("6. Procurement comments", ["6.1 None", "6.2 Procurement Comments:"]),
    ("7. Legal comments", ["7.1 . Community Safety Partnerships (CSPs) were introduced by Section 6 of the Crime "
                           "and Disorder Act 1998 ( CDA)."]),
    ("8. Other considerations", ["8.1 None."]),
    ("9. Equality and Diversity", ["9.1 The report seeks to mitigate factors by including Hate Crime as one of "
                                   "the key priorities."]),
    ("10. Sustainability/Climate Change Implications", ["10.1 N/A"]),
    ("11. Timetable for implementation", ["11.1 To be implemented on 1st October 2024"]),
    ("12. Contact", ["12.1 Will Jack \u2013 Community Safety Manager Spelthorne."]),
]
TAIL = ["Background papers: None", "Appendices:",
        "Appendix A - Community Safety Partnership Plan & Priorities 2024-2026", "Appendix B \u2013 Crime Overview",
        "Printed on recycled paper."]


def seed_report(path: Path) -> Path:
    """The seed report as an officer typed it in Word."""
    import docx

    document = docx.Document()
    cover = document.add_table(rows=0, cols=2)
    for label, lines in COVER:
        cells = cover.add_row().cells
        cells[0].text = label
        cells[1].text = lines[0]
        for line in lines[1:]:
            cells[1].add_paragraph(line)
    document.add_paragraph()
    heading, paragraphs = SECTIONS[0]
    document.add_paragraph().add_run(heading).bold = True
    box = document.add_table(rows=0, cols=2)
    for left, right in BOX:
        cells = box.add_row().cells
        cells[0].text, cells[1].text = left, right
    for heading, paragraphs in SECTIONS[1:]:
        if heading:
            document.add_paragraph().add_run(heading).bold = True
        for text in paragraphs or []:
            document.add_paragraph(text)
    for text in TAIL:
        document.add_paragraph(text)
    document.save(str(path))
    return path


ACTIONS = [  # a priority's actions as typed: (action, lead officer, by when, progress)
    ("Run hotspot patrols in Staines town centre", "Surrey Police", "24th September 2025", "In progress"),
    ("Deliver youth diversion sessions", "Spelthorne Borough Council", "31/03/2025", "Not started"),
    ("Agree hospital data sharing", "Spelthorne Borough Council", "September 2025", "Not started"),
    ("Hold a knife crime week", "Surrey Police", "Spring 2025", "Complete"),
]


def plan_document(path: Path) -> Path:
    """A plan typed in Word: a title, a version table, members, two priorities with tables."""
    import docx

    document = docx.Document()
    document.add_heading("Spelthorne Community Safety Partnership Plan 2024-2026", level=1)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Version", "Date", "Summary of change"), strict=False):
        cell.text = text
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "1.0", "24th September 2024", "First version"
    document.add_heading("The partnership", level=2)
    members = document.add_table(rows=1, cols=3)
    for cell, text in zip(members.rows[0].cells, ("Member", "Role", "Represented by"), strict=False):
        cell.text = text
    for name, role in (("Spelthorne Borough Council", "District council"),
                       ("Surrey Police", "Chief officer of police")):
        row = members.add_row().cells
        row[0].text, row[1].text, row[2].text = name, role, "-"
    document.add_heading("Priority 1: Serious Violence", level=2)
    document.add_paragraph("Lead: Surrey Police")
    document.add_paragraph("Serious violence is a statutory duty since 2023.")
    actions = document.add_table(rows=1, cols=4)
    for cell, text in zip(actions.rows[0].cells, ("Action", "Lead officer", "By when", "Progress"), strict=False):
        cell.text = text
    for row in ACTIONS:
        cells = actions.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    measures = document.add_table(rows=1, cols=3)
    for cell, text in zip(measures.rows[0].cells, ("Measure", "Baseline", "Target"), strict=False):
        cell.text = text
    cells = measures.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "Violence with injury offences", "584 (2023/24)", "Decrease to 555"
    document.add_heading("Priority 2: Water Safety", level=2)
    document.add_paragraph("Lead: Spelthorne Borough Council")
    document.add_paragraph("Spelthorne has miles of River Thames frontage.")
    document.add_heading("Glossary", level=2)
    document.add_paragraph("JAG: Joint Action Group.")
    document.save(str(path))
    return path
