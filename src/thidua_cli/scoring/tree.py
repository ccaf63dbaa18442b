"""The criteria tree, flattened: each node with its number, depth, kind and maximum.

A node's kind is its own or, when not given, its section's (``points`` at
the top). A section's maximum is the sum of its children's maxima unless the
plan gives one; for ``points`` sections the given one must agree (TD308),
for ``bonus`` and ``penalty`` sections it is a cap on what the children add.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..memo import cached
from ..model import Criterion, Kind
from ..points import exact


@dataclass(frozen=True)
class Node:
    """One criterion in the tree. ``path`` is its place in the plan's data."""

    criterion: Criterion
    number: str
    depth: int
    kind: Kind
    parent: str | None
    children: tuple[str, ...]
    path: tuple[str | int, ...]
    # The children's maxima added up (None for a leaf).
    children_max: Decimal | None
    # The maximum in force: given, else the children's sum.
    max_points: Decimal
    # The criterion's id, and whether it has no children: fields, not properties,
    # since the totals and the rules read them some 200 times a plan.
    id: str = field(init=False)
    leaf: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", self.criterion.id)
        object.__setattr__(self, "leaf", not self.children)

    @property
    def title(self) -> str:
        return self.criterion.title

    @property
    def given_max(self) -> Decimal | None:
        value = self.criterion.max_points
        return None if value is None else dec(value)


def dec(value: float | int | Decimal) -> Decimal:
    """A plan's number as the decimal its author wrote (``points.exact``)."""
    return value if isinstance(value, Decimal) else exact(value)


@dataclass(frozen=True)
class Tree:
    """The plan's criteria in document order (depth first)."""

    nodes: tuple[Node, ...]

    # Computed once per tree (the tree is frozen): every member's totals and
    # several rules read them, and each read rebuilt them.
    @cached
    def by_id(self) -> dict[str, Node]:
        # First occurrence wins: a duplicate id is TD105's to report.
        out: dict[str, Node] = {}
        for n in self.nodes:
            out.setdefault(n.id, n)
        return out

    @cached
    def top(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.depth == 0)

    @cached
    def leaves(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.leaf)

    @cached
    def sections(self) -> tuple[tuple[Node, tuple[Node, ...]], ...]:
        """Each section with its children, the last in document order first: the
        order in which totals add up (children come after their section)."""
        by_id = self.by_id
        return tuple((n, tuple(by_id[c] for c in n.children))
                     for n in reversed(self.nodes) if not n.leaf)

    @property
    def nested(self) -> bool:
        return any(n.depth for n in self.nodes)

    def maximum(self) -> Decimal:
        """The most a member can total: every points section full, every bonus in."""
        return sum((n.max_points for n in self.top if n.kind != "penalty"), Decimal(0))

    def fingerprint(self) -> str:
        """A short hash of what a scoring sheet depends on: ids, nesting, kinds, maxima.

        Titles are left out on purpose: fixing a typo in a title must not make
        every member's filled sheet unreadable.
        """
        import json  # here: lint loads this module, only the scores commands need this

        shape = [[n.id, n.parent, n.kind, str(n.max_points)] for n in self.nodes]
        digest = hashlib.sha256(json.dumps(shape).encode("utf-8")).hexdigest()
        return digest[:16]


def build_tree(criteria: Sequence[Criterion]) -> Tree:
    nodes: list[Node] = []
    _walk(criteria, (), None, "points", ("criteria",), nodes)
    return Tree(tuple(nodes))


def _walk(items: Sequence[Criterion], prefix: tuple[int, ...], parent: str | None,
          inherited: Kind, path: tuple[str | int, ...], out: list[Node]) -> Decimal:
    total = Decimal(0)
    for i, c in enumerate(items):
        numbers = (*prefix, i + 1)
        kind: Kind = c.kind or inherited
        here = (*path, i)
        slot = len(out)
        out.append(None)  # type: ignore[arg-type]  # filled below, after the children
        children_max: Decimal | None = None
        if c.children:
            children_max = _walk(c.children, numbers, c.id, kind, (*here, "children"), out)
        given = None if c.max_points is None else dec(c.max_points)
        maximum = given if given is not None else (children_max or Decimal(0))
        out[slot] = Node(c, ".".join(map(str, numbers)), len(prefix), kind, parent,
                         tuple(ch.id for ch in c.children), here, children_max, maximum)
        # A section's maximum counts its own kind: the bonus inside a points
        # section is not part of that section's points.
        if kind == inherited:
            total += maximum
    return total


def walk_ids(criteria: Sequence[Criterion]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every criterion id in the tree with its path, for the reference and id rules."""
    for node in build_tree(criteria).nodes:
        yield node.path, node.id
