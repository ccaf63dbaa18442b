"""A task cites a legal basis the plan does not list.

What it does: checks each id in a task's `basis` against the plan's `basis`.

Why it matters: a document may only cite the legal bases it lists at its
head; a task citing an unlisted one cannot be traced to its source.

Example:

```yaml
tasks:
  - id: tuyen-truyen
    title: Tuyên truyền Chỉ thị 34-CT/TW
    basis: [ct-34]
```

Use instead: an id defined under `basis:` (for example `ct-34-tw`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._refs import unknown

CODE = "TD103"
NAME = "unknown-basis"
SEVERITY = "error"
# Run on a plan read in part only when nothing was left out of these (lint/partial.py).
INTACT = ("basis",)


def check(ctx: Context) -> Iterator[Hit]:
    for t, task in enumerate(ctx.plan.tasks):
        for i, ref in enumerate(task.basis):
            if ref not in ctx.basis_ids:
                yield unknown(ctx.hints, ("tasks", t, "basis", i), NAME, ref, ctx.basis_ids)
