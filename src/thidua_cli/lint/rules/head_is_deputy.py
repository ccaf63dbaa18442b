"""The bloc head is also listed as a deputy.

What it does: checks that `bloc.head` does not appear in `bloc.deputies`.

Why it matters: the head (khối trưởng) and the deputies (khối phó) are
different roles elected each year; one member cannot hold both.

Example:

```yaml
bloc:
  head: lmhtxvn
  deputies: [lmhtxvn, btc]
```

Use instead: `deputies: [btc]`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD106"
NAME = "head-is-deputy"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    bloc = ctx.plan.bloc
    for i, deputy in enumerate(bloc.deputies):
        if deputy == bloc.head:
            yield Hit(("bloc", "deputies", i), NAME, {"id": deputy})
