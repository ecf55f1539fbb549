"""The plan schema, and what an officer is told when a plan does not follow it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import MINIMAL_TEXT, ROOT, dump, minimal_data
from cspplan.engine import validate_text
from cspplan.schema import load_schema


def found(text: str):
    return [(f.location.line, f.location.column, f.location.pointer, f.rule, f.message, f.hint)
            for f in validate_text(text, "plan.yaml").findings if f.rule in ("YAML", "SCHEMA")]


def test_schema_is_valid_draft_2020_12_with_an_id():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]


def _walk(node, path="#"):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_every_property_and_definition_has_a_title_and_description():
    schema = load_schema()
    missing = []
    for path, node in _walk(schema):
        containers = [node.get("properties", {}), node.get("$defs", {})]
        for container in containers:
            for name, sub in container.items():
                if "/if" in path:
                    continue  # a condition, not a field an officer writes
                if not (sub.get("title") and sub.get("description")):
                    missing.append(f"{path}/{name}")
    assert missing == []


def test_every_object_is_closed_so_typos_are_caught():
    open_objects = [path for path, node in _walk(load_schema())
                    if "properties" in node and node.get("additionalProperties") is not False
                    and not path.endswith("/if")]
    assert open_objects == []


def test_the_minimal_plan_is_valid():
    assert found(MINIMAL_TEXT) == []


def test_typo_in_top_level_key_is_reported_at_its_own_line_with_a_suggestion():
    text = MINIMAL_TEXT.replace("priorities:", "prioritys:")
    assert found(text) == [
        (2, 1, "", "SCHEMA", "missing required field 'priorities'",
         "add 'priorities:' (the partnership's priorities, in the order the plan presents them)"),
        (21, 1, "/prioritys", "SCHEMA", "unknown field 'prioritys'", "did you mean 'priorities'?"),
    ]


def test_unknown_key_without_a_close_match_lists_what_is_allowed():
    text = MINIMAL_TEXT.replace("  council_type: unitary", "  council_type: unitary\n  mayor: Jo")
    [(line, col, pointer, _, message, hint)] = found(text)
    assert (line, col, pointer, message) == (7, 3, "/area/mayor", "unknown field 'mayor'")
    assert hint == "fields allowed here: name, ons_code, council_type, county, police_area, policing_body"


def test_missing_key_deep_in_a_list_points_at_its_parent_item():
    data = minimal_data()
    data["priorities"].append({"id": "second", "title": "Second", "narrative": "Text."})
    text = dump(data)
    [(line, col, pointer, _, message, hint)] = found(text)
    assert pointer == "/priorities/1"
    assert message == "missing required field 'lead' in Priority"
    assert text.splitlines()[line - 1][col - 1:].startswith("id: second")
    assert hint.startswith("add 'lead:'")


def test_errors_in_list_items_carry_the_items_line_and_column():
    data = minimal_data()
    data["priorities"][0]["actions"] = [
        {"id": "a1", "description": "Do it", "owner": "example-council", "due": "2026-01-01",
         "status": "done"},
        {"id": "a2", "description": "Do more", "owner": "example-council", "due": "2026-13-01",
         "status": "in progress"},
    ]
    text = dump(data)
    results = found(text)
    lines = text.splitlines()
    by_pointer = {r[2]: r for r in results}
    assert set(by_pointer) == {"/priorities/0/actions/0/status", "/priorities/0/actions/1/due",
                               "/priorities/0/actions/1/status"}
    for pointer, (line, _col, *_rest) in by_pointer.items():
        field = pointer.rsplit("/", 1)[1]
        assert lines[line - 1].lstrip(" -").startswith(field + ":"), pointer
    assert by_pointer["/priorities/0/actions/1/status"][5].startswith("did you mean 'in_progress'?")
    assert by_pointer["/priorities/0/actions/1/due"][4] == \
        "'due' is '2026-13-01', which is not a real date"


@pytest.mark.parametrize(
    "old, new, message, hint",
    [
        ('version: "1.0"', "version: 1.10", "'version' should be text, not the number 1.1",
         "put the value in quotes: '1.10'"),
        ("status: draft", "status: Approved", "'Approved' is not an allowed value for 'status'",
         "did you mean 'approved'? allowed values: draft, consultation, approved, superseded"),
        ("  start: 2025-04-01", "  start: 1/4/2025",
         "'start' is '1/4/2025', which is not a date in the form YYYY-MM-DD",
         "write dates as YYYY-MM-DD, for example 2024-09-24"),
        ("  frequency_months: 12", "  frequency_months: twelve",
         "'frequency_months' should be a whole number, not text",
         "write the number without quotes, units or commas"),
        ("  frequency_months: 12", "  frequency_months: 48",
         "'frequency_months' must be at most 36, not 48", None),
        ("schema_version: 1", "schema_version: 2", "'schema_version' must be 1, not the number 2",
         "this version of cspplan reads plan format 1"),
        ("    - id: example-council", "    - id: example council",
         "'id' ('example council') is not a valid id",
         "use letters, digits, '.', '-' and '_' only, starting with a letter or digit, "
         "at most 64 characters, for example 'sv-1'"),
        ("title: Example Community Safety Partnership Plan 2025-2028", "title: '   '",
         "'title' is blank", "write something, or remove the line"),
        ("title: Example Community Safety Partnership Plan 2025-2028", "title:",
         "'title' should be text, not nothing", "the value is empty: fill it in, or remove the line"),
        ("  members:\n", "  members: Example Council\n  x:\n",
         "'members' should be a list, not text", "write each item on its own line starting with '- '"),
    ],
)
def test_messages_say_what_is_wrong_and_how_to_fix_it(old, new, message, hint):
    assert old in MINIMAL_TEXT
    results = found(MINIMAL_TEXT.replace(old, new, 1))
    assert (message, hint) in [(r[4], r[5]) for r in results]


def test_yes_no_in_a_true_false_field_gets_a_specific_hint():
    data = minimal_data()
    data["committee_report"] = {"exempt": "no"}
    results = found(dump(data).replace("exempt: 'no'", "exempt: no"))
    assert ("'exempt' should be true or false, not text",
            "write false; cspplan reads 'no' as text") in [(r[4], r[5]) for r in results]


def test_committee_report_and_schedule_12a_paragraphs():
    data = minimal_data()
    report = json.loads((ROOT / "tests" / "fixtures" / "committee_report.json").read_text())
    data["committee_report"] = report
    assert found(dump(data)) == []
    report["exempt"] = True
    report["exemption"] = {"paragraph": 9, "public_interest_reason": "x"}
    assert [r[4] for r in found(dump(data))] == [
        "the number 9 is not an allowed value for 'paragraph'"]


def test_many_errors_are_capped_with_a_count():
    data = minimal_data()
    data["priorities"] = [{"id": f"p{i}", "title": "", "narrative": "", "lead": ""} for i in range(100)]
    results = found(dump(data))
    assert len(results) == 201
    assert results[0][:2] == (0, 0)
    assert results[0][4] == "more than 200 schema problems: only the first 200 are shown"
