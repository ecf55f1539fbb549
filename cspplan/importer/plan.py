"""The plan in a Word document (Appendix A of a paper, or a plan document on its own): the
partnership, its members and groups, evidence, priorities with their action and measure
tables, the version table and the review, found by heading words and table header words.

Ids are not printed in a paper. With a ``base`` plan (the version the paper was made
from, or the last one kept as YAML) items are matched to it by title or name and keep
its ids and the facts the paper does not print (area codes, units, group members ...);
without one, ids are made from titles and the unprinted facts are marked FILL-IN.
"""

from __future__ import annotations

import copy
import re

from cspplan.importer.dates import read_date
from cspplan.importer.notes import PLACEHOLDER, PLACEHOLDER_DATE, Notes, norm, slug
from cspplan.importer.reader import Para, Table
from cspplan.vocabulary import (
    ACTION_STATUSES,
    EVIDENCE_KINDS,
    GROUP_KINDS,
    MEMBER_KINDS,
    MEMBER_ROLES,
    STRANDS,
    TARGET_DIRECTIONS,
)

GENERATED = ("contents", "statutory compliance", "statutory responsibilities")
"""Headings of parts the paper makes from the plan and the law: read for facts, never kept as text."""


def split_parts(blocks: list) -> tuple[list, list[tuple[str, list]]]:
    """The blocks before the first appendix, and each appendix as (label, blocks)."""
    cuts = [i for i, b in enumerate(blocks) if isinstance(b, Para) and _appendix_heading(b)]
    if not cuts:
        return blocks, []
    parts = []
    for n, start in enumerate(cuts):
        stop = cuts[n + 1] if n + 1 < len(cuts) else len(blocks)
        parts.append((_appendix_heading(blocks[start]) or "", blocks[start:stop]))
    return blocks[:cuts[0]], parts


def _appendix_heading(block: Para) -> str | None:
    if block.heading not in (0, 1) and not (block.bold and len(block.text) < 150):
        return None
    match = re.match(r"^appendix\s+([A-Z0-9]{1,3})\b", block.text, re.IGNORECASE)
    return match.group(1).upper() if match else None


