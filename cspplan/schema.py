"""Check a loaded plan against the plan schema, and say what is wrong in plain English.

The schema (``schemas/plan-v1.schema.json``) is the single description of the plan
format. A valid plan is confirmed by :mod:`cspplan.fastcheck`; anything else goes to
jsonschema, whose errors are turned into ``SCHEMA`` findings located at the YAML node
they are about, with a hint for the fix ("did you mean 'priorities'?").
"""

from __future__ import annotations

import difflib
import functools
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from cspplan import fastcheck
from cspplan.errors import CspplanError
from cspplan.findings import Finding, Location, Severity
from cspplan.loader import LoadedPlan, escape_token

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

SCHEMA_RULE = "SCHEMA"
SCHEMA_FILE = "plan-v1.schema.json"
MAX_FINDINGS = 200
"""Most schema findings reported for one file; the rest are counted in one last finding."""


def schema_path() -> Path:
    """Where the plan schema is: inside the installed package, or in the source tree."""
    packaged = resources.files("cspplan") / "schemas" / SCHEMA_FILE
    if packaged.is_file():
        return Path(str(packaged))
    source = Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_FILE
    if source.is_file():
        return source
    raise CspplanError(f"the plan schema {SCHEMA_FILE} is missing from this installation; "
                       "reinstall cspplan")


@functools.lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(schema_path().read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _fast() -> fastcheck.Check:
    return fastcheck.compile_schema(load_schema())


@functools.lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    import jsonschema  # only needed when a plan is not valid

    cls = jsonschema.Draft202012Validator
    return cls(load_schema(), format_checker=cls.FORMAT_CHECKER)


def check(plan: LoadedPlan) -> list[Finding]:
    """Schema findings for a loaded plan (empty when it is valid).

    At most :data:`MAX_FINDINGS` are returned; a plan with thousands of problems is not
    a draft to be fixed line by line, and collecting every error would take long.
    """
    if plan.data is None:
        return []
    if _fast()(plan.data):
        return []
    errors: list[ValidationError] = []
    more = False
    for error in _validator().iter_errors(plan.data):
        if len(errors) == MAX_FINDINGS:
            more = True
            break
        errors.append(error)
    errors.sort(key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    findings: list[Finding] = []
    done: set[tuple] = set()
    for error in errors:
        findings.extend(_translate(plan, error, done))
    findings.sort(key=Finding.sort_key)
    if more or len(findings) > MAX_FINDINGS:
        findings = findings[:MAX_FINDINGS]
        findings.insert(0, Finding(Location(plan.path), SCHEMA_RULE, Severity.ERROR,
                                   f"more than {MAX_FINDINGS} schema problems: only the first "
                                   f"{MAX_FINDINGS} are shown",
                                   "fix these and validate again"))
    return findings


# --- turning jsonschema errors into findings ------------------------------------------

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of 'field: value' lines",
    "null": "nothing",
}

_PATTERN_TEXT = {
    "\\S": ("is blank", "write something, or remove the line"),
    "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(?!\\n)$": (
        "is not a valid id",
        "use letters, digits, '.', '-' and '_' only, starting with a letter or digit, "
        "at most 64 characters, for example 'sv-1'"),
    "^https?://\\S+$": ("is not a web address", "start it with https:// and leave out spaces"),
    "^(E0[6-9]|W06)[0-9]{6}(?!\\n)$": (
        "is not an ONS council code",
        "ONS codes look like E07000213: E06, E07, E08, E09 or W06 and six digits"),
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": ("is not an email address", "write it as name@council.gov.uk"),
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+(?!\\n)$": (
        "is not a rule id", "rule ids look like CDA-S5-RA-POLICE: see 'cspplan rules'"),
    "^[A-Z]{1,2}(?!\\n)$": ("is not an appendix letter", "use a capital letter, for example A"),
}

_BOOL_WORDS = {"yes": "true", "no": "false", "on": "true", "off": "false", "y": "true",
               "n": "false", "true": "true", "false": "false"}


