"""Each award's rule for the vote: shipped as data, overridable by configuration."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache, lru_cache
from typing import Any, Literal

Base = Literal["members", "votes"]
BASES: tuple[Base, ...] = ("members", "votes")
#: The keys an award's rule may have, in the data file and in the configuration.
KEYS = ("aliases", "threshold", "of", "quota", "leads", "source", "verified", "note")


@dataclass(frozen=True)
class AwardRule:
    """What the vote for one award needs.

    ``threshold`` is a percentage (``80``) of ``of``: every member of the bloc
    (``members``, absent ones voting in writing) or the votes cast (``votes``).
    ``None`` fields are not known: no threshold, no quota.
    """

    title: str
    aliases: tuple[str, ...] = ()
    threshold: Fraction | None = None
    of: Base = "members"
    quota: int | None = None
    leads: bool = False
    source: str | None = None
    verified: bool = False
    note: str | None = None

    def matches(self, title: str) -> bool:
        return self._matches_key(key(title))

    def _matches_key(self, wanted: str) -> bool:
        return any(key(name) == wanted for name in (self.title, *self.aliases))


def key(title: str) -> str:
    """An award title as compared: NFC, case folded, spaces collapsed, invisible
    format characters (zero-width space and joiners, soft hyphen, BOM, bidi
    controls: Unicode's Cf) left out."""
    # The same few titles are compared for every award of every plan a run
    # reads; a long one (an editor's buffer being typed) is not kept.
    return _key(title) if len(title) <= 200 else _fold(title)


def _fold(title: str) -> str:
    # A title is matched as it reads: "Cờ thi đua\u200b của Chính phủ" prints as
    # the flag's name, and was no award of the decree's, so 5 votes of 9 passed it.
    text = unicodedata.normalize("NFC", title)
    if not text.isascii():
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.casefold().split())


_key = lru_cache(maxsize=1 << 12)(_fold)


@cache
def shipped() -> tuple[AwardRule, ...]:
    """The rules in ``data/awards.toml``."""
    from ..tables import TABLES

    return tuple(make(entry["title"], entry) for entry in TABLES["awards"]["award"])


def make(title: str, values: Mapping[str, Any], base: AwardRule | None = None) -> AwardRule:
    """``base`` (or a new rule for ``title``) with ``values`` (already checked) applied."""
    rule = base or AwardRule(unicodedata.normalize("NFC", title))
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name == "title":
            continue
        if name == "threshold":
            value = Fraction(str(value))
        elif name == "aliases":
            value = tuple(unicodedata.normalize("NFC", v) for v in value)
        changes[name] = value
    return replace(rule, **changes)


# Changing one of these makes the rule the configuration's, not the decree's.
_FIGURES = ("threshold", "of", "quota", "leads")


def merged(overrides: Mapping[str, Mapping[str, Any]], origin: str,
           rules: Iterable[AwardRule] | None = None) -> tuple[AwardRule, ...]:
    """The shipped rules with a configuration's ``[awards."<title>"]`` tables applied:
    a table for a known award changes the keys it gives; one for another title adds
    a rule. A figure changed without a ``source`` is sourced to ``origin`` (the
    configuration file), so a document never cites the decree for a bloc's own rule."""
    out = list(shipped() if rules is None else rules)
    for title, values in overrides.items():
        values = dict(values)
        if "source" not in values and any(k in values for k in _FIGURES):
            values.update(source=origin, verified=True, note=None)
        for i, rule in enumerate(out):
            if rule.matches(title):
                out[i] = make(title, values, rule)
                break
        else:
            out.append(make(title, values))
    return tuple(out)


def rule_for(title: str, rules: Iterable[AwardRule]) -> AwardRule | None:
    """The rule of the award called ``title``, if any."""
    wanted = key(title)
    return next((r for r in rules if r._matches_key(wanted)), None)
