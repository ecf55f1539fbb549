"""The words people see for the plan format's coded values, in one place.

Each enum of ``schemas/plan-v1.schema.json`` has one table here, from the value written
in the plan file to its human label; :data:`FIELDS` says which table belongs to which
field. Nothing else in cspplan spells these labels out: the committee paper, the
tracked-changes appendix and the differ take them from here. The report's sections and
the summary box's four parts, with their headings in report order, are here too.

Plain Python data: importing it reads no file and loads nothing else.
"""

from __future__ import annotations

# --- the area and the plan -------------------------------------------------------------------

COUNCIL_TYPES = {
    "district": "District council in a two-tier county",
    "unitary": "Unitary council",
    "metropolitan": "Metropolitan borough council",
    "london_borough": "London borough council",
    "welsh_principal": "Welsh county or county borough council",
}

POLICING_BODIES = {
    "police_and_crime_commissioner": "Police and crime commissioner",
    "police_fire_and_crime_commissioner": "Police, fire and crime commissioner",
    "mayor": "Mayor with the police and crime commissioner's functions",
    "mayors_office_for_policing_and_crime": "Mayor's Office for Policing and Crime",
    "none": "None (no elected local policing body)",
}

JURISDICTIONS = {
    "england": "England",
    "wales": "Wales",
}

PLAN_STATUSES = {
    "draft": "Draft",
    "consultation": "Out for consultation",
    "approved": "Approved",
    "superseded": "Superseded",
}

# --- the partnership -------------------------------------------------------------------------

MEMBER_KINDS = {
    "district_council": "District council",
    "county_council": "County council",
    "unitary_council": "Council",
    "chief_officer_of_police": "Chief officer of police",
    "police_authority": "Police authority",
    "fire_and_rescue_authority": "Fire and rescue authority",
    "primary_care_trust": "Primary care trust",
    "clinical_commissioning_group": "Clinical commissioning group",
    "integrated_care_board": "Integrated care board",
    "local_health_board": "Local health board",
    "probation_provider": "Provider of probation services",
    "police_and_crime_commissioner": "Police and crime commissioner (local policing body)",
    "co_operating_body": "Co-operating body",
    "invited_participant": "Invited participant",
}

# The member kinds that are responsible authorities under Crime and Disorder Act 1998 s5
# (each in its own years: see the member kinds in docs/plan-format.md).
RESPONSIBLE_AUTHORITY_KINDS = frozenset((
    "district_council", "county_council", "unitary_council", "chief_officer_of_police",
    "police_authority", "fire_and_rescue_authority", "primary_care_trust",
    "clinical_commissioning_group", "integrated_care_board", "local_health_board",
    "probation_provider",
))

# A member's role as the paper shows it: its kind, and whether it is a responsible authority.
MEMBER_ROLES = {kind: label + (" (responsible authority)" if kind in RESPONSIBLE_AUTHORITY_KINDS else "")
                for kind, label in MEMBER_KINDS.items()}

GROUP_KINDS = {
    "board": "Board",
    "strategy_group": "Strategy group",
    "sub_group": "Sub-group",
    "operational_group": "Operational group",
}

# --- evidence and priorities -----------------------------------------------------------------

EVIDENCE_KINDS = {
    "strategic_assessment": "Strategic assessment",
    "organised_crime_local_profile": "Organised crime local profile",
    "serious_violence_needs_assessment": "Serious violence needs assessment",
    "serious_violence_strategy": "Serious violence strategy",
    "community_safety_agreement": "Community safety agreement",
    "domestic_abuse_strategy": "Domestic abuse strategy",
    "consultation": "Consultation",
    "other": "Other",
}

# The strategies of Crime and Disorder Act 1998 s6(1), in the order of the section.
STRANDS = {
    "crime_and_disorder": "Reducing crime and disorder (s6(1)(a))",
    "anti_social_behaviour": "Anti-social behaviour, as part of crime and disorder (s6(1)(a))",
    "substance_misuse": "Combating the misuse of drugs, alcohol and other substances (s6(1)(b))",
    "re_offending": "Reducing re-offending (s6(1)(c))",
    "serious_violence": "Preventing and reducing serious violence (s6(1)(d))",
}

