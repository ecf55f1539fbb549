"""``cspplan render``: a plan file in, one committee paper (.docx) out.

The plan is validated first: one that does not follow the plan format cannot be
rendered; one with statutory errors is rendered with a notice listing them, or refused
with ``strict``. The document is checked for accessibility before it is written, and it is
written atomically, so a failed render leaves an earlier output as it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from cspplan import engine, loader
from cspplan.errors import CspplanError
from cspplan.findings import Finding, Severity

PARTS = ("all", "report", "plan", "overview")

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class RenderRefused(CspplanError):
    """``--strict`` and the plan has statutory errors (exit status 1, like findings)."""


@dataclass
class RenderResult:
    output: Path
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _without_gc_pauses(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with Python's cyclic garbage collector paused (and then restored as it was).

    A render allocates hundreds of thousands of objects that live until it ends (the plan,
    its model, the document's elements, Markdown tokens), and almost none of them is
    cyclic garbage: the collector kept scanning them all the same, its full collections
    alone taking a tenth of a large paper's render. Memory is still freed by reference
    counting as usual; any cycles left are collected at the next collection after the render.
    """
    @functools.wraps(fn)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()
    return paused


@_without_gc_pauses
def render(plan_path: str | os.PathLike[str], output: str | os.PathLike[str], *, part: str = "all",
           template: str | os.PathLike[str] | None = None, strict: bool = False, today: dt.date | None = None,
           as_of: dt.date | None = None, changes_since: str | None = None,
           say_checked: bool = False) -> RenderResult:
    """Render ``plan_path`` to ``output``; raise :class:`CspplanError` when it cannot.

    ``changes_since`` names an earlier version (a file, or ``REV:path``): the cover report
    then summarises what changed since it, and Appendix A marks new and changed priorities.
    ``say_checked``: the compliance matrix says the plan was checked by cspplan.
    """
    plan_path, output = Path(plan_path), Path(output)
    template = Path(template) if template is not None else None
    if part not in PARTS:
        raise CspplanError(f"unknown part '{part}'; use one of {', '.join(PARTS)}")
    for source, what in ((plan_path, "plan"), (template, "template")):
        if source is not None and (_same_file(source, output) or source.resolve() == output.resolve()):
            raise CspplanError(f"{output}: the output would overwrite the {what}; choose another file name")
    if output.suffix.lower() != ".docx":
        raise CspplanError(f"{output}: the output must be a .docx file")
    if not output.parent.exists():
        raise CspplanError(f"{output}: the folder {output.parent} does not exist")

    from cspplan import sources

    name, data = sources.read(str(plan_path))
    options = engine.Options(today=today or dt.date.today(), as_of=as_of)
    loaded, checked = engine.load_checked(name, data, options,
                                          "the plan must follow the plan format before it can be rendered")
    _check_xml_text(loaded)

    from cspplan import model

    plan = checked.plan if checked.plan is not None else model.build(loaded.data)
    errors = [f for f in checked.findings if f.severity == Severity.ERROR and f.counts]
    if strict and errors:
        raise RenderRefused(f"{plan_path}: the plan has {len(errors)} error{'s' if len(errors) != 1 else ''} "
                            f"against the law (first: {errors[0].message}); --strict refuses to render it")
    if part in ("all", "report") and plan.report is None:
        if part == "report":
            raise CspplanError(f"{plan_path}: the plan has no committee_report to render")

    changes = _changes(changes_since, loaded, checked, options) if changes_since else None
    plan, crime = _crime(name, plan, loaded, overview=part in ("all", "overview"))
    result = RenderResult(output, draft=bool(errors), findings=checked.findings)
    blob = _build(plan, checked, part, template, errors, result.warnings, changes, say_checked=say_checked,
                  crime=crime)
    _accessible(blob, output, result.warnings)
    _write(blob, output)
    return result


def _changes(spec: str, loaded: loader.LoadedPlan, checked, options):
    """The diff from an earlier version to this plan."""
    from cspplan import model, sources
    from cspplan.changes import compare_plans
    from cspplan.diff import diff
    from cspplan.render.review_paper import ReviewChanges

    name, data = sources.read(spec)
    earlier, earlier_checked = engine.load_checked(name, data, options,
                                                   "the earlier version must follow the plan format to be compared")
    changes = diff(earlier, loaded, compliance=(earlier_checked.findings, checked.findings))
    law = [c for c in changes.changes if c.level == "compliance"]
    return ReviewChanges(changes, compare_plans(model.build(earlier.data), model.build(loaded.data), law))


