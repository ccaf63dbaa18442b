"""The year-end report's numbers: counts, overdue tasks, ranking, nominations."""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.model import Plan
from thidua_cli.report import build_report
from thidua_cli.report.build import report_symbol
from thidua_cli.report.ranking import rank

from .conftest import PLANS

SCORED = PLANS / "report" / "plan-2022-scored.yaml"

HEAD = """\
version: 1
year: 2022
title: Tổ chức phong trào thi đua, khen thưởng năm 2022
theme: Thi đua hoàn thành xuất sắc nhiệm vụ
bloc:
  name: Khối thi đua thử nghiệm
  head: a
  members:
    - {id: a, name: Ủy ban Dân tộc}
    - {id: b, name: Bộ Tài chính}
    - {id: c, name: Đài Truyền hình Việt Nam}
    - {id: d, name: Bộ Nội vụ}
    - {id: e, name: Ngân hàng Nhà nước Việt Nam}
objectives:
  - {id: o, text: Hoàn thành nhiệm vụ}
"""


def plan_of(extra: str, tasks: str = "tasks:\n  - {id: t, title: Nhiệm vụ, objectives: [o]}\n"
            ) -> Plan:
    text = HEAD + tasks + textwrap.dedent(extra)
    result = lint_text(text, "plan.yaml", LintOptions())
    assert result.plan is not None, result.findings
    return result.plan


CRITERIA = """\
criteria:
  - {id: x, title: Nhiệm vụ, max_points: 60}
  - {id: y, title: Phong trào, max_points: 40}
"""


def ranking_of(scores: str) -> list[tuple[str, Decimal | None, int | None]]:
    plan = plan_of(CRITERIA + scores)
    return [(row.member, row.total, row.rank) for row in rank(plan)]


@pytest.mark.parametrize(("scores", "expected"), [
    # Distinct totals: best first.
    ("scores: {a: {x: 50, y: 30}, b: {x: 55, y: 30}, c: {x: 40, y: 30}, d: {x: 60, y: 40},"
     " e: {x: 10, y: 10}}",
     [("d", 100, 1), ("b", 85, 2), ("a", 80, 3), ("c", 70, 4), ("e", 20, 5)]),
    # Ties share a rank and the next rank skips (1, 2, 2, 4); tied members by
    # name in Vietnamese order: Bộ Tài chính < Đài Truyền hình < Ủy ban Dân tộc.
    ("scores: {a: {x: 50, y: 30}, b: {x: 50, y: 30}, c: {x: 45, y: 35}, d: {x: 60, y: 40},"
     " e: {x: 10, y: 10}}",
     [("d", 100, 1), ("b", 80, 2), ("c", 80, 2), ("a", 80, 2), ("e", 20, 5)]),
    # Everyone equal.
    ("scores: {a: {x: 1, y: 1}, b: {x: 1, y: 1}, c: {x: 1, y: 1}, d: {x: 1, y: 1},"
     " e: {x: 1, y: 1}}",
     [("d", 2, 1), ("b", 2, 1), ("c", 2, 1), ("e", 2, 1), ("a", 2, 1)]),
    # Decimals that do not add up exactly in binary still tie, as exact decimals.
    ("scores: {a: {x: 0.1, y: 0.2}, b: {x: 0.3, y: 0}}",
     [("b", Decimal("0.3"), 1), ("a", Decimal("0.3"), 1), ("d", None, None), ("c", None, None),
      ("e", None, None)]),
    # Unscored members last, unranked, by name: Bộ Nội vụ < Đài < Ngân hàng.
    ("scores: {a: {x: 50, y: 30}, b: {x: 20}}",
     [("a", 80, 1), ("b", 20, 2), ("d", None, None), ("c", None, None), ("e", None, None)]),
    # No scores at all: nobody ranked, everyone by name.
    ("",
     [("d", None, None), ("b", None, None), ("c", None, None), ("e", None, None),
      ("a", None, None)]),
])
def test_ranking(scores: str, expected: list[tuple[str, float | None, int | None]]) -> None:
    # Totals are exact decimals: 0.1 + 0.2 is Decimal("0.3"), not a float near it.
    assert ranking_of(scores) == expected
    assert all(isinstance(total, Decimal) for _, total, _ in ranking_of(scores)
               if total is not None)


def test_scores_follow_the_criteria_and_gaps_are_none() -> None:
    plan = plan_of(CRITERIA + "scores: {b: {y: 20}}")
    row = next(r for r in rank(plan) if r.member == "b")
    assert row.scores == (None, 20) and row.total == 20


