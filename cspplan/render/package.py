"""Saving a document so that the same input always gives the same bytes, and never half a file.

python-docx stamps zip entries with the time of saving and leaves its own template's
metadata in docProps/core.xml ("python-docx", 2013). Here the core properties come from
the plan, every zip entry gets a fixed date and the file is written to a temporary file
beside the target and renamed over it, so a failed render leaves an earlier output as
it was.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def to_bytes(document, *, when: dt.datetime, author: str, title: str, subject: str,
             language: str = "en-GB", keywords: str = "") -> bytes:
    """The document as reproducible .docx bytes."""
    props = document.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = author
    props.created = when
    props.modified = when
    props.revision = 1
    props.comments = ""
    props.keywords = keywords
    props.category = "Committee report"
    props.language = language
    props.content_status = ""
    raw = io.BytesIO()
    document.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():  # python-docx's member order is already stable
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            zout.writestr(entry, zin.read(info.filename))
    return out.getvalue()


def write_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder, then rename."""
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save(document, target: Path, *, when: dt.datetime, author: str, title: str, subject: str) -> None:
    write_atomic(to_bytes(document, when=when, author=author, title=title, subject=subject), target)
