"""Classes of damaged or hostile input that must end in a clear outcome, never an internal error."""

from __future__ import annotations

import zipfile

import pytest

from conftest import ROOT, TODAY

SPELTHORNE = ROOT / "plans" / "spelthorne-2024-26.yaml"
REVIEW = ROOT / "plans" / "spelthorne-2024-26-review-2025-11.yaml"


@pytest.mark.parametrize("year", ["0204", "0001", "0999"])
def test_a_year_below_1000_is_written_into_the_redline_with_four_digits(year, tmp_path, run_cli):
    typo = tmp_path / "typo.yaml"
    typo.write_text(REVIEW.read_text(encoding="utf-8").replace("  date: 2025-11-18", f"  date: {year}-11-18"),
                    encoding="utf-8")
    out = tmp_path / "redline.docx"
    result = run_cli("diff", str(SPELTHORNE), str(typo), "--format", "docx", "-o", str(out), "--today", TODAY)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    with zipfile.ZipFile(out) as package:
        document = package.read("word/document.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert f'w:date="{year}-11-18T00:00:00Z"' in document
    assert f">{year}-11-18T00:00:00Z<" in core
    assert f"on 18 November {int(year)}" in document