def test_empty_scoring_table() -> None:
    report = build_report(plan_of(""), as_of=date(2022, 12, 31))
    assert report.criteria == ()
    assert not report.scored
    assert all(row.rank is None and row.scores == () for row in report.ranking)


TASKS = """\
tasks:
  - {id: no-due, title: Không hạn, objectives: [o]}
  - {id: before, title: Quá hạn, due: 2022-06-29}
  - {id: same-day, title: Đúng hạn hôm nay, due: 2022-06-30}
  - {id: after, title: Chưa đến hạn, due: 2022-07-01}
  - {id: done, title: Xong, due: 2022-01-10, status: done}
  - {id: cancelled, title: Hủy, due: 2022-01-10, status: cancelled}
  - {id: going, title: Đang làm, due: 2022-03-01, status: in_progress, lead: b}
"""


@pytest.mark.parametrize(("as_of", "overdue"), [
    (date(2022, 1, 1), []),
    (date(2022, 3, 2), ["going"]),
    (date(2022, 6, 30), ["before", "going"]),     # due on the day itself is not overdue
    (date(2022, 7, 1), ["before", "same-day", "going"]),
    (date(2023, 1, 1), ["before", "same-day", "after", "going"]),
])
def test_overdue_as_of(as_of: date, overdue: list[str]) -> None:
    report = build_report(plan_of("", TASKS), as_of=as_of)
    assert [t.id for t in report.overdue] == overdue
    assert [t.id for t in report.tasks if t.overdue] == overdue


def test_counts_by_status() -> None:
    report = build_report(plan_of("", TASKS), as_of=date(2022, 12, 31))
    assert [(c.status, c.count, c.percent) for c in report.by_status] == [
        ("planned", 4, 57.1), ("in_progress", 1, 14.3), ("done", 1, 14.3),
        ("cancelled", 1, 14.3)]
    going = next(t for t in report.tasks if t.id == "going")
    assert (going.lead, going.lead_name) == ("b", "Bộ Tài chính")
    assert report.tasks[0].lead_name is None     # lead: all


@pytest.mark.parametrize(("symbol", "expected"), [
    ("KH-LMHTXVN", "BC-LMHTXVN"),
    ("KH-BTC", "BC-BTC"),
    ("QĐ-VPCP", "BC-VPCP"),
    ("KH-TĐKT-BNV", "BC-TĐKT-BNV"),
    ("LMHTXVN", "BC-LMHTXVN"),
])
def test_report_symbol(symbol: str, expected: str) -> None:
    assert report_symbol(symbol) == expected


def test_example_with_scores() -> None:
    result = lint_text(SCORED.read_text("utf-8"), str(SCORED), LintOptions())
    assert result.plan is not None
    report = build_report(result.plan, as_of=date(2022, 12, 31))
    assert [(r.member, r.total, r.rank) for r in report.ranking] == [
        ("bnv", 98, 1), ("lmhtxvn", 97, 2), ("vpctn", 95, 3),
        ("vpcp", 93.5, 4), ("vpqh", 93.5, 4),
        ("btc", 92.5, 6), ("nhnn", 92.5, 6), ("ubdt", 90, 8), ("bkhdt", 89, 9)]
    assert [(a.title, [(n.member, n.rank) for n in a.nominees]) for a in report.awards] == [
        ("Cờ thi đua của Chính phủ", [("bnv", 1)]),
        ("Bằng khen của Thủ tướng Chính phủ", [("lmhtxvn", 2), ("vpctn", 3)])]
    assert [t.id for t in report.overdue] == ["hoan-thien-van-ban", "nhan-rong-dien-hinh"]
    assert [e.id for e in report.events_held] == ["hoi-nghi-trien-khai", "giai-the-thao"]
    assert [e.id for e in report.events_not_held] == ["tap-huan", "tham-quan-luu-tru"]
    assert report.document is not None
    assert (report.document.symbol, report.document.number, report.document.date) == (
        "BC-LMHTXVN", 15, date(2022, 12, 20))


def test_draft_report_has_no_number_or_date() -> None:
    result = lint_text((PLANS.parent.parent / "plans" / "plan-2022.yaml").read_text("utf-8"),
                       "plan.yaml", LintOptions())
    assert result.plan is not None
    report = build_report(result.plan, as_of=date(2022, 12, 31))
    assert report.document is not None
    assert (report.document.symbol, report.document.number, report.document.date) == (
        "BC-LMHTXVN", None, None)
    assert report.achievements == report.next_year == ()
