"""A score is given for a criterion that has sub-criteria.

What it does: reports each score in `scores` whose criterion has `children`.

Why it matters: a section's points are the sum of its sub-criteria; a score
typed on the section is either counted twice or not at all, and the table
no longer adds up the way the bloc's scoring table does.

Example:

```yaml
criteria:
  - id: nhiem-vu
    title: Thực hiện nhiệm vụ
    children:
      - {id: chuyen-mon, title: Nhiệm vụ chuyên môn, max_points: 40}
      - {id: cai-cach, title: Cải cách hành chính, max_points: 20}
scores:
  btc: {nhiem-vu: 55}
```

Use instead: scores for the leaves, `btc: {chuyen-mon: 37, cai-cach: 18}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit

CODE = "TD304"
NAME = "score-on-parent"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.criteria:  # no tree to judge (and scoring's modules not loaded)
        return
    nodes = ctx.tree.by_id
    for member, points in ctx.plan.scores.items():
        for criterion in points:
            node = nodes.get(criterion)
            if node is not None and not node.leaf:
                yield Hit(("scores", member, criterion), NAME,
                          {"criterion": criterion, "children": ", ".join(node.children)},
                          at="key")
