"""A member left out of the scoring table once scoring has begun.

What it does: when the plan has criteria and at least one member has
scores, reports each member with no scores at all (at the member in
`bloc.members`) and each scored member missing a criterion (at its entry in
`scores`).

Why it matters: the year-end report ranks the members by their totals; a
member without a score has no rank ("chưa có điểm chấm") and a missing
criterion lowers a total, so a gap changes who is nominated.

Example:

```yaml
criteria:
  - {id: nhiem-vu, title: Kết quả thực hiện nhiệm vụ, max_points: 60}
  - {id: khoi, title: Tham gia hoạt động của Khối, max_points: 10}
scores:
  btc: {nhiem-vu: 58, khoi: 9}
  bnv: {nhiem-vu: 55}
```

Use instead: a score for every criterion of every member (`bnv: {nhiem-vu:
55, khoi: 8}`), and a `scores` entry for each member of the bloc.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD303"
NAME = "member-without-score"
SEVERITY = "warning"
# Run on a plan read in part only when nothing was left out of these (lint/partial.py).
INTACT = ("scores",)


def check(ctx: Context) -> Iterator[Hit]:
    plan = ctx.plan
    if not plan.criteria or not plan.scores:
        return
    # Bonus and penalty are earned, not owed: only points leaves need a score.
    criteria = [n.id for n in ctx.tree.leaves if n.kind == "points"]
    for i, member in enumerate(plan.bloc.members):
        points = plan.scores.get(member.id)
        if points is None:
            yield Hit(("bloc", "members", i, "id"), "report_cmd.member_without_score",
                      {"id": member.id})
            continue
        missing = [c for c in criteria if c not in points]
        if missing:
            yield Hit(("scores", member.id), "report_cmd.member_missing_criterion",
                      {"id": member.id, "criteria": ", ".join(missing)}, at="key")
