"""A nominee for the Cờ thi đua ranked below a member that is not nominated.

What it does: for each award that goes to the members leading the bloc (`leads`
in `data/awards.toml`: Cờ thi đua của Chính phủ, the ministries' and
provinces' flags), compares each scored nominee with the ranking: a member
with a higher total that is not nominated is reported.

Why it matters: Luật Thi đua, khen thưởng 2022, Điều 26 gives the Cờ thi đua
của Chính phủ to collectives that lead the emulation bloc; a proposal that
passes over the leader needs a reason the Council will ask for. It is a
warning: the bloc may have one (a tie broken by the head and deputies, a
leader already proposed for a higher award).

Example:

```yaml
criteria:
  - {id: khoi, title: Tham gia hoạt động của Khối, max_points: 100}
scores:
  btc: {khoi: 98}           # first
  bnv: {khoi: 97}           # second
awards:
  - title: Cờ thi đua của Chính phủ
    members: [bnv]
```

Use instead: `members: [btc]`, or a `note` that gives the bloc's reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from ..context import Context
from ..finding import Hit
from ._votes import awards

CODE = "TD606"
NAME = "nominee-not-leading"
SEVERITY = "warning"


class _Place(NamedTuple):
    member: str
    total: Decimal
    key: tuple[Decimal, ...]  # what the ranking compares: the total, then the tie-break
    rank: int
    order: int  # in the bloc's list: the last of the ranking's orders


def check(ctx: Context) -> Iterator[Hit]:
    ranking = None
    for a, award, rule in awards(ctx):
        if rule is None or not rule.leads or not award.members:
            continue
        ranking = ranking if ranking is not None else _ranking(ctx)
        by_id = {p.member: p for p in ranking}
        nominated = set(award.members)
        for i, member in enumerate(award.members):
            place = by_id.get(member)
            if place is None:
                continue
            above = [p for p in ranking if p.member not in nominated and p.total > place.total]
            if above:
                leader = _first(above, ctx)
                yield Hit(("awards", a, "members", i), NAME, {
                    "id": member, "rank": place.rank, "award": award.title,
                    "leader": leader.member, "leader_rank": leader.rank})


def _ranking(ctx: Context) -> list[_Place]:
    """The scored members with their ranks as ``scoring.ranking.standings``
    gives them, from the totals the context has (``ctx.totals``), in the bloc's
    order: a rank is one more than the members with a greater total (or an equal
    total and a better tie-break), so no sort by name is needed for it."""
    plan = ctx.plan
    order = plan.ranking.tie_break if plan.ranking else []
    zero = Decimal(0)
    scored = []
    for index, member in enumerate(plan.bloc.members):
        final = ctx.totals.get(member.id)
        if final is not None:
            key = (final.total, *(final.values.get(c, zero) for c in order))
            scored.append((member.id, final.total, key, index))
    rank: dict[tuple[Decimal, ...], int] = {}
    for position, key in enumerate(sorted((k for _, _, k, _ in scored), reverse=True), 1):
        rank.setdefault(key, position)
    return [_Place(m, total, key, rank[key], index) for m, total, key, index in scored]


def _first(places: list[_Place], ctx: Context) -> _Place:
    """The one of ``places`` the ranking lists first: the best key, then the
    name in Vietnamese dictionary order, then the bloc's order."""
    best = max(p.key for p in places)
    tied = [p for p in places if p.key == best]
    if len(tied) == 1:
        return tied[0]
    from ...collation import sort_key

    names = ctx.plan.member_names()
    return min(tied, key=lambda p: (sort_key(names[p.member]), p.order))
