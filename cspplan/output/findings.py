"""Findings (from ``validate`` and ``check-docx``) for people or machines.

* ``text``: compiler-style lines for people, with the law and the fix below each;
* ``json``: one versioned document in the common envelope;
* ``sarif``: SARIF 2.1.0 for GitHub code scanning and other tools;
* ``junit``: JUnit XML, one test case per code per file, for CI test tabs;
* ``github``: GitHub Actions workflow commands, which annotate the lines of a pull request.

File names are escaped in every format (:func:`cspplan.output.safe_name`), so a name with
a control character cannot split a line or break the XML.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from cspplan import __version__
from cspplan.findings import Finding, Report, Severity
from cspplan.output import Options, envelope, paint, plural, safe_name, write_json

def summary_line(report: Report) -> str:
    counts = [(report.count(s), s.label) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    parts = [plural(n, label) for n, label in counts if n]
    waived = report.waived()
    if waived:
        parts.append(f"{waived} waived")
    checked = plural(len(report.files), "file")
    unread = f"; {plural(len(report.input_errors), 'input')} could not be read" if report.input_errors else ""
    dates = sorted({str(r.as_of) for r in report.files if r.as_of})
    notes = {r.as_of_reason for r in report.files if r.as_of}
    note = f", {next(iter(notes))}" if len(notes) == 1 and None not in notes else ""
    law = f" (law as at {dates[0]}{note})" if len(dates) == 1 else ""
    if not parts:
        return f"{checked} checked: no problems found{law}{unread}"
    with_problems = sum(1 for f in report.files if f.findings)
    return f"{', '.join(parts)} in {with_problems} of {checked}{law}{unread}"


def status(report: Report, fail_on: Severity) -> str:
    """``error`` if the run could not use its input, ``fail`` if findings fail it, else ``ok``."""
    if report.input_errors:
        return "error"
    worst = report.worst()
    return "fail" if worst is not None and worst >= fail_on else "ok"


def text(report: Report, out: TextIO, options: Options) -> None:
    """Compiler-style lines, one per finding, grouped by file, then a summary line.

    ``plans/x.yaml:41:7: error CDA-S5-RA-POLICE no chief officer of police is listed``
    and, indented below it, the law it comes from and how to fix it.
    """
    color = options.color
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}
    lines = []
    for result in report.files:
        for f in result.findings:
            label = f.severity.label if f.counts else f"waived {f.severity.label}"
            style = styles[f.severity] if f.counts else "dim"
            lines.append(f"{paint(_where(f), 'bold', color)}: {paint(label, style, color)} "
                         f"{paint(f.rule, 'cyan', color)} {f.message}")
            if f.citation:
                label = "standard:" if f.rule.startswith("DOCX-") else "law:"
                lines.append(f"    {paint(label, 'dim', color)} {f.citation}" + (f" <{f.url}>" if f.url else ""))
            if f.waived:
                lines.append(f"    {paint('waived:', 'dim', color)} {f.waived.reason} "
                             f"(approved by {f.waived.approved_by}, until {f.waived.expires})")
            elif f.hint:
                lines.append(f"    {paint('help:', 'dim', color)} {f.hint}")
    worst = report.worst()
    style = "bold red" if worst is not None and worst >= options.fail_on else "bold green"
    lines.append(paint(summary_line(report), style, color))
    out.write("\n".join(lines) + "\n")


def _where(f: Finding) -> str:
    loc = f.location
    name = safe_name(loc.file)
    return f"{name}:{loc.line}:{loc.column}" if loc.line else name


def json_report(report: Report, out: TextIO, options: Options) -> None:
    """One JSON document in the common envelope."""
    write_json(envelope(
        report.command,
        status=status(report, options.fail_on),
        summary={
            "files": len(report.files),
            "error": report.count(Severity.ERROR),
            "warning": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
            "waived": report.waived(),
        },
        files=[{"path": r.path, "as_of": r.as_of.isoformat() if r.as_of else None,
                "as_of_reason": r.as_of_reason, "jurisdiction": r.jurisdiction,
                "not_applicable": [{"rule": rule, "reason": reason}
                                   for rule, reason in sorted(r.not_applicable.items())]}
               for r in report.files],
        findings=[f.to_dict() for f in report.findings],
        input_errors=[{"path": p, "message": m} for p, m in report.input_errors],
    ), out)


# --- SARIF ---------------------------------------------------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    from urllib.parse import quote

    p = Path(path)
    return p.resolve().as_uri() if p.is_absolute() else quote(p.as_posix())


def _sarif_rules(ids: list[str]) -> list[dict]:
    from cspplan import codes

    out = []
    for code_id in ids:
        code = codes.get(code_id)
        if code is None:  # pragma: no cover - every finding's code is registered (tests/test_codes.py)
            out.append({"id": code_id, "defaultConfiguration": {"level": "error"}})
            continue
        help_text = code.explanation + (f"\n\nLaw: {code.citation} <{code.url}>" if code.citation and code.url else "")
        entry = {
            "id": code.id,
            "name": code.name or code.id.lower(),
            "shortDescription": {"text": code.summary},
            "fullDescription": {"text": code.explanation},
            "help": {"text": help_text, "markdown": _help_markdown(code)},
            "defaultConfiguration": {"level": _SARIF_LEVEL[code.severity]},
            "properties": {"tags": code.tags(), "verified": code.verified},
        }
        if code.url:
            entry["helpUri"] = code.url
        out.append(entry)
    return out


def _help_markdown(code) -> str:
    lines = [code.explanation]
    if code.citation and code.url:
        lines.append(f"\n**Law:** [{code.citation}]({code.url})")
    if code.passes:
        lines.append("\n**Example that passes:**\n\n```" + code.example_language + "\n" + code.passes + "\n```")
    return "\n".join(lines)


def sarif(report: Report, out: TextIO, options: Options) -> None:
    """SARIF 2.1.0: one run, the rules that produced results, and every finding."""
    ids = sorted({f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    results = []
    for f in report.findings:
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.location.file)}}}
        if f.location.line:
            location["physicalLocation"]["region"] = {"startLine": f.location.line,
                                                      "startColumn": max(f.location.column, 1)}
        if f.location.pointer:
            location["logicalLocations"] = [{"fullyQualifiedName": f.location.pointer, "kind": "member"}]
        text_ = f.message + (f". {f.hint[0].upper()}{f.hint[1:]}." if f.hint else "")
        result = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": _SARIF_LEVEL[f.severity],
                  "message": {"text": text_}, "locations": [location]}
        if f.waived:
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": f"{f.waived.reason} (approved by {f.waived.approved_by}, "
                                                        f"until {f.waived.expires})"}]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cspplan", "version": __version__, "semanticVersion": __version__,
                                "rules": _sarif_rules(ids)}},
            "results": results,
            "invocations": [{"executionSuccessful": not report.input_errors,
                             "toolExecutionNotifications": [
                                 {"level": "error", "message": {"text": f"{safe_name(p)}: {m}"}}
                                 for p, m in report.input_errors]}],
        }],
    }
    write_json(doc, out)


# --- JUnit ------------------------------------------------------------------------------------

def junit(report: Report, out: TextIO, options: Options) -> None:
    """JUnit XML: a test suite per file, a test case per rule that ran on it.

    A test case fails when the rule has findings at or above ``--fail-on``; findings below
    it, and waived ones, appear in the case's output without failing it.
    """
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    suites = []
    total = failed = 0
    for result in report.files:
        by_rule: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_rule.setdefault(f.rule, []).append(f)
        names = list(dict.fromkeys(["YAML", "SCHEMA", *result.rules_run, *by_rule]))
        cases = []
        suite_failed = 0
        for name in names:
            findings = by_rule.get(name, [])
            failing = [f for f in findings if f.counts and f.severity >= options.fail_on]
            body = "\n".join(_junit_line(f) for f in findings)
            case = f'    <testcase classname={_attr(safe_name(result.path))} name={_attr(name)}'
            if failing:
                suite_failed += 1
                case += (f'>\n      <failure type={_attr(failing[0].severity.label)} '
                         f'message={_attr(failing[0].message)}>{_escape(body)}</failure>\n    </testcase>')
            elif findings:
                case += f'>\n      <system-out>{_escape(body)}</system-out>\n    </testcase>'
            else:
                case += "/>"
            cases.append(case)
        total += len(names)
        failed += suite_failed
        suites.append(f'  <testsuite name={_attr(safe_name(result.path))} tests="{len(names)}" '
                      f'failures="{suite_failed}" errors="0" skipped="0">\n' + "\n".join(cases) + "\n  </testsuite>")
    for path, message in report.input_errors:
        total += 1
        suites.append(f'  <testsuite name={_attr(safe_name(path))} tests="1" failures="0" errors="1" skipped="0">\n'
                      f'    <testcase classname={_attr(safe_name(path))} name="read">\n'
                      f'      <error message={_attr(message)}/>\n    </testcase>\n  </testsuite>')
    lines.append(f'<testsuites name="cspplan" tests="{total}" failures="{failed}" '
                 f'errors="{len(report.input_errors)}">')
    lines.extend(suites)
    lines.append("</testsuites>")
    out.write("\n".join(lines) + "\n")


def _escape(text_: str) -> str:
    return text_.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text_: str) -> str:
    """A quoted XML attribute value (newlines and tabs kept as character references)."""
    escaped = _escape(text_).replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
    return '"' + escaped.replace("\t", "&#9;") + '"'


def _junit_line(f: Finding) -> str:
    line = f"{_where(f)}: {f.severity.label} {f.rule} {f.message}"
    if f.citation:
        line += f" [{f.citation}]"
    if f.waived:
        line += f" (waived: {f.waived.reason})"
    return line


# --- GitHub Actions -------------------------------------------------------------------------

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(text_: str) -> str:
    return text_.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text_: str) -> str:
    return _gh_data(text_).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, out: TextIO, options: Options) -> None:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    for f in report.findings:
        level = _GITHUB_LEVEL[f.severity] if f.counts else "notice"
        props = [f"file={_gh_prop(safe_name(f.location.file))}"]
        if f.location.line:
            props += [f"line={f.location.line}", f"col={max(f.location.column, 1)}"]
        title = f.rule + (" (waived)" if not f.counts else "")
        props.append(f"title={_gh_prop(title)}")
        message = f.message
        if f.citation:
            message += f" [{f.citation}]"
        if f.waived:
            message += f" Waived: {f.waived.reason}"
        elif f.hint:
            message += f". Fix: {f.hint}"
        out.write(f"::{level} {','.join(props)}::{_gh_data(message)}\n")
    for path, message in report.input_errors:
        out.write(f"::error file={_gh_prop(safe_name(path))},title=cspplan::{_gh_data(message)}\n")
    out.write(summary_line(report) + "\n")
