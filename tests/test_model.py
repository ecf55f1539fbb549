"""The plan format is written down in four places: the schema (the source of truth), the
model, the vocabulary and docs/plan-format.md. These tests fail when they disagree.

* Every property of the schema has its home in the model: the model is built from the
  example plans and from tests/fixtures/every-field.yaml (which writes every field), and
  each value in the file must be found in the model at the same pointer, with the same
  value; nothing in the model may come from anywhere else.
* Every value of every enum has exactly one label in cspplan.vocabulary, and the
  vocabulary has no value, or table, that the schema lacks.
* Every property is documented in docs/plan-format.md, in the table of its section.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
import sys

import pytest
from conftest import FIXTURES, PLANS, ROOT

from cspplan import model, vocabulary
from cspplan.loader import escape_token, load_text

SCHEMA = json.loads((ROOT / "schemas" / "plan-v1.schema.json").read_text(encoding="utf-8"))
EVERY_FIELD = FIXTURES / "every-field.yaml"
SOURCES = [*PLANS, EVERY_FIELD, *sorted(FIXTURES.glob("base-*.yaml")), FIXTURES / "minimal.yaml"]
ITEM = "[]"  # stands for any list index in a path, as in cspplan.vocabulary.FIELDS


# --- the schema, walked -------------------------------------------------------------------------

def _resolve(node: dict) -> dict:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = {**SCHEMA["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _schema_nodes(node: dict = SCHEMA, path: str = ""):
    """(path, node) for the root and every property and list item, "[]" for any index."""
    node = _resolve(node)
    yield path, node
    for name, child in node.get("properties", {}).items():
        yield from _schema_nodes(child, f"{path}/{escape_token(name)}")
    if "items" in node:
        yield from _schema_nodes(node["items"], f"{path}/{ITEM}")


NODES = dict(_schema_nodes())
PATHS = sorted(p for p in NODES if p)
OBJECTS = sorted(p for p, n in NODES.items() if "properties" in n)
ENUMS = {p: n["enum"] for p, n in NODES.items() if "enum" in n}


def _pattern(pointer: str) -> str:
    """A pointer as a schema path: list indexes become "[]" (no property name is a number)."""
    return re.sub(r"/\d+(?=/|$)", "/" + ITEM, pointer)


def test_the_walk_finds_the_whole_schema():
    assert len(OBJECTS) >= 30 and len(PATHS) >= 200
    assert "/committee_report/sections/contact/[]" in PATHS
    assert "/priorities/[]/measures/[]/baseline/period" in PATHS


# --- the data and the model, flattened to pointers ----------------------------------------------

def _data_nodes(value, pointer: str = "", leaves=None, containers=None):
    """Leaves (pointer -> scalar) and containers (objects, and lists with items) of plan data."""
    leaves = {} if leaves is None else leaves
    containers = set() if containers is None else containers
    if isinstance(value, dict):
        containers.add(pointer)
        for k, v in value.items():
            _data_nodes(v, f"{pointer}/{escape_token(k)}", leaves, containers)
    elif isinstance(value, list):
        if value:
            containers.add(pointer)
        for i, v in enumerate(value):
            _data_nodes(v, f"{pointer}/{i}", leaves, containers)
    else:
        leaves[pointer] = value
    return leaves, containers


def _key(f: dataclasses.Field) -> str | None:
    return f.metadata.get("key", f.name)


def _default(f: dataclasses.Field):
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


class _Model:
    """Everything a built plan holds, by the pointer of the file it says it came from."""

    def __init__(self, plan: model.Plan):
        self.leaves: dict[str, object] = {}
        self.defaults: set[str] = set()      # leaves holding their field's default value
        self.containers: set[str] = set()
        self.problems: list[str] = []
        self._object(plan, "")

    def _object(self, obj, pointer: str) -> None:
        name = type(obj).__name__
        if obj.ptr != pointer:
            self.problems.append(f"{name} at {pointer} says its ptr is {obj.ptr!r}")
        self.containers.add(pointer)
        schema = NODES.get(_pattern(pointer), {})
        for f in dataclasses.fields(obj):
            key = _key(f)
            if key is None or f.name == "ptr":
                continue
            if key == "":
                where, ok = pointer, "items" in schema
            else:
                where, ok = f"{pointer}/{escape_token(key)}", key in schema.get("properties", {})
            if not ok:
                self.problems.append(f"{name}.{f.name} is read from {_pattern(where)}, which the schema lacks")
            self._value(getattr(obj, f.name), where, _default(f))

    def _value(self, value, pointer: str, default=dataclasses.MISSING) -> None:
        if value is None:
            return
        if dataclasses.is_dataclass(value):
            self._object(value, pointer)
        elif isinstance(value, tuple):
            if value:
                self.containers.add(pointer)
            for i, item in enumerate(value):
                self._value(item, f"{pointer}/{i}")
        else:
            self.leaves[pointer] = value.isoformat() if isinstance(value, dt.date) else value
            if default is not dataclasses.MISSING and value == default:
                self.defaults.add(pointer)


def _load(path):
    loaded = load_text(path.read_text(encoding="utf-8"), str(path))
    assert loaded.data is not None, path
    return loaded


@pytest.fixture(scope="module")
def every_field():
    from cspplan import schema

    loaded = _load(EVERY_FIELD)
    assert [f.message for f in schema.check(loaded)] == [], "tests/fixtures/every-field.yaml must follow the format"
    return loaded.data


def test_every_field_fixture_writes_every_property_of_the_schema(every_field):
    leaves, containers = _data_nodes(every_field)
    written = {_pattern(p) for p in [*leaves, *containers]}
    missing = [p for p in PATHS if p not in written]
    assert missing == [], f"add these to {EVERY_FIELD.name}, so that the model is checked for them"


def test_every_enum_value_is_used_by_some_plan():
    used: dict[str, set] = {p: set() for p in ENUMS}
    for path in SOURCES:
        leaves, _ = _data_nodes(_load(path).data)
        for pointer, value in leaves.items():
            if _pattern(pointer) in used:
                used[_pattern(pointer)].add(value)
    # Not every value need appear, but every enum must: a field no plan writes is untested.
    assert [p for p, values in used.items() if not values] == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_the_model_holds_every_value_of_the_file_where_the_file_has_it(path):
    data = _load(path).data
    leaves, containers = _data_nodes(data)
    built = _Model(model.build(data))
    assert built.problems == []
    homeless = sorted(p for p in leaves if p not in built.leaves)
    assert homeless == [], "values of the file the model does not carry"
    changed = {p: (leaves[p], built.leaves[p]) for p in leaves if leaves[p] != built.leaves[p]}
    assert changed == {}, "values the model carries differently (file, model)"
    invented = sorted(p for p in built.leaves if p not in leaves and p not in built.defaults)
    assert invented == [], "values in the model that the file does not have"
    assert sorted(containers - built.containers) == [], "objects and lists of the file without a model object"
    assert sorted(built.containers - containers) == [], "model objects with no object or list in the file"


def test_every_schema_property_has_a_home_in_the_model():
    carried: set[str] = set()
    for path in SOURCES:
        built = _Model(model.build(_load(path).data))
        carried |= {_pattern(p) for p in [*built.leaves, *built.containers]}
    assert [p for p in PATHS if p not in carried] == []


def test_the_short_names_agree_with_the_objects(every_field):
    plan = model.build(every_field)
    assert (plan.area_name, plan.council_type, plan.county) == (plan.area.name, "district", "Exampleshire")
    assert (plan.partnership_name, plan.local_name) == ("Safer Example Partnership", "SEP")
    assert plan.members == plan.partnership.members and plan.governance == plan.partnership.governance
    assert (plan.approval_date, plan.approved_by) == (plan.approval.date, plan.approval.approved_by)
    assert (plan.review_frequency_months, plan.last_reviewed, plan.next_review_due) == (
        6, dt.date(2025, 11, 20), dt.date(2026, 5, 31))
    assert (plan.scrutiny_committee, plan.last_scrutinised) == (plan.scrutiny.committee, dt.date(2025, 3, 12))
    report = plan.report
    assert (report.author_name, report.author_role, report.author_email, report.author_phone) == (
        "Sam Example", "Community Safety Manager", "sam.example@example.gov.uk", "01234 567890")
    assert (report.has_exemption, report.exemption_paragraph) == (True, 7)
    assert report.public_interest_reason.startswith("The report names")
    measure = plan.priorities[0].measures[0]
    assert (measure.direction, measure.target_value) == ("decrease", 520)
    assert plan.priorities[0].evidence == ("sa", "svsna") and plan.priorities[1].evidence == ()
    assert [s.name for s in report.sections] == [name for name, _ in vocabulary.REPORT_SECTIONS]
    assert [s.heading for s in report.sections] == [heading for _, heading in vocabulary.REPORT_SECTIONS]
    assert plan.has("evidence") and not plan.has("no_such_property")


def test_the_paper_renders_a_plan_that_writes_every_field(tmp_path):
    from docx import Document

    from cspplan.render.api import render

    render(EVERY_FIELD, tmp_path / "every.docx", today=dt.date(2025, 12, 1))
    document = Document(str(tmp_path / "every.docx"))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    for shown in ("exempt information under paragraph 7 of Part 1", "The committee is asked to:",
                  "Paragraph 7: The report names premises", "A full equality impact assessment (1 May 2025) found:",
                  "Community safety question time, 10 March 2025", "Safer Example Partnership (SEP)",
                  "Community Safety Survey 2024 results (available from Community Safety Team, Council Offices)",
                  "It was last reviewed on 15 January 2025.", "Strategy Group (strategy group)", "Decrease to 520"):
        assert shown in text


def test_the_model_is_frozen(every_field):
    plan = model.build(every_field)
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.report.sections.summary.paragraphs = ()


# --- the vocabulary -----------------------------------------------------------------------------

def test_every_enum_of_the_schema_has_its_table_in_the_vocabulary():
    assert sorted(vocabulary.FIELDS) == sorted(ENUMS)


@pytest.mark.parametrize("path", sorted(ENUMS))
def test_every_enum_value_has_exactly_one_label(path):
    values, labels = ENUMS[path], vocabulary.FIELDS[path]
    assert len(set(values)) == len(values)
    assert list(labels) == values, "the vocabulary's values, in the schema's order"
    assert all(isinstance(label, str) and label.strip() == label and label for label in labels.values())
    assert len(set(labels.values())) == len(labels), "two values with the same label"


def test_the_vocabulary_has_no_table_the_schema_lacks():
    tables = {id(t) for t in vocabulary.FIELDS.values()}
    public = {name: value for name, value in vars(vocabulary).items()
              if isinstance(value, dict) and not name.startswith("_") and name != "FIELDS"}
    derived = {"MEMBER_ROLES"}
    assert sorted(name for name, value in public.items() if id(value) not in tables and name not in derived) == []
    assert vocabulary.MEMBER_ROLES.keys() == vocabulary.MEMBER_KINDS.keys()
    assert vocabulary.RESPONSIBLE_AUTHORITY_KINDS < vocabulary.MEMBER_KINDS.keys()
    assert model.RESPONSIBLE_AUTHORITY_KINDS is vocabulary.RESPONSIBLE_AUTHORITY_KINDS


def test_report_sections_and_summary_box_follow_the_schema_in_report_order():
    report = NODES["/committee_report"]["properties"]
    assert [name for name, _ in vocabulary.REPORT_SECTIONS] == list(_resolve(report["sections"])["properties"])
    assert [name for name, _ in vocabulary.SUMMARY_BOX] == list(_resolve(report["summary_box"])["properties"])
    fields = [f.name for f in dataclasses.fields(model.ReportSections) if f.name != "ptr"]
    assert fields == [name for name, _ in vocabulary.REPORT_SECTIONS]


def test_importing_the_model_reads_no_schema_and_loads_no_validator():
    code = "import sys, cspplan.model, cspplan.vocabulary; print(' '.join(sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            check=True).stdout.split()
    assert "jsonschema" not in loaded and "cspplan.schema" not in loaded


# --- the documentation --------------------------------------------------------------------------

DOC = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")

# Where docs/plan-format.md documents each object: (heading, the start of the sentence that
# leads into its table, or None for the section's first field table).
DOCUMENTED_IN = {
    "": ("The top level", None),
    "/area": ("Area", None),
    "/sections/[]": ("Plan sections", None),
    "/period": ("Period", None),
    "/approval": ("Approval", None),
    "/version_history/[]": ("Version history", None),
    "/review": ("Review", None),
    "/scrutiny": ("Scrutiny", None),
    "/partnership": ("Partnership", None),
    "/partnership/members/[]": ("Member", None),
    "/partnership/governance/[]": ("Governance group", None),
    "/evidence/[]": ("Evidence", None),
    "/evidence/[]/period": ("Period", None),
    "/police_and_crime_plan": ("Police and crime plan", None),
    "/police_and_crime_plan/period": ("Period", None),
    "/police_and_crime_plan/objectives/[]": ("Police and crime plan", "Each objective"),
    "/community_engagement": ("Community engagement", None),
    "/community_engagement/public_meetings/[]": ("Community engagement", "Each public meeting"),
    "/information_sharing": ("Information sharing", None),
    "/publication": ("Publication", None),
    "/equality_impact_assessment": ("Equality impact assessment", None),
    "/priorities/[]": ("Priority", None),
    "/priorities/[]/rationale": ("Priority", "`rationale`"),
    "/priorities/[]/actions/[]": ("Action", None),
    "/priorities/[]/measures/[]": ("Measure", None),
    "/crime_data": ("Crime data", None),
    "/priorities/[]/measures/[]/target": ("Measure", "`target`"),
    "/priorities/[]/measures/[]/baseline": ("Value for a period", None),
    "/priorities/[]/measures/[]/latest": ("Value for a period", None),
    "/priorities/[]/measures/[]/crime_data": ("Measure", "`crime_data`: a measure"),
    "/committee_report": ("Committee cover report", None),
    "/committee_report/author": ("Committee cover report", "`author`"),
    "/committee_report/exemption": ("Committee cover report", "`exemption`"),
    "/committee_report/summary_box": ("Committee cover report", "`summary_box`"),
    "/committee_report/sections": ("Committee cover report", "`sections`"),
    "/committee_report/background_papers/[]": ("Committee cover report", "Each item in `background_papers`"),
    "/committee_report/appendices/[]": ("Committee cover report", "Each item in `appendices`"),
    "/committee_report/clearance": ("Committee cover report", "`clearance`"),
    "/committee_report/clearance/monitoring_officer": ("Committee cover report", "`monitoring_officer`"),
    "/committee_report/clearance/chief_finance_officer": ("Committee cover report", "`monitoring_officer`"),
    "/committee_report/clearance/checklist/[]": ("Committee cover report", "Each step in `checklist`"),
    "/waivers/[]": ("Waivers", None),
}


def _doc_sections() -> dict[str, list[tuple[str, list[list[str]]]]]:
    """Field reference heading -> its tables, each with the paragraph that leads into it."""
    reference = DOC.split("\n## 4. Field reference\n", 1)[1].split("\n## 5.", 1)[0]
    sections: dict[str, list] = {}
    heading, lead, paragraph, table, in_code = None, "", [], [], False
    for line in [*reference.splitlines(), ""]:
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(set(c) <= set("-: ") for c in cells):  # not the |---| line
                table.append(cells)
            continue
        if table:
            sections[heading].append((lead, table))
            table = []
        match = re.match(r"#{3,4} (.+)", line)
        if match:
            heading, lead, paragraph = match.group(1), "", []
            sections[heading] = []
        elif line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            lead, paragraph = " ".join(paragraph), []
    return sections


SECTIONS = _doc_sections()


def _table(path: str) -> list[list[str]]:
    heading, lead = DOCUMENTED_IN[path]
    assert heading in SECTIONS, f"docs/plan-format.md has no heading '{heading}'"
    for intro, table in SECTIONS[heading]:
        if table[0][0] == "Field" and (lead is None or intro.strip().startswith(lead)):
            return table
    raise AssertionError(f"docs/plan-format.md, '{heading}': no table of fields"
                         + (f" after '{lead}...'" if lead else ""))


def test_every_object_of_the_schema_has_its_place_in_the_docs():
    assert sorted(DOCUMENTED_IN) == OBJECTS


@pytest.mark.parametrize("path", OBJECTS, ids=lambda p: p or "top level")
def test_every_property_is_documented_in_its_section(path):
    node = NODES[path]
    table = _table(path)
    header, rows = table[0], table[1:]
    names = [row[0].strip("`") for row in rows]
    assert names == list(node["properties"]), "the table lists the schema's fields, in its order"
    if header[1] == "Required?":
        required = set(node.get("required", ()))
        wrong = [name for name, row in zip(names, rows, strict=True) if (row[1] == "required") != (name in required)]
        assert wrong == [], "fields marked required that are optional, or the other way round"


@pytest.mark.parametrize("path", sorted(p for p, values in ENUMS.items() if isinstance(values[0], str)))
def test_every_enum_value_is_documented_in_its_section(path):
    parent = path.rsplit("/", 1)[0]
    owner = parent if parent in DOCUMENTED_IN else parent.rsplit("/", 1)[0]  # a list of values
    heading, _ = DOCUMENTED_IN[owner]
    text = json.dumps(SECTIONS[heading])
    assert [v for v in ENUMS[path] if f"`{v}`" not in text] == []


def test_the_docs_list_no_value_the_schema_lacks():
    """A table of values (member kinds, evidence kinds, strands) lists exactly one enum's values."""
    by_heading: dict[str, list[set]] = {}
    for path, values in ENUMS.items():
        parent = path.rsplit("/", 1)[0]
        owner = parent if parent in DOCUMENTED_IN else parent.rsplit("/", 1)[0]
        by_heading.setdefault(DOCUMENTED_IN[owner][0], []).append(set(values))
    tables = 0
    for heading, blocks in SECTIONS.items():
        for _, table in blocks:
            firsts = [row[0] for row in table[1:]]
            if table[0][0] != "Field" and firsts and all(re.fullmatch(r"`[a-z_]+`", c) for c in firsts):
                tables += 1
                assert {c.strip("`") for c in firsts} in by_heading.get(heading, []), heading
    assert tables >= 3


