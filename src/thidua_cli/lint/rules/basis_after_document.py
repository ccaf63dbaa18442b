"""A legal basis is dated after the document that cites it.

What it does: compares each `basis` date with `document.date`, when the
document has one.

Why it matters: a document can only be based on texts issued before it; a
later date is a typo in one of the two dates.

Example:

```yaml
document: {issuer: LIÊN MINH HỢP TÁC XÃ VIỆT NAM, symbol: KH-LMHTXVN,
           place: Hà Nội, date: 2022-04-26}
basis:
  - {id: ct-07, number: 07/CT-TTg, date: 2024-03-19, issuer: Thủ tướng Chính phủ,
     title: "về việc đẩy mạnh phòng, chống tiêu cực"}
```

Use instead: the basis's real date (`2014-03-19`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD202"
NAME = "basis-after-document"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    document = ctx.plan.document
    if document is None or document.date is None:
        return
    for i, basis in enumerate(ctx.plan.basis):
        if basis.date is not None and basis.date > document.date:
            yield Hit(("basis", i, "date"), NAME, {
                "number": basis.number, "value": basis.date.isoformat(),
                "document": document.date.isoformat()})
