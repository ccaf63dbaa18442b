"""What ``thidua diff`` reports, as a table: old YAML, new YAML, expected changes.

Each case is a small edit of ``BASE``: the diff must report exactly the listed
``(op, path, old, new)`` changes, in that order. The second table holds edits
that change nothing a plan means (style, comments, date spellings...) and must
report nothing.
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import Any

import pytest

from thidua_cli.diff.change import ById, path_text
from thidua_cli.diff.engine import DiffOptions, diff_texts

BASE = """\
version: 1
year: 2022
title: Kế hoạch năm 2022
theme: Thi đua hoàn thành xuất sắc nhiệm vụ
bloc:
  name: Khối thi đua thử nghiệm
  head: btc
  deputies: [bnv, ubdt]
  members:
    - {id: btc, name: Bộ Tài chính}
    - {id: bnv, name: Bộ Nội vụ}
    - {id: ubdt, name: Ủy ban Dân tộc}
objectives:
  - {id: o1, text: Hoàn thành nhiệm vụ.}
tasks:
  - id: t1
    title: Tuyên truyền
    details: [Một, Hai]
    objectives: [o1]
    due: 2022-06-30
  - id: sap-xep
    title: Sắp xếp tổ chức bộ máy
    objectives: [o1]
    due: 30/6/2022
  - id: t3
    title: Tổng kết
    objectives: [o1]
criteria:
  - {id: khoi, title: Tham gia hoạt động của Khối, max_points: 20}
scores:
  btc: {khoi: 18}