def _write(blob: bytes, output: Path) -> None:
    from cspplan.files import write_atomic

    try:
        write_atomic(blob, output)
    except OSError as exc:
        raise CspplanError(f"{output}: cannot write it: {(exc.strerror or str(exc)).lower()}") from None


def _check_xml_text(loaded: loader.LoadedPlan) -> None:
    """Text Word cannot hold (control characters from escapes such as "\\x01") is refused."""
    if not _holds_illegal_text(loaded.data):
        return  # the usual case: no need to work out where every value is

    def walk(node, pointer):
        if isinstance(node, str):
            match = _XML_ILLEGAL.search(node)
            if match:
                location = loaded.locate(pointer)
                code = f"U+{ord(match.group(0)):04X}"
                raise CspplanError(f"{location}: the text contains the control character {code}, which a Word "
                                   "document cannot hold; remove it")
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{pointer}/{loader.escape_token(k)}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{pointer}/{i}")
    walk(loaded.data, "")


def _counted(loaded: loader.LoadedPlan, plan):
    """The plan with the figures of its measures that say so counted from its crime data."""
    if plan.crime_data is None:
        return plan
    from cspplan.crimeplan import with_counted_measures

    return with_counted_measures(loaded.path, plan, lambda pointer: str(loaded.locate(pointer)))