class PlanReader:
    """Reads plan blocks into the plan's fields, onto a copy of ``base`` when one is given."""

    def __init__(self, notes: Notes, used: set[int], base: dict | None):
        self.notes, self.used = notes, used
        self.base = base or {}
        self.plan: dict = copy.deepcopy(base) if base else {}
        self.taken: set[str] = set()
        self.members: dict[str, str] = {}  # norm(name) -> id
        self.member_items: dict[str, dict] = {}

    # --- helpers -------------------------------------------------------------------------------
    def _use(self, block) -> None:
        self.used.add(id(block))

    def _date(self, text: str, where: str) -> str:
        iso, note = read_date(text)
        if note:
            self.notes.note(where, note)
        return iso or PLACEHOLDER_DATE

    def _match(self, items: list[dict], field: str, text: str) -> dict | None:
        key = norm(text)
        return next((i for i in items if norm(str(i.get(field, ""))) == key), None)

    def _member_id(self, name: str, where: str) -> str:
        key = norm(name)
        if key in self.members:
            return self.members[key]
        longer = [k for k in self.members if k.startswith(key + " ")]
        if len(longer) == 1 and not self.base:  # "A2Dominion (Registered social landlord ...)" is A2Dominion
            member = self.member_items[self.members[longer[0]]]
            description = member["name"][len(name):].strip()
            if description.startswith("(") and description.endswith(")"):
                member["name"], member["description"] = name, description[1:-1]
                self.members[key] = member["id"]
                return member["id"]
        self.notes.note(where, f"'{name}' is not in the members table: add it or correct the name")
        return slug(name, self.taken, "member")

    # --- the whole plan ------------------------------------------------------------------------
    def read(self, blocks: list, title: str | None) -> dict:
        plan = self.plan
        plan["schema_version"] = 1
        if title:
            plan["title"] = title
        sections = _by_heading(blocks, 2)
        self._front(sections.get("", []))
        own_sections = []
        for heading, part in sections.items():
            words = norm(heading)
            handler = {"summary": self._summary, "context": self._context, "the partnership": self._partnership,
                       "evidence": self._evidence, "our priorities": self._priorities,
                       "review and scrutiny": self._review,
                       "engagement information sharing and equality": self._engagement,
                       "statutory responsibilities": self._responsibilities}.get(words)
            if heading == "":
                continue
            if handler:
                handler(part)
            elif re.match(r"^priority\s+\d+\b", words):
                continue  # a plan document's priorities: read below, whatever their heading level
            elif words in GENERATED:
                for block in part:
                    self._use(block)
            else:
                own_sections.append((heading, part))
        if own_sections:
            self._own_sections(own_sections)
        if not getattr(self, "saw_priorities", False):
            self._typed_priorities([b for b in blocks if id(b) not in self.used])
        return plan

    def _front(self, blocks: list) -> None:
        plan = self.plan
        for block in blocks:
            if id(block) in self.used:
                continue
            if isinstance(block, Table) and _header(block, "version", "date"):
                self._use(block)
                self._versions(block)
            elif isinstance(block, Para) and block.heading in (0, 1):
                self._use(block)
                if not self.base:  # the appendix's title; a base plan's own title is kept
                    plan["title"] = re.sub(r"^appendix\s+\w+\s*[:.\u2013-]\s*", "", block.text,
                                           flags=re.IGNORECASE)
            elif isinstance(block, Para) and block.bold and "partnership" not in plan or (
                    isinstance(block, Para) and block.bold and not plan["partnership"].get("_seen")):
                self._use(block)
                match = re.match(r"^(.*?)\s*\(([^()]+)\)$", block.text)
                partnership = plan.setdefault("partnership", {})
                partnership["name"] = match.group(1) if match else block.text
                if match:
                    partnership["local_name"] = match.group(2)
                partnership["_seen"] = True
            elif isinstance(block, Para):
                self._identity(block)

    def _identity(self, block: Para) -> None:
        match = re.match(r"^(?P<area>.+?), (?P<start>.+?) to (?P<end>.+?)\. Version (?P<version>\S+), "
                         r"(?:approved (?P<approved>.+)|(?P<status>\w+))\.$", block.text)
        if not match:
            return
        self._use(block)
        plan = self.plan
        plan.setdefault("area", {})["name"] = match.group("area")
        plan["period"] = {"start": self._date(match.group("start"), block.where),
                          "end": self._date(match.group("end"), block.where)}
        plan["version"] = match.group("version")
        if match.group("approved"):
            plan["status"] = "approved"
            approval = plan.setdefault("approval", {})
            approval["date"] = self._date(match.group("approved"), block.where)
        else:
            plan["status"] = match.group("status").lower()

    def _versions(self, table: Table) -> None:
        rows = _rows(table)
        history = []
        old = {str(v.get("version")): v for v in self.base.get("version_history", [])}
        for number, row in enumerate(rows, 2):
            version = row.get("version", "")
            entry = dict(old.get(version, {}))
            where = f"{table.where}, row {number}"
            entry.update({"version": version or PLACEHOLDER, "date": self._date(row.get("date", ""), where),
                          "summary": row.get("summary of change", row.get("summary", "")) or PLACEHOLDER})
            due = row.get("next review due", "")
            if due and due != "-":
                entry["next_review_due"] = self._date(due, f"{table.where}, row {number}")
            else:
                entry.pop("next_review_due", None)
            history.append(entry)
        self.plan["version_history"] = history

    # --- sections of the plan ------------------------------------------------------------------
    def _summary(self, part: list) -> None:
        self.plan["summary"] = self._markdown(part[1:]) or PLACEHOLDER
        self._use(part[0])

    def _context(self, part: list) -> None:
        self.plan["context"] = self._markdown(part[1:]) or PLACEHOLDER
        self._use(part[0])

    def _own_sections(self, sections: list[tuple[str, list]]) -> None:
        old = self.base.get("sections", [])
        out = []
        for heading, part in sections:
            heading = heading.rstrip()
            self._use(part[0])
            match = self._match(old, "heading", heading)
            out.append({"id": match["id"] if match else slug(heading, self.taken, "section"),
                        "heading": heading, "text": self._markdown(part[1:]) or PLACEHOLDER})
        self.plan["sections"] = out

    def _markdown(self, blocks: list, base_level: int = 2) -> str:
        """Paragraphs, sub-headings and lists as Markdown; tables are left for the officer."""
        out: list[str] = []
        counters: dict[tuple[str | None, int], int] = {}
        for block in blocks:
            if not isinstance(block, Para) or not block.text:
                continue
            self._use(block)
            if block.heading:
                out.append("#" * (block.heading - base_level + 2) + " " + block.text
                           if block.heading > base_level else block.text)
            elif block.list_kind == "bullet":
                out.append("  " * block.list_level + "- " + block.text)
            elif block.list_kind == "number":
                key = (block.num_id, block.list_level)
                counters[key] = counters.get(key, 0) + 1
                out.append("  " * block.list_level + f"{counters[key]}. " + block.text)
            else:
                out.append(block.text)
        return _join(out)

    def _partnership(self, part: list) -> None:
        partnership = self.plan.setdefault("partnership", {})
        partnership.pop("_seen", None)
        self._use(part[0])
        description = []
        seen_table_or_heading = False
        for block in part[1:]:
            seen_table_or_heading = seen_table_or_heading or isinstance(block, Table) or bool(block.heading)
            if isinstance(block, Table) and _header(block, "member"):
                self._use(block)
                self._members(block)
            elif isinstance(block, Table) and _header(block, "group"):
                self._use(block)
                self._groups(block)
            elif isinstance(block, Para) and not seen_table_or_heading:
                description.append(block)
            elif isinstance(block, Para) and block.heading:
                self._use(block)
        if description:
            partnership["description"] = self._markdown(description)
        else:
            partnership.pop("description", None)

    def _members(self, table: Table) -> None:
        old = self.base.get("partnership", {}).get("members", [])
        kinds = {norm(label): kind for kind, label in MEMBER_ROLES.items()}
        kinds.update({norm(label): kind for kind, label in MEMBER_KINDS.items()})
        members = []
        for row in _rows(table):
            text = row.get("member", "")
            match = next((m for m in old if text == m["name"] or text.startswith(m["name"] + " (")), None)
            member = dict(match) if match else {}
            if match:
                member["name"] = match["name"]
                rest = text[len(match["name"]):].strip()
                if rest.startswith("(") and rest.endswith(")"):
                    member["description"] = rest[1:-1]
                else:
                    member.pop("description", None)
            else:
                member["id"] = slug(text, self.taken, "member")
                member["name"] = text
                name, description = _trailing_paren(text)
                if description and len(description.split()) > 6:  # "A2Dominion (Registered social landlord ...)"
                    member["name"], member["description"] = name, description
            kind = kinds.get(norm(row.get("role", "")))
            if kind is None:
                self.notes.note(table.where, f"member '{text}': role '{row.get('role', '')}' is not a kind "
                                             "cspplan knows: choose one (see docs/plan-format.md)")
            member["kind"] = kind or PLACEHOLDER
            represented = row.get("represented by", "")
            if represented and represented != "-":
                member["represented_by"] = represented
            else:
                member.pop("represented_by", None)
            self.members[norm(member["name"])] = member["id"]
            self.taken.add(member["id"])
            members.append(_order(member, ("id", "name", "kind", "description", "represented_by")))
            self.member_items[member["id"]] = members[-1]
        self.plan.setdefault("partnership", {})["members"] = members

    def _groups(self, table: Table) -> None:
        old = self.base.get("partnership", {}).get("governance", [])
        labels = {label.lower(): kind for kind, label in GROUP_KINDS.items()}
        groups = []
        names: dict[str, str] = {}
        pending: list[tuple[dict, str]] = []
        for row, cells in zip(_rows(table), table.rows[1:], strict=False):
            match = re.match(r"^(.*)\s\(([^()]+)\)$", row.get("group", ""))
            name = match.group(1) if match else row.get("group", "")
            kind = labels.get(match.group(2).lower()) if match else None
            group = dict(self._match(old, "name", name) or {"id": slug(name, self.taken, "group"), "members": []})
            group.update({"name": name, "kind": kind or PLACEHOLDER})
            for field in ("chair", "meets"):
                if row.get(field, "-") not in ("", "-"):
                    group[field] = row[field]
                else:
                    group.pop(field, None)
            purpose_cell = cells[-1] if cells else []
            texts = [p for p in purpose_cell if p.text]
            reports = texts[-1].text if texts and texts[-1].text.startswith("Reports to ") else None
            if reports:
                texts = texts[:-1]
                pending.append((group, reports[len("Reports to "):].rstrip(".")))
            else:
                group.pop("reports_to", None)
            group["purpose"] = self._markdown(texts) or PLACEHOLDER
            names[norm(name)] = group["id"]
            groups.append(group)
        for group, target in pending:
            group["reports_to"] = names.get(norm(target), slug(target, self.taken, "group"))
        self.plan["partnership"]["governance"] = [
            _order(g, ("id", "name", "kind", "chair", "purpose", "meets", "members", "reports_to")) for g in groups]

    def _responsibilities(self, part: list) -> None:
        """Strands by priority title, and the police and crime plan, kept until priorities are read."""
        self.strand_rows: list[tuple[str, str]] = []  # (strand, "Title, Title, ...")
        self.objectives: dict[str, str] = {}
        labels = {norm(label): strand for strand, label in STRANDS.items()}
        for block in part:
            self._use(block)
            if isinstance(block, Table) and _header(block, "strategy", "delivered by"):
                for row in _rows(block):
                    strand = labels.get(norm(row.get("strategy", "")))
                    if strand:
                        self.strand_rows.append((strand, row.get("delivered by", "")))
            elif isinstance(block, Table) and _header(block, "priority", "police and crime objectives"):
                known = [o["title"] for o in self.base.get("police_and_crime_plan", {}).get("objectives", [])]
                for row in _rows(block):
                    key = next((k for k in row if "objectives" in k), "")
                    self.objectives[norm(row.get("priority", ""))] = row.get(key, "")
                    self.objective_titles = known
            elif isinstance(block, Para):
                match = re.search(r"regard to the (.+?) \(section 6\(1A\)\)", block.text)
                if match:
                    self.plan.setdefault("police_and_crime_plan", {})["title"] = match.group(1)
                none = re.match(r"^No police and crime plan has been issued for the police area: (.+)$", block.text)
                if none:
                    self.plan.setdefault("police_and_crime_plan", {})["not_issued"] = none.group(1)

    def _evidence(self, part: list) -> None:
        self._use(part[0])
        old = self.base.get("evidence", [])
        kinds = {norm(label): kind for kind, label in EVIDENCE_KINDS.items()}
        items = []
        for block in part[1:]:
            self._use(block)
            if not (isinstance(block, Table) and _header(block, "document")):
                continue
            for row in _rows(block):
                title = row.get("document", "")
                link = re.match(r"^\[(.*)\]\((.*)\)$", title)
                if link:
                    title = link.group(1)
                item = dict(self._match(old, "title", title) or {"id": slug(title, self.taken, "evidence")})
                item["title"] = title
                if link:
                    item["url"] = link.group(2)
                item["kind"] = kinds.get(norm(row.get("kind", "")), PLACEHOLDER)
                date = row.get("date", "-")
                if " to " in date:
                    start, end = date.split(" to ", 1)
                    item["period"] = {"start": self._date(start, block.where), "end": self._date(end, block.where)}
                    item.pop("date", None)
                elif date != "-":
                    item["date"] = self._date(date, block.where)
                if row.get("prepared by", "-") != "-":
                    item["prepared_by"] = row["prepared by"]
                items.append(_order(item, ("id", "kind", "title", "url", "date", "period", "prepared_by")))
        self.plan["evidence"] = items

    def _priorities(self, part: list, level: int = 3) -> None:
        """Each priority under a heading of ``level``; ``part`` starts with the heading above them, if any."""
        self.saw_priorities = True
        if part and isinstance(part[0], Para) and part[0].heading is not None and part[0].heading < level:
            self._use(part[0])
            part = part[1:]
        old = self.base.get("priorities", [])
        priorities = []
        for heading, blocks in _by_heading(part, level).items():
            if not heading:
                continue
            match = re.match(r"^(?:priority\s+\d+\s*[:.\u2013-]\s*)?(.+?)(?:\s+\((?:new|changed)\))?$", heading,
                             re.IGNORECASE)
            title = (match.group(1) if match else heading).rstrip()
            priority = dict(self._match(old, "title", title) or {"id": slug(title, self.taken, "priority")})
            priority["title"] = title
            self._priority(priority, blocks, level + 1)
            priorities.append(priority)
        self.plan["priorities"] = priorities

    def _typed_priorities(self, blocks: list) -> None:
        """A plan document without an 'Our priorities' heading: headings 'Priority 1: ...' at any level."""
        first = next((i for i, b in enumerate(blocks) if isinstance(b, Para) and b.heading
                      and re.match(r"^priority\s+\d+\b", b.text, re.IGNORECASE)), None)
        if first is None:
            return
        level = blocks[first].heading
        stop = next((i for i in range(first + 1, len(blocks)) if isinstance(blocks[i], Para)
                     and blocks[i].heading is not None and blocks[i].heading < level), len(blocks))
        self._priorities(blocks[first:stop], level)

    def _priority(self, priority: dict, blocks: list, level: int = 4) -> None:
        self._use(blocks[0])
        where = blocks[0].where
        tables = [b for b in blocks if isinstance(b, Table)]
        action_tables = [t for t in tables if _header(t, "action")]
        measure_tables = [t for t in tables if t not in action_tables and
                          (_header(t, "indicator") or _header(t, "measure") or _header(t, "performance"))]
        if action_tables:
            priority["actions"] = self._actions(action_tables, priority.get("actions", []))
        if measure_tables:
            priority["measures"] = self._measures(measure_tables, priority.get("measures", []))
        parts = _by_heading(blocks[1:], level)
        narrative = []
        for block in parts.get("", []):
            if isinstance(block, Para) and _labelled(block.text, "Lead") is not None:
                self._use(block)
                priority["lead"] = self._member_id(_labelled(block.text, "Lead") or "", block.where)
            elif not isinstance(block, Table):
                narrative.append(block)
        for heading, body in parts.items():
            words = norm(heading)
            rest = [b for b in body[1:] if not isinstance(b, Table)]
            only_tables = all(isinstance(b, Table) or not b.text or (b.text.startswith("No ")
                              and b.text.endswith(" set yet.")) for b in rest)
            if not heading:
                continue
            if words.startswith(("why this is a priority", "why", "rationale")):
                self._use(body[0])
                evidence = [b for b in rest if isinstance(b, Para) and _labelled(b.text, "Evidence") is not None]
                rationale = dict(priority.get("rationale", {}))
                rationale["summary"] = self._markdown([b for b in rest if b not in evidence], level) or PLACEHOLDER
                if evidence:
                    self._use(evidence[0])
                    titles = (_labelled(evidence[0].text, "Evidence") or "").rstrip(".").split("; ")
                    known = {norm(e["title"]): e["id"] for e in self.plan.get("evidence", [])}
                    rationale["evidence"] = [known.get(norm(t), slug(t, self.taken, "evidence")) for t in titles]
                priority["rationale"] = _order(rationale, ("summary", "evidence"))
            elif only_tables and words.startswith(("what we will do", "how we will measure", "action", "measure",
                                                    "performance", "target")):
                for block in body:
                    self._use(block)
                if not action_tables and words.startswith(("what we will do", "action")):
                    priority["actions"] = []
                if not measure_tables and words.startswith(("how we will measure", "measure", "performance")):
                    priority["measures"] = []
            else:  # a sub-heading of the narrative
                narrative += [b for b in body if not isinstance(b, Table)]
        priority["narrative"] = self._markdown(narrative, level - 1) or PLACEHOLDER
        priority.setdefault("lead", PLACEHOLDER)
        title_key = norm(priority["title"])
        if hasattr(self, "strand_rows"):  # a title may hold commas: look for it whole between the commas
            strands = [strand for strand, text in self.strand_rows if f", {priority['title']}, " in f", {text}, "]
            if set(strands) != set(priority.get("statutory_strands", [])):  # the paper does not print their order
                priority["statutory_strands"] = strands
            elif not self.base:
                priority.setdefault("statutory_strands", strands)
        if getattr(self, "objectives", None) is not None and title_key in self.objectives:
            priority["police_and_crime_objectives"] = self._objective_ids(self.objectives[title_key], where)
        priority.update(_order(priority, ("id", "title", "narrative", "rationale", "statutory_strands",
                                          "police_and_crime_objectives", "lead", "actions", "measures")))

    def _objective_ids(self, text: str, where: str) -> list[str]:
        if text in ("", "None"):
            return []
        objectives = self.plan.get("police_and_crime_plan", {}).get("objectives", [])
        titles = _split_titles(text, [o["title"] for o in objectives])
        ids = {norm(o["title"]): o["id"] for o in objectives}
        out = []
        for title in titles:
            if norm(title) not in ids:  # an objective only the paper names: add it to the plan
                ids[norm(title)] = slug(title, self.taken, "objective")
                police_plan = self.plan.setdefault("police_and_crime_plan", {"title": PLACEHOLDER})
                police_plan.setdefault("objectives", []).append({"id": ids[norm(title)], "title": title})
            out.append(ids[norm(title)])
        return out

    def _actions(self, blocks: list, old: list[dict]) -> list[dict]:
        statuses = {norm(label): key for key, label in ACTION_STATUSES.items()}
        actions = []
        for block in blocks:
            self._use(block)
            column = _column(block, "action")
            for number, (row, cells) in enumerate(zip(_rows(block), block.rows[1:], strict=False), 2):
                where = f"{block.where}, row {number}"
                description = self._markdown(cells[column]) if len(cells) > column else _col(row, "action")
                action = dict(self._match(old, "description", description) or
                              {"id": slug(description, self.taken, "action")})
                action["description"] = description
                owner = _col(row, "lead", "owner", "responsible", "who")
                action["owner"] = self._member_id(owner, where)
                action["due"] = self._date(_col(row, "due", "target date", "by when", "timescale", "deadline",
                                                "date", "by"), where)
                status = _col(row, "status", "progress", "rag")
                action["status"] = statuses.get(norm(status), PLACEHOLDER)
                if action["status"] == PLACEHOLDER:
                    self.notes.note(where, f"action '{description[:40]}': status '{status}' is not one of "
                                                 f"{', '.join(ACTION_STATUSES.values())}: choose one")
                actions.append(_order(action, ("id", "description", "owner", "due", "status")))
        return actions

    def _measures(self, blocks: list, old: list[dict]) -> list[dict]:
        directions = {norm(label): key for key, label in TARGET_DIRECTIONS.items()}
        measures = []
        for block in blocks:
            self._use(block)
            for row in _rows(block):
                indicator = _col(row, "indicator", "measure", "performance")
                measure = dict(self._match(old, "indicator", indicator) or
                               {"id": slug(indicator, self.taken, "measure"), "data_source": PLACEHOLDER})
                measure["indicator"] = indicator
                unit = measure.get("unit")
                for field in ("baseline", "latest"):
                    if "crime_data" in measure:  # figures the paper computed from police.uk data, not the plan's
                        continue
                    observed = _observation(_col(row, field, *(("current", "actual") if field == "latest" else ())))
                    if observed:
                        value, period, percent = observed
                        before = measure.get(field) or {}
                        same = before.get("value") == value and before.get("period") == period
                        measure[field] = before if same else {"value": value, "period": period}
                        if percent and not unit:
                            unit = "per cent"
                    else:
                        measure.pop(field, None)
                if unit:
                    measure["unit"] = unit
                target = re.match(r"^(\w+)(?: to (-?[\d,.]+)%?)?$", _col(row, "target"))
                direction = directions.get(norm(target.group(1))) if target else None
                measure["target"] = {"direction": direction or PLACEHOLDER}
                if target and target.group(2):
                    measure["target"]["value"] = _number(target.group(2))
                measures.append(_order(measure, ("id", "indicator", "unit", "baseline", "target", "data_source",
                                                 "latest")))
        return measures

    def _engagement(self, part: list) -> None:
        """Engagement, information sharing and equality: read for the facts the paper states."""
        parts = _by_heading(part[1:], 3)
        self._use(part[0])
        engagement = parts.get("Community engagement", [])
        if engagement and not (len(engagement) == 2 and engagement[1].text == "Not recorded."):
            old = self.base.get("community_engagement", {})
            body = [b for b in engagement[1:] if isinstance(b, Para)]
            meetings: list[dict] = []
            while body and body[-1].list_kind == "bullet" and re.search(r", \d{1,2} \w+ \d{4}$", body[-1].text):
                block = body.pop()
                title, date = block.text.rsplit(", ", 1)
                self._use(block)
                meetings.insert(0, {"date": self._date(date, block.where), "title": title})
            value = dict(old)
            value["approach"] = self._markdown(body, 3) or PLACEHOLDER
            if meetings:
                value["public_meetings"] = meetings
            self.plan["community_engagement"] = value
        for block in [b for blocks in parts.values() for b in blocks]:
            if not isinstance(block, Para):
                continue
            sharing = re.match(r"^The partners share information under the (.+?)\."
                               r"(?: It was last reviewed on (.+)\.)?$", block.text)
            if sharing:
                self._use(block)
                after = parts.get("Information sharing", [])
                rest = after[after.index(block) + 1:] if block in after else []
                value = dict(self.base.get("information_sharing", {}))
                value["agreement"] = sharing.group(1)
                if sharing.group(2):
                    value["reviewed_on"] = self._date(sharing.group(2), block.where)
                if rest:
                    value["description"] = self._markdown(rest, 3)
                else:
                    value.pop("description", None)
                self.plan["information_sharing"] = value
        equality = [b for b in parts.get("Equality", []) if isinstance(b, Para)]
        if len(equality) >= 3:
            match = re.match(r"^An? (.+?)(?: \((.+)\))? found:$", equality[1].text)
            if match:
                self._use(equality[0])
                self._use(equality[1])
                kinds = {"full equality impact assessment": "full", "equality impact screening": "screening"}
                value = dict(self.base.get("equality_impact_assessment", {}))
                value["kind"] = kinds.get(norm(match.group(1)), PLACEHOLDER)
                if match.group(2):
                    value["date"] = self._date(match.group(2), equality[1].where)
                value["summary"] = self._markdown(equality[2:], 3)
                self.plan["equality_impact_assessment"] = _order(value, ("kind", "date", "summary"))
        for block in part:
            if isinstance(block, Para) and (block.heading or block.text == "Not recorded."):
                self._use(block)

    def _review(self, part: list) -> None:
        self._use(part[0])
        for block in part[1:]:
            if not isinstance(block, Para):
                continue
            every = re.search(r"reviews this plan every (\d+) months", block.text)
            if every:
                self._use(block)
                review = self.plan.setdefault("review", {})
                review["frequency_months"] = int(every.group(1))
                due = re.search(r"next review is due by (.+?)\.$", block.text)
                if due:
                    review["next_review_due"] = self._date(due.group(1), block.where)
            scrutiny = re.match(r"^The (.+?) scrutinises the partnership .*?(?:, most recently on (.+))?\.$",
                                block.text)
            if scrutiny:
                self._use(block)
                value = self.plan.setdefault("scrutiny", {})
                value["committee"] = scrutiny.group(1)
                if scrutiny.group(2):
                    value["last_scrutinised"] = self._date(scrutiny.group(2), block.where)


