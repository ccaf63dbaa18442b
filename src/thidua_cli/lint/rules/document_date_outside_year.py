"""The document's date does not fit the plan year.

What it does: checks that `document.date` lies in the plan year or in the
last quarter (October to December) of the year before.

Why it matters: a plan is issued early in its year, sometimes in the last
months of the year before; any other date is a typo or last year's header
left in place.

Example:

```yaml
year: 2022
document: {issuer: LIÊN MINH HỢP TÁC XÃ VIỆT NAM, symbol: KH-LMHTXVN,
           place: Hà Nội, date: 2021-04-26}
```

Use instead: `date: 2022-04-26`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD203"
NAME = "document-date-outside-year"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    document, year = ctx.plan.document, ctx.plan.year
    if document is None or document.date is None:
        return
    day = document.date
    if day.year == year or (day.year == year - 1 and day.month >= 10):
        return
    yield Hit(("document", "date"), NAME, {"value": day.isoformat(), "year": year})
