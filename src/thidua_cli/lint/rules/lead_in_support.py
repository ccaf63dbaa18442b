"""A task's lead is also listed among its supporting members.

What it does: checks that a task's `lead` does not appear in its `support`.

Why it matters: the document prints both lists, so the member reads as
leading and supporting the same task ("Đơn vị chủ trì: Sở ... Lâm Đồng.
Đơn vị phối hợp: Sở ... Lâm Đồng."), which a reader takes for a mistake.

Example:

```yaml
tasks:
  - id: tap-huan
    title: Tập huấn nghiệp vụ thi đua, khen thưởng
    lead: lamdong
    support: [lamdong, daklak]
```

Use instead: `support: [daklak]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD109"
NAME = "lead-in-support"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    for t, task in enumerate(ctx.plan.tasks):
        for i, member in enumerate(task.support):
            if member == task.lead:
                yield Hit(("tasks", t, "support", i), NAME, {"id": member},
                          hint="hint.lead_in_support")
