"""Import a Word document as a plan: find the report and the plan in its blocks, fill what
the document does not say with placeholders the validator reports, and keep the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cspplan.errors import CspplanError
from cspplan.importer.notes import PLACEHOLDER, PLACEHOLDER_DATE, Notes, norm
from cspplan.importer.reader import Para, Table, read, text_of


@dataclass
class Imported:
    text: str            # the plan file
    notes: list[str]     # located notes for standard error
    unsorted: int        # how many blocks were kept for the officer to sort


def import_docx(path: Path, base: dict | None = None) -> Imported:
    """The plan YAML for a .docx committee report or plan document (``base``: see :mod:`plan`)."""
    from cspplan.importer.plan import PlanReader, split_parts
    from cspplan.importer.report import read_report
    from cspplan.importer.writer import plan_yaml

    document = read(path)
    notes, used = Notes(), set[int]()
    report_blocks, appendices = split_parts(document.blocks)
    _draft_notice(document.blocks, used)
    report = read_report(report_blocks, notes, used)
    plan_blocks = next((blocks for label, blocks in appendices if label == "A"), None)
    if plan_blocks is None and report is None:
        plan_blocks = document.blocks
    reader = PlanReader(notes, used, base)
    plan = reader.read(plan_blocks or [], None)
    if report is None and not plan.get("priorities"):
        raise CspplanError(f"{path}: no committee report or plan was recognised (no cover table, numbered "
                           "report sections or priorities with action tables); see docs/import.md")
    for label, blocks in appendices:
        if label != "A":
            _overview(blocks, plan, used)
    if report is not None:
        plan["committee_report"] = _merge_report(base, report)
    _fill(plan, report, notes)
    _tidy(plan)
    for block in document.blocks:
        if id(block) not in used and text_of(block).strip():
            notes.keep(block.where, text_of(block))
    return Imported(plan_yaml(plan, notes.unsorted, notes.notes, path.name), notes.notes, len(notes.unsorted))


def _merge_report(base: dict | None, report: dict) -> dict:
    """The report read, with the base's fields the paper does not print (clearance, key decision ...)."""
    old = (base or {}).get("committee_report", {})
    merged = dict(old)
    if "recommendations_preamble" not in report:
        merged.pop("recommendations_preamble", None)
    elif base and "recommendations_preamble" not in old and report["recommendations_preamble"] == DEFAULT_PREAMBLE:
        report = {k: v for k, v in report.items() if k != "recommendations_preamble"}  # the paper's default
    author = {**old.get("author", {}), **report.get("author", {})}  # e-mail and phone are not printed
    merged.update(report)
    if author:
        merged["author"] = author
    return merged


def _overview(blocks: list, plan: dict, used: set[int]) -> None:
    """A crime overview appendix: the data source of each measure, by indicator; the rest is regenerated."""
    from cspplan.importer.plan import _header, _rows

    measures = {norm(m["indicator"]): m for p in plan.get("priorities", []) for m in p.get("measures", [])}
    if not any(isinstance(b, Para) and "overview" in norm(b.text) for b in blocks[:1]):
        return
    for block in blocks:
        used.add(id(block))
        if isinstance(block, Table) and _header(block, "indicator", "source"):
            for row in _rows(block):
                measure = measures.get(norm(row.get("indicator", "")))
                if measure is not None and row.get("source", "-") not in ("", "-"):
                    measure["data_source"] = row["source"]


def _fill(plan: dict, report: dict | None, notes: Notes) -> None:
    """Required fields the document did not give, as placeholders the validator reports."""
    missing = []

    def need(container: dict, key: str, value, label: str) -> None:
        if key not in container:
            container[key] = value
            missing.append(label)

    need(plan, "title", report["title"] if report else PLACEHOLDER, "title")
    _infer_area(plan, notes)
    area = plan.setdefault("area", {})
    need(area, "name", PLACEHOLDER, "area name")
    need(area, "council_type", PLACEHOLDER, "council type")
    need(plan, "jurisdiction", PLACEHOLDER, "jurisdiction (england or wales)")
    need(plan, "period", {"start": PLACEHOLDER_DATE, "end": PLACEHOLDER_DATE}, "plan period")
    need(plan, "version", "0.1", "version")
    need(plan, "status", "draft", "status")
    if plan.get("status") == "approved":
        approval = plan.setdefault("approval", {})
        need(approval, "date", PLACEHOLDER_DATE, "approval date")
        if "approved_by" not in approval and report:
            approval["approved_by"] = report["committee"]
            notes.note("the document", f"approved_by read as the report's committee, {report['committee']}; check it")
        need(approval, "approved_by", PLACEHOLDER, "approved by")
    need(plan.setdefault("review", {}), "frequency_months", PLACEHOLDER, "review frequency")
    partnership = plan.setdefault("partnership", {})
    partnership.pop("_seen", None)
    need(partnership, "name", PLACEHOLDER, "partnership name")
    need(partnership, "members", [], "members")
    need(plan, "priorities", [], "priorities")
    if missing:
        notes.note("the document", "not found, marked for you to fill: " + ", ".join(missing))


