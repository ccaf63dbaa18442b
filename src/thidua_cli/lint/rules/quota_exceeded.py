"""More nominees for an award than its quota allows.

What it does: for each award with a `quota` (set in the configuration's
`[awards."<title>"]`, or in `data/awards.toml`), checks that its `members`
are no more than the quota: the members proposed, each counted once, in every
entry of `awards` that names it (by its title or one of its aliases).

Why it matters: the Central Council allots each bloc a number of proposals
per award; a dossier over the quota is sent back as a whole.

Example:

```toml
# .thidua.toml
[awards."Cờ thi đua của Chính phủ"]
quota = 1
```

With that configuration (the shipped data sets no quota), this plan's
award has one nominee too many:

```yaml not-plan
awards:
  - title: Cờ thi đua của Chính phủ
    members: [btc, bnv]
```

Use instead: propose at most one member (the one that leads the ranking).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._votes import awards

CODE = "TD605"
NAME = "quota-exceeded"
SEVERITY = "error"


def check(ctx: Context) -> Iterator[Hit]:
    # Nominees so far of each award: the flag proposed under its title and again
    # under its alias was two awards of one nominee each, and passed a quota of 1.
    proposed: dict[str, set[str]] = {}
    for a, award, rule in awards(ctx):
        if rule is None or rule.quota is None:
            continue
        nominees = proposed.setdefault(rule.title, set())
        before = len(nominees)
        nominees.update(award.members)
        if len(nominees) <= rule.quota or len(nominees) == before:
            continue
        yield Hit(("awards", a, "members"), NAME, {
            "award": award.title, "count": len(nominees), "quota": rule.quota,
            "source": rule.source or "-"}, at="key")
