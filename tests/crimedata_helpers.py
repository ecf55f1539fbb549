"""Helpers for the crime-data tests: an independent count of raw police.uk rows, written
with the csv module alone, and small street files made on the fly."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "police-uk"
HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
          "Last outcome category,Context")


def independent_counts(files: list[Path], district: str) -> tuple[Counter, Counter]:
    """(month, crime type) counts in the district and not located, each Crime ID once."""
    located, not_located = Counter(), Counter()
    seen: set[str] = set()
    for path in files:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["Crime ID"]:
                    if row["Crime ID"] in seen:
                        continue
                if not row["LSOA code"]:
                    target = not_located
                elif row["LSOA name"].rsplit(" ", 1)[0].lower() == district.lower():
                    target = located
                else:
                    continue
                if row["Crime ID"]:
                    seen.add(row["Crime ID"])
                target[(row["Month"], row["Crime type"])] += 1
    return located, not_located


def street_row(n: int, month: str = "2023-01", lsoa: str = "E01030727", name: str = "Spelthorne 001A",
               crime_type: str = "Burglary") -> str:
    crime_id = "" if crime_type == "Anti-social behaviour" else f"{n:064x}"
    outcome = "" if crime_type == "Anti-social behaviour" else "Under investigation"
    return (f"{crime_id},{month},Surrey Police,Surrey Police,-0.5,51.4,On or near High Street,{lsoa},{name},"
            f"{crime_type},{outcome},")


def street_file(path: Path, rows: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path
