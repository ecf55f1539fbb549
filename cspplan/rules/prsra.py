"""Police Reform and Social Responsibility Act 2011: the partnership and the police and
crime commissioner."""

from __future__ import annotations

from cspplan.findings import Severity
from cspplan.rules.base import (Citation, Context, d, Hits, missing_member, no_policing_body, Plan, policing_body_name,
                                rule)


@rule(
    id="PRSRA-S10-COOP", name="commissioner-in-partnership", severity=Severity.WARNING,
    citation=Citation("Police Reform and Social Responsibility Act 2011", "s10",
                      "https://www.legislation.gov.uk/ukpga/2011/13/section/10"),
    in_force=d("2012-11-22"), groups=("partnership", "police-and-crime-plan"), not_applicable=no_policing_body,
    failing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
    """,
    passing="""
        partnership:
          members:
            - {id: council, name: Example Council, kind: unitary_council}
            - {id: pcc, name: Example Police and Crime Commissioner, kind: police_and_crime_commissioner}
    """,
)
def commissioner(plan: Plan, ctx: Context) -> Hits:
    """The local policing body is shown as working with the partnership.

    The local policing body (the police and crime commissioner, or the mayor or the
    Mayor's Office for Policing and Crime where they hold its functions) and the
    responsible authorities must act in co-operation with each other, and the body must
    have regard to the partnership's priorities. The plan shows the link by listing the
    body as a member. The City of London has no local policing body, and the rule does not
    apply there.
    """
    body = policing_body_name(plan)
    yield from missing_member(plan, ctx, ("police_and_crime_commissioner",),
                              f"{body} is not listed as a member",
                              "add them with kind: police_and_crime_commissioner (the kind for any "
                              "local policing body)")