def _holds_illegal_text(data: object) -> bool:
    """Whether any text in the plan's data has a character Word cannot hold."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _XML_ILLEGAL.search(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _crime(name: str, plan, loaded: loader.LoadedPlan, *, overview: bool):
    """The plan with the figures of its measures counted from its crime data, and the
    overview of that data for Appendix B (``None`` when the plan names no data, or the
    paper has no Appendix B)."""
    if plan.crime_data is None:
        return plan, None
    from cspplan import crimeplan
    from cspplan.crimedata import compute_overview

    aggregate, _ = crimeplan.load_for_plan(name, plan, lambda pointer: str(loaded.locate(pointer)))
    return crimeplan.with_measure_figures(plan, aggregate), compute_overview(aggregate) if overview else None


def _build(plan, checked, part: str, template: Path | None, errors: list[Finding], warnings: list[str],
           changes=None, *, say_checked: bool = False, crime=None) -> bytes:
    from cspplan.render import house, paper
    from cspplan.render.package import to_bytes
    from cspplan.render.writer import Writer, draft_header, install_numbering

    if template is not None and not template.exists():
        raise CspplanError(f"{template}: no such template file")
    document = house.open_template(template, warnings.append)
    house.ensure_language(document, "en-GB")
    house.ensure_numbering_part(document)
    if plan.status in ("draft", "consultation"):
        draft_header(document)
    writer = Writer(document, styles=house.style_ids(document), numbering=install_numbering(document))

    report = plan.report if part in ("all", "report") else None
    if errors and part in ("all", "report", "plan"):
        paper.draft_notice(writer, plan, errors)
    if part == "all" and report is None:
        warnings.append("the plan has no committee_report, so the paper starts with the plan")
    appendices = report.appendices if report and part == "all" else ()
    plan_heading = _appendix(appendices, ("plan", "partnership"), "A", plan.title) if appendices else plan.title
    overview_heading = (_appendix(appendices, ("overview", "crime"), "B", "Crime overview") if appendices
                        else f"{plan.title}: crime overview")
    if report is not None:
        paper.cover_report(writer, plan, changes)
    if part in ("all", "plan"):
        paper.plan_appendix(writer, plan, checked.findings, checked.rules_run, heading=plan_heading,
                            page_break=report is not None, marks=paper.priority_marks(changes),
                            not_applicable=checked.not_applicable, say_checked=say_checked)
    if part in ("all", "overview"):
        paper.overview_appendix(writer, plan, heading=overview_heading, page_break=part == "all", crime=crime)
    if changes is not None and report is not None and part == "all":
        from cspplan.render import review_paper

        label = paper.next_appendix_label(report.appendices)
        review_paper.changes_appendix(writer, changes.diff, changes.progress,
                                      heading=f"Appendix {label}: {changes.appendix_title}")

    when = dt.datetime.combine(plan.approval_date or (plan.report.meeting_date if plan.report else None)
                               or plan.period.start, dt.time(), tzinfo=dt.timezone.utc)
    title = {"all": report.title if report else plan.title, "report": report.title if report else plan.title,
             "plan": plan.title, "overview": f"{plan.title}: crime overview"}[part]
    author = plan.report.author_name if plan.report else plan.partnership_name
    return to_bytes(document, when=when, author=author, title=title,
                    subject=f"{plan.partnership_name}: Community Safety Partnership plan",
                    keywords="community safety; crime and disorder")


def _appendix(appendices, words: tuple[str, ...], label: str, title: str) -> str:
    """The heading of an appendix as the cover report lists it ("Appendix B: Crime Overview")."""
    for appendix in appendices:
        if any(w in appendix.title.lower() for w in words):
            return f"Appendix {appendix.label}: {appendix.title}"
    return f"Appendix {label}: {title}"


_TEMPLATE_PARTS = ("word/styles.xml", "word/header", "word/footer")  # what the paper takes from its template


def _accessible(blob: bytes, output: Path, warnings: list[str]) -> None:
    """Refuse a document that fails an accessibility check; add its warnings to ``warnings``.

    A warning (justified text, a small font in a council template) does not stop the
    paper, but it is shown: the officer can fix the template or the text. The refusal
    says where to look: a style (the template), or the plan text behind the paper.
    """
    from cspplan.render.accessibility import check_docx

    problems = check_docx(blob)
    errors = [p for p in problems if p.severity >= Severity.ERROR]
    if errors:
        shown = errors[:3]
        if all("by style" in p.message or p.where.startswith("word/styles.xml") for p in shown):
            advice = "change those styles in the template"
        elif all("by style" in p.message or p.where.startswith(_TEMPLATE_PARTS) for p in shown):
            advice = "change the template's header or footer (or those styles)"
        else:
            advice = "'cspplan validate' shows the plan text behind it"
        raise CspplanError(f"{output}: the document would fail an accessibility check ("
                           + "; ".join(f"{p.code} {p.message}" for p in shown)
                           + f"), so nothing was written; {advice}")
    warnings.extend(f"{output}: {p.code} {p.message} ('cspplan explain {p.code}')" for p in problems)


@_without_gc_pauses
def render_redline(old: loader.LoadedPlan, new: loader.LoadedPlan, output: str | Path, *,
                   template: str | Path | None = None, checks: tuple | None = None) -> list[str]:
    """Write Appendix A of ``new`` with Word tracked changes against ``old``; returns warnings.

    Both plans must already have passed the schema check. ``checks``, the results of
    checking each (:func:`cspplan.engine.load_checked`), adds the statutory compliance
    matrix, with the requirements newly met or unmet tracked.
    """
    from cspplan import model
    from cspplan.render import house, redline
    from cspplan.render.package import to_bytes
    from cspplan.render.writer import Writer, install_numbering

    output = Path(output)
    template = Path(template) if template is not None else None
    if output.suffix.lower() != ".docx":
        raise CspplanError(f"{output}: the output must be a .docx file")
    for source in (Path(old.path), Path(new.path), template):
        if source is not None and source.exists() and _same_file(source, output):
            raise CspplanError(f"{output}: the output would overwrite an input; choose another file name")
    _check_xml_text(old)
    _check_xml_text(new)
    before, after = model.build(old.data), model.build(new.data)
    # Measures counted from the plan's police.uk data show the counted figures, as in the paper.
    before, after = _counted(old, before), _counted(new, after)
    warnings: list[str] = []
    if template is not None and not template.exists():
        raise CspplanError(f"{template}: no such template file")
    document = house.open_template(template, warnings.append)
    house.ensure_language(document, "en-GB")
    house.ensure_numbering_part(document)
    author = after.report.author_name if after.report else after.partnership_name
    day = redline.revision_day(after)
    revisions = (redline.revision_author(after), redline.w3c_datetime(day))
    writer = Writer(document, styles=house.style_ids(document), numbering=install_numbering(document),
                    revisions=revisions)
    redline.write(writer, before, after, heading=f"Appendix A: {after.title}", checks=checks)
    when = dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)
    blob = to_bytes(document, when=when, author=author, title=f"{after.title}: changes since version {before.version}",
                    subject=f"{after.partnership_name}: Community Safety Partnership plan")
    _accessible(blob, output, warnings)
    _write(blob, output)
    return warnings
