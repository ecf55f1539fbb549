"""Fuzzing the classes of input that once broke a command, through the command line.

Each target draws plans from one class (dates of any year in any date field, links of any
scheme, values at and past their length limits, duplicated and reordered ids) and runs
them through `validate`, `render` and `diff` as a user would, in one process. Whatever the
input, the outcome is a clear one: exit 0, 1 or 2, never "internal error", and a paper is
written whole or not at all. The run is short by default; `make fuzz` runs many more
examples (CSPPLAN_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import copy
import datetime as dt
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COMPLIANT_TEXT, dump
from cspplan.loader import load_text
from test_fuzz_text import examples


def fuzz_settings(default: int):
    # run_cli only redirects the streams of each call, so reusing it across examples is safe.
    return settings(max_examples=examples(default), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


BASE = load_text(COMPLIANT_TEXT).data
DATE_FIELDS = (("approval", "date"), ("review", "last_reviewed"), ("review", "next_review_due"),
               ("committee_report", "meeting_date"), ("committee_report", "published_on"),
               ("period", "start"), ("period", "end"))
SCHEMES = ("https://example.gov.uk/a", "http://example.gov.uk/b", "mailto:csp@example.gov.uk", "smb://fs/x",
           "\\\\server\\share", "/etc/passwd", "C:/Windows/win.ini", "../..", "ms-word:ofe|u|https://x",
           "ms-msdt:/id", "search-ms:q=x", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "")
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def _outcome(run_cli, tmp_path, data: dict, *commands: tuple[str, ...]) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(dump(data), encoding="utf-8")
    for args in commands:
        out = tmp_path / "out.docx"
        out.unlink(missing_ok=True)
        result = run_cli(*(str(plan) if a == "PLAN" else str(out) if a == "OUT" else a for a in args))
        assert result.exit_code in (0, 1, 2), (args, result.stderr)
        assert "internal error" not in result.stderr, (args, result.stderr)
        if out.exists():
            with zipfile.ZipFile(out) as package:
                assert package.testzip() is None


@fuzz_settings(25)
@given(field=st.sampled_from(DATE_FIELDS), day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_date_in_any_date_field(run_cli, tmp_path_factory, field, day):
    data = copy.deepcopy(BASE)
    data.setdefault(field[0], {})[field[1]] = day.isoformat() if day.year >= 1000 else f"{day.year:04d}{day:-%m-%d}"
    tmp = tmp_path_factory.mktemp("dates")
    _outcome(run_cli, tmp, data, ("validate", "PLAN"), ("render", "PLAN", "-o", "OUT", "--strict"),
             ("diff", str(_write(tmp, BASE)), "PLAN", "--format", "docx", "-o", "OUT"))


@fuzz_settings(25)
@given(target=st.sampled_from(SCHEMES), text=TEXT, form=st.sampled_from(["inline", "auto", "reference"]))
def test_any_link_in_plan_text(run_cli, tmp_path_factory, target, text, form):
    data = copy.deepcopy(BASE)
    link = {"inline": f"[{text}]({target})", "auto": f"<{target}>", "reference": f"[{text}]\n\n[{text}]: {target}"}
    data["context"] = f"See {link[form]} for more."
    _outcome(run_cli, tmp_path_factory.mktemp("links"), data, ("validate", "PLAN"), ("render", "PLAN", "-o", "OUT"))


@fuzz_settings(15)
@given(where=st.sampled_from([("title",), ("partnership", "name"), ("committee_report", "title"),
                              ("committee_report", "author", "name"), ("version",)]),
       extra=st.integers(-3, 3), word=st.sampled_from(["a", "Community ", "\u05e9\u05dc\u05d5\u05dd ", "\U0001F600"]))
def test_values_at_and_past_their_length_limits(run_cli, tmp_path_factory, where, extra, word):
    from cspplan.schema import load_schema

    schema = load_schema()
    node = schema
    for key in where:
        node = node["properties"][key]
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    limit = node.get("maxLength", 200)
    value = (word * limit)[: max(1, limit + extra)]
    data = copy.deepcopy(BASE)
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = value
    _outcome(run_cli, tmp_path_factory.mktemp("lengths"), data, ("validate", "PLAN"), ("render", "PLAN", "-o", "OUT"))


@fuzz_settings(25)
@given(moves=st.lists(st.tuples(st.integers(0, 1), st.integers(0, 3)), max_size=6), twin=st.booleans())
def test_duplicated_and_reordered_ids_in_a_diff(run_cli, tmp_path_factory, moves, twin):
    old = copy.deepcopy(BASE)
    for p in old["priorities"]:
        p["actions"] += [dict(p["actions"][0], id=f"{p['id']}-{n}") for n in range(2, 5)]
    new = copy.deepcopy(old)
    for p, i in moves:
        actions = new["priorities"][p]["actions"]
        actions.append(actions.pop(i % len(actions)))
    if twin:
        new["priorities"][1]["actions"].append(copy.deepcopy(new["priorities"][0]["actions"][0]))
    tmp = tmp_path_factory.mktemp("ids")
    _outcome(run_cli, tmp, new, ("diff", str(_write(tmp, old)), "PLAN", "--format", "markdown"),
             ("diff", str(_write(tmp, old)), "PLAN", "--format", "docx", "-o", "OUT"))


def _write(folder, data: dict):
    path = folder / "old.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path
