"""``cspplan diff`` output: text for people, Markdown for pull-request comments, JSON for tools.

Changes are grouped as a committee reads a plan: compliance first, then the plan as a
whole, the partnership, evidence, each priority (with its actions and measures), and the
cover report.
"""

from __future__ import annotations

from typing import TextIO

from cspplan.diff import SIGNIFICANCE_ORDER, Change, Diff, describe, ops_for_display, word_diff_text
from cspplan.output import Options, envelope, paint, safe_name, write_json

GROUP_OF_LEVEL = {
    "compliance": "Compliance with the law", "plan": "The plan", "version": "The plan",
    "waiver": "The plan", "member": "The partnership", "governance group": "The partnership",
    "evidence": "Evidence", "objective": "Police and crime plan", "public meeting": "The plan",
    "report": "The cover report", "appendix": "The cover report", "background paper": "The cover report",
}


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


def _summary(result: Diff) -> str:
    if not result.changes:
        return "no changes"
    parts = [f"{result.count(s)} {s}" for s in SIGNIFICANCE_ORDER if result.count(s)]
    total = len(result.changes)
    return f"{total} change{'s' if total != 1 else ''} ({', '.join(parts)})"


def _header(result: Diff) -> str:
    def side(name, version):
        return safe_name(name) + (f" (version {version})" if version else "")
    return f"Changes from {side(result.old_name, result.old_version)} to {side(result.new_name, result.new_version)}"


def text(result: Diff, out: TextIO, options: Options) -> None:
    color = options.color
    styles = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan"}
    lines = [paint(_header(result), "bold", color)]
    for group, changes in _groups(result):
        lines += ["", paint(group, "bold", color)]
        for change in changes:
            where = []
            if change.old_line:
                where.append(f"old line {change.old_line}")
            if change.new_line:
                where.append(f"new line {change.new_line}")
            lines.append(f"  {paint(f'{change.kind:<8}', styles[change.kind], color)} {describe(change)}"
                         + paint(f"  [{change.significance}; {', '.join(where)}]", "dim", color))
            if change.words:
                pieces = []
                for op, piece in ops_for_display(change.words):
                    if op == "delete":
                        pieces.append(paint(f"[-{piece}-]", "red strike", color))
                    elif op == "insert":
                        pieces.append(paint(f"{{+{piece}+}}", "green", color))
                    else:
                        pieces.append(piece)
                lines.append("      " + "".join(p + " " for p in pieces))
            if change.hint and change.kind != "moved":
                lines.append(f"      {paint('note:', 'dim', color)} {change.hint}")
    lines += ["", paint(_summary(result), "bold", color)]
    out.write("\n".join(lines) + "\n")


def json_report(result: Diff, out: TextIO, options: Options) -> None:
    write_json(envelope(
        "diff",
        old={"path": result.old_name, "version": result.old_version},
        new={"path": result.new_name, "version": result.new_version},
        summary={"changes": len(result.changes), **{s: result.count(s) for s in SIGNIFICANCE_ORDER}},
        changes=[c.to_dict() for c in result.changes],
    ), out)


# Escaping [ and ] is enough to stop links and images, < and & to stop HTML and entities;
# the rest would turn into emphasis, code, strike-through or a new table cell.
_MD_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]~|"}
_MD_ESCAPES.update({ord("<"): "&lt;", ord("&"): "&amp;", ord("\n"): " ", ord("\r"): " "})


def md_text(text_: str) -> str:
    """Plan text made inert in Markdown: no HTML, links, images, emphasis or table cells
    can come out of it (the diff is meant to be posted on pull requests)."""
    return text_.translate(_MD_ESCAPES)


def markdown(result: Diff, out: TextIO, options: Options) -> None:
    lines = [f"## {md_text(_header(result))}", "", f"**{_summary(result)}**", ""]
    for group, changes in _groups(result):
        lines += [f"### {md_text(group)}", "", "| change | what | significance |", "|---|---|---|"]
        for change in changes:
            what = md_text(describe(change))
            if change.words:
                what += ": " + word_diff_text(change.words, deleted="~~{}~~", inserted="**{}**", escape=md_text)
            if change.hint and change.kind != "moved":
                what += f" ({md_text(change.hint)})"
            lines.append(f"| {change.kind} | {what} | {change.significance} |")
        lines.append("")
    out.write("\n".join(lines))
