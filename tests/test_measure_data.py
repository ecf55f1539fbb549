"""Measures that read their own figures from the plan's police.uk crime data.

A measure that names its crime data (``measures[].crime_data``) has its baseline and
latest counted from the plan's aggregate, like for like: the latest months of the data and
the same months a year earlier. Checked against counts made here from the aggregate's rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from cspplan import api

EVERY = ROOT / "tests" / "fixtures" / "every-field.yaml"
AGGREGATE = ROOT / "tests" / "fixtures" / "crime-two-years.csv"
DRUGS = "crime_data: {crime_types: [Drugs], months: 12}"


def _count(types: set[str], months: set[str]) -> int:
    """Located crimes of ``types`` in ``months``, in the fixture's area (district Example, or
    the one LSOA code the plan adds), straight from the CSV."""
    with AGGREGATE.open(encoding="utf-8", newline="") as f:
        return sum(int(row["count"]) for row in csv.DictReader(f)
                   if row["crime_type"] in types and row["month"] in months and row["lsoa_code"]
                   and (row["lsoa_name"].rsplit(" ", 1)[0] == "Example" or row["lsoa_code"] == "E01099990"))


def _plan(tmp_path: Path, measure: str, direction: str = "increase") -> Path:
    text = EVERY.read_text(encoding="utf-8")
    assert DRUGS in text
    text = text.replace(DRUGS, measure).replace(
        "indicator: Drug offences recorded by police.uk in Example\n        target: {direction: increase}",
        f"indicator: Offences recorded by police.uk in Example\n        target: {{direction: {direction}}}")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    shutil.copy(AGGREGATE, tmp_path / "crime-two-years.csv")
    return plan


def _months(year: int, first: int = 1, last: int = 12) -> set[str]:
    return {f"{year}-{m:02d}" for m in range(first, last + 1)}


@pytest.mark.parametrize(("months", "first"), [(12, 1), (3, 10), (1, 12)])
def test_review_counts_the_figures_like_for_like(tmp_path, months, first):
    plan = _plan(tmp_path, f"crime_data: {{crime_types: [Shoplifting, Burglary], months: {months}}}")
    latest = _count({"Shoplifting", "Burglary"}, _months(2023, first))
    baseline = _count({"Shoplifting", "Burglary"}, _months(2022, first))
    assert latest < baseline  # the fixture's figures fall, so a measure meant to rise is off target
    result = api.review_file(plan, today=dt.date(2024, 6, 1))
    [item] = [i for i in result.off_target if i.what.startswith("harm-m2")]
    assert f"down from {baseline} (" in item.what and f") to {latest} (" in item.what
    assert "December 2022)" in item.what and "December 2023)" in item.what


def test_a_measure_meant_to_fall_that_falls_is_on_target(tmp_path):
    plan = _plan(tmp_path, "crime_data: {crime_types: [Shoplifting]}", direction="decrease")
    result = api.review_file(plan, today=dt.date(2024, 6, 1))
    assert not [i for i in result.off_target if i.what.startswith("harm-m2")]


def test_the_paper_shows_the_counted_figures(tmp_path):
    from docx import Document

    plan = _plan(tmp_path, "crime_data: {crime_types: [Shoplifting]}")
    out = tmp_path / "paper.docx"
    api.render_file(plan, out, today=dt.date(2024, 6, 1))
    latest, baseline = _count({"Shoplifting"}, _months(2023)), _count({"Shoplifting"}, _months(2022))
    rows = [[c.text for c in row.cells] for table in Document(str(out)).tables for row in table.rows]
    shown = [" ".join(r) for r in rows if r and r[0].startswith("Offences recorded by police.uk")]
    assert len(shown) == 2  # the priority's measures in Appendix A, the measures in Appendix B
    assert all(f"{baseline} (January 2022 to December 2022)" in text and
               f"{latest} (January 2023 to December 2023)" in text for text in shown)


def test_anti_social_behaviour_is_counted_apart_from_crime(tmp_path):
    plan = _plan(tmp_path, "crime_data: {crime_types: [Anti-social behaviour], months: 12}", direction="increase")
    result = api.review_file(plan, today=dt.date(2024, 6, 1))
    asb_latest, asb_base = _count({"Anti-social behaviour"}, _months(2023)), _count({"Anti-social behaviour"},
                                                                                    _months(2022))
    [item] = [i for i in result.off_target if i.what.startswith("harm-m2")] or [None]
    if asb_latest < asb_base:
        assert item is not None and f"down from {asb_base} (" in item.what
    else:
        assert item is None


def test_appendix_b_never_sets_a_quarter_against_a_year(tmp_path):
    """The example plan's measures compare 2023/24 with April to June 2024: no change is shown."""
    from docx import Document

    out = tmp_path / "paper.docx"
    api.render_file(ROOT / "plans" / "spelthorne-2024-26.yaml", out, today=dt.date(2024, 9, 1))
    rows = [[c.text for c in row.cells] for table in Document(str(out)).tables
            if [c.text for c in table.rows[0].cells][:4] == ["Indicator", "Baseline", "Latest", "Change"]
            for row in table.rows[1:]]
    unlike = [r for r in rows if "(2023/24)" in r[1] and "(April to June 2024)" in r[2]]
    assert unlike and all(r[3].startswith("Not comparable") for r in unlike)
    assert not any("%" in r[3] for r in unlike)
