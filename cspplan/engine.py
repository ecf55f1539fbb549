"""Validate plan files: find them, load them, check them, collect the findings.

This is the library API behind ``cspplan validate``. It returns a :class:`Report` and
never prints, reads the environment or exits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from cspplan import loader, schema
from cspplan.findings import FileResult, Finding, Report

PLAN_SUFFIXES = (".yaml", ".yml")
PARALLEL_FROM = 24
"""Validate in several processes when there are at least this many files."""


def discover(paths: Iterable[str | os.PathLike]) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """Expand files and directories into the plan files to check.

    Directories are searched recursively for ``*.yaml`` and ``*.yml``, skipping hidden
    directories (``.git``, ``.venv``) and not following symbolic links. A file named
    explicitly is checked whatever its suffix. Returns ``(files, input_errors)``, each
    file as ``(path, name to show)``; names are as given, never made absolute.
    """
    files: list[tuple[Path, str]] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(path: Path, shown: str) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            files.append((path, shown))

    for given in paths:
        shown = os.fspath(given)
        path = Path(shown)
        try:
            if path.is_dir():
                found = _walk_dir(path)
                if not found:
                    errors.append((shown, "no .yaml or .yml files in this directory"))
                for p in found:
                    add(p, str(p))
            elif path.exists():
                if not path.is_file():
                    errors.append((shown, "not a regular file"))
                else:
                    add(path, shown)
            else:
                errors.append((shown, "no such file or directory"))
        except OSError as exc:
            errors.append((shown, _os_message(exc)))
    return files, errors


def _walk_dir(root: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(PLAN_SUFFIXES) and not name.startswith("."):
                found.append(Path(dirpath) / name)
    return found


def _os_message(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def check_loaded(plan: loader.LoadedPlan) -> list[Finding]:
    """All findings for an already-loaded plan, in location order.

    A file with YAML problems (duplicate fields, aliases, tags) is not checked further:
    its data is not what the officer meant, and schema findings about it would mislead.
    """
    if plan.findings:
        return sorted(plan.findings, key=Finding.sort_key)
    return schema.check(plan)


def validate_text(text: str | bytes, name: str = "<string>") -> FileResult:
    """Validate one plan given as text or bytes; ``name`` is used in locations."""
    if isinstance(text, bytes):
        plan = loader.load_bytes(text, name)
    else:
        plan = loader.load_text(text, name)
    return FileResult(name, check_loaded(plan))


def _check_file(item: tuple[Path, str]) -> FileResult | tuple[str, str]:
    path, shown = item
    try:
        data = loader.read_file(path)
    except OSError as exc:
        return (shown, _os_message(exc))
    return FileResult(shown, check_loaded(loader.load_bytes(data, shown)))


def validate(paths: Iterable[str | os.PathLike], *, jobs: int | None = None) -> Report:
    """Validate plan files and directories of plan files.

    ``jobs`` is the number of processes to use; by default one per CPU when there are
    many files. Results are in the order the files were found, whatever ``jobs`` is.
    """
    files, errors = discover(paths)
    report = Report(input_errors=errors)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(files) >= PARALLEL_FROM:
        results = _parallel(files, workers)
    else:
        results = [_check_file(item) for item in files]
    for result in results:
        if isinstance(result, FileResult):
            report.files.append(result)
        else:
            report.input_errors.append(result)
    return report


def _parallel(files: list[tuple[Path, str]], workers: int) -> list:
    import concurrent.futures
    import multiprocessing

    # Compile the schema check once here, so forked workers inherit it.
    schema._fast()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    workers = min(workers, len(files))
    chunk = max(1, len(files) // (workers * 8))
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(_check_file, files, chunksize=chunk))
