"""A tally with more votes than there are voters.

What it does: checks that each candidate's `agree` and `disagree` votes
together are no more than the bloc's members (every member votes once,
absent ones in writing).

Why it matters: a tally larger than the electorate is a typing mistake in the
minutes, and it would pass a nominee who did not have the votes.

Example:

```yaml
awards:
  - title: Cờ thi đua của Chính phủ
    members: [bnv]
    votes:
      bnv: {agree: 2, disagree: 1}   # the bloc has 2 members
```

Use instead: the tally the minutes record, at most 2 votes in all (one a
member).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD602"
NAME = "too-many-votes"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    voters = len(ctx.plan.bloc.members)
    for a, award in enumerate(ctx.plan.awards):
        for member, tally in award.votes.items():
            cast = tally.agree + tally.disagree
            if cast > voters:
                yield Hit(("awards", a, "votes", member), NAME,
                          {"id": member, "cast": cast, "voters": voters}, at="key")
