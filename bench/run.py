"""Benchmark cspplan beside its peer (check-jsonschema) and its floor (PyYAML alone).

Run with ``make bench`` or ``.venv/bin/python bench/run.py [--quick]``. Everything is
measured in one run, with the commands interleaved round-robin, because the machine is
shared and noisy: read the ratios, which compare numbers taken side by side.

1. Start-up: whole processes on the example plan (cspplan validate, check-jsonschema,
   ``python -c "import yaml"``, plus ``cspplan --help`` and ``python -c pass``).
2. Scaling: one process validating N distinct copies of the plan through the library
   call ``cspplan.engine.validate``, timed inside a fresh child process (imports
   excluded), beside a child that only reads and parses the same files with
   ``yaml.CSafeLoader``.
3. Render: whole processes writing the committee paper as Word: ``cspplan render`` on
   the example plan and on synthetic plans of 1, 10, 25 and 50 priorities (each of 20
   actions and 5 measures; written by ``bench/synthetic.py``), beside ``pandoc`` turning
   the same content, as Markdown, into .docx for the largest plan (the peer), and
   ``cspplan validate`` on the largest plan (how much of a render is the check). The cost
   per priority, (time at N - time at 1 priority) / (N - 1), shows whether render time is
   linear in the plan's size.
4. Diff: whole processes comparing two versions: ``cspplan diff OLD NEW`` (which exits 1
   when they differ; any other status is a failure) on synthetic plans of 1, 10, 25 and 50
   priorities (20 actions and 5 measures each), each against a later version derived from
   it by ``synthetic.modify_plan`` (statuses, narratives and targets changed, a priority
   added, an action removed and one moved), beside ``diff -u OLD NEW`` (the floor: text
   lines, no ids) and ``dyff between OLD NEW`` if dyff is on PATH (the peer: YAML-aware).
   Before timing, ``cspplan diff --format json`` must report exactly the changes that were
   made. The cost per priority is reckoned as in the render section. ``cspplan diff
   --format docx -o OUT.docx`` (tracked changes in Word) is timed on the largest pair.
5. Charts: in process, the time and bytes that Appendix B's two native Word charts add
   to a saved document (a 36-month trend and a 14-type ranking, two series each), whether
   two builds are byte-identical, and the import cost of ``cspplan.render.charts``.

Prints a Markdown table (for the README's performance section) and PASS/FAIL lines for
the targets, and writes every raw number to ``bench/.work/results.json``. The exit
status is 0 even when a target is missed (this is a report, not a test) and 1 when a
command fails to run correctly.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
PLAN = Path("plans/spelthorne-2024-26.yaml")  # relative to ROOT; commands run there
SCHEMA = Path("schemas/plan-v1.schema.json")
BIN = Path(sys.executable).parent  # the venv's console scripts live beside its python

SIZES = (1, 10, 100, 1000)
PIPELINES = ("floor", "cspplan", "cspplan-jobs1")
PIPELINE_NAMES = {
    "floor": "read + `yaml.load(CSafeLoader)` (floor)",
    "cspplan": "`cspplan.engine.validate([dir])`",
    "cspplan-jobs1": "`cspplan.engine.validate([dir], jobs=1)`",
}

TARGET_PEER = 0.5       # cspplan validate (every rule) at most half check-jsonschema's time (schema only)
TARGET_FLOOR = 1.5      # 1,000 plans within this factor of the parse-only floor
TARGET_LINEAR = 0.25    # per-file cost from 10 to 1,000 files grows by at most this fraction
# "Linear" means the cost per unit does not grow: a cost per unit that falls as one-off
# start-up work is shared out over more units passes.
TARGET_RENDER_PEER = 0.5    # cspplan render of the largest plan at most half pandoc's time (issue 12)
TARGET_RENDER_LINEAR = 0.25  # render cost per priority from 10 to 50 priorities within this fraction
TARGET_DIFF_LINEAR = 0.25    # diff cost per priority from 10 to 50 priorities within this fraction

# Synthetic plans for the render section: (priorities, actions per priority, measures per
# priority). The 1-priority plan measures the fixed cost (start-up, cover report, the
# rest of the plan) that the cost per priority is reckoned from.
RENDER_SIZES = ((1, 20, 5), (10, 20, 5), (25, 20, 5), (50, 20, 5))
# Synthetic plans for the diff section, each compared with its modified copy; the
# 1-priority pair measures the fixed cost, as in the render section.
DIFF_SIZES = ((1, 20, 5), (10, 20, 5), (25, 20, 5), (50, 20, 5))


class BenchError(Exception):
    """A command did not run correctly; the benchmark's numbers would be meaningless."""


@dataclass
class Settings:
    """How many runs to make; ``--quick`` shrinks everything for a smoke run."""

    warmup: int = 2
    runs: int = 15
    repeats: dict = field(default_factory=lambda: {1: 9, 10: 7, 100: 5, 1000: 3})
    render_warmup: int = 1   # rounds of the render section (each round takes a few seconds)
    render_runs: int = 11
    diff_warmup: int = 2     # rounds of the diff section (each round takes about two seconds)
    diff_runs: int = 15

    @classmethod
    def quick(cls) -> Settings:
        return cls(warmup=1, runs=3, repeats={n: 1 for n in SIZES}, render_warmup=1, render_runs=1,
                   diff_warmup=1, diff_runs=1)


@dataclass
class Command:
    """One whole-process command of the start-up section."""

    key: str
    shown: str
    argv: list
    times: list = field(default_factory=list)  # seconds
    expect: tuple = (0,)                         # the exit statuses that mean it ran correctly


def summary(times: list) -> dict:
    """Median, min and max in milliseconds of a list of times in seconds."""
    ms = [t * 1000 for t in times]
    return {"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms), "n": len(ms)}


def run_checked(argv: list, capture: bool = False) -> str:
    """Run ``argv`` in the project root; raise BenchError unless it exits 0."""
    proc = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                          stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
                          text=True)
    if proc.returncode != 0:
        if not capture:  # run again to show why it failed
            again = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
            proc = again
        raise BenchError(f"{' '.join(map(str, argv))} exited with status {proc.returncode}\n"
                         f"{(proc.stdout or '')[-2000:]}{(proc.stderr or '')[-2000:]}")
    return proc.stdout if capture else ""


