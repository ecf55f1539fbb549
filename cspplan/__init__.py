"""cspplan: keep a Community Safety Partnership plan as YAML, check it against the law,
and produce the committee papers.

The library API is what the command line is built on::

    import cspplan
    report = cspplan.validate(["plans/"])
    for finding in report.findings:
        print(finding.location, finding.message)

Nothing in the library prints or exits; see :mod:`cspplan.cli` for the command line.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "validate", "validate_text"]


def __getattr__(name: str):
    # Keep `import cspplan` cheap: the engine (and PyYAML) load on first use.
    if name in ("validate", "validate_text"):
        from cspplan import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'cspplan' has no attribute {name!r}")
