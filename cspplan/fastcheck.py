"""A fast yes/no check of data against the plan schema, for the common case of a valid plan.

jsonschema is the reference: it gives every error with its path, and cspplan uses it to
report problems. But it costs about 90 ms to import and several milliseconds per plan.
Most plans in CI are valid, so :func:`compile_schema` turns the schema into nested
Python closures once, and a valid plan is confirmed without importing jsonschema at all.
When the closures say "invalid", cspplan asks jsonschema for the full story.

Only the keywords the plan schema uses are supported; :func:`compile_schema` raises
:class:`UnsupportedSchema` for any other, so the schema cannot quietly grow past what
is checked here. A ``False`` answer only means "ask jsonschema"; a ``True`` answer
must be right, and the test suite checks that this module and jsonschema agree on the
example plans and on many generated mutations of them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

Check = Callable[[object], bool]

ANNOTATIONS = frozenset(("title", "description", "$schema", "$id", "$defs", "$comment",
                         "default", "examples"))
SUPPORTED = frozenset(("type", "properties", "required", "additionalProperties", "items",
                       "minItems", "uniqueItems", "enum", "const", "maxLength", "pattern", "format",
                       "minimum", "maximum", "$ref", "if", "then", "else")) | ANNOTATIONS


class UnsupportedSchema(ValueError):
    """The schema uses a keyword this module does not implement."""


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_date(value: str) -> bool:
    """The ``date`` format as jsonschema checks it (RFC 3339 full-date)."""
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_integer(x: object) -> bool:
    if x.__class__ is int:
        return True
    return x.__class__ is float and x.is_integer()


_TYPES: dict[str, Check] = {
    "object": lambda x: x.__class__ is dict,
    "array": lambda x: x.__class__ is list,
    "string": lambda x: x.__class__ is str,
    "integer": _is_integer,
    "number": lambda x: x.__class__ in (int, float),
    "boolean": lambda x: x.__class__ is bool,
    "null": lambda x: x is None,
}


def _json_key(x: object) -> object:
    """A key under which JSON-equal values are equal (True is not 1; 1.0 is 1)."""
    if x.__class__ is bool:
        return ("bool", x)
    if x.__class__ is float and x.is_integer():
        return int(x)
    return x


def compile_schema(schema: dict) -> Check:
    """Compile ``schema`` (with its ``$defs``) into one predicate."""
    defs = schema.get("$defs", {})
    compiled: dict[str, Check | None] = {}

    def ref(target: str) -> Check:
        if not target.startswith("#/$defs/"):
            raise UnsupportedSchema(f"only local '#/$defs/...' references are supported: {target}")
        name = target[len("#/$defs/"):]
        if name not in defs:
            raise UnsupportedSchema(f"reference to missing definition: {target}")
        if name not in compiled:
            compiled[name] = None  # being compiled: a recursive reference waits for it
            compiled[name] = build(defs[name])
        fn = compiled[name]
        if fn is None:
            return lambda x: _deferred(compiled, name, x)
        return fn

    def build(node: dict) -> Check:
        unknown = set(node) - SUPPORTED
        if unknown:
            raise UnsupportedSchema(f"unsupported keywords: {', '.join(sorted(unknown))}")
        if node.get("type") == "string" and set(node) - ANNOTATIONS <= _TEXT_KEYWORDS:
            return _text_check(node.get("maxLength"), node.get("pattern"))
        if ("then" in node or "else" in node) and "if" not in node:
            raise UnsupportedSchema("'then' or 'else' without 'if'")
        checks: list[Check] = []
        if "$ref" in node:
            checks.append(ref(node["$ref"]))
        if "type" in node:
            types = node["type"] if isinstance(node["type"], list) else [node["type"]]
            fns = [_TYPES[t] for t in types]
            checks.append(fns[0] if len(fns) == 1 else _any_of(fns))
        if "const" in node:
            want = _json_key(node["const"])
            checks.append(lambda x: _json_key(x) == want and _hashable(x))
        if "enum" in node:
            allowed = frozenset(_json_key(v) for v in node["enum"])
            checks.append(lambda x: _hashable(x) and _json_key(x) in allowed)
        if "maxLength" in node:  # before the pattern: a very long text fails without a search
            longest = node["maxLength"]
            checks.append(lambda x: x.__class__ is not str or len(x) <= longest)
        if "pattern" in node:
            if node["pattern"] == "\\S":  # "not blank", the commonest: str.isspace is re's \s
                checks.append(lambda x: x.__class__ is not str or (x != "" and not x.isspace()))
            else:
                search = re.compile(node["pattern"]).search
                checks.append(lambda x: x.__class__ is not str or search(x) is not None)
        if "format" in node:
            if node["format"] != "date":
                raise UnsupportedSchema(f"unsupported format: {node['format']}")
            checks.append(lambda x: x.__class__ is not str or is_date(x))
        if "minimum" in node or "maximum" in node:
            lo, hi = node.get("minimum"), node.get("maximum")

            def bounds(x: object, lo=lo, hi=hi) -> bool:
                if x.__class__ not in (int, float):
                    return True
                return (lo is None or x >= lo) and (hi is None or x <= hi)
            checks.append(bounds)
        if {"properties", "required", "additionalProperties"} & set(node):
            if checks == [_TYPES["object"]]:  # the commonest: one function, not two
                checks = [_object_check(node, build, strict=True)]
            else:
                checks.append(_object_check(node, build))
        if {"items", "minItems", "uniqueItems"} & set(node):
            checks.append(_array_check(node, build))
        if "if" in node:
            cond = build(node["if"])
            then = build(node["then"]) if "then" in node else (lambda x: True)
            otherwise = build(node["else"]) if "else" in node else (lambda x: True)
            checks.append(lambda x: then(x) if cond(x) else otherwise(x))
        return _all_of(checks)

    return build(schema)


def _all_of(checks: list[Check]) -> Check:
    """One predicate for all of ``checks``, tried in order.

    A plan has thousands of values and most schema nodes have two or three checks (a type
    and its properties, or a type, a length and a pattern): those are chained with ``and``,
    not run through ``all()`` and a generator, which cost a third of the time of a check.
    """
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)
    if len(checks) == 3:
        first, second, third = checks
        return lambda x: first(x) and second(x) and third(x)
    return lambda x: all(c(x) for c in checks)


_TEXT_KEYWORDS = frozenset(("type", "maxLength", "pattern"))


def _text_check(longest: int | None, pattern: str | None) -> Check:
    """A text of at most ``longest`` characters in which ``pattern`` is found: the commonest
    kind of value (a plan has thousands), checked in one function rather than three."""
    if pattern == "\\S":  # "not blank", the commonest: str.isspace is re's \s
        return lambda x: x.__class__ is str and (longest is None or len(x) <= longest) and x != "" \
            and not x.isspace()
    search = re.compile(pattern).search if pattern is not None else None
    return lambda x: x.__class__ is str and (longest is None or len(x) <= longest) and \
        (search is None or search(x) is not None)


def _deferred(compiled: dict[str, Check | None], name: str, x: object) -> bool:
    """Call a definition compiled after the reference to it was (a recursive $ref)."""
    fn = compiled[name]
    assert fn is not None, f"definition {name!r} is still being compiled"
    return fn(x)


def _any_of(fns: list[Check]) -> Check:
    return lambda x: any(f(x) for f in fns)


def _hashable(x: object) -> bool:
    return x.__class__ in (str, int, float, bool) or x is None


def _object_check(node: dict, build: Callable[[dict], Check], strict: bool = False) -> Check:
    """The properties of a mapping; anything else passes, or with ``strict`` fails (its type
    is "object")."""
    props = {k: build(v) for k, v in node.get("properties", {}).items()}
    required = tuple(node.get("required", ()))
    extra = node.get("additionalProperties", True)
    if extra is not True and extra is not False:
        raise UnsupportedSchema("additionalProperties must be true or false")
    closed = extra is False

    def check(x: object) -> bool:
        if x.__class__ is not dict:
            return not strict
        for name in required:
            if name not in x:
                return False
        for k, v in x.items():
            fn = props.get(k)
            if fn is None:
                if closed:
                    return False
            elif not fn(v):
                return False
        return True
    return check


def _array_check(node: dict, build: Callable[[dict], Check]) -> Check:
    item = build(node["items"]) if "items" in node else None
    min_items = node.get("minItems", 0)
    unique = node.get("uniqueItems", False)

    def check(x: object) -> bool:
        if x.__class__ is not list:
            return True
        if len(x) < min_items:
            return False
        if item is not None:
            for v in x:
                if not item(v):
                    return False
        if unique:
            if not all(_hashable(v) for v in x):
                return False  # not sure: "False" only sends the plan to jsonschema
            keys = [_json_key(v) for v in x]
            if len(set(keys)) != len(keys):
                return False
        return True
    return check
