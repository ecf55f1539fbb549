"""Waivers: a plan's recorded decision that a rule does not apply to one part of it.

A waiver names the rule, the part of the plan (a JSON pointer; none means the whole
plan), the reason, who approved it and when it expires. Findings it covers are still
reported, marked as waived, and do not fail validation. There is no suppression by
comment: waivers live in the plan, so they reach the committee paper.
"""

from __future__ import annotations

import dataclasses

from cspplan.findings import Finding, Severity, Waived
from cspplan.rules.base import Context, Hits, long_date, Plan, rule

WAIVERS = ("waivers",)


@rule(
    id="WAIVER-EXPIRED", name="waiver-expired", severity=Severity.ERROR, groups=WAIVERS,
    fix="renew the waiver with a new expiry date and approval, or fix the plan and remove it",
    failing="""
        waivers:
          - {rule: REG07-R10-PERIOD, reason: Two-year plan aligned with the county plan.,
             approved_by: "J. Smith, Monitoring Officer", expires: 2020-03-31}
    """,
    passing="""
        waivers:
          - {rule: REG07-R10-PERIOD, reason: Two-year plan aligned with the county plan.,
             approved_by: "J. Smith, Monitoring Officer", expires: 2099-03-31}
    """,
)
def expired(plan: Plan, ctx: Context) -> Hits:
    """A waiver has not passed its expiry date.

    Judged against today's date (or --today). An expired waiver no longer waives anything:
    the decision behind it needs to be taken again, or the plan put right.
    """
    for waiver in plan.waivers:
        if waiver.expires < ctx.today:
            yield ctx.report(waiver.ptr + "/expires", f"the waiver of {waiver.rule} expired on "
                             f"{long_date(waiver.expires)}", "renew it (new date and approval) or fix the plan")


@rule(
    id="WAIVER-UNUSED", name="waiver-unused", severity=Severity.WARNING, groups=WAIVERS, meta=True,
    fix="remove the waiver, or correct its rule id or pointer",
    failing="""
        waivers:
          - {rule: REG07-R10-PERIODS, reason: Two-year plan aligned with the county plan.,
             approved_by: "J. Smith, Monitoring Officer", expires: 2099-03-31}
    """,
    passing="""
        waivers: null   # no waivers
    """,
)
def unused(plan: Plan, ctx: Context) -> Hits:
    """Every waiver matches a finding.

    A waiver that matches nothing is either out of date (the plan was put right) or wrong
    (a mistyped rule id or pointer), and in both cases misleads the committee.
    """
    return iter(())  # reported by apply(), which sees the findings


def apply(plan, findings: list[Finding], today) -> tuple[list[Finding], list]:
    """Mark the findings that live waivers cover; return them and the live waivers left unused."""
    live = [w for w in plan.waivers if w.expires >= today]
    index: dict[tuple[str, str], object] = {}
    for w in live:
        index.setdefault((w.rule, w.pointer.rstrip("/") if w.pointer != "/" else w.pointer), w)
    used: set[int] = set()
    out = []
    for finding in findings:
        waiver = None
        if not finding.rule.startswith("WAIVER-"):
            waiver = _covering(index, finding.rule, finding.location.pointer)
        if waiver is not None:
            used.add(id(waiver))
            finding = dataclasses.replace(finding, waived=Waived(
                waiver.reason, waiver.approved_by, waiver.expires.isoformat(), waiver.ptr))
        out.append(finding)
    return out, [w for w in live if id(w) not in used]


def _covering(index: dict, rule: str, pointer: str):
    """The waiver of ``rule`` at ``pointer`` or at the nearest part of the plan containing it."""
    parts = pointer.split("/")
    for n in range(len(parts), 0, -1):
        waiver = index.get((rule, "/".join(parts[:n])))
        if waiver is not None:
            return waiver
    return None


def unused_hit(waiver, ctx, known: set[str]):
    """The WAIVER-UNUSED report for one waiver."""
    if waiver.rule not in known:
        import difflib

        close = difflib.get_close_matches(waiver.rule, sorted(known), n=1, cutoff=0.7)
        hint = f"did you mean '{close[0]}'?" if close else "see 'cspplan rules' for rule ids"
        return ctx.report(waiver.ptr + "/rule", f"the waiver names rule {waiver.rule}, which does not exist", hint)
    where = f" at {waiver.pointer}" if waiver.pointer else ""
    return ctx.report(waiver.ptr, f"the waiver of {waiver.rule}{where} matches no finding",
                      "remove it, or correct its rule or pointer")
