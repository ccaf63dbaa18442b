"""Which rules a name in the configuration or an ignore comment stands for.

A rule is named by its code (``TD402``), its name (``misspelling``) or a
prefix of codes (``TD4`` for all the text rules, ``TD`` for every rule).
"""

from __future__ import annotations

import re

from .rules import BY_CODE, BY_NAME, RULES

_PREFIX = re.compile(r"^TD\d{0,3}$")


def resolve(item: str) -> frozenset[str] | None:
    """The codes ``item`` names, or None when it names no rule."""
    name = item.strip()
    if name in BY_NAME:
        return frozenset({BY_NAME[name].code})
    code = name.upper()
    if code in BY_CODE:
        return frozenset({code})
    if _PREFIX.match(code):
        codes = frozenset(r.code for r in RULES if r.code.startswith(code))
        return codes or None
    return None


def exact(item: str) -> str | None:
    """The one code ``item`` names as a code or a name (no prefixes)."""
    name = item.strip()
    if name in BY_NAME:
        return BY_NAME[name].code
    return name.upper() if name.upper() in BY_CODE else None


def closest(item: str) -> str | None:
    """A known rule name close to a mistyped one (codes differ by digits: no guess)."""
    import difflib

    if _PREFIX.match(item.strip().upper()) or re.match(r"^TD\d+$", item.strip().upper()):
        return None
    close = difflib.get_close_matches(item.strip(), list(BY_NAME), n=1, cutoff=0.6)
    return close[0] if close else None
