"""The readable part of a plan that does not fit the schema, for the plan rules.

A draft with one bad task should still have its other tasks' leads checked:
cleaning a draft should not take one run per kind of mistake. When the whole
plan fails validation, the parts the schema findings point at are left out
(an unknown key, or an optional key with a bad value; else the list item
holding the error; else the member's
entry of ``scores``; else an optional section) and the rest is validated
again, a few rounds at most. An error in a required section that is not in a
list (``year``, ``bloc.head``) leaves nothing to check: no partial plan.

The plan rules then run on that plan, with positions taken from a ``Parsed``
renumbered to match it, so their findings land on the lines of the file.
A rule that judges a section as a whole (``INTACT`` in its module: the
members for unknown-member, the tasks for objective-without-task) runs only
when nothing was left out of those sections, so a member left out for a bad
shape is never also reported as unknown wherever it is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..loader import Parsed, Path_
from ..model import Plan

ROUNDS = 4
_OPTIONAL = {name for name, f in Plan.model_fields.items() if not f.is_required()}


@dataclass(frozen=True)
class Partial:
    plan: Plan
    parsed: Parsed
    lost: frozenset[str]  # the top-level sections something was left out of


def readable(parsed: Parsed) -> Partial | None:
    """The plan that the readable parts of ``parsed`` make, if they make one."""
    from pydantic import ValidationError

    from .validate import data_loc, optional_at

    dropped: set[Path_] = set()
    for _ in range(ROUNDS):
        data, kept = _without(parsed.data, dropped)
        try:
            plan = Plan.model_validate(data)
        except ValidationError as e:
            before = len(dropped)
            for error in e.errors(include_url=False):
                loc, _ = data_loc(data, error["loc"], error["type"] == "missing")
                target = _target(loc, error["type"] == "extra_forbidden" or (
                    error["type"] != "missing" and optional_at(loc)))
                if target is None:
                    return None
                dropped.add(_original(target, kept))
            if len(dropped) == before:
                return None
            continue
        renumbered = _renumber(parsed, data, kept, dropped)
        return Partial(plan, renumbered, frozenset(str(p[0]) for p in dropped))
    return None


def _target(loc: Path_, key_alone: bool) -> Path_ | None:
    """What to leave out for an error at ``loc`` (in the data being validated)."""
    if key_alone:
        return loc
    for end in range(len(loc), 0, -1):
        if isinstance(loc[end - 1], int):
            return loc[:end]
    if len(loc) >= 2 and loc[0] == "scores":
        return loc[:2]
    if loc and loc[0] in _OPTIONAL:
        return loc[:1]
    return None


Kept = dict[Path_, list[int]]  # a list's path (original) → the original indexes kept


def _without(data: Any, dropped: set[Path_]) -> tuple[Any, Kept]:
    kept: Kept = {}

    def walk(value: Any, path: Path_) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, (*path, k)) for k, v in value.items()
                    if (*path, k) not in dropped}
        if isinstance(value, list):
            indexes = [i for i in range(len(value)) if (*path, i) not in dropped]
            kept[path] = indexes
            return [walk(value[i], (*path, i)) for i in indexes]
        return value

    return walk(data, ()), kept


def _original(path: Path_, kept: Kept) -> Path_:
    """A path in the reduced data → the same item's path in the file's data."""
    out: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            part = kept[tuple(out)][part]
        out.append(part)
    return tuple(out)


def _renumber(parsed: Parsed, data: Any, kept: Kept, dropped: set[Path_]) -> Parsed:
    """``parsed``'s positions under the reduced data's paths; the dropped ones gone."""
    index = {path: {old: new for new, old in enumerate(ks)} for path, ks in kept.items()}

    def reduced(path: Path_) -> Path_ | None:
        out: list[str | int] = []
        original: list[str | int] = []
        for part in path:
            original.append(part)
            if tuple(original) in dropped:
                return None
            if isinstance(part, int):
                new = index.get(tuple(original[:-1]), {}).get(part)
                if new is None:
                    return None
                part = new
            out.append(part)
        return tuple(out)

    def table(positions: dict[Path_, Any]) -> dict[Path_, Any]:
        out = {}
        for path, pos in positions.items():
            new = reduced(path)
            if new is not None:
                out[new] = pos
        return out

    return Parsed(data, table(parsed.values), table(parsed.keys), [],
                  table(parsed.value_ends), table(parsed.key_ends))