def test_the_docs_give_the_headings_the_report_shows():
    sections = _table("/committee_report/sections")
    assert [(row[0].strip("`"), row[1]) for row in sections[1:]] == [
        (name, f"{number}. {heading}") for number, (name, heading) in enumerate(vocabulary.REPORT_SECTIONS, 1)]
    box = _table("/committee_report/summary_box")
    assert [(row[0].strip("`"), row[2]) for row in box[1:]] == list(vocabulary.SUMMARY_BOX)


# --- length limits, in the docs -------------------------------------------------------------------

def _kind_limits() -> dict[str, int]:
    """The kinds of value whose definition gives a length limit: kind -> characters."""
    table = DOC.split("\n### Kinds of value\n", 1)[1].split("\n### ", 1)[0]
    limits = {}
    for kind, text in re.findall(r"^\| \*\*(.+?)\*\* \| (.+) \|$", table, re.M):
        match = re.search(r"at most ([\d,]+) characters", text)
        if match:
            limits[kind] = int(match.group(1).replace(",", ""))
    return limits


FIXED_FORMS = {"ONS code": 9, "one or two capital letters": 2}
"""Kinds whose written form fixes their length, so the docs need not give it."""


@pytest.mark.parametrize("path", OBJECTS, ids=lambda p: p or "top level")
def test_every_length_limit_is_documented_with_its_field(path):
    table = _table(path)
    header, rows = table[0], table[1:]
    if "Kind" not in header:
        return  # a table of lists of paragraphs or bullets: Markdown, as its lead says
    kinds = _kind_limits()
    for row in rows:
        name, kind = row[0].strip("`"), row[header.index("Kind")]
        node = NODES[f"{path}/{escape_token(name)}"]
        if "items" in node:
            node = _resolve(node["items"])
        most = node.get("maxLength")
        if most is None:
            assert "at most" not in kind or "characters" not in kind, name
            continue
        named = kind.removeprefix("list of ").removesuffix("s") if kind.startswith("list of ") else kind
        if kind == "list of ids":
            named = "id"
        documented = (f"at most {most:,} characters" in kind or kinds.get(named) == most
                      or FIXED_FORMS.get(kind) == most)
        assert documented, f"'{name}' ({kind}): the schema allows at most {most:,} characters"


