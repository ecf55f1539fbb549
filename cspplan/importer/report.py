"""The committee cover report in a Word document: the cover table, the summary box, the twelve
numbered sections, background papers and appendices, found by their words.

Headings are recognised by what they say ("Legal comments", "7. Legal comments",
"Legal Comments:"), whether Word styled them as headings, numbered them itself, or the
officer typed the number; tables by the labels in their first column or their header row.
"""

from __future__ import annotations

import re

from cspplan.importer.dates import find_date
from cspplan.importer.notes import PLACEHOLDER, PLACEHOLDER_DATE, Notes, norm
from cspplan.importer.reader import Para, Table
from cspplan.vocabulary import REPORT_PURPOSES, REPORT_SECTIONS, SUMMARY_BOX

# Words a section heading starts with (after norm), in report order.
SECTION_WORDS = {
    "summary": ("summary of the report", "summary"),
    "key_issues": ("key issues",),
    "options": ("options",),
    "financial": ("financial",),
    "risk": ("risk",),
    "procurement": ("procurement",),
    "legal": ("legal",),
    "other_considerations": ("other considerations",),
    "equality_and_diversity": ("equality",),
    "sustainability_and_climate": ("sustainability", "climate"),
    "timetable": ("timetable",),
    "contact": ("contact",),
}
COVER_LABELS = (  # (field, words the label starts with), the more specific first
    ("reason", ("reason for recommendation",)),
    ("exemption_reason", ("exemption reason", "reason for exemption", "exemption")),
    ("recommendations", ("recommendation",)),
    ("title", ("title", "report title", "subject")),
    ("purpose", ("purpose",)),
    ("author", ("report author", "author", "lead officer")),
    ("wards", ("ward",)),
    ("exempt", ("exempt", "confidential")),
    ("corporate_priorities", ("corporate priorit", "council priorit")),
    ("key_decision", ("key decision",)),
)
BOX_WORDS = {field: norm(heading) for field, heading in SUMMARY_BOX}
BLOCK_HEADINGS = ("background papers", "appendices", "appendix")


def cover_fields(table: Table) -> dict[str, list[Para]] | None:
    """The cover table's cells by field, if this table is one (at least three labels known)."""
    found: dict[str, list[Para]] = {}
    for row in table.rows:
        if len(row) < 2:
            continue
        label = norm(" ".join(p.text for p in row[0]))
        for key, words in COVER_LABELS:
            if key not in found and any(label.startswith(w) for w in words) and len(label.split()) <= 6:
                found[key] = [p for cell in row[1:] for p in cell if p.text]
                break
    return found if len(found) >= 3 and "title" in found else None


def section_of(para: Para) -> str | None:
    """The report section this paragraph is the heading of, if it is one."""
    words = norm(para.text.rstrip(":"))
    if not words or len(words.split()) > 8:
        return None
    looks_like_heading = (para.heading is not None or para.bold or para.list_kind == "number"
                          or (para.typed_number is not None and "." not in para.typed_number)
                          or (para.list_kind == "outline" and para.list_level == 0))
    if not looks_like_heading:
        return None
    for key, starts in SECTION_WORDS.items():
        if any(words == s or words.startswith(s + " ") for s in starts):
            if key == "summary" and words not in ("summary of the report", "summary"):
                return None
            return key
    return None


def read_report(blocks: list, notes: Notes, used: set[int]) -> dict | None:
    """The ``committee_report`` mapping, or None when the document has no cover report."""
    cover_index = next((i for i, b in enumerate(blocks) if isinstance(b, Table) and cover_fields(b)), None)
    starts: dict[int, str] = {}
    for i, block in enumerate(blocks):
        key = section_of(block) if isinstance(block, Para) else None
        if key:
            starts[i] = key
    if cover_index is None and len(set(starts.values())) < 6:
        return None
    report: dict = {}
    if cover_index is not None:
        used.add(id(blocks[cover_index]))
        _cover(cover_fields(blocks[cover_index]) or {}, blocks[cover_index], report, notes)
        _meeting(blocks[:cover_index], report, notes, used)
        for block in blocks[:cover_index]:  # the report's title above its cover table
            if isinstance(block, Para) and block.heading in (0, 1) and norm(block.text) == norm(report["title"]):
                used.add(id(block))
    else:
        notes.note("the document", "no cover table was found (Title, Purpose of the report, Report author ...): "
                                   "fill the committee_report fields marked FILL-IN")
    report.setdefault("committee", PLACEHOLDER)
    report.setdefault("meeting_date", PLACEHOLDER_DATE)
    sections, box, end = _sections(blocks, starts, notes, used)
    report["summary_box"] = box
    report["sections"] = sections
    report["background_papers"], report["appendices"] = _papers_and_appendices(blocks[end:], notes, used)
    return _ordered(report)


