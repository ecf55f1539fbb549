"""What changed between two versions of a plan, matched by the plan's own ids.

Lists with ids (priorities, actions, measures, members, governance groups, evidence,
police and crime objectives) are matched by id, wherever an item sits: an action that
moved to another priority is "moved", not removed and added. Lists without ids are
matched by content (or, for the report's paragraphs, by similarity, with a word-level
diff). Whitespace, key order, quoting and comments are not changes. Each change says how
much it matters to a committee:

* **statutory**: it alters compliance with the law (the rules are run on both versions;
  a finding that appears or disappears is a change in its own right);
* **substantive**: priorities, actions, targets, owners, dates, members;
* **editorial**: wording.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cspplan.loader import LoadedPlan, escape_token
from cspplan.vocabulary import RESPONSIBLE_AUTHORITY_KINDS

ADDED, REMOVED, CHANGED, MOVED = "added", "removed", "changed", "moved"
STATUTORY, SUBSTANTIVE, EDITORIAL = "statutory", "substantive", "editorial"
SIGNIFICANCE_ORDER = (STATUTORY, SUBSTANTIVE, EDITORIAL)

# Lists whose items are matched by a key, by pattern ("[]" stands for any list index).
KEYED = {
    "/partnership/members": ("member", ("id",), "name"),
    "/partnership/governance": ("governance group", ("id",), "name"),
    "/evidence": ("evidence", ("id",), "title"),
    "/sections": ("section", ("id",), "heading"),
    "/committee_report/clearance/checklist": ("clearance step", ("step",), "step"),
    "/police_and_crime_plan/objectives": ("objective", ("id",), "title"),
    "/priorities": ("priority", ("id",), "title"),
    "/version_history": ("version", ("version",), "summary"),
    "/waivers": ("waiver", ("rule", "pointer"), "reason"),
    "/committee_report/appendices": ("appendix", ("label",), "title"),
    "/committee_report/background_papers": ("background paper", ("title",), "title"),
    "/community_engagement/public_meetings": ("public meeting", ("date", "title"), "title"),
}
# Actions and measures are matched by id across the whole plan, so moves between
# priorities are seen.
NESTED = {"actions": ("action", "description"), "measures": ("measure", "indicator")}
# Lists of paragraphs: matched by similarity, changed ones get a word-level diff.
PARAGRAPHS = re.compile(r"^/committee_report/(sections/[a-z_]+|summary_box/[a-z_]+|recommendations)$")
# Fields whose changes are wording only.
PROSE = {"narrative", "summary", "description", "purpose", "approach", "update", "context", "text", "comments",
         "reason_for_recommendation", "public_interest_reason", "reason", "title_of_report"}
# The parts of the cover report that change what the committee is asked to do: never editorial.
REPORT_SUBSTANCE = {"purpose", "recommendations", "recommendations_preamble", "key_decision"}
STATUTORY_FIELDS = {"statutory_strands", "kind", "jurisdiction", "council_type", "exempt", "policing_body"}
RESPONSIBLE = RESPONSIBLE_AUTHORITY_KINDS


@dataclass
class Change:
    """One change between the versions."""

    kind: str
    level: str                      # plan, member, priority, action, measure, report, compliance ...
    significance: str
    item_id: str | None = None
    title: str | None = None        # the item's title (new version's, if it has one)
    field: str | None = None        # the field within the item, e.g. "status" or "target/value"
    old: object = None
    new: object = None
    old_pointer: str | None = None
    new_pointer: str | None = None
    old_line: int | None = None
    new_line: int | None = None
    priority: str | None = None     # the priority the change belongs to, for grouping
    words: list[tuple[str, str]] | None = None   # ("equal"|"delete"|"insert", text)
    hint: str | None = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "level": self.level, "significance": self.significance,
            "id": self.item_id, "title": self.title, "field": self.field,
            "old": self.old, "new": self.new,
            "old_pointer": self.old_pointer, "new_pointer": self.new_pointer,
            "old_line": self.old_line, "new_line": self.new_line,
            "priority": self.priority,
            "words": None if self.words is None else [{"op": op, "text": t} for op, t in self.words],
            "hint": self.hint,
        }


@dataclass
class Diff:
    old_name: str
    new_name: str
    old_version: str | None
    new_version: str | None
    changes: list[Change] = field(default_factory=list)
    priority_titles: dict[str, str] = field(default_factory=dict)  # id -> title (the newer one)

    def count(self, significance: str) -> int:
        return sum(1 for c in self.changes if c.significance == significance)


def _plan_data(plan: LoadedPlan) -> dict:
    """The data of a plan that has passed the schema check: a mapping at the top."""
    assert isinstance(plan.data, dict), f"{plan.path} was not read as a plan"
    return plan.data


def _norm(value):
    """Whitespace inside text is not a change (folded and literal blocks differ only there)."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return _norm(a) == _norm(b)


