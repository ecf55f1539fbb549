"""The command line: exit codes, streams, formats and colour, as CI and officers see them."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import COMPLIANT_TEXT, MINIMAL_TEXT, PLANS, ROOT, TODAY
from cspplan import output


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_plan_exits_0_with_a_summary(run_cli, tmp_path):
    plan = write(tmp_path, "plan.yaml", COMPLIANT_TEXT)
    result = run_cli("validate", "--today", TODAY, str(plan))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "1 file checked: no problems found (law as at 2025-06-01, the approval date)\n"


def test_findings_exit_1_with_compiler_style_lines(run_cli, tmp_path):
    plan = write(tmp_path, "plan.yaml", MINIMAL_TEXT.replace("priorities:", "prioritys:"))
    result = run_cli("validate", str(plan))
    assert result.exit_code == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert f"{plan}:21:1: error SCHEMA unknown field 'prioritys'" in lines
    assert "    help: did you mean 'priorities'?" in lines
    assert lines[-1] == "2 errors in 1 of 1 file"


def test_missing_file_exits_2_with_one_line_on_stderr(run_cli, tmp_path):
    plan = write(tmp_path, "plan.yaml", COMPLIANT_TEXT)
    result = run_cli("validate", "--today", TODAY, str(plan), str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr == f"cspplan: {tmp_path / 'nope.yaml'}: no such file or directory\n"
    assert "1 file checked" in result.stdout  # the readable file is still checked


def test_directory_without_plans_is_unusable(run_cli, tmp_path):
    result = run_cli("validate", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"cspplan: {tmp_path}: no .yaml or .yml files in this directory\n"


def test_usage_errors_exit_2_with_one_line(run_cli):
    for args, text in [(("validate", "--formt", "json", "x"), "No such option: --formt"),
                       (("validate",), "Missing argument 'PATH...'"),
                       (("validate", "--format", "xml", "x"), "Invalid value for '--format'"),
                       (("frobnicate",), "No such command 'frobnicate'")]:
        result = run_cli(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and text in result.stderr, result.stderr


def test_fail_on_warning_and_info(run_cli, tmp_path):
    plan = write(tmp_path, "plan.yaml", COMPLIANT_TEXT)
    for level in ("error", "warning", "info"):
        assert run_cli("validate", "--today", TODAY, "--fail-on", level, str(plan)).exit_code == 0
    # A two-year plan is only a warning (REG07-R10-PERIOD), so it fails only --fail-on warning.
    short = write(tmp_path, "short.yaml", COMPLIANT_TEXT.replace("end: 2028-03-31", "end: 2027-03-31"))
    assert run_cli("validate", "--today", TODAY, str(short)).exit_code == 0
    assert run_cli("validate", "--today", TODAY, "--fail-on", "warning", str(short)).exit_code == 1


def test_json_is_one_document_on_stdout_even_in_a_narrow_pipe(run_cli, tmp_path):
    bad = write(tmp_path, "bad.yaml", MINIMAL_TEXT.replace("status: draft", "status: approvd"))
    good = write(tmp_path, "good.yaml", COMPLIANT_TEXT)
    result = run_cli("validate", "--format", "json", "--today", TODAY, str(tmp_path), env={"COLUMNS": "20"})
    assert result.exit_code == 1 and result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["format_version"] == 1 and doc["status"] == "fail"
    assert doc["files"] == [{"path": str(bad), "as_of": None, "as_of_reason": None, "jurisdiction": None,
                             "not_applicable": []},
                            {"path": str(good), "as_of": "2025-06-01", "as_of_reason": "the approval date",
                             "jurisdiction": "england", "not_applicable": [
                                 {"rule": "EXEC12-R9-KEYDEC",
                                  "reason": "the report does not say the decision is a key decision"},
                                 {"rule": "LGA72-SCH12A-E",
                                  "reason": "the report is not exempt information under Schedule 12A"},
                                 {"rule": "LGA72-SCH12A-PIT",
                                  "reason": "the report is not exempt information under Schedule 12A"}]}]
    assert doc["summary"] == {"files": 2, "error": 1, "warning": 0, "info": 0, "waived": 0}
    [finding] = doc["findings"]
    assert finding == {
        "file": str(bad), "line": 18, "column": 9, "pointer": "/status", "rule": "SCHEMA",
        "severity": "error", "message": "'approvd' is not an allowed value for 'status'",
        "hint": "did you mean 'approved'? allowed values: draft, consultation, approved, superseded",
        "citation": None, "url": None, "waived": None,
    }


def test_json_reports_unreadable_inputs(run_cli, tmp_path):
    result = run_cli("validate", "-f", "json", str(tmp_path / "gone.yaml"))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["status"] == "error"
    assert doc["input_errors"] == [{"path": str(tmp_path / "gone.yaml"), "message": "no such file or directory"}]


def test_colour_follows_no_color_and_the_option(run_cli, tmp_path):
    plan = write(tmp_path, "plan.yaml", MINIMAL_TEXT.replace("status: draft", "status: x"))
    assert "\x1b[" not in run_cli("validate", str(plan)).stdout  # not a terminal
    assert "\x1b[" in run_cli("validate", "--color", "always", str(plan)).stdout
    assert "\x1b[" in run_cli("validate", str(plan), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run_cli("validate", str(plan), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run_cli("validate", "--color", "never", str(plan), env={"FORCE_COLOR": "1"}).stdout


def test_messages_with_brackets_are_printed_literally(run_cli, tmp_path):
    plan = write(tmp_path, "plan.yaml", MINIMAL_TEXT.replace("status: draft", "status: '[bold]x[/bold]'"))
    result = run_cli("validate", "--color", "always", str(plan))
    assert "'[bold]x[/bold]'" in result.stdout


def test_schema_command_prints_the_schema(run_cli):
    result = run_cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads((ROOT / "schemas" / "plan-v1.schema.json").read_text())


def test_format_choices_come_from_the_output_protocol():
    from cspplan.cli import DiffFormat, FindingsFormat, ReviewFormat

    assert [f.value for f in FindingsFormat] == list(output.formats("validate")) == list(output.formats("check-docx"))
    assert [f.value for f in DiffFormat] == [*output.formats("diff"), "docx"]
    assert [f.value for f in ReviewFormat] == list(output.formats("review"))


def test_version(run_cli):
    from cspplan import __version__

    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"cspplan {__version__}\n")


def test_python_dash_m_and_the_example_plans(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "cspplan", "validate", "--today", "2025-11-01", *map(str, PLANS)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 errors" not in proc.stdout and "error" not in proc.stdout.splitlines()[-1]
    help_proc = subprocess.run([sys.executable, "-m", "cspplan", "--help"], capture_output=True, text=True)
    assert help_proc.returncode == 0 and "validate" in help_proc.stdout


def test_the_command_ends_with_its_output_flushed_and_its_exit_status(tmp_path):
    # The command ends the process without tidying up (it is faster): everything it
    # printed must still arrive, and the status must be the one main() returned.
    missing = tmp_path / "missing.yaml"
    proc = subprocess.run([sys.executable, "-m", "cspplan", "validate", "--format", "json", *map(str, PLANS),
                           str(missing)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == [*map(str, PLANS)]
    assert proc.stderr == f"cspplan: {missing}: no such file or directory\n"


def test_bad_option_values_are_one_line_each_and_exit_2(run_cli):
    cases = {
        ("validate", "--format", "xml", "plans"): "Invalid value for '--format' / '-f': 'xml' is not one of "
                                                  "text, json, sarif, junit, github",
        ("validate", "--jobs", "0", "plans"): "Invalid value for '--jobs' / '-j': 0 is less than 1",
        ("validate", "--jobs", "two", "plans"): "Invalid value for '--jobs' / '-j': 'two' is not a whole number",
        ("diff", "a.yaml", "b.yaml", "--format", "pdf"): "Invalid value for '--format' / '-f': 'pdf' is not one "
                                                         "of text, json, markdown, docx",
    }
    for args, message in cases.items():
        result = run_cli(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr.startswith(f"cspplan: {message} (see 'cspplan {args[0]} --help')"), result.stderr
        assert result.stderr.count("\n") == 1


def test_options_arrive_as_the_types_the_commands_declare():
    from enum import Enum
    from pathlib import Path
    from typing import List, Optional

    from cspplan.cliparams import convert

    class Colour(str, Enum):
        auto = "auto"

    assert convert(List[Path], ("a.yaml", "b")) == [Path("a.yaml"), Path("b")]
    assert convert(Optional[str], "2025-07-01") == "2025-07-01"
    assert convert(Optional[int], "3", 1) == 3
    assert convert(Colour, "auto") is Colour.auto
    assert convert(bool, "yes") is True
