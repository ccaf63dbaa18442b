"""A date is outside the years a plan can mean (before 1900 or after 2100).

What it does: checks every date and month of the plan (the document's date,
each legal basis's date, task deadlines, activity dates and months, the
year-end report's date and its bình xét meeting's) against the window
1 January 1900 to 31 December 2100.

Why it matters: no emulation plan is dated in 0001 or 9999; such a date is a
typo or a placeholder (`9999-12-31` for "no deadline"), and tools that move
or count dates (`thidua new --from`, the overdue count, calendars that read
the Markdown chart) cannot work with it. The window is wide on purpose: the
oldest legal bases a plan cites are from the twentieth century, and a plan
for 2100 is already far ahead.

Example:

```yaml
tasks:
  - {id: so-ket, title: Sơ kết 6 tháng, due: 9999-12-31}
```

Use instead: the real deadline (`due: 2022-06-30`), or leave `due` out when
there is none.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ...dates import EARLIEST_YEAR, LATEST_YEAR, Month
from ..context import Context
from ..finding import Hit

CODE = "TD205"
NAME = "date-out-of-range"
SEVERITY = "error"

#: The first and last year a plan's date may be in.
EARLIEST = EARLIEST_YEAR
LATEST = LATEST_YEAR


def check(ctx: Context) -> Iterator[Hit]:
    plan = ctx.plan
    found: list[tuple[tuple[str | int, ...], date | Month | None]] = []
    if plan.document is not None:
        found.append((("document", "date"), plan.document.date))
    found += [(("basis", b, "date"), basis.date) for b, basis in enumerate(plan.basis)]
    found += [(("tasks", t, "due"), task.due) for t, task in enumerate(plan.tasks)]
    for e, event in enumerate(plan.events):
        found += [(("events", e, "date"), event.date), (("events", e, "month"), event.month)]
    if plan.review is not None:
        found.append((("review", "date"), plan.review.date))
        # The minutes (biên bản) print it: "năm 9999" linted clean.
        if plan.review.meeting is not None:
            found.append((("review", "meeting", "date"), plan.review.meeting.date))
    for where, value in found:
        if value is not None and not EARLIEST <= value.year <= LATEST:
            shown = value.isoformat() if isinstance(value, date) else str(value)
            yield Hit(where, NAME, {"value": shown, "first": EARLIEST, "last": LATEST})
