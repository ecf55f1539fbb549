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
3. (reserved) ``cspplan render`` timings: see :func:`bench_render`.

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

TARGET_PEER = 1.0       # cspplan validate must be faster than check-jsonschema
TARGET_FLOOR = 1.5      # 1,000 plans within this factor of the parse-only floor
TARGET_LINEAR = 0.25    # per-file cost from 10 to 1,000 files within this fraction


class BenchError(Exception):
    """A command did not run correctly; the benchmark's numbers would be meaningless."""


@dataclass
class Settings:
    """How many runs to make; ``--quick`` shrinks everything for a smoke run."""

    warmup: int = 2
    runs: int = 15
    repeats: dict = field(default_factory=lambda: {1: 9, 10: 7, 100: 5, 1000: 3})

    @classmethod
    def quick(cls) -> "Settings":
        return cls(warmup=1, runs=3, repeats={n: 1 for n in SIZES})


@dataclass
class Command:
    """One whole-process command of the start-up section."""

    key: str
    shown: str
    argv: list
    times: list = field(default_factory=list)  # seconds


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


def bench_startup(settings: Settings) -> dict:
    """Time each start-up command as a whole process, interleaved round-robin.

    Each round runs every command once; the starting command rotates from round to
    round so that none is always first after a pause.
    """
    commands, notes = startup_commands()
    for command in commands:  # fail early, with the command's own output
        run_checked(command.argv)
    rounds = settings.warmup + settings.runs
    for r in range(rounds):
        for i in range(len(commands)):
            command = commands[(i + r) % len(commands)]
            start = time.perf_counter()
            proc = subprocess.run(command.argv, cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                run_checked(command.argv)  # raises, showing the output
            if r >= settings.warmup:
                command.times.append(elapsed)
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


# --- 3. render (reserved) ----------------------------------------------------------------

def bench_render(settings: Settings) -> dict | None:
    """Reserved for ``cspplan render`` timings; not implemented yet.

    When render exists, time it here the way :func:`bench_startup` and
    :func:`bench_scaling` do (round-robin, median and min, ratio to a floor measured in
    the same run), return a dict for results.json, and add its table to
    :func:`markdown` and any targets to :func:`targets`. Returning None skips it.
    """
    return None


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
        lines.append(("PASS" if ours < peer * TARGET_PEER else "FAIL",
                      f"cspplan validate faster than check-jsonschema on {PLAN.name}: "
                      f"{ours:.1f} ms vs {peer:.1f} ms median ({ratio(ours, peer):.2f}x)"))
    else:
        lines.append(("SKIP", "cspplan validate faster than check-jsonschema: check-jsonschema not installed"))
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
        verdict = "PASS" if abs(change) <= TARGET_LINEAR else "FAIL"
        if pipeline != "cspplan-jobs1":
            verdict = "INFO"
        lines.append((verdict, f"per-file cost from 10 to {big:,} files within ±{TARGET_LINEAR:.0%} ({label}): "
                               f"{change:+.0%} ({small:.2f} -> {mine:.2f} ms/file)"))
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
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run every section, print the Markdown report and targets, write results.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run: 3 runs, 1 repeat per size")
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
        "settings": {"warmup": settings.warmup, "runs": settings.runs, "repeats": settings.repeats},
    }
    try:
        results["startup"] = bench_startup(settings)
        results["scaling"] = bench_scaling(settings)
        render = bench_render(settings)
        if render is not None:
            results["render"] = render
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
