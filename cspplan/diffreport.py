"""``cspplan diff`` output: text for people, Markdown for pull-request comments, JSON for tools.

Changes are grouped as a committee reads a plan: compliance first, then the plan as a
whole, the partnership, evidence, each priority (with its actions and measures), and the
cover report.
"""

from __future__ import annotations

import json
from typing import Callable, TextIO

from cspplan import __version__
from cspplan.diff import SIGNIFICANCE_ORDER, Change, Diff

JSON_FORMAT_VERSION = 1
GROUP_OF_LEVEL = {
    "compliance": "Compliance with the law", "plan": "The plan", "version": "The plan",
    "waiver": "The plan", "member": "The partnership", "governance group": "The partnership",
    "evidence": "Evidence", "objective": "Police and crime plan", "public meeting": "The plan",
    "report": "The cover report", "appendix": "The cover report", "background paper": "The cover report",
}
WORD_CONTEXT = 6


def _groups(result: Diff) -> list[tuple[str, list[Change]]]:
    titles = result.priority_titles
    groups: dict[str, list[Change]] = {}
    for change in result.changes:
        if change.priority:
            name = f"Priority '{titles.get(change.priority, change.priority)}' ({change.priority})"
        else:
            name = GROUP_OF_LEVEL.get(change.level, "The plan")
        groups.setdefault(name, []).append(change)
    fixed = ["Compliance with the law", "The plan", "The partnership", "Evidence", "Police and crime plan"]
    ordered = [(g, groups.pop(g)) for g in fixed if g in groups]
    report = groups.pop("The cover report", None)
    ordered += list(groups.items())
    if report:
        ordered.append(("The cover report", report))
    return ordered


def _value(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        label = value.get("title") or value.get("name") or value.get("description") or value.get("indicator")
        return f"'{label}'" if label else json.dumps(value, ensure_ascii=False)[:80]
    if isinstance(value, str):
        text = " ".join(value.split())
        return f"'{text[:77]}...'" if len(text) > 80 else f"'{text}'"
    return json.dumps(value, ensure_ascii=False)


def _what(change: Change) -> str:
    if change.level in ("plan", "report"):
        return change.field or change.level
    name = change.level
    if change.item_id:
        name += f" {change.item_id}"
    if change.title and change.level != "compliance":
        title = " ".join(str(change.title).split())
        name += f" '{title[:60]}{'...' if len(title) > 60 else ''}'"
    if change.field:
        name += f" {change.field}"
    return name


def describe(change: Change) -> str:
    """What changed, in one line; the kind of change (added, removed ...) is shown beside it."""
    what = _what(change)
    if change.level == "compliance":
        return (f"new finding {change.item_id}: {change.new}" if change.kind == "added"
                else f"resolved {change.item_id}: {change.old}")
    if change.kind == "changed":
        if change.words:
            return f"{what} reworded"
        return f"{what}: {_value(change.old)} -> {_value(change.new)}"
    if change.kind == "moved":
        return f"{what} {change.hint}"
    if change.field:
        return f"{what}: {_value(change.new if change.kind == 'added' else change.old)}"
    return what


def word_diff_text(ops, *, deleted="[-{}-]", inserted="{{+{}+}}") -> str:
    """The changed words with a little context: ... keep [-old-]{+new+} keep ..."""
    marks = {"delete": deleted, "insert": inserted, "equal": "{}"}
    return " ".join(marks[op].format(piece) for op, piece in _ops_for_display(ops) if piece)


def _summary(result: Diff) -> str:
    if not result.changes:
        return "no changes"
    parts = [f"{result.count(s)} {s}" for s in SIGNIFICANCE_ORDER if result.count(s)]
    total = len(result.changes)
    return f"{total} change{'s' if total != 1 else ''} ({', '.join(parts)})"


def _header(result: Diff) -> str:
    def side(name, version):
        return f"{name}" + (f" (version {version})" if version else "")
    return f"Changes from {side(result.old_name, result.old_version)} to {side(result.new_name, result.new_version)}"


def text(result: Diff, out: TextIO, color: bool) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, color_system="standard" if color else None, force_terminal=color,
                      no_color=not color, highlight=False, soft_wrap=True, emoji=False, markup=False)
    styles = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan"}
    console.print(Text(_header(result), style="bold"))
    for group, changes in _groups(result):
        console.print()
        console.print(Text(group, style="bold"))
        for change in changes:
            where = []
            if change.old_line:
                where.append(f"old line {change.old_line}")
            if change.new_line:
                where.append(f"new line {change.new_line}")
            console.print(Text.assemble("  ", (f"{change.kind:<8}", styles[change.kind]), " ", describe(change),
                                        (f"  [{change.significance}; {', '.join(where)}]", "dim")))
            if change.words:
                line = Text("      ")
                for op, piece in _ops_for_display(change.words):
                    if op == "delete":
                        line.append(f"[-{piece}-]", style="red strike" if color else None)
                    elif op == "insert":
                        line.append(f"{{+{piece}+}}", style="green" if color else None)
                    else:
                        line.append(piece)
                    line.append(" ")
                console.print(line)
            if change.hint and change.kind != "moved":
                console.print(Text.assemble("      ", ("note:", "dim"), " ", change.hint))
    console.print()
    console.print(Text(_summary(result), style="bold"))


def _ops_for_display(ops):
    for i, (op, piece) in enumerate(ops):
        if op == "equal":
            tokens = piece.split()
            if len(tokens) > 2 * WORD_CONTEXT:
                head = tokens[:WORD_CONTEXT] if i > 0 else []
                tail = tokens[-WORD_CONTEXT:] if i < len(ops) - 1 else []
                piece = " ".join(head + ["..."] + tail)
        yield op, piece


def json_report(result: Diff, out: TextIO, color: bool) -> None:
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "cspplan", "version": __version__},
        "old": {"path": result.old_name, "version": result.old_version},
        "new": {"path": result.new_name, "version": result.new_version},
        "summary": {"changes": len(result.changes), **{s: result.count(s) for s in SIGNIFICANCE_ORDER}},
        "changes": [c.to_dict() for c in result.changes],
    }
    out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def _md(text_: str) -> str:
    return text_.replace("|", "\\|").replace("\n", " ")


def markdown(result: Diff, out: TextIO, color: bool) -> None:
    lines = [f"## {_header(result)}", "", f"**{_summary(result)}**", ""]
    for group, changes in _groups(result):
        lines += [f"### {group}", "", "| change | what | significance |", "|---|---|---|"]
        for change in changes:
            what = describe(change)
            if change.words:
                what += ": " + word_diff_text(change.words, deleted="~~{}~~", inserted="**{}**")
            if change.hint and change.kind != "moved":
                what += f" ({change.hint})"
            lines.append(f"| {change.kind} | {_md(what)} | {change.significance} |")
        lines.append("")
    out.write("\n".join(lines))


DIFF_REPORTERS: dict[str, Callable[[Diff, TextIO, bool], None]] = {
    "text": text,
    "json": json_report,
    "markdown": markdown,
}
