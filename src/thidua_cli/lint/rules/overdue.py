"""A task or activity whose date has passed but that is not done.

What it does: compares each task's `due` and each activity's `date` (or the
last day of its `month`) with today (`--today`, the `today` setting, or the
system date) and reports those before it whose `status` is neither `done`
nor `cancelled`.

Why it matters: the plan in git is the secretariat's record of the year; a
past deadline still marked `planned` or `in_progress` is either late work or
a status nobody updated, and the year-end report is written from these
statuses.

Example:

```yaml
# checked on 2022-07-01
tasks:
  - {id: so-ket, title: Sơ kết 6 tháng, due: 2022-06-30, status: planned}
```

Use instead: `status: done` with a `result`, `status: cancelled`, or a new
`due` date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ...model import CLOSED
from ..context import Context
from ..finding import Hit

CODE = "TD204"
NAME = "overdue"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    today = ctx.today
    for t, task in enumerate(ctx.plan.tasks):
        if task.due is not None and task.due < today and task.status not in CLOSED:
            yield _hit(("tasks", t, "due"), task.id, task.due.isoformat(), task.status)
    for e, event in enumerate(ctx.plan.events):
        if event.status in CLOSED:
            continue
        if event.date is not None and event.date < today:
            yield _hit(("events", e, "date"), event.id, event.date.isoformat(), event.status)
        if event.month is not None:
            import calendar  # here: few plans date an event by its month

            year, month = event.month.year, event.month.month
            end = date(year, month, calendar.monthrange(year, month)[1])
            if end < today:
                yield _hit(("events", e, "month"), event.id, str(event.month), event.status)


def _hit(loc: tuple[str | int, ...], id_: str, when: str, status: str) -> Hit:
    return Hit(loc, "textrule.overdue", {"id": id_, "value": when, "status": status})
