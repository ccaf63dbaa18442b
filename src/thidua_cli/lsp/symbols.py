"""The outline of a plan: document, bloc and its members, bases, objectives, tasks,
events, criteria and awards, each entry by its title."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from ..loader import Parsed, Path_
from .positions import Lines

SymbolKind = types.SymbolKind
# Top-level key → the symbol kind of the section, and of each of its entries.
SECTIONS: dict[str, tuple[types.SymbolKind, types.SymbolKind]] = {
    "document": (SymbolKind.File, SymbolKind.Field),
    "bloc": (SymbolKind.Namespace, SymbolKind.Object),
    "basis": (SymbolKind.Array, SymbolKind.Constant),
    "objectives": (SymbolKind.Array, SymbolKind.Constant),
    "tasks": (SymbolKind.Array, SymbolKind.Event),
    "events": (SymbolKind.Array, SymbolKind.Event),
    "criteria": (SymbolKind.Array, SymbolKind.Number),
    "awards": (SymbolKind.Array, SymbolKind.Object),
}
_SHORT = 80


def outline(parsed: Parsed, lines: Lines) -> list[types.DocumentSymbol]:
    data = parsed.data
    if not isinstance(data, dict):
        return []
    out = []
    for key, value in data.items():
        kinds = SECTIONS.get(key)
        if kinds is None:
            continue
        symbol = _symbol(parsed, lines, (key,), key, _detail(key, value), kinds[0])
        if symbol is None:
            continue
        items = value.get("members") if key == "bloc" and isinstance(value, dict) else value
        base: Path_ = ("bloc", "members") if key == "bloc" else (key,)
        if isinstance(items, list):
            children = [_symbol(parsed, lines, (*base, i), _title(item, i), _id(item), kinds[1])
                        for i, item in enumerate(items)]
            symbol.children = [c for c in children if c is not None]
        out.append(symbol)
    return out


def _symbol(parsed: Parsed, lines: Lines, path: Path_, name: str, detail: str | None,
            kind: types.SymbolKind) -> types.DocumentSymbol | None:
    start = parsed.keys.get(path) or parsed.values.get(path)
    end = parsed.value_ends.get(path)
    if start is None or end is None:
        return None
    first = (start[0] - 1, start[1] - 1)
    last = max(first, (end[0] - 1, end[1] - 1))
    select_end = parsed.key_ends.get(path)
    selection = (first, (select_end[0] - 1, select_end[1] - 1)) if select_end else (first, first)
    return types.DocumentSymbol(name=name or "?", kind=kind, range=lines.range(first, last),
                                selection_range=lines.range(*selection), detail=detail)


def _detail(key: str, value: Any) -> str | None:
    if isinstance(value, dict):
        for field in ("name", "issuer", "title"):
            if isinstance(value.get(field), str):
                return _short(value[field])
    return None


def _title(item: Any, i: int) -> str:
    if isinstance(item, dict):
        for field in ("title", "name", "text", "number", "id"):
            if isinstance(item.get(field), str) and item[field].strip():
                return _short(item[field])
    return f"#{i + 1}"


def _id(item: Any) -> str | None:
    return item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHORT else flat[:_SHORT - 1] + "…"
