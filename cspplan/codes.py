"""Every code a user can see, in one registry.

A finding printed by any command carries a code: ``YAML`` or ``SCHEMA`` when a plan file
cannot be read as a plan, the id of a rule (``CDA-S5-RA-POLICE``, in
:mod:`cspplan.rules`), or the id of a Word accessibility check (``DOCX-TITLE``, in
:mod:`cspplan.render.accessibility`), or the id of a check on a crime-data aggregate
(``CRIME-MONTH``, in :mod:`cspplan.crimedata.codes`). Each family keeps its own declarations where the
check lives; this module turns them into one kind of :class:`Code`, so that
``cspplan explain``, ``cspplan rules`` and ``docs/rules.md`` reach every id the same way.

Lookups are lazy: asking for a ``DOCX-`` code never loads the rules, and asking for a rule
never loads lxml.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from cspplan.dates import long_date
from cspplan.findings import Severity

FAMILIES = {
    "file": "Reading the plan file",
    "rule": "The law and the quality of the plan",
    "docx": "Word documents (render and check-docx)",
    "crime": "police.uk crime data (the aggregate file)",
}
"""The families of codes, in the order the documentation lists them."""


@dataclass(frozen=True)
class Code:
    """What a code means: everything ``cspplan explain`` shows about it.

    ``severity`` is the most serious a finding with this code can be. ``facts`` are the
    family's own details as (label, value) rows ("In force", "Standard" ...).
    ``fails``/``passes`` are examples, in ``example_language`` (``yaml`` for plan
    fragments, ``text`` for a description of a document).
    """

    id: str
    family: str
    severity: Severity
    summary: str
    explanation: str
    name: str = ""
    fix: str | None = None
    citation: str | None = None
    url: str | None = None
    facts: tuple[tuple[str, str], ...] = ()
    fails: str = ""
    passes: str = ""
    example_language: str = "yaml"
    source: str = ""
    pending: bool = False
    detail: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def verified(self) -> bool:
        """Whether the law behind it has been confirmed against the text."""
        return "Verified" not in dict(self.facts)

    def tags(self) -> list[str]:
        """The family and, for rules, the groups (for --select and SARIF tags)."""
        groups = dict(self.facts).get("Groups")
        return [self.family, *(groups.split(", ") if groups else ())]

    def to_dict(self) -> dict:
        return {
            "id": self.id, "family": self.family, "name": self.name or None,
            "severity": self.severity.label, "summary": self.summary, "explanation": self.explanation,
            "fix": self.fix, "citation": self.citation, "url": self.url,
            "facts": {label: value for label, value in self.facts},
            "failing_example": self.fails, "passing_example": self.passes,
            "source": self.source, "status": "pending" if self.pending else "active",
            **({self.family: self.detail} if self.detail else {}),
        }


_FILE_CODES = (
    Code(
        id="YAML", family="file", severity=Severity.ERROR, name="yaml",
        summary="The file can be read: UTF-8, valid YAML, no duplicate fields, aliases, tags or control "
                "characters.",
        explanation="A plan is read before anything is checked. A file that is not UTF-8, is not valid "
                    "YAML, names a field twice, or uses YAML's aliases, tags or escaped control characters "
                    "does not say one clear thing, so it is not checked further until it is fixed: findings "
                    "about data the officer did not mean would mislead. Dates, yes/no and numbers with "
                    "leading zeros are kept as written.",
        fix="correct the file at the line shown; the message says what the reader expected there",
        fails="title: Safer Spelthorne\ntitle: Safer Spelthorne 2024-26   # the same field twice",
        passes="title: Safer Spelthorne 2024-26",
        facts=(("Severity", "error"),), source="cspplan/loader.py"),
    Code(
        id="SCHEMA", family="file", severity=Severity.ERROR, name="schema",
        summary="The plan follows the plan format (schemas/plan-v1.schema.json).",
        explanation="The plan format says which fields a plan has, which are required, and what each may "
                    "hold: closed lists of values, dates as YYYY-MM-DD, text within its length limit, no "
                    "unknown fields. A plan that does not follow it is not checked against the law, rendered "
                    "or compared, because the rules and the paper would be guessing. docs/plan-format.md "
                    "documents every field.",
        fix="correct the field named in the message; 'cspplan schema' prints the format",
        fails="status: Approved   # the values are lower case", passes="status: approved",
        facts=(("Severity", "error"),), source="schemas/plan-v1.schema.json"),
)


def _rule_dates(rule) -> str:
    if rule.pending:
        return "not yet in force (pending)"
    parts = []
    for jurisdiction in rule.jurisdictions:
        start, end = rule.start(jurisdiction), rule.end(jurisdiction)
        text = f"from {long_date(start)}" if start else "always"
        if end:
            text += f" until {long_date(end)}"
        parts.append((jurisdiction, text))
    if len({t for _, t in parts}) == 1:
        return parts[0][1]
    return "; ".join(f"{j.title()} {t}" for j, t in parts)


def _rule_severity(rule) -> str:
    label = rule.max_severity.label
    if not rule.verified and rule.max_severity != rule.severity:
        label += " (unverified; error once confirmed)"
    return label


def from_rule(rule) -> Code:
    """The registry's view of a rule (:class:`cspplan.rules.Rule`)."""
    facts = [("Severity", _rule_severity(rule)), ("In force", _rule_dates(rule)),
             ("Applies in", " and ".join(j.title() for j in rule.jurisdictions))]
    if rule.applies_unless:
        facts.append(("Except", "where " + rule.applies_unless[0].lower() + rule.applies_unless[1:]))
    if rule.by_jurisdiction:
        facts.append(("Skipped", "while the plan's area contradicts its jurisdiction (QUALITY-JURISDICTION)"))
    if not rule.verified:
        facts.append(("Verified", "no: the provision or its dates have not been confirmed against the text"))
    if rule.groups:
        facts.append(("Groups", ", ".join(rule.groups)))
    return Code(
        id=rule.id, family="rule", severity=rule.max_severity, summary=rule.summary,
        explanation=rule.explanation, name=rule.name, fix=rule.fix,
        citation=str(rule.citation) if rule.citation else None,
        url=rule.citation.url if rule.citation else None, facts=tuple(facts),
        fails=rule.failing, passes=rule.passing, source=f"cspplan/rules/{rule.module}.py",
        pending=rule.pending, detail=rule.to_dict())


