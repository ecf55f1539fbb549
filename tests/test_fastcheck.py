"""The fast schema check must agree with jsonschema: never call an invalid plan valid."""

from __future__ import annotations

import copy

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, minimal_data
from cspplan import fastcheck
from cspplan.loader import load_text
from cspplan.schema import load_schema

SCHEMA = load_schema()
FAST = fastcheck.compile_schema(SCHEMA)
SLOW = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
BASES = [minimal_data()] + [load_text(p.read_text(encoding="utf-8")).data for p in PLANS]


def test_schema_uses_only_keywords_the_fast_check_implements():
    fastcheck.compile_schema(SCHEMA)  # raises UnsupportedSchema otherwise


def test_unsupported_keywords_are_refused():
    for schema in ({"oneOf": [{}]}, {"type": "string", "format": "email"},
                   {"$ref": "https://example.org/x"}, {"then": {}}):
        with pytest.raises(fastcheck.UnsupportedSchema):
            fastcheck.compile_schema(schema)


def test_example_plans_are_valid_both_ways():
    for data in BASES:
        assert FAST(data) and SLOW.is_valid(data)


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 40), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "x", "2024-09-24", "2024-02-30", "2024-9-1", "20240924", "approved",
                     "district", "unitary_council", "serious_violence", "E07000213", "A", "AA", "a b",
                     "https://example.org", "not a url", "jo@example.org", "1.0", "england",
                     "\u00a0", " \u2003\n", "\u2028", "\x1c"]),
    st.text(max_size=6),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["id", "name", "kind", "x"]), inner, max_size=3)),
    max_leaves=6)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


@st.composite
def mutated(draw):
    data = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        last = path[-1]
        if action == "replace":
            parent[last] = draw(VALUES)
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["id", "title", "notes", "kind", "status"]))] = draw(VALUES)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_check_agrees_with_jsonschema(data):
    assert FAST(data) == SLOW.is_valid(data)


@pytest.mark.parametrize("value, valid", [
    (True, False), (1, True), (1.0, True), (2, False), ("1", False), (None, False)])
def test_const_follows_json_equality(value, valid):
    check = fastcheck.compile_schema({"const": 1})
    assert check(value) is valid
    assert jsonschema.Draft202012Validator({"const": 1}).is_valid(value) is valid


@pytest.mark.parametrize("value", ["2024-02-29", "2023-02-29", "2024-13-01", "2024-1-01", "２０２４-01-01",
                                   "2024-01-01\n", "2024-01-01T00:00", "20240101"])
def test_date_format_matches_jsonschema(value):
    schema = {"type": "string", "format": "date"}
    slow = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert fastcheck.compile_schema(schema)(value) == slow.is_valid(value)
