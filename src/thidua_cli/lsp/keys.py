"""The plan's keys, their descriptions and allowed values, read from its JSON Schema.

The same schema ``thidua schema`` prints (generated from the pydantic
models), so completion and hover can never disagree with what the linter
accepts. A path of keys (with ``"[]"`` for a list item) leads to the schema
of the value there.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .cursor import ITEM

Node = dict[str, Any]


@cache
def _schema() -> Node:
    from ..schema import plan_schema

    return plan_schema()


def _resolve(node: Node) -> Node:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: Node = _schema()["$defs"][ref[len("#/$defs/"):]]
        return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _branches(node: Node) -> list[Node]:
    node = _resolve(node)
    options = node.get("anyOf")
    if not isinstance(options, list):
        return [node]
    out = []
    for option in options:
        branch = _resolve(option)
        out.append({**branch, "description": branch.get("description",
                                                        node.get("description"))})
    return out


def node_at(path: tuple[str, ...]) -> Node | None:
    """The schema of the value at ``path``, or None when the schema has no such place."""
    nodes = [_resolve(_schema())]
    for part in path:
        found: list[Node] = []
        for node in nodes:
            for branch in _branches(node):
                if part == ITEM:
                    if isinstance(branch.get("items"), dict):
                        found.append(_resolve(branch["items"]))
                elif part in branch.get("properties", {}):
                    found.append(_resolve(branch["properties"][part]))
                elif isinstance(branch.get("additionalProperties"), dict):
                    found.append(_resolve(branch["additionalProperties"]))
        if not found:
            return None
        nodes = found
    if len(nodes) == 1:
        return nodes[0]
    return {"anyOf": nodes}


def properties(path: tuple[str, ...]) -> dict[str, str]:
    """The keys of the mapping at ``path`` with their descriptions (empty if not a mapping)."""
    node = node_at(path)
    out: dict[str, str] = {}
    if node is None:
        return out
    for branch in _branches(node):
        for name, prop in branch.get("properties", {}).items():
            out.setdefault(name, str(_resolve(prop).get("description", "")))
    return out


def description(path: tuple[str, ...]) -> str | None:
    node = node_at(path)
    if node is None:
        return None
    text = node.get("description")
    if text is None:
        text = next((b.get("description") for b in _branches(node) if b.get("description")),
                    None)
    return str(text) if text else None


def choices(path: tuple[str, ...]) -> list[str]:
    """The values an enum at ``path`` allows (statuses), in the schema's order."""
    node = node_at(path)
    if node is None:
        return []
    for branch in _branches(node):
        if isinstance(branch.get("enum"), list):
            return [str(v) for v in branch["enum"]]
    return []
