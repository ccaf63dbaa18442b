"""Shared shape of the reference rules: an id that names nothing."""

from __future__ import annotations

from typing import Literal

from ...loader import Path_
from ..context import suggest
from ..finding import Hit


def unknown(loc: Path_, kind: str, ref: str, known: set[str],
            at: Literal["value", "key"] = "value") -> Hit:
    """A ``Hit`` for ``ref`` missing from ``known``, with the closest id as a hint."""
    close = suggest(ref, known)
    return Hit(loc, kind, {"ref": ref, "field": _field(loc, at)}, at=at,
               hint="hint.did_you_mean" if close else None,
               hint_args={"suggestion": close} if close else {})


def _field(loc: Path_, at: str) -> str:
    """``tasks.lead`` for ``("tasks", 3, "lead")``: the field, without indexes."""
    names = [p for p in loc if isinstance(p, str)]
    if at == "key":
        names = names[:-1]
    return ".".join(names[-2:]) if len(names) > 1 else (names[0] if names else "")
