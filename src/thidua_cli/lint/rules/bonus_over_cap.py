"""A member's bonus or penalty points add up to more than their section's cap.

What it does: for each bonus or penalty section with sub-criteria, adds up a
member's points for its sub-criteria and reports a sum above the section's
`max_points` (its cap). A single sub-criterion above its own maximum is
TD302's.

Why it matters: blocs cap bonus and deduction points ("điểm thưởng tối đa 5
điểm") so that they cannot outweigh the work itself; thidua counts the
section at its cap, and the member's sheet, which shows the plain sum,
then disagrees with the report.

Example:

```yaml
criteria:
  - id: thuong
    title: Điểm thưởng
    kind: bonus
    max_points: 5
    children:
      - {id: sang-kien, title: Sáng kiến được công nhận, max_points: 3}
      - {id: khen-thuong, title: Được khen thưởng đột xuất, max_points: 3}
scores:
  btc: {sang-kien: 3, khen-thuong: 3}
```

Use instead: points that stay within the cap (`khen-thuong: 2`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from .score_out_of_range import num

CODE = "TD305"
NAME = "bonus-over-cap"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.criteria:  # no tree to judge (and scoring's modules not loaded)
        return
    from ...scoring.total import uncapped

    tree = ctx.tree
    capped = [n for n in tree.nodes if not n.leaf and n.kind != "points"]
    if not capped:
        return
    for member, total in ctx.totals.items():
        for node in capped:
            added = uncapped(node, tree, total.values)
            if added > node.max_points:
                yield Hit(("scores", member), NAME, {
                    "member": member, "criterion": node.id, "value": num(added),
                    "max": num(node.max_points),
                    "kind": "bonus" if node.kind == "bonus" else "penalty"}, at="key")
