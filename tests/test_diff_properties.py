"""Properties of ``thidua diff``, checked on plans Hypothesis makes up.

1. A plan diffed with itself is empty, however it is written (block or flow
   style, keys in any order, dates in either spelling).
2. Random edits (change a field, add, remove, rename or move a task, respell
   a date) applied to a plan come back as exactly those edits.
"""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_cli.diff.engine import DiffOptions, diff_texts

from .plangen import MEMBERS, STATUSES, to_block, to_flow

IDS = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
TEXT = st.text(st.characters(categories=("L", "N"), include_characters=" .,-"), min_size=1,
               max_size=12).map(str.strip).filter(bool)
DAYS = st.dates(date(2022, 1, 1), date(2022, 12, 31))
Edit = tuple[str, str, Any, Any]


def spell(day: date, vietnamese: bool) -> str:
    return f"{day.day}/{day.month}/{day.year}" if vietnamese else day.isoformat()


@st.composite
def tasks(draw: st.DrawFn, task_id: str) -> dict[str, Any]:
    # The id in the title keeps two tasks from being equal but for their ids,
    # which the diff would rightly report as a rename.
    task: dict[str, Any] = {"id": task_id, "title": f"{draw(TEXT)} ({task_id})",
                            "status": draw(st.sampled_from(STATUSES))}
    if draw(st.booleans()):
        task["due"] = spell(draw(DAYS), draw(st.booleans()))
    if draw(st.booleans()):
        task["details"] = draw(st.lists(TEXT, min_size=1, max_size=3))
    return task


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    return {
        "version": 1, "year": 2022, "title": draw(TEXT), "theme": draw(TEXT),
        "bloc": {"name": "Khối thi đua", "head": "btc",
                 "members": [{"id": i, "name": n} for i, n in MEMBERS[:3]]},
        "objectives": [{"id": "o1", "text": "Hoàn thành nhiệm vụ."}],
        "tasks": [draw(tasks(i)) for i in ids],
    }


def meaning(value: Any, key: str | None = None) -> Any:
    """What the diff reports for a value: dates in ISO form, text in NFC."""
    if isinstance(value, dict):
        return {k: meaning(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [meaning(v) for v in value]
    if key == "due" and "/" in value:
        d, m, y = (int(x) for x in value.split("/"))
        return date(y, m, d).isoformat()
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def restyle(plan: dict[str, Any], rng: random.Random) -> str:
    """The same plan written differently: style, key order, date spellings."""
    def shuffle(value: Any, key: str | None = None) -> Any:
        if isinstance(value, dict):
            items = list(value.items())
            rng.shuffle(items)
            return {k: shuffle(v, k) for k, v in items}
        if isinstance(value, list):
            return [shuffle(v) for v in value]
        if key == "due":
            return spell(date.fromisoformat(meaning(value, "due")), rng.random() < 0.5)
        return value

    data = shuffle(plan)
    return to_flow(data) if rng.random() < 0.5 else to_block(data)


def diff(old: str, new: str) -> list[Edit]:
    result = diff_texts(old, new, DiffOptions())
    return [(c.op, c.where, c.old, c.new) for c in result.changes]


@given(plans(), st.randoms(use_true_random=False))
def test_a_plan_diffed_with_itself_is_empty(plan: dict[str, Any], rng: random.Random) -> None:
    assert diff(to_block(plan), restyle(plan, rng)) == []


KINDS = ("title", "status", "due", "add", "remove", "rename", "respell")


@st.composite
def edited(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], list[Edit], str | None]:
    """A plan, the plan after random edits, the edits expected, and the task moved."""
    old = draw(plans())
    new = json.loads(json.dumps(old))
    items: list[dict[str, Any]] = new["tasks"]
    untouched = [t["id"] for t in items]
    taken = set(untouched)
    expected: list[Edit] = []
    for kind in draw(st.lists(st.sampled_from(KINDS), max_size=5)):
        if kind == "add":
            task = draw(tasks(draw(IDS.filter(lambda i: i not in taken))))
            taken.add(task["id"])
            items.insert(draw(st.integers(0, len(items))), task)
            expected.append(("added", f"tasks[{task['id']}]", None, meaning(task)))
            continue
        if not untouched:
            continue
        target = untouched.pop(draw(st.integers(0, len(untouched) - 1)))
        index = next(k for k, t in enumerate(items) if t["id"] == target)
        task = items[index]
        where = f"tasks[{target}]"
        if kind in ("title", "status"):
            before = meaning(task[kind])
            values = (TEXT.map(lambda v, t=target: f"{v} ({t})") if kind == "title"
                      else st.sampled_from(STATUSES))
            value = draw(values.filter(lambda v, b=before: meaning(v) != b))
            expected.append(("changed", f"{where}.{kind}", meaning(task[kind]), meaning(value)))
            task[kind] = value
        elif kind == "due":
            value = spell(draw(DAYS), draw(st.booleans()))
            if "due" not in task:
                expected.append(("added", f"{where}.due", None, meaning(value, "due")))
            elif meaning(value, "due") != meaning(task["due"], "due"):
                expected.append(("changed", f"{where}.due", meaning(task["due"], "due"),
                                 meaning(value, "due")))
            task["due"] = value
        elif kind == "respell" and "due" in task:
            day = date.fromisoformat(meaning(task["due"], "due"))
            task["due"] = spell(day, "/" not in task["due"])
        elif kind == "remove":
            expected.append(("removed", where, meaning(items.pop(index)), None))
        elif kind == "rename":
            renamed = draw(IDS.filter(lambda i: i not in taken))
            taken.add(renamed)
            task["id"] = renamed
            expected.append(("renamed", where, target, renamed))
    moved = None
    if len(items) > 1 and draw(st.booleans()):
        task = items.pop(draw(st.integers(0, len(items) - 1)))
        items.insert(draw(st.integers(0, len(items))), task)
        moved = task["id"]
    return old, new, expected, moved


def _canonical(edit: Edit) -> str:
    return json.dumps(edit, sort_keys=True, ensure_ascii=False)


@settings(max_examples=200)
@given(edited(), st.randoms(use_true_random=False))
def test_random_edits_come_back_exactly(
        case: tuple[dict[str, Any], dict[str, Any], list[Edit], str | None],
        rng: random.Random) -> None:
    old, new, expected, moved = case
    got = diff(to_block(old), restyle(new, rng))
    assert sorted(map(_canonical, (c for c in got if c[0] != "moved"))) == sorted(
        map(_canonical, expected))
    moves = [c for c in got if c[0] == "moved"]
    # One move at most, and one exactly when the items' relative order changed.
    renamed = {e[3]: e[2] for e in expected if e[0] == "renamed"}
    old_ids = [t["id"] for t in old["tasks"]]
    new_ids = [renamed.get(t["id"], t["id"]) for t in new["tasks"]]
    both = [i for i in new_ids if i in old_ids]
    assert len(moves) == (0 if both == [i for i in old_ids if i in both] else 1)
    assert moved is not None or not moves
    moved_id = moves[0][1][len("tasks["):-1] if moves else None
    moved_old = renamed.get(moved_id, moved_id) if moved_id else None
    common = [i for i in new_ids if i in old_ids and i != moved_old]
    assert common == [i for i in old_ids if i in common]
    if moves:  # and the move is real: the positions it gives are right
        _, _, was, now = moves[0]
        assert old["tasks"][was]["id"] == moved_old
        assert new["tasks"][now]["id"] == moved_id
