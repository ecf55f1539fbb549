"""The fast schema check must agree with jsonschema: never call an invalid plan valid."""

from __future__ import annotations

import copy

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS, ROOT, minimal_data
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


# --- maxLength: counted as jsonschema counts, in code points --------------------------------------

def _limits(node=SCHEMA) -> set[int]:
    found = set()
    if isinstance(node, dict):
        if "maxLength" in node:
            found.add(node["maxLength"])
        for value in node.values():
            found |= _limits(value)
    elif isinstance(node, list):
        for value in node:
            found |= _limits(value)
    return found


LIMITS = sorted(_limits())


def test_the_schema_has_length_limits():
    assert {64, 2000, 20000} <= set(LIMITS)


@pytest.mark.parametrize("value", ["abc", "abcd", "ab", "", "\U0001f600" * 3, "\U0001f600" * 4, "e\u0301e",
                                   "e\u0301e\u0301", "\ud83d\ude00\ud83d", "\ud83d\ude00\ud83d\ude00", "a\nb",
                                   "a\nbc", 3, None, ["a", "b", "c", "d"]])
def test_max_length_counts_as_jsonschema_does(value):
    schema = {"maxLength": 3}
    assert fastcheck.compile_schema(schema)(value) == jsonschema.Draft202012Validator(schema).is_valid(value)


def _string_paths(node, path=()):
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _string_paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _string_paths(v, path + (i,))


def _put(data, path, value):
    data = copy.deepcopy(data)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


EVERY_FIELD = load_text((ROOT / "tests" / "fixtures" / "every-field.yaml").read_text(encoding="utf-8")).data
TEXT_PATHS = [path for path, _ in _string_paths(EVERY_FIELD)]


def _limit_at(data, path) -> int | None:
    """The maxLength jsonschema applies to the string at ``path``, if any."""
    long = _put(data, path, "x" * 100_000)
    limits = [e.validator_value for e in SLOW.iter_errors(long)
              if e.validator == "maxLength" and tuple(e.absolute_path) == path]
    return limits[0] if limits else None


def test_every_text_field_has_a_limit_and_both_checks_hold_it_exactly():
    """Every text value of a plan that writes every field: at its limit both checks accept
    it, one character over both refuse it."""
    unlimited = []
    for path in TEXT_PATHS:
        limit = _limit_at(EVERY_FIELD, path)
        original = EVERY_FIELD
        for step in path:
            original = original[step]
        if limit is None:
            unlimited.append(path)
            continue
        # repeat the last character, so that a value with a form (an id, an address) keeps it
        at_limit = original + original[-1] * (limit - len(original))
        over = at_limit + original[-1]
        data = _put(EVERY_FIELD, path, at_limit)
        assert FAST(data) == SLOW.is_valid(data), path
        data = _put(EVERY_FIELD, path, over)
        assert not FAST(data) and not SLOW.is_valid(data), path
    # dates and the values of an enum are held by their form and their list instead
    assert all(p[-1] in ("start", "end", "kind", "status", "jurisdiction", "council_type", "purpose",
                         "direction", "date", "meeting_date", "published_on", "forward_plan_notice_on",
                         "due", "expires", "last_reviewed", "next_review_due", "reviewed_on",
                         "summary_published_on", "sent_to_commissioner_on", "last_scrutinised",
                         "next_scrutiny", "policing_body", "management_team_meeting", "source")
               or p[-2] in ("statutory_strands", "crime_types") for p in unlimited), unlimited


LONG_TEXT = st.builds(lambda limit, delta, unit: (unit * (limit + delta))[:limit + delta],
                      st.sampled_from(LIMITS), st.sampled_from([-1, 0, 1]),
                      st.sampled_from(["x", "word ", "\U0001f600", "e\u0301", " ", "\u2003", "a\n"]))


@st.composite
def with_long_text(draw):
    data = draw(st.sampled_from(BASES))
    paths = [path for path, _ in _string_paths(data)]
    for _ in range(draw(st.integers(1, 2))):
        data = _put(data, draw(st.sampled_from(paths)), draw(LONG_TEXT))
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_long_text())
def test_fast_check_agrees_with_jsonschema_on_text_near_its_limits(data):
    assert FAST(data) == SLOW.is_valid(data)
