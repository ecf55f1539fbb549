"""Read a plan file into plain data, safely, keeping where every value came from.

A plan file can be anything an editor, an e-mail attachment or an attacker makes of it.
This module turns bytes into Python data (dicts, lists, str, int, float, bool, None)
or into ``YAML`` findings, and never into anything else:

* The text must be UTF-8 (a byte-order mark is allowed). Binary files, UTF-16 and
  stray Windows-1252 bytes are reported with their position.
* PyYAML's C parser reads the text; nothing is constructed from YAML tags, so
  ``!!python/object`` and friends cannot run code. Any tag other than ``!!str`` (which
  only says "this is text") is reported.
* A value used a second time through an alias (``*name``) is reported, which also
  defuses "billion laughs" alias bombs: each node is visited once. (An anchor that is
  never used is harmless and passes.)
* Duplicate keys are reported (PyYAML would silently keep the last one).
* Files over :data:`MAX_BYTES`, nesting deeper than :data:`MAX_DEPTH` and more than
  :data:`MAX_NODES` values are refused, so no input takes long or much memory.

YAML 1.1's implicit typing is replaced by a smaller, predictable one (see
:func:`plain_scalar` and ``docs/plan-format.md``): dates and times stay text,
``yes``/``no``/``on``/``off`` stay text, numbers with leading zeros stay text; only
``true``/``false``, ``null``/``~``/empty, and ordinary decimal numbers are typed.

Positions are not computed up front: the composed node tree is kept, and
:meth:`LoadedPlan.locate` finds the line and column of a JSON pointer on demand, so a
valid plan pays nothing for them.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from cspplan.findings import Finding, Location, Severity

MAX_BYTES = 8 * 1024 * 1024
"""Largest plan file read, in bytes. A large real plan is about 100 KB."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists. A plan nests about 7 deep."""

MAX_NODES = 400_000
"""Most values (scalars, lists, mappings) in one file. A large real plan has about 20,000."""

PRESCAN_FROM = 1024 * 1024
"""Files larger than this are first counted event by event, so that a file with millions
of tiny values is refused before its node tree is built (which would take seconds and
hundreds of megabytes). Below it, even the densest YAML (two bytes a value) holds only
about half a million values: about a second and 150 MB to build, then refused."""

MAX_INT_DIGITS = 30
"""Longest integer read as a number; longer ones are reported, not converted."""

YAML_RULE = "YAML"

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN = "tag:cspplan:plain"  # an untagged, unquoted scalar: typed by plain_scalar()

_Base: type = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Composer(_Base):
    """PyYAML's (C) parser and composer with the implicit resolver switched off.

    Scalars come back tagged only as plain or quoted; :func:`plain_scalar` types them.
    Nothing here constructs objects.
    """

    def resolve(self, kind, value, implicit):  # PyYAML's hook
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP

    # PyYAML's C composer calls these two for every node, for path resolvers, which cspplan
    # does not use: doing nothing at once saves a tenth of the time the composer takes.
    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))


class _Problem(Exception):
    """A problem found while building data; carries the node it is about."""

    def __init__(self, mark, message: str, hint: str | None = None):
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


def plain_scalar(text: str, mark=None):
    """Type an unquoted scalar the way cspplan documents it.

    >>> [plain_scalar(t) for t in ["12", "-3", "2.5", "true", "~", "yes", "2024-09-24", "0123", "12:30"]]
    [12, -3, 2.5, True, None, 'yes', '2024-09-24', '0123', '12:30']
    """
    if not text or text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return text
    if first in "0123456789-+.":
        if _INT.match(text):
            digits = len(text.lstrip("+-"))
            if digits > MAX_INT_DIGITS:
                raise _Problem(
                    mark,
                    f"the number {text[:20]}... has {digits} digits, more than cspplan reads",
                    "if it is meant as text, put it in quotes",
                )
            return int(text)
        if _FLOAT.match(text):
            value = float(text)
            if value in (float("inf"), float("-inf")):
                raise _Problem(
                    mark,
                    f"the number {text[:20]} is too large to hold",
                    "if it is meant as text, put it in quotes",
                )
            return value
    return text


# Line breaks to YAML 1.1 (and so to PyYAML's marks) that editors, git and GitHub show as
# characters within a line: NEL, LS and PS. A file with one would have every later position
# off by a line; :class:`_Lines` counts lines as an editor does.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
_LINE_END = re.compile("\r\n?|\n")


