"""Appendix B from the plan's data: its tables, chart figures and alt text agree with counts made
here from the raw rows (or the fixture aggregate), like for like, ASB apart; the chart
module loads only for a plan with data; LibreOffice draws the charts."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest

from conftest import ROOT
from cspplan.render.api import render

SHARED = ROOT.parent / "shared" / "data" / "police-uk"
SPELTHORNE = ROOT / "plans" / "spelthorne-2024-26.yaml"
EVERY = ROOT / "tests" / "fixtures" / "every-field.yaml"
FIXTURE = ROOT / "tests" / "fixtures" / "crime-two-years.csv"
ASB = "Anti-social behaviour"


def _appendix_tables(path: Path) -> dict[str, list[list[str]]]:
    """Appendix B's tables by their caption (tblCaption), each as rows of cell text."""
    document = docx.Document(path)
    tables = {}
    for table in document.tables:
        caption = table._tbl.xpath("./w:tblPr/w:tblCaption/@w:val")
        if caption:
            tables[caption[0]] = [[c.text for c in row.cells] for row in table.rows]
    return tables


def _table(tables: dict, start: str) -> list[list[str]]:
    return next(rows for caption, rows in tables.items() if caption.startswith("Table") and start in caption)


def _charts(path: Path) -> list[tuple[str, dict[str, list[int]], list[str]]]:
    """(alt text, {series name: cached values}, categories) of each chart, in document order."""
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        alts = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
        names = sorted((n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)),
                       key=lambda n: int(re.sub(r"\D", "", n)))
        charts = []
        for name, alt in zip(names, alts, strict=True):
            xml = z.read(name).decode()
            series = {}
            for ser in re.findall(r"<c:ser>.*?</c:ser>", xml, re.S):
                title = re.search(r"<c:tx>.*?<c:v>([^<]*)</c:v>", ser, re.S).group(1)
                values = re.search(r"<c:val>.*?</c:val>", ser, re.S).group(0)
                series[title] = [int(v) for v in re.findall(r"<c:v>([^<]*)</c:v>", values)]
                cats = re.findall(r"<c:v>([^<]*)</c:v>", re.search(r"<c:cat>.*?</c:cat>", ser, re.S).group(0))
            charts.append((alt.replace("&amp;", "&"), series, cats))
        return charts


