"""cspplan: keep a Community Safety Partnership plan as YAML, check it against the law,
and produce the committee papers.

The library API is what the command line is built on::

    import cspplan
    report = cspplan.validate(["plans/"])
    for finding in report.findings:
        print(finding.location, finding.message)

Each command has its function here: :func:`validate`, :func:`check_docx_files`,
:func:`diff_files`, :func:`redline_file`, :func:`review_file`, :func:`render_file`,
:func:`aggregate_files` and :func:`overview_file` (see :mod:`cspplan.api`). Nothing in
the library prints or exits; see :mod:`cspplan.cli` for the command line.
"""

__version__ = "0.1.0"

_API = ("aggregate_files", "check_docx_files", "diff_files", "overview_file", "redline_file", "render_file",
        "review_file", "validate")
__all__ = ["__version__", "validate_text", *_API]


def __getattr__(name: str):
    # Keep `import cspplan` cheap: the engine (and PyYAML) load on first use.
    if name in _API:
        from cspplan import api

        return getattr(api, name)
    if name == "validate_text":
        from cspplan import engine

        return engine.validate_text
    raise AttributeError(f"module 'cspplan' has no attribute {name!r}")
