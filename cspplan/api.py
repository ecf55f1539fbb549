"""The library behind every command: one function each, which the command line only calls.

=====================  =================================================================
``cspplan validate``   :func:`validate` (plans and folders of plans)  -> Report
``cspplan check-docx`` :func:`check_docx_files` (any Word files)     -> Report
``cspplan diff``       :func:`diff_files`                            -> Diff
``diff --format docx`` :func:`redline_file`                          -> warnings
``cspplan review``     :func:`review_file`                           -> Review
``cspplan render``     :func:`render_file`                           -> RenderResult
=====================  =================================================================

None of them prints, reads the environment or exits. Input that cannot be used raises
:class:`~cspplan.errors.CspplanError` with a one-line message naming the file; problems
*in* an input are findings in the result. Every function imports what it needs when it
is called, so importing this module is cheap.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cspplan.engine import Options, validate

if TYPE_CHECKING:
    from cspplan.diff import Diff
    from cspplan.findings import Report
    from cspplan.loader import LoadedPlan
    from cspplan.render.api import RenderResult
    from cspplan.review import Review

__all__ = ["Options", "check_docx_files", "diff_files", "redline_file", "render_file", "review_file", "validate"]

DOCX_SUFFIXES = (".docx",)
MAX_DOCX_BYTES = 64 * 1024 * 1024
"""The largest Word file check-docx reads (a committee paper is rarely over a few MB)."""


def check_docx_files(paths: Iterable[str | os.PathLike]) -> Report:
    """Check Word files, and folders of them, for what the accessibility regulations need.

    Each problem becomes a finding whose rule is the check's code (``DOCX-TITLE`` ...).
    Files that cannot be opened are input errors, as in :func:`validate`.
    """
    from cspplan.engine import discover
    from cspplan.findings import Finding, FileResult, Location, Report
    from cspplan.render.accessibility import CODES, check_docx

    files, errors = discover(paths, DOCX_SUFFIXES)
    report = Report(input_errors=errors, command="check-docx")
    for path, shown in files:
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_DOCX_BYTES + 1)
        except OSError as exc:
            report.input_errors.append((shown, (exc.strerror or str(exc)).lower()))
            continue
        if len(data) > MAX_DOCX_BYTES:
            report.input_errors.append((shown, f"the file is larger than {MAX_DOCX_BYTES // (1024 * 1024)} MB, "
                                               "the most check-docx reads"))
            continue
        result = FileResult(shown)
        for problem in check_docx(data):
            code = CODES[problem.code]
            result.findings.append(Finding(Location(shown), problem.code, problem.severity, problem.message,
                                           citation=code.criterion or None, url=code.url or None))
        report.files.append(result)
    return report


def _load_pair(old: str, new: str | None, rev: str | None, today: dt.date | None) \
        -> tuple[list[LoadedPlan], list[list]]:
    from cspplan import sources
    from cspplan.engine import load_checked
    from cspplan.errors import CspplanError

    if rev is not None and new is not None:
        raise CspplanError("give either the later plan or a revision to compare with, not both")
    if rev is None and new is None:
        raise CspplanError("give the later plan, or a revision to compare the plan with")
    if rev is not None:
        pair = [sources.read(old, rev), sources.read(old)]
    else:
        pair = [sources.read(old), sources.read(new)]  # type: ignore[arg-type]
    options = Options(today=today)
    loaded, findings = [], []
    for name, data in pair:
        plan, result = load_checked(name, data, options, "both plans must follow the plan format to be compared")
        loaded.append(plan)
        findings.append(result.findings)
    return loaded, findings


def diff_files(old: str, new: str | None = None, *, rev: str | None = None,
               today: dt.date | None = None) -> Diff:
    """What changed from plan ``old`` to plan ``new``, matched by the plans' ids.

    Either path may be ``REV:path`` for a file at a git revision; with ``rev`` and no
    ``new``, ``old`` as it was at ``rev`` is compared with it now. Statutory changes
    are judged with reviews and waivers as at ``today``.
    """
    from cspplan.diff import diff

    (before, after), (old_findings, new_findings) = _load_pair(old, new, rev, today)
    return diff(before, after, compliance=(old_findings, new_findings))


def redline_file(old: str, new: str | None, output: str | Path, *, rev: str | None = None,
                 template: str | Path | None = None, today: dt.date | None = None) -> tuple[Diff, list[str]]:
    """Write the later plan (Appendix A) with Word tracked changes against the earlier one.

    Returns what changed (as :func:`diff_files` would) and the warnings to show (a
    council template's missing styles, accessibility warnings about the document).
    """
    from cspplan.diff import diff
    from cspplan.render.api import render_redline

    (before, after), (old_findings, new_findings) = _load_pair(old, new, rev, today)
    warnings = render_redline(before, after, output, template=template)
    return diff(before, after, compliance=(old_findings, new_findings)), warnings


def review_file(path: str | os.PathLike, today: dt.date | None = None) -> Review:
    """The six-monthly review of a plan as at ``today`` (default: the real date)."""
    from cspplan import review, sources
    from cspplan.engine import load_checked
    from cspplan.model import build

    day = today or dt.date.today()
    name, data = sources.read(os.fspath(path))
    loaded, _ = load_checked(name, data, Options(today=day), "the plan must follow the plan format")
    return review.review(build(loaded.data), name, day, lambda pointer: loaded.locate(pointer).line)


def render_file(plan: str | os.PathLike, output: str | os.PathLike, **options) -> RenderResult:
    """Write the committee paper for ``plan`` to ``output`` (see :func:`cspplan.render.api.render`)."""
    from cspplan.render.api import render

    return render(plan, output, **options)
