"""Benchmark the crime overview from raw police.uk files beside pandas and polars.

Run with ``make bench`` (as part of bench/run.py) or ``.venv/bin/python bench/crime.py
[--runs N]``. Needs the shared police.uk data (``../shared/data/police-uk``: Surrey
Police, 12 months of 2023) and, for the peers, pandas and polars (the ``bench`` extra).

Whole processes, interleaved round-robin, on 12 months (the shared files) and on 36
months (the same files repeated as 2021 and 2022, with the Month column, the file and
folder names and the Crime IDs rewritten, built in bench/.work):

* cspplan: ``cspplan overview --police-data DIR --area Spelthorne --format json``, the
  whole process from raw files to the overview;
* pandas: ``read_csv`` of every file, filter the LSOA name by the district prefix, group
  by month and crime type;
* polars: the same with a lazy ``scan_csv``.

Each is checked to give the same (month, crime type) counts before it is timed. Peak
RSS is the child process's own (``os.wait4``). Targets: cspplan at most 0.5x pandas and
1.5x polars on both sizes, and its peak RSS at 36 months within 10% (+5 MB) of 12.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "data" / "police-uk"
WORK = ROOT / "bench" / ".work" / "police-uk-36"
AREA = "Spelthorne"
BIN = Path(sys.executable).parent

PANDAS = """
import glob, json, sys
import pandas as pd
files = sorted(glob.glob(sys.argv[1] + '/**/*-street.csv', recursive=True))
df = pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in files])
df = df[df['LSOA name'].str.startswith(sys.argv[2] + ' ')]
counts = df.groupby(['Month', 'Crime type']).size()
print(json.dumps({f'{m}|{t}': int(n) for (m, t), n in counts.items()}))
"""

POLARS = """
import json, sys
import polars as pl
counts = (pl.scan_csv(sys.argv[1] + '/**/*-street.csv', infer_schema=False)
          .filter(pl.col('LSOA name').str.starts_with(sys.argv[2] + ' '))
          .group_by(['Month', 'Crime type']).len().collect())
print(json.dumps({f'{m}|{t}': int(n) for m, t, n in counts.iter_rows()}))
"""


def build_36_months() -> Path:
    """The 12 real months as 2021, 2022 and 2023 (new Crime IDs for the copies)."""
    marker = WORK / ".complete"
    if marker.exists():
        return WORK
    for source in sorted(REAL.glob("*/*-street.csv")):
        for year in (2021, 2022, 2023):
            month = source.parent.name.replace("2023", str(year))
            target = WORK / month / source.name.replace("2023", str(year))
            target.parent.mkdir(parents=True, exist_ok=True)
            lines = source.read_bytes().split(b"\n")
            out = [lines[0]]
            for line in lines[1:]:
                if line[:1] not in (b",", b""):
                    line = str(year).encode() + line[4:]  # a distinct Crime ID per copy
                out.append(line.replace(b",2023-", f",{year}-".encode(), 1))
            target.write_bytes(b"\n".join(out))
    marker.touch()
    return WORK


def commands(folder: Path) -> dict[str, list[str]]:
    return {
        "cspplan": [str(BIN / "cspplan"), "overview", "--police-data", str(folder), "--area", AREA, "-f", "json"],
        "pandas": [sys.executable, "-c", PANDAS, str(folder), AREA],
        "polars": [sys.executable, "-c", POLARS, str(folder), AREA],
    }


def run_rss(argv: list[str]) -> tuple[float, int, str]:
    """As :func:`run`, with the child's own peak RSS taken by waiting for it with wait4."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={**os.environ, "CI": "true"})
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv[:4])}")
    return elapsed, usage.ru_maxrss, out.decode()


def counts_of(name: str, output: str) -> dict[str, int]:
    if name != "cspplan":
        return json.loads(output)
    doc = json.loads(output)
    return {f"{r['month']}|{r['crime_type']}": r["count"] for r in doc["counts"] if r["count"]}


def bench(runs: int) -> dict:
    sizes = {"12 months": REAL, "36 months": build_36_months()}
    results: dict = {}
    for size, folder in sizes.items():
        cmds = commands(folder)
        reference = None
        for name, argv in cmds.items():  # warm-up, and every engine must agree
            got = counts_of(name, run_rss(argv)[2])
            reference = reference or got
            if got != reference:
                raise SystemExit(f"{name} counts differ from cspplan's on {size}")
        times: dict[str, list[float]] = {n: [] for n in cmds}
        rss: dict[str, list[int]] = {n: [] for n in cmds}
        for _ in range(runs):
            for name, argv in cmds.items():
                elapsed, peak, _ = run_rss(argv)
                times[name].append(elapsed)
                rss[name].append(peak)
        results[size] = {n: {"median_s": statistics.median(t), "min_s": min(t), "peak_rss_mb": max(rss[n]) / 1024}
                         for n, t in times.items()}
    return results


