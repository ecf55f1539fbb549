"""Finding police.uk street files where users keep them: files, folders and zip archives.

A folder is searched recursively for ``*-street.csv`` (the archive's
``YYYY-MM/YYYY-MM-<force>-street.csv`` layout); a ``.zip`` is read in place, one member
at a time, never unpacked to disk. Zip members with absolute paths or ``..`` are
ignored (and counted); a member whose declared size or compression ratio could only be
a zip bomb is refused before a byte of it is inflated.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

from cspplan.errors import InputError

if TYPE_CHECKING:
    import zipfile

STREET_SUFFIX = "-street.csv"
MAX_MEMBER_BYTES = 2 * 1024 ** 3
"""The largest street file read from a zip (a month of the biggest force is about 30 MB)."""
MAX_RATIO = 100
"""The largest compression ratio believed for a CSV member (police.uk's are about 5 to 1)."""
_RATIO_FLOOR = 1024 * 1024
"""Members smaller than this are never refused for their ratio (tiny files compress oddly)."""
_NAME = re.compile(r"(\d{4}-\d{2})-(.+)-street\.csv", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One street file: how to name it in messages, and how to open it (as bytes)."""

    shown: str
    basename: str
    open: Callable[[], BinaryIO]
    path: Path | None = None

    def name_key(self) -> tuple[str, str] | None:
        """(month, force) from a police.uk file name, e.g. ``2023-01-surrey-street.csv``."""
        match = _NAME.fullmatch(self.basename)
        return (match.group(1), match.group(2).lower()) if match else None


@dataclass
class Discovered:
    sources: list[Source]
    unsafe_members: list[str]
    inputs: list[Path]


def discover(paths: list[str | os.PathLike]) -> Discovered:
    """The street files under ``paths``, sorted by file name (so by month, for police.uk's names)."""
    found = Discovered([], [], [])
    for raw in paths:
        path = Path(raw)
        shown = os.fspath(raw)
        if not path.exists():
            raise InputError("no such file or folder", shown)
        if path.is_dir():
            files = sorted(p for p in path.rglob(f"*{STREET_SUFFIX}") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                raise InputError(f"the folder holds no police.uk street files (*{STREET_SUFFIX})", shown)
            for file in files:
                found.sources.append(_file_source(file, os.fspath(file)))
                found.inputs.append(file)
        elif path.suffix.lower() == ".zip":
            found.inputs.append(path)
            _zip_sources(path, shown, found)
        elif path.is_file():
            found.sources.append(_file_source(path, shown))
            found.inputs.append(path)
        else:
            raise InputError("not a regular file or folder", shown)
    # By file name, so that which copy of a repeated crime or month is kept does not depend
    # on the order the paths were given in: the same files always give the same aggregate.
    found.sources.sort(key=lambda s: (s.basename.lower(), s.shown))
    return found


def _file_source(path: Path, shown: str) -> Source:
    return Source(shown, path.name, lambda: open(path, "rb"), path)  # the caller closes it


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return True
    return ".." in re.split(r"[\\/]", name)


def _zip_sources(path: Path, shown: str, found: Discovered) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"not a readable zip archive ({exc})", shown) from None
    members = []
    for info in sorted(infos, key=lambda i: i.filename):
        if info.is_dir() or not info.filename.lower().endswith(STREET_SUFFIX):
            continue
        if _unsafe(info.filename):
            found.unsafe_members.append(f"{shown}:{info.filename}")
            continue
        _check_size(info, shown)
        members.append(info)
    if not members:
        raise InputError(f"the zip archive holds no police.uk street files (*{STREET_SUFFIX})", shown)
    for info in members:
        found.sources.append(Source(f"{shown}:{info.filename}", PurePosixPath(info.filename).name,
                                    _member_opener(path, info.filename)))


def _check_size(info: zipfile.ZipInfo, shown: str) -> None:
    where = f"{shown}:{info.filename}"
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputError(f"the member declares {info.file_size:,} bytes, more than any police.uk file; "
                         "refusing to inflate it", where)
    if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(f"the member would inflate {info.file_size // max(info.compress_size, 1):,} times; "
                         "refusing to inflate what looks like a zip bomb", where)


def _member_opener(path: Path, member: str) -> Callable[[], BinaryIO]:
    def opener() -> BinaryIO:
        import zipfile

        archive = zipfile.ZipFile(path)
        try:
            stream = archive.open(member)
        except BaseException:
            archive.close()
            raise
        return _Member(archive, stream)  # type: ignore[return-value]
    return opener


class _Member:
    """A zip member's stream that closes its archive too."""

    def __init__(self, archive: zipfile.ZipFile, stream) -> None:
        self._archive, self._stream = archive, stream

    def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self._stream.readinto(buffer)

    @property
    def closed(self) -> bool:
        return self._stream.closed

    def close(self) -> None:
        self._stream.close()
        self._archive.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
