"""A score below zero or above its criterion's maximum.

What it does: checks each number in `scores` against 0 and the criterion's
`max_points`.

Why it matters: one out-of-range score changes the ranking and so the
nominations for the Government's emulation flag.

Example:

```yaml
criteria:
  - {id: khoi, title: Tham gia hoạt động của Khối, max_points: 20}
scores:
  btc: {khoi: 25}
```

Use instead: a score from 0 to 20.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD302"
NAME = "score-out-of-range"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    maximum = {c.id: c.max_points for c in ctx.plan.criteria}
    for member, points in ctx.plan.scores.items():
        for criterion, value in points.items():
            top = maximum.get(criterion)
            if top is not None and not 0 <= value <= top:
                yield Hit(("scores", member, criterion), NAME, {
                    "value": _num(value), "max": _num(top), "criterion": criterion})


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
