"""Reading raw police.uk street files into the counts for one area, as a stream.

:func:`read_police_data` reads each file once, a block of lines at a time, and keeps
only the counts (and the Crime IDs of the area's crimes, to skip repeats): memory does
not grow with the number of months. The area is picked by LSOA (:class:`Area`), never
by force.

Speed: police.uk files quote nothing, so a file without a ``"`` is split on commas
directly, and only the lines that could matter are split at all: those holding the
district name as an LSOA name (``,Spelthorne 0``), one of the LSOA codes, or ``,,,``
(an empty LSOA code and name, which every crime police.uk could not locate has). Each
such line is then checked field by field, so the pre-filter can only save work, never
change a count. A file with any ``"`` is read with the csv module instead.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cspplan.crimedata.aggregate import Aggregate, Cell
from cspplan.crimedata.area import Area
from cspplan.crimedata.constants import ASB, CRIME_TYPES, STREET_HEADER, district, month_range
from cspplan.crimedata.sources import Source, discover
from cspplan.errors import InputError

CHUNK = 4 * 1024 * 1024
_FIELDS = len(STREET_HEADER)
_MONTH = re.compile(rb"\d{4}-(0[1-9]|1[0-2])")
_TYPES = {t.encode(): t for t in CRIME_TYPES}
_HEADER_BYTES = ",".join(STREET_HEADER).encode()

Progress = Callable[[int, int, int, str], None]
"""``progress(files_done, files_total, rows_read, current_file)``, called after each file."""


@dataclass
class ImportStats:
    """What reading the raw files found, for the one-line summary and the overview's notes."""

    files: int = 0
    rows: int = 0
    crimes: int = 0
    asb: int = 0
    not_located: int = 0
    outside_area: int = 0
    duplicates_skipped: int = 0
    months: tuple[str, ...] = ()
    missing_months: tuple[str, ...] = ()
    skipped_files: list[tuple[str, str]] = field(default_factory=list)
    unsafe_members: list[str] = field(default_factory=list)
    unmatched_codes: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line: months, rows, crimes, ASB, not located, duplicates and gaps."""
        span = f"{self.months[0]} to {self.months[-1]}" if self.months else "no months"
        text = (f"{len(self.months)} months ({span}), {self.files} files, {self.rows:,} rows read: "
                f"{self.crimes:,} crimes, {self.asb:,} ASB incidents, {self.not_located:,} not located, "
                f"{self.outside_area:,} outside the area; {self.duplicates_skipped:,} duplicate crimes skipped")
        if self.skipped_files:
            text += f", {len(self.skipped_files)} repeated files skipped"
        if self.unsafe_members:
            text += f", {len(self.unsafe_members)} unsafe zip members ignored"
        text += f"; missing months: {', '.join(self.missing_months) if self.missing_months else 'none'}"
        return text


@dataclass
class ImportResult:
    aggregate: Aggregate
    stats: ImportStats


class _Restart(Exception):
    """The file holds quotes: read it again with the csv module."""


@dataclass
class _FileCounts:
    """One file's counts, merged into the total only once the whole file has been read."""

    cells: Counter = field(default_factory=Counter)
    ids: set = field(default_factory=set)
    duplicates: int = 0
    rows: int = 0
    matched: int = 0


