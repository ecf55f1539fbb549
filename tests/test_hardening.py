"""Classes of damaged or hostile input that must end in a clear outcome, never an internal error."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import time
import zipfile

import pytest

from conftest import ROOT, TODAY, dump
from cspplan.loader import load_text

SPELTHORNE = ROOT / "plans" / "spelthorne-2024-26.yaml"
REVIEW = ROOT / "plans" / "spelthorne-2024-26-review-2025-11.yaml"


@pytest.mark.parametrize("year", ["0204", "0001", "0999"])
def test_a_year_below_1000_is_written_into_the_redline_with_four_digits(year, tmp_path, run_cli):
    typo = tmp_path / "typo.yaml"
    text = REVIEW.read_text(encoding="utf-8").replace("  date: 2025-11-18", f"  date: {year}-11-18")
    typo.write_text(text.replace("last_reviewed: 2025-11-18", f"last_reviewed: {year}-11-18"), encoding="utf-8")
    out = tmp_path / "redline.docx"
    result = run_cli("diff", str(SPELTHORNE), str(typo), "--format", "docx", "-o", str(out), "--today", TODAY)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    with zipfile.ZipFile(out) as package:
        document = package.read("word/document.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
    assert f'w:date="{year}-11-18T00:00:00Z"' in document
    assert f">{year}-11-18T00:00:00Z<" in core
    assert f"dated 18 November {int(year)}" in document



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


def _templates(folder):
    """Word files that are not usable templates, each with what the refusal must say."""
    import io

    from docx import Document

    good = io.BytesIO()
    Document().save(good)
    good_bytes = good.getvalue()

    def rezip(name, drop=(), add=None, content_types=None):
        src = zipfile.ZipFile(io.BytesIO(good_bytes))
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                if info.filename in drop:
                    continue
                data = src.read(info.filename)
                if info.filename == "[Content_Types].xml" and content_types:
                    data = data.replace(b"</Types>", content_types + b"</Types>")
                out.writestr(info.filename, data)
            for extra, data in (add or {}).items():
                out.writestr(extra, data)
        return folder / name

    (folder / "notes.docx").write_text("meeting notes", encoding="utf-8")
    (folder / "truncated.docx").write_bytes(good_bytes[: len(good_bytes) // 2])
    bomb = folder / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        with out.open("word/styles.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(200):  # 200 MB of spaces: a few hundred kB compressed
                part.write(chunk)
    return {
        "not-a-zip": (folder / "notes.docx", "not a Word .docx template (it cannot be read as a zip package"),
        "truncated": (folder / "truncated.docx", "not a Word .docx template (it cannot be read as a zip package"),
        "no-document": (rezip("nodoc.docx", drop=("word/document.xml",)), "it has no word/document.xml"),
        "no-styles": (rezip("nostyles.docx", drop=("word/styles.xml",)), "it has no word/styles.xml"),
        "macros": (rezip("macros.docx", add={"word/vbaProject.bin": b"\0" * 64}), "the template contains macros"),
        "macro-type": (rezip("macro-type.docx", content_types=b'<Override PartName="/word/x.xml" ContentType='
                             b'"application/vnd.ms-word.document.macroEnabled.main+xml"/>'),
                       "the template contains macros"),
        "zip-bomb": (bomb, "the template's parts would inflate to more than 128 MB, so it was not opened"),
    }


@pytest.mark.parametrize("command", ["render", "redline"])
def test_unusable_templates_are_refused_in_one_line_by_render_and_the_redline(command, tmp_path, run_cli):
    for case, (template, expected) in _templates(tmp_path).items():
        out = tmp_path / "out.docx"
        if command == "render":
            args = ("render", str(SPELTHORNE), "-o", str(out))
        else:
            args = ("diff", str(SPELTHORNE), str(REVIEW), "--format", "docx", "-o", str(out))
        result = run_cli(*args, "--template", str(template), "--today", TODAY)
        assert result.exit_code == 2, (case, result.stderr)
        assert result.stderr.startswith(f"cspplan: {template}: "), (case, result.stderr)
        assert expected in result.stderr, (case, result.stderr)
        assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr
        assert not out.exists(), case


def test_a_replaced_paper_keeps_its_permissions_and_a_new_one_follows_the_umask(tmp_path, run_cli):
    out = tmp_path / "paper.docx"
    out.write_bytes(b"an earlier, confidential paper")
    os.chmod(out, 0o600)
    assert run_cli("render", str(SPELTHORNE), "-o", str(out), "--today", TODAY).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.docx"
    previous = os.umask(0o077)
    try:
        assert run_cli("render", str(SPELTHORNE), "-o", str(fresh), "--today", TODAY).exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    redline = tmp_path / "redline.docx"
    previous = os.umask(0o027)
    try:
        run_cli("diff", str(SPELTHORNE), str(REVIEW), "--format", "docx", "-o", str(redline), "--today", TODAY)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(redline.stat().st_mode) == 0o640


def test_temporary_files_left_by_a_killed_run_are_removed_on_the_next_write(tmp_path, run_cli):
    stale = tmp_path / ".paper.docx.k3x9_a2q.tmp"
    fresh = tmp_path / ".other.docx.abcd1234.tmp"  # a render still writing, perhaps
    mine = tmp_path / ".notes.txt.tmp"             # not our pattern
    for path in (stale, fresh, mine):
        path.write_bytes(b"partial")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(mine, (an_hour_ago, an_hour_ago))
    assert run_cli("render", str(SPELTHORNE), "-o", str(tmp_path / "paper.docx"), "--today", TODAY).exit_code == 0
    assert not stale.exists()
    assert fresh.exists() and mine.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.tmp", ".other.docx.abcd1234.tmp", "paper.docx"]


def test_only_web_and_email_links_become_hyperlinks_in_the_paper(tmp_path, run_cli):
    links = ("[the strategy](https://example.gov.uk/s) [email us](mailto:csp@example.gov.uk) "
             "[share](smb://fs01/csp) [unc](\\\\fs01\\csp) [word](ms-word:ofe|u|https://x) "
             "[search](search-ms:query=csp) [passwd](/etc/passwd) [win](C:/Windows/win.ini) [up](../..) "
             "<ms-msdt:/id>")
    data = load_text(SPELTHORNE.read_text(encoding="utf-8")).data
    data["context"] = links
    plan = tmp_path / "plan.yaml"
    plan.write_text(dump(data), encoding="utf-8")
    shutil.copy(SPELTHORNE.parent / data["crime_data"]["aggregate"], tmp_path)  # the plan's crime data
    validated = run_cli("validate", str(plan), "--select", "QUALITY-LINK-SCHEME", "--today", TODAY)
    assert validated.exit_code == 1
    assert validated.stdout.count("QUALITY-LINK-SCHEME") == 8
    out = tmp_path / "paper.docx"
    assert run_cli("render", str(plan), "-o", str(out), "--today", TODAY).exit_code == 0
    with zipfile.ZipFile(out) as package:
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
        document = package.read("word/document.xml").decode("utf-8")
    targets = re.findall(r'Target="([^"]+)" TargetMode="External"', rels)
    assert "https://example.gov.uk/s" in targets and "mailto:csp@example.gov.uk" in targets
    assert not [t for t in targets if not t.startswith(("https://", "http://", "mailto:"))]
    words = re.sub(r"<[^>]+>", "", document)
    assert "email us share unc word search passwd win up" in " ".join(words.split())  # kept, as text
