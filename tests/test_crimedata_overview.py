"""The overview: every (month, type) count, like-for-like windows, small numbers, and its formats."""

from __future__ import annotations

import json

from conftest import MINIMAL_TEXT
from crimedata_helpers import FIXTURES, independent_counts
from cspplan.crimedata import ASB, ATTRIBUTION, Aggregate, Cell, compute_overview
from cspplan.crimedata.constants import month_name


def _months(first: int, n: int) -> list[str]:
    return [month_name(first + i) for i in range(n)]


def _aggregate(months: list[str], per_month: dict[str, int], lsoa=("E01030727", "Spelthorne 001A")) -> Aggregate:
    return Aggregate.from_cells(Cell(m, lsoa[0], t, lsoa[1], n) for m in months for t, n in per_month.items())


JAN_2022 = 2022 * 12


def test_json_holds_every_month_and_crime_type_pair_with_asb_as_a_type(run_cli):
    result = run_cli("overview", "--police-data", str(FIXTURES), "--area", "Spelthorne", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["command"] == "overview" and doc["format_version"] == 1
    assert doc["months"] == ["2023-01", "2023-02", "2023-04"] and doc["missing_months"] == ["2023-03"]
    located, _ = independent_counts(sorted(FIXTURES.rglob("*-street.csv")), "Spelthorne")
    types = {t for _, t in located}
    expected = {(m, t): located.get((m, t), 0) for m in doc["months"] for t in types}
    got = {(r["month"], r["crime_type"]): r["count"] for r in doc["counts"]}
    assert got == expected  # zeros included, nothing for the missing month
    assert ASB in types
    assert doc["totals"]["total_crime"]["latest"] == sum(n for (_, t), n in located.items() if t != ASB)
    assert doc["totals"]["anti_social_behaviour"]["latest"] == located[("2023-01", ASB)] + \
        located[("2023-02", ASB)] + located[("2023-04", ASB)]
    assert doc["not_located"]["total"] == 2
    assert doc["attribution"] == ATTRIBUTION
    assert any("anonymised" in c for c in doc["caveats"]) and any("Home Office" in c for c in doc["caveats"])
    assert doc["window"]["comparable"] is False and doc["totals"]["total_crime"]["change"] is None


def test_the_overview_from_the_aggregate_equals_the_one_from_raw_files(run_cli, tmp_path):
    out = tmp_path / "crime.csv"
    run_cli("aggregate", str(FIXTURES), "--area", "Spelthorne", "-o", str(out))
    from_file = json.loads(run_cli("overview", str(out), "-f", "json").stdout)
    from_raw = json.loads(run_cli("overview", "--police-data", str(FIXTURES), "--area", "Spelthorne",
                                  "-f", "json").stdout)
    for key in ("months", "counts", "totals", "by_crime_type", "top_lsoas", "not_located"):
        assert from_file[key] == from_raw[key]


def test_24_complete_months_compare_the_latest_12_with_the_previous_12():
    months = _months(JAN_2022, 24)
    cells = [Cell(m, "E01030727", "Burglary", "Spelthorne 001A", 10 if m < "2023-01" else 15) for m in months]
    cells += [Cell(m, "E01030727", ASB, "Spelthorne 001A", 1) for m in months]
    cells += [Cell(m, "E01030750", "Robbery", "Spelthorne 007C", 1) for m in months[12:]]
    overview = compute_overview(Aggregate.from_cells(cells))
    assert overview.window.comparable and overview.window.latest == ("2023-01", "2023-12")
    assert overview.window.previous == ("2022-01", "2022-12")
    assert (overview.total_crime.latest, overview.total_crime.previous) == (15 * 12 + 12, 10 * 12)
    assert overview.total_crime.percent == round(100 * (192 - 120) / 120, 1)
    assert (overview.asb.latest, overview.asb.change, overview.asb.percent) == (12, 0, None)  # small numbers
    robbery = next(t for t in overview.by_type if t.crime_type == "Robbery").change
    assert (robbery.latest, robbery.previous, robbery.change, robbery.percent) == (12, 0, 12, None)
    assert "small numbers" in robbery.note


def test_a_gap_or_a_short_history_is_not_compared():
    months = _months(JAN_2022, 24)
    del months[20]
    overview = compute_overview(_aggregate(months, {"Burglary": 30}))
    assert not overview.window.comparable and overview.total_crime.change is None
    assert "missing" in overview.window.note and overview.missing_months == ("2023-09",)
    short = compute_overview(_aggregate(_months(JAN_2022, 6), {"Burglary": 30}))
    assert not short.window.comparable and "only 6 months" in short.window.note
    assert short.total_crime.latest == 180


def test_the_top_lsoas_rank_crime_without_asb():
    months = _months(JAN_2022, 12)
    cells = [Cell(m, "E01000001", ASB, "Spelthorne 001A", 50) for m in months]
    cells += [Cell(m, "E01000002", "Burglary", "Spelthorne 002A", 2) for m in months]
    cells += [Cell(m, "E01000003", "Drugs", "Spelthorne 003A", 3) for m in months]
    top = compute_overview(Aggregate.from_cells(cells), top=2).top_lsoas
    assert [(x.lsoa_code, x.crime, x.asb) for x in top] == [("E01000003", 36, 0), ("E01000002", 24, 0)]


def test_text_markdown_and_csv_say_the_same_figures(run_cli):
    args = ("overview", "--police-data", str(FIXTURES), "--area", "Spelthorne")
    text = run_cli(*args).stdout
    markdown = run_cli(*args, "-f", "markdown").stdout
    table = run_cli(*args, "-f", "csv").stdout.splitlines()
    assert ATTRIBUTION in text and ATTRIBUTION in markdown
    assert "Missing months: 2023-03" in text
    assert "| Total crime | 6 |" in markdown
    assert table[0] == "month,crime_type,count" and "2023-01,Violence and sexual offences,2" in table
    assert "2023-01,Anti-social behaviour,2" in table


def test_a_bad_aggregate_is_one_line_with_its_place_and_exit_2(run_cli, tmp_path):
    bad = tmp_path / "crime.csv"
    bad.write_text("month,lsoa_code,lsoa_name,crime_type,count\n2023-01,E01030727,Spelthorne 001A,Burglary,x\n")
    result = run_cli("overview", str(bad))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"{bad}:2:5: CRIME-COUNT" in result.stderr


def test_a_plan_without_crime_data_says_what_to_add(run_cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL_TEXT, encoding="utf-8")
    result = run_cli("overview", str(plan))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "the plan has no crime_data" in result.stderr


def test_overview_needs_one_source(run_cli):
    result = run_cli("overview")
    assert result.exit_code == 2 and "give an aggregate CSV" in result.stderr


def test_police_data_takes_several_paths_after_one_flag(run_cli):
    one = run_cli("overview", "--police-data", str(FIXTURES), "--area", "Spelthorne", "-f", "json")
    several = run_cli("overview", "--area", "Spelthorne", "-f", "json", "--police-data", str(FIXTURES / "2023-01"),
                      str(FIXTURES / "2023-02"), str(FIXTURES / "2023-04"))
    assert several.exit_code == 0, several.stderr
    assert json.loads(several.stdout)["counts"] == json.loads(one.stdout)["counts"]
