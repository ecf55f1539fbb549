"""Quality: what no Act requires in these words, but every committee notices. Placeholders
and empty sections, inconsistent statutory references, references to things that do not
exist, duplicate ids, dates out of order or far from the plan's period, and reviews that
are late."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import NamedTuple, Protocol

from cspplan.dates import working_days_before
from cspplan.findings import Severity
from cspplan.model import REACH_MONTHS, Period
from cspplan.rules.base import (CITY_OF_LONDON, Context, declared_next_review, Hits, implied_policing_body,
                                jurisdiction_conflicts, long_date, MAYORAL_POLICING, Plan, review_due, rule)
from cspplan.wording import BARE_URL, GENERIC_LINK_TEXT, link_allowed, link_scheme

QUALITY = ("quality",)

# Upper-case markers only ("Tbc" in a sentence is not a placeholder); case-sensitive
# alternatives with literal prefixes keep this fast over every string in the plan.
PLACEHOLDER = re.compile(
    r"\b(?:TODO|TBC|TBA|TBD|FIXME|XXX?)\b|\[\s*(?i:insert|delete|add|enter)\b|(?i:lorem ipsum)|\?\?\?")
PUNCTUATION_ONLY = re.compile(r"^[\s\W_]*$")
NOT_PROSE = frozenset(("unit", "pointer", "label", "id", "ons_code", "url", "email", "phone", "rule", "kind",
                       "version"))
# "None", "N/A", and "6.1 None" with the paragraph number typed in.
NOT_APPLICABLE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?\s+|\d{1,2}\.\s+)?(n/?a|none|nil|not applicable|-)\.?\s*$",
                            re.I)


class _WithId(Protocol):
    """A part of the plan with its own id (a member, a priority, an action ...)."""

    @property
    def id(self) -> str: ...

    @property
    def ptr(self) -> str: ...


@rule(
    id="QUALITY-JURISDICTION", name="jurisdiction-matches-area", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        area: {name: Wrexham, ons_code: W06000006, council_type: welsh_principal}
        jurisdiction: england
    """,
    passing="""
        area: {name: Wrexham, ons_code: W06000006, council_type: welsh_principal}
        jurisdiction: wales
    """,
)
def jurisdiction(plan: Plan, ctx: Context) -> Hits:
    """The plan's jurisdiction is the country its council is in.

    The jurisdiction decides which law the plan is checked against: England's and Wales's
    differ on the health member of the partnership, the publication of reports, exempt
    information and the strategy regulations. A district in a two-tier county, a
    metropolitan district and a London borough exist only in England, a Welsh county or
    county borough council only in Wales; an ONS code starting E06, E07, E08 or E09 is an
    English council's, W06 a Welsh one's (a unitary council with no code could be either).
    When the area says the jurisdiction is wrong, this is reported once, and the rules
    whose law differs between England and Wales report nothing until it is put right:
    checked against the wrong country's law, the plan would fail duties that are not its
    own and pass ones it has.
    """
    conflicts = jurisdiction_conflicts(plan)
    if conflicts:
        other = "wales" if plan.jurisdiction == "england" else "england"
        fields = " and ".join(f"area.{name}" for name, _ in conflicts)
        yield ctx.report("/jurisdiction", f"jurisdiction is {plan.jurisdiction}, but "
                         + " and ".join(what for _, what in conflicts),
                         f"set jurisdiction: {other}, or correct {fields}")


COUNCIL_TYPES_BY_CODE = {
    "E06": (("unitary",), "a unitary council's"),
    "E07": (("district",), "a non-metropolitan district's"),
    "E08": (("metropolitan",), "a metropolitan district's"),
    "E09": (("london_borough",), "a London borough's"),
    "W06": (("welsh_principal", "unitary"), "a Welsh principal council's"),
}
"""The council types an ONS code prefix allows (a Welsh principal council is also, in
common speech, a unitary council)."""


@rule(
    id="QUALITY-COUNCIL-TYPE", name="council-type-matches-code", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        area: {name: Spelthorne, ons_code: E07000213, council_type: unitary}
    """,
    passing="""
        area: {name: Spelthorne, ons_code: E07000213, council_type: district, county: Surrey}
    """,
)
def council_type(plan: Plan, ctx: Context) -> Hits:
    """The council type is the one the area's ONS code says.

    The council type decides which councils must be members of the partnership (a district
    in a two-tier county needs its county council too) and which other rules apply; the
    ONS code's first three characters say the same thing independently: E06 a unitary
    council, E07 a non-metropolitan district, E08 a metropolitan district, E09 a London
    borough (or the City of London), W06 a Welsh principal council. When they disagree, one
    of them is a typing slip, and the partnership's membership is checked against the
    wrong kind of council.
    """
    code = plan.area.ons_code
    if not code:
        return
    if code[:3] not in COUNCIL_TYPES_BY_CODE:
        return
    allowed, whose = COUNCIL_TYPES_BY_CODE[code[:3]]
    if plan.area.council_type not in allowed:
        yield ctx.report("/area/council_type", f"council_type is {plan.area.council_type}, but the area's ONS "
                         f"code {code} is {whose}", f"set council_type: {allowed[0]}, or correct area.ons_code")


@rule(
    id="QUALITY-POLICING-BODY", name="policing-body-matches-area", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        area: {name: City of London, ons_code: E09000001, council_type: london_borough,
               policing_body: police_and_crime_commissioner}
    """,
    passing="""
        area: {name: City of London, ons_code: E09000001, council_type: london_borough, policing_body: none}
    """,
)
def policing_body(plan: Plan, ctx: Context) -> Hits:
    """The declared local policing body is the one the area's ONS code says.

    Who holds the local policing body's role decides whether the plan must be sent to it
    (regulation 13A of the 2007 Regulations, which excepts the City of London) and whether
    there is a police and crime plan to have regard to (s6(1A)). The City of London
    (E09000001) has no elected local policing body; in the other London boroughs (E09) the
    Mayor's Office for Policing and Crime holds the role; in Greater Manchester (since May
    2017), West Yorkshire (since May 2021) and York and North Yorkshire (since May 2024)
    the mayor does. Elsewhere a police and crime commissioner (or a police, fire and crime
    commissioner) does, so a declaration of none or of the Mayor's Office outside London
    is a slip too. The check reads the ONS code, never the area's name.
    """
    declared, code = plan.area.policing_body, plan.area.ons_code
    if not declared or not code:
        return
    implied = implied_policing_body(code, plan.period.start)
    if implied is not None and implied != declared:
        if code == CITY_OF_LONDON:
            where = "the City of London's, which has no elected local policing body"
        elif code.startswith("E09"):
            where = "a London borough's, where the Mayor's Office for Policing and Crime holds the role"
        else:
            where = (f"in a mayoral area, where the mayor has held the commissioner's functions since "
                     f"{long_date(MAYORAL_POLICING[code])}")
        yield ctx.report("/area/policing_body", f"policing_body is {declared}, but the area's ONS code {code} is "
                         f"{where}", f"set policing_body: {implied}, or correct area.ons_code")
    elif implied is None and declared in ("none", "mayors_office_for_policing_and_crime"):
        why = ("only the City of London has no local policing body" if declared == "none"
               else "the Mayor's Office for Policing and Crime serves London only")
        yield ctx.report("/area/policing_body", f"policing_body is {declared}, but the area's ONS code {code} is "
                         f"outside London: {why}", "set the body that holds the role for the area, "
                         "or correct area.ons_code")


