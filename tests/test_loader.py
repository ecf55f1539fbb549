"""The loader: how values are typed, where problems are located, and what is refused."""

from __future__ import annotations

import pytest

from cspplan import loader
from cspplan.loader import load_bytes, load_text


def messages(result):
    return [(f.location.line, f.location.column, f.message) for f in result.findings]


@pytest.mark.parametrize(
    "text, value",
    [
        ("v: 12", 12),
        ("v: -3", -3),
        ("v: +4", 4),
        ("v: 2.5", 2.5),
        ("v: 1e3", 1000.0),
        ("v: .5", 0.5),
        ("v: true", True),
        ("v: False", False),
        ("v: ~", None),
        ("v: null", None),
        ("v:", None),
        # YAML 1.1 would turn all of these into something other than the text typed:
        ("v: 2024-09-24", "2024-09-24"),
        ("v: 2024-09-24 12:30:00", "2024-09-24 12:30:00"),
        ("v: yes", "yes"),
        ("v: no", "no"),
        ("v: on", "on"),
        ("v: off", "off"),
        ("v: NO", "NO"),
        ("v: 12:30", "12:30"),
        ("v: 0123", "0123"),
        ("v: 07700900123", "07700900123"),
        ("v: 0o17", "0o17"),
        ("v: 0x1F", "0x1F"),
        ("v: 1_000", "1_000"),
        ("v: .inf", ".inf"),
        ("v: .nan", ".nan"),
        ("v: '12'", "12"),
        ('v: "true"', "true"),
        ("v: !!str 12", "12"),
    ],
)
def test_values_are_typed_predictably(text, value):
    result = load_text(text)
    assert result.findings == []
    assert result.data == {"v": value}
    assert type(result.data["v"]) is type(value)


def test_keys_are_always_text():
    result = load_text("on: 1\n1: 2\nnull: 3\n")
    assert result.data == {"on": 1, "1": 2, "null": 3}


def test_duplicate_key_reported_at_the_second_with_the_first_line():
    result = load_text("title: A\nversion: '1'\ntitle: B\n", "p.yaml")
    assert messages(result) == [(3, 1, "duplicate field 'title' (first on line 1)")]
    assert result.data["title"] == "A"


def test_duplicate_keys_deep_in_lists_are_found():
    text = "priorities:\n  - id: a\n    actions:\n      - id: x\n        id: y\n"
    assert messages(load_text(text)) == [(5, 9, "duplicate field 'id' (first on line 4)")]


def test_alias_is_reported_and_not_expanded():
    result = load_text("a: &x [1, 2]\nb: *x\n")
    assert messages(result) == [(1, 4, "this value is used again elsewhere through an alias (*name), 1 time")]
    assert result.data == {"a": [1, 2], "b": None}


def test_alias_bomb_is_cheap():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    result = load_text("\n".join(lines))
    # 9^9 leaves if expanded; instead each anchored value is reported once, with its count.
    assert [m for _, _, m in messages(result)] == \
        ["this value is used again elsewhere through an alias (*name), 9 times"] * 8


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hacked']",
        "a: !!python/name:os.system",
        "a: !custom thing",
        "a: !!binary aGVsbG8=",
        "a: !!timestamp 2024-01-01",
        "a: !!set {x, y}",
        "a: !!int '5'",
    ],
)
def test_tags_are_refused_and_never_constructed(text):
    result = load_text(text)
    assert result.findings[0].message.startswith("YAML tag ")
    assert result.findings[0].message.endswith("is not allowed in a plan file")


def test_merge_keys_are_just_unknown_text():
    result = load_text("a: &b {x: 1}\nc:\n  <<: *b\n")
    assert any("alias" in f.message for f in result.findings)
    assert "<<" in result.data["c"]


def test_empty_file():
    for text in ("", "\n\n", "# just a comment\n", "---\n", "--- ~\n"):
        assert messages(load_text(text)) == [(1, 1, "the file is empty")], text


def test_document_that_is_not_a_mapping():
    for text in ("- a\n- b\n", "just text\n", "42\n"):
        result = load_text(text)
        assert messages(result) == [(1, 1, "the file is not a set of 'field: value' lines")]
        assert result.data is None


def test_several_documents():
    result = load_text("a: 1\n---\nb: 2\n")
    assert messages(result) == [(2, 1, "the file holds more than one YAML document")]


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ("a: 1\n\tb: 2\n", 2, 1, "a tab character is used here"),
        ("a: [1, 2\n", 2, 1, "a list in [brackets] is not closed"),
        ("a: {x: 1\n", 2, 1, "a mapping in {braces} is not closed"),
        ("title: Plan: 2024\n", 1, 12, "unexpected ':' here"),
        ("a:\n  - 1\n - 2\n", 3, 2, "this line does not line up with the fields around it"),
        ("a: 'unclosed\n", 2, 1, "the file ends inside a quoted value"),
        ("a: @home\n", 1, 4, "a value starts with a character YAML reserves"),
        ("a: *nothing\n", 1, 4, "an alias (*name) is used"),
        ('a: "bad \\q escape"\n', 1, 9, "unknown escape sequence in double-quoted text"),
        ("a: b\x07c\n", 1, 5, "the file contains a control character"),
    ],
)
def test_syntax_errors_are_located_and_explained(text, line, column, message):
    result = load_text(text, "p.yaml")
    assert messages(result) == [(line, column, message)]
    assert result.findings[0].hint
    assert result.data is None