# --- 1. start-up -----------------------------------------------------------------------

def startup_commands() -> tuple[list[Command], list[str]]:
    """The whole-process commands to time, and notes about any that were skipped."""
    python = sys.executable
    cspplan = BIN / "cspplan"
    if not cspplan.exists():
        raise BenchError(f"no cspplan console script beside {python}; install the project first")
    commands = [Command("cspplan-validate", f"cspplan validate {PLAN}", [str(cspplan), "validate", str(PLAN)])]
    notes = []
    peer = BIN / "check-jsonschema"
    if peer.exists():
        commands.append(Command("check-jsonschema", f"check-jsonschema --schemafile {SCHEMA} {PLAN}",
                                [str(peer), "--schemafile", str(SCHEMA), str(PLAN)]))
    else:
        notes.append(f"check-jsonschema is not installed beside {python}: the peer comparison "
                     "is skipped (pip install check-jsonschema, or `make bench`)")
    commands += [
        Command("import-yaml", 'python -c "import yaml"', [python, "-c", "import yaml"]),
        Command("cspplan-help", "cspplan --help", [str(cspplan), "--help"]),
        Command("python-pass", "python -c pass", [python, "-c", "pass"]),
    ]
    return commands, notes


def time_round_robin(commands: list, warmup: int, runs: int, check, stderr=subprocess.DEVNULL) -> None:
    """Run every command once a round, rotating which goes first, and record the timed rounds.

    ``check(command, proc)`` raises :class:`BenchError` when a run did not do its job.
    """
    for r in range(warmup + runs):
        for i in range(len(commands)):
            command = commands[(i + r) % len(commands)]
            start = time.perf_counter()
            proc = subprocess.run(command.argv, cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=stderr)
            elapsed = time.perf_counter() - start
            check(command, proc)
            if r >= warmup:
                command.times.append(elapsed)


def _check_exit_zero(command, proc) -> None:
    if proc.returncode != 0:
        run_checked(command.argv)  # raises, showing the output


def bench_startup(settings: Settings) -> dict:
    """Time each start-up command as a whole process, interleaved round-robin.

    Each round runs every command once; the starting command rotates from round to
    round so that none is always first after a pause.
    """
    commands, notes = startup_commands()
    for command in commands:  # fail early, with the command's own output
        run_checked(command.argv)
    time_round_robin(commands, settings.warmup, settings.runs, _check_exit_zero)
    return {"notes": notes,
            "commands": {c.key: {"command": c.shown, "argv": c.argv, "times_s": c.times, **summary(c.times)}
                         for c in commands}}


# --- 2. scaling ------------------------------------------------------------------------

def make_copies(sizes=SIZES) -> dict:
    """Write N distinct copies of the example plan for each N, one directory per N.

    Each copy has its own title line, so no two files have the same content.
    """
    text = (ROOT / PLAN).read_text(encoding="utf-8")
    if len(re.findall(r"^title: .*$", text, flags=re.M)) != 1:
        raise BenchError(f"{PLAN} no longer has exactly one top-level 'title:' line to vary")
    import synthetic

    root = WORK / "plans"
    if root.exists():
        shutil.rmtree(root)
    dirs = {}
    for n in sizes:
        directory = root / f"n{n:04d}"
        directory.mkdir(parents=True)
        for i in range(n):
            copy = re.sub(r"^(title: .*)$", rf"\1 (bench copy {n}-{i:04d})", text, count=1, flags=re.M)
            (directory / f"plan-{i:04d}.yaml").write_text(copy, encoding="utf-8")
        synthetic.copy_crime_data(directory)  # the example's crime data, which validate reads too
        dirs[n] = directory
    return dirs


def child(pipeline: str, directory: str) -> None:
    """Run in a fresh process: time one pipeline over a directory; print JSON.

    Imports happen before the clock starts. Prints the seconds taken, the CPU seconds
    used by this process and its (worker) children meanwhile, the number of files
    handled, and peak RSS in KB of this process and of its largest child.
    """
    import resource

    if pipeline == "floor":
        import yaml

        def work() -> int:
            count = 0
            for path in sorted(Path(directory).glob("*.yaml")):
                with open(path, encoding="utf-8") as fh:
                    yaml.load(fh.read(), Loader=yaml.CSafeLoader)
                count += 1
            return count
    else:
        from cspplan.engine import validate
        from cspplan.findings import Severity

        jobs = 1 if pipeline == "cspplan-jobs1" else None

        def work() -> int:
            # Every rule runs; the example plan has warnings but no errors.
            report = validate([directory], jobs=jobs)
            errors = [f for f in report.findings if f.severity == Severity.ERROR]
            if report.input_errors or errors:
                problems = report.input_errors or [str(f) for f in errors[:5]]
                raise SystemExit(f"validation of the copies found errors: {problems}")
            return len(report.files)

    def cpu() -> float:
        return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, who))

    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    cpu_start, start = cpu(), time.perf_counter()
    files = work()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu() - cpu_start, "files": files,
                      "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))


def measure(pipeline: str, directory: Path, expected: int) -> dict:
    """One measurement: a fresh child process running ``pipeline`` over ``directory``."""
    out = run_checked([sys.executable, str(Path(__file__).resolve()), "--child", pipeline, str(directory)],
                      capture=True)
    result = json.loads(out.strip().splitlines()[-1])
    if result["files"] != expected:
        raise BenchError(f"{pipeline} handled {result['files']} files in {directory}, expected {expected}")
    return result