def load_base(path: Path) -> dict:
    """A plan file that follows the plan format, as data (refused with one line otherwise)."""
    from cspplan import sources
    from cspplan.engine import Options, load_checked

    name, data = sources.read(str(path))
    loaded, _ = load_checked(name, data, Options(), "the base plan must follow the plan format")
    assert isinstance(loaded.data, dict)
    return loaded.data


def write_plan(text: str, target: Path, *, source: Path, force: bool) -> None:
    """Write atomically (a temporary file, then a rename); never over the source, nor over a file without force."""
    from cspplan.files import write_text_atomic

    if target.resolve() == source.resolve():
        raise CspplanError(f"{target}: this is the Word file being imported; choose another output name")
    if target.exists() and not force:
        raise CspplanError(f"{target}: already exists; choose another name or add --force to replace it")
    try:
        write_text_atomic(text, target)
    except OSError as exc:
        raise CspplanError(f"{target}: cannot be written ({exc.strerror or exc})") from None


def _infer_area(plan: dict, notes: Notes) -> None:
    """England or Wales, and a district council, from the members' kinds, said as a note."""
    kinds = {m.get("kind") for m in plan.get("partnership", {}).get("members", [])}
    area = plan.setdefault("area", {})
    if "jurisdiction" not in plan and ({"local_health_board"} & kinds or {"integrated_care_board"} & kinds):
        plan["jurisdiction"] = "wales" if "local_health_board" in kinds else "england"
        notes.note("the members table", f"jurisdiction read as {plan['jurisdiction']} from the health body's kind; "
                                        "check it")
    if "council_type" not in area:
        if "district_council" in kinds:
            area["council_type"] = "district"
        elif plan.get("jurisdiction") == "wales" and "unitary_council" in kinds:
            area["council_type"] = "welsh_principal"
        else:
            return
        notes.note("the members table", f"council type read as {area['council_type']} from the members' kinds; "
                                        "check it")


ORDERS = {
    "area": ("name", "ons_code", "council_type", "county", "police_area", "policing_body"),
    "partnership": ("name", "local_name", "description", "members", "governance"),
}
PRIORITY_ORDER = ("id", "title", "narrative", "rationale", "statutory_strands", "police_and_crime_objectives",
                  "lead", "actions", "measures")


def _tidy(plan: dict) -> None:
    """Nested fields in the format's order, as the examples write them (the order is not a change)."""
    from cspplan.importer.plan import _order

    for key, order in ORDERS.items():
        if isinstance(plan.get(key), dict):
            plan[key] = _order(plan[key], order)
    plan["priorities"] = [_order(p, PRIORITY_ORDER) for p in plan.get("priorities", [])]


DEFAULT_PREAMBLE = "Committee is asked to:"
EXEMPT_NOTICE = re.compile(r"^\**Not for publication: exempt information under paragraph \d+ of Part [14] of "
                           r"Schedule 12A to the Local Government Act 1972\.\**$")
DRAFT_NOTICE = re.compile(r"^\**(Draft|Notice): this plan does not yet meet the law in \d+ respects?:\**$")


def _draft_notice(blocks: list, used: set[int]) -> None:
    """The notice a paper carries while the plan falls short of the law: made by render, not kept."""
    for n, block in enumerate(blocks):
        if isinstance(block, Para) and EXEMPT_NOTICE.match(block.text):
            used.add(id(block))
        if isinstance(block, Para) and DRAFT_NOTICE.match(block.text):
            used.add(id(block))
            for item in blocks[n + 1:]:
                if not (isinstance(item, Para) and item.list_kind == "bullet"):
                    break
                used.add(id(item))
