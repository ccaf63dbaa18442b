"""A member's totals, the one place they are computed: exact decimals, up the tree.

A leaf's value is the member's score for it: ``final`` when the bloc has
checked it, else ``self`` (the total is then provisional: ``checked`` is
false); a bare number is a final score. A section adds its children: the
children of its own kind and bonus children add, penalty children subtract;
a bonus or penalty section adds at most its cap. The grand total is the top
level added the same way, so ``100 points + 5 bonus - 2 penalty = 103``.
Sums are ``Decimal``: 28.5 + 0.1 is 28.6, never 28.599999999999998.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

from ..model import LeafScore
from .tree import Node, Tree, dec

Field = Literal["self", "final"]
ZERO = Decimal(0)


class MemberTotal(NamedTuple):
    """``values`` per node id (leaves as scored, sections added); ``total`` the grand
    total; ``checked`` whether every scored leaf has a final score."""

    values: dict[str, Decimal]
    total: Decimal
    checked: bool


def leaf_value(score: float | LeafScore, field: Field = "final") -> Decimal | None:
    """The score of one leaf as ``field`` reads it (final falls back to self)."""
    if not isinstance(score, LeafScore):
        return dec(score) if field == "final" else None
    if field == "self":
        return None if score.self_score is None else dec(score.self_score)
    chosen = score.final if score.final is not None else score.self_score
    return None if chosen is None else dec(chosen)


def member_total(tree: Tree, scores: Mapping[str, float | LeafScore],
                 field: Field = "final") -> MemberTotal | None:
    """The member's totals, or None when ``field`` has no score at all; a self
    total only when every scored leaf has a self score."""
    values: dict[str, Decimal] = {}
    checked = True
    seen = False
    for node in tree.leaves:
        score = scores.get(node.id)
        if score is None:
            continue
        value = leaf_value(score, field)
        if value is None:
            if field == "self":
                return None  # a self total of some leaves only would mislead
            continue
        seen = True
        if field == "final" and isinstance(score, LeafScore) and score.final is None:
            checked = False
        values[node.id] = value
    if not seen:
        return None
    for node, children in tree.sections:
        values[node.id] = _section(node, children, values)
    top = sum((_signed("points", n, values.get(n.id, ZERO)) for n in tree.top), ZERO)
    return MemberTotal(values, top, checked)


def uncapped(node: Node, tree: Tree, values: Mapping[str, Decimal]) -> Decimal:
    """What a section's children add before its cap (for TD305)."""
    by_id = tree.by_id
    return sum((_signed(node.kind, by_id[c], values.get(c, ZERO)) for c in node.children), ZERO)


def _section(node: Node, children: Sequence[Node], values: Mapping[str, Decimal]) -> Decimal:
    total = sum((_signed(node.kind, c, values.get(c.id, ZERO)) for c in children), ZERO)
    if node.kind != "points":
        total = min(total, node.max_points)
    return total


def _signed(section_kind: str, child: Node, value: Decimal) -> Decimal:
    if child.kind == section_kind or child.kind == "bonus":
        return value
    return -value  # a penalty inside a points or bonus section
