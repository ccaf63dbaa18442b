"""A score is given for a criterion the plan does not define.

What it does: checks the criterion keys under each member in `scores`
against the ids in `criteria`.

Why it matters: points for an unknown criterion count towards no column of
the scoring table, so the member's total is wrong.

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
                yield unknown(("scores", member, criterion), NAME, criterion,
                              ctx.criterion_ids, at="key")
