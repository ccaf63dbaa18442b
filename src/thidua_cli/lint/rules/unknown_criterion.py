"""A score or the tie-break order names a criterion the plan does not define.

What it does: checks the criterion keys under each member in `scores`, and
the ids in `ranking.tie_break`, against the ids in `criteria` (at any depth).

Why it matters: points for an unknown criterion count towards no column of
the scoring table, so the member's total is wrong; an unknown tie-break
criterion silently decides nothing between members with equal totals.

Example:

```yaml
criteria:
  - {id: khoi, title: Tham gia hoạt động của Khối, max_points: 20}
scores:
  btc: {khio: 18}
```

Use instead: `btc: {khoi: 18}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._refs import unknown

CODE = "TD104"
NAME = "unknown-criterion"
SEVERITY = "error"
# Run on a plan read in part only when nothing was left out of these (lint/partial.py).
INTACT = ("criteria",)


def check(ctx: Context) -> Iterator[Hit]:
    for member, points in ctx.plan.scores.items():
        for criterion in points:
            if criterion not in ctx.criterion_ids:
                yield unknown(ctx.hints, ("scores", member, criterion), NAME, criterion,
                              ctx.criterion_ids, at="key")
    if ctx.plan.ranking is not None:
        for i, criterion in enumerate(ctx.plan.ranking.tie_break):
            if criterion not in ctx.criterion_ids:
                yield unknown(ctx.hints, ("ranking", "tie_break", i), f"rule.{NAME}_tie_break",
                              criterion, ctx.criterion_ids)
