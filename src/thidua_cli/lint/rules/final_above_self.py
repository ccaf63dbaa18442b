"""The bloc's final score is above the member's own score, with no note saying why.

What it does: reports each score written as `{self, final}` whose `final`
is greater than `self` and which has no `note`.

Why it matters: checking (thẩm định) usually lowers a member's own score;
raising it happens (a member forgot evidence it later sent), but the record
should say so, or the raise looks like a typo, and at the review meeting
(bình xét) other members will ask.

Example:

```yaml
scores:
  btc:
    cai-cach: {self: 17, final: 18}
```

Use instead: `{self: 17, final: 18, note: "Bổ sung minh chứng ngày 10/12"}`,
or the intended final score.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import LeafScore
from ..context import Context
from ..finding import Hit
from .score_out_of_range import num

CODE = "TD306"
NAME = "final-above-self"
SEVERITY = "warning"


def check(ctx: Context) -> Iterator[Hit]:
    for member, points in ctx.plan.scores.items():
        for criterion, score in points.items():
            if not isinstance(score, LeafScore) or score.note:
                continue
            own, final = score.self_score, score.final
            if own is not None and final is not None and final > own:
                yield Hit(("scores", member, criterion, "final"), NAME, {
                    "criterion": criterion, "final": num(final), "self": num(own)})
