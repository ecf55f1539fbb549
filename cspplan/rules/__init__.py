"""The rules: every statutory and quality check, registered from the modules below.

A rule's id says where it lives: the part before the first hyphen, in lower case, is
its module (``CDA-S5-RA-POLICE`` is in ``cda.py``, ``REG07W-SA`` in ``reg07w.py``,
``QUALITY-PLACEHOLDER`` in ``quality.py``). See :mod:`cspplan.rules.base` for how a
rule is declared.
"""

from __future__ import annotations

from cspplan.errors import CspplanError
from cspplan.rules import (  # noqa: F401 - importing registers the rules, in this order
    cda,
    prsra,
    reg07,
    reg07w,
    w,
    pja06,
    cdos09,
    pcsc,
    daa21,
    eqa,
    lga72,
    exec12,
    quality,
    waiver,
    pending,
)
from cspplan.rules.base import REGISTERED, Citation, Context, Hit, Rule

RULES: dict[str, Rule] = {r.id: r for r in REGISTERED}

__all__ = ["RULES", "Citation", "Context", "Hit", "Rule", "select"]


def select(select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), *, preview: bool = False) -> list[Rule]:
    """The rules to run: all (or those named in ``select``) minus those in ``ignore``.

    Tokens are rule ids, names or groups. Pending rules run only with ``preview``.
    Raises :class:`CspplanError` for a token that names nothing.
    """
    if any(not token.strip() for token in (*select, *ignore)):
        raise CspplanError("an empty rule name was given to --select or --ignore")
    for token in (*select, *ignore):
        if not any(r.matches(token) for r in RULES.values()):
            raise CspplanError(f"no rule, rule name or group is called '{token}' (see 'cspplan rules')")
    chosen = [r for r in RULES.values() if not select or any(r.matches(t) for t in select)]
    chosen = [r for r in chosen if not any(r.matches(t) for t in ignore)]
    runnable = [r for r in chosen if preview or not r.pending]
    if select and not runnable:
        why = " (they are for law not yet in force: add --preview)" if chosen else ""
        raise CspplanError(f"--select {','.join(select)} leaves no rule to run{why}")
    return runnable
