"""Where a plan comes from: a file, or a file as it was at a git revision."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

from cspplan.errors import CspplanError, InputError
from cspplan.loader import MAX_BYTES, read_file


def read(spec: str, rev: str | None = None) -> tuple[str, bytes]:
    """The name to show and the bytes of a plan.

    ``spec`` is a path; with ``rev`` it is read as it was at that git revision. A spec of
    the form ``REV:path`` that is not itself a file is read from git too.
    """
    if rev is not None:
        return f"{rev}:{spec}", _git_show(rev, Path(spec))
    if not os.path.exists(spec) and ":" in spec and not _drive_letter(spec):
        revision, _, path = spec.partition(":")
        return spec, _git_show(revision, Path(path))
    try:
        mode = os.stat(spec).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory, not a plan file", spec)
        if not stat.S_ISREG(mode):  # a pipe or a device would block, or never end
            raise InputError("not a regular file", spec)
        return spec, read_file(Path(spec))
    except OSError as exc:
        raise InputError((exc.strerror or str(exc)).lower(), spec) from None


def _drive_letter(spec: str) -> bool:
    return len(spec) > 1 and spec[1] == ":" and spec[0].isalpha()


def _git_show(revision: str, path: Path) -> bytes:
    if not revision or revision.startswith("-"):
        raise CspplanError(f"'{revision}' is not a git revision")
    git = shutil.which("git")
    if git is None:
        raise CspplanError("reading a plan at a git revision needs git, which is not installed")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("no such folder", str(path.parent))
    size = _git(git, ["cat-file", "-s", f"{revision}:./{path.name}"], folder, revision, path)
    if int(size.decode("ascii", "replace").strip() or 0) > MAX_BYTES:
        raise InputError(f"the file at revision {revision} is larger than {MAX_BYTES // (1024 * 1024)} MB, "
                         "the most cspplan reads", f"{revision}:{path}")
    return _git(git, ["cat-file", "blob", f"{revision}:./{path.name}"], folder, revision, path)


def _git(git: str, args: list[str], folder: Path, revision: str, path: Path) -> bytes:
    proc = subprocess.run([git, *args], cwd=folder, capture_output=True, timeout=60)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else "git could not read it"
        if "not a git repository" in reason:
            reason = "the folder is not in a git repository"
        elif "does not exist in" in reason or "exists on disk, but not in" in reason:
            reason = f"the file does not exist at revision {revision}"
        elif ("invalid object name" in reason or "unknown revision" in reason or "bad revision" in reason
              or "Not a valid object name" in reason):
            reason = f"unknown revision '{revision}'"
        raise InputError(reason.removeprefix("fatal: "), f"{revision}:{path}")
    return proc.stdout