class _Reader:
    def __init__(self, area: Area) -> None:
        self.names = {n.casefold() for n in area.names}
        self.codes = set(area.codes)
        self.matched_names: set[str] = set()
        self.matched_codes: set[str] = set()
        self.ids: set[bytes] = set()
        self.cells: Counter = Counter()
        self.places: dict[tuple[bytes, bytes], bool] = {}
        self.good_months: set[bytes] = set()
        self.stats = ImportStats()
        self.needles = [b",,,", *(b"," + n.encode().lower() + b" " for n in self.names),
                        *(b"," + c.encode().lower() + b"," for c in self.codes)]
        self.fast = all(n.isascii() for n in self.names)

    # -- one row ---------------------------------------------------------------------------
    def row(self, acc: _FileCounts, fields: list[bytes], shown: str, where: int | tuple[bytes, int, int]) -> None:
        """Count one row that might be in the area (``fields`` are the row's raw bytes).

        ``where`` is the row's line number, or (block, line number of the block, offset of
        the line in it), worked out only for a message. Decisions about an LSOA and a
        month are remembered, so each costs one dictionary look-up after the first time.
        """
        if len(fields) != _FIELDS:
            raise InputError(f"row {_line(where)} has {len(fields)} fields, not {_FIELDS}: the file looks truncated "
                             "or damaged; download it again", shown)
        code = fields[7]
        if code:
            place = (code, fields[8])
            inside = self.places.get(place)
            if inside is None:
                inside = self.places[place] = self._inside(code.decode(), fields[8].decode())
            if not inside:
                return
        month = fields[1]
        if month not in self.good_months:
            if not _MONTH.fullmatch(month):
                raise InputError(f"row {_line(where)}: '{month.decode()[:20]}' is not a month written YYYY-MM", shown)
            self.good_months.add(month)
        crime_type = _TYPES.get(fields[9])
        if crime_type is None:
            raise InputError(f"row {_line(where)}: '{fields[9].decode()[:40]}' is not a police.uk crime type", shown)
        acc.matched += 1
        crime_id = fields[0]
        if crime_id:
            if len(crime_id) == 64:  # police.uk's 64 hex digits, kept as the 32 bytes they spell
                try:
                    crime_id = bytes.fromhex(crime_id.decode())
                except ValueError:
                    pass
            if crime_id in self.ids or crime_id in acc.ids:
                acc.duplicates += 1
                return
            acc.ids.add(crime_id)
        acc.cells[(month, code, crime_type, fields[8])] += 1

    def _inside(self, code: str, name: str) -> bool:
        if code.upper() in self.codes:
            self.matched_codes.add(code.upper())
            return True
        if district(name).casefold() in self.names:
            self.matched_names.add(district(name).casefold())
            return True
        return False

    # -- one file, fast ----------------------------------------------------------------------
    def fast_file(self, source: Source, acc: _FileCounts) -> tuple[str, str] | None:
        with source.open() as stream:
            first = stream.read(CHUNK)
            rest = _header(first, source)
            key = None
            line_base = 1
            for block in _blocks(stream, rest):
                if b'"' in block:
                    raise _Restart
                try:
                    block.decode("utf-8")
                except UnicodeDecodeError as exc:
                    line = line_base + block.count(b"\n", 0, exc.start) + 1
                    raise InputError(f"row {line} is not UTF-8 text (police.uk files are UTF-8): save the file as "
                                     "UTF-8 or download it again", source.shown) from None
                if key is None:
                    key = _row_key(block.split(b"\n", 1)[0].rstrip(b"\r").split(b","))
                self.fast_block(block, line_base, acc, source.shown)
                lines = block.count(b"\n") + (not block.endswith(b"\n"))
                acc.rows += lines
                line_base += lines
            return key

    def fast_block(self, block: bytes, line_base: int, acc: _FileCounts, shown: str) -> None:
        low = block.lower()
        starts = set()
        for needle in self.needles:
            at = low.find(needle)
            while at >= 0:
                start = block.rfind(b"\n", 0, at) + 1
                starts.add(start)
                end = block.find(b"\n", at)
                at = low.find(needle, end) if end >= 0 else -1
        last = block.rstrip(b"\r\n").rfind(b"\n") + 1  # the block's last line is always checked (truncation)
        for start in sorted(starts | {last}):
            end = block.find(b"\n", start)
            text = block[start:end if end >= 0 else len(block)].rstrip(b"\r")
            if not text:
                continue
            fields = text.split(b",")
            if start not in starts and len(fields) == _FIELDS:
                continue  # a whole line the pre-filter ruled out
            self.row(acc, fields, shown, (block, line_base, start))

    # -- one file, with the csv module -----------------------------------------------------
    def csv_file(self, source: Source, acc: _FileCounts) -> tuple[str, str] | None:
        with source.open() as stream:
            first = stream.read(CHUNK)
            _header(first, source)
            text = io.TextIOWrapper(io.BufferedReader(_Prefixed(first, stream)), encoding="utf-8-sig", newline="")
            rows = csv.reader(text)
            key = None
            try:
                next(rows)
                for row in rows:
                    if not row:
                        continue
                    acc.rows += 1
                    fields = [value.encode() for value in row]
                    if key is None:
                        key = _row_key(fields)
                    self.row(acc, fields, source.shown, rows.line_num)
            except UnicodeDecodeError:
                raise InputError(f"row {rows.line_num + 1} is not UTF-8 text (police.uk files are UTF-8): save the "
                                 "file as UTF-8 or download it again", source.shown) from None
            except csv.Error as exc:
                raise InputError(f"row {rows.line_num}: {exc}: the file looks damaged; download it again",
                                 source.shown) from None
            return key

    def merge(self, acc: _FileCounts) -> None:
        self.cells.update(acc.cells)
        self.ids |= acc.ids
        self.stats.duplicates_skipped += acc.duplicates
        self.stats.rows += acc.rows
        self.stats.outside_area += acc.rows - acc.matched
        self.stats.files += 1


def _line(where: int | tuple[bytes, int, int]) -> int:
    """The file line of a row (for messages only; see :meth:`_Reader.row`)."""
    if isinstance(where, int):
        return where
    block, line_base, start = where
    return line_base + block.count(b"\n", 0, start) + 1


def _row_key(fields: list[bytes]) -> tuple[str, str] | None:
    """(month, force) of a file without a police.uk name, from its first row."""
    if len(fields) < 3:
        return None
    return fields[1].decode(errors="replace"), fields[2].decode(errors="replace").lower()