def _pattern(pointer: str) -> str:
    return re.sub(r"/\d+(?=/|$)", "/[]", pointer)


def words(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff of two texts."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("insert", " ".join(b[j1:j2])))
    return out


class _Differ:
    def __init__(self, old: LoadedPlan, new: LoadedPlan):
        self.old, self.new = old, new
        self.changes: list[Change] = []

    def add(self, kind, level, significance, *, old_ptr=None, new_ptr=None, **fields) -> Change:
        change = Change(kind, level, significance, old_pointer=old_ptr, new_pointer=new_ptr, **fields)
        if old_ptr is not None:
            change.old_line = self.old.locate(old_ptr).line
        if new_ptr is not None:
            change.new_line = self.new.locate(new_ptr).line
        self.changes.append(change)
        return change

    # --- generic comparison -----------------------------------------------------------------

    def compare(self, old, new, op: str, np: str, item: dict) -> None:
        """Compare two values found at old pointer ``op`` and new pointer ``np``."""
        if _same(old, new):
            return
        if isinstance(old, dict) and isinstance(new, dict):
            for key in list(old) + [k for k in new if k not in old]:
                if item.get("skip") and key in item["skip"]:
                    continue
                o_ptr, n_ptr = f"{op}/{escape_token(key)}", f"{np}/{escape_token(key)}"
                if _pattern(n_ptr) in KEYED and isinstance(old.get(key, []), list) \
                        and isinstance(new.get(key, []), list):
                    # a list of items with ids, added or removed whole: item by item
                    self.keyed(old.get(key, []), new.get(key, []), o_ptr, n_ptr, _pattern(n_ptr), item)
                elif key not in new:
                    self.field_change(REMOVED, item, o_ptr, None, old[key], None)
                elif key not in old:
                    self.field_change(ADDED, item, None, n_ptr, None, new[key])
                else:
                    self.compare(old[key], new[key], o_ptr, n_ptr, item)
        elif isinstance(old, list) and isinstance(new, list):
            pattern = _pattern(np)
            if pattern in KEYED:
                self.keyed(old, new, op, np, pattern, item)
            elif PARAGRAPHS.match(np):
                self.paragraphs(old, new, op, np, item)
            else:
                self.members_of_set(old, new, op, np, item)
        else:
            self.field_change(CHANGED, item, op, np, old, new)

    def field_change(self, kind, item, op, np, old, new, words_=None) -> None:
        # The item's pointer on the same side as the change (indices differ between versions).
        pointer, base = (np, item["ptr"]) if np is not None else (op, item.get("optr", item["ptr"]))
        rel = pointer[len(base):].lstrip("/") if pointer.startswith(base) else pointer
        field_name = re.sub(r"/\d+", "", rel) or None
        last = (field_name or "").rsplit("/", 1)[-1]
        if item["level"] == "report" and field_name in REPORT_SUBSTANCE:
            significance = SUBSTANTIVE  # what the committee is asked to do
        elif item["level"] == "report" and (last in PROSE or field_name
                                            and field_name.startswith(("sections", "summary_box"))):
            significance = EDITORIAL
        elif last in PROSE:
            significance = EDITORIAL
        elif last in STATUTORY_FIELDS:
            significance = STATUTORY
        else:
            significance = SUBSTANTIVE
        if kind == CHANGED and isinstance(old, str) and isinstance(new, str) and len((old + new).split()) > 12:
            words_ = words_ or words(old, new)
        self.add(kind, item["level"], significance, old_ptr=op, new_ptr=np, item_id=item.get("id"),
                 title=item.get("title"), field=field_name, old=old, new=new, priority=item.get("priority"),
                 words=words_)

    def members_of_set(self, old: list, new: list, op, np, item) -> None:
        """A list without ids, compared by content (order does not matter)."""
        remaining = list(new)
        for i, value in enumerate(old):
            match = next((j for j, v in enumerate(remaining) if _same(v, value)), None)
            if match is None:
                self.field_change(REMOVED, item, f"{op}/{i}", None, value, None)
            else:
                remaining[match] = _GONE
        for j, value in enumerate(remaining):
            if value is not _GONE:
                self.field_change(ADDED, item, None, f"{np}/{j}", None, value)

    def paragraphs(self, old: list, new: list, op, np, item) -> None:
        """Paragraphs: aligned by similarity; a changed paragraph gets a word-level diff."""
        a, b = [_norm(x) for x in old], [_norm(x) for x in new]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            # Within a changed block, pair each old paragraph with the most similar new one that
            # follows the last pairing; the rest were added or removed.
            pairs, start = [], j1
            for i in range(i1, i2):
                best, best_ratio = None, 0.5
                for j in range(start, j2):
                    ratio = difflib.SequenceMatcher(None, a[i].split(), b[j].split(), autojunk=False).ratio()
                    if ratio > best_ratio:
                        best, best_ratio = j, ratio
                if best is not None:
                    pairs.append((i, best))
                    start = best + 1
            paired_old = {i for i, _ in pairs}
            paired_new = {j for _, j in pairs}
            for i in range(i1, i2):
                if i not in paired_old:
                    self.field_change(REMOVED, item, f"{op}/{i}", None, old[i], None)
            for i, j in pairs:
                self.field_change(CHANGED, item, f"{op}/{i}", f"{np}/{j}", old[i], new[j], words(old[i], new[j]))
            for j in range(j1, j2):
                if j not in paired_new:
                    self.field_change(ADDED, item, None, f"{np}/{j}", None, new[j])

    # --- lists of items with keys -------------------------------------------------------------

    def keyed(self, old: list, new: list, op, np, pattern, parent) -> None:
        level, key_fields, title_field = KEYED[pattern]

        def key(x) -> tuple[str, ...]:
            return tuple(str(x.get(k, "")) for k in key_fields) if isinstance(x, dict) else (repr(x),)
        old_keys, new_keys = [key(x) for x in old], [key(x) for x in new]
        old_at, old_twins = _first_and_repeats(old_keys)
        new_at, new_twins = _first_and_repeats(new_keys)
        moved = _moved([k for k in old_at if k in new_at], [k for k in new_at if k in old_at])
        removed = [(k, i) for k, i in old_at.items() if k not in new_at]
        added = [(k, j) for k, j in new_at.items() if k not in old_at]
        for _, i in removed:
            data = old[i]
            self.item_change(REMOVED, level, data, title_field, f"{op}/{i}", None, parent)
        for _, j in added:
            data = new[j]
            self.item_change(ADDED, level, data, title_field, None, f"{np}/{j}", parent)
        for k, i in old_twins:
            self.item_change(REMOVED, level, old[i], title_field, f"{op}/{i}", None, parent,
                             hint=_twin_hint(k, old_at[k], "earlier version"))
        for k, j in new_twins:
            self.item_change(ADDED, level, new[j], title_field, None, f"{np}/{j}", parent,
                             hint=_twin_hint(k, new_at[k], "this version"))
        for k, j in new_at.items():
            if k not in old_at:
                continue
            i = old_at[k]
            o, n = old[i], new[j]
            item = self.item_context(level, n, title_field, f"{np}/{j}", parent)
            item["optr"] = f"{op}/{i}"
            if k in moved:
                self.add(MOVED, level, SUBSTANTIVE, old_ptr=f"{op}/{i}", new_ptr=f"{np}/{j}",
                         item_id=item.get("id"), title=item.get("title"), old=i + 1, new=j + 1,
                         priority=item.get("priority"), hint=f"from position {i + 1} to {j + 1}")
            self.compare(o, n, f"{op}/{i}", f"{np}/{j}", item)
        self.same_title_hints(level, removed, added, old, new, title_field)

    def item_context(self, level, data, title_field, ptr, parent) -> dict:
        item_id = data.get("id") if isinstance(data, dict) else None
        if level == "version":
            item_id = data.get("version")
        item = {"level": level, "id": item_id, "title": data.get(title_field) if isinstance(data, dict) else None,
                "ptr": ptr, "priority": parent.get("priority")}
        if level == "priority":
            item["priority"] = item_id
            item["skip"] = ("actions", "measures")
        return item

    def item_change(self, kind, level, data, title_field, op, np, parent, hint: str | None = None) -> None:
        item = self.item_context(level, data, title_field, np or op, parent)
        significance = SUBSTANTIVE
        if level == "member" and isinstance(data, dict) and data.get("kind") in RESPONSIBLE:
            significance = STATUTORY
        self.add(kind, level, significance, old_ptr=op, new_ptr=np, item_id=item["id"], title=item["title"],
                 old=data if kind == REMOVED else None, new=data if kind == ADDED else None,
                 priority=item["priority"], hint=hint)

    def same_title_hints(self, level, removed, added, old, new, title_field) -> None:
        """An id changed but the title did not: probably the same item, renamed by mistake."""
        titles = {}
        for _, i in removed:
            if isinstance(old[i], dict) and old[i].get(title_field):
                titles[_norm(old[i][title_field])] = old[i]
        for _, j in added:
            data = new[j]
            if not isinstance(data, dict):
                continue
            twin = titles.get(_norm(data.get(title_field, "")))
            if twin is not None:
                for change in self.changes:
                    if change.level == level and change.kind in (ADDED, REMOVED) and \
                            change.item_id in (twin.get("id"), data.get("id")):
                        change.hint = (f"the {level} '{twin.get('id')}' was removed and '{data.get('id')}' added "
                                       "with the same title: if they are the same item, keep the old id so "
                                       "versions can be compared")

    # --- actions and measures, across priorities ---------------------------------------------

    def nested(self) -> None:
        """Actions and measures, matched by id across the whole plan.

        An item that moved to another priority is "moved"; one whose place among the
        items its priority shares with the earlier version changed is "moved" too, with
        its old and new position. A second item with an id already used is "added" (or
        "removed"), with a note, never silently merged with the first.
        """
        for name, (level, title_field) in NESTED.items():
            olds, old_twins = _first_and_repeats_of(self._nested(_plan_data(self.old), name))
            news, new_twins = _first_and_repeats_of(self._nested(_plan_data(self.new), name))
            for item_id, (prio, _, data, ptr) in olds.items():
                if item_id not in news:
                    self.add(REMOVED, level, SUBSTANTIVE, old_ptr=ptr, item_id=item_id,
                             title=data.get(title_field), old=data, priority=prio)
            for item_id, (prio, _, data, ptr) in news.items():
                if item_id not in olds:
                    self.add(ADDED, level, SUBSTANTIVE, new_ptr=ptr, item_id=item_id,
                             title=data.get(title_field), new=data, priority=prio)
            for twins, kind, side, first in ((old_twins, REMOVED, "earlier version", olds),
                                             (new_twins, ADDED, "this version", news)):
                for item_id, (prio, _, data, ptr) in twins:
                    where = f"first in priority '{first[item_id][0]}'"
                    self.add(kind, level, SUBSTANTIVE, old_ptr=ptr if kind == REMOVED else None,
                             new_ptr=ptr if kind == ADDED else None, item_id=item_id,
                             title=data.get(title_field), old=data if kind == REMOVED else None,
                             new=data if kind == ADDED else None, priority=prio,
                             hint=f"{level} id {item_id} is used twice in {side} ({where})")
            reordered = self._reordered(olds, news)
            for item_id, (prio, _, data, ptr) in news.items():
                if item_id not in olds:
                    continue
                oprio, i, odata, optr = olds[item_id]
                if oprio != prio:
                    self.add(MOVED, level, SUBSTANTIVE, old_ptr=optr, new_ptr=ptr, item_id=item_id,
                             title=data.get(title_field), old=oprio, new=prio, priority=prio,
                             hint=f"from priority '{oprio}' to '{prio}'")
                elif item_id in reordered:
                    j = news[item_id][1]
                    self.add(MOVED, level, SUBSTANTIVE, old_ptr=optr, new_ptr=ptr, item_id=item_id,
                             title=data.get(title_field), old=i + 1, new=j + 1, priority=prio,
                             hint=f"from position {i + 1} to {j + 1}")
                item = {"level": level, "id": item_id, "title": data.get(title_field), "ptr": ptr, "optr": optr,
                        "priority": prio}
                self.compare(odata, data, optr, ptr, item)

    @staticmethod
    def _reordered(olds: dict, news: dict) -> set:
        """Ids whose order among the items that stay in the same priority changed."""
        def order(side: dict, other: dict, prio: str) -> list:
            kept = [(entry[1], k) for k, entry in side.items()
                    if entry[0] == prio and k in other and other[k][0] == prio]
            return [k for _, k in sorted(kept)]

        out: set = set()
        for prio in {entry[0] for entry in news.values()}:
            out |= _moved(order(olds, news, prio), order(news, olds, prio))
        return out

    @staticmethod
    def _nested(data: dict, name: str) -> Iterator[tuple[str, tuple]]:
        for p, priority in enumerate(data.get("priorities", [])):
            for i, entry in enumerate(priority.get(name, []) or []):
                if isinstance(entry, dict) and "id" in entry:
                    yield entry["id"], (priority.get("id"), i, entry, f"/priorities/{p}/{name}/{i}")


_GONE = object()


def _first_and_repeats(keys: list) -> tuple[dict, list]:
    """Where each key first appears, and every later appearance of a key (a duplicate id)."""
    first: dict = {}
    repeats = []
    for index, key in enumerate(keys):
        if key in first:
            repeats.append((key, index))
        else:
            first[key] = index
    return first, repeats


def _first_and_repeats_of(pairs: Iterator[tuple[str, tuple]]) -> tuple[dict, list]:
    """As :func:`_first_and_repeats`, for (id, details) pairs."""
    first: dict = {}
    repeats = []
    for key, details in pairs:
        if key in first:
            repeats.append((key, details))
        else:
            first[key] = details
    return first, repeats


def _twin_hint(key: tuple, first: int, side: str) -> str:
    label = ", ".join(key)
    return f"{label} is used twice in {side} (first at position {first + 1})"


def _moved(old_order: list, new_order: list) -> set:
    """Keys whose order relative to the others changed (not in the longest common run)."""
    if old_order == new_order:
        return set()
    matcher = difflib.SequenceMatcher(None, old_order, new_order, autojunk=False)
    kept = set()
    for block in matcher.get_matching_blocks():
        kept.update(old_order[block.a:block.a + block.size])
    return set(old_order) - kept


def diff(old: LoadedPlan, new: LoadedPlan, *, compliance: tuple[list, list] | None = None) -> Diff:
    """Compare two schema-valid plans. ``compliance`` is (old findings, new findings) from the rules."""
    differ = _Differ(old, new)
    old_all, new_all = _plan_data(old), _plan_data(new)
    plan_item = {"level": "plan", "id": None, "title": None, "ptr": "", "priority": None}
    old_data = {k: v for k, v in old_all.items() if k != "committee_report"}
    new_data = {k: v for k, v in new_all.items() if k != "committee_report"}
    differ.compare(old_data, new_data, "", "", plan_item)
    report_item = {"level": "report", "id": None, "title": None, "ptr": "/committee_report", "priority": None}
    if "committee_report" in old_all or "committee_report" in new_all:
        differ.compare(old_all.get("committee_report") or {}, new_all.get("committee_report") or {},
                       "/committee_report", "/committee_report", report_item)
    differ.nested()
    if compliance is not None:
        _compliance(differ, *compliance)
    titles = {p.get("id"): p.get("title") for plan in (old_all, new_all) for p in plan.get("priorities", [])}
    result = Diff(old.path, new.path, old_all.get("version"), new_all.get("version"), differ.changes, titles)
    result.changes.sort(key=_order)
    return result


def _compliance(differ: _Differ, old_findings: list, new_findings: list) -> None:
    """Findings against the law that appear or disappear between the versions."""
    def key(f):
        return (f.rule, f.message)

    def statutory(findings):
        return {key(f): f for f in findings if f.counts and f.citation and f.severity >= 2}

    before, after = statutory(old_findings), statutory(new_findings)
    for k, f in after.items():
        if k not in before:
            differ.add(ADDED, "compliance", STATUTORY, new_ptr=f.location.pointer, item_id=f.rule,
                       title=f.message, new=f"{f.severity.label}: {f.message} ({f.citation})")
    for k, f in before.items():
        if k not in after:
            differ.add(REMOVED, "compliance", STATUTORY, old_ptr=f.location.pointer, item_id=f.rule,
                       title=f.message, old=f"{f.severity.label}: {f.message} ({f.citation})")


def _order(change: Change) -> tuple:
    line = change.new_line if change.new_line is not None else (change.old_line or 0)
    return (0 if change.level == "compliance" else 1, line, change.kind, change.field or "")


# --- saying what changed, in words ---------------------------------------------------------

WORD_CONTEXT = 6


def _flow(value) -> str:
    """A set of fields or a list as a plan writes it on one line: {aggregate: x.csv, districts: [A, B]}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split()) if value is not None else "null"


def _value(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        label = value.get("title") or value.get("name") or value.get("description") or value.get("indicator")
        return f"'{label}'" if label else _flow(value)
    if isinstance(value, list):
        return _flow(value)
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


def word_diff_text(ops, *, deleted="[-{}-]", inserted="{{+{}+}}", escape=lambda text: text) -> str:
    """The changed words with a little context: ... keep [-old-]{+new+} keep ...

    ``escape`` makes each piece of text safe for the output before it is marked."""
    marks = {"delete": deleted, "insert": inserted, "equal": "{}"}
    return " ".join(marks[op].format(escape(piece)) for op, piece in ops_for_display(ops) if piece)


def ops_for_display(ops):
    for i, (op, piece) in enumerate(ops):
        if op == "equal":
            tokens = piece.split()
            if len(tokens) > 2 * WORD_CONTEXT:
                head = tokens[:WORD_CONTEXT] if i > 0 else []
                tail = tokens[-WORD_CONTEXT:] if i < len(ops) - 1 else []
                piece = " ".join(head + ["..."] + tail)
        yield op, piece
