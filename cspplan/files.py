"""Writing a file the safe way: the whole of it or nothing.

Every command that writes a file (render, the redline, aggregate, new, import) writes it
here, through a temporary file in the same folder renamed over the target, so that a run
that fails or is killed leaves an earlier output as it was.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

STALE_AFTER_SECONDS = 15 * 60
"""A temporary file of ours older than this was left by a run that was killed."""
_OUR_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def write_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename.

    The new file keeps the permissions of the one it replaces (a confidential paper kept
    at 0600 stays so); a new file gets the usual permissions less the umask. Temporary
    files that a killed run left in the folder are removed first.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    _remove_stale_temporaries(folder)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_stale_temporaries(folder: Path) -> None:
    """Delete ``.NAME.XXXXXXXX.tmp`` files (the pattern of :func:`write_atomic`) that no
    running render can still be writing: older than :data:`STALE_AFTER_SECONDS`."""
    import time

    cutoff = time.time() - STALE_AFTER_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not _OUR_TEMP.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            pass  # gone already, or not ours to remove


def write_text_atomic(text: str, target: Path) -> None:
    """:func:`write_atomic` for text: UTF-8, with the line ends as written."""
    write_atomic(text.encode("utf-8"), target)