"""

Change = tuple[str, str, Any, Any]


def changes(old: str, new: str, *, ignore_order: bool = False) -> list[Change]:
    result = diff_texts(textwrap.dedent(old), textwrap.dedent(new),
                        DiffOptions(ignore_order=ignore_order))
    return [(c.op, c.where, c.old, c.new) for c in result.changes]


def edit(*pairs: str) -> str:
    """BASE with each ``before => after`` text replaced (exactly once); ``\\n`` is a newline."""
    text = BASE
    for pair in pairs:
        before, after = (part.replace("\\n", "\n") for part in pair.split(" => "))
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


CASES: list[tuple[str, str, list[Change]]] = [
    ("scalar changed", edit("theme: Thi đua hoàn thành xuất sắc nhiệm vụ => theme: Mới"),
     [("changed", "theme", "Thi đua hoàn thành xuất sắc nhiệm vụ", "Mới")]),
    ("date changed, both spelled the Vietnamese way",
     edit("due: 30/6/2022 => due: 30/9/2022"),
     [("changed", "tasks[sap-xep].due", "2022-06-30", "2022-09-30")]),
    ("field of a matched member", edit("name: Ủy ban Dân tộc => name: Bộ Dân tộc và Tôn giáo"),
     [("changed", "bloc.members[ubdt].name", "Ủy ban Dân tộc", "Bộ Dân tộc và Tôn giáo")]),
    ("score", edit("btc: {khoi: 18} => btc: {khoi: 19.5}"),
     [("changed", "scores.btc.khoi", 18, 19.5)]),
    ("item of a list without ids, by position", edit("[Một, Hai] => [Một, Ba]"),
     [("changed", "tasks[t1].details[1]", "Hai", "Ba")]),
    ("text becomes a list", edit("details: [Một, Hai] => details: Một"),
     [("changed", "tasks[t1].details", ["Một", "Hai"], "Một")]),
    ("key added", edit("    title: Tổng kết =>     title: Tổng kết\\n    status: done"),
     [("added", "tasks[t3].status", None, "done")]),
    ("key removed", edit("    due: 2022-06-30\\n => "),
     [("removed", "tasks[t1].due", "2022-06-30", None)]),
    ("element appended to a list without ids", edit("[Một, Hai] => [Một, Hai, Ba]"),
     [("added", "tasks[t1].details[2]", None, "Ba")]),
    ("element dropped from a list without ids", edit("deputies: [bnv, ubdt] => deputies: [bnv]"),
     [("removed", "bloc.deputies[1]", "ubdt", None)]),
    ("item added", edit("  - id: t3\n => "
                        "  - {id: t4, title: Mới, objectives: [o1]}\n  - id: t3\n"),
     [("added", "tasks[t4]", None, {"id": "t4", "title": "Mới", "objectives": ["o1"]})]),
    ("section added", edit("scores:\n => awards: [{title: Cờ thi đua, members: [btc]}]\\n"
                           "scores:\n"),
     [("added", "awards", None, [{"title": "Cờ thi đua", "members": ["btc"]}])]),
    ("item moved to the top", edit("  - id: t1\n => "
                                   "  - {id: t3, title: Tổng kết, objectives: [o1]}\n  - id: t1\n",
                                   "  - id: t3\n    title: Tổng kết\n    objectives: [o1]\n => "),
     [("moved", "tasks[t3]", 2, 0)]),
    ("item renamed, reported once", edit("id: sap-xep => id: sap-xep-bo-may"),
     [("renamed", "tasks[sap-xep]", "sap-xep", "sap-xep-bo-may")]),
    ("id that looks like an index is quoted", edit("id: t3 => id: \"2022\""),
     [("renamed", "tasks[t3]", "t3", "2022")]),
    ("changes come in the order of the plan's sections",
     edit("btc: {khoi: 18} => btc: {khoi: 17}", "year: 2022 => year: 2023"),
     [("changed", "year", 2022, 2023), ("changed", "scores.btc.khoi", 18, 17)]),
]


@pytest.mark.parametrize(("name", "new", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_op(name: str, new: str, expected: list[Change]) -> None:
    assert changes(BASE, new) == expected


def test_item_removed() -> None:
    old = edit("  - id: t3\n => "
               "  - {id: t0, title: Cũ, objectives: [o1]}\n  - id: t3\n")
    assert changes(old, BASE) == [
        ("removed", "tasks[t0]", {"id": "t0", "title": "Cũ", "objectives": ["o1"]}, None)]


def test_renamed_and_changed_is_removed_and_added() -> None:
    new = edit("id: sap-xep => id: sx", "due: 30/6/2022 => due: 30/9/2022")
    assert [(op, path) for op, path, _, _ in changes(BASE, new)] == [
        ("removed", "tasks[sap-xep]"), ("added", "tasks[sx]")]


def test_removed_item_stays_where_it_was() -> None:
    old = edit("  - id: t3\n => "
               "  - {id: t0, title: Cũ, objectives: [o1]}\n  - id: t3\n")
    new = edit("title: Tổng kết => title: Tổng kết năm", "title: Tuyên truyền => title: TT")
    assert [(op, path) for op, path, _, _ in changes(old, new)] == [
        ("changed", "tasks[t1].title"), ("removed", "tasks[t0]"), ("changed", "tasks[t3].title")]


def test_renamed_and_moved() -> None:
    new = edit("  - id: t1\n => "
               "  - {id: t9, title: Tổng kết, objectives: [o1]}\n  - id: t1\n",
               "  - id: t3\n    title: Tổng kết\n    objectives: [o1]\n => ")
    assert changes(BASE, new) == [("renamed", "tasks[t3]", "t3", "t9"),
                                  ("moved", "tasks[t9]", 2, 0)]


def test_inserting_at_the_top_moves_nothing() -> None:
    new = edit("tasks:\n => tasks:\n  - {id: t0, title: Đầu, objectives: [o1]}\n")
    assert [c[0] for c in changes(BASE, new)] == ["added"]


def test_swapping_neighbours_moves_one() -> None:
    new = edit("  - id: t1\n => "
               "  - {id: sap-xep, title: Sắp xếp tổ chức bộ máy, objectives: [o1], due: 30/6/2022}"
               "\n  - id: t1\n",
               "  - id: sap-xep\n    title: Sắp xếp tổ chức bộ máy\n    objectives: [o1]\n"
               "    due: 30/6/2022\n => ")
    assert len([c for c in changes(BASE, new) if c[0] == "moved"]) == 1


@pytest.mark.parametrize(("new", "expected"), [
    (edit("  - id: t1\n => "
          "  - {id: t3, title: Tổng kết, objectives: [o1]}\n  - id: t1\n",
          "  - id: t3\n    title: Tổng kết\n    objectives: [o1]\n => "), []),
    (edit("deputies: [bnv, ubdt] => deputies: [ubdt, bnv]"), []),
    (edit("deputies: [bnv, ubdt] => deputies: [ubdt, btc]"),
     [("changed", "bloc.deputies[1]", "bnv", "btc")]),
    (edit("deputies: [bnv, ubdt] => deputies: [ubdt, bnv, bnv]"),
     [("added", "bloc.deputies[2]", None, "bnv")]),
], ids=["moved item", "reordered list without ids", "one of two changed", "duplicate added"])
def test_ignore_order(new: str, expected: list[Change]) -> None:
    assert changes(BASE, new, ignore_order=True) == expected


def test_without_ignore_order_a_reordered_list_without_ids_changes_by_position() -> None:
    new = edit("deputies: [bnv, ubdt] => deputies: [ubdt, bnv]")
    assert changes(BASE, new) == [("changed", "bloc.deputies[0]", "bnv", "ubdt"),
                                  ("changed", "bloc.deputies[1]", "ubdt", "bnv")]


# Broken drafts: items without an id, or with a repeated one, still diff.
@pytest.mark.parametrize(("old", "new", "expected"), [
    ("tasks: [{id: a, x: 1}, {x: 2}]\n", "tasks: [{id: a, x: 1}, {x: 3}]\n",
     [("changed", "tasks[1].x", 2, 3)]),
    ("tasks: [{id: a, x: 1}, {id: a, x: 2}]\n", "tasks: [{id: a, x: 1}, {id: a, x: 5}]\n",
     [("changed", "tasks[1].x", 2, 5)]),
    ("tasks: [{id: 7, x: 1}]\n", "tasks: [{id: 7, x: 2}]\n",
     [("changed", "tasks[0].x", 1, 2)]),
    ("tasks: [{id: a}]\n", "tasks: {id: a}\n",
     [("changed", "tasks", [{"id": "a"}], {"id": "a"})]),
    ("- a\n- b\n", "- a\n", [("removed", "[1]", "b", None)]),
    ("a: 1\n", "- a\n", [("changed", "", {"a": 1}, ["a"])]),
    ("", "a: 1\n", [("added", "a", None, 1)]),
    ("a: 1\n", "a: true\n", [("changed", "a", 1, True)]),
    ("a: 1\n", "a: 1.0\n", []),
    ("title: 26/4/2022\n", "title: 2022-04-26\n",
     [("changed", "title", "26/4/2022", "2022-04-26")]),
    ("due: 31/2/2022\n", "due: 2022-02-31\n", [("changed", "due", "31/2/2022", "2022-02-31")]),
    ("a.b: 1\n", "a.b: 2\n", [("changed", '["a.b"]', 1, 2)]),
], ids=["item without id", "repeated id", "id that is not text", "list becomes mapping",
        "top-level list", "top level changes kind", "empty old side", "bool is not a number",
        "18 is 18.0", "dates only under date keys", "impossible dates stay text",
        "key with a dot"])
def test_any_yaml(old: str, new: str, expected: list[Change]) -> None:
    assert changes(old, new) == expected


SAME: list[tuple[str, str]] = [
    ("reordered keys", edit("  name: Khối thi đua thử nghiệm\n  head: btc\n => "
                            "  head: btc\n  name: Khối thi đua thử nghiệm\n")),
    ("reordered keys of an item", edit("    - {id: btc, name: Bộ Tài chính} => "
                                       "    - {name: Bộ Tài chính, id: btc}")),
    ("comments", edit("bloc:\n => # Khối\nbloc:  # the bloc\n")),
    ("quoting", edit("title: Kế hoạch năm 2022 => title: \"Kế hoạch năm 2022\"",
                     "head: btc => head: 'btc'")),
    ("flow and block", edit("deputies: [bnv, ubdt] => deputies:\\n    - bnv\\n    - ubdt",
                            "  btc: {khoi: 18} =>   \"btc\":\\n    khoi: 18")),
    ("folded text", edit("theme: Thi đua hoàn thành xuất sắc nhiệm vụ => "
                         "theme: >-\\n  Thi đua hoàn thành\\n  xuất sắc nhiệm vụ")),
    ("date spellings", edit("due: 2022-06-30 => due: 30/06/2022", "due: 30/6/2022 => "
                            "due: 2022-06-30")),
    ("null and absent", edit("    title: Tổng kết => "
                             "    title: Tổng kết\\n    result:\\n    due: null")),
    ("decomposed Unicode", edit("name: Bộ Nội vụ => name: " + unicodedata.normalize(
        "NFD", "Bộ Nội vụ"))),
    ("number spelling", edit("max_points: 20 => max_points: 20.0", "khoi: 18 => khoi: 0x12")),
    ("anchors and aliases", edit("    objectives: [o1]\n    due: 2022-06-30 => "
                                 "    objectives: &obj [o1]\\n    due: 2022-06-30",
                                 "    objectives: [o1]\n    due: 30/6/2022 => "
                                 "    objectives: *obj\\n    due: 30/6/2022")),
]


@pytest.mark.parametrize(("name", "new"), SAME, ids=[name for name, _ in SAME])
def test_no_difference(name: str, new: str) -> None:
    assert new != BASE
    assert changes(BASE, new) == []


def test_month_spellings() -> None:
    assert changes("events: [{id: e, month: 9/2022}]\n",
                   "events: [{id: e, month: 2022-09}]\n") == []


@pytest.mark.parametrize(("path", "text"), [
    (("theme",), "theme"),
    (("tasks", ById("sap-xep"), "due"), "tasks[sap-xep].due"),
    (("bloc", "members", ById("bdttg"), "name"), "bloc.members[bdttg].name"),
    (("scores", "btc", "khoi"), "scores.btc.khoi"),
    (("tasks", ById("t1"), "details", 2), "tasks[t1].details[2]"),
    (("tasks", ById("2022")), 'tasks["2022"]'),
    (("tasks", ById("a b")), 'tasks["a b"]'),
    (("x y", "z"), '["x y"].z'),
    ((0, "a"), "[0].a"),
    ((), ""),
])
def test_path_text(path: tuple[Any, ...], text: str) -> None:
    assert path_text(path) == text