ACTION_STATUSES = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "complete": "Complete",
    "on_hold": "On hold",
    "cancelled": "Cancelled",
}

TARGET_DIRECTIONS = {
    "increase": "Increase",
    "decrease": "Decrease",
    "maintain": "Maintain",
}

EQUALITY_ASSESSMENT_KINDS = {
    "full": "Full equality impact assessment",
    "screening": "Equality impact screening",
}

# --- the committee cover report --------------------------------------------------------------

REPORT_PURPOSES = {
    "approve": "To approve",
    "note": "To note",
    "decide": "For decision",
    "discuss": "For discussion",
    "consult": "For consultation",
}

# Local Government Act 1972 Schedule 12A: Part 1 (England) paragraphs 1 to 7, and Part 4
# (Wales) paragraphs 12 to 18, which describe the same seven kinds of information.
_SCHEDULE_12A = (
    "information relating to any individual",
    "information likely to reveal the identity of an individual",
    "information relating to the financial or business affairs of any particular person",
    "information on consultations or negotiations about a labour relations matter",
    "information subject to legal professional privilege",
    "information revealing a proposed notice, order or direction under an enactment",
    "information on the prevention, investigation or prosecution of crime",
)
EXEMPTION_PARAGRAPHS = {
    **{n: f"Paragraph {n} of Part 1 (England): {what}" for n, what in enumerate(_SCHEDULE_12A, 1)},
    **{n: f"Paragraph {n} of Part 4 (Wales): {what}" for n, what in enumerate(_SCHEDULE_12A, 12)},
}

# (field, heading as rendered) for the summary box's four parts and the report's twelve
# sections; the order is the report's.
SUMMARY_BOX = (
    ("situation", "What is the situation"),
    ("why", "Why we want to do something"),
    ("what_we_will_do", "This is what we want to do about it"),
    ("next_steps", "These are the next steps"),
)

REPORT_SECTIONS = (
    ("summary", "Summary of the report"),
    ("key_issues", "Key issues"),
    ("options", "Options analysis and proposal"),
    ("financial", "Financial management comments"),
    ("risk", "Risk management comments"),
    ("procurement", "Procurement comments"),
    ("legal", "Legal comments"),
    ("other_considerations", "Other considerations"),
    ("equality_and_diversity", "Equality and diversity"),
    ("sustainability_and_climate", "Sustainability and climate change implications"),
    ("timetable", "Timetable for implementation"),
    ("contact", "Contact"),
)

# --- crime data ---------------------------------------------------------------------------------

POLICE_UK_CRIME_TYPES = {name: name for name in (
    "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime",
    "Other theft", "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person",
    "Vehicle crime", "Violence and sexual offences")}
"""police.uk's categories, which are their own labels (cspplan.crimedata keeps the same list)."""

MEASURE_MONTHS = {
    1: "One month",
    3: "A quarter (three months)",
    12: "A rolling year (twelve months)",
}

# --- which table labels which field ----------------------------------------------------------

# Field (a JSON pointer in which "[]" stands for any list index) -> its labels.
FIELDS: dict[str, dict] = {
    "/area/council_type": COUNCIL_TYPES,
    "/area/policing_body": POLICING_BODIES,
    "/jurisdiction": JURISDICTIONS,
    "/status": PLAN_STATUSES,
    "/partnership/members/[]/kind": MEMBER_KINDS,
    "/partnership/governance/[]/kind": GROUP_KINDS,
    "/evidence/[]/kind": EVIDENCE_KINDS,
    "/equality_impact_assessment/kind": EQUALITY_ASSESSMENT_KINDS,
    "/priorities/[]/statutory_strands/[]": STRANDS,
    "/priorities/[]/actions/[]/status": ACTION_STATUSES,
    "/priorities/[]/measures/[]/target/direction": TARGET_DIRECTIONS,
    "/committee_report/purpose": REPORT_PURPOSES,
    "/priorities/[]/measures/[]/crime_data/crime_types/[]": POLICE_UK_CRIME_TYPES,
    "/priorities/[]/measures/[]/crime_data/months": MEASURE_MONTHS,
    "/committee_report/exemption/paragraph": EXEMPTION_PARAGRAPHS,
}
