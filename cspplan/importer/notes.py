"""What an import found that the officer must look at: located notes (a date that named only
a month, a value that could not be read) and the blocks that fit no field, kept in order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLACEHOLDER_DATE = "YYYY-MM-DD"
"""Written where a date could not be read: the validator reports it at its line."""
PLACEHOLDER = "FILL-IN"
"""Written where a coded value (a kind, a status, a purpose) could not be read: the validator reports it."""


@dataclass
class Notes:
    notes: list[str] = field(default_factory=list)           # "paragraph 12: ..." for stderr
    unsorted: list[tuple[str, str]] = field(default_factory=list)  # (where, text) kept for the officer

    def note(self, where: str, message: str) -> None:
        self.notes.append(f"{where}: {message}")

    def keep(self, where: str, text: str) -> None:
        if text.strip():
            self.unsorted.append((where, text.strip()))


def norm(text: str) -> str:
    """Text for comparing words: lower case, '&' as 'and', punctuation and numbers dropped."""
    text = text.lower().replace("&", " and ").replace("/", " ")
    text = re.sub(r"^\s*(appendix\s+)?", r"\1", text)
    text = re.sub(r"^[\d.\s)]+", "", text)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


def slug(text: str, taken: set[str], fallback: str = "item") -> str:
    """A short id from a title, unique among ``taken`` (which it joins)."""
    words = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()
    base = "-".join(words[:5])[:48].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
