"""An objective that no task serves.

What it does: reports each objective whose id no task lists in its
`objectives`.

Why it matters: a purpose stated in section I with nothing planned for it in
section II is a promise the plan does not keep.

Example:

```yaml
objectives:
  - {id: doan-ket, text: Thắt chặt mối quan hệ đoàn kết giữa các thành viên}
tasks:
  - {id: tap-huan, title: Tập huấn nghiệp vụ}
```

Use instead: `objectives: [doan-ket]` on the tasks that serve it, or drop
the objective.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD301"
NAME = "objective-without-task"
SEVERITY = "warning"
# Run on a plan read in part only when nothing was left out of these (lint/partial.py).
INTACT = ("tasks",)


def check(ctx: Context) -> Iterator[Hit]:
    served = {ref for task in ctx.plan.tasks for ref in task.objectives}
    for i, objective in enumerate(ctx.plan.objectives):
        if objective.id not in served:
            yield Hit(("objectives", i, "id"), NAME, {"id": objective.id})
