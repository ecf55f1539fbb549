"""Shared test helpers: the example plans, a minimal plan, and an in-process CLI runner."""

from __future__ import annotations

import copy
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLANS = sorted((ROOT / "plans").glob("*.yaml"))
MINIMAL_TEXT = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
# A complete plan that meets every rule when judged with --today 2025-07-01.
COMPLIANT_TEXT = (FIXTURES / "base-england.yaml").read_text(encoding="utf-8")
TODAY = "2025-07-01"


def minimal_data() -> dict:
    """The minimal plan as data (a fresh copy every call)."""
    from cspplan.loader import load_text

    return copy.deepcopy(load_text(MINIMAL_TEXT).data)


def council_template():
    """A council's Word template as python-docx makes one, with its headings darkened: the
    Word 2010 blue (#4F81BD) it starts with is below WCAG AA contrast, and cspplan refuses
    to write a paper that fails it."""
    import docx
    from docx.shared import RGBColor

    template = docx.Document()
    for style in template.styles:
        if style.name.startswith(("Heading", "Title")):
            style.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    return template


def dump(data: dict) -> str:
    """YAML text for plan data, with dates and versions kept as text."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(monkeypatch):
    """Run `cspplan ARGS...` in this process; returns exit code, stdout and stderr apart."""

    def run(*args: str, env: dict[str, str] | None = None) -> CliResult:
        from cspplan.cli import main

        for name in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name, raising=False)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = main(list(args))
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files from the current output (then review the diff).")


@pytest.fixture
def golden(request):
    """Compare text with a file under tests/golden; --update-golden rewrites the file."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = Path(__file__).resolve().parent / "golden" / name
        if update or not path.exists():
            path.write_text(actual, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} did not exist; written it - review and commit it")
        assert actual == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name}"

    return check
