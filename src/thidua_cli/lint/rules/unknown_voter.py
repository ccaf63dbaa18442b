"""A candidate voted on, or a member at the meeting, that is not a member of the bloc.

What it does: checks the member ids that key an award's `votes`, and those in
`review.meeting.present` and `review.meeting.absent`, against `bloc.members`.
(The proposed `members` of an award are checked by TD101.)

Why it matters: a tally under a mistyped id is a vote for nobody: the
nominee shows no votes, and the attendance list does not add up.

Example:

```yaml
review:
  meeting:
    date: 2022-12-15
    place: Hà Nội
    chair: {name: Lê Văn Nghị, position: Phó Chủ tịch}
    secretary: {name: Nguyễn Thị Lan, position: Chánh Văn phòng}
    present: [btc, bvn]
    absent: [bnv]
```

Use instead: ids from `bloc.members` (here `bnv`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._refs import unknown

CODE = "TD603"
NAME = "unknown-voter"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    plan, known = ctx.plan, ctx.member_ids
    for a, award in enumerate(plan.awards):
        for member in award.votes:
            if member not in known:
                yield unknown(ctx.hints, ("awards", a, "votes", member), NAME, member, known,
                              at="key")
    meeting = plan.review.meeting if plan.review is not None else None
    if meeting is None:
        return
    for field in ("present", "absent"):
        for i, member in enumerate(getattr(meeting, field)):
            if member not in known:
                yield unknown(ctx.hints, ("review", "meeting", field, i), NAME, member, known)
