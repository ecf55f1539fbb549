"""The area a partnership's crime data is kept for: district names, LSOA codes, or both.

Apart from the reader of raw police.uk files so that checking a plan's own aggregate
(``cspplan validate``) does not import the reader.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    """A partnership's area: local authority district names, ONS LSOA codes, or both (their union).

    A district name matches an LSOA whose name, before its last space, is that name in
    any case (``spelthorne`` matches ``Spelthorne 001A``).
    """

    names: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(n.strip() for n in self.names if n.strip()))
        object.__setattr__(self, "codes", tuple(c.strip().upper() for c in self.codes if c.strip()))

    def describe(self) -> str:
        parts = [*self.names, *(f"{len(self.codes)} LSOA code{'s' if len(self.codes) != 1 else ''}",)
                 * bool(self.codes)]
        return " and ".join(parts)
