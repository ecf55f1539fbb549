"""Turn a validation :class:`~cspplan.findings.Report` into output for people or machines.

Each reporter is a function ``(report, out, options) -> None`` registered in
:data:`REPORTERS` under its ``--format`` name. Reporters write only the payload;
diagnostics belong to the command line on stderr.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, TextIO

from cspplan import __version__
from cspplan.findings import Report, Severity

JSON_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Options:
    color: bool = False
    fail_on: Severity = Severity.ERROR


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = [(report.count(s), s.label) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    parts = [_plural(n, label) for n, label in counts if n]
    checked = _plural(len(report.files), "file")
    unread = f"; {_plural(len(report.input_errors), 'input')} could not be read" if report.input_errors else ""
    if not parts:
        return f"{checked} checked: no problems found{unread}"
    with_problems = sum(1 for f in report.files if f.findings)
    return f"{', '.join(parts)} in {with_problems} of {checked}{unread}"


def status(report: Report, fail_on: Severity) -> str:
    """``error`` if the run could not use its input, ``fail`` if findings fail it, else ``ok``."""
    if report.input_errors:
        return "error"
    worst = report.worst()
    return "fail" if worst is not None and worst >= fail_on else "ok"


def text(report: Report, out: TextIO, options: Options) -> None:
    """Compiler-style lines, one per finding, grouped by file, then a summary line.

    ``plans/x.yaml:41:7: error SCHEMA unknown field 'prioritys'`` and, indented below
    it, how to fix it.
    """
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, color_system="standard" if options.color else None,
                      force_terminal=options.color, no_color=not options.color,
                      highlight=False, soft_wrap=True, emoji=False, markup=False)
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
    for result in report.files:
        for f in result.findings:
            line = Text.assemble(
                (str(f.location), "bold"), ": ",
                (f.severity.label, styles[f.severity]), " ",
                (f.rule, "cyan"), " ", f.message,
            )
            console.print(line)
            if f.hint:
                console.print(Text.assemble("    ", ("help:", "dim"), " ", f.hint))
    worst = report.worst()
    style = "bold red" if worst is not None and worst >= options.fail_on else "bold green"
    console.print(Text(summary_line(report), style=style))


def json_report(report: Report, out: TextIO, options: Options) -> None:
    """One JSON document (see docs/output.md), versioned by ``format_version``."""
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "cspplan", "version": __version__},
        "status": status(report, options.fail_on),
        "summary": {
            "files": len(report.files),
            "error": report.count(Severity.ERROR),
            "warning": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
        },
        "files": [r.path for r in report.files],
        "findings": [f.to_dict() for f in report.findings],
        "input_errors": [{"path": p, "message": m} for p, m in report.input_errors],
    }
    out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


REPORTERS: dict[str, Callable[[Report, TextIO, Options], None]] = {
    "text": text,
    "json": json_report,
}