# What any placeholder contains: only texts with one of these are searched with the regex.
_PLACEHOLDER_HINTS = ("TODO", "TB", "FIXME", "XX", "[", "???", "orem", "OREM")
# What any match of PLACEHOLDER contains, as a pattern whose branches start with fixed text:
# re skips to those quickly, where PLACEHOLDER's leading \b makes it try every position. A
# Markdown link's '[' is a hint, so a long narrative with links is searched by this first.
_MAYBE_PLACEHOLDER = re.compile(r"TODO|TB[CAD]|FIXME|XX|\[\s*(?i:insert|delete|add|enter)\b|(?i:lorem ipsum)|\?\?\?")


@rule(
    id="QUALITY-PLACEHOLDER", name="placeholder-text", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        committee_report:
          sections:
            financial: ["[Insert financial comments here]"]
    """,
    passing="""
        committee_report:
          sections:
            financial: [There are no financial implications arising from this report.]
    """,
)
def placeholder(plan: Plan, ctx: Context) -> Hits:
    """No placeholder text is left in the plan (TODO, TBC, XX, [insert ...], lorem ipsum).

    Template guidance and placeholders that reach committee undermine the paper and are one
    of the first things democratic services send back.
    """
    for pointer, text in plan.strings_containing(*_PLACEHOLDER_HINTS):
        match = PLACEHOLDER.search(text) if _MAYBE_PLACEHOLDER.search(text) else None
        if match:
            yield ctx.report(pointer, f"placeholder text '{match.group(0)}' is left in",
                             "replace it with the real text")


# A paragraph number typed into the text ("7.1", "7.1.", "6.2"), which the report adds itself.
TYPED_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+\.?(?=\s|$)|\d{1,2}\.(?=\s|$)")
# "Procurement Comments: N/A": a label, and a word for nothing.
LABEL_AND_NOTHING = re.compile(r"([^:\n]{1,80}):\s*(n/?a|none|nil|not applicable|-)\.?", re.I)
_EMPTY_HINTS = {
    "punctuation": "write the paragraph, or remove it",
    "label": "write what the label introduces, or remove it",
    "label-and-nothing": "write what the label introduces (if there is nothing, say why in a sentence), or remove it",
    "number": "write the paragraph, or remove it; the report numbers its paragraphs itself",
    "stray": "remove the number and the stray punctuation; the report numbers its paragraphs itself",
}


def _empty(line: str, preamble: bool = False) -> tuple[str, str, bool] | None:
    """Whether one line of text (stripped) is empty in disguise: (kind, what it is, whether
    it starts with a typed paragraph number), or None."""
    if PUNCTUATION_ONLY.match(line):
        what = "only punctuation" if any(c.isascii() for c in line) else "only symbols, with no words"
        return "punctuation", f"{what} ({line!r})", False
    number = TYPED_NUMBER.match(line)
    rest = line[number.end():].strip() if number else line
    if number and PUNCTUATION_ONLY.match(rest):
        return "number", f"only a paragraph number ({line!r})", True
    if number and rest[:1] in ".," and rest[1:2].isspace():
        stray = f"{line[:number.end()]} {rest[:1]}"
        return "stray", f"an empty numbered paragraph ({stray!r}) run into the next", True
    if rest.endswith(":") and len(rest.split()) <= 4 and not preamble:
        return "label", f"only a label ({line!r}) with nothing after it", number is not None
    label = LABEL_AND_NOTHING.fullmatch(rest)
    if label and len(label.group(1).split()) <= 4:
        return "label-and-nothing", f"only a label and {label.group(2)!r} ({line!r})", number is not None
    return None


def _empty_lines(text: str) -> Iterator[tuple[int, tuple[str, str, bool]]]:
    """The numbered lines of a text of several lines that are empty, with their line number.

    A line that is only a number or a label introduces the next line when that line goes
    on with the same paragraph (Markdown joins them); it is empty when a blank line,
    another numbered line or the end of the text follows. A number with a stray full stop
    ("7.1 .") is an empty paragraph either way.
    """
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines):
        if not line[:1].isdigit() or not TYPED_NUMBER.match(line):
            continue
        found = _empty(line)
        if found is None:
            continue
        after = lines[i + 1] if i + 1 < len(lines) else ""
        goes_on = bool(after) and not (after[:1].isdigit() and TYPED_NUMBER.match(after))
        if goes_on and found[0] == "label":
            continue
        if goes_on and found[0] == "number":
            number = TYPED_NUMBER.match(line)
            if number is None or not line[number.end():].strip():
                continue  # "7.1" or "7.1." with its text on the next line: numbered, not empty
            found = ("stray", f"an empty numbered paragraph ({line!r}) run into the next", True)  # "7.1 ."
        yield i + 1, found


@rule(
    id="QUALITY-EMPTY-TEXT", name="empty-text", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        committee_report:
          sections:
            procurement: [There are no procurement implications., "6.2 Procurement Comments:"]
            legal: ["7.1 ."]
    """,
    passing="""
        committee_report:
          sections:
            procurement: [There are no procurement implications.]
            legal: [The plan meets the duty in sections 5 and 6 of the Crime and Disorder Act 1998.]
    """,
)
def empty_text(plan: Plan, ctx: Context) -> Hits:
    """No text is only punctuation, a paragraph number or a label ("7.1 .", "6.2 Procurement Comments:").

    A paragraph that is a full stop, a typed paragraph number ("7.1 .", "7.1."), or a
    heading with nothing after it ("Procurement Comments:", or "Procurement Comments:
    N/A"), is an empty section in disguise: the committee sees a numbered paragraph that
    says nothing. A number typed before a paragraph is not its content (the report numbers
    paragraphs itself), so "6.2 Procurement Comments:" is as empty as "Procurement
    Comments:", and "7.1 . Community Safety ..." starts with an empty paragraph run into
    the next. Each report paragraph is its own item in the plan, so the finding is at that
    paragraph's line; in a text of several lines, the message says which of its lines.
    """
    for pointer, text in plan.strings():
        # The common case first, in the fewest steps (a large plan has thousands of texts): one
        # line with no label (no ':'), starting with a letter or a digit (so with no space to
        # strip, and not only punctuation) but not with a typed paragraph number: a word, a
        # date, an amount. Such a text is not empty (see _empty).
        if ":" not in text and "\n" not in text and (
                text[:1].isalpha() or (text[:1].isalnum() and not TYPED_NUMBER.match(text))):
            continue
        if pointer.rsplit("/", 1)[-1] in NOT_PROSE:
            continue
        stripped = text.strip()
        if "\n" in stripped and not PUNCTUATION_ONLY.match(stripped):
            if any(line.lstrip()[:1].isdigit() for line in stripped.splitlines()):
                for n, (kind, what, _) in _empty_lines(stripped):
                    verb = "starts with" if kind == "stray" else "is"
                    yield ctx.report(pointer, f"line {n} of the text {verb} {what}", _EMPTY_HINTS[kind])
            continue
        if stripped[:1].isalpha() and ":" not in stripped:
            continue  # the common case, decided without a regular expression
        found = _empty(stripped, pointer.endswith("recommendations_preamble"))
        if found is not None:
            kind, what, numbered = found
            verb = "starts with" if kind == "stray" else "is"
            hint = _EMPTY_HINTS["number"] if numbered and kind != "stray" else _EMPTY_HINTS[kind]
            yield ctx.report(pointer, f"the text {verb} {what}", hint)


