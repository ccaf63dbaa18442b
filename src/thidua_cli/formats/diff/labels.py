"""What diff reports show beside a path: section names, item titles, values."""

from __future__ import annotations

import json
import re
from typing import Any

from ... import i18n
from ...diff.change import ById, Change, DiffResult, Path

# Keys whose text names a list item, in order of preference.
_TITLE_KEYS = ("title", "name", "text", "number")
TITLE_WIDTH = 70


def section_of(change: Change) -> str:
    """The top-level key a change is under ("" for the whole document)."""
    first = change.path[0] if change.path else ""
    return first if isinstance(first, str) else ""


def section_name(key: str, lang: i18n.Lang) -> str:
    """``Nhiệm vụ (tasks)``: the section's name in the language, and its key."""
    if not key:
        return i18n.t("diff.section.document_root", lang)
    name = f"diff.section.{key}"
    if not i18n.has(name, lang):
        return key
    shown = i18n.t(name, lang)
    return shown if shown.lower() == key else f"{shown} ({key})"


def by_section(result: DiffResult) -> list[tuple[str, list[Change]]]:
    """The changes grouped by section, in the order they come."""
    groups: dict[str, list[Change]] = {}
    for change in result.changes:
        groups.setdefault(section_of(change), []).append(change)
    return list(groups.items())


class Titles:
    """The title of the item a change is in (its task's title, a member's name...).

    Lists are indexed by id on first use, so a report of many changes to a
    long list does not search it once per change.
    """

    def __init__(self, result: DiffResult) -> None:
        self.result = result
        self._index: dict[int, dict[str, Any]] = {}

    def of(self, change: Change) -> str | None:
        path = change.path
        items = [k for k, seg in enumerate(path) if isinstance(seg, ById)]
        if items:
            upto = path[:items[-1] + 1]
            if len(path) == len(upto) + 1 and path[-1] == _title_key(self._find_any(upto)):
                return None  # the title itself changed: its values say it all
            # A renamed item's path holds its old id; anything else is looked
            # up in the new version first, where an added item is.
            first, second = ((self.result.old, self.result.new) if change.op == "renamed"
                             else (self.result.new, self.result.old))
            return _title(self._find(first.data, upto) or self._find(second.data, upto))
        if path[:1] == ("scores",) and len(path) >= 2:
            return self._score_title(path)
        return None

    def _find_any(self, path: Path) -> Any:
        return self._find(self.result.new.data, path) or self._find(self.result.old.data, path)

    def _score_title(self, path: Path) -> str | None:
        names = []
        for where, ref in ((("bloc", "members"), path[1]),
                           (("criteria",), path[2] if len(path) > 2 else None)):
            if isinstance(ref, str):
                found = self._find_any((*where, ById(ref)))
                if _title(found):
                    names.append(_title(found))
        return " / ".join(n for n in names if n) or None

    def _find(self, data: Any, path: Path) -> Any:
        for seg in path:
            if isinstance(seg, ById):
                data = self._by_id(data).get(seg.id) if isinstance(data, list) else None
            elif isinstance(seg, int):
                data = data[seg] if isinstance(data, list) and seg < len(data) else None
            else:
                data = data.get(seg) if isinstance(data, dict) else None
            if data is None:
                return None
        return data

    def _by_id(self, items: list[Any]) -> dict[str, Any]:
        index = self._index.get(id(items))
        if index is None:
            index = {}
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    index.setdefault(item["id"], item)
            self._index[id(items)] = index
        return index


def _title_key(item: Any) -> str | None:
    if isinstance(item, dict):
        for key in _TITLE_KEYS:
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return key
    return None


def _title(item: Any) -> str | None:
    key = _title_key(item)
    if key is None:
        return None
    return shorten(" ".join(str(item[key]).split()), TITLE_WIDTH)


def is_item(change: Change) -> bool:
    """A whole list item added or removed: its title says more than its value."""
    return bool(change.path) and isinstance(change.path[-1], ById)


def show(value: Any, lang: i18n.Lang) -> str:
    """A value as text: a string as written, anything else as flow YAML."""
    if value is None:
        return i18n.t("diff.none_value", lang)
    return value if isinstance(value, str) else flow(value)


# Text that YAML would read back as the same string without quotes.
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:,\[\]{}#]|:(?=\S)|#(?<=\S#))*$")
_NOT_TEXT = re.compile(r"^(?:[-+.\d].*|true|false|yes|no|on|off|null|~)$", re.IGNORECASE)


def flow(value: Any) -> str:
    """``[btc, bnv]``, ``{id: khoi, max_points: 20}``: YAML as a plan would write it."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        if _PLAIN.match(value) and not _NOT_TEXT.match(value) and value == value.strip():
            return value
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` at a word boundary, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def summary(result: DiffResult, lang: i18n.Lang) -> str:
    """``5 changes: 1 added, 1 removed, 3 changed`` or ``No differences``."""
    counts = result.summary()
    total = sum(counts.values())
    if not total:
        return i18n.t("diff.no_changes", lang)
    parts = [i18n.t(f"diff.count.{op}", lang, n=n) for op, n in counts.items() if n]
    return i18n.t("diff.summary", lang, total=total, details=", ".join(parts))
