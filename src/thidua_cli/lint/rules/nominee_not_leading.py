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

from ..context import Context
from ..finding import Hit
from ._votes import awards

CODE = "TD606"
NAME = "nominee-not-leading"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    ranking = None
    for a, award, rule in awards(ctx):
        if rule is None or not rule.leads or not award.members:
            continue
        if ranking is None:
            # Imported here: the report package is 6% of a one-plan lint's
            # start-up, and most plans have no award to rank for.
            from ...report.ranking import rank

            ranking = [r for r in rank(ctx.plan) if r.scored]
        by_id = {r.member: r for r in ranking}
        nominated = set(award.members)
        for i, member in enumerate(award.members):
            row = by_id.get(member)
            if row is None or row.total is None:
                continue
            above = [r for r in ranking if r.member not in nominated
                     and r.total is not None and r.total > row.total]
            if above:
                yield Hit(("awards", a, "members", i), NAME, {
                    "id": member, "rank": row.rank, "award": award.title,
                    "leader": above[0].member, "leader_rank": above[0].rank})