@rule(
    id="QUALITY-NOT-APPLICABLE", name="say-why-none", severity=Severity.INFO, groups=QUALITY,
    failing="""
        committee_report:
          sections:
            financial: [None]
    """,
    passing="""
        committee_report:
          sections:
            financial: [There are no financial implications arising from this report.]
    """,
)
def not_applicable(plan: Plan, ctx: Context) -> Hits:
    """A report section says why there is nothing to report, not just "None" or "N/A".

    "None arising" is an acceptable answer, but a sentence that says what was considered
    ("There are no financial implications arising from this report") reads better and
    shows the question was asked. A paragraph number typed before it ("6.1 None") adds
    nothing.
    """
    report = plan.report
    if report is None:
        return
    for section in report.sections:
        for i, text in enumerate(section.paragraphs):
            if NOT_APPLICABLE.match(text):
                yield ctx.report(f"/committee_report/sections/{section.name}/{i}",
                                 f"section '{section.name}' says only {text.strip()!r}",
                                 "say in a sentence why there is nothing to report")


# "section 5", "sections 5 and 6", "s.5", "s5", "s 5", "ss 5-6"; not "section 5(1)(f)", which
# cites a particular limb, nor "section 5 of this report".
SECTION_REF = re.compile(
    r"(?<![\w'’])(?:sections?|ss?)\s*\.?\s*(\d+[A-Z]?)"
    r"(?!\s*\(|\d|\s+of\s+th(?:is|e)\s+(?:report|plan|paper)\b|\s+(?:above|below)\b)"
    r"(\s*(?:,|and|&|to|-|–)\s*(?:(?:sections?|ss?)\s*\.?\s*)?\d+[A-Z]?)*", re.I)
CDA_NEAR = re.compile(r"crime\s*(?:and|&)\s*disorder\s+act|\bCDA\b", re.I)
# A sentence ends at a full stop or semicolon, but not at the one in "s. 5" or "ss. 5".
SENTENCE_END = re.compile(r"(?<=[.;])(?<!\bs\.)(?<!\bss\.)\s+", re.I)
# Where a clause ends, around a citation: punctuation, or a word that starts a new clause.
CLAUSE_END = re.compile(r"[,;:()]|\b(?:and|which|who|whom|while|whereas|but|so|where)\b", re.I)


class _Statement(NamedTuple):
    """A statement a citation of section 5 or 6 makes, and the words that show it."""

    key: str
    words: re.Pattern[str] | None
    subject: str
    fix: str


# What a clause citing the Act says: which strategies there must be (s6), who the
# responsible authorities are (s5), or, failing either, the basis of the partnership and
# its plan (both sections).
STATEMENTS = (
    _Statement("strategies", re.compile(r"strateg|formulat|implement", re.I),
               "the duty to formulate and implement the strategies",
               "section 6 of the Crime and Disorder Act 1998 requires the strategies: cite it in both places"),
    _Statement("authorities", re.compile(r"responsible\s+authorit|\bauthorities\b|\bmembership\b|\bmake\s+up\b",
                                         re.I),
               "the list of responsible authorities",
               "section 5 of the Crime and Disorder Act 1998 names the responsible authorities: cite it in both "
               "places"),
)
BASIS = _Statement("basis", None, "the partnership's statutory basis",
                   "cite 'sections 5 and 6 of the Crime and Disorder Act 1998' in both places")


def _statement(sentence: str, start: int, end: int) -> _Statement:
    """The statement made by the citation at ``start:end`` of ``sentence``, read from its clause."""
    before = [m.end() for m in CLAUSE_END.finditer(sentence, 0, start)]
    after = CLAUSE_END.search(sentence, end)
    clause = sentence[before[-1] if before else 0:after.start() if after else len(sentence)]
    return next((s for s in STATEMENTS if s.words is not None and s.words.search(clause)), BASIS)


@rule(
    id="QUALITY-STATUTORY-REFS", name="consistent-statutory-basis", severity=Severity.WARNING,
    groups=QUALITY,
    failing="""
        committee_report:
          summary_box:
            why: [A requirement of the Crime and Disorder Act 1998 under Section 5]
          sections:
            legal: [Community Safety Partnerships were introduced by Section 6 of the Crime and Disorder Act 1998.]
    """,
    passing="""
        committee_report:
          summary_box:
            why: [The responsible authorities in section 5 of the Crime and Disorder Act 1998 make up the partnership]
          sections:
            legal: [Section 6 of the Crime and Disorder Act 1998 requires them to formulate and implement strategies.]
    """,
)
def statutory_refs(plan: Plan, ctx: Context) -> Hits:
    """The same statement about the Crime and Disorder Act cites the same section throughout.

    Section 5 of the Crime and Disorder Act 1998 says who the responsible authorities are;
    section 6 requires them to formulate and implement the strategies. Citing section 5
    for the responsible authorities and section 6 for the strategies is right. But a paper
    that gives "Section 5" as the statutory basis of the partnership and its plan in one
    place and "Section 6" in another (as real papers have), or cites both sections, each
    alone, for the strategies or for the responsible authorities, leaves members unsure
    which is meant. What a citation is for is read from its clause: the strategies, the
    responsible authorities, or otherwise the basis of the partnership, which is sections
    5 and 6 together. "s.5", "s5" and "s 5" are citations too; "sections 5 and 6" cited
    together, and a particular subsection such as "section 5(1)(f)", are not compared.
    """
    lone: dict[str, dict[str, tuple[str, str]]] = {}  # statement -> section -> first (pointer, citation)
    for pointer, text in plan.strings_containing("isorder", "CDA"):
        if not CDA_NEAR.search(text):
            continue
        for sentence in SENTENCE_END.split(text):
            if not CDA_NEAR.search(sentence):
                continue
            sentence = CDA_NEAR.sub("CDA", sentence)  # the "and" in the Act's name ends no clause
            for match in SECTION_REF.finditer(sentence):
                if match.group(2) is None and match.group(1) in ("5", "6"):
                    statement = _statement(sentence, match.start(), match.end())
                    lone.setdefault(statement.key, {}).setdefault(match.group(1), (pointer, match.group(0).strip()))
    for statement in (*STATEMENTS, BASIS):
        cited = lone.get(statement.key, {})
        if "5" in cited and "6" in cited:
            first, second = cited.values()  # in the order they appear in the plan
            where = "earlier in this text" if first[0] == second[0] else f"elsewhere ({first[0]})"
            yield ctx.report(second[0], f"{statement.subject} is cited as '{second[1]}' here but as "
                             f"'{first[1]}' {where}", statement.fix)


