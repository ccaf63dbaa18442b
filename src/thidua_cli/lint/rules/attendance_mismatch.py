"""The meeting's present and absent lists do not cover the members exactly once.

What it does: when the plan has `review.meeting`, checks that every member of
the bloc is in `present` or in `absent`, and in only one of them, once.

Why it matters: the minutes must say who attended and who was absent (whose
written opinion is then counted); a member in neither list, or in both,
makes the vote's count of voters wrong.

Example:

```yaml
review:
  meeting:
    date: 2022-12-15
    place: Hà Nội
    chair: {name: Lê Văn Nghị, position: Phó Chủ tịch}
    secretary: {name: Nguyễn Thị Lan, position: Chánh Văn phòng}
    present: [btc]
    absent: []              # bnv is in neither
```

Use instead: list every member once: `absent: [bnv]`, or add `bnv` to
`present`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD604"
NAME = "attendance-mismatch"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    plan = ctx.plan
    meeting = plan.review.meeting if plan.review is not None else None
    if meeting is None:
        return
    seen: dict[str, str] = {}
    for field in ("present", "absent"):
        for i, member in enumerate(getattr(meeting, field)):
            if member in seen:
                yield Hit(("review", "meeting", field, i), "vote.attendance_twice",
                          {"id": member, "first": seen[member], "field": field})
            else:
                seen[member] = field
    for member in plan.bloc.members:
        if member.id not in seen:
            yield Hit(("review", "meeting"), NAME, {"id": member.id}, at="key",
                      hint="vote.attendance_hint")