def test_strings_containing_finds_each_text_once_in_file_order_and_never_across_two():
    plan = model.build(load_text(EVERY_FIELD.read_text(encoding="utf-8")).data)
    everything = list(plan.strings())
    for needles in (("a",), ("the", "The"), ("](", "<", "]:"), ("\n",), ("2024-",), ("zzz-not-there",)):
        expected = [(p, t) for p, t in everything if any(n in t for n in needles)]
        assert plan.strings_containing(*needles) == expected, needles
    # The end of one text and the start of the next never make a match between them.
    last, first = everything[0][1][-2:], everything[1][1][:2]
    assert plan.strings_containing(last + first) == [(p, t) for p, t in everything if last + first in t]
    with pytest.raises(ValueError):
        plan.strings_containing("")


def _model_objects(obj, out):
    if dataclasses.is_dataclass(obj):
        out.append(obj)
        for f in dataclasses.fields(obj):
            _model_objects(getattr(obj, f.name), out)
    elif isinstance(obj, tuple):
        for item in obj:
            _model_objects(item, out)
    return out


def test_the_classes_compare_hash_and_print_as_generated_dataclasses_would():
    # The model's classes share one written-out __eq__, __hash__ and __repr__ (faster to
    # import); each must behave as @dataclass(frozen=True) would have generated it.
    data = load_text(EVERY_FIELD.read_text(encoding="utf-8")).data
    objects, again = _model_objects(model.build(data), []), _model_objects(model.build(data), [])
    assert len({type(o) for o in objects}) >= 30
    for obj, twin in zip(objects, again, strict=True):
        fields = dataclasses.fields(obj)
        reference = dataclasses.make_dataclass(
            type(obj).__name__, [(f.name, object, dataclasses.field(compare=f.compare, repr=f.repr, hash=f.hash))
                                 for f in fields], frozen=True)
        ref = reference(**{f.name: getattr(obj, f.name) for f in fields})
        assert repr(obj) == repr(ref)
        assert hash(obj) == hash(ref) == hash(twin)
        assert obj == twin and not obj != twin and obj != ref and obj.__eq__(ref) is NotImplemented
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, fields[0].name, None)
    plan = model.build(data)
    assert dataclasses.replace(plan, data={}) == plan  # data is not compared
    assert dataclasses.replace(plan, title="Another") != plan