def _pointer(path) -> str:
    return "".join("/" + escape_token(str(p)) for p in path)


def _field(path) -> str:
    """The name an officer knows a value by: its field name, or 'item N of field'."""
    parts = list(path)
    if not parts:
        return "the plan"
    last = parts[-1]
    if isinstance(last, int):
        owner = next((p for p in reversed(parts) if isinstance(p, str)), None)
        return f"item {last + 1} of '{owner}'" if owner else f"item {last + 1}"
    return f"'{last}'"


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a set of 'field: value' lines"


QUOTE_MOST = 80


def _quoted(value: str) -> str:
    """A value quoted for a message: whole when short, else its start and its length, so
    that a 40,000-character slip still gives a readable line."""
    if len(value) <= QUOTE_MOST:
        return repr(value)
    return f"{value[:QUOTE_MOST - 20]!r}... ({len(value):,} characters)"


def _close(word: str, options) -> str | None:
    options = [str(o) for o in options]
    lowered = {o.lower(): o for o in options}
    normal = word.strip().lower().replace(" ", "_").replace("-", "_")
    if normal in lowered:
        return lowered[normal]
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(normal, list(lowered), n=1, cutoff=0.6)
        match = [lowered[m] for m in match]
    return match[0] if match else None


def _translate(plan: LoadedPlan, error, done: set) -> list[Finding]:
    path = list(error.absolute_path)
    pointer = _pointer(path)
    kind = error.validator
    value = error.instance
    field = _field(path)

    def finding(message: str, hint: str | None, at: str = pointer, key: bool = False) -> Finding:
        return plan.finding(at, message, hint, rule=SCHEMA_RULE, severity=Severity.ERROR, key=key)

    hint: str | None
    out: list[Finding] = []
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in value:
            if name in allowed:
                continue
            if len(out) == MAX_FINDINGS:  # the rest would not be shown; finding them costs time
                break
            suggestion = _close(name, allowed)
            if suggestion:
                hint = f"did you mean '{suggestion}'?"
            elif len(allowed) <= 14:
                hint = "fields allowed here: " + ", ".join(allowed)
            else:
                hint = "see docs/plan-format.md for the fields allowed here"
            out.append(finding(f"unknown field '{name}'", hint,
                               at=pointer + "/" + escape_token(name), key=True))
        return out

    if kind == "required":
        if (pointer, tuple(error.validator_value)) in done:
            return []
        done.add((pointer, tuple(error.validator_value)))
        owner = _owner(error)
        props = owner.get("properties", {})
        condition = _condition(error)
        for name in error.validator_value:
            if name in value:
                continue
            where = f" in {owner.get('title') or field}" if path else ""
            description = props.get(name, {}).get("description")
            hint = f"add '{name}:'" + (f" ({_first_sentence(description)})" if description else "")
            if condition:
                where += f", because {condition}"
            out.append(finding(f"missing required field '{name}'{where}", hint))
        return out

    if kind == "type":
        types = error.validator_value
        expected: list[str] = types if isinstance(types, list) else [types]
        want = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        message = f"{field} should be {want}, not {_describe(value)}"
        hint = None
        raw = plan.raw(pointer)
        if value is None:
            hint = "the value is empty: fill it in, or remove the line"
        elif "string" in expected and isinstance(value, (int, float, bool)):
            hint = f"put the value in quotes: '{raw if raw is not None else value}'"
        elif "boolean" in expected and isinstance(value, str) and value.lower() in _BOOL_WORDS:
            hint = f"write {_BOOL_WORDS[value.lower()]}; cspplan reads '{value}' as text"
        elif "array" in expected:
            hint = "write each item on its own line starting with '- '"
        elif "object" in expected:
            hint = "write the fields on the lines below, indented by two more spaces"
        elif expected[0] in ("integer", "number") and isinstance(value, str):
            hint = "write the number without quotes, units or commas"
        return [finding(message, hint)]

    if kind == "enum":
        options = error.validator_value
        shown = _quoted(value) if isinstance(value, str) else _describe(value)
        suggestion = _close(value, options) if isinstance(value, str) and len(value) <= QUOTE_MOST else None
        hint = (f"did you mean '{suggestion}'? " if suggestion else "") + \
            "allowed values: " + ", ".join(map(str, options))
        return [finding(f"{shown} is not an allowed value for {field}", hint)]

    if kind == "const":
        return [finding(f"{field} must be {error.validator_value!r}, not {_describe(value)}",
                        f"this version of cspplan reads plan format {error.validator_value}")]

    if kind == "format":
        if error.validator_value == "date":
            if fastcheck._DATE.match(str(value)):
                return [finding(f"{field} is {value!r}, which is not a real date",
                                "check the day and month")]
            return [finding(f"{field} is {_quoted(str(value))}, which is not a date in the form YYYY-MM-DD",
                            "write dates as YYYY-MM-DD, for example 2024-09-24")]
        return [finding(f"{field} is not a valid {error.validator_value}", None)]

    if kind == "maxLength":
        done.add((pointer, "maxLength"))
        return [finding(f"{field} is {len(value):,} characters long; at most {error.validator_value:,} are allowed",
                        _shorten_hint(error.validator_value))]

    if kind == "pattern":
        if (pointer, "maxLength") in done:
            return []  # too long is the problem to fix first; the value is not quoted whole
        what, hint = _PATTERN_TEXT.get(error.validator_value,
                                       (f"does not match the form {error.validator_value}", None))
        shown = field if what == "is blank" else f"{field} ({_quoted(value)})"
        return [finding(f"{shown} {what}", hint)]

    if kind == "minItems":
        n = error.validator_value
        if not value:
            return [finding(f"{field} is an empty list",
                            f"add at least {n} item{'s' if n != 1 else ''}")]
        return [finding(f"{field} needs at least {n} items", None)]

    if kind == "uniqueItems":
        return [finding(f"{field} lists the same value more than once", "remove the repeat")]

    if kind in ("minimum", "maximum"):
        word = "at least" if kind == "minimum" else "at most"
        return [finding(f"{field} must be {word} {error.validator_value}, not {value!r}", None)]

    return [finding(f"{field}: {error.message}", None)]


