"""The scoring table of the report: one row per member, from ``scoring.ranking``.

The columns are the top-level criteria (a flat plan's criteria are all top
level); ``leaves`` keeps every leaf's score for the annex of a nested tree.
"""

from __future__ import annotations

from ..model import Plan
from ..scoring.ranking import standings
from ..scoring.tree import Tree, build_tree
from .result import ScoreRow


def rank(plan: Plan, tree: Tree | None = None) -> tuple[ScoreRow, ...]:
    """One row per member, best first; unscored members last."""
    tree = tree or build_tree(plan.criteria)
    members = {m.id: m for m in plan.bloc.members}
    rows = []
    for s in standings(plan, tree):
        m = members[s.member]
        values = s.final.values if s.final else {}
        rows.append(ScoreRow(
            m.id, m.name, m.short_name, tuple(values.get(n.id) for n in tree.top),
            None if s.final is None else s.final.total, s.rank,
            leaves=tuple(values.get(n.id) for n in tree.leaves),
            self_total=None if s.own is None else s.own.total,
            checked=s.final is not None and s.final.checked,
            decided_by=s.decided_by, shared=s.shared))
    return tuple(rows)
