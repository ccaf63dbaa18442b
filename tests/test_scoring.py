"""The criteria tree, its totals and the ranking (``thidua_cli.scoring``), as tables."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.model import Plan
from thidua_cli.scoring.ranking import standings
from thidua_cli.scoring.total import member_total
from thidua_cli.scoring.tree import build_tree

from .conftest import PLANS

HEAD = """\
version: 1
year: 2024
title: Kế hoạch
theme: Thi đua
bloc:
  name: Khối
  head: a
  members:
    - {id: a, name: Bộ Tài chính}
    - {id: b, name: Bộ Nội vụ}
    - {id: c, name: Ủy ban Dân tộc}
objectives: [{id: o, text: Mục tiêu}]
tasks: [{id: t, title: Nhiệm vụ, objectives: [o]}]
criteria:
  - id: s1
    title: Nhiệm vụ
    children:
      - {id: x, title: X, max_points: 30}
      - {id: y, title: Y, max_points: 20}
      - {id: plus, title: Thêm, kind: bonus, max_points: 2}
  - id: b
    title: Điểm thưởng
    kind: bonus
    max_points: 5
    children:
      - {id: b1, title: B1, max_points: 3}
      - {id: b2, title: B2, max_points: 3}
  - id: p
    title: Điểm trừ
    kind: penalty
    max_points: 4
    children:
      - {id: p1, title: P1, max_points: 4}
"""


def plan_of(extra: str) -> Plan:
    result = lint_text(HEAD + textwrap.dedent(extra), "plan.yaml", LintOptions())
    assert result.plan is not None, result.findings
    return result.plan


def test_tree_numbers_kinds_and_maxima() -> None:
    tree = build_tree(plan_of("").criteria)
    assert [(n.number, n.id, n.kind, n.max_points) for n in tree.nodes] == [
        ("1", "s1", "points", 50), ("1.1", "x", "points", 30), ("1.2", "y", "points", 20),
        ("1.3", "plus", "bonus", 2), ("2", "b", "bonus", 5), ("2.1", "b1", "bonus", 3),
        ("2.2", "b2", "bonus", 3), ("3", "p", "penalty", 4), ("3.1", "p1", "penalty", 4)]
    assert tree.maximum() == 55
    assert [n.id for n in tree.top] == ["s1", "b", "p"]


def test_fingerprint_ignores_titles_not_maxima() -> None:
    base = build_tree(plan_of("").criteria).fingerprint()
    retitled = HEAD.replace("title: X,", "title: Xử lý,")
    assert build_tree(lint_text(retitled, "p", LintOptions()).plan.criteria  # type: ignore[union-attr]
                      ).fingerprint() == base
    remaxed = HEAD.replace("{id: x, title: X, max_points: 30}", "{id: x, title: X, max_points: 29}")
    assert build_tree(lint_text(remaxed, "p", LintOptions()).plan.criteria  # type: ignore[union-attr]
                      ).fingerprint() != base


@pytest.mark.parametrize(("scores", "sections", "total"), [
    # points, a bonus inside a section, the bonus section capped at 5, a penalty
    ("{x: 28.5, y: 19.25, plus: 1, b1: 3, b2: 3, p1: 1.5}",
     {"s1": "48.75", "b": "5", "p": "1.5"}, "52.25"),
    # decimals that binary floats cannot add exactly
    ("{x: 0.1, y: 0.2}", {"s1": "0.3", "b": "0", "p": "0"}, "0.3"),
    # final where checked, self where not
    ("{x: {self: 30, final: 28}, y: {self: 20}}", {"s1": "48", "b": "0", "p": "0"}, "48"),
], ids=["tree", "decimals", "self-final"])
def test_totals(scores: str, sections: dict[str, str], total: str) -> None:
    plan = plan_of(f"scores:\n  a: {scores}\n")
    got = member_total(build_tree(plan.criteria), plan.scores["a"])
    assert got is not None
    assert {k: got.values[k] for k in sections} == {k: Decimal(v) for k, v in sections.items()}
    assert got.total == Decimal(total)


def test_self_total_only_when_every_leaf_has_self() -> None:
    plan = plan_of("scores:\n  a: {x: {self: 30, final: 28}, y: 20}\n"
                   "  b: {x: {self: 30}, y: {self: 19.5, final: 19}}\n")
    tree = build_tree(plan.criteria)
    assert member_total(tree, plan.scores["a"], "self") is None
    own = member_total(tree, plan.scores["b"], "self")
    assert own is not None and own.total == Decimal("49.5")
    final = member_total(tree, plan.scores["b"])
    assert final is not None and final.total == 49 and not final.checked


@pytest.mark.parametrize(("tie_break", "expected"), [
    # no tie-break: equal totals share the rank, by name (Bộ Nội vụ < Bộ Tài chính)
    ("", [("b", 1, None, True), ("a", 1, None, True), ("c", 3, None, False)]),
    # x decides: a has more x than b
    ("ranking: {tie_break: [x]}\n",
     [("a", 1, None, False), ("b", 2, "x", False), ("c", 3, None, False)]),
    # s1 is equal, then y decides the other way
    ("ranking: {tie_break: [s1, y]}\n",
     [("b", 1, None, False), ("a", 2, "y", False), ("c", 3, None, False)]),
    # a criterion on which they are equal decides nothing: still shared
    ("ranking: {tie_break: [b]}\n",
     [("b", 1, None, True), ("a", 1, None, True), ("c", 3, None, False)]),
], ids=["shared", "leaf-decides", "second-decides", "still-equal"])
def test_ranking_with_tie_break(tie_break: str,
                                expected: list[tuple[str, int, str | None, bool]]) -> None:
    plan = plan_of(tie_break + "scores:\n  a: {x: 30, y: 10, plus: 1}\n"
                   "  b: {x: 20, y: 20, plus: 1}\n  c: {x: 10, y: 10}\n")
    assert [(s.member, s.rank, s.decided_by, s.shared) for s in standings(plan)] == expected


def test_report_says_which_rule_decided() -> None:
    from thidua_cli.report import build_report
    from thidua_cli.report.context import build_report_context

    plan = plan_of("ranking: {tie_break: [s1, y]}\n"
                   "scores:\n  a: {x: 30, y: 10}\n  b: {x: 20, y: 20}\n  c: {x: 10, y: 10}\n")
    from datetime import date

    context = build_report_context(build_report(plan, as_of=date(2024, 12, 31)))
    decided = [(r["id"], r["decided_by"]["number"]) for r in context["ranked"]
               if r["decided_by"]]
    assert decided == [("a", "1.2")]
    assert [c["number"] for c in context["tie_break"]] == ["1", "1.2"]
    assert [c["number"] for c in context["ranking_criteria"]] == ["1", "2", "3"]


def test_valid_tree_plan_ranks_as_documented() -> None:
    result = lint_text((PLANS / "valid" / "scoring-tree.yaml").read_text("utf-8"), "p",
                       LintOptions())
    assert result.plan is not None
    assert [(s.member, s.rank, s.final.total if s.final else None)
            for s in standings(result.plan)] == [
        ("btc", 1, Decimal("97.75")), ("bnv", 2, Decimal("96.75")), ("ubdt", 3, Decimal(90))]
