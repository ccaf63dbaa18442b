"""The ranking: final totals, shared ranks, then the bloc's tie-break order.

Equal totals share a rank and the next rank skips (1, 2, 2, 4: "standard
competition ranking", as in sport and in emulation results). When the plan
gives ``ranking.tie_break`` (criterion ids), members with equal totals are
compared on those criteria in order, higher first; the first criterion that
differs decides (``Standing.decided_by``), and only members equal on all of
them still share a rank. Members with equal standing are listed by name in
Vietnamese dictionary order; members without any score come last, unranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..collation import sort_key
from ..model import Plan
from .total import MemberTotal, member_total
from .tree import Tree, build_tree


@dataclass(frozen=True)
class Standing:
    """One member's place. ``decided_by`` is the tie-break criterion that put it
    below a member with the same total (None when the totals differ or tie)."""

    member: str
    final: MemberTotal | None
    own: MemberTotal | None
    rank: int | None
    decided_by: str | None = None
    shared: bool = False


def standings(plan: Plan, tree: Tree | None = None) -> tuple[Standing, ...]:
    """Every member, best first; unscored members last."""
    tree = tree or build_tree(plan.criteria)
    order = list(plan.ranking.tie_break) if plan.ranking else []
    names = plan.member_names()
    scored: list[tuple[tuple[Decimal, ...], Standing]] = []
    unscored: list[Standing] = []
    for m in plan.bloc.members:
        points = plan.scores.get(m.id)
        final = member_total(tree, points) if points is not None else None
        if points is None or final is None:
            unscored.append(Standing(m.id, None, None, None))
            continue
        key = (final.total, *(final.values.get(c, Decimal(0)) for c in order))
        scored.append((key, Standing(m.id, final, member_total(tree, points, "self"), None)))
    scored.sort(key=lambda pair: ([-k for k in pair[0]], sort_key(names[pair[1].member])))
    out: list[Standing] = []
    place = 0
    for position, (key, row) in enumerate(scored, start=1):
        previous = scored[position - 2][0] if position > 1 else None
        following = scored[position][0] if position < len(scored) else None
        if key != previous:
            place = position
        decided = None
        if previous is not None and key != previous and key[0] == previous[0]:
            decided = next(c for c, a, b in zip(order, key[1:], previous[1:], strict=True)
                           if a != b)
        shared = key in (previous, following)
        out.append(Standing(row.member, row.final, row.own, place, decided, shared))
    unscored.sort(key=lambda row: sort_key(names[row.member]))
    return tuple(out + unscored)
