"""A plan's crime_data: validate reads its aggregate (findings located in the aggregate or at
/crime_data in the plan), refuses paths outside the plan's folder, and overview reads it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from cspplan import api
from cspplan.engine import Options
from cspplan.errors import CspplanError

EVERY = ROOT / "tests" / "fixtures" / "every-field.yaml"
AGGREGATE = ROOT / "tests" / "fixtures" / "crime-two-years.csv"


def _plan(tmp_path: Path, aggregate: str = "crime.csv", csv: str | None = None) -> Path:
    text = EVERY.read_text(encoding="utf-8").replace("aggregate: crime-two-years.csv", f"aggregate: {aggregate}")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    if csv is not None:
        (tmp_path / "crime.csv").write_text(csv, encoding="utf-8")
    else:
        shutil.copy(AGGREGATE, tmp_path / "crime.csv")
    return plan


def _findings(plan: Path, as_of: dt.date = dt.date(2024, 6, 1)) -> list:
    """The CRIME- findings, the plan judged at ``as_of`` (data to 2023-12 is then current)."""
    report = api.validate([plan], options=Options(as_of=as_of))
    return [f for r in report.files for f in r.findings if f.rule.startswith("CRIME-")]


def test_a_good_aggregate_gives_no_crime_findings(tmp_path):
    assert _findings(_plan(tmp_path)) == []


@pytest.mark.parametrize("value", ["/etc/crime.csv", "../crime.csv", "https://example.org/crime.csv",
                                   "C:/data/crime.csv", "missing.csv", "sub\\crime.csv"])
def test_an_aggregate_outside_the_plans_folder_or_missing_is_one_finding_in_the_plan(tmp_path, value):
    found = _findings(_plan(tmp_path, value))
    assert [(f.rule, f.location.pointer, Path(f.location.file).name) for f in found] == \
        [("CRIME-AGGREGATE", "/crime_data/aggregate", "plan.yaml")]
    assert found[0].location.line > 0


def test_problems_in_the_aggregate_are_located_at_their_line_in_it(tmp_path):
    text = AGGREGATE.read_text(encoding="utf-8").splitlines()
    text[5] = "2022-01,E01099901,Example 001A,Violence,3"
    found = _findings(_plan(tmp_path, csv="\n".join(text) + "\n"))
    assert [(f.rule, Path(f.location.file).name, f.location.line) for f in found] == [("CRIME-TYPE", "crime.csv", 6)]


def test_short_and_stale_data_are_reported_against_the_plan(tmp_path):
    rows = [line for line in AGGREGATE.read_text(encoding="utf-8").splitlines() if not line.startswith("2023")]
    plan = _plan(tmp_path, csv="\n".join(rows) + "\n")      # 2022 only: 12 months, to 2022-12
    assert [f.rule for f in _findings(plan, dt.date(2023, 12, 1))] == ["CRIME-SHORT"]
    found = _findings(plan, dt.date(2024, 6, 1))            # 18 months after the data ends
    assert sorted(f.rule for f in found) == ["CRIME-SHORT", "CRIME-STALE"]
    assert all(f.location.pointer == "/crime_data/aggregate" for f in found)


def test_an_area_the_aggregate_does_not_hold_is_an_error(tmp_path):
    plan = _plan(tmp_path)
    plan.write_text(plan.read_text().replace("districts: [Example]\n  lsoa_codes: [E01099990]\n",
                                             "districts: [Nowhere]\n"))
    assert [f.rule for f in _findings(plan)] == ["CRIME-AREA"]
    with pytest.raises(CspplanError, match="no crime in Nowhere"):
        api.overview_for_plan(plan)


def test_a_plan_given_as_text_says_its_aggregate_was_not_read():
    from cspplan.engine import validate_text

    result = validate_text(EVERY.read_bytes(), "<stdin>")
    assert [f.rule for f in result.findings if f.rule.startswith("CRIME-")] == ["CRIME-UNREAD"]


def test_overview_of_a_plan_keeps_its_area(tmp_path):
    plan = _plan(tmp_path)
    plan.write_text(plan.read_text().replace("  lsoa_codes: [E01099990]\n", ""))
    overview = api.overview_for_plan(plan).overview
    (tmp_path / "other").mkdir()
    with_other = api.overview_for_plan(_plan(tmp_path / "other"))    # districts and an LSOA code elsewhere
    assert overview.area == "Example"
    assert with_other.overview.area == "Example and Otherton"
    assert overview.total_crime.latest < with_other.overview.total_crime.latest


def test_the_cli_overview_of_a_plan(run_cli, tmp_path):
    result = run_cli("overview", str(_plan(tmp_path)), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert '"months"' in result.stdout
