"""``cspplan overview`` output: the crime overview as text, Markdown, CSV (the counts) or JSON."""

from __future__ import annotations

import csv
from typing import TextIO

from cspplan.crimedata.constants import ASB
from cspplan.crimedata.overview import Change, Overview, OverviewReport
from cspplan.output import Options, envelope, safe_name, write_json


def _n(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _change_text(change: Change) -> str:
    if change.change is None:
        return "not comparable"
    text = f"{change.change:+,}"
    return text + (f" ({change.percent:+.1f}%)" if change.percent is not None else " (small numbers)")


def _period(overview: Overview) -> str:
    first, last = overview.window.latest
    return f"{first} to {last}"


def _heading(result: OverviewReport) -> list[str]:
    o = result.overview
    span = f"{o.months[0]} to {o.months[-1]}, {len(o.months)} months" if o.months else "no months"
    return [f"Crime overview: {o.area or 'no area'} ({span})",
            f"Data: {safe_name(result.data)}",
            f"Missing months: {', '.join(o.missing_months) if o.missing_months else 'none'}"]


def text(result: OverviewReport, out: TextIO, options: Options) -> None:
    o = result.overview
    lines = _heading(result)
    lines += ["", f"Latest 12 months: {_period(o)}; {o.window.note}",
              f"  Total crime:            {_n(o.total_crime.latest):>8}  previous {_n(o.total_crime.previous):>8}  "
              f"change {_change_text(o.total_crime)}",
              f"  Anti-social behaviour:  {_n(o.asb.latest):>8}  previous {_n(o.asb.previous):>8}  "
              f"change {_change_text(o.asb)}  (not part of total crime)",
              f"  Not located:            {_n(o.not_located_latest):>8}  (crimes and incidents police.uk could not "
              "place, in the force files read)",
              "", "By crime type, latest 12 months:"]
    width = max((len(t.crime_type) for t in o.by_type), default=10)
    for item in o.by_type:
        lines.append(f"  {item.crime_type:<{width}}  {_n(item.change.latest):>7}  previous "
                     f"{_n(item.change.previous):>7}  {_change_text(item.change)}")
    lines += ["", "Month      crime    ASB"]
    lines += [f"{month}  {crime:>7,}  {asb:>5,}" for month, crime, asb in o.monthly()]
    lines += ["", "LSOAs with the most crime, latest 12 months:"]
    lines += [f"  {lsoa.lsoa_code}  {lsoa.lsoa_name:<24} crime {lsoa.crime:>6,}  ASB {lsoa.asb:>5,}"
              for lsoa in o.top_lsoas]
    lines += ["", f"Source: {o.source}.", *(f"  - {c}" for c in o.caveats), o.attribution]
    out.write("\n".join(lines) + "\n")


def markdown(result: OverviewReport, out: TextIO, options: Options) -> None:
    o = result.overview
    head = _heading(result)
    lines = [f"# {head[0]}", "", *(f"{h}  " for h in head[1:]), "",
             f"## Latest 12 months: {_period(o)}", "", f"{o.window.note[0].upper()}{o.window.note[1:]}.", "",
             "| | latest 12 months | previous 12 months | change |", "|---|---:|---:|---|",
             f"| Total crime | {_n(o.total_crime.latest)} | {_n(o.total_crime.previous)} | "
             f"{_change_text(o.total_crime)} |",
             f"| Anti-social behaviour (not in total crime) | {_n(o.asb.latest)} | {_n(o.asb.previous)} | "
             f"{_change_text(o.asb)} |",
             f"| Not located | {_n(o.not_located_latest)} | | |", "",
             "## By crime type", "", "| crime type | latest 12 months | previous 12 months | change |",
             "|---|---:|---:|---|"]
    lines += [f"| {t.crime_type} | {_n(t.change.latest)} | {_n(t.change.previous)} | {_change_text(t.change)} |"
              for t in o.by_type]
    lines += ["", "## Month by month", "", "| month | crime | anti-social behaviour |", "|---|---:|---:|"]
    lines += [f"| {m} | {c:,} | {a:,} |" for m, c, a in o.monthly()]
    lines += ["", "## LSOAs with the most crime", "", "| LSOA | name | crime | anti-social behaviour |",
              "|---|---|---:|---:|"]
    lines += [f"| {x.lsoa_code} | {x.lsoa_name} | {x.crime:,} | {x.asb:,} |" for x in o.top_lsoas]
    lines += ["", "## Source and caveats", "", f"{o.source}.", "", *(f"- {c}" for c in o.caveats), "",
              o.attribution]
    out.write("\n".join(lines) + "\n")


def csv_report(result: OverviewReport, out: TextIO, options: Options) -> None:
    """Every (month, crime type) count, anti-social behaviour as its own type."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("month", "crime_type", "count"))
    for record in result.overview.counts:
        writer.writerow((record.month, record.crime_type, record.count))


def _change_json(change: Change) -> dict:
    return {"latest": change.latest, "previous": change.previous, "change": change.change,
            "percent": change.percent, "note": change.note or None}


def json_report(result: OverviewReport, out: TextIO, options: Options) -> None:
    o = result.overview
    w = o.window
    doc = envelope(
        "overview", data=result.data, area=o.area, months=list(o.months), missing_months=list(o.missing_months),
        counts=[{"month": r.month, "crime_type": r.crime_type, "count": r.count} for r in o.counts],
        window={"latest": {"first": w.latest[0], "last": w.latest[1], "complete": w.latest_complete},
                "previous": {"first": w.previous[0], "last": w.previous[1]} if w.previous else None,
                "comparable": w.comparable, "note": w.note},
        totals={"total_crime": _change_json(o.total_crime), "anti_social_behaviour": _change_json(o.asb)},
        by_crime_type=[{"crime_type": t.crime_type, "is_crime": t.crime_type != ASB, **_change_json(t.change)}
                       for t in o.by_type],
        top_lsoas=[{"lsoa_code": x.lsoa_code, "lsoa_name": x.lsoa_name, "crime": x.crime,
                    "anti_social_behaviour": x.asb} for x in o.top_lsoas],
        not_located={"total": o.not_located, "latest_12_months": o.not_located_latest},
        source=o.source, caveats=list(o.caveats), attribution=o.attribution)
    stats = result.stats
    if stats is not None:
        doc["import"] = {k: getattr(stats, k) for k in ("files", "rows", "crimes", "asb", "not_located",
                                                        "outside_area", "duplicates_skipped")}
        doc["import"]["skipped_files"] = [{"file": f, "why": why} for f, why in stats.skipped_files]
        doc["import"]["unsafe_zip_members"] = list(stats.unsafe_members)
    write_json(doc, out)