def _fixture_counts() -> Counter:
    counts: Counter = Counter()
    with open(FIXTURE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["lsoa_code"]:
                counts[(row["month"], row["crime_type"])] += int(row["count"])
    return counts


def _render(plan: Path, tmp_path: Path) -> Path:
    out = tmp_path / "paper.docx"
    render(plan, out, today=dt.date(2024, 9, 1))
    return out


def test_two_years_compare_the_latest_12_months_with_the_previous_12(tmp_path):
    out = _render(EVERY, tmp_path)
    counts = _fixture_counts()
    years = ("2022", "2023")
    crime = {y: sum(n for (m, t), n in counts.items() if m.startswith(y) and t != ASB) for y in years}
    asb = {y: sum(n for (m, t), n in counts.items() if m.startswith(y) and t == ASB) for y in years}
    totals = _table(_appendix_tables(out), "latest 12 months against the previous 12")
    assert totals[0] == ["What is counted", "Previous 12 months", "Latest 12 months", "Change"]
    assert totals[1][:3] == ["Total crime", f"{crime['2022']:,}", f"{crime['2023']:,}"]
    assert totals[2][1:3] == [f"{asb['2022']:,}", f"{asb['2023']:,}"]   # ASB apart, never in total crime
    by_type = _table(_appendix_tables(out), "every crime type")
    rows = {r[0]: r for r in by_type[1:]}
    for crime_type in {t for (_, t) in counts if t != ASB}:
        before = sum(n for (m, t), n in counts.items() if t == crime_type and m.startswith("2022"))
        after = sum(n for (m, t), n in counts.items() if t == crime_type and m.startswith("2023"))
        assert rows[crime_type][1:3] == [f"{before:,}", f"{after:,}"]
        if min(before, after) < 20:
            assert rows[crime_type][3] == f"{after - before:+,} (small numbers)"
        else:
            assert rows[crime_type][3] == f"{after - before:+,} ({100 * (after - before) / before:+.1f}%)"
    assert ASB not in rows and rows["Total crime"][2] == f"{crime['2023']:,}"


def test_twelve_months_of_data_make_no_comparison(tmp_path):
    rows = [line for line in FIXTURE.read_text().splitlines() if not line.startswith("2022")]
    (tmp_path / "crime-two-years.csv").write_text("\n".join(rows) + "\n")
    shutil.copy(EVERY, tmp_path / "plan.yaml")
    out = _render(tmp_path / "plan.yaml", tmp_path)
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "There are only 12 months of data (January 2023 to December 2023), so no comparison" in text
    tables = _appendix_tables(out)
    assert not any("Previous 12 months" in rows[0] for rows in tables.values())
    assert _charts(out)[1][0].count("against") == 0     # the ranking's alt text compares with nothing


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared police.uk data is not here")
def test_spelthorne_appendix_b_agrees_with_the_raw_rows(tmp_path):
    located: Counter = Counter()
    for path in sorted(SHARED.glob("*/*-street.csv")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["LSOA name"].rsplit(" ", 1)[0] == "Spelthorne":
                    located[(row["Month"], row["Crime type"])] += 1
    months = sorted({m for m, _ in located})
    crime = [sum(n for (m, t), n in located.items() if m == month and t != ASB) for month in months]
    asb = [located[(month, ASB)] for month in months]
    out = _render(SPELTHORNE, tmp_path)
    tables = _appendix_tables(out)
    assert _table(tables, "total crime and anti-social behaviour")[1:] == [
        ["Total crime", f"{sum(crime):,}"], ["Anti-social behaviour (not in total crime)", f"{sum(asb):,}"]]
    monthly = _table(tables, "each month")
    assert [r[1:] for r in monthly[1:]] == [[f"{c:,}", f"{a:,}"] for c, a in zip(crime, asb, strict=True)]
    (trend_alt, trend, _), (rank_alt, ranking, names) = _charts(out)
    assert trend == {"Crime": crime, "Anti-social behaviour": asb}
    assert f"Crime: {sum(crime):,} in total" in trend_alt
    assert f"Anti-social behaviour: {sum(asb):,} in total" in trend_alt
    by_type: Counter = Counter()
    for (_, t), n in located.items():
        by_type[t] += n
    ranked = sorted((t for t in by_type if t != ASB), key=lambda t: (-by_type[t], t))
    assert names == ranked[:6] and list(ranking.values())[0] == [by_type[t] for t in ranked[:6]]
    lead = ranked[0]
    assert rank_alt.startswith(f"{lead} was the largest category, {by_type[lead]:,} of {sum(crime):,} crimes")
    every = _table(tables, "every crime type")
    assert [r[0] for r in every[1:-1]] == ranked and every[-1][:2] == ["Total crime", f"{sum(crime):,}"]


def _modules(code: str) -> set[str]:
    import json
    import sys

    proc = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(proc.stdout.splitlines()[-1]))


def test_the_chart_module_loads_only_for_a_plan_with_data(tmp_path):
    without = ROOT / "plans" / "spelthorne-2024-26-review-2025-11.yaml"
    render_code = "from cspplan.render.api import render\nrender({!r}, {!r})"
    loaded = _modules(render_code.format(str(without), str(tmp_path / "a.docx")))
    assert "cspplan.render.charts" not in loaded and "cspplan.render.overview" not in loaded
    loaded = _modules(f"from cspplan.cli import main\nmain(['validate', {str(EVERY)!r}])")
    assert "cspplan.render.charts" not in loaded
    loaded = _modules(render_code.format(str(EVERY), str(tmp_path / "b.docx")))
    assert "cspplan.render.charts" in loaded


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext is not installed")
def test_libreoffice_draws_the_charts_with_their_figures(tmp_path):
    out = _render(EVERY, tmp_path)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   capture_output=True, check=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "paper.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    (_, _, _), (_, ranking, names) = _charts(out)
    assert "Crime and anti-social behaviour each month" in text
    assert f"The {len(names)} largest crime types" in text
    labelled = [line for line in text.splitlines() if line.strip().startswith(names[0])]
    assert any(line.split()[-1] == f"{list(ranking.values())[0][0]:,}" for line in labelled), labelled
