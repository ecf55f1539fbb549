"""Start-up cost: heavy libraries load only in the commands that need them."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PLANS, ROOT

HEAVY = ("jsonschema", "docx", "markdown_it", "lxml")


def modules_after(code: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(proc.stdout.splitlines()[-1]))


def test_importing_the_cli_loads_no_heavy_library():
    loaded = modules_after("import cspplan.cli")
    assert not [m for m in HEAVY if m in loaded]


def test_validating_a_valid_plan_does_not_need_jsonschema():
    loaded = modules_after(
        "from cspplan.cli import main\n"
        f"assert main(['validate', {str(PLANS[0])!r}]) == 0")
    assert not [m for m in HEAVY if m in loaded]


def test_the_command_line_converts_its_options_without_pydantic_or_rich():
    # typer converts option values through pydantic (about 90 ms to import) unless
    # cspplan.cliparams takes over; text output is plain ANSI, not rich (about 30 ms).
    loaded = modules_after(
        "from cspplan.cli import main\n"
        f"assert main(['validate', '--format', 'json', '--fail-on', 'warning', '-j', '1', '--color', 'never',"
        f" '--select', 'quality', {str(PLANS[0])!r}]) in (0, 1)")
    assert not [m for m in ("pydantic", "rich", "xml.sax", "urllib.request", "email") if m in loaded]


def test_the_chart_module_loads_python_docx_and_lxml_only_when_a_chart_is_drawn():
    # The description helpers (alt text in words) serve text output too; rendering a plan
    # without data never imports the chart module at all.
    loaded = modules_after("import cspplan.render.charts as c\n"
                           "c.describe_ranking(['Burglary', 'Drugs'], [3, 2])\n"
                           "c.describe_trend(['Jan 2023', 'Feb 2023'], [('Crime', [1, 2])])")
    assert not [m for m in HEAVY if m in loaded]


def test_import_cspplan_is_cheap():
    loaded = modules_after("import cspplan")
    assert "yaml" not in loaded and "typer" not in loaded


def test_the_crime_data_commands_load_no_heavy_library_and_validate_loads_no_crime_data():
    from crimedata_helpers import FIXTURES

    loaded = modules_after(
        "from cspplan.cli import main\n"
        f"assert main(['overview', '--police-data', {str(FIXTURES)!r}, '--area', 'Spelthorne', '-f', 'json']) == 0")
    assert not [m for m in (*HEAVY, "pandas", "polars", "numpy", "yaml", "zipfile") if m in loaded]
    loaded = modules_after("from cspplan.cli import main\n"
                           f"assert main(['validate', {str(PLANS[0])!r}]) == 0")
    assert "cspplan.crimedata" not in loaded


def test_comparing_versions_and_measures_loads_no_heavy_library():
    """The review's comparisons (cspplan.changes, cspplan.measures) are plain Python: only the
    paper that shows them needs python-docx."""
    loaded = modules_after("import cspplan.changes, cspplan.measures, cspplan.render.change_words")
    assert not [m for m in HEAVY if m in loaded]


def test_the_importer_loads_python_docx_only_when_it_reads_a_file_and_validate_never_loads_it():
    loaded = modules_after("import cspplan.importer.run, cspplan.importer.plan, cspplan.importer.report, "
                           "cspplan.importer.dates, cspplan.importer.writer")
    assert not [m for m in (*HEAVY, "yaml") if m in loaded]
    loaded = modules_after("from cspplan.cli import main\n"
                           f"assert main(['validate', {str(PLANS[0])!r}]) == 0")
    assert "cspplan.importer" not in loaded


def test_validating_a_plan_with_crime_data_reads_its_aggregate_without_the_overview_or_the_raw_file_reader():
    plan = ROOT / "plans" / "spelthorne-2024-26.yaml"  # names crime_data.aggregate
    loaded = modules_after("from cspplan.cli import main\n"
                           f"assert main(['validate', '-f', 'json', {str(plan)!r}]) in (0, 1)")
    assert "cspplan.crimedata.aggregate" in loaded
    assert not [m for m in ("cspplan.crimedata.overview", "cspplan.crimedata.reader", "cspplan.crimedata.sources")
                if m in loaded]
    # The names the package offers are all still there, imported on first use.
    import cspplan.crimedata as crimedata

    assert all(getattr(crimedata, name) is not None for name in crimedata.__all__)
