"""Appendix B from police.uk data: the crime overview members read, with charts and tables.

:func:`crime_overview` writes, under the appendix heading, for an
:class:`~cspplan.crimedata.Overview`:

* total crime and anti-social behaviour (ASB) in the latest 12 months, against the 12
  before only when both are complete (like for like); otherwise the months the data
  covers and that no comparison is made. ASB is always its own line, never in total crime;
* a monthly trend (a line chart of crime and ASB), then the same figures as a table;
* the largest crime types (a bar chart), then every crime type in a table with its count
  and, where comparable, its change ("small numbers" instead of a percentage under 20);
* the LSOAs with the most crime (a table);
* where the data comes from, the months it covers, the caveats and the OGL attribution,
  under the figures.

Every chart's alternative text is its message in words, written from the same figures
by :func:`~cspplan.render.charts.describe_trend` and
:func:`~cspplan.render.charts.describe_ranking`, and a caption after it names the table
that holds its figures. The chart module is imported here, when a chart is drawn, so a
paper without data never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspplan.render.writer import Run, Writer

if TYPE_CHECKING:
    from cspplan.crimedata import Change, Overview

__all__ = ["TOP_TYPES", "TEXT_WIDTH", "change_text", "crime_overview", "month_label"]

TOP_TYPES = 6
"""How many crime types the bar chart ranks (the table after it lists every type)."""
TEXT_WIDTH = 9026
"""The width of a table, in twentieths of a point (an A4 page's text width)."""
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def month_label(month: str, *, short: bool = True) -> str:
    """``2023-01`` -> ``Jan 2023`` (``January 2023`` with ``short=False``)."""
    name = _MONTHS[int(month[5:7]) - 1]
    return f"{name[:3] if short else name} {month[:4]}"


def _span(first: str, last: str) -> str:
    return f"{month_label(first, short=False)} to {month_label(last, short=False)}"


def change_text(change: Change) -> str:
    """The change column: ``+52 (+6.4%)``, ``+3 (small numbers)``, or ``not comparable``."""
    if change.change is None:
        return "not comparable"
    if change.percent is None:
        return f"{change.change:+,} (small numbers)"
    return f"{change.change:+,} ({change.percent:+.1f}%)"


class _Numbers:
    """Figure and table numbers, in the order they appear."""

    def __init__(self) -> None:
        self.figure = self.table = 0

    def next_figure(self) -> int:
        self.figure += 1
        return self.figure

    def next_table(self) -> int:
        self.table += 1
        return self.table


def crime_overview(writer: Writer, overview: Overview) -> None:
    """Write the crime overview of ``overview`` (see the module docstring)."""
    numbers = _Numbers()
    first, last = overview.months[0], overview.months[-1]
    writer.paragraph(f"Crime and anti-social behaviour in {overview.area}, from police.uk street-level data for "
                     f"{_span(first, last)} ({len(overview.months)} months). Anti-social behaviour is shown "
                     "beside crime and is never counted in total crime.")
    _totals(writer, overview, numbers)
    _trend(writer, overview, numbers)
    _types(writer, overview, numbers)
    _places(writer, overview, numbers)
    _about(writer, overview)


def _keep_with_next(paragraph) -> None:
    """Keep a chart on the page of its caption (and the caption with its table's first rows)."""
    from cspplan.render.writer import el

    ppr = paragraph.find(paragraph.tag.replace("}p", "}pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        paragraph.insert(0, ppr)
    styled = ppr.find(ppr.tag.replace("}pPr", "}pStyle")) is not None
    ppr.insert(1 if styled else 0, el("w:keepNext"))


def _window_label(span: tuple[str, str]) -> str:
    return _span(*span)


def _totals(writer: Writer, overview: Overview, numbers: _Numbers) -> None:
    window = overview.window
    writer.heading(2, "Total crime and anti-social behaviour")
    rows_for = (("Total crime", overview.total_crime), ("Anti-social behaviour (not in total crime)", overview.asb))
    if window.comparable and window.previous is not None:
        writer.paragraph(f"The latest 12 months ({_window_label(window.latest)}) against the 12 months before "
                         f"({_window_label(window.previous)}), like for like.")
        rows = [[name, f"{c.previous:,}" if c.previous is not None else "-", f"{c.latest:,}", change_text(c)]
                for name, c in rows_for]
        writer.table(["What is counted", "Previous 12 months", "Latest 12 months", "Change"], rows,
                     widths=[3626, 1800, 1800, 1800],
                     caption=f"Table {numbers.next_table()}: total crime and anti-social behaviour, latest 12 "
                             "months against the previous 12")
        return
    covered = len(overview.months)
    writer.paragraph(f"There {'is' if covered == 1 else 'are'} only {covered} month{'s' if covered != 1 else ''} "
                     f"of data ({_window_label(window.latest)}), so no comparison with an earlier period is "
                     "made: a comparison needs two complete periods of 12 months.")
    rows = [[name, f"{c.latest:,}"] for name, c in rows_for]
    writer.table(["What is counted", f"{_window_label(window.latest)}"], rows, widths=[5426, 3600],
                 caption=f"Table {numbers.next_table()}: total crime and anti-social behaviour")


def _trend(writer: Writer, overview: Overview, numbers: _Numbers) -> None:
    from cspplan.render.charts import add_line_chart, describe_trend

    monthly = overview.monthly()
    categories = [month_label(m) for m, _, _ in monthly]
    series = [("Crime", [c for _, c, _ in monthly]), ("Anti-social behaviour", [a for _, _, a in monthly])]
    writer.heading(2, "Monthly trend")
    figure, table = numbers.next_figure(), numbers.next_table()
    title = "Crime and anti-social behaviour each month"
    _keep_with_next(add_line_chart(writer.document, title=title, categories=categories, series=series,
                                   alt_text=describe_trend(categories, series), value_axis_title="Number recorded",
                                   width_cm=16, height_cm=6.5))
    writer.paragraph(keep_next=True, runs=[Run(f"Figure {figure}: ", bold=True),
                      Run(f"{title.lower().capitalize()}, {_span(monthly[0][0], monthly[-1][0])}. "
                          f"Table {table} gives the figures.")])
    writer.table(["Month", "Crime", "Anti-social behaviour"],
                 [[month_label(m, short=False), f"{c:,}", f"{a:,}"] for m, c, a in monthly],
                 widths=[3626, 2700, 2700], caption=f"Table {table}: crime and anti-social behaviour each month")


def _types(writer: Writer, overview: Overview, numbers: _Numbers) -> None:
    from cspplan.crimedata import ASB
    from cspplan.render.charts import add_bar_chart, describe_ranking

    window = overview.window
    period = _window_label(window.latest)
    ranked = sorted((t for t in overview.by_type if t.crime_type != ASB),
                    key=lambda t: (-t.change.latest, t.crime_type))
    top = ranked[:TOP_TYPES]
    total = overview.total_crime.latest
    writer.heading(2, "Crime by type")
    figure, table = numbers.next_figure(), numbers.next_table()
    names = [t.crime_type for t in top]
    counts = [t.change.latest for t in top]
    previous = ([t.change.previous or 0 for t in top] if window.comparable else None)
    title = f"The {len(top)} largest crime types"
    alt = describe_ranking(names, counts, total=total, previous=previous)
    _keep_with_next(add_bar_chart(writer.document, title=title, categories=names, series=[(period, counts)],
                                  alt_text=alt, value_axis_title="Crimes recorded", width_cm=16, height_cm=7.0))
    writer.paragraph(keep_next=True, runs=[Run(f"Figure {figure}: ", bold=True),
                      Run(f"the {len(top)} largest of police.uk's 13 crime types, {period}. Table {table} gives "
                          "every crime type.")])

    def share(n: int) -> str:
        return f"{round(100 * n / total)}%" if total else "-"

    if window.comparable:
        header = ["Crime type", "Previous 12 months", "Latest 12 months", "Change"]
        rows: list[list] = [[t.crime_type, f"{t.change.previous or 0:,}", f"{t.change.latest:,}", change_text(t.change)]
                for t in ranked]
        rows.append([[Run("Total crime", bold=True)], f"{overview.total_crime.previous or 0:,}",
                     f"{total:,}", change_text(overview.total_crime)])
        widths = [3626, 1800, 1800, 1800]
    else:
        header = ["Crime type", f"Crimes, {period}", "Share of total crime"]
        rows = [[t.crime_type, f"{t.change.latest:,}", share(t.change.latest)] for t in ranked]
        rows.append([[Run("Total crime", bold=True)], f"{total:,}", "100%"])
        widths = [4226, 2400, 2400]
    writer.table(header, rows, widths=widths,
                 caption=f"Table {table}: every crime type, largest first, with total crime (anti-social "
                         "behaviour is not crime and is not included)")
    if window.comparable:
        writer.paragraph("Where either count is under 20 the change is given in numbers only: a percentage of "
                         "a small number misleads.")


def _places(writer: Writer, overview: Overview, numbers: _Numbers) -> None:
    if not overview.top_lsoas:
        return
    period = _window_label(overview.window.latest)
    writer.heading(2, "Where crime is recorded")
    writer.paragraph(f"The {len(overview.top_lsoas)} neighbourhoods (lower layer super output areas, LSOAs, of "
                     f"about 1,500 residents each) with the most crime, {period}.")
    rows = [[place.lsoa_name, place.lsoa_code, f"{place.crime:,}", f"{place.asb:,}"]
            for place in overview.top_lsoas]
    writer.table(["LSOA", "ONS code", "Crime", "Anti-social behaviour"], rows,
                 widths=[3226, 2000, 1900, 1900],
                 caption=f"Table {numbers.next_table()}: the LSOAs with the most crime")


def _about(writer: Writer, overview: Overview) -> None:
    writer.heading(2, "About the data")
    first, last = overview.months[0], overview.months[-1]
    text = (f"Source: {overview.source}, {_span(first, last)}, the area's LSOAs. {overview.not_located:,} crimes "
            "and incidents in the force's files had no location and cannot be placed in or out of the area; "
            "they are not in these figures.")
    if overview.missing_months:
        text += (" Months missing from the data, left out rather than shown as zero: "
                 + ", ".join(month_label(m, short=False) for m in overview.missing_months) + ".")
    writer.paragraph(text)
    bullets = writer.new_list(ordered=False)
    for caveat in overview.caveats:
        writer.list_item(caveat, bullets)
    writer.paragraph(overview.attribution)
