"""The fixed vocabulary of police.uk street-level data and of cspplan's aggregate of it."""

from __future__ import annotations

import re

STREET_HEADER = ("Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                 "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context")
"""The header row of every police.uk ``*-street.csv`` file, in order."""

ASB = "Anti-social behaviour"
"""police.uk's category for anti-social behaviour incidents: never part of total crime."""

CRIME_TYPES = (
    ASB, "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime", "Other theft",
    "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person", "Vehicle crime",
    "Violence and sexual offences",
)
"""The 14 police.uk categories (anti-social behaviour first, then the 13 crime types)."""

AGGREGATE_HEADER = ("month", "lsoa_code", "lsoa_name", "crime_type", "count")
"""The header of cspplan's aggregate file (docs/crime-data.md)."""

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
LSOA_CODE = re.compile(r"[EW]01\d{6}")

ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."
SOURCE = "police.uk street-level crime and anti-social behaviour data (data.police.uk)"
CAVEATS = (
    "police.uk locations are anonymised: each crime is mapped to a nearby point, not the exact place.",
    "Figures are revised as later months are published, so they can differ from earlier downloads.",
    "These are not the Home Office police recorded crime statistics, the official series for comparing "
    "one partnership with others.",
    "Anti-social behaviour incidents are shown apart and are never added to total crime.",
)


def district(lsoa_name: str) -> str:
    """The local authority district of an LSOA name: ``Spelthorne 001A`` -> ``Spelthorne``."""
    return lsoa_name.rpartition(" ")[0]


def valid_month(text: str) -> bool:
    return MONTH.fullmatch(text) is not None


def month_index(month: str) -> int:
    """Months as consecutive integers, so that gaps and windows are arithmetic."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive."""
    return [month_name(i) for i in range(month_index(first), month_index(last) + 1)]
