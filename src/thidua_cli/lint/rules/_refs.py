"""Shared shape of the reference rules: an id that names nothing."""

from __future__ import annotations

import heapq
from typing import Literal

from ...loader import Path_
from ..context import Hints
from ..finding import Hit

# Without a close match the hint lists the ids there are, up to this many.
LISTED = 10


def unknown(hints: Hints, loc: Path_, kind: str, ref: str, known: set[str],
            at: Literal["value", "key"] = "value") -> Hit:
    """A ``Hit`` for ``ref`` missing from ``known``, with the closest id as a hint,
    or, when none is close, the valid ids."""
    args = {"ref": ref, "field": _field(loc, at)}
    close = hints.closest(ref, known)
    if close:
        return Hit(loc, kind, args, at=at, hint="hint.did_you_mean",
                   hint_args={"suggestion": close})
    if not known:
        return Hit(loc, kind, args, at=at, hint="hint.no_ids")
    # The first few in order, without sorting them all for each finding.
    shown = ", ".join(heapq.nsmallest(LISTED, known))
    if len(known) > LISTED:
        return Hit(loc, kind, args, at=at, hint="hint.valid_ids_more",
                   hint_args={"ids": shown, "count": len(known)})
    return Hit(loc, kind, args, at=at, hint="hint.valid_ids", hint_args={"ids": shown})


def _field(loc: Path_, at: str) -> str:
    """``tasks.lead`` for ``("tasks", 3, "lead")``: the field, without indexes."""
    names = [p for p in loc if isinstance(p, str)]
    if at == "key":
        names = names[:-1]
    return ".".join(names[-2:]) if len(names) > 1 else (names[0] if names else "")
