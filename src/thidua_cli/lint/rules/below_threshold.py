"""A nominee whose votes are below its award's threshold.

What it does: for each award with a threshold (shipped in `data/awards.toml`
or set in the configuration's `[awards."<title>"]`) whose `votes` are
recorded, checks that every member proposed in `members` has a tally, and
that its agreeing votes reach the threshold: for Cờ thi đua của Chính phủ,
at least 80% of all the bloc's members, present or not (absent members vote
in writing).

Why it matters: a proposal whose vote falls short of the decree's threshold
is returned by the Central Council; the biên bản and the tờ trình would
state a result the law does not allow.

Example:

```yaml
awards:
  - title: Cờ thi đua của Chính phủ
    members: [bnv]
    votes:
      bnv: {agree: 1, disagree: 1}   # 1 of 2 members: 50%
```

Use instead: propose only the members whose vote passed (both of 2 here,
at least 8 of 9 in a bloc of nine), or correct the tally to what the
minutes record.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._votes import awards, share_text

CODE = "TD601"
NAME = "below-threshold"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.awards:
        return
    from ...votes.tally import judge, percent

    members = len(ctx.plan.bloc.members)
    for a, award, rule in awards(ctx):
        if rule is None or rule.threshold is None or not award.votes:
            continue
        for i, member in enumerate(award.members):
            tally = award.votes.get(member)
            loc = ("awards", a, "members", i)
            if tally is None:
                yield Hit(loc, "vote.no_tally", {"id": member, "award": award.title},
                          hint="vote.no_tally_hint", hint_args={"id": member})
                continue
            result = judge(tally.agree, tally.disagree, rule, members)
            if not result.passed:
                message = NAME if rule.of == "members" else "vote.below_threshold_votes"
                yield Hit(loc, message, {
                    "id": member, "agree": tally.agree, "base": result.base,
                    "share": share_text(percent(result.share)),
                    "threshold": share_text(float(rule.threshold)),
                    "award": award.title,
                    "source": rule.source or "-"}, hint="vote.below_threshold_hint")
