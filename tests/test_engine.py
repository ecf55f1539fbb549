"""Finding files and validating many of them, in one process or several."""

from __future__ import annotations

import os

from conftest import MINIMAL_TEXT
from cspplan import engine


def test_directories_are_searched_recursively_in_a_stable_order(tmp_path):
    for rel in ["b.yaml", "a.yml", "sub/c.yaml", "sub/notes.txt", ".hidden/d.yaml", ".e.yaml"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MINIMAL_TEXT)
    files, errors = engine.discover([tmp_path])
    assert errors == []
    assert [p.relative_to(tmp_path).as_posix() for p, _ in files] == ["a.yml", "b.yaml", "sub/c.yaml"]


def test_a_file_named_twice_is_checked_once(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL_TEXT)
    files, _ = engine.discover([plan, tmp_path, str(plan)])
    assert len(files) == 1


def test_special_files_are_not_read(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    files, errors = engine.discover([fifo])
    assert files == [] and errors == [(str(fifo), "not a regular file")]


def test_unreadable_file_is_an_input_error(tmp_path):
    plan = tmp_path / "locked.yaml"
    plan.write_text(MINIMAL_TEXT)
    plan.chmod(0)
    try:
        if os.access(plan, os.R_OK):  # running as root: permissions do not apply
            return
        report = engine.validate([plan])
        assert report.input_errors == [(str(plan), "permission denied")]
    finally:
        plan.chmod(0o644)


def test_parallel_and_serial_give_the_same_report(tmp_path):
    for i in range(engine.PARALLEL_FROM + 6):
        text = MINIMAL_TEXT if i % 3 else MINIMAL_TEXT.replace("status: draft", f"status: s{i}")
        (tmp_path / f"plan{i:03}.yaml").write_text(text)
    serial = engine.validate([tmp_path], jobs=1)
    parallel = engine.validate([tmp_path], jobs=2)
    assert [r.path for r in parallel.files] == [r.path for r in serial.files]
    assert parallel.findings == serial.findings
    assert sum(1 for f in serial.findings if f.rule == "SCHEMA") == 10


def test_validate_text_accepts_bytes_and_text():
    assert engine.validate_text(MINIMAL_TEXT).findings == engine.validate_text(MINIMAL_TEXT.encode()).findings



def _compliant_with(**fields) -> str:
    import yaml

    from conftest import COMPLIANT_TEXT

    data = yaml.safe_load(COMPLIANT_TEXT)
    data.update(fields)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_schema_message_quotes_a_long_value_by_its_start_and_its_length():
    [status] = engine.validate_text(_compliant_with(status="x" * 5_000)).findings
    assert status.message.endswith("... (5,000 characters) is not an allowed value for 'status'")
    assert len(status.message) < 200


def test_a_rule_message_quotes_a_long_text_by_its_start_and_its_length():
    found = engine.validate_text(_compliant_with(summary="\u2605" * 20_000)).findings  # nothing but stars
    [empty] = [f for f in found if f.rule == "QUALITY-EMPTY-TEXT"]
    assert empty.message.startswith("the text is only symbols, with no words ('")
    assert empty.message.endswith("...' (20,000 characters))")
    assert len(empty.message) < 200
