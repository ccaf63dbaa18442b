"""An id that is not a member of the bloc.

What it does: checks every place a member is named: `bloc.head`,
`bloc.deputies`, a task's `lead` (unless `all`) and `support`, an activity's
`host`, the member keys of `scores` and the `members` of an award.

Why it matters: a misspelt member id drops that member from the document's
tables and from the year-end ranking without anyone noticing.

Example:

```yaml
tasks:
  - id: tap-huan
    title: Tập huấn nghiệp vụ
    lead: bvn
```

Use instead: an id from `bloc.members` (here `bnv`), or `lead: all`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..finding import Hit
from ._refs import unknown

CODE = "TD101"
NAME = "unknown-member"
SEVERITY = "error"
# Run on a plan read in part only when nothing was left out of these (lint/partial.py).
INTACT = ("bloc",)


def check(ctx: Context) -> Iterator[Hit]:
    plan, known = ctx.plan, ctx.member_ids
    if plan.bloc.head not in known:
        yield unknown(ctx.hints, ("bloc", "head"), NAME, plan.bloc.head, known)
    for i, deputy in enumerate(plan.bloc.deputies):
        if deputy not in known:
            yield unknown(ctx.hints, ("bloc", "deputies", i), NAME, deputy, known)
    for t, task in enumerate(plan.tasks):
        if task.lead != "all" and task.lead not in known:
            yield unknown(ctx.hints, ("tasks", t, "lead"), NAME, task.lead, known)
        for i, member in enumerate(task.support):
            if member not in known:
                yield unknown(ctx.hints, ("tasks", t, "support", i), NAME, member, known)
    for e, event in enumerate(plan.events):
        if event.host is not None and event.host not in known:
            yield unknown(ctx.hints, ("events", e, "host"), NAME, event.host, known)
    for member in plan.scores:
        if member not in known:
            yield unknown(ctx.hints, ("scores", member), NAME, member, known, at="key")
    for a, award in enumerate(plan.awards):
        for i, member in enumerate(award.members):
            if member not in known:
                yield unknown(ctx.hints, ("awards", a, "members", i), NAME, member, known)
