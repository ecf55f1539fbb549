"""Law enacted or announced but not in force: encoded so that plans can be checked ahead
of it with ``--preview``, and listed by ``cspplan rules --all``."""

from __future__ import annotations

import re
from datetime import date

from cspplan.findings import Severity
from cspplan.rules.base import (Citation, Context, Hits, local_policing_body, not_a_commissioner, Plan,
                                POLICING_BODY_NAMES, rule)

ABOLITION = date(2028, 5, 1)
DHR = re.compile(r"domestic homicide review", re.I)


@rule(
    id="PENDING-DARDR", name="domestic-abuse-related-death-reviews", severity=Severity.WARNING,
    citation=Citation("Victims and Prisoners Act 2024", "s19 (inserting a new s9 into the Domestic Violence, "
                      "Crime and Victims Act 2004)", "https://www.legislation.gov.uk/ukpga/2024/21/section/19"),
    pending=True, groups=("domestic-abuse",),
    failing="""
        priorities:
          - id: da
            title: Domestic Abuse
            narrative: Commission domestic homicide reviews and act on them.
            lead: council
    """,
    passing="""
        priorities:
          - id: da
            title: Domestic Abuse
            narrative: Commission domestic abuse related death reviews and act on them.
            lead: council
    """,
)
def dardr(plan: Plan, ctx: Context) -> Hits:
    """When commenced: say "domestic abuse related death review", not "domestic homicide review".

    The Victims and Prisoners Act 2024 renames domestic homicide reviews as domestic abuse
    related death reviews and widens them to deaths that appear to result from domestic
    abuse, suicides included. It was not in force when this rule was written.
    """
    for pointer, text in plan.strings():
        if DHR.search(text):
            yield ctx.report(pointer, "'domestic homicide review' becomes 'domestic abuse related death "
                             "review' when the Victims and Prisoners Act 2024 s19 is in force",
                             "use the new name, and include deaths by suicide in the reviews' scope")


@rule(
    id="PENDING-PCC-ABOLITION", name="commissioner-successor", severity=Severity.WARNING,
    citation=Citation("Police reform White Paper, 'From local to national: a new model for policing'",
                      "(announced; no legislation yet)",
                      "https://www.gov.uk/government/publications/from-local-to-national-a-new-model-for-policing"),
    pending=True, groups=("police-and-crime-plan",), not_applicable=not_a_commissioner,
    failing="""
        period: {start: 2026-04-01, end: 2029-03-31}
        area: {name: Example, council_type: unitary, policing_body: police_and_crime_commissioner}
    """,
    passing="""
        period: {start: 2026-04-01, end: 2029-03-31}
        area: {name: Example, council_type: unitary, policing_body: mayor}
    """,
)
def pcc_abolition(plan: Plan, ctx: Context) -> Hits:
    """From May 2028 (if legislated): the commissioner's successor is named.

    The government has announced that police and crime commissioners will be abolished from
    May 2028, their functions passing to strategic-authority mayors or to policing and
    crime boards led by council leaders. Plans running past then will need to name the
    successor body. It is decided from the area's local policing body (area:
    policing_body:, or what its ONS code implies), never from the words of a member's
    name: a mayor who already holds the commissioner's functions is not abolished. No
    legislation had been seen when this rule was written.
    """
    if plan.period.end < ABOLITION:
        return
    when = "within the plan period" if plan.period.start <= ABOLITION else "before the plan period begins"
    body = POLICING_BODY_NAMES[local_policing_body(plan)]
    members = plan.members_of_kind("police_and_crime_commissioner")
    if members:
        for member in members:
            yield ctx.report(member.ptr + "/name", f"'{member.name}', {body}, is due to be abolished in "
                             f"May 2028, {when}", "name the successor body once it is known")
    else:
        pointer = "/area/policing_body" if plan.area.policing_body else "/area"
        yield ctx.report(pointer, f"{body} is due to be abolished in May 2028, {when}",
                         "name the successor body once it is known")