def _ordered(report: dict) -> dict:
    order = ("committee", "meeting_date", "title", "purpose", "author", "wards_affected", "exempt", "exemption",
             "corporate_priorities", "key_decision", "recommendations_preamble", "recommendations",
             "reason_for_recommendation", "summary_box", "sections", "background_papers", "appendices")
    return {k: report[k] for k in order if k in report}


def _text(paras: list[Para]) -> str:
    return "\n\n".join(p.text for p in paras if p.text)


def _cover(cells: dict[str, list[Para]], table: Table, report: dict, notes: Notes) -> None:
    where = table.where
    report["title"] = _text(cells.get("title", [])) or PLACEHOLDER
    purpose = norm(_text(cells.get("purpose", [])))
    labels = {norm(label): key for key, label in REPORT_PURPOSES.items()}
    guess = labels.get(purpose) or next((key for key in REPORT_PURPOSES if key[:5] in purpose), None)
    if guess is None:
        notes.note(where, f"purpose '{_text(cells.get('purpose', []))}' is not one of "
                          f"{', '.join(REPORT_PURPOSES)}: choose one")
    report["purpose"] = guess or PLACEHOLDER
    author = _text(cells.get("author", []))
    name, _, role = (re.split(r"(\s+[\u2013\u2014-]\s+|,\s*)", author, maxsplit=1) + ["", ""])[:3]
    if not role:
        notes.note(where, f"the report author '{author}' has no role after a comma or dash: add it")
    report["author"] = {"name": name.strip() or PLACEHOLDER, "role": role.strip() or PLACEHOLDER}
    report["wards_affected"] = _list(cells.get("wards", [])) or [PLACEHOLDER]
    exempt = norm(_text(cells.get("exempt", [])))
    report["exempt"] = exempt.startswith("yes")
    if report["exempt"]:
        reason = _text(cells.get("exemption_reason", []))
        match = re.match(r"paragraph\s+(\d+)[:.]?\s*(.*)", reason, re.IGNORECASE | re.DOTALL)
        report["exemption"] = {"paragraph": int(match.group(1)) if match else 0,
                               "public_interest_reason": (match.group(2) if match else reason) or PLACEHOLDER}
        if not match:
            notes.note(where, "the exemption reason does not name a paragraph of Schedule 12A: add it")
    report["corporate_priorities"] = _list(cells.get("corporate_priorities", []))
    if "key_decision" in cells:
        report["key_decision"] = norm(_text(cells["key_decision"])).startswith("yes")
    preamble, items = _recommendations(cells.get("recommendations", []))
    if preamble:
        report["recommendations_preamble"] = preamble
    report["recommendations"] = items or [PLACEHOLDER]
    report["reason_for_recommendation"] = _text(cells.get("reason", [])) or PLACEHOLDER


def _list(paras: list[Para]) -> list[str]:
    """A cell's items: one per paragraph, or split at commas when the cell is one line."""
    texts = [p.text.lstrip("\u2022-* ").strip() for p in paras if p.text.strip()]
    if len(texts) == 1:
        texts = [t.strip() for t in texts[0].split(",")]
    return [t for t in texts if t]


def _recommendations(paras: list[Para]) -> tuple[str | None, list[str]]:
    preamble = None
    items: list[str] = []
    for p in paras:
        if preamble is None and not items and p.list_kind is None and p.typed_number is None \
                and p.text.rstrip().endswith(":"):
            preamble = p.text
            continue
        parts = re.split(r"(?:;\s*(?:and\s+)?)?\s(?=\d{1,2}[.)]\s)", p.text)
        for part in parts:
            part = re.sub(r"^\d{1,2}[.)]\s+", "", part).strip()
            part = re.sub(r";\s*(and|or)?$", "", part).strip()
            if part:
                items.append(part)
    return preamble, items


def _meeting(before: list, report: dict, notes: Notes, used: set[int]) -> None:
    """The committee and meeting date, from a line such as "Report to Cabinet, 24 September 2024"."""
    for block in before:
        if not isinstance(block, Para):
            continue
        match = re.match(r"^(?:report to|to:?)\s+(?:the\s+)?(.+?)(?:,|\s+on|\s+-|\s+\u2013)\s+(.+)$", block.text,
                         re.IGNORECASE)
        if match:
            iso, note = find_date(match.group(2))
            report["committee"] = match.group(1).strip()
            report["meeting_date"] = iso or PLACEHOLDER_DATE
            if note:
                notes.note(block.where, note)
            used.add(id(block))
            return
    notes.note("the document", "no 'Report to COMMITTEE, DATE' line was found: fill committee and meeting_date")