def _header(first: bytes, source: Source) -> bytes:
    """Check the header line; return the bytes after it."""
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is UTF-16, not UTF-8 as police.uk publishes it: download it again or save it "
                         "as UTF-8", source.shown)
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    if not first.strip():
        raise InputError("the file is empty: download it again", source.shown)
    end = first.find(b"\n")
    header = (first if end < 0 else first[:end]).rstrip(b"\r")
    if header != _HEADER_BYTES:
        try:
            shown = header.decode("utf-8")[:60]
        except UnicodeDecodeError:
            raise InputError("row 1 is not UTF-8 text (police.uk files are UTF-8): save the file as UTF-8 or "
                             "download it again", source.shown) from None
        raise InputError(f"row 1 is '{shown}', not police.uk's street-level header (Crime ID,Month,Reported by,...): "
                         "give the *-street.csv files from data.police.uk", source.shown)
    return b"" if end < 0 else first[end + 1:]


def _blocks(stream, rest: bytes) -> Iterator[bytes]:
    """Blocks of whole lines (the last may lack its newline), about CHUNK bytes each."""
    carry = rest
    while True:
        more = stream.read(CHUNK)
        if not more:
            break
        data = carry + more
        cut = data.rfind(b"\n") + 1
        if cut:
            yield data[:cut]
            carry = data[cut:]
        else:
            carry = data
    if carry:
        yield carry


class _Prefixed(io.RawIOBase):
    """A stream that first gives back bytes already read, then the rest of the stream."""

    def __init__(self, first: bytes, stream) -> None:
        self._first, self._stream = first, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._first:
            n = min(len(buffer), len(self._first))
            buffer[:n] = self._first[:n]
            self._first = self._first[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def read_police_data(paths: list[str | os.PathLike], area: Area, *, progress: Progress | None = None) -> ImportResult:
    """Read police.uk street files (files, folders, zips) and count crime in ``area``.

    Raises :class:`~cspplan.errors.InputError` (one line, naming the file and row) for
    anything that is not a usable police.uk street file, and when a district name in
    ``area`` matches no LSOA in the data (with a did-you-mean).
    """
    if not area.names and not area.codes:
        raise InputError("give the area: --area with a district name, or --lsoa with LSOA codes")
    found = discover(list(paths))
    reader = _Reader(area)
    reader.stats.unsafe_members = found.unsafe_members
    seen: dict[tuple[str, str], str] = {}
    for number, source in enumerate(found.sources, 1):
        acc = _FileCounts()
        named = source.name_key()
        if named is not None and named in seen:
            reader.stats.skipped_files.append((source.shown, f"the same month and force ({named[0]}, {named[1]}) "
                                                             f"as {seen[named]}"))
            continue
        try:
            if not reader.fast:
                raise _Restart
            key = reader.fast_file(source, acc)
        except _Restart:
            acc = _FileCounts()
            key = reader.csv_file(source, acc)
        if key is not None and key in seen:
            reader.stats.skipped_files.append((source.shown, f"the same month and force ({key[0]}, {key[1]}) as "
                                                             f"{seen[key]}"))
        else:
            for known in (named, key):
                if known is not None:
                    seen.setdefault(known, source.shown)
            reader.merge(acc)
        if progress is not None:
            progress(number, len(found.sources), reader.stats.rows, source.shown)
    _check_names(reader, area, found.sources)
    return ImportResult(_aggregate(reader.cells), _finish(reader, area))


def _check_names(reader: _Reader, area: Area, sources: list[Source]) -> None:
    unmatched = [n for n in area.names if n.casefold() not in reader.matched_names]
    if not unmatched:
        return
    import difflib

    names = _districts(sources)
    lowered = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(unmatched[0].casefold(), sorted(lowered), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(lowered[c]) for c in close)}?" if close else \
        f"; the data covers {', '.join(sorted(names)[:12])}" if names else ""
    raise InputError(f"the area '{unmatched[0]}' matches no LSOA in the data{hint}")


def _districts(sources: list[Source]) -> set[str]:
    """Every district named in the LSOA names of the files (only for the did-you-mean)."""
    names: set[str] = set()
    for source in sources:
        with source.open() as stream:
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
            for row in csv.reader(text):
                if len(row) == _FIELDS and row[8] and row[7] != "LSOA code":
                    names.add(district(row[8]))
    return names


def _aggregate(cells: Counter) -> Aggregate:
    text: dict[bytes, str] = {}  # one str for each distinct month, code and name, shared by its cells

    def decoded(value: bytes) -> str:
        found = text.get(value)
        if found is None:
            found = text[value] = value.decode()
        return found

    return Aggregate.from_cells(Cell(decoded(month), decoded(code), crime_type, decoded(name), count)
                                for (month, code, crime_type, name), count in cells.items())


def _finish(reader: _Reader, area: Area) -> ImportStats:
    stats = reader.stats
    months = sorted({key[0].decode() for key in reader.cells})
    stats.months = tuple(months)
    if months:
        have = set(months)
        stats.missing_months = tuple(m for m in month_range(months[0], months[-1]) if m not in have)
    for (_, code, crime_type, _), count in reader.cells.items():
        if not code:
            stats.not_located += count
        elif crime_type == ASB:
            stats.asb += count
        else:
            stats.crimes += count
    stats.unmatched_codes = tuple(c for c in area.codes if c not in reader.matched_codes)
    return stats