# Not an image ("![...]"): the look-behind follows the '[' so that the pattern starts with fixed
# text, which re skips to quickly (the same matches, several times faster over long text).
LINK = re.compile(r"\[(?<!!\[)([^\[\]]{0,500})\]\(([^)\s]{0,2000})[^)]{0,2000}\)|<(https?://[^>\s]{1,2000})>", re.I)
REFERENCE_LINK = re.compile(r"(?<![!\]])\[([^\[\]]{1,500})\](?:\[([^\[\]]{0,500})\])?(?![(:\[])")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\[\]]{1,500})\]:", re.M)
EMPHASIS = re.compile(r"[*_`~]+")


def _says_nothing(shown: str) -> bool:
    """Whether link text (emphasis and trailing punctuation aside) does not say where it goes."""
    words = EMPHASIS.sub("", shown).strip(" .,;:!?\u2026")
    return not words or words.lower() in GENERIC_LINK_TEXT or BARE_URL.match(words) is not None


def _link_texts(text: str) -> Iterator[str]:
    """The text of every link written in Markdown: inline, autolink and reference links."""
    for match in LINK.finditer(text):
        yield match.group(1) if match.group(3) is None else match.group(3)
    if "]:" not in text:  # no reference definition, so no reference link
        return
    labels = {m.group(1).strip().lower() for m in REFERENCE_DEFINITION.finditer(text)}
    if labels:
        for match in REFERENCE_LINK.finditer(text):
            label = match.group(2) or match.group(1)
            if label.strip().lower() in labels:
                yield match.group(1)