class _Lines:
    """Turns PyYAML's marks into the 1-based line and column an editor shows."""

    __slots__ = ("starts",)

    def __init__(self, text: str | None):
        # Offsets at which lines start; only needed when the marks count other breaks.
        self.starts = None
        # Three substring tests, not _OTHER_BREAKS.search: a thousand times faster on a large file.
        if text is not None and ("\x85" in text or "\u2028" in text or "\u2029" in text):
            self.starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def position(self, mark) -> tuple[int, int]:
        if mark is None:
            return 0, 0
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return line + 1, mark.index - self.starts[line] + 1


_PLAIN_LINES = _Lines(None)


@dataclass
class LoadedPlan:
    """A plan file read into data, with what is needed to locate any value in it.

    ``data`` is ``None`` when the file could not be read as YAML at all; ``findings``
    then says why.
    """

    path: str
    data: object = None
    findings: list[Finding] = field(default_factory=list)
    # The composed node tree, for locate(). Not in repr: aliased nodes are shared, and
    # printing a tree built from an alias bomb would expand it.
    root: object = field(default=None, repr=False, compare=False)
    # id(mapping node) -> {key: (key node, value node)}, built on first look-up
    _keys: dict = field(default_factory=dict, repr=False, compare=False)
    # How the nodes' marks become lines and columns
    _lines: _Lines = field(default=_PLAIN_LINES, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.findings

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        """The location of the node at ``pointer``, or of its nearest existing ancestor.

        With ``key=True`` the location of the mapping key itself is returned (for
        "unknown field" findings), rather than of its value.
        """
        line, column = _find(self.root, pointer, key, self._keys, self._lines)
        return Location(self.path, line, column, pointer)

    def raw(self, pointer: str) -> str | None:
        """The text of the scalar at ``pointer`` exactly as written (``1.10``, not ``1.1``)."""
        node, _, complete = _walk(self.root, pointer, self._keys)
        return node.value if complete and isinstance(node, ScalarNode) else None

    def finding(self, pointer: str, message: str, hint: str | None = None, *,
                rule: str = YAML_RULE, severity: Severity = Severity.ERROR,
                key: bool = False) -> Finding:
        return Finding(self.locate(pointer, key=key), rule, severity, message, hint)


def escape_token(token: str) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _mark(node, lines: _Lines = _PLAIN_LINES) -> tuple[int, int]:
    return lines.position(node.start_mark)


def _walk(root, pointer: str, index: dict | None = None):
    """Follow ``pointer`` through the node tree.

    Returns (deepest node reached, the key node of the last step or None, whether the
    whole pointer was followed). ``index`` caches each mapping's keys, so that locating
    many findings in one large mapping stays linear.
    """
    node, key_node = root, None
    for token in split_pointer(pointer):
        key_node = None
        if isinstance(node, MappingNode):
            keys = index.get(id(node)) if index is not None else None
            if keys is None:
                keys = {}
                for k, v in node.value:
                    if isinstance(k, ScalarNode):
                        keys.setdefault(k.value, (k, v))  # the first of duplicate keys, as loaded
                if index is not None:
                    index[id(node)] = keys
            if token not in keys:
                return node, None, False
            key_node, node = keys[token]
        elif isinstance(node, SequenceNode) and token.isdigit() and int(token) < len(node.value):
            node = node.value[int(token)]
        else:
            return node, None, False
    return node, key_node, True


def _find(root, pointer: str, key: bool, index: dict | None = None,
          lines: _Lines = _PLAIN_LINES) -> tuple[int, int]:
    if root is None:
        return 1, 1
    node, key_node, _ = _walk(root, pointer, index)
    return _mark(key_node if key and key_node is not None else node, lines)


# --- reading bytes -------------------------------------------------------------------

def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset into UTF-8 ``data``."""
    offset = max(0, min(offset, len(data)))
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def _decode(path: str, data: bytes) -> tuple[str | None, Finding | None]:
    def problem(message: str, hint: str, offset: int | None = None) -> Finding:
        line, col = _line_col(data, offset) if offset is not None else (0, 0)
        return Finding(Location(path, line, col), YAML_RULE, Severity.ERROR, message, hint)

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, problem("the file is saved as UTF-16, not UTF-8",
                             "save it as UTF-8 (in most editors: Save As, Encoding, UTF-8)")
    nul = data.find(b"\x00")
    if nul != -1:
        return None, problem("the file contains NUL bytes: it looks like a binary file, not YAML",
                             "check that this is the plan file; a .docx or .pdf cannot be validated",
                             nul)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex().upper()
        return None, problem(
            f"the file is not valid UTF-8 (byte 0x{bad})",
            "save it as UTF-8; text pasted from Word is often saved as Windows-1252",
            exc.start,
        )


_FRIENDLY = [
    # (fragment of PyYAML's problem text, message, hint)
    ("did not find expected node content", "a value is missing here",
     "check for an unclosed [ or {, or a comma or ':' with nothing after it"),
    ("did not find expected ',' or ']'", "a list in [brackets] is not closed",
     "add the closing ']', or put a value that contains commas or brackets in quotes"),
    ("did not find expected ',' or '}'", "a mapping in {braces} is not closed",
     "add the closing '}', or put a value that contains commas or braces in quotes"),
    ("mapping values are not allowed", "unexpected ':' here",
     "text that contains ': ' must be in quotes, or the indentation of this line is wrong"),
    ("could not find expected ':'", "expected 'field: value' here",
     "check the indentation and any unclosed quotes on this line or the one above"),
    ("did not find expected key", "this line does not line up with the fields around it",
     "check its indentation, and that list items start with '- '"),
    ("did not find expected '-' indicator", "this line does not line up with the list around it",
     "check its indentation, and that list items start with '- '"),
    ("exceeded maximum nesting depth", "the file is nested too deeply",
     "a plan nests a few levels deep; check for runaway brackets"),
    ("found undefined alias", "an alias (*name) is used",
     "anchors and aliases are not supported in plan files; write the value out in full"),
    ("found unknown escape character", "unknown escape sequence in double-quoted text",
     "write a backslash as \\\\ inside double quotes, or use single quotes"),
    ("found invalid Unicode character escape code",
     "an escape sequence in double-quoted text is not a valid character",
     "write the character itself instead of a \\u escape"),
    ("found unexpected end of stream", "the file ends inside a quoted value",
     "close the quotation mark"),
    ("found character that cannot start any token", "a value starts with a character YAML reserves",
     "put the value in quotes (values starting with @, ` or % must be quoted)"),
    ("control characters are not allowed", "the file contains a control character",
     "remove it; it is often pasted in by accident from another program"),
    ("expected <block end>, but found '<block mapping start>'",
     "this line is indented more than the fields around it", "line it up with the fields above"),
    ("expected <block end>, but found '-'",
     "a list item is indented differently from the list it belongs to",
     "line up the '- ' with the items above it"),
    ("expected <block end>, but found '<scalar>'", "unexpected text after a value",
     "text that continues a value must be indented, or put the whole value in quotes"),
]


def _char_at(text: str, line: int, column: int) -> str:
    if line < 1 or column < 1:
        return ""
    lines = text.split("\n", line)
    if len(lines) < line:
        return ""
    row = lines[line - 1]
    return row[column - 1] if column <= len(row) else ""


def _syntax_finding(path: str, text: str, exc: yaml.YAMLError) -> Finding:
    problem = getattr(exc, "problem", None) or str(exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = _Lines(text).position(mark)
    if isinstance(exc, yaml.reader.ReaderError):
        # The C reader reports a byte offset into the UTF-8 encoding of the text.
        line, column = _line_col(text.encode("utf-8"), exc.position)
        problem = exc.reason
    full = f"{problem} {getattr(exc, 'context', '') or ''}"
    message, hint = f"syntax error: {problem}", "check the syntax at this position"
    if _char_at(text, line, column) == "\t":
        message, hint = "a tab character is used here", "YAML indents with spaces only; replace tabs with spaces"
    else:
        for fragment, friendly, friendly_hint in _FRIENDLY:
            if fragment in full:
                message, hint = friendly, friendly_hint
                break
    if mark is not None and not isinstance(exc, yaml.reader.ReaderError):
        lines = _Lines(text)
        if lines.starts is not None:  # an invisible line break may be what broke the syntax
            since = lines.starts[max(0, line - 2)]  # this line and the one before
            found = None
            for match in _OTHER_BREAKS.finditer(text, since, mark.index + 1):
                found = match  # the last one before the mark
            if found is not None:
                line, column = lines.position(_Offset(found.start()))
                message = (f"an invisible line break (U+{ord(found.group(0)):04X}) is here, and YAML "
                           "ends the line at it")
                hint = "delete it (text pasted from a web page or a PDF often has one), or put the text in quotes"
    return Finding(Location(path, line, column), YAML_RULE, Severity.ERROR, message, hint)


class _Offset:
    """A position in the text, as the mark of a node would give it."""

    __slots__ = ("index",)

    def __init__(self, index: int):
        self.index = index


def _prescan(text: str, path: str) -> Finding | None:
    """Count values and nesting without building anything; a finding if over the limits."""
    count = depth = 0
    loader = _Composer(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            cls = event.__class__
            if cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                count += 1
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"the file is nested more than {MAX_DEPTH} levels deep"
                    hint = "a plan nests a few levels deep; check for runaway indentation"
                    break
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                depth -= 1
            elif cls is yaml.ScalarEvent or cls is yaml.AliasEvent:
                count += 1
            if count > MAX_NODES:
                message = f"the file holds more than {MAX_NODES:,} values"
                hint = "check that this is a plan file"
                break
        else:
            return None
    except yaml.YAMLError:
        return None  # the composer will report it, with its position
    finally:
        loader.dispose()
    line, column = _Lines(text).position(event.start_mark)
    return Finding(Location(path, line, column), YAML_RULE, Severity.ERROR, message, hint)


def load_text(text: str, path: str = "<string>") -> LoadedPlan:
    """Load a plan from text already decoded."""
    # Building the node tree and the data creates many objects and no reference cycles,
    # so the cyclic garbage collector only costs time here (about a fifth of it).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_text(text, path)
    finally:
        if enabled:
            gc.enable()


def _load_text(text: str, path: str) -> LoadedPlan:
    result = LoadedPlan(path)
    if len(text) > PRESCAN_FROM:
        problem = _prescan(text, path)
        if problem is not None:
            result.findings.append(problem)
            return result
    loader = _Composer(text)
    try:
        root = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if exc.context == "expected a single document in the stream":
            line, column = _Lines(text).position(exc.problem_mark)
            result.findings.append(Finding(
                Location(path, line, column), YAML_RULE, Severity.ERROR,
                "the file holds more than one YAML document",
                "a plan file holds one plan; remove the '---' line or split the file"))
        else:
            result.findings.append(_syntax_finding(path, text, exc))
        return result
    except yaml.YAMLError as exc:
        result.findings.append(_syntax_finding(path, text, exc))
        return result
    finally:
        loader.dispose()

    if root is None or (root.__class__ is ScalarNode and root.tag == _PLAIN and root.value in _NULLS):
        result.findings.append(Finding(
            Location(path, 1, 1), YAML_RULE, Severity.ERROR, "the file is empty",
            "a plan starts with 'schema_version: 1'; see docs/plan-format.md"))
        return result
    result.root = root
    result._lines = _Lines(text)
    if not isinstance(root, MappingNode):
        line, col = _mark(root, result._lines)
        result.findings.append(Finding(
            Location(path, line, col), YAML_RULE, Severity.ERROR,
            "the file is not a set of 'field: value' lines",
            "a plan starts with 'schema_version: 1' at the left margin"))
        return result
    builder = _Builder(result, aliases_possible=_ANCHOR.search(text) is not None)
    try:
        result.data = builder.build(root, 1)
        builder.report_aliases()
    except _Problem as exc:  # a limit was reached: nothing more can be said
        line, col = result._lines.position(exc.mark)
        result.findings.append(Finding(Location(path, line, col), YAML_RULE, Severity.ERROR,
                                       exc.message, exc.hint))
        result.data = None
    return result


def load_bytes(data: bytes, path: str = "<bytes>") -> LoadedPlan:
    """Load a plan from the raw bytes of a file."""
    if len(data) > MAX_BYTES:
        return LoadedPlan(path, findings=[Finding(
            Location(path), YAML_RULE, Severity.ERROR,
            f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB, the most cspplan reads "
            "for a plan file",
            "check that this is a plan file")])
    text, problem = _decode(path, data)
    if problem is not None or text is None:
        return LoadedPlan(path, findings=[problem] if problem is not None else [])
    return load_text(text, path)


def read_file(path: Path) -> bytes:
    """Read at most MAX_BYTES + 1 bytes of a regular file (so a huge file is not read whole).

    Raises OSError for files that cannot be read; the caller reports it.
    """
    with open(path, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


def load_file(path: Path, display: str | None = None) -> LoadedPlan:
    return load_bytes(read_file(path), display or str(path))


# An anchor (``&name``) starts with '&' and a character that is not a space. A text without
# one has no anchors, so no aliases (one to an undefined anchor is a syntax error).
_ANCHOR = re.compile(r"&\S")


class _Builder:
    """Builds plain data from a composed node tree, collecting findings as it goes.

    ``aliases_possible``: whether the text has an anchor, so that a node may be reached
    twice. Only then is every node noted as seen (a quarter of the time this takes).
    """

    def __init__(self, result: LoadedPlan, aliases_possible: bool = True):
        self.result = result
        self.findings = result.findings
        self.aliases_possible = aliases_possible
        self.seen: set[int] = set()
        self.reused: dict[int, list] = {}  # id -> [node, times reused through an alias]
        self.count = 0

    def _report(self, node, message: str, hint: str | None = None) -> None:
        line, col = _mark(node, self.result._lines)
        self.findings.append(Finding(Location(self.result.path, line, col), YAML_RULE,
                                     Severity.ERROR, message, hint))

    def build(self, node, depth: int):
        # Each node is visited once: a node seen before was reached through an alias.
        if self.aliases_possible:
            ident = id(node)
            if ident in self.seen:
                self.reused.setdefault(ident, [node, 0])[1] += 1
                return None
            self.seen.add(ident)
        self.count += 1
        if self.count > MAX_NODES:
            raise _Problem(node.start_mark, f"the file holds more than {MAX_NODES:,} values",
                           "check that this is a plan file")
        tag = node.tag
        if node.__class__ is ScalarNode:
            if tag == _PLAIN:
                try:
                    return plain_scalar(node.value, node.start_mark)
                except _Problem as exc:
                    self._report(node, exc.message, exc.hint)
                    return None
            if tag != _STR:
                self._tag_problem(node)
                return None
            if node.style == '"':
                control = _CONTROL.search(node.value)
                if control:
                    self._report(node, f"the text contains the control character U+{ord(control.group(0)):04X}, "
                                       "written as an escape", "remove the escape sequence (\\x.., \\u.., \\e ...)")
                    return None
            return node.value
        if depth > MAX_DEPTH:
            raise _Problem(node.start_mark, f"the file is nested more than {MAX_DEPTH} levels deep",
                           "a plan nests a few levels deep; check for runaway indentation")
        if node.__class__ is SequenceNode:
            if tag != _SEQ:
                self._tag_problem(node)
            return [self.build(item, depth + 1) for item in node.value]
        # MappingNode
        if tag != _MAP:
            self._tag_problem(node)
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self._report(key_node, "a field name must be plain text, not a list or mapping",
                             "write the field name as a word followed by ':'")
                continue
            if key_node.tag not in (_PLAIN, _STR):
                self._tag_problem(key_node)
                continue
            key = key_node.value
            if key in out:
                first = _first_key_nodes(node)[key]
                self._report(key_node,
                             f"duplicate field '{key}' (first on line {_mark(first, self.result._lines)[0]})",
                             "YAML keeps only one of them: merge the two into one")
                self.seen.add(id(value_node))
                continue
            out[key] = self.build(value_node, depth + 1)
        return out

    def report_aliases(self) -> None:
        for node, times in self.reused.values():
            self._report(node, f"this value is used again elsewhere through an alias (*name), "
                               f"{times} time{'s' if times != 1 else ''}",
                         "anchors and aliases are not supported in plan files; "
                         "write the value out in full where it is used")

    def _tag_problem(self, node) -> None:
        tag = node.tag
        shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
        self._report(node, f"YAML tag '{shown}' is not allowed in a plan file",
                     "remove the tag; write the value as plain text")


def _first_key_nodes(node: MappingNode) -> dict:
    """Field name -> the node of its first occurrence in a mapping, for a duplicate's message.

    Worked out only for a mapping that has a duplicate (rare), rather than noted for every
    field of every mapping as it is built.
    """
    first: dict = {}
    for key_node, _ in node.value:
        if key_node.__class__ is ScalarNode and key_node.tag in (_PLAIN, _STR):
            first.setdefault(key_node.value, key_node)
    return first


# Characters no plan text needs, which would reach terminals (escape sequences) and Word
# files (which cannot hold them): C0 and C1 controls other than tab, line feed and
# carriage return, and lone surrogates. Raw ones are refused by the YAML reader; these
# are the ones double-quoted escapes can produce.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
