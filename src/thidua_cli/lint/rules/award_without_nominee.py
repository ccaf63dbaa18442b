"""An award that proposes no member, with no vote that explains why.

What it does: for each award whose `members` is empty (or left out), reports
it when no vote is recorded for it, or when a candidate's recorded vote
reached the award's threshold. An award voted on whose candidates all fell
short proposes nobody rightly, and is not reported.

Why it matters: an award that proposes nobody says nothing in the tờ trình
(it is left out) and the ballots (no candidate), while the biên bản
concludes "không có đơn vị đủ điều kiện đề nghị": a result no vote gave, or
the opposite of the one the minutes' table shows for a candidate who passed.

Example:

```yaml
awards:
  - title: Cờ thi đua của Chính phủ
    members: []
```

Use instead: the members proposed (`members: [bnv]`), or leave the award out
until it is voted on.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._votes import awards, share_text

CODE = "TD607"
NAME = "award-without-nominee"
SEVERITY = "warning"
# An award whose `members` did not fit the schema is read without them: no finding then.
INTACT = ("awards",)


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.awards:
        return
    from ...votes.tally import judge, percent

    voters = len(ctx.plan.bloc.members)
    for a, award, rule in awards(ctx):
        if award.members:
            continue
        if not award.votes:
            yield Hit(("awards", a, "members"), NAME, {"award": award.title}, at="key",
                      hint="vote.without_nominee_hint")
            continue
        for member, tally in award.votes.items():
            result = judge(tally.agree, tally.disagree, rule, voters)
            if result.passed:
                yield Hit(("awards", a, "votes", member), "vote.passed_not_proposed", {
                    "award": award.title, "id": member, "agree": tally.agree,
                    "base": result.base, "share": share_text(percent(result.share))},
                    at="key", hint="vote.passed_not_proposed_hint", hint_args={"id": member})
