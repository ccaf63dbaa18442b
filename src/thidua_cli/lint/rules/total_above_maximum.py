"""A member's total for a section, or its grand total, is above the most it can be.

What it does: for each member whose leaf scores are all within range
(TD302 reports the others), reports a points section whose total is above
its `max_points` (bonus sub-criteria inside it push it over) and a grand
total above the most the criteria allow (every points section full plus
every bonus). Sections whose given maximum disagrees with their children
are TD308's.

Why it matters: a section's maximum is what the printed table promises; a
member above it ranks above members the table says cannot be beaten, and the
ranking decides the nominations.

Example:

```yaml
criteria:
  - id: phong-trao
    title: Tổ chức phong trào thi đua
    max_points: 20
    children:
      - {id: to-chuc, title: Tổ chức phát động, max_points: 20}
      - {id: dien-hinh, title: Điển hình tiên tiến, kind: bonus, max_points: 2}
scores:
  btc: {to-chuc: 20, dien-hinh: 2}
```

Use instead: the bonus as its own top-level section (`kind: bonus`), or a
score that keeps the section within 20.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from .score_out_of_range import num

CODE = "TD307"
NAME = "total-above-maximum"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.criteria:  # no tree to judge (and scoring's modules not loaded)
        return
    tree = ctx.tree
    sections = [n for n in tree.nodes if not n.leaf and n.kind == "points"]
    top = tree.maximum()
    leaves = {n.id: n.max_points for n in tree.leaves}
    sections = [n for n in sections if n.given_max in (None, n.children_max)]
    for member, total in ctx.totals.items():
        if any(v < 0 or v > leaves[c] for c, v in total.values.items() if c in leaves):
            continue
        over = False
        for node in sections:
            value = total.values.get(node.id)
            if value is not None and value > node.max_points:
                over = True
                yield Hit(("scores", member), NAME, {
                    "member": member, "criterion": node.id, "value": num(value),
                    "max": num(node.max_points)}, at="key")
        if not over and total.total > top:  # one cause, one finding
            yield Hit(("scores", member), f"rule.{NAME}_total", {
                "member": member, "value": num(total.total), "max": num(top)}, at="key")
