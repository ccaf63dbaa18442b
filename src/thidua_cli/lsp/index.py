"""What a plan names and where: the ids it defines and every place that uses them.

Built from the parsed data (not the validated plan), so a plan that fails the
schema still has its members, objectives and tasks to complete, hover, and
jump to. Every entry keeps the path of its value, placed through the
loader's positions when needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ..loader import Parsed, Path_

Kind = Literal["member", "objective", "basis", "criterion", "task", "event"]

# Where each kind is defined: the list, and the key whose value names an entry.
DEFINED_IN: dict[Kind, tuple[str, ...]] = {
    "member": ("bloc", "members"), "objective": ("objectives",), "basis": ("basis",),
    "criterion": ("criteria",), "task": ("tasks",), "event": ("events",),
}


@dataclass(frozen=True)
class Entry:
    """One defined id: its kind, the path of its ``id`` value, and its fields."""

    kind: Kind
    id: str
    path: Path_
    fields: dict[str, Any]

    @property
    def label(self) -> str:
        """What a person calls it: a member's name, an objective's text, a title, a
        basis's number and symbol."""
        for key in ("number",) if self.kind == "basis" else ("name", "title", "text"):
            value = self.fields.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())
        return self.id


@dataclass(frozen=True)
class Use:
    """A place that names an id: the path of the value (or key) holding it."""

    kind: Kind
    id: str
    path: Path_
    at: Literal["value", "key"] = "value"


@dataclass
class Index:
    entries: dict[tuple[Kind, str], Entry] = field(default_factory=dict)
    uses: list[Use] = field(default_factory=list)

    def of_kind(self, kind: Kind) -> list[Entry]:
        return [e for (k, _), e in self.entries.items() if k == kind]

    def find(self, kind: Kind, id_: str) -> Entry | None:
        return self.entries.get((kind, id_))

    def kinds_of(self, id_: str) -> list[Kind]:
        return [k for (k, i) in self.entries if i == id_]

    def uses_of(self, kind: Kind, id_: str) -> list[Use]:
        return [u for u in self.uses if u.kind == kind and u.id == id_]


def build(parsed: Parsed) -> Index:
    data = parsed.data
    index = Index()
    if not isinstance(data, dict):
        return index
    for kind, where in DEFINED_IN.items():
        items = _get(data, where)
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                key = (kind, item["id"])
                index.entries.setdefault(key, Entry(kind, item["id"], (*where, i, "id"), item))
    _sub_criteria(index, data.get("criteria"), ("criteria",))
    index.uses.extend(_uses(data))
    return index


def _sub_criteria(index: Index, items: Any, where: Path_) -> None:
    """The criteria tree below the top level (``children``, any depth)."""
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        children = item.get("children")
        for j, child in enumerate(children if isinstance(children, list) else []):
            if isinstance(child, dict) and isinstance(child.get("id"), str):
                path = (*where, i, "children", j, "id")
                index.entries.setdefault(("criterion", child["id"]),
                                         Entry("criterion", child["id"], path, child))
        _sub_criteria(index, children, (*where, i, "children"))


def _uses(data: dict[str, Any]) -> Iterator[Use]:
    bloc = data.get("bloc")
    if isinstance(bloc, dict):
        yield from _refs("member", bloc.get("head"), ("bloc", "head"))
        yield from _refs("member", bloc.get("deputies"), ("bloc", "deputies"))
    for i, task in _items(data, "tasks"):
        yield from _refs("member", task.get("lead"), ("tasks", i, "lead"))
        yield from _refs("member", task.get("support"), ("tasks", i, "support"))
        yield from _refs("objective", task.get("objectives"), ("tasks", i, "objectives"))
        yield from _refs("basis", task.get("basis"), ("tasks", i, "basis"))
    for i, event in _items(data, "events"):
        yield from _refs("member", event.get("host"), ("events", i, "host"))
    for i, award in _items(data, "awards"):
        yield from _refs("member", award.get("members"), ("awards", i, "members"))
    ranking = data.get("ranking")
    if isinstance(ranking, dict):
        yield from _refs("criterion", ranking.get("tie_break"), ("ranking", "tie_break"))
    scores = data.get("scores")
    if isinstance(scores, dict):
        for member, points in scores.items():
            yield Use("member", member, ("scores", member), "key")
            if isinstance(points, dict):
                for criterion in points:
                    yield Use("criterion", criterion, ("scores", member, criterion), "key")


def _refs(kind: Kind, value: Any, path: Path_) -> Iterator[Use]:
    if isinstance(value, str):
        yield Use(kind, value, path)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield Use(kind, item, (*path, i))


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(key)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def where(parsed: Parsed, path: Path_, at: Literal["value", "key"] = "value",
          ) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The 0-based start and end of a value (or key) when the loader placed it exactly."""
    starts, ends = (parsed.keys, parsed.key_ends) if at == "key" else (
        parsed.values, parsed.value_ends)
    start, end = starts.get(path), ends.get(path)
    if start is None:
        return None
    if end is None or end[0] != start[0]:
        end = start
    return (start[0] - 1, start[1] - 1), (end[0] - 1, end[1] - 1)
