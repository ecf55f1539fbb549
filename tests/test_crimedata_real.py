"""The real year of Surrey Police data (../shared/data/police-uk): Spelthorne's counts
against an independent count of the raw rows, and the zip of the same files."""

from __future__ import annotations

import csv
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from cspplan.crimedata import ASB, Area, compute_overview, read_police_data

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "police-uk"
FILES = sorted(REAL.glob("*/*-street.csv"))

pytestmark = pytest.mark.skipif(len(FILES) != 12, reason=f"the shared police.uk data is not at {REAL}")


def raw_counts(district: str) -> tuple[Counter, int, int]:
    """(month, type) counts in the district, straight from the rows; not located; all rows."""
    counts: Counter = Counter()
    not_located = rows = 0
    for path in FILES:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                rows += 1
                if not row["LSOA code"]:
                    not_located += 1
                elif row["LSOA name"].rsplit(" ", 1)[0] == district:
                    counts[(row["Month"], row["Crime type"])] += 1
    return counts, not_located, rows


@pytest.fixture(scope="module")
def spelthorne():
    return read_police_data([REAL], Area(names=("Spelthorne",)))


def test_spelthornes_counts_match_the_raw_rows(spelthorne):
    expected, not_located, rows = raw_counts("Spelthorne")
    got: Counter = Counter()
    for cell in spelthorne.aggregate.cells:
        if cell.located:
            got[(cell.month, cell.crime_type)] += cell.count
    assert got == expected
    stats = spelthorne.stats
    assert stats.rows == rows == 88216
    assert stats.not_located == not_located == 1723
    assert stats.crimes == sum(n for (_, t), n in expected.items() if t != ASB)
    assert stats.asb == sum(n for (_, t), n in expected.items() if t == ASB)
    assert stats.outside_area == rows - sum(expected.values()) - not_located
    assert stats.months == tuple(f"2023-{m:02d}" for m in range(1, 13)) and stats.missing_months == ()


def test_the_overview_of_the_real_year(spelthorne):
    overview = compute_overview(spelthorne.aggregate)
    expected, _, _ = raw_counts("Spelthorne")
    assert overview.total_crime.latest == sum(n for (_, t), n in expected.items() if t != ASB)
    assert not overview.window.comparable  # one year: nothing to compare it with
    assert len(overview.counts) == 12 * len(overview.crime_types)
    assert overview.area == "Spelthorne"


def test_the_zip_of_the_real_year_gives_the_same_aggregate(spelthorne, tmp_path):
    archive = tmp_path / "police.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for path in FILES:
            handle.write(path, str(path.relative_to(REAL)))
    assert read_police_data([archive], Area(names=("Spelthorne",))).aggregate == \
        read_police_data([REAL], Area(names=("Spelthorne",))).aggregate


def test_the_area_by_its_lsoa_codes_gives_the_same_counts(spelthorne):
    codes = sorted({c.lsoa_code for c in spelthorne.aggregate.cells if c.located})
    by_code = read_police_data([REAL], Area(codes=tuple(codes)))
    assert by_code.aggregate == spelthorne.aggregate
