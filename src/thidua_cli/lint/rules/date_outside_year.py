"""A task's deadline or an activity's date falls outside the plan year.

What it does: checks each task's `due` and each activity's `date` or
`month` against `year`.

Why it matters: a year's plan covers that year; a date in another year is
usually a typo (2021 for 2022) carried over from last year's plan.

Example:

```yaml
year: 2022
tasks:
  - {id: so-ket, title: Sơ kết 6 tháng, due: 2021-06-30}
```

Use instead: `due: 2022-06-30`, or move the task to the right year's plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD201"
NAME = "date-outside-year"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    year = ctx.plan.year
    for t, task in enumerate(ctx.plan.tasks):
        if task.due is not None and task.due.year != year:
            yield Hit(("tasks", t, "due"), NAME, {"value": task.due.isoformat(), "year": year})
    for e, event in enumerate(ctx.plan.events):
        if event.date is not None and event.date.year != year:
            yield Hit(("events", e, "date"), NAME, {"value": event.date.isoformat(),
                                                    "year": year})
        if event.month is not None and event.month.year != year:
            yield Hit(("events", e, "month"), NAME, {"value": str(event.month), "year": year})