def from_docx_check(check) -> Code:
    """The registry's view of a Word accessibility check (:mod:`cspplan.render.accessibility`)."""
    facts = [("Severity", check.severity.label)]
    if check.criterion:
        facts.append(("Standard", check.criterion))
    return Code(
        id=check.code, family="docx", severity=check.severity, summary=_sentence(check.summary),
        explanation=check.explanation, citation=check.criterion or None, url=check.url or None,
        facts=tuple(facts), fails=check.fails, passes=check.passes, example_language="text",
        source="cspplan/render/accessibility.py")


def from_crime_check(check) -> Code:
    """The registry's view of a crime-data aggregate check (:mod:`cspplan.crimedata.codes`)."""
    return Code(
        id=check.code, family="crime", severity=check.severity, summary=check.summary,
        explanation=check.explanation, fix=check.fix, facts=(("Severity", check.severity.label),),
        fails=check.fails, passes=check.passes, example_language=check.example_language,
        source="cspplan/crimedata/codes.py")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."


@functools.cache
def _rules() -> dict[str, Code]:
    from cspplan.rules import RULES

    return {rule_id: from_rule(rule) for rule_id, rule in RULES.items()}


@functools.cache
def _docx() -> dict[str, Code]:
    from cspplan.render.accessibility import CODES

    return {code: from_docx_check(check) for code, check in CODES.items()}


@functools.cache
def _crime() -> dict[str, Code]:
    from cspplan.crimedata.codes import CODES

    return {code: from_crime_check(check) for code, check in CODES.items()}


def get(code_id: str) -> Code | None:
    """The code with this id (any case), or a rule by its name; ``None`` if there is none."""
    wanted = code_id.strip().upper()
    for code in _FILE_CODES:
        if code.id == wanted:
            return code
    if wanted.startswith("DOCX-"):
        return _docx().get(wanted)
    if wanted.startswith("CRIME-"):
        return _crime().get(wanted)
    rules = _rules()
    if wanted in rules:
        return rules[wanted]
    by_name = code_id.strip().lower()
    return next((c for c in rules.values() if c.name == by_name), None)


def all_codes(*, pending: bool = True) -> list[Code]:
    """Every code, family by family in :data:`FAMILIES` order."""
    codes = [*_FILE_CODES, *_rules().values(), *_docx().values(), *_crime().values()]
    return [c for c in codes if pending or not c.pending]


def suggest(code_id: str) -> str | None:
    """The closest known id to a mistyped one, if any is close."""
    import difflib

    ids = [c.id for c in all_codes()]
    match = difflib.get_close_matches(code_id.strip().upper(), ids, n=1, cutoff=0.6)
    return match[0] if match else None