def targets(results: dict) -> list[tuple[str, str]]:
    out = []
    for size, r in results.items():
        c, p, q = (r[n]["median_s"] for n in ("cspplan", "pandas", "polars"))
        out.append(("PASS" if c <= 0.5 * p else "FAIL", f"{size}: cspplan {c:.3f} s <= 0.5 x pandas {p:.3f} s "
                                                       f"(ratio {c / p:.2f})"))
        out.append(("PASS" if c <= 1.5 * q else "FAIL", f"{size}: cspplan {c:.3f} s <= 1.5 x polars {q:.3f} s "
                                                       f"(ratio {c / q:.2f})"))
    small, large = (results[s]["cspplan"]["peak_rss_mb"] for s in ("12 months", "36 months"))
    out.append(("PASS" if large <= small * 1.1 + 5 else "FAIL",
                f"memory flat: cspplan peak RSS {small:.0f} MB at 12 months, {large:.0f} MB at 36"))
    return out


def markdown(results: dict) -> str:
    lines = ["| data | cspplan | pandas | polars | cspplan / pandas | cspplan / polars | peak RSS cspplan / "
             "pandas / polars |", "|---|---:|---:|---:|---:|---:|---|"]
    for size, r in results.items():
        c, p, q = (r[n]["median_s"] for n in ("cspplan", "pandas", "polars"))
        lines.append(f"| {size} | {c * 1000:.0f} ms | {p * 1000:.0f} ms | {q * 1000:.0f} ms | {c / p:.2f} | "
                     f"{c / q:.2f} | {r['cspplan']['peak_rss_mb']:.0f} / {r['pandas']['peak_rss_mb']:.0f} / "
                     f"{r['polars']['peak_rss_mb']:.0f} MB |")
    return "\n".join(lines)


def bench_crime(runs: int = 5) -> dict | None:
    """The crime-data section of bench/run.py: ``None`` (with a note) when it cannot run."""
    if len(list(REAL.glob("*/*-street.csv"))) != 12:
        print(f"crime data: skipped, the shared police.uk data is not at {REAL}")
        return None
    # checked in a child, so that this process stays small: a child's peak RSS counts the
    # parent's pages it was forked from
    if subprocess.run([sys.executable, "-c", "import pandas, polars"], capture_output=True).returncode:
        print("crime data: skipped, pandas and polars are not installed (pip install -e '.[bench]')")
        return None
    return bench(runs)


RENDER_BUDGET_S = 0.150
"""What Appendix B from the crime data may add to a render, charts included."""


def render_with_data(runs: int = 7) -> dict:
    """The Spelthorne example rendered with its crime data and without it (the same plan
    less its crime_data), whole process, interleaved: medians and what the data adds."""
    import re
    import shutil
    import tempfile

    plan = ROOT / "plans" / "spelthorne-2024-26.yaml"
    text = plan.read_text(encoding="utf-8")
    without = re.sub(r"(?ms)^crime_data:\n(?:  .*\n)+", "", text)
    assert without != text, "the example plan names no crime data"
    folder = Path(tempfile.mkdtemp(prefix="cspplan-bench-"))
    try:
        (folder / "with.yaml").write_text(text, encoding="utf-8")
        (folder / "without.yaml").write_text(without, encoding="utf-8")
        shutil.copy(plan.parent / "spelthorne-crime-2023.csv", folder)
        argv = {name: [str(BIN / "cspplan"), "render", str(folder / f"{name}.yaml"), "-o",
                       str(folder / f"{name}.docx"), "--today", "2024-09-24"] for name in ("with", "without")}
        for args in argv.values():
            run_rss(args)  # warm-up
        times: dict[str, list[float]] = {name: [] for name in argv}
        for _ in range(runs):
            for name, args in argv.items():
                times[name].append(run_rss(args)[0])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    medians = {name: statistics.median(t) for name, t in times.items()}
    return {**medians, "added": medians["with"] - medians["without"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    render = render_with_data()
    added = render["added"]
    print(f"render of the Spelthorne example: {render['with'] * 1000:.0f} ms with its crime data (Appendix B "
          f"with charts, measures counted), {render['without'] * 1000:.0f} ms without")
    print(f"{'PASS' if added <= RENDER_BUDGET_S else 'FAIL'}: the crime data adds {added * 1000:.0f} ms "
          f"<= {RENDER_BUDGET_S * 1000:.0f} ms")
    results = bench_crime(args.runs)
    if results is None:
        return 0
    print(markdown(results))
    for verdict, text in targets(results):
        print(f"{verdict}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
