"""One output protocol for every command.

Each command's result (a validation :class:`~cspplan.findings.Report`, a
:class:`~cspplan.diff.Diff`, a :class:`~cspplan.review.Review`) is written by a function
``(result, out, options) -> None`` registered here under the command and its
``--format`` name. Formats are looked up lazily, so a command loads only the writer it
uses. Every JSON document shares one envelope (:func:`envelope`); colour is plain ANSI
(:func:`paint`), so text output costs no extra imports.

Writers write only the payload to ``out``; diagnostics belong to the command line, on
standard error.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TextIO

from cspplan import __version__
from cspplan.findings import Severity

JSON_FORMAT_VERSION = 1

_FINDINGS = {"text": "findings:text", "json": "findings:json_report", "sarif": "findings:sarif",
             "junit": "findings:junit", "github": "findings:github"}
FORMATS: dict[str, dict[str, str]] = {
    "validate": _FINDINGS,
    "check-docx": _FINDINGS,
    "diff": {"text": "diff:text", "json": "diff:json_report", "markdown": "diff:markdown"},
    "review": {"text": "review:text", "json": "review:json_report"},
    "overview": {"text": "overview:text", "markdown": "overview:markdown", "csv": "overview:csv_report",
                 "json": "overview:json_report"},
}
"""For each command, its formats and the writer (``module:function`` in this package)."""


@dataclass(frozen=True)
class Options:
    """How to write: ``color`` for ANSI colour; ``fail_on`` is the severity that fails a run."""

    color: bool = False
    fail_on: Severity = Severity.ERROR


def formats(command: str) -> tuple[str, ...]:
    return tuple(FORMATS[command])


def default_format(command: str, environ: Mapping[str, str]) -> str:
    """Text, or GitHub annotations for the findings commands when run in GitHub Actions."""
    if "github" in FORMATS[command] and environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "text"


def writer(command: str, fmt: str) -> Callable[[object, TextIO, Options], None]:
    module, _, function = FORMATS[command][fmt].partition(":")
    return getattr(importlib.import_module(f"cspplan.output.{module}"), function)


def write(command: str, fmt: str, result: object, out: TextIO, options: Options = Options()) -> None:
    """Write ``result`` of ``command`` to ``out`` in format ``fmt``."""
    writer(command, fmt)(result, out, options)


def envelope(command: str, **payload) -> dict:
    """The one JSON envelope: format version, the tool, the command, then the payload."""
    return {"format_version": JSON_FORMAT_VERSION, "tool": {"name": "cspplan", "version": __version__},
            "command": command, **payload}


def write_json(doc: dict, out: TextIO) -> None:
    out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


_SGR = {"bold": "1", "dim": "2", "strike": "9", "red": "31", "green": "32", "yellow": "33", "blue": "34",
        "cyan": "36"}


def paint(text: str, style: str, color: bool) -> str:
    """``text`` in ANSI ``style`` (words from :data:`_SGR`, e.g. "bold red") when ``color``."""
    if not color or not style or not text:
        return text
    codes = ";".join(_SGR[word] for word in style.split())
    return f"\x1b[{codes}m{text}\x1b[0m"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_UNSAFE = {i: f"\\x{i:02x}" for i in (*range(0x20), 0x7f)}
_UNSAFE.update({0x85: "\\x85", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def safe_name(name: str) -> str:
    """A file name with control characters escaped, so it cannot split a line or drive
    the terminal (``plan\\x1b.yaml``)."""
    return name.translate(_UNSAFE)
