"""A legal basis, or the bình xét meeting, is dated after the document that cites it.

What it does: compares each `basis` date with `document.date`, when the
document has one; and, when the plan has `awards`, the bình xét meeting's
date (`review.meeting.date`) with the year-end report's (`review.date`).

Why it matters: a document can only be based on texts issued before it; a
later date is a typo in one of the two dates. The year-end report proposes
the awards the bình xét meeting voted on, and prints their votes: a report
dated before the meeting states the result of a vote not yet held.

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
    yield from _meeting(ctx)
    document = ctx.plan.document
    if document is None or document.date is None:
        return
    for i, basis in enumerate(ctx.plan.basis):
        if basis.date is not None and basis.date > document.date:
            yield Hit(("basis", i, "date"), NAME, {
                "number": basis.number, "value": basis.date.isoformat(),
                "document": document.date.isoformat()})


def _meeting(ctx: Context) -> Iterator[Hit]:
    review = ctx.plan.review
    if review is None or review.date is None or review.meeting is None or not ctx.plan.awards:
        return
    if review.meeting.date > review.date:
        yield Hit(("review", "meeting", "date"), "vote.meeting_after_review", {
            "value": review.meeting.date.isoformat(), "review": review.date.isoformat()},
            hint="vote.meeting_after_review_hint")