def test_encoding_problems():
    cases = {
        b"title: caf\xe9\n": (1, 11, "the file is not valid UTF-8 (byte 0xE9)"),
        b"a: 1\nb: \xe2\x80\x99ok\xe2\x80\n": (2, 7, "the file is not valid UTF-8 (byte 0xE2)"),
        b"\xff\xfea\x00:\x00": (0, 0, "the file is saved as UTF-16, not UTF-8"),
        b"PK\x03\x04\x14\x00\x00\x00": (1, 6, "the file contains NUL bytes: it looks like a binary file, not YAML"),
    }
    for data, expected in cases.items():
        assert messages(load_bytes(data, "p.yaml")) == [expected], data


def test_utf8_byte_order_mark_is_accepted():
    result = load_bytes("\ufefftitle: Café\n".encode("utf-8"))
    assert result.findings == [] and result.data == {"title": "Café"}


def test_numbers_too_large_are_reported_not_crashed_on():
    result = load_text("a: " + "9" * 5000 + "\nb: 1e999\nc: -1e999\n")
    assert [m for _, _, m in messages(result)] == [
        "the number 99999999999999999999... has 5000 digits, more than cspplan reads",
        "the number 1e999 is too large to hold",
        "the number -1e999 is too large to hold",
    ]


def test_limits(monkeypatch):
    deep = "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 80))
    assert "nested more than" in load_text(deep).findings[0].message
    flow = "a: " + "[" * 5000 + "]" * 5000
    assert load_text(flow).findings[0].message == "the file is nested too deeply"
    monkeypatch.setattr(loader, "MAX_NODES", 100)
    many = "a:\n" + "".join(f"  - {i}\n" for i in range(200))
    assert load_text(many).findings[0].message == "the file holds more than 100 values"
    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    result = load_bytes(b"a: " + b"x" * 2000)
    assert result.findings[0].message.startswith("the file is larger than")


def test_locate_points_at_values_keys_and_nearest_parent():
    text = "a:\n  b:\n    - x: 1\n      y: two\n"
    result = load_text(text, "p.yaml")
    assert (result.locate("/a/b/0/y").line, result.locate("/a/b/0/y").column) == (4, 10)
    assert (result.locate("/a/b/0/y", key=True).line, result.locate("/a/b/0/y", key=True).column) == (4, 7)
    missing = result.locate("/a/b/0/z")  # not there: its parent mapping
    assert (missing.line, missing.column) == (3, 7)
    assert result.locate("/a/b/7").line == 3
    assert result.raw("/a/b/0/y") == "two"


def test_pointer_escaping_round_trips():
    result = load_text("'a/b':\n  '~c': 1\n")
    assert result.locate("/" + loader.escape_token("a/b") + "/" + loader.escape_token("~c")).line == 2


def test_a_value_missing_in_brackets_is_explained():
    result = load_text("title: [\n", "p.yaml")
    assert messages(result) == [(2, 1, "a value is missing here")]


def test_an_ampersand_in_text_is_not_an_anchor_and_an_anchor_after_one_is_still_found():
    # Nodes are only tracked for aliases when the text may hold an anchor ('&' and a name).
    assert load_text("a: R & D\nb: [x, y]\n").data == {"a": "R & D", "b": ["x", "y"]}
    assert load_text("a: R&D\nb: [x, y]\n").data == {"a": "R&D", "b": ["x", "y"]}
    result = load_text("a: R & D\nb: &l [x, y]\nc: *l\n")
    assert messages(result) == [(2, 4, "this value is used again elsewhere through an alias (*name), 1 time")]


def test_a_field_written_three_times_names_the_first_line_each_time():
    result = load_text("title: A\nversion: '1'\ntitle: B\n!!str title: C\n", "p.yaml")
    assert messages(result) == [(3, 1, "duplicate field 'title' (first on line 1)"),
                                (4, 1, "duplicate field 'title' (first on line 1)")]


def test_a_line_break_yaml_counts_but_editors_do_not_keeps_later_lines_right():
    # NEL (U+0085) ends a line for YAML 1.1 but not for an editor: 'c' is on line 3 as shown.
    result = load_text("a: 'x\x85y'\nb: 1\nc: &k 2\nd: *k\n")
    assert messages(result) == [(3, 4, "this value is used again elsewhere through an alias (*name), 1 time")]
