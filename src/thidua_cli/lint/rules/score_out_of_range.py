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
from decimal import Decimal

from ...model import LeafScore
from ..context import Context
from ..finding import Hit

CODE = "TD302"
NAME = "score-out-of-range"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.criteria:  # no tree to judge (and scoring's modules not loaded)
        return
    from ...scoring.tree import dec

    maximum = {n.id: n.max_points for n in ctx.tree.leaves}
    for member, points in ctx.plan.scores.items():
        for criterion, score in points.items():
            top = maximum.get(criterion)
            if top is None:
                continue
            values: list[tuple[str | None, float | None]] = [(None, score)] if not isinstance(
                score, LeafScore) else [("self", score.self_score), ("final", score.final)]
            for field, value in values:
                if value is not None and not 0 <= dec(value) <= top:
                    loc = ("scores", member, criterion) + ((field,) if field else ())
                    yield Hit(loc, NAME, {"value": num(value), "max": num(top),
                                          "criterion": criterion})


def num(value: float | Decimal) -> str:
    """A number as the plan writes it: ``20``, ``28.5``."""
    from ...scoring.tree import dec

    return str(int(value)) if float(value).is_integer() else str(dec(value))