@rule(
    id="QUALITY-LINK-TEXT", name="link-text-says-where", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        context: "See the [click here](https://example.gov.uk/strategic-assessment) for the data."
    """,
    passing="""
        context: "See the [2025 strategic assessment](https://example.gov.uk/strategic-assessment) for the data."
    """,
)
def link_text(plan: Plan, ctx: Context) -> Hits:
    """Links say where they go: not "click here", "read more" or a bare web address.

    People using screen readers move from link to link, hearing only the link text, so it
    must make sense on its own (WCAG 2.4.4). The committee paper is published on the
    council's website and must meet the accessibility regulations; cspplan will not render
    a paper with such a link. Inline links, reference links ([text][1] with [1]: a
    definition), web addresses in angle brackets and the title of a piece of evidence
    that has a web address (the paper makes the title the link) are all link text.
    """
    for pointer, text in plan.strings_containing("](", "<", "]:"):
        for shown in _link_texts(text):
            if _says_nothing(shown):
                yield ctx.report(pointer, f"the link text {shown!r} does not say where the link goes",
                                 "write link text that names the page: [2025 strategic assessment](https://...)")
    for evidence in plan.evidence:
        if evidence.url and _says_nothing(evidence.title):
            yield ctx.report(evidence.ptr + "/title", f"the title {evidence.title!r} is the text of the link "
                             "to the evidence, and does not say where it goes", "give the document's own title")


LINK_TARGETS = re.compile(  # (the look-behind follows the '[', as in LINK, for speed)
    r"\[(?<!!\[)[^\[\]]{0,500}\]\(\s*<?([^)\s>]{0,2000})"    # [text](target), not an image
    r"|<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]{0,2000})>"       # <scheme:target>
    r"|^\s{0,3}\[[^\[\]]{1,500}\]:\s*<?(\S{1,2000}?)>?(?:\s|$)",  # [label]: target
    re.M)


ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
SETEXT_HEADING = re.compile(r"^ {0,3}(\S[^\n]*)\n {0,3}(?:=+|-+)[ \t]*$", re.M)
UNDERLINE = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*$", re.M)  # what every SETEXT_HEADING match ends with
HEADING_MOST = 150


def _visible(markdown_text: str) -> str:
    """Heading text as the paper shows it: links by their text, emphasis marks gone."""
    text = LINK.sub(lambda m: m.group(1) if m.group(3) is None else m.group(3), markdown_text)
    return " ".join(EMPHASIS.sub("", text).split())


@rule(
    id="QUALITY-HEADING-LENGTH", name="headings-short", severity=Severity.ERROR, groups=QUALITY,
    failing=f"""
        context: |
          ### {"The partnership's work with the county on serious violence, domestic abuse, " * 3}
          Text.
    """,
    passing="""
        context: |
          ### Serious violence and domestic abuse across the county
          Text.
    """,
)
def heading_length(plan: Plan, ctx: Context) -> Hits:
    """Headings written in the plan's text are at most 150 characters long.

    A heading is what a screen reader lists and what the contents shows; a paragraph set
    as a heading (a '#' line, or a line underlined with '=' or '-') helps no one find
    their way (WCAG 2.4.6). The paper is checked before it is written, and cspplan will not
    write one with a heading over 150 characters, so this finds it first, at its line.
    """
    for pointer, text in plan.strings_containing("#", "\n=", "\n-"):
        # A setext heading's underline is needed before its (slower) pattern is worth trying.
        patterns = (ATX_HEADING, SETEXT_HEADING) if UNDERLINE.search(text) else (ATX_HEADING,)
        for pattern in patterns:
            for match in pattern.finditer(text):
                shown = _visible(match.group(1))
                if len(shown) > HEADING_MOST:
                    yield ctx.report(pointer, f"the heading '{shown[:60]}...' is {len(shown)} characters long; "
                                     f"headings are at most {HEADING_MOST}",
                                     "shorten the heading, or make it a paragraph")


@rule(
    id="QUALITY-LINK-SCHEME", name="links-are-web-or-email", severity=Severity.ERROR, groups=QUALITY,
    fix="link to the document's address on the council's website (https://...), or write it as text",
    failing="""
        context: "The minutes are on [the shared drive](smb://council-fs01/csp/minutes)."
    """,
    passing="""
        context: "The minutes are on [the council's website](https://example.gov.uk/csp/minutes)."
    """,
)
def links_are_web_or_email(plan: Plan, ctx: Context) -> Hits:
    """Links in the plan go to a web page (https:, http:) or an email address (mailto:).

    The committee paper is published. A link to a file share (smb:, \\\\server\\share), a
    path on someone's computer (/..., C:/..., ../..), or an address that starts a program
    (ms-word:, ms-msdt:, search-ms:, javascript:) does not work for the public and can be
    used to attack readers who click it, whatever its text says. cspplan never makes such a
    link clickable in the paper; this rule says where it is, so it can be put right.
    """
    for pointer, text in plan.strings_containing("](", "<", "]:"):
        for match in LINK_TARGETS.finditer(text):
            target = next(g for g in match.groups() if g is not None)
            if target and not link_allowed(target):
                scheme = link_scheme(target)
                kind = f"uses {scheme}:" if scheme else "is a path on a computer"
                yield ctx.report(pointer, f"the link to '{target[:80]}' {kind}, not a web or email address; a "
                                 "published paper may only link to https:, http: or mailto: addresses")


# --- references and ids ------------------------------------------------------------------

@rule(
    id="QUALITY-REF-MEMBER", name="member-exists", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: polise}
    """,
    passing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: police}
    """,
)
def member_refs(plan: Plan, ctx: Context) -> Hits:
    """Every lead, owner and group member refers to a partnership member that exists.

    Priorities name their lead, actions their owner and governance groups their members by
    member id. A mistyped or removed id leaves an action with nobody responsible for it.
    """
    ids = {m.id for m in plan.members}
    groups = {g.id for g in plan.governance}
    hint = "use one of the ids in partnership.members"

    def check(pointer, value, what):
        if value not in ids:
            return ctx.report(pointer, f"{what} '{value}' is not a partnership member", _close(value, ids) or hint)
        return None

    refs = []
    for priority in plan.priorities:
        refs.append((priority.ptr + "/lead", priority.lead, "lead"))
        refs.extend((a.ptr + "/owner", a.owner, "owner") for a in priority.actions)
    for group in plan.governance:
        refs.extend((f"{group.ptr}/members/{i}", m, "group member") for i, m in enumerate(group.members))
        if group.reports_to and group.reports_to not in groups:
            yield ctx.report(group.ptr + "/reports_to", f"group '{group.reports_to}' does not exist",
                             _close(group.reports_to, groups) or "use the id of another governance group")
    if plan.police_plan and plan.police_plan.issued_by:
        refs.append(("/police_and_crime_plan/issued_by", plan.police_plan.issued_by, "issuer"))
    for pointer, value, what in refs:
        hit = check(pointer, value, what)
        if hit:
            yield hit


@rule(
    id="QUALITY-REF-EVIDENCE", name="evidence-exists", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             rationale: {summary: Town centre crime rose 12%., evidence: [sa-2023]}}
    """,
    passing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             rationale: {summary: Town centre crime rose 12%., evidence: [sa]}}
    """,
)
def evidence_refs(plan: Plan, ctx: Context) -> Hits:
    """Every piece of evidence a priority or the engagement section cites exists.

    A priority's rationale cites evidence by id. A citation of evidence that is not in the
    plan cannot be followed by members or scrutiny.
    """
    ids = {e.id for e in plan.evidence}
    for priority in plan.priorities:
        for i, ref in enumerate(priority.evidence):
            if ref not in ids:
                yield ctx.report(f"{priority.ptr}/rationale/evidence/{i}", f"evidence '{ref}' is not in the plan",
                                 _close(ref, ids) or "add it to evidence, or use an id from there")
    engagement = plan.community_engagement
    consultations = {e.id for e in plan.evidence_of_kind("consultation")}
    for i, ref in enumerate(engagement.consultations if engagement else ()):
        if ref not in ids:
            yield ctx.report(f"/community_engagement/consultations/{i}", f"evidence '{ref}' is not in the plan",
                             _close(ref, consultations) or "add the consultation to evidence with kind: consultation")
        elif ref not in consultations:
            yield ctx.report(f"/community_engagement/consultations/{i}",
                             f"evidence '{ref}' is listed as a consultation but is not of kind consultation",
                             "set its kind: consultation, or remove it from this list")


@rule(
    id="QUALITY-REF-OBJECTIVE", name="objective-exists", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             police_and_crime_objectives: [pcp-9]}
    """,
    passing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council,
             police_and_crime_objectives: [pcp-1]}
    """,
)
def objective_refs(plan: Plan, ctx: Context) -> Hits:
    """Every police and crime objective a priority supports is in the police and crime plan.

    Priorities say which police and crime objectives they support by id; each id must be
    one of the objectives listed under police_and_crime_plan.
    """
    ids = {o.id for o in plan.police_plan.objectives} if plan.police_plan else set()
    for priority in plan.priorities:
        for i, ref in enumerate(priority.objectives):
            if ref not in ids:
                yield ctx.report(f"{priority.ptr}/police_and_crime_objectives/{i}",
                                 f"police and crime objective '{ref}' is not in the police and crime plan",
                                 _close(ref, ids) or "list it under police_and_crime_plan.objectives")


@rule(
    id="QUALITY-DUPLICATE-ID", name="unique-ids", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council}
          - {id: p1, title: Drugs, narrative: Tackle drug misuse., lead: council}
    """,
    passing="""
        priorities:
          - {id: p1, title: Safer streets, narrative: Reduce crime., lead: council}
          - {id: p2, title: Drugs, narrative: Tackle drug misuse., lead: council}
    """,
)
def unique_ids(plan: Plan, ctx: Context) -> Hits:
    """Ids are unique: among members, groups, evidence, objectives, priorities, actions and measures.

    Ids are how the plan refers to its own parts and how one version is compared with the
    next. Two items with the same id make both ambiguous.
    """
    lists: list[tuple[str, Sequence[_WithId]]] = [
        ("member", plan.members), ("governance group", plan.governance), ("evidence", plan.evidence),
        ("police and crime objective", plan.police_plan.objectives if plan.police_plan else ()),
        ("priority", plan.priorities),
        ("action", [a for _, a in plan.actions()]), ("measure", [m for _, m in plan.measures()]),
    ]
    for what, items in lists:
        seen: dict[str, str] = {}
        for item in items:
            if item.id in seen:
                yield ctx.report(item.ptr + "/id", f"{what} id '{item.id}' is used twice (first at {seen[item.id]})",
                                 "give each one its own id")
            else:
                seen[item.id] = item.ptr


# --- dates ----------------------------------------------------------------------------------

