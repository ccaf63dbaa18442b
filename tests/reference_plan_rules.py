"""Plan rules as first written: the references their faster forms are held to
(``tests/test_plan_rule_references.py``)."""

from __future__ import annotations

from collections.abc import Iterator

from thidua_cli.lint.context import Context
from thidua_cli.lint.finding import Hit
from thidua_cli.lint.rules import nominee_not_leading
from thidua_cli.lint.rules._votes import awards


def nominee_not_leading_check(ctx: Context) -> Iterator[Hit]:
    """TD606 from the report's ranking (``report.ranking.rank``): totals, self
    totals and the sort by name computed again."""
    from thidua_cli.report.ranking import rank

    ranking = None
    for a, award, rule in awards(ctx):
        if rule is None or not rule.leads or not award.members:
            continue
        ranking = ranking if ranking is not None else [r for r in rank(ctx.plan) if r.scored]
        by_id = {r.member: r for r in ranking}
        nominated = set(award.members)
        for i, member in enumerate(award.members):
            row = by_id.get(member)
            if row is None or row.total is None:
                continue
            above = [r for r in ranking if r.member not in nominated
                     and r.total is not None and r.total > row.total]
            if above:
                yield Hit(("awards", a, "members", i), nominee_not_leading.NAME, {
                    "id": member, "rank": row.rank, "award": award.title,
                    "leader": above[0].member, "leader_rank": above[0].rank})


REFERENCE = {"nominee-not-leading": nominee_not_leading_check}