def bench_scaling(settings: Settings) -> dict:
    """Per-file cost of each pipeline for each N, interleaved round-robin.

    Round r measures every pipeline at every N that still needs repeats, so slow
    drifts in machine load hit all pipelines alike. One warm-up round at N=10 first.
    """
    dirs = make_copies()
    for pipeline in PIPELINES:
        measure(pipeline, dirs[10], 10)
    runs = {p: {n: [] for n in SIZES} for p in PIPELINES}
    for r in range(max(settings.repeats.values())):
        for n in SIZES:
            if r >= settings.repeats[n]:
                continue
            for i in range(len(PIPELINES)):
                pipeline = PIPELINES[(i + r) % len(PIPELINES)]
                runs[pipeline][n].append(measure(pipeline, dirs[n], n))
    out = {}
    for pipeline, by_n in runs.items():
        out[pipeline] = {}
        for n, results in by_n.items():
            per_file = [res["seconds"] / n for res in results]
            out[pipeline][n] = {
                "total_s": [res["seconds"] for res in results],
                "cores_used": statistics.median(res["cpu_seconds"] / res["seconds"] for res in results),
                "per_file": summary(per_file),
                "peak_rss_mb": max(res["maxrss_kb"] for res in results) / 1024,
                "peak_child_rss_mb": max(res["children_maxrss_kb"] for res in results) / 1024,
            }
    return out


# --- 3. render ---------------------------------------------------------------------------------

def size_key(size: tuple) -> str:
    return "x".join(map(str, size))


def docx_stats(path: Path) -> dict:
    """Size in KB, and paragraphs and tables in the body (word/document.xml) of a .docx."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    return {"output_kb": path.stat().st_size / 1024,
            "paragraphs": len(re.findall(r"<w:p[ >/]", body)),
            "tables": len(re.findall(r"<w:tbl[ >]", body))}


def render_commands(directory: Path) -> tuple[list[Command], dict, list[str]]:
    """Write the synthetic plans and their Markdown; the commands to time, plan facts, notes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic

    cspplan = BIN / "cspplan"
    if not cspplan.exists():
        raise BenchError(f"no cspplan console script beside {sys.executable}; install the project first")
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    synthetic.copy_crime_data(directory)
    rel = directory.relative_to(ROOT)

    def counts(data: dict) -> dict:
        ps = data["priorities"]
        return {"priorities": len(ps), "actions": sum(len(p.get("actions") or ()) for p in ps),
                "measures": sum(len(p.get("measures") or ()) for p in ps)}

    example = synthetic.load_base(ROOT / PLAN)
    plans = {"example": {"path": str(PLAN), "yaml_kb": (ROOT / PLAN).stat().st_size / 1024, **counts(example)}}
    commands = [Command("render-example", f"cspplan render {PLAN} -o OUT.docx",
                        [str(cspplan), "render", str(PLAN), "-o", str(rel / "example.docx")])]
    for size in RENDER_SIZES:
        key = size_key(size)
        path = rel / f"synthetic-{key}.yaml"
        data = synthetic.write_plan(ROOT / path, *size)
        last = data
        plans[key] = {"path": str(path), "yaml_kb": (ROOT / path).stat().st_size / 1024, "size": list(size),
                      **counts(data)}
        commands.append(Command(f"render-{key}", f"cspplan render synthetic-{key}.yaml -o OUT.docx",
                                [str(cspplan), "render", str(path), "-o", str(rel / f"render-{key}.docx")]))
    big = size_key(RENDER_SIZES[-1])
    commands.append(Command(f"validate-{big}", f"cspplan validate synthetic-{big}.yaml",
                            [str(cspplan), "validate", plans[big]["path"]]))
    markdown_path = rel / f"synthetic-{big}.md"
    synthetic.write_markdown(ROOT / markdown_path, last)  # the same content as the largest plan
    plans[big]["markdown_kb"] = (ROOT / markdown_path).stat().st_size / 1024
    notes = []
    pandoc = shutil.which("pandoc")
    if pandoc:
        commands.append(Command(f"pandoc-{big}", f"pandoc synthetic-{big}.md -o OUT.docx",
                                [pandoc, str(markdown_path), "-o", str(rel / f"pandoc-{big}.docx")]))
    else:
        notes.append("pandoc is not on PATH: the comparison with pandoc is skipped "
                     "(it is a Debian package: apt-get install -y pandoc)")
    return commands, plans, notes


def check_render(command: Command, proc: subprocess.CompletedProcess) -> None:
    """Raise BenchError unless a render section command exited 0 (and a render wrote no draft)."""
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        again = subprocess.run(command.argv, cwd=ROOT, capture_output=True, text=True)  # to show why
        raise BenchError(f"{' '.join(command.argv)} exited with status {proc.returncode}\n"
                         f"{again.stdout[-2000:]}{again.stderr[-2000:]}")
    if command.key.startswith("render-") and "against the law" in stderr:
        raise BenchError(f"{' '.join(command.argv)} rendered a draft: the plan has errors against the law\n"
                         f"{stderr[-2000:]}")


def bench_render(settings: Settings) -> dict | None:
    """Whole-process times of ``cspplan render`` and its peer, pandoc, interleaved round-robin.

    Each round runs every command once (rotating the first), as :func:`bench_startup`
    does. The synthetic plans must first validate without errors (one ``cspplan
    validate`` of them all, which exits 1 on an error); every run of every command must
    exit 0, and every render must be written without a draft notice (its standard error
    is read for that; the first failure stops the benchmark, showing the output).
    """
    directory = WORK / "render"
    commands, plans, notes = render_commands(directory)
    # Timed as an installed package runs: from bytecode (this environment may not write .pyc
    # files, and a module changed since its last .pyc would be compiled in every run).
    import compileall

    compileall.compile_dir(str(ROOT / "cspplan"), quiet=1)
    run_checked([str(BIN / "cspplan"), "validate", str(directory.relative_to(ROOT))])
    time_round_robin(commands, settings.render_warmup, settings.render_runs, check_render, stderr=subprocess.PIPE)
    out = {"notes": notes, "plans": plans, "commands": {}}
    pandoc = next((c for c in commands if c.key.startswith("pandoc-")), None)
    if pandoc is not None:
        version = subprocess.run([pandoc.argv[0], "--version"], capture_output=True, text=True).stdout
        out["pandoc_version"] = version.splitlines()[0] if version else "unknown"
    for c in commands:
        entry = {"command": c.shown, "argv": c.argv, "times_s": c.times, **summary(c.times)}
        if "-o" in c.argv:
            entry.update(docx_stats(ROOT / c.argv[c.argv.index("-o") + 1]))
        out["commands"][c.key] = entry
    # Cost per priority: (time at N - time at 1 priority) / (N - 1), from medians and from mins.
    cmds = out["commands"]
    one = cmds[f"render-{size_key(RENDER_SIZES[0])}"]
    out["per_priority"] = {}
    for size in RENDER_SIZES[1:]:
        n, entry = size[0], cmds[f"render-{size_key(size)}"]
        out["per_priority"][size_key(size)] = {
            "priorities": n,
            "median_ms": (entry["median_ms"] - one["median_ms"]) / (n - 1),
            "min_ms": (entry["min_ms"] - one["min_ms"]) / (n - 1),
            "whole_median_ms_over_n": entry["median_ms"] / n,
        }
    return out


