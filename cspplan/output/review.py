"""``cspplan review`` output: one screen of text, or JSON in the common envelope."""

from __future__ import annotations

from typing import TextIO

from cspplan.dates import long_date
from cspplan.output import Options, envelope, safe_name, write_json
from cspplan.review import Review

def text(result: Review, out: TextIO, options: Options) -> None:
    out.write(f"Review of {safe_name(result.path)}, as at {long_date(result.today)}\n\n")
    if result.next_due is None or result.days is None:  # no due date, so no days either
        out.write("Next review: no date is set (add review.next_review_due)\n")
    elif result.overdue:
        out.write(f"Next review: OVERDUE: it was due {long_date(result.next_due)}, {-result.days} days ago\n")
    else:
        out.write(f"Next review: due {long_date(result.next_due)}, in {result.days} days\n")
    if result.last_review:
        out.write(f"Last review:  {long_date(result.last_review)}\n")
    for title, items in result.sections():
        out.write(f"\n{title}: {len(items) if items else 'none'}\n")
        for entry in items:
            out.write(f"  {safe_name(result.path)}:{entry.line}: {entry.what}\n")


def json_report(result: Review, out: TextIO, options: Options) -> None:
    doc = envelope(
        "review",
        path=result.path,
        today=result.today.isoformat(),
        last_review=result.last_review.isoformat() if result.last_review else None,
        next_review_due=result.next_due.isoformat() if result.next_due else None,
        overdue=result.overdue,
        days_until_due=result.days,
    )
    keys = ["overdue_actions", "off_target_measures", "priorities_without_actions",
            "priorities_without_measures", "stale_evidence"]
    for key, (_, items) in zip(keys, result.sections(), strict=True):
        doc[key] = [{"what": i.what, "pointer": i.pointer, "line": i.line} for i in items]
    write_json(doc, out)
