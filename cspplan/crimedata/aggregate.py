"""The aggregate: police.uk counts for one area, small enough to commit beside the plan.

One row per (month, LSOA, crime type) with its count, as plain CSV (docs/crime-data.md)::

    month,lsoa_code,lsoa_name,crime_type,count
    2023-01,,,Burglary,2
    2023-01,E01030727,Spelthorne 001A,Anti-social behaviour,4

Rows with an empty LSOA are the crimes police.uk could not locate, in the force files
the area was read from. Rows are sorted by month, LSOA code and crime type; zero counts
are not written. :func:`write_aggregate` writes it byte-for-byte the same for the same
counts; :func:`load_aggregate` reads it back and reports every problem as a located
finding with a ``CRIME-`` code (:mod:`cspplan.crimedata.codes`).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cspplan.crimedata.codes import CODES
from cspplan.crimedata.constants import AGGREGATE_HEADER, CRIME_TYPES, LSOA_CODE, month_range, valid_month
from cspplan.findings import Finding, Location


@dataclass(frozen=True, order=True, slots=True)
class Cell:
    """The count of one crime type in one LSOA in one month (``lsoa_code`` "" = not located)."""

    month: str
    lsoa_code: str
    crime_type: str
    lsoa_name: str
    count: int

    @property
    def located(self) -> bool:
        return bool(self.lsoa_code)


@dataclass(frozen=True)
class Aggregate:
    """The counts for an area: sorted cells, and the file they came from (for messages)."""

    cells: tuple[Cell, ...]
    source: str = ""

    @classmethod
    def from_cells(cls, cells: Iterable[Cell], source: str = "") -> Aggregate:
        return cls(tuple(sorted(cells, key=_order)), source)

    @property
    def months(self) -> tuple[str, ...]:
        """The months that have any row, in order."""
        return tuple(sorted({c.month for c in self.cells}))

    @property
    def missing_months(self) -> tuple[str, ...]:
        """Months between the first and the last that have no row at all (not downloaded)."""
        present = self.months
        if not present:
            return ()
        have = set(present)
        return tuple(m for m in month_range(present[0], present[-1]) if m not in have)

    def districts(self) -> tuple[str, ...]:
        """The local authority districts named in the LSOA names, sorted."""
        from cspplan.crimedata.constants import district

        return tuple(sorted({district(c.lsoa_name) for c in self.cells if c.located}))


def _order(cell: Cell) -> tuple:
    """The file's row order (a key function: much faster than comparing dataclasses)."""
    return (cell.month, cell.lsoa_code, cell.crime_type, cell.lsoa_name, cell.count)