# --- 4. diff -----------------------------------------------------------------------------------

def diff_commands(directory: Path) -> tuple[list[Command], dict, list[str]]:
    """Write the synthetic pairs (plan, modified copy); the commands to time, pair facts, notes.

    Each command's key is ``TOOL@PxAxM`` (TOOL one of cspplan-diff, diff-u, dyff,
    cspplan-diff-docx) so that the report can group rows by pair.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic

    cspplan = BIN / "cspplan"
    if not cspplan.exists():
        raise BenchError(f"no cspplan console script beside {sys.executable}; install the project first")
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    synthetic.copy_crime_data(directory)
    rel = directory.relative_to(ROOT)
    notes = []
    diff_u, dyff = shutil.which("diff"), shutil.which("dyff")
    if not diff_u:
        notes.append("diff (GNU diffutils) is not on PATH: the comparison with `diff -u` is skipped")
    if not dyff:
        notes.append("dyff is not on PATH: the comparison with `dyff between` is skipped "
                     "(it is a Go program, https://github.com/homeport/dyff; not installed by the benchmark)")

    def counts(data: dict) -> dict:
        ps = data["priorities"]
        return {"priorities": len(ps), "actions": sum(len(p.get("actions") or ()) for p in ps),
                "measures": sum(len(p.get("measures") or ()) for p in ps)}

    commands, pairs = [], {}
    for size in DIFF_SIZES:
        key = size_key(size)
        old, new = rel / f"synthetic-{key}.yaml", rel / f"synthetic-{key}-modified.yaml"
        data = synthetic.write_plan(ROOT / old, *size)
        modified, record = synthetic.write_modified(ROOT / new, data)
        pairs[key] = {"old": str(old), "new": str(new), "size": list(size),
                      "old_yaml_kb": (ROOT / old).stat().st_size / 1024,
                      "new_yaml_kb": (ROOT / new).stat().st_size / 1024,
                      "old_counts": counts(data), "new_counts": counts(modified), "modifications": record}
        commands.append(Command(f"cspplan-diff@{key}", "cspplan diff OLD NEW",
                                [str(cspplan), "diff", str(old), str(new)], expect=(1,)))
        if diff_u:
            commands.append(Command(f"diff-u@{key}", "diff -u OLD NEW",
                                    [diff_u, "-u", str(old), str(new)], expect=(1,)))
        if dyff:  # exits 0 whether or not the files differ (unless given --set-exit-code)
            commands.append(Command(f"dyff@{key}", "dyff between OLD NEW",
                                    [dyff, "between", str(old), str(new)], expect=(0, 1)))
    big = size_key(DIFF_SIZES[-1])
    commands.append(Command(f"cspplan-diff-docx@{big}",
                            "cspplan diff --format docx -o OUT.docx OLD NEW",
                            [str(cspplan), "diff", "--format", "docx", "-o", str(rel / f"redline-{big}.docx"),
                             pairs[big]["old"], pairs[big]["new"]], expect=(1,)))
    return commands, pairs, notes


def check_diff(command: Command, proc: subprocess.CompletedProcess) -> None:
    """Raise BenchError unless a diff section command exited with a status it should have."""
    if proc.returncode not in command.expect:
        again = subprocess.run(command.argv, cwd=ROOT, capture_output=True, text=True)  # to show why
        raise BenchError(f"{' '.join(command.argv)} exited with status {proc.returncode} "
                         f"(expected {' or '.join(map(str, command.expect))})\n"
                         f"{again.stdout[-2000:]}{again.stderr[-2000:]}")


def expected_changes(record: dict) -> set:
    """The changes ``cspplan diff`` must report for a pair made by ``synthetic.modify_plan``.

    A set of (kind, level, id, field) for each change, where the added priority brings
    its actions and measures (each reported as added).
    """
    added = record["added_priority"]
    out = {("added", "priority", added, None), ("removed", "action", record["removed_action"], None),
           ("moved", "action", record["moved_action"]["id"], None)}
    out |= {("changed", "action", i, "status") for i in record["statuses"]}
    out |= {("changed", "priority", i, "narrative") for i in record["narratives"]}
    out |= {("changed", "measure", i, "target/value") for i in record["targets"]}
    return out


def check_diff_output(command: Command, pair: dict) -> dict:
    """Run ``cspplan diff --format json`` on a pair; raise BenchError unless it found exactly the changes made.

    Returns the diff's summary (numbers of changes by significance).
    """
    argv = command.argv[:2] + ["--format", "json"] + command.argv[2:]
    proc = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 1:
        raise BenchError(f"{' '.join(argv)} exited with status {proc.returncode} (expected 1)\n"
                         f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    doc = json.loads(proc.stdout)
    record, added = pair["modifications"], pair["modifications"]["added_priority"]
    found = set()
    for c in doc["changes"]:
        if c["kind"] == "added" and c["level"] in ("action", "measure") and c["priority"] == added:
            continue  # the added priority's own actions and measures
        found.add((c["kind"], c["level"], c["id"], c["field"]))
    want = expected_changes(record)
    if found != want:
        raise BenchError(f"{' '.join(argv)} did not report the changes made by synthetic.modify_plan:\n"
                         f"  missing: {sorted(want - found, key=str)[:10]}\n"
                         f"  unexpected: {sorted(found - want, key=str)[:10]}")
    return doc["summary"]


def changed_lines(argv: list) -> int:
    """Lines added or removed in the output of ``diff -u``."""
    proc = subprocess.run(argv, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    return sum(1 for line in proc.stdout.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++ ", "--- ")))


def bench_diff(settings: Settings) -> dict:
    """Whole-process times of ``cspplan diff`` beside ``diff -u`` and dyff, interleaved round-robin.

    The plans must first validate without errors, and ``cspplan diff`` must report
    exactly the changes made to each pair (:func:`check_diff_output`). Then each round runs
    every command once (rotating the first), as :func:`bench_render` does; every run must
    exit with the status expected of it (1 for ``cspplan diff`` and ``diff -u``, which
    both mean "the files differ").
    """
    directory = WORK / "diff"
    commands, pairs, notes = diff_commands(directory)
    run_checked([str(BIN / "cspplan"), "validate", str(directory.relative_to(ROOT))])
    for command in commands:
        tool, key = command.key.split("@")
        if tool == "cspplan-diff":
            pairs[key]["cspplan_summary"] = check_diff_output(command, pairs[key])
        elif tool == "diff-u":
            pairs[key]["diff_u_changed_lines"] = changed_lines(command.argv)
    time_round_robin(commands, settings.diff_warmup, settings.diff_runs, check_diff)
    out = {"notes": notes, "pairs": pairs, "commands": {}}
    dyff = next((c for c in commands if c.key.startswith("dyff@")), None)
    if dyff is not None:
        version = subprocess.run([dyff.argv[0], "version"], capture_output=True, text=True).stdout.strip()
        out["dyff_version"] = version.splitlines()[0] if version else "unknown"
    for c in commands:
        tool, key = c.key.split("@")
        entry = {"command": c.shown, "argv": c.argv, "tool": tool, "pair": key, "expect": list(c.expect),
                 "times_s": c.times, **summary(c.times)}
        if "-o" in c.argv:
            entry.update(docx_stats(ROOT / c.argv[c.argv.index("-o") + 1]))
        out["commands"][c.key] = entry
    cmds = out["commands"]
    for c in cmds.values():  # the ratio to diff -u on the same pair
        floor = cmds.get(f"diff-u@{c['pair']}")
        if floor is not None:
            c["vs_diff_u"] = {"median": ratio(c["median_ms"], floor["median_ms"]),
                              "min": ratio(c["min_ms"], floor["min_ms"])}
    # Cost per priority: (time at N - time at 1 priority) / (N - 1), from medians and from mins.
    out["per_priority"] = {}
    first = size_key(DIFF_SIZES[0])
    for tool in ("cspplan-diff", "diff-u", "dyff"):
        one = cmds.get(f"{tool}@{first}")
        if one is None:
            continue
        out["per_priority"][tool] = {}
        for size in DIFF_SIZES[1:]:
            n, entry = size[0], cmds[f"{tool}@{size_key(size)}"]
            out["per_priority"][tool][size_key(size)] = {
                "priorities": n,
                "median_ms": (entry["median_ms"] - one["median_ms"]) / (n - 1),
                "min_ms": (entry["min_ms"] - one["min_ms"]) / (n - 1),
                "whole_median_ms_over_n": entry["median_ms"] / n,
            }
    return out


# --- 5. charts (Appendix B) ----------------------------------------------------------------------
# The cost of the two native Word charts of Appendix B (cspplan.render.charts): a trend of 36
# months with two series and a ranking of the 14 police.uk crime types with two series,
# added to the house template and saved as the renderer saves, against the same document
# saved without them; and the import of the chart module in a fresh process. The target is
# a few milliseconds per chart (a render with data may cost at most 150 ms more, charts
# included).

TARGET_CHARTS_MS = 20.0   # both charts, added and saved, over the same document without them


def _chart_document(with_charts: bool) -> bytes:
    import datetime as dt

    sys.path.insert(0, str(ROOT))
    from cspplan.render import charts, house
    from cspplan.render.package import to_bytes

    document = house.open_template(None, lambda _message: None)
    document.add_heading("Appendix B", level=1)
    if with_charts:
        months = [f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m % 12]} "
                  f"{2021 + m // 12}" for m in range(36)]
        trend = [("Crime", [800 + (m * 37) % 150 for m in range(36)]),
                 ("Anti-social behaviour", [300 + (m * 53) % 200 for m in range(36)])]
        charts.add_line_chart(document, title="Crime and anti-social behaviour by month", categories=months,
                              series=trend, alt_text=charts.describe_trend(months, trend),
                              value_axis_title="Number of incidents")
        types = [f"Crime type {i}" for i in range(14)]
        latest, previous = [3300 - 230 * i for i in range(14)], [3100 - 210 * i for i in range(14)]
        charts.add_bar_chart(document, title="Crime by type", categories=types,
                             series=[("Latest 12 months", latest), ("Previous 12 months", previous)],
                             alt_text=charts.describe_ranking(types, latest, previous=previous),
                             value_axis_title="Number of crimes")
    return to_bytes(document, when=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), author="bench",
                    title="Appendix B", subject="bench")


def bench_charts(settings: Settings) -> dict:
    """Time to add both charts and save (min and median of interleaved runs, over the
    same document without charts), the bytes they add, whether two builds are identical,
    and the import cost of the chart module."""
    runs = max(3, settings.render_runs * 2)
    timings: dict[str, list] = {"with": [], "without": []}
    blobs = {}
    for _ in range(runs + 1):  # the first round warms up (template read, imports)
        for key in ("without", "with"):
            start = time.perf_counter()
            blobs[key] = _chart_document(key == "with")
            timings[key].append(time.perf_counter() - start)
    timings = {k: v[1:] for k, v in timings.items()}
    # Timed as an installed package runs it: from its bytecode (this environment may not
    # write .pyc files, and compiling the source would be timed instead).
    import py_compile

    py_compile.compile(str(ROOT / "cspplan" / "render" / "charts.py"), doraise=True)
    cold = ("import time, sys, cspplan.render; t = time.perf_counter(); import cspplan.render.charts; "
            "print(time.perf_counter() - t, 'docx' in sys.modules, 'lxml' in sys.modules)")
    # In a render python-docx, lxml and the standard library modules they use are loaded already.
    warm = ("import time, docx, cspplan.render.package; t = time.perf_counter(); import cspplan.render.charts; "
            "print(time.perf_counter() - t)")
    imports: dict[str, list] = {"cold": [], "warm": []}
    for _ in range(max(3, settings.runs)):
        out = run_checked([sys.executable, "-c", cold], capture=True).split()
        imports["cold"].append(float(out[0]))
        if out[1:] != ["False", "False"]:
            raise BenchError("importing cspplan.render.charts loaded python-docx or lxml")
        imports["warm"].append(float(run_checked([sys.executable, "-c", warm], capture=True).split()[0]))
    added = {k: summary(v) for k, v in timings.items()}
    return {"runs": runs, "times": added,
            "extra_min_ms": added["with"]["min_ms"] - added["without"]["min_ms"],
            "extra_median_ms": added["with"]["median_ms"] - added["without"]["median_ms"],
            "bytes_added": len(blobs["with"]) - len(blobs["without"]),
            "deterministic": _chart_document(True) == blobs["with"],
            "import": {k: summary(v) for k, v in imports.items()}}


def charts_targets(result: dict) -> list[tuple[str, str]]:
    extra = result["extra_min_ms"]
    return [("PASS" if extra <= TARGET_CHARTS_MS and result["deterministic"] else "FAIL",
             f"two native charts add at most {TARGET_CHARTS_MS:.0f} ms to a render, byte-identical across "
             f"builds: +{extra:.1f} ms (min), {'identical' if result['deterministic'] else 'DIFFERENT'}")]


def charts_markdown(result: dict) -> str:
    t = result["times"]
    return "\n".join([
        "| Appendix B charts (in process) | min ms | median ms |", "|---|---:|---:|",
        f"| template + heading, saved | {t['without']['min_ms']:.1f} | {t['without']['median_ms']:.1f} |",
        f"| the same + 36-month trend + 14-type ranking, saved | {t['with']['min_ms']:.1f} | "
        f"{t['with']['median_ms']:.1f} |",
        f"| the charts' cost | {result['extra_min_ms']:.1f} | {result['extra_median_ms']:.1f} |",
        f"| `import cspplan.render.charts`, fresh process, nothing else loaded | "
        f"{result['import']['cold']['min_ms']:.2f} | {result['import']['cold']['median_ms']:.2f} |",
        f"| the same once python-docx is loaded (as in a render) | {result['import']['warm']['min_ms']:.2f} | "
        f"{result['import']['warm']['median_ms']:.2f} |",
        "", f"{result['runs']} interleaved runs after one warm-up; the charts add "
            f"{result['bytes_added'] / 1024:.1f} KB to the .docx (chart parts and their workbooks)."])


# --- report --------------------------------------------------------------------------------

def ratio(a: float, b: float) -> float:
    """a / b, or NaN when b is zero."""
    return a / b if b else float("nan")


def targets(results: dict) -> list[tuple[str, str]]:
    """(PASS/FAIL/SKIP, description) for each target."""
    lines = []
    cmds = results["startup"]["commands"]
    ours = cmds["cspplan-validate"]["median_ms"]
    if "check-jsonschema" in cmds:
        peer = cmds["check-jsonschema"]["median_ms"]
        lines.append(("PASS" if ours <= peer * TARGET_PEER else "FAIL",
                      f"cspplan validate at most {TARGET_PEER}x check-jsonschema on {PLAN.name}: "
                      f"{ours:.1f} ms vs {peer:.1f} ms median ({ratio(ours, peer):.2f}x)"))
    else:
        lines.append(("SKIP", f"cspplan validate at most {TARGET_PEER}x check-jsonschema: "
                              "check-jsonschema not installed"))
    scaling = results["scaling"]
    big = max(SIZES)
    floor = scaling["floor"][big]["per_file"]["median_ms"]
    for pipeline, label in (("cspplan", "default jobs"), ("cspplan-jobs1", "jobs=1, for information")):
        mine = scaling[pipeline][big]["per_file"]["median_ms"]
        verdict = "PASS" if mine <= floor * TARGET_FLOOR else "FAIL"
        if pipeline != "cspplan":
            verdict = "INFO"
        lines.append((verdict, f"{big:,} plans within {TARGET_FLOOR}x of the parse-only floor ({label}): "
                               f"{ratio(mine, floor):.2f}x ({mine:.2f} vs {floor:.2f} ms/file)"))
    for pipeline, label in (("cspplan-jobs1", "jobs=1"), ("cspplan", "default jobs, for information"),
                            ("floor", "floor, for information")):
        small = scaling[pipeline][10]["per_file"]["median_ms"]
        mine = scaling[pipeline][big]["per_file"]["median_ms"]
        change = ratio(mine, small) - 1
        verdict = "PASS" if change <= TARGET_LINEAR else "FAIL"
        if pipeline != "cspplan-jobs1":
            verdict = "INFO"
        lines.append((verdict, f"per-file cost from 10 to {big:,} files grows by at most {TARGET_LINEAR:.0%} "
                               f"({label}): {change:+.0%} ({small:.2f} -> {mine:.2f} ms/file)"))
    if "render" in results:
        lines += render_targets(results["render"])
    if "diff" in results:
        lines += diff_targets(results["diff"])
    if "charts" in results:
        lines += charts_targets(results["charts"])
    return lines


def render_targets(render: dict) -> list[tuple[str, str]]:
    lines = []
    big = size_key(RENDER_SIZES[-1])
    cmds = render["commands"]
    ours = cmds[f"render-{big}"]["median_ms"]
    if f"pandoc-{big}" in cmds:
        peer = cmds[f"pandoc-{big}"]["median_ms"]
        lines.append(("PASS" if ours <= peer * TARGET_RENDER_PEER else "FAIL",
                      f"cspplan render at most {TARGET_RENDER_PEER}x pandoc on the {big} plan: {ours:.0f} ms vs "
                      f"{peer:.0f} ms median ({ratio(ours, peer):.2f}x)"))
    else:
        lines.append(("SKIP", f"cspplan render at most {TARGET_RENDER_PEER}x pandoc on the {big} plan: "
                              "pandoc not on PATH"))
    per = render["per_priority"]
    small_key = size_key(RENDER_SIZES[1])
    small, mine = per[small_key]["median_ms"], per[big]["median_ms"]
    change = ratio(mine, small) - 1
    lines.append(("PASS" if change <= TARGET_RENDER_LINEAR else "FAIL",
                  f"render cost per priority from {RENDER_SIZES[1][0]} to {RENDER_SIZES[-1][0]} priorities "
                  f"grows by at most {TARGET_RENDER_LINEAR:.0%}: {change:+.0%} "
                  f"({small:.1f} -> {mine:.1f} ms/priority)"))
    return lines


def markdown(results: dict) -> str:
    """The results as compact Markdown, for the README's performance section."""
    meta = results["meta"]
    s = results["settings"]
    out = [f"cspplan benchmark: {meta['cpus']} CPUs, {meta['python']}, {meta['platform']}, "
           f"load average {meta['loadavg'][0]:.2f} at start{' (quick run)' if meta['quick'] else ''}", ""]
    cmds = results["startup"]["commands"]
    floor = cmds["import-yaml"]["median_ms"]
    out += ["| command (whole process, example plan) | median ms | min ms | vs `import yaml` |",
            "|---|---:|---:|---:|"]
    for c in cmds.values():
        out.append(f"| `{c['command']}` | {c['median_ms']:.1f} | {c['min_ms']:.1f} | "
                   f"{ratio(c['median_ms'], floor):.2f}x |")
    out += ["", f"{s['runs']} timed runs each after {s['warmup']} warm-up, interleaved round-robin."]
    out += [f"Note: {note}" for note in results["startup"]["notes"]]

    scaling = results["scaling"]
    out += ["", "| files in one process | floor ms/file | cspplan ms/file | vs floor | "
                "cspplan jobs=1 ms/file | vs floor |",
            "|---:|---:|---:|---:|---:|---:|"]
    for n in SIZES:
        f, c, j = (scaling[p][n]["per_file"] for p in PIPELINES)
        out.append(f"| {n:,} | {f['median_ms']:.2f} ({f['min_ms']:.2f}) | {c['median_ms']:.2f} ({c['min_ms']:.2f}) | "
                   f"{ratio(c['median_ms'], f['median_ms']):.2f}x | {j['median_ms']:.2f} ({j['min_ms']:.2f}) | "
                   f"{ratio(j['median_ms'], f['median_ms']):.2f}x |")
    big = max(SIZES)
    rss = {p: scaling[p][big] for p in PIPELINES}
    out += ["", "Floor: read + `yaml.load(text, Loader=yaml.CSafeLoader)`, one process. Median (min) of "
                + ", ".join(f"{s['repeats'][n]} (N={n:,})" for n in SIZES)
                + " fresh child processes; only the work is timed, not imports.",
            f"Peak RSS at {big:,} files: floor {rss['floor']['peak_rss_mb']:.0f} MB; "
            f"cspplan {rss['cspplan']['peak_rss_mb']:.0f} MB "
            f"(+ largest worker {rss['cspplan']['peak_child_rss_mb']:.0f} MB); "
            f"cspplan jobs=1 {rss['cspplan-jobs1']['peak_rss_mb']:.0f} MB.",
            f"Parallel gain at {big:,} files: jobs=1 / default = "
            f"{ratio(rss['cspplan-jobs1']['per_file']['median_ms'], rss['cspplan']['per_file']['median_ms']):.2f}x, "
            f"with {rss['cspplan']['cores_used']:.2f} of {meta['cpus']} cores busy (CPU time / wall time); "
            f"load average {meta['loadavg_end'][0]:.2f} at the end."]
    if "render" in results:
        out += ["", render_markdown(results["render"], s)]
    if "diff" in results:
        out += ["", diff_markdown(results["diff"], s)]
    if "charts" in results:
        out += ["", charts_markdown(results["charts"])]
    return "\n".join(out)


