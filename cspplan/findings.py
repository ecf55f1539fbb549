"""What validation finds, as plain values: severities, locations and findings.

Every problem cspplan reports, from a YAML syntax error to a gap against the law, is a
:class:`Finding` with a :class:`Location`; reporters and tests work from these alone.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How serious a finding is. Ordered, so ``severity >= Severity.WARNING`` works."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding is: a file, a 1-based line and column, and a JSON pointer.

    ``line`` and ``column`` are 0 when unknown (for example, a file that cannot be
    decoded has no lines). ``pointer`` is an RFC 6901 JSON Pointer into the plan;
    ``""`` is the whole document.
    """

    file: str
    line: int = 0
    column: int = 0
    pointer: str = ""

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Waived:
    """The waiver that covers a finding: why, who agreed, until when, and where it is."""

    reason: str
    approved_by: str
    expires: str
    pointer: str


@dataclass(frozen=True)
class Finding:
    """One problem found in a plan file.

    ``rule`` is ``YAML`` for problems reading the file, ``SCHEMA`` for problems with its
    structure, or the id of a rule. ``message`` is one sentence without a full stop;
    ``hint`` says how to fix it, when there is something useful to say.
    """

    location: Location
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    citation: str | None = None
    url: str | None = None
    waived: Waived | None = None

    @property
    def counts(self) -> bool:
        """Whether the finding counts towards the exit status (waived ones do not)."""
        return self.waived is None

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.message)

    def to_dict(self) -> dict:
        """The one serialisation of a finding, used by ``--format json`` and tests."""
        loc = self.location
        return {
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "pointer": loc.pointer,
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "hint": self.hint,
            "citation": self.citation,
            "url": self.url,
            "waived": None if self.waived is None else {
                "reason": self.waived.reason,
                "approved_by": self.waived.approved_by,
                "expires": self.waived.expires,
                "pointer": self.waived.pointer,
            },
        }


@dataclass
class FileResult:
    """The findings for one file, in location order.

    ``as_of`` is the date whose law the plan was judged by, and ``jurisdiction`` the
    plan's; both are ``None`` when the file could not be read as a plan. ``as_of_note``
    says why ``as_of`` is not the plan's own date, when it is not ("the start of the plan
    period, as the plan's date is far outside it"); ``as_of_reason`` says why that date, in
    every case ("the approval date", "the date given with --as-of", ...). ``not_applicable``
    maps the id of each rule in force that did not run for this plan to the reason ("the
    area declares no local policing body").
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    as_of: dt.date | None = None
    jurisdiction: str | None = None
    rules_run: tuple[str, ...] = ()
    as_of_note: str | None = None
    as_of_reason: str | None = None
    not_applicable: dict[str, str] = field(default_factory=dict)
    #: the typed plan (a :class:`cspplan.model.Plan`) the rules ran on, for a command that
    #: goes on to use it (``render``); None when the rules did not run
    plan: Any = field(default=None, repr=False, compare=False)


@dataclass
class Report:
    """The result of validating some files.

    ``input_errors`` holds files that could not be read at all (missing, unreadable);
    they make the run unusable (exit status 2) but do not stop the other files.
    ``command`` is the command that made it (``validate`` or ``check-docx``).
    """

    files: list[FileResult] = field(default_factory=list)
    input_errors: list[tuple[str, str]] = field(default_factory=list)
    command: str = "validate"

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    def count(self, severity: Severity) -> int:
        """Findings of this severity that count (not waived)."""
        return sum(1 for f in self.findings if f.severity == severity and f.counts)

    def waived(self) -> int:
        return sum(1 for f in self.findings if not f.counts)

    def worst(self) -> Severity | None:
        """The most serious finding that counts towards the exit status."""
        return max((f.severity for f in self.findings if f.counts), default=None)
