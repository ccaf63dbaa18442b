"""A task names an objective the plan does not have.

What it does: checks each id in a task's `objectives` against the plan's
`objectives`.

Why it matters: the document links tasks to the purposes they serve; a broken
link leaves a task serving nothing, and hides the objective from its tasks.

Example:

```yaml
tasks:
  - id: thi-dua
    title: Thi đua hoàn thành xuất sắc nhiệm vụ
    objectives: [hoan-thanh-nhiem-vu]
```

Use instead: an id defined under `objectives:`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._refs import unknown

CODE = "TD102"
NAME = "unknown-objective"
SEVERITY = "error"
# Run on a plan read in part only when nothing was left out of these (lint/partial.py).
INTACT = ("objectives",)


def check(ctx: Context) -> Iterator[Hit]:
    for t, task in enumerate(ctx.plan.tasks):
        for i, ref in enumerate(task.objectives):
            if ref not in ctx.objective_ids:
                yield unknown(ctx.hints, ("tasks", t, "objectives", i), NAME, ref,
                              ctx.objective_ids)