# --- helpers ----------------------------------------------------------------------------------------

def _by_heading(blocks: list, level: int) -> dict[str, list]:
    """Blocks grouped under each heading of ``level`` (each group starts with its heading);
    "" holds what comes before the first."""
    groups: dict[str, list] = {"": []}
    current = ""
    for block in blocks:
        if isinstance(block, Para) and block.heading == level and block.text:
            current = block.text
            while current in groups:
                current += " "
            groups[current] = [block]
        else:
            groups[current].append(block)
    return groups


def _trailing_paren(text: str) -> tuple[str, str | None]:
    """("Name", "what is in the last brackets") for "Name (what (nested) is in the last brackets)"."""
    if not text.endswith(")"):
        return text, None
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[at], 0)
        if depth == 0:
            return (text[:at].rstrip(), text[at + 1:-1]) if at > 0 and text[at - 1] == " " else (text, None)
    return text, None


def _labelled(text: str, label: str) -> str | None:
    """What follows "Label:" (bold or not) at the start of a paragraph, or None."""
    match = re.match(rf"^\**{label}:\**\s*(.*)$", text, re.IGNORECASE | re.DOTALL)
    return match.group(1).strip() if match else None


def _header(table: Table, *words: str) -> bool:
    header = [norm(c) for c in (table.texts()[0] if table.rows else [])]
    return all(any(cell.startswith(w) or cell == w for cell in header) for w in words)


