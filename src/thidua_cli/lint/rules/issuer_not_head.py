"""The document's issuer is not the bloc head's letterhead.

What it does: when the head member (`bloc.head`) has a `letterhead`, checks
that `document.issuer` is that letterhead's issuer (letter case and spacing
aside).

Why it matters: the bloc head issues the year's plan. A plan rolled over
with a new head but the old head's letterhead, place and signer contradicts
itself: section III names one body as head while another signs.
`thidua new --head X` moves the letterhead when members carry their own.

Example:

```yaml
document:
  issuer: ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
  symbol: KH-UBND
  place: Đắk Lắk
bloc:
  head: gia-lai
  members:
    - id: gia-lai
      name: Ủy ban nhân dân tỉnh Gia Lai
      letterhead: {issuer: ỦY BAN NHÂN DÂN TỈNH GIA LAI}
```

Use instead: the head's letterhead (`issuer: ỦY BAN NHÂN DÂN TỈNH GIA LAI`,
with its symbol, place and signer), or the head the letterhead belongs to.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD107"
NAME = "issuer-not-head"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    from ...text import fold

    plan = ctx.plan
    if plan.document is None:
        return
    head = next((m for m in plan.bloc.members if m.id == plan.bloc.head), None)
    if head is None or head.letterhead is None:
        return
    if fold(plan.document.issuer) != fold(head.letterhead.issuer):
        yield Hit(("document", "issuer"), NAME,
                  {"issuer": plan.document.issuer, "head": head.id,
                   "letterhead": head.letterhead.issuer}, hint="hint.issuer_not_head")