def _sections(blocks: list, starts: dict[int, str], notes: Notes, used: set[int]) -> tuple[dict, dict, int]:
    sections: dict[str, list[str]] = {key: [] for key, _ in REPORT_SECTIONS}
    box: dict[str, list[str]] = {key: [] for key, _ in SUMMARY_BOX}
    end = 0
    ordered = sorted(starts)
    for n, start in enumerate(ordered):
        key = starts[start]
        stop = ordered[n + 1] if n + 1 < len(ordered) else _section_end(blocks, start)
        end = max(end, stop)
        used.add(id(blocks[start]))
        if sections[key]:
            notes.note(blocks[start].where, f"a second '{blocks[start].text}' section: its paragraphs were added "
                                            "to the first")
        paragraphs = sections[key]
        for block in blocks[start + 1:stop]:
            if isinstance(block, Table):
                if _box(block, box):
                    used.add(id(block))
                continue
            if not block.text:
                continue
            used.add(id(block))
            _add_paragraph(paragraphs, block)
    missing = [heading for key, heading in REPORT_SECTIONS if not sections[key]]
    for key, _heading in REPORT_SECTIONS:
        if not sections[key]:
            sections[key] = [PLACEHOLDER]
    if missing:
        notes.note("the report", f"no paragraphs under: {', '.join(missing)}; the sections are marked FILL-IN")
    for key, heading in SUMMARY_BOX:
        if not box[key]:
            box[key] = [PLACEHOLDER]
            notes.note("the summary box", f"'{heading}' was not found: it is marked FILL-IN")
    return sections, box, end


def _section_end(blocks: list, start: int) -> int:
    """Where the last section stops: at background papers, appendices or a top-level heading."""
    for i in range(start + 1, len(blocks)):
        block = blocks[i]
        if isinstance(block, Para) and block.text and (
                any(norm(block.text).startswith(w) for w in BLOCK_HEADINGS) and (block.heading or len(
                    block.text) < 120) or block.heading in (0, 1)):
            return i
    return len(blocks)


def _add_paragraph(paragraphs: list[str], block: Para) -> None:
    """A report paragraph: a numbered one starts a new entry; a list item or an unnumbered one joins it."""
    numbered = block.list_kind == "outline" or (block.typed_number is not None and "." in block.typed_number)
    if block.list_kind in ("bullet", "number") and paragraphs:
        marker = "-" if block.list_kind == "bullet" else "1."
        paragraphs[-1] += f"\n\n{'  ' * block.list_level}{marker} {block.text}" if not \
            paragraphs[-1].endswith(block.text) else ""
        return
    if block.heading is not None and paragraphs:
        paragraphs[-1] += f"\n\n### {block.text}"
        return
    if numbered or not paragraphs:
        paragraphs.append(block.text)
    else:
        paragraphs[-1] += "\n\n" + block.text


def _box(table: Table, box: dict[str, list[str]]) -> bool:
    """Fill the summary box from a table whose header cells are its four headings."""
    found = False
    rows = table.rows
    for r, row in enumerate(rows):
        keys = [_box_key(" ".join(p.text for p in cell)) for cell in row]
        if not any(keys):
            continue
        below = rows[r + 1] if r + 1 < len(rows) else None
        for c, key in enumerate(keys):
            if key is None:
                continue
            found = True
            cell = below[c] if below is not None and c < len(below) else []
            items = [p.text.lstrip("\u2022-* ").strip() for p in cell if p.text.strip()]
            box[key] += [i for i in items if _box_key(i) is None]
    return found


def _box_key(text: str) -> str | None:
    words = norm(text)
    return next((key for key, heading in BOX_WORDS.items() if words == heading), None)


def _papers_and_appendices(blocks: list, notes: Notes, used: set[int]) -> tuple[list[dict], list[dict]]:
    papers: list[dict] = []
    appendices: list[dict] = []
    mode = None
    for block in blocks:
        if isinstance(block, Table):
            if mode:
                break
            continue
        words = norm(block.text)
        if block.heading == 1 and mode == "appendices" and appendices:
            break
        if words.startswith("background papers"):
            mode = "papers"
            used.add(id(block))
            rest = block.text.split(":", 1)[1].strip() if ":" in block.text else ""
            if rest and norm(rest) not in ("none", "there are none"):
                papers.append({"title": rest})
            continue
        if words.startswith("appendices"):
            mode = "appendices"
            used.add(id(block))
            continue
        if not block.text or mode is None:
            continue
        if norm(block.text) in ("none", "there are none", "n a"):
            used.add(id(block))
            continue
        appendix = re.match(r"^appendix\s+([A-Z0-9]{1,3})\s*[:.\u2013\u2014-]\s*(.+)$", block.text, re.IGNORECASE)
        if appendix and mode in ("papers", "appendices") and block.heading is None:
            appendices.append({"label": appendix.group(1).upper(), "title": appendix.group(2).strip()})
            used.add(id(block))
            mode = "appendices"
        elif mode == "papers" and block.heading is None:
            match = re.match(r"^(.*?)\s*\(available from (.+)\)$", block.text)
            papers.append({"title": match.group(1), "available_from": match.group(2)} if match
                          else {"title": block.text})
            used.add(id(block))
        elif block.heading is not None:
            break
    return papers, appendices
