"""The aggregate file: what `cspplan aggregate` writes, and every problem found reading one back."""

from __future__ import annotations

import csv

import pytest

from crimedata_helpers import FIXTURES, independent_counts
from cspplan.crimedata import AGGREGATE_HEADER, load_aggregate

HEAD = ",".join(AGGREGATE_HEADER)


def test_aggregate_writes_the_counts_and_a_one_line_summary(run_cli, tmp_path):
    out = tmp_path / "spelthorne-crime.csv"
    result = run_cli("aggregate", str(FIXTURES), "--area", "Spelthorne", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    located, not_located = independent_counts(sorted(FIXTURES.rglob("*-street.csv")), "Spelthorne")
    got_located, got_not = {}, {}
    for row in rows:
        target = got_located if row["lsoa_code"] else got_not
        key = (row["month"], row["crime_type"])
        target[key] = target.get(key, 0) + int(row["count"])
    assert got_located == dict(located) and got_not == dict(not_located)
    summary = [line for line in result.stderr.splitlines() if "rows read" in line]
    assert len(summary) == 1
    assert "3 months" in summary[0] and "16 rows read" in summary[0] and "6 crimes" in summary[0]
    assert "4 ASB incidents" in summary[0] and "2 not located" in summary[0]
    assert "1 duplicate crimes skipped" in summary[0] and "missing months: 2023-03" in summary[0]
    assert "\r" not in result.stderr  # no progress when stderr is not a terminal


def test_the_aggregate_is_sorted_and_byte_identical_run_to_run(run_cli, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    run_cli("aggregate", str(FIXTURES), "--area", "spelthorne", "-o", str(first))
    run_cli("aggregate", str(FIXTURES / "2023-04"), str(FIXTURES / "2023-02"), str(FIXTURES / "2023-01"),
            "--area", "Spelthorne", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text().splitlines()
    assert lines[0] == HEAD
    keys = [(r[0], r[1], r[3]) for r in csv.reader(lines[1:])]
    assert keys == sorted(keys)
    assert "2023-01,,,Other theft,1" in lines


def test_aggregate_refuses_to_write_over_an_input_and_writes_nothing_on_bad_input(run_cli, tmp_path):
    raw = tmp_path / "2023-01-surrey-street.csv"
    raw.write_bytes((FIXTURES / "2023-01" / "2023-01-surrey-street.csv").read_bytes())
    before = raw.read_bytes()
    result = run_cli("aggregate", str(raw), "--area", "Spelthorne", "-o", str(raw))
    assert result.exit_code == 2 and "overwrite an input" in result.stderr
    assert raw.read_bytes() == before
    bad = tmp_path / "bad-street.csv"
    bad.write_text("not,a,police,file\n")
    out = tmp_path / "out.csv"
    result = run_cli("aggregate", str(raw), str(bad), "--area", "Spelthorne", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and str(bad) in result.stderr
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_area_that_matches_nothing_exits_2_with_a_suggestion(run_cli, tmp_path):
    out = tmp_path / "out.csv"
    result = run_cli("aggregate", str(FIXTURES), "--area", "Spelthorn", "-o", str(out))
    assert result.exit_code == 2
    assert "did you mean 'Spelthorne'" in result.stderr and not out.exists()


# -- reading the aggregate back ---------------------------------------------------------------

def _load(tmp_path, text: str | bytes):
    path = tmp_path / "crime.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_aggregate(path)


GOOD = "2023-01,E01030727,Spelthorne 001A,Burglary,3\n"


@pytest.mark.parametrize("row, code, column", [
    ("2023-1,E01030727,Spelthorne 001A,Burglary,3", "CRIME-MONTH", 1),
    ("2023-13,E01030727,Spelthorne 001A,Burglary,3", "CRIME-MONTH", 1),
    ("2023-01,E0103072,Spelthorne 001A,Burglary,3", "CRIME-LSOA", 2),
    ("2023-01,E01030727,,Burglary,3", "CRIME-LSOA", 3),
    ("2023-01,E01030727,Spelthorne 001A,Burglery,3", "CRIME-TYPE", 4),
    ("2023-01,E01030727,Spelthorne 001A,Burglary,-2", "CRIME-COUNT", 5),
    ("2023-01,E01030727,Spelthorne 001A,Burglary,2.5", "CRIME-COUNT", 5),
    ("2023-01,E01030727,Spelthorne 001A,Burglary,0", "CRIME-COUNT", 5),
    ("2023-01,E01030727,Spelthorne 001A,Burglary", "CRIME-ROW", 1),
    ("2023-01,E01030727,Spelthorne 001A,Burglary,3", "CRIME-DUPLICATE", 1),
])
def test_each_problem_in_an_aggregate_is_a_located_finding(tmp_path, row, code, column):
    aggregate, findings = _load(tmp_path, f"{HEAD}\n{GOOD}{row}\n")
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [(code, 3, column)]
    assert findings[0].location.file.endswith("crime.csv")


def test_a_mistyped_crime_type_gets_a_suggestion(tmp_path):
    _, findings = _load(tmp_path, f"{HEAD}\n2023-01,E01030727,Spelthorne 001A,Burglery,3\n")
    assert "did you mean 'Burglary'" in findings[0].message


def test_a_wrong_header_or_encoding_makes_the_file_unusable(tmp_path):
    aggregate, findings = _load(tmp_path, "Month,LSOA,Type,Count\n2023-01,E01030727,Burglary,3\n")
    assert aggregate is None and [(f.rule, f.location.line) for f in findings] == [("CRIME-HEADER", 1)]
    aggregate, findings = _load(tmp_path, f"{HEAD}\n{GOOD}".encode("utf-16"))
    assert aggregate is None and findings[0].rule == "CRIME-FILE"
    aggregate, findings = _load(tmp_path, f"{HEAD}\n{GOOD}".encode() + "2023-02,E01030727,Sp\xe9,Drugs,1\n"
                                .encode("latin-1"))
    assert aggregate is None and (findings[0].rule, findings[0].location.line) == ("CRIME-FILE", 3)


def test_a_gap_in_the_months_is_a_warning(tmp_path):
    aggregate, findings = _load(tmp_path, f"{HEAD}\n{GOOD}2023-03,E01030727,Spelthorne 001A,Burglary,1\n")
    assert [(f.rule, f.severity.label) for f in findings] == [("CRIME-GAP", "warning")]
    assert "2023-02" in findings[0].message
    assert aggregate is not None and aggregate.missing_months == ("2023-02",)


def test_a_file_rewritten_at_once_with_the_same_size_is_read_afresh(tmp_path):
    # Reading the same file twice in one run is served from the first parse; a file
    # changed in between (same size, same clock tick) must never give the old counts.
    first, _ = _load(tmp_path, f"{HEAD}\n{GOOD}")
    second, findings = _load(tmp_path, f"{HEAD}\n{GOOD.replace(',3', ',7')}")
    assert [c.count for c in first.cells] == [3] and [c.count for c in second.cells] == [7]
    again, findings_again = _load(tmp_path, f"{HEAD}\n{GOOD.replace(',3', ',7')}")
    assert again == second and findings_again == findings == []
    findings_again.append("changed by a caller")
    assert load_aggregate(tmp_path / "crime.csv")[1] == []


def test_what_aggregate_writes_loads_back_without_findings(run_cli, tmp_path):
    out = tmp_path / "crime.csv"
    run_cli("aggregate", str(FIXTURES / "2023-01"), str(FIXTURES / "2023-02"), "--area", "Spelthorne",
            "-o", str(out))
    aggregate, findings = load_aggregate(out)
    assert findings == [] and aggregate is not None
    # January: 6 rows in Spelthorne or not located in Surrey's file, 1 in the Met's; February: 4, one a repeat
    assert sum(c.count for c in aggregate.cells) == 6 + 1 + 4 - 1


def test_the_crime_codes_are_explained(run_cli):
    result = run_cli("explain", "crime-duplicate")
    assert result.exit_code == 0 and "twice" in result.stdout
    listing = run_cli("rules", "--family", "crime")
    assert listing.exit_code == 0 and "CRIME-GAP" in listing.stdout and "CRIME-MONTH" in listing.stdout


def test_progress_shows_on_a_terminal_only(run_cli, tmp_path, monkeypatch):
    import io
    import sys

    from cspplan.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["aggregate", str(FIXTURES), "--area", "Spelthorne", "-o", str(tmp_path / "a.csv")]) == 0
    assert "\rcspplan: read 4 of 4 files, 16 rows" in err.getvalue()
    monkeypatch.setenv("CI", "true")
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["aggregate", str(FIXTURES), "--area", "Spelthorne", "-o", str(tmp_path / "b.csv")]) == 0
    assert "\r" not in err.getvalue()


def test_lsoa_codes_on_the_command_line_and_a_code_with_no_rows(run_cli, tmp_path):
    out = tmp_path / "crime.csv"
    result = run_cli("aggregate", str(FIXTURES), "--lsoa", "E01030750,E01099999", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "warning: no rows for LSOA codes E01099999" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert {r["lsoa_code"] for r in rows} == {"", "E01030750"}


def test_rows_in_any_order_give_the_same_aggregate_as_rows_in_order(tmp_path):
    rows = ["2023-01,,,Burglary,2", "2023-01,E01030727,Spelthorne 001A,Burglary,3",
            "2023-01,E01030727,Spelthorne 001A,Drugs,1", "2023-02,E01030728,Spelthorne 001B,Burglary,4"]
    in_order, findings = _load(tmp_path, HEAD + "\n" + "\n".join(rows) + "\n")
    assert findings == []
    shuffled, findings = _load(tmp_path, HEAD + "\n" + "\n".join([rows[2], rows[3], rows[0], rows[1]]) + "\n")
    assert findings == [] and shuffled == in_order
    assert [(c.month, c.lsoa_code, c.crime_type) for c in shuffled.cells] == sorted(
        (r.split(",")[0], r.split(",")[1], r.split(",")[3]) for r in rows)


def test_a_month_in_the_lsoa_column_is_reported_even_after_the_same_text_was_a_month(tmp_path):
    # Each distinct month and LSOA code is checked once; a text valid as one is not valid as the other.
    _, findings = _load(tmp_path, f"{HEAD}\n2023-01,,,Burglary,2\n2023-01,2023-01,Spelthorne 001A,Burglary,3\n"
                                  "E01030727,E01030727,Spelthorne 001A,Drugs,1\n")
    assert [(f.rule, f.location.line, f.location.column) for f in findings] == [("CRIME-LSOA", 3, 2),
                                                                               ("CRIME-MONTH", 4, 1)]
