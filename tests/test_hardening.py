"""Classes of damaged or hostile input that must end in a clear outcome, never an internal error."""

from __future__ import annotations

import os
import shutil
import subprocess
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



@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", ["render", "diff-old", "diff-new", "review", "changes-since"])
def test_a_pipe_is_refused_by_every_command_not_read(command, tmp_path, run_cli):
    pipe = tmp_path / "plan.yaml"
    os.mkfifo(pipe)
    out = str(tmp_path / "out.docx")
    args = {
        "render": ("render", str(pipe), "-o", out),
        "diff-old": ("diff", str(pipe), str(SPELTHORNE)),
        "diff-new": ("diff", str(SPELTHORNE), str(pipe)),
        "review": ("review", str(pipe)),
        "changes-since": ("render", str(REVIEW), "-o", out, "--changes-since", str(pipe)),
    }[command]
    result = run_cli(*args)  # blocks for ever if the pipe is opened
    assert (result.exit_code, result.stderr) == (2, f"cspplan: {pipe}: not a regular file\n")
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_a_huge_file_in_git_is_refused_from_its_size_before_it_is_read(tmp_path, run_cli, monkeypatch):
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ["PATH"], "HOME": str(tmp_path)}

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, env=env)
    git("init", "-q")
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"# " + b"x" * (9 * 1024 * 1024) + b"\n")
    git("add", ".")
    git("commit", "-q", "-m", "huge")
    plan.write_text(SPELTHORNE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "plan.yaml", "--rev", "HEAD")
    assert (result.exit_code, result.stderr) == (
        2, "cspplan: HEAD:plan.yaml: the file at revision HEAD is larger than 8 MB, the most cspplan reads\n")