def _shorten_hint(most: int) -> str:
    if most > 2000:
        return (f"shorten it to {most:,} characters or fewer; put the detail in a background paper or an "
                "appendix and refer to it")
    return f"shorten it to {most:,} characters or fewer"


def _schema_nodes(error):
    """The schema nodes from the root to the failing keyword, following $refs.

    jsonschema's ``schema_path`` leaves out the ``$ref`` hops, so a key missing from a
    node is looked up in the schema that node refers to.
    """
    root = load_schema()
    node, nodes = root, [root]
    for key in list(error.schema_path)[:-1]:
        while isinstance(node, dict) and key not in node and "$ref" in node:
            node = _resolve(root, node["$ref"])
            nodes.append(node)
        node = node[key]
        nodes.append(node)
    while isinstance(node, dict) and "$ref" in node:
        node = _resolve(root, node["$ref"])
        nodes.append(node)
    return nodes


def _resolve(root: dict, ref: str) -> dict:
    node = root
    for part in ref[2:].split("/") if ref.startswith("#/") else []:
        node = node[part]
    return node


def _owner(error) -> dict:
    """The nearest enclosing schema that describes an object (has properties)."""
    for node in reversed(_schema_nodes(error)):
        if isinstance(node, dict) and "properties" in node and "title" in node:
            return node
    return error.schema


def _condition(error) -> str:
    """For a requirement under if/then: the condition, in words ('exempt is true')."""
    if "then" not in error.schema_path:
        return ""
    nodes = _schema_nodes(error)
    parent = next((n for n in reversed(nodes) if isinstance(n, dict) and "if" in n), None)
    if parent is None:
        return ""
    props = parent["if"].get("properties", {})
    return " and ".join(f"'{k}' is {json.dumps(v['const'])}" for k, v in props.items() if "const" in v)


def _first_sentence(text: str) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    return sentence[0].lower() + sentence[1:] if sentence else sentence
