"""The scoring table: totals, competition ranks, Vietnamese order of names.

Equal totals share a rank and the next rank skips (1, 2, 2, 4: "standard
competition ranking", as in sport and in emulation results); members with
equal totals are listed by name in Vietnamese dictionary order. Members
without any score come last, unranked, also by name.
"""

from __future__ import annotations

from decimal import Decimal

from .. import points as exact
from ..collation import sort_key
from ..model import Plan
from .result import ScoreRow


def total(points: dict[str, float], criteria: list[str]) -> Decimal:
    # Exact decimals (points.total): 0.1 + 0.2 is 0.3, so equal totals tie.
    return exact.total(points[c] for c in criteria if c in points)


def rank(plan: Plan) -> tuple[ScoreRow, ...]:
    """One row per member, best first; unscored members last."""
    criteria = [c.id for c in plan.criteria]
    scored: list[tuple[Decimal, ScoreRow]] = []
    unscored: list[ScoreRow] = []
    for m in plan.bloc.members:
        points = plan.scores.get(m.id)
        if points is None:
            unscored.append(ScoreRow(m.id, m.name, m.short_name, tuple(None for _ in criteria),
                                     None, None))
            continue
        row = ScoreRow(m.id, m.name, m.short_name, tuple(points.get(c) for c in criteria),
                       total(points, criteria), None)
        scored.append((row.total or Decimal(0), row))
    scored.sort(key=lambda pair: (-pair[0], sort_key(pair[1].name)))
    rows: list[ScoreRow] = []
    previous: Decimal | None = None
    place = 0
    for position, (points_total, row) in enumerate(scored, start=1):
        if points_total != previous:
            place, previous = position, points_total
        rows.append(ScoreRow(row.member, row.name, row.short_name, row.scores, row.total, place))
    unscored.sort(key=lambda row: sort_key(row.name))
    return tuple(rows + unscored)
