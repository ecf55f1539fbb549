"""Hostile and broken plan files: one clear located message, a non-zero exit, no traceback.

Each file is validated by the real command in a child process capped at 1 GiB of
address space; the time limit only guards the suite against a hang.
"""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COMPLIANT_TEXT, MINIMAL_TEXT, PLANS, TODAY
from cspplan import loader
from cspplan.engine import validate_text

GIB = 1024 ** 3


def _bomb(levels: int = 9) -> bytes:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * 9) + "]")
    return "\n".join(lines).encode()


HOSTILE: dict[str, tuple[bytes, str]] = {
    # name: (file contents, text expected in the first finding line)
    "empty": (b"", ":1:1: error YAML the file is empty"),
    "only-comments": (b"# nothing here\n", ":1:1: error YAML the file is empty"),
    "a-list": (b"- schema_version: 1\n", ":1:1: error YAML the file is not a set of 'field: value' lines"),
    "a-scalar": (b"hello\n", ":1:1: error YAML the file is not a set"),
    "two-documents": (MINIMAL_TEXT.encode() + b"---\nb: 1\n",
                      ":26:1: error YAML the file holds more than one YAML document"),
    "syntax": (b"title: [unclosed\n", ":2:1: error YAML a list in [brackets] is not closed"),
    "tabs": (b"title: x\n\tarea: y\n", ":2:1: error YAML a tab character is used here"),
    "duplicate-keys": (MINIMAL_TEXT.replace("status: draft", "status: draft\nstatus: approved").encode(),
                       ":19:1: error YAML duplicate field 'status' (first on line 18)"),
    "latin-1": ("title: Caf\u00e9 plan\n".encode("latin-1"),
                ":1:11: error YAML the file is not valid UTF-8 (byte 0xE9)"),
    "utf-16": ("title: plan\n".encode("utf-16"), ": error YAML the file is saved as UTF-16, not UTF-8"),
    "binary": (bytes(range(256)) * 4, ":1:1: error YAML the file contains NUL bytes"),
    "docx": (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", ":1:6: error YAML the file contains NUL bytes"),
    "python-object": (b"title: !!python/object/apply:os.system ['touch /tmp/cspplan-pwned']\n",
                      ":1:8: error YAML YAML tag '!!python/object/apply:os.system' is not allowed"),
    "custom-tag": (b"title: !include other.yaml\n", ":1:8: error YAML YAML tag '!include' is not allowed"),
    "alias-bomb": (_bomb(), ":1:4: error YAML this value is used again elsewhere through an alias"),
    "deep-block": (("a:\n" + "".join("  " * i + "b:\n" for i in range(1, 2000))).encode(),
                   "error YAML the file is nested"),
    "deep-flow": (b"a: " + b"[" * 200_000 + b"]" * 200_000, ":1:"),
    "too-big": (b"title: '" + b"x" * (9 * 1024 * 1024) + b"'\n", ": error YAML the file is larger than 8 MB"),
    "too-many-values": (b"a:\n" + b"- 1\n" * 1_000_000, "error YAML the file holds more than 400,000 values"),
    "many-schema-errors": (b"schema_version: 1\npriorities:\n" +
                           b"".join(b"  - {x%d: 1, y: 2}\n" % i for i in range(75_000)),
                           ": error SCHEMA more than 200 schema problems"),
    "impossible-date": (MINIMAL_TEXT.replace("2025-04-01", "2025-02-30").encode(),
                        ":15:10: error SCHEMA 'start' is '2025-02-30', which is not a real date"),
    "huge-number": (MINIMAL_TEXT.replace("frequency_months: 12", "frequency_months: " + "9" * 6000).encode(),
                    ":20:21: error YAML the number 99999999999999999999... has 6000 digits"),
    "infinite-number": (MINIMAL_TEXT.replace("frequency_months: 12", "frequency_months: 1e400").encode(),
                        ":20:21: error YAML the number 1e400 is too large to hold"),
    "surrogate-escape": (b'title: "\\ud800"\n',
                         ":1:11: error YAML an escape sequence in double-quoted text is not a valid character"),
    "control-character": (b"title: bell\x07\n", ":1:12: error YAML the file contains a control character"),
    "complex-key": (b"? [a, b]\n: c\n", ":1:3: error YAML a field name must be plain text"),
    "yes-for-boolean": (MINIMAL_TEXT.replace("status: draft", "status: yes").encode(),
                        ":18:9: error SCHEMA 'yes' is not an allowed value for 'status'"),
}


def _limit_memory():  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def run_validate(path, *extra):
    return subprocess.run([sys.executable, "-m", "cspplan", "validate", *extra, str(path)],
                          capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_one_clear_located_finding(name, tmp_path):
    data, expected = HOSTILE[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    proc = run_validate(path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    assert "Traceback" not in proc.stdout
    first = proc.stdout.splitlines()[0]
    assert first.startswith(str(path)), first
    assert expected in first, first
    assert data == path.read_bytes()  # never written to


def test_nothing_from_a_tag_is_executed(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "p.yaml"
    path.write_text(f"title: !!python/object/apply:os.system ['touch {marker}']\n"
                    f"other: !!python/object/apply:builtins.exec ['open(\"{marker}\", \"w\")']\n")
    run_validate(path)
    assert not marker.exists()


def test_windows_line_endings_are_fine(tmp_path):
    path = tmp_path / "crlf.yaml"
    path.write_bytes(COMPLIANT_TEXT.replace("\n", "\r\n").encode())
    assert run_validate(path, "--today", TODAY).returncode == 0
    bad = tmp_path / "crlf-bad.yaml"
    bad.write_bytes(MINIMAL_TEXT.replace("status: draft", "status: drafty").replace("\n", "\r\n").encode())
    assert f"{bad}:18:9: error SCHEMA 'drafty'" in run_validate(bad).stdout


def test_a_directory_with_a_hostile_file_still_checks_the_others(tmp_path):
    (tmp_path / "a.yaml").write_bytes(_bomb())
    (tmp_path / "b.yaml").write_text(COMPLIANT_TEXT)
    proc = run_validate(tmp_path, "--today", TODAY)
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[-1] == "8 errors in 1 of 2 files (law as at 2025-06-01, the approval date)"


# --- fuzzing: whatever the bytes, the loader answers with data or findings -------------

def _never_crashes(data: bytes) -> None:
    result = validate_text(data, "fuzz.yaml")
    for finding in result.findings:
        assert finding.message and "\n" not in finding.message
        assert finding.location.line >= 0 and finding.location.column >= 0


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_fuzz_bytes(data):
    _never_crashes(data)


YAML_ALPHABET = st.sampled_from(list(":-[]{},&*!|>'\"#%@`?~ \t\n\r0123456789.eE+abcxyz\\\u00e9\u2019\x00\x07"))


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_ALPHABET, max_size=80).map("".join))
def test_fuzz_yaml_punctuation(text):
    _never_crashes(text.encode("utf-8", "surrogatepass"))


@st.composite
def damaged_plan(draw):
    base = draw(st.sampled_from([MINIMAL_TEXT] + [p.read_text(encoding="utf-8")[:4000] for p in PLANS]))
    text = base.encode()
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.binary(min_size=1, max_size=4)) if draw(st.booleans()) else \
            draw(st.sampled_from([b":", b"- ", b"\t", b"  ", b"\n", b"&a ", b"*a", b"!!", b"'", b"{", b"["]))
        if action == "insert":
            text = text[:pos] + chunk + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + len(chunk):]
        else:
            text = text[:pos] + chunk + text[pos + len(chunk):]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_plan())
def test_fuzz_damaged_plans(data):
    _never_crashes(data)


def test_limits_are_what_the_docs_say():
    assert loader.MAX_BYTES == 8 * 1024 * 1024
    assert loader.MAX_NODES == 400_000
