"""police.uk street-level crime data: read it, keep the counts for an area, and sum them up.

The public API, on which ``cspplan aggregate``, ``cspplan overview`` and the paper's
Appendix B are built (docs/crime-data.md describes the files and the figures):

* :func:`read_police_data` ``(paths, area, *, progress=None) -> ImportResult``: raw
  police.uk ``*-street.csv`` files, folders or zips -> the counts for an :class:`Area`
  (``.aggregate``) and what reading found (``.stats``, an :class:`ImportStats`).
* :func:`write_aggregate` ``(aggregate, path)`` and :func:`aggregate_text`: the
  aggregate as committed CSV; :func:`load_aggregate` ``(path) -> (Aggregate | None,
  findings)``: read it back, every problem a located ``CRIME-`` finding.
* :func:`compute_overview` ``(aggregate, *, top=10) -> Overview``: everything Appendix B
  shows, as plain values.

Only the standard library is used: importing this package is cheap. The overview and the
reader of raw files are imported when one of their names is first used (checking a plan's
own aggregate needs neither: they were a third of the time importing this package took).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from cspplan.crimedata.aggregate import Aggregate, Cell, aggregate_text, load_aggregate, parse_aggregate, \
    write_aggregate
from cspplan.crimedata.area import Area
from cspplan.crimedata.constants import AGGREGATE_HEADER, ASB, ATTRIBUTION, CAVEATS, CRIME_TYPES, SOURCE, \
    STREET_HEADER

if TYPE_CHECKING:
    from cspplan.crimedata.overview import Change, LsoaCount, MonthCount, Overview, TypeChange, Window, \
        compute_overview
    from cspplan.crimedata.reader import ImportResult, ImportStats, read_police_data

_LATER = {
    **dict.fromkeys(("Change", "LsoaCount", "MonthCount", "Overview", "TypeChange", "Window", "compute_overview"),
                    "overview"),
    **dict.fromkeys(("ImportResult", "ImportStats", "read_police_data"), "reader"),
}

__all__ = [
    "AGGREGATE_HEADER", "ASB", "ATTRIBUTION", "CAVEATS", "CRIME_TYPES", "SOURCE", "STREET_HEADER",
    "Aggregate", "Area", "Cell", "Change", "ImportResult", "ImportStats", "LsoaCount", "MonthCount", "Overview",
    "TypeChange", "Window", "aggregate_text", "compute_overview", "load_aggregate", "parse_aggregate",
    "read_police_data", "write_aggregate",
]


def __getattr__(name: str) -> object:
    """A name of the overview or the reader, imported on first use (PEP 562)."""
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
