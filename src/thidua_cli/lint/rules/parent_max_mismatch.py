"""A section's given `max_points` disagrees with its sub-criteria.

What it does: for a points section with `children` and its own
`max_points`, reports a maximum different from the sum of its children's;
for a bonus or penalty section, a cap above what its children can add.

Why it matters: the printed table shows both numbers; members score against
the sub-criteria and the section then adds up to something the table says
is impossible (or never reaches what it promises).

Example:

```yaml
criteria:
  - id: nhiem-vu
    title: Thực hiện nhiệm vụ
    max_points: 50
    children:
      - {id: chuyen-mon, title: Nhiệm vụ chuyên môn, max_points: 40}
      - {id: cai-cach, title: Cải cách hành chính, max_points: 20}
```

Use instead: `max_points: 60`, or leave it out (the sum is taken).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from .score_out_of_range import num

CODE = "TD308"
NAME = "parent-max-mismatch"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.plan.criteria:  # no tree to judge (and scoring's modules not loaded)
        return
    for node in ctx.tree.nodes:
        given, children = node.given_max, node.children_max
        if given is None or children is None:
            continue
        if node.kind == "points" and given != children:
            yield Hit((*node.path, "max_points"), NAME, {
                "criterion": node.id, "value": num(given), "sum": num(children)})
        elif node.kind != "points" and given > children:
            yield Hit((*node.path, "max_points"), "rule.parent-max-mismatch_cap", {
                "criterion": node.id, "value": num(given), "sum": num(children)})
