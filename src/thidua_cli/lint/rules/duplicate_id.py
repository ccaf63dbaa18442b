"""Two items of one list share an id.

What it does: checks that ids are unique within `bloc.members`, `basis`,
`objectives`, `tasks`, `events` and `criteria`, and within each list of ids
that refers to them (`bloc.deputies`, a task's `objectives`, `basis` and
`support`, an award's `members`), and reports the second occurrence.

Why it matters: every reference by id becomes ambiguous, and a diff between
versions can no longer match the items. A member named twice in a list is
printed twice ("Khối phó: Bộ Tài chính, Bộ Tài chính") and counted twice (two
nominees against an award's quota).

Example:

```yaml
tasks:
  - {id: tap-huan, title: Tập huấn nghiệp vụ thi đua}
  - {id: tap-huan, title: Tập huấn công tác lưu trữ}
```

Use instead: a distinct id for each item (`tap-huan-luu-tru`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from ..context import Context
from ..finding import Hit

CODE = "TD105"
NAME = "duplicate-id"
SEVERITY = "error"


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def check(ctx: Context) -> Iterator[Hit]:
    plan = ctx.plan
    lists: list[tuple[tuple[str, ...], Sequence[_HasId]]] = [
        (("bloc", "members"), plan.bloc.members), (("basis",), plan.basis),
        (("objectives",), plan.objectives), (("tasks",), plan.tasks),
        (("events",), plan.events),
    ]
    for prefix, items in lists:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                line = ctx.parsed.value_pos((*prefix, first[item.id], "id"))[0]
                yield Hit((*prefix, i, "id"), NAME, {"id": item.id, "line": line,
                                                     "field": ".".join(prefix)})
            else:
                first[item.id] = i
    yield from _references(ctx)
    # Criteria ids are one name space across the whole tree: scores name leaves
    # by id alone, at any depth.
    seen: dict[str, tuple[str | int, ...]] = {}
    for node in ctx.tree.nodes if plan.criteria else ():  # (scoring loaded only for a tree)
        if node.id in seen:
            line = ctx.parsed.value_pos((*seen[node.id], "id"))[0]
            yield Hit((*node.path, "id"), NAME, {"id": node.id, "line": line,
                                                  "field": "criteria"})
        else:
            seen[node.id] = node.path


def _references(ctx: Context) -> Iterator[Hit]:
    """The same id twice in a list of references (the meeting's lists are TD604's)."""
    plan = ctx.plan
    lists: list[tuple[tuple[str | int, ...], Sequence[str]]] = [
        (("bloc", "deputies"), plan.bloc.deputies)]
    for t, task in enumerate(plan.tasks):
        lists += [(("tasks", t, field), getattr(task, field))
                  for field in ("objectives", "basis", "support")]
    lists += [(("awards", a, "members"), award.members) for a, award in enumerate(plan.awards)]
    for prefix, refs in lists:
        if len(refs) < 2 or len(set(refs)) == len(refs):
            continue
        first: dict[str, int] = {}
        for i, ref in enumerate(refs):
            if ref in first:
                line = ctx.parsed.value_pos((*prefix, first[ref]))[0]
                field = ".".join(p for p in prefix if isinstance(p, str))
                yield Hit((*prefix, i), NAME, {"id": ref, "line": line, "field": field})
            else:
                first[ref] = i