@rule(
    id="QUALITY-DATE-ORDER", name="dates-in-order", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        period: {start: 2028-03-31, end: 2025-04-01}
    """,
    passing="""
        period: {start: 2025-04-01, end: 2028-03-31}
    """,
)
def date_order(plan: Plan, ctx: Context) -> Hits:
    """Every period starts before it ends, and the version history runs oldest first.

    A period that ends before it starts is a typing slip that would make every date check
    on the plan meaningless.
    """
    periods = [plan.period] + [e.period for e in plan.evidence if e.period]
    if plan.police_plan and plan.police_plan.period:
        periods.append(plan.police_plan.period)
    for period in periods:
        if period.end < period.start:
            yield ctx.report(period.ptr, f"the period ends ({long_date(period.end)}) before it starts "
                             f"({long_date(period.start)})", "swap the dates, or correct the one mistyped")
    for before, after in pairwise(plan.versions):
        if after.date < before.date:
            yield ctx.report(after.ptr + "/date", f"version {after.version} is dated before version "
                             f"{before.version}", "list versions oldest first, with their real dates")


def _own_dates(plan: Plan) -> list[tuple[str, str, dt.date]]:
    """The dates of the plan's own making, with where they are and what an officer calls them."""
    report, publication = plan.report, plan.publication
    dates: list[tuple[str, str, dt.date | None]] = [
        ("/approval/date", "the approval date", plan.approval_date),
        ("/committee_report/meeting_date", "the committee meeting date", report.meeting_date if report else None),
        ("/committee_report/published_on", "the date the report was published",
         report.published_on if report else None),
        ("/committee_report/forward_plan_notice_on", "the date of the forward plan notice",
         report.forward_plan_notice_on if report else None),
        ("/review/last_reviewed", "the date of the last review", plan.review.last_reviewed),
        ("/review/next_review_due", "the date the next review is due", plan.review.next_review_due)]
    for i, version in enumerate(plan.versions, 1):
        dates.append((version.ptr + "/date", f"the date in row {i} of the version history", version.date))
        dates.append((version.ptr + "/next_review_due", f"the next review date in row {i} of the version history",
                      version.next_review_due))
    if publication:
        dates += [("/publication/summary_published_on", "the date the plan was published",
                   publication.summary_published_on),
                  ("/publication/sent_to_commissioner_on", "the date the plan was sent to the commissioner",
                   publication.sent_to_commissioner_on)]
    return [(pointer, what, day) for pointer, what, day in dates if day]


def likely_typo(day: dt.date, period: Period) -> dt.date | None:
    """The date meant, when one slip in the year of ``day`` explains it: two digits
    swapped, one digit wrong, or one dropped (so that the year was padded with a zero: 0204
    for 2024). The slip must give exactly one date inside the period, or, when none is
    inside, exactly one within its reach; otherwise there is no telling which was meant."""
    year = f"{day.year:04d}"
    years = {year[:i] + year[i + 1] + year[i] + year[i + 2:] for i in range(3)}
    years |= {year[:i] + digit + year[i + 1:] for i in range(4) for digit in "0123456789"}
    if year.startswith("0"):
        short = year[1:]
        years |= {short[:i] + digit + short[i:] for i in range(4) for digit in "0123456789"}
    meant = []
    for candidate in sorted(years - {year}):
        try:
            typed = day.replace(year=int(candidate))
        except ValueError:  # year 0, or 29 February in a year without it
            continue
        if period.within_reach(typed):
            meant.append(typed)
    inside = [d for d in meant if period.contains(d)]
    if len(inside) == 1 or (not inside and len(meant) == 1):
        return (inside or meant)[0]
    return None


@rule(
    id="QUALITY-DATE-RANGE", name="dates-near-plan-period", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        period: {start: 2025-04-01, end: 2028-03-31}
        approval: {date: 0205-06-01, approved_by: Full Council}
    """,
    passing="""
        period: {start: 2025-04-01, end: 2028-03-31}
        approval: {date: 2025-06-01, approved_by: Full Council}
    """,
)
def date_range(plan: Plan, ctx: Context) -> Hits:
    """The plan's own dates fall near its period: approval, committee, publication and reviews.

    A plan is approved and taken to committee weeks or months before its period starts,
    published soon after, and reviewed during it. A date more than two years before the
    period starts or after it ends is a typing slip, such as 0204 for 2024. A slip in the
    approval date would judge the plan by the law of another time, as at 0204, long before
    any of the duties a plan answers to. Such a date is an error, and the plan is judged
    by the law as at the start of its period instead.
    """
    first, last = plan.period.reach
    years = {1: "a year", 2: "two years", 3: "three years"}.get(REACH_MONTHS // 12, f"{REACH_MONTHS} months")
    span = f"the plan period ({long_date(plan.period.start)} to {long_date(plan.period.end)})"
    decisive = "/approval/date" if plan.approval else "/committee_report/meeting_date"
    for pointer, what, day in _own_dates(plan):
        if first <= day <= last:
            continue
        side = "before" if day < first else "after"
        message = f"{what}, {day.isoformat()}, is more than {years} {side} {span}"
        if pointer == decisive and ctx.as_of == plan.period.start:
            message += f"; the plan is judged by the law as at the start of the period, {long_date(ctx.as_of)}"
        meant = likely_typo(day, plan.period)
        yield ctx.report(pointer, message, f"did you mean {meant.isoformat()}?" if meant else "check the year")


@rule(
    id="QUALITY-ACTION-DUE", name="actions-due-within-plan", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        period: {start: 2025-04-01, end: 2028-03-31}
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            actions:
              - {id: a1, description: Review CCTV coverage., owner: council, due: 2029-03-31, status: not_started}
    """,
    passing="""
        period: {start: 2025-04-01, end: 2028-03-31}
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            actions:
              - {id: a1, description: Review CCTV coverage., owner: council, due: 2026-03-31, status: not_started}
    """,
)
def action_due(plan: Plan, ctx: Context) -> Hits:
    """Actions fall due within the plan period.

    An action due after the plan ends will never be reviewed under this plan; one due long
    before it starts is probably carried over by mistake.
    """
    for _, action in plan.actions():
        if action.due > plan.period.end:
            yield ctx.report(action.ptr + "/due", f"action '{action.id}' is due {long_date(action.due)}, "
                             f"after the plan ends on {long_date(plan.period.end)}",
                             "bring the date within the plan, or carry the action into the next plan")


@rule(
    id="QUALITY-MEASURE-DATA", name="measure-data-counts", severity=Severity.ERROR, groups=QUALITY,
    failing="""
        crime_data: null
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            measures:
              - id: m1
                indicator: Shoplifting and anti-social behaviour recorded by police.uk
                target: {direction: decrease}
                data_source: police.uk
                crime_data: {crime_types: [Shoplifting, Anti-social behaviour]}
    """,
    passing="""
        crime_data: {aggregate: example-crime.csv}
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            measures:
              - id: m1
                indicator: Shoplifting recorded by police.uk
                target: {direction: decrease}
                data_source: police.uk
                crime_data: {crime_types: [Shoplifting]}
    """,
)
def measure_data(plan: Plan, ctx: Context) -> Hits:
    """A measure counted from the crime data can be counted, and counts one kind of thing.

    A measure that names its crime data (measures[].crime_data) takes its figures from
    the plan's police.uk aggregate, so the plan must name one (crime_data); its figures
    are worked out, so none may be typed beside them (a typed baseline or latest would
    say one thing and the paper another); and anti-social behaviour, which police.uk
    records as incidents rather than crimes, is never added to crimes.
    """
    from cspplan.vocabulary import POLICE_UK_CRIME_TYPES

    asb = next(iter(POLICE_UK_CRIME_TYPES))
    for _, measure in plan.measures():
        data = measure.crime_data
        if data is None:
            continue
        if plan.crime_data is None:
            yield ctx.report(data.ptr, f"measure '{measure.id}' counts from the crime data, but the plan names "
                             "no crime_data", "add crime_data: with the aggregate written by 'cspplan aggregate'")
        typed = [name for name in ("baseline", "latest") if getattr(measure, name) is not None]
        if typed:
            yield ctx.report(f"{measure.ptr}/{typed[0]}", f"measure '{measure.id}' counts from the crime data, "
                             f"so its {' and '.join(typed)} cannot also be typed", f"remove {' and '.join(typed)}")
        if asb in data.crime_types and len(data.crime_types) > 1:
            yield ctx.report(f"{data.ptr}/crime_types", f"measure '{measure.id}' adds anti-social behaviour "
                             "incidents to crimes", "count anti-social behaviour in a measure of its own")


@rule(
    id="QUALITY-MEASURE-PERIODS", name="measures-like-for-like", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            measures:
              - id: m1
                indicator: Violence with injury offences
                baseline: {value: 584, period: "2023/24"}
                latest: {value: 139, period: April to June 2024}
                target: {direction: decrease}
                data_source: Police recorded crime
    """,
    passing="""
        priorities:
          - id: p1
            title: Safer streets
            narrative: Reduce crime.
            lead: council
            measures:
              - id: m1
                indicator: Violence with injury offences
                baseline: {value: 584, period: "2023/24"}
                latest: {value: 561, period: "2024/25"}
                target: {direction: decrease}
                data_source: Police recorded crime
    """,
)
def measure_periods(plan: Plan, ctx: Context) -> Hits:
    """A measure's baseline and latest figures cover periods of the same length.

    The papers show a trend only between like periods (a year with a year, a quarter with
    the same quarter a year earlier); a quarter against a year would read as a fall of
    three quarters. A period whose length cannot be read, or dates given only in part, is
    reported too, so the officer can write it in a form cspplan knows or give its dates.
    """
    from cspplan.measures import like_for_like

    for _, measure in plan.measures():
        for observation in (measure.baseline, measure.latest):
            if observation is not None and (observation.start is None) != (observation.end is None):
                given = "start" if observation.start else "end"
                yield ctx.report(f"{observation.ptr}/{given}", f"measure '{measure.id}' gives the {given} of the "
                                 f"period {observation.period} but not the other end",
                                 "give both start and end, or neither")
        if measure.baseline is None or measure.latest is None:
            continue
        reason = like_for_like(measure.baseline, measure.latest)
        if reason is not None:
            yield ctx.report(measure.latest.ptr + "/period", f"measure '{measure.id}' cannot be compared like "
                             f"for like: {reason}",
                             "give a latest figure for a period as long as the baseline's (or the same months a "
                             "year earlier as the baseline), or give the periods' start and end dates")


@rule(
    id="QUALITY-VERSION", name="version-matches-history", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        version: "1.1"
        version_history:
          - {version: "1.0", date: 2025-06-01, summary: Approved by Council.}
    """,
    passing="""
        version: "1.1"
        version_history:
          - {version: "1.0", date: 2025-06-01, summary: Approved by Council.}
          - {version: "1.1", date: 2025-12-01, summary: Six-monthly review.}
    """,
)
def version_matches(plan: Plan, ctx: Context) -> Hits:
    """The plan's version is the latest row of its version history.

    The version table is what members use to see which version they are reading and what
    changed. It should end with this version.
    """
    if plan.versions and plan.versions[-1].version != plan.version:
        yield ctx.report("/version", f"the plan is version {plan.version}, but the version history ends "
                         f"at {plan.versions[-1].version}", "add a row for this version to version_history")


@rule(
    id="QUALITY-NEXT-REVIEW", name="next-review-on-time", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        review: {frequency_months: 6, last_reviewed: 2025-06-01, next_review_due: 2026-06-01}
    """,
    passing="""
        review: {frequency_months: 6, last_reviewed: 2025-06-01, next_review_due: 2025-12-01}
    """,
)
def next_review(plan: Plan, ctx: Context) -> Hits:
    """The next review is set no later than the review frequency allows.

    A plan reviewed every six months whose next review is set a year away has quietly
    dropped a review. The next review is due the review frequency after the last review
    (else the approval, else the latest version). Councils set reviews by the month, so a
    date up to the end of that month is accepted (a review every six months from 24
    September 2024 may be set for 31 March 2025); a later date set in the plan does not
    put it off, and QUALITY-REVIEW-OVERDUE and ``cspplan review`` judge the review by the
    frequency's date, not the later one.
    """
    due = review_due(plan)
    if due is None or due.declared is None or due.basis is None or due.by_cycle is None \
            or due.latest_allowed is None or due.declared <= due.latest_allowed:
        return
    months = plan.review_frequency_months
    every = "every month" if months == 1 else f"every {months} months"
    _, pointer = declared_next_review(plan)
    yield ctx.report(pointer, f"the next review is set for {long_date(due.declared)}, but a review {every} "
                     f"from {long_date(due.basis)} is due in {due.by_cycle:%B %Y}, "
                     "and the later date does not put it off",
                     f"set the next review for {long_date(due.latest_allowed)} or earlier, or change "
                     "review.frequency_months")


@rule(
    id="QUALITY-REVIEW-OVERDUE", name="review-overdue", severity=Severity.WARNING, groups=QUALITY,
    fix="review the plan, record the new version, and set the next review date",
    failing="""
        status: approved
        review: {frequency_months: 12, next_review_due: 2020-03-31}
    """,
    passing="""
        status: approved
        review: {frequency_months: 12, next_review_due: 2099-03-31}
    """,
)
def review_overdue(plan: Plan, ctx: Context) -> Hits:
    """An approved plan's next review is not overdue today.

    Judged against today's date (or --today), not the plan's date: a plan that was on time
    when approved can fall behind. The review is due the review frequency after the last
    review (else the approval, else the latest version), or on the date the plan sets if
    that is earlier; ``cspplan review`` gives the same date. The Spelthorne plan, for
    example, is reviewed every six months.
    """
    if plan.status != "approved":
        return
    due = review_due(plan)
    if due is None or due.date >= ctx.today:
        return
    if due.from_cycle and due.basis is not None:
        months = plan.review_frequency_months
        after = "a month" if months == 1 else f"{months} months"
        what = f"the review due {long_date(due.date)}, {after} after {long_date(due.basis)},"
    else:
        what = f"the review due {long_date(due.date)}"
    yield ctx.report(due.pointer, f"{what} is overdue (today is {long_date(ctx.today)})",
                     "review the plan and record it as a new version with the next review date")


@rule(
    id="QUALITY-PLAN-ENDED", name="plan-period-ended", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        status: approved
        period: {start: 2015-04-01, end: 2018-03-31}
    """,
    passing="""
        status: superseded
        period: {start: 2015-04-01, end: 2018-03-31}
    """,
)
def plan_ended(plan: Plan, ctx: Context) -> Hits:
    """An approved plan whose period has ended is replaced, or marked superseded.

    Judged against today's date (or --today). A partnership must always have a current
    plan; once the period ends, the next plan should be approved and this one marked
    superseded.
    """
    if plan.status == "approved" and plan.period.end < ctx.today:
        yield ctx.report("/period/end", f"the plan period ended on {long_date(plan.period.end)}",
                         "approve the next plan and set this one's status: superseded")


@rule(
    id="QUALITY-APPROVAL", name="approval-recorded", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        status: approved
        approval: null   # left out
    """,
    passing="""
        status: approved
        approval: {date: 2025-06-01, approved_by: Full Council}
    """,
)
def approval(plan: Plan, ctx: Context) -> Hits:
    """An approved plan says when and by whom; an unapproved one does not.

    The approval date decides which law the plan is judged by, and the committee record
    should be traceable from the plan.
    """
    if plan.status in ("approved", "superseded") and plan.approval_date is None:
        yield ctx.report("/status", f"the plan is {plan.status} but has no approval record",
                         "add approval: {date: ..., approved_by: ...}")
    elif plan.status in ("draft", "consultation") and plan.approval_date is not None:
        yield ctx.report("/approval", f"the plan has an approval record but its status is {plan.status}",
                         "set status: approved, or remove the approval")


@rule(
    id="QUALITY-EXEMPTION", name="exemption-consistent", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        committee_report:
          exempt: false
          exemption: {paragraph: 7, public_interest_reason: Operational policing detail.}
    """,
    passing="""
        committee_report:
          exempt: true
          exemption: {paragraph: 7, public_interest_reason: Operational policing detail.}
    """,
)
def exemption(plan: Plan, ctx: Context) -> Hits:
    """An exemption is given only for an exempt report.

    A public report with an exemption paragraph sends mixed signals to democratic services:
    either the report is exempt, or the exemption should be removed.
    """
    report = plan.report
    if report and not report.exempt and report.has_exemption:
        yield ctx.report("/committee_report/exemption", "the report is not exempt but gives an exemption",
                         "set exempt: true, or remove the exemption")


@rule(
    id="QUALITY-APPENDICES", name="appendices-lettered", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        committee_report:
          appendices:
            - {label: A, title: Community Safety Partnership Plan}
            - {label: C, title: Crime Overview}
    """,
    passing="""
        committee_report:
          appendices:
            - {label: A, title: Community Safety Partnership Plan}
            - {label: B, title: Crime Overview}
    """,
)
def appendices(plan: Plan, ctx: Context) -> Hits:
    """Appendices are lettered A, B, C ... in order, without gaps or repeats.

    Members find appendices by letter; a missing or repeated letter sends them looking for
    a document that is not there.
    """
    report = plan.report
    if report is None:
        return
    for i, appendix in enumerate(report.appendices):
        expected = chr(ord("A") + i) if i < 26 else None
        if expected and appendix.label != expected:
            yield ctx.report(f"/committee_report/appendices/{i}/label",
                             f"appendix {i + 1} is labelled '{appendix.label}', expected '{expected}'",
                             "letter the appendices A, B, C ... in order")


def _close(value: str, options) -> str | None:
    """A "did you mean" for a mistyped id; none among hundreds of ids (it would cost too much)."""
    import difflib

    if len(options) > 300:
        return None
    match = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


@rule(
    id="QUALITY-CLEARANCE", name="report-cleared-in-time", severity=Severity.WARNING, groups=QUALITY,
    failing="""
        committee_report:
          meeting_date: 2025-06-20
          published_on: 2025-06-12
          clearance:
            management_team_meeting: 2025-06-03
            monitoring_officer: {by: Monitoring Officer, date: 2025-06-02}
    """,
    passing="""
        committee_report:
          meeting_date: 2025-06-20
          published_on: 2025-06-12
          clearance:
            management_team_meeting: 2025-06-03
            monitoring_officer: {by: Monitoring Officer, date: 2025-05-23}
            chief_finance_officer: {by: Chief Finance Officer, date: 2025-05-27}
    """,
)
def clearance(plan: Plan, ctx: Context) -> Hits:
    """The report was cleared by the statutory officers in time, by the council's own rules.

    Where the report records its clearance, the Monitoring Officer (who must report on
    anything unlawful: Local Government and Housing Act 1989 s5) and the chief finance
    officer (Local Government Act 1972 s151) have both signed it off; each did so at least
    the council's number of working days (5 unless the plan says otherwise) before the
    management team meeting; and every step was done before the report was published.
    These are the council's own deadlines, not the law's, so the finding is a warning.
    Working days are Monday to Friday; bank holidays are not known and not counted out.
    """
    report = plan.report
    if report is None or report.clearance is None:
        return
    c = report.clearance
    officers = (("the Monitoring Officer", c.monitoring_officer, "monitoring_officer"),
                ("the chief finance officer", c.chief_finance_officer, "chief_finance_officer"))
    for who, sign_off, field in officers:
        if sign_off is None:
            yield ctx.report(c.ptr, f"{who}'s sign-off is not recorded in the clearance",
                             f"add clearance: {field}: with who signed it off and when")
    meeting = c.management_team_meeting
    due = working_days_before(meeting, c.working_days_before) if meeting else None
    for who, sign_off, _ in officers:
        if sign_off is not None and meeting is not None and due is not None and sign_off.date > due:
            days = f"{c.working_days_before} working day{'s' if c.working_days_before != 1 else ''}"
            yield ctx.report(sign_off.ptr + "/date", f"{who} signed off on {long_date(sign_off.date)}, fewer than "
                             f"{days} before the management team meeting on "
                             f"{long_date(meeting)}", f"the comments were due by {long_date(due)}")
    published = report.published_on or report.meeting_date
    steps = [(f"{who}'s sign-off", s.date, s.ptr + "/date") for who, s, _ in officers if s is not None]
    steps += [(f"'{s.step}'", s.date, s.ptr + "/date") for s in c.checklist]
    for who, day, pointer in steps:
        if day > published:
            when = "published" if report.published_on else "considered at the meeting"
            yield ctx.report(pointer, f"{who} is dated {long_date(day)}, after the report was {when} on "
                             f"{long_date(published)}", "check the date: clearance comes before publication")