def aggregate_text(aggregate: Aggregate) -> str:
    """The aggregate as CSV text: the header, then the sorted rows, ``\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(AGGREGATE_HEADER)
    for cell in sorted(aggregate.cells, key=_order):
        writer.writerow((cell.month, cell.lsoa_code, cell.lsoa_name, cell.crime_type, cell.count))
    return buffer.getvalue()


def write_aggregate(aggregate: Aggregate, path: str | os.PathLike) -> None:
    """Write the aggregate to ``path`` atomically (a temporary file, then a rename)."""
    from cspplan.files import write_text_atomic

    write_text_atomic(aggregate_text(aggregate), Path(path))


def _finding(shown: str, code: str, message: str, line: int = 0, column: int = 0) -> Finding:
    check = CODES[code]
    return Finding(Location(shown, line, column), code, check.severity, message, hint=check.fix)


# The last file :func:`load_aggregate` parsed: its name, its bytes and what parsing gave.
# ``cspplan render`` reads the plan's aggregate twice (checking the plan, then drawing
# Appendix B); the second read compares the bytes and skips the parse (about 30 ms).
# Keyed by the bytes themselves, not the file's modification time, so a file rewritten
# within the clock's resolution is never served stale. Aggregates and findings are frozen.
_last_parsed: tuple[str, bytes, tuple[Aggregate | None, tuple[Finding, ...]]] | None = None


def load_aggregate(path: str | os.PathLike, shown: str | None = None) -> tuple[Aggregate | None, list[Finding]]:
    """Read an aggregate file and check it.

    Returns the aggregate (``None`` when the file cannot be used at all: unreadable, not
    UTF-8, wrong header) and the findings, each at its file, line and column (columns
    are 1-based field numbers). Rows with errors are left out of the aggregate; a
    caller should not use an aggregate that came with error findings.
    """
    name = shown if shown is not None else os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, [_finding(name, "CRIME-FILE", f"cannot read the file: {(exc.strerror or str(exc)).lower()}")]
    global _last_parsed
    if _last_parsed is None or _last_parsed[0] != name or _last_parsed[1] != data:
        aggregate, findings = parse_aggregate(data, name)
        _last_parsed = (name, data, (aggregate, tuple(findings)))
    parsed, found = _last_parsed[2]
    return parsed, list(found)


def parse_aggregate(data: bytes, shown: str) -> tuple[Aggregate | None, list[Finding]]:
    """Check and read aggregate bytes (see :func:`load_aggregate`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_finding(shown, "CRIME-FILE", "the file is UTF-16, not UTF-8")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [_finding(shown, "CRIME-FILE", f"the bytes at line {line} are not UTF-8", line)]
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None or tuple(header) != AGGREGATE_HEADER:
        got = ",".join(header) if header else "nothing"
        return None, [_finding(shown, "CRIME-HEADER", f"the first line is '{got[:80]}', not "
                                                        f"'{','.join(AGGREGATE_HEADER)}'", 1, 1)]
    known = set(CRIME_TYPES)
    findings: list[Finding] = []
    cells = _clean_cells([row for row in rows if row], known)
    if cells is None:  # a problem somewhere: read the rows one by one to say where each is
        rows = csv.reader(io.StringIO(text, newline=""))
        next(rows)
        cells = _checked_cells(rows, shown, known, findings)
    keys = [(c.month, c.lsoa_code, c.crime_type) for c in cells]
    # A file cspplan wrote is in order already (no two cells share a key, so the key alone
    # decides the order): then sorting again is skipped.
    aggregate = Aggregate(tuple(cells), shown) if keys == sorted(keys) else Aggregate.from_cells(cells, shown)
    missing = aggregate.missing_months
    if missing:
        findings.append(_finding(shown, "CRIME-GAP", f"no rows for {_months_text(missing)}, between "
                                 f"{aggregate.months[0]} and {aggregate.months[-1]}: those months are left out, "
                                 "not shown as zero"))
    return aggregate, findings


def _clean_cells(rows: list[list[str]], known: set[str]) -> list[Cell] | None:
    """The cells of rows (blank ones left out) that have no problem at all, or ``None``.

    A file ``cspplan aggregate`` wrote has none. Its thousands of rows are checked here a
    column at a time, each distinct month, code and crime type once, in set operations:
    a third of the time of checking row by row. Any problem (a bad value, a duplicate) gives
    ``None``, and :func:`_checked_cells` reads the rows again to say where each is.
    """
    if not rows:
        return []
    if any(len(row) != len(AGGREGATE_HEADER) for row in rows):
        return None
    months, codes, names, crime_types, count_texts = zip(*rows, strict=True)
    if (not all(valid_month(m) for m in set(months))
            or not all(LSOA_CODE.fullmatch(c) for c in set(codes) if c)
            or any(bool(c) != bool(n) for c, n in set(zip(codes, names, strict=True)))
            or not known.issuperset(crime_types)
            or not all(t.isascii() and t.isdigit() for t in set(count_texts))):
        return None
    counts = [int(t) for t in count_texts]
    if min(counts) < 1 or len(set(zip(months, codes, crime_types, strict=True))) != len(rows):
        return None
    return [Cell(month, code, crime_type, name, count)
            for month, code, name, crime_type, count in zip(months, codes, names, crime_types, counts, strict=True)]


def _checked_cells(rows, shown: str, known: set[str], findings: list[Finding]) -> list[Cell]:
    """The cells of a csv reader's rows, adding a located finding for each problem."""
    cells: dict[tuple[str, str, str], Cell] = {}
    first_line: dict[tuple[str, str, str], int] = {}
    for row in rows:
        line = rows.line_num
        if not row:
            continue
        cell = _cell(row, line, shown, known, findings)
        if cell is None:
            continue
        key = (cell.month, cell.lsoa_code, cell.crime_type)
        if key in cells:
            findings.append(_finding(shown, "CRIME-DUPLICATE", f"{cell.month}, {cell.lsoa_code or 'not located'}, "
                                     f"{cell.crime_type} is also on line {first_line[key]}", line, 1))
            continue
        cells[key] = cell
        first_line[key] = line
    return list(cells.values())


def _months_text(months: tuple[str, ...]) -> str:
    shown = ", ".join(months[:6])
    return shown + (f" and {len(months) - 6} more" if len(months) > 6 else "")


def _cell(row: list[str], line: int, shown: str, known: set[str], findings: list[Finding]) -> Cell | None:
    """One row as a cell, or ``None`` after adding the findings that stop it being one."""
    if len(row) != len(AGGREGATE_HEADER):
        findings.append(_finding(shown, "CRIME-ROW", f"the row has {len(row)} fields, not 5", line, 1))
        return None
    month, code, name, crime_type, count_text = row
    before = len(findings)
    if not valid_month(month):
        findings.append(_finding(shown, "CRIME-MONTH", f"'{month[:20]}' is not a month written YYYY-MM", line, 1))
    if code and not LSOA_CODE.fullmatch(code):
        findings.append(_finding(shown, "CRIME-LSOA", f"'{code[:20]}' is not an ONS LSOA code (E01 or W01 and six "
                                 "digits)", line, 2))
    elif bool(code) != bool(name):
        which = "an LSOA code without its name" if code else "an LSOA name without its code"
        findings.append(_finding(shown, "CRIME-LSOA", f"the row has {which}", line, 2 if name else 3))
    if crime_type not in known:
        import difflib

        close = difflib.get_close_matches(crime_type, sorted(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        findings.append(_finding(shown, "CRIME-TYPE", f"'{crime_type[:40]}' is not a police.uk crime type{hint}",
                                 line, 4))
    count = int(count_text) if count_text.isascii() and count_text.isdigit() else -1
    if count < 1:
        findings.append(_finding(shown, "CRIME-COUNT", f"'{count_text[:20]}' is not a whole number of at least 1",
                                 line, 5))
    if len(findings) > before:
        return None
    return Cell(month, code, crime_type, name, count)