def render_markdown(render: dict, s: dict) -> str:
    """The render section's table and notes."""
    cmds, plans, per = render["commands"], render["plans"], render["per_priority"]
    big = size_key(RENDER_SIZES[-1])
    peer = cmds.get(f"pandoc-{big}", {}).get("median_ms")
    out = ["| command (whole process) | priorities / actions / measures | median ms | min ms | vs pandoc | "
           "ms per priority | output KB | paragraphs |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for key, c in cmds.items():
        plan_key = "example" if key == "render-example" else key.split("-", 1)[1]
        p = plans.get(plan_key, plans[big])
        vs = f"{ratio(c['median_ms'], peer):.2f}x" if peer and plan_key == big else "-"
        pp = per.get(plan_key) if key.startswith("render-") else None
        pp_text = f"{pp['median_ms']:.1f} ({pp['min_ms']:.1f})" if pp else "-"
        size_text = f"{c['output_kb']:.0f}" if "output_kb" in c else "-"
        paras = f"{c['paragraphs']:,}" if "paragraphs" in c else "-"
        out.append(f"| `{c['command']}` | {p['priorities']} / {p['actions']:,} / {p['measures']:,} | "
                   f"{c['median_ms']:.0f} | {c['min_ms']:.0f} | {vs} | {pp_text} | {size_text} | {paras} |")
    b = plans[big]
    runs = f"{s['render_runs']} timed run{'s' if s['render_runs'] != 1 else ''}"
    out += ["", f"{runs} each after {s['render_warmup']} warm-up, interleaved round-robin. "
                "ms per priority: (time at N priorities - time at 1 priority) / (N - 1), from the medians "
                "(and the mins); each priority has 20 actions and 5 measures.",
            f"Synthetic plans from `bench/synthetic.py`: the example plan with generated priorities; the {big} "
            f"plan is {b['yaml_kb']:.0f} KB of YAML"
            + (f", {b['markdown_kb']:.0f} KB as the Markdown given to pandoc (the same cover report and plan "
               "content, with pipe tables; no compliance matrix or governance tables)" if "markdown_kb" in b else "")
            + "."]
    if "pandoc_version" in render:
        out.append(f"Peer: {render['pandoc_version']}.")
    out += [f"Note: {note}" for note in render["notes"]]
    return "\n".join(out)


def diff_targets(diff: dict) -> list[tuple[str, str]]:
    per = diff["per_priority"]["cspplan-diff"]
    small_key, big = size_key(DIFF_SIZES[1]), size_key(DIFF_SIZES[-1])
    small, mine = per[small_key]["median_ms"], per[big]["median_ms"]
    change = ratio(mine, small) - 1
    return [("PASS" if change <= TARGET_DIFF_LINEAR else "FAIL",
             f"diff cost per priority from {DIFF_SIZES[1][0]} to {DIFF_SIZES[-1][0]} priorities "
             f"grows by at most {TARGET_DIFF_LINEAR:.0%}: {change:+.0%} ({small:.1f} -> {mine:.1f} ms/priority)")]


def diff_markdown(diff: dict, s: dict) -> str:
    """The diff section's table and notes."""
    cmds, pairs, per = diff["commands"], diff["pairs"], diff["per_priority"]
    out = ["| command (whole process) | priorities / actions / measures, OLD -> NEW | output | median ms | "
           "min ms | vs `diff -u` | ms per priority |",
           "|---|---|---:|---:|---:|---:|---:|"]
    for c in cmds.values():
        pair = pairs[c["pair"]]
        o, n = pair["old_counts"], pair["new_counts"]
        sizes = (f"{o['priorities']} / {o['actions']:,} / {o['measures']:,} -> "
                 f"{n['priorities']} / {n['actions']:,} / {n['measures']:,}")
        if c["tool"] == "cspplan-diff":
            output = f"{pair['cspplan_summary']['changes']:,} changes"
        elif c["tool"] == "diff-u":
            output = f"{pair['diff_u_changed_lines']:,} lines +/-"
        elif "output_kb" in c:
            output = f"{c['output_kb']:.0f} KB, {c['paragraphs']:,} paragraphs"
        else:
            output = "-"
        vs = f"{c['vs_diff_u']['median']:.0f}x" if "vs_diff_u" in c and c["tool"] != "diff-u" else "-"
        pp = per.get(c["tool"], {}).get(c["pair"]) if c["tool"] != "cspplan-diff-docx" else None
        pp_text = f"{pp['median_ms']:.2f} ({pp['min_ms']:.2f})" if pp else "-"
        out.append(f"| `{c['command']}` | {sizes} | {output} | {c['median_ms']:.1f} | {c['min_ms']:.1f} | "
                   f"{vs} | {pp_text} |")
    big = size_key(DIFF_SIZES[-1])
    b = pairs[big]
    mods = b["modifications"]
    runs = f"{s['diff_runs']} timed run{'s' if s['diff_runs'] != 1 else ''}"
    out += ["", f"{runs} each after {s['diff_warmup']} warm-up, interleaved round-robin. ms per priority: "
                "(time at N priorities - time at 1 priority) / (N - 1), from the medians (and the mins). "
                "`cspplan diff` reads both plans and runs every rule on both (to report compliance changes), "
                "then writes the text report; exit status 1 (the plans differ) is required of it and of "
                "`diff -u`.",
            f"OLD is a synthetic plan from `bench/synthetic.py` and NEW is `modify_plan`'s later version of it; "
            f"at {DIFF_SIZES[-1][0]} priorities ({b['old_yaml_kb']:.0f} KB of YAML) that is "
            f"{len(mods['statuses'])} action statuses, {len(mods['narratives'])} narratives reworded, "
            f"{len(mods['targets'])} measure targets, one priority added ({mods['added_priority']}), one action "
            f"removed and one moved to another priority; `cspplan diff --format json` reported exactly these "
            f"changes on every pair before timing."]
    if "dyff_version" in diff:
        out.append(f"Peer: {diff['dyff_version']}.")
    out += [f"Note: {note}" for note in diff["notes"]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run every section, print the Markdown report and targets, write results.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a fast smoke run: 3 runs, 1 repeat per size, 1 timed render and diff round")
    parser.add_argument("--runs", type=int, help="timed runs per start-up command (default 15, quick 3)")
    parser.add_argument("--child", nargs=2, metavar=("PIPELINE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0

    settings = Settings.quick() if args.quick else Settings()
    if args.runs:
        settings.runs = args.runs
    results = {
        "meta": {"cpus": os.cpu_count(), "python": f"{platform.python_implementation()} {platform.python_version()}",
                 "platform": platform.platform(terse=True), "executable": sys.executable,
                 "loadavg": os.getloadavg(), "quick": args.quick,
                 "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")},
        "settings": {"warmup": settings.warmup, "runs": settings.runs, "repeats": settings.repeats,
                     "render_warmup": settings.render_warmup, "render_runs": settings.render_runs,
                     "diff_warmup": settings.diff_warmup, "diff_runs": settings.diff_runs},
    }
    try:
        results["startup"] = bench_startup(settings)
        results["scaling"] = bench_scaling(settings)
        render = bench_render(settings)
        if render is not None:
            results["render"] = render
        results["diff"] = bench_diff(settings)
        results["charts"] = bench_charts(settings)
    except BenchError as exc:
        print(f"bench: FAILED: {exc}", file=sys.stderr)
        return 1
    results["meta"]["loadavg_end"] = os.getloadavg()
    results["targets"] = [{"result": r, "target": text} for r, text in targets(results)]
    print(markdown(results))
    print()
    for line in results["targets"]:
        print(f"{line['result']}  {line['target']}")
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nraw results: {(WORK / 'results.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
