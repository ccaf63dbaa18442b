"""Scores read from sheets, written into the plan's YAML with its comments and layout kept.

The plan is loaded with the round-trip loader (``newplan.roundtrip``) and
only the leaves a sheet gives are changed, in place: a member's other
scores, the comments and the order of keys stay as they were. With
``field="self"`` a sheet's number becomes the leaf's ``self`` (a bare number
there is the bloc's final score and is kept as ``final``); with
``field="final"`` it becomes ``final`` (a bare number when the leaf had no
``self``). A non-empty Giải trình cell becomes the ``note``. An empty bonus or
penalty cell means none: 0 where the plan had a value, nothing added where
it had none.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

from ruamel.yaml.comments import CommentedMap

from ..loader import Parsed
from ..newplan import roundtrip
from .reader import LeafEntry

Field = Literal["self", "final"]


def merge(text: str, sheets: Iterable[tuple[str, dict[str, LeafEntry]]], field: Field, *,
          path: str | None = None, parsed: Parsed | None = None) -> str:
    """The plan's text with each member's sheet scores written in; ``InputError``
    when the round trip would read or write a value otherwise (``roundtrip.load``)."""
    data, yaml = roundtrip.load(text, path=path, parsed=parsed)
    scores = data.get("scores")
    if not isinstance(scores, CommentedMap) or (not scores and scores.fa.flow_style()):
        # `scores: {}` in the skeleton: a block mapping reads better once filled.
        fresh = CommentedMap()
        if isinstance(scores, CommentedMap):
            fresh.update(scores)
        if "scores" in data:
            data["scores"] = fresh
        else:
            _insert_after(data, fresh)
        scores = fresh
    for member, entries in sheets:
        points = scores.get(member)
        if not isinstance(points, CommentedMap):
            points = CommentedMap()
            scores[member] = points
        for leaf, entry in entries.items():
            if entry.blank and leaf not in points:
                continue
            points[leaf] = _value(points.get(leaf), entry, field)
    return roundtrip.dump(data, yaml, path=path, parsed=parsed)


def _insert_after(data: CommentedMap, scores: CommentedMap) -> None:
    keys = list(data)
    anchor = "criteria" if "criteria" in keys else keys[-1]
    data.insert(keys.index(anchor) + 1, "scores", scores)


def _value(old: Any, entry: LeafEntry, field: Field) -> Any:
    number = None if entry.score is None else _number(entry.score)
    if isinstance(old, dict):
        detail = old if isinstance(old, CommentedMap) else CommentedMap(old)
    elif old is not None:  # a bare number: the final score
        detail = _flow({"final": old})
    else:
        detail = _flow({})
    if number is not None:
        detail["self" if field == "self" else "final"] = number
    if entry.note is not None:
        detail["note"] = entry.note
    if list(detail) == ["final"]:
        return detail["final"]
    if "self" in detail and "final" in detail:  # the usual order: self, final, note
        ordered = _flow({k: detail[k] for k in ("self", "final", "note") if k in detail})
        if list(ordered) != list(detail):
            return ordered
    return detail


def _flow(values: dict[str, Any]) -> CommentedMap:
    out = CommentedMap(values)
    out.fa.set_flow_style()
    return out


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
