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

Only the standard library is used: importing this package is cheap.
"""

from __future__ import annotations

from cspplan.crimedata.aggregate import Aggregate, Cell, aggregate_text, load_aggregate, parse_aggregate, \
    write_aggregate
from cspplan.crimedata.constants import AGGREGATE_HEADER, ASB, ATTRIBUTION, CAVEATS, CRIME_TYPES, SOURCE, \
    STREET_HEADER
from cspplan.crimedata.overview import Change, LsoaCount, MonthCount, Overview, TypeChange, Window, \
    compute_overview
from cspplan.crimedata.reader import Area, ImportResult, ImportStats, read_police_data

__all__ = [
    "AGGREGATE_HEADER", "ASB", "ATTRIBUTION", "CAVEATS", "CRIME_TYPES", "SOURCE", "STREET_HEADER",
    "Aggregate", "Area", "Cell", "Change", "ImportResult", "ImportStats", "LsoaCount", "MonthCount", "Overview",
    "TypeChange", "Window", "aggregate_text", "compute_overview", "load_aggregate", "parse_aggregate",
    "read_police_data", "write_aggregate",
]