def _rows(table: Table) -> list[dict[str, str]]:
    """Each row after the header as {header words: cell text}."""
    texts = table.texts()
    if not texts:
        return []
    header = [norm(c) for c in texts[0]]
    return [dict(zip(header, row, strict=False)) for row in texts[1:] if any(row)]


def _col(row: dict[str, str], *starts: str) -> str:
    """The first cell whose header starts with one of ``starts`` (tables are read by header words)."""
    for start in starts:
        for header, value in row.items():
            if header == start or header.startswith(start + " ") or (len(start) > 3 and header.startswith(start)):
                return value
    return ""


def _column(table: Table, start: str) -> int:
    header = [norm(c) for c in table.texts()[0]] if table.rows else []
    return next((i for i, cell in enumerate(header) if cell.startswith(start)), 0)


def _order(item: dict, keys: tuple[str, ...]) -> dict:
    ordered = {k: item[k] for k in keys if k in item}
    ordered.update({k: v for k, v in item.items() if k not in ordered})
    return ordered


def _join(parts: list[str]) -> str:
    """Markdown blocks: list items in one list stay on consecutive lines."""
    out = ""
    for part in parts:
        is_item = bool(re.match(r"^\s*(- |\d+\. )", part))
        if out:
            out += "\n" if is_item and re.search(r"(^|\n)\s*(- |\d+\. )[^\n]*$", out) else "\n\n"
        out += part
    return out


def _number(text: str) -> float | int:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


def _observation(text: str) -> tuple[float | int, str, bool] | None:
    match = re.match(r"^(-?[\d,.]+)(%?) \((.+)\)$", text.strip())
    if not match:
        return None
    return _number(match.group(1)), match.group(3), bool(match.group(2))


def _split_titles(text: str, known: list[str]) -> list[str]:
    """Titles joined by ", ": known titles (which may hold commas) first, the rest split at commas."""
    if text in ("", "None"):
        return []
    found = []
    rest = text
    for title in sorted(known, key=len, reverse=True):
        if title in rest:
            found.append((text.find(title), title))
            rest = rest.replace(title, "\0")
    found += [(text.find(t.strip()), t.strip()) for t in rest.split(",") if t.strip() and "\0" not in t]
    return [t for _, t in sorted(found)]
