"""The loader's builder as first written, one call per node: the reference that
``tests/test_builder.py`` holds the faster one to (the same data, positions,
problems and limits on every input)."""

from __future__ import annotations

from typing import Any

from thidua_cli.loader import (
    _MERGE,
    _STR,
    _YAML,
    MAX_DEPTH,
    MAX_VALUES,
    Path_,
    Pos,
    Problem,
    YamlSyntaxError,
    _float,
    _int,
    _merge_sources,
    _pos,
    _shown,
)


class ReferenceBuilder:
    """Turns a node tree into dicts, lists and scalars, recording positions."""

    def __init__(self) -> None:
        self.values: dict[Path_, Pos] = {}
        self.keys: dict[Path_, Pos] = {}
        self.value_ends: dict[Path_, Pos] = {}
        self.key_ends: dict[Path_, Pos] = {}
        self.problems: list[Problem] = []
        # id(node) → (value, values it holds, path it was built at)
        self._done: dict[int, tuple[Any, int, Path_]] = {}
        self._open: set[int] = set()
        self._count = 0

    def build(self, node: Any, path: Path_, depth: int = 0) -> Any:
        start, end = node.start_mark, node.end_mark
        self.values[path] = (start.line + 1, start.column + 1)
        self.value_ends[path] = (end.line + 1, end.column + 1)
        kind = type(node).__name__
        if kind == "ScalarNode" and node.tag == _STR:
            # Most values: text. An alias of one is rebuilt to the same value and
            # counts one value, as the general path below would count it.
            self._count += 1
            if self._count > MAX_VALUES:
                raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_many",
                                              {"limit": MAX_VALUES}))
            return node.value
        seen = self._done.get(id(node))
        if seen is not None:  # an alias: reuse, but count what it would expand to
            self._grow(seen[1], node)
            return seen[0]
        if id(node) in self._open:  # an alias inside its own anchor
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.recursive"))
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_deep", {"limit": MAX_DEPTH}))
        self._open.add(id(node))
        before = self._count
        if kind == "ScalarNode":
            self._grow(1, node)
            value = self._scalar(node)
        elif kind == "SequenceNode":
            self._check_tag(node, "seq")
            self._grow(1, node)
            value = [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        else:
            self._check_tag(node, "map")
            self._grow(1, node)
            value = self._mapping(node, path, depth)
        self._open.discard(id(node))
        self._done[id(node)] = (value, self._count - before, path)
        return value

    def _grow(self, n: int, node: Any) -> None:
        self._count += n
        if self._count > MAX_VALUES:
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_many", {"limit": MAX_VALUES}))

    def _mapping(self, node: Any, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: set[str] = set()
        keys, key_ends = self.keys, self.key_ends
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                for source in _merge_sources(key_node, value_node, self.problems):
                    self._merge(result, merged, source, path, depth)
                continue
            if type(key_node).__name__ != "ScalarNode":
                self.problems.append(Problem(*_pos(key_node), "yaml.complex_key"))
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result and key not in merged:
                self.problems.append(Problem(*_pos(key_node), "yaml.duplicate_key",
                                             {"key": key, "line": keys[child][0]}))
                continue
            if merged:
                merged.discard(key)
            start, end = key_node.start_mark, key_node.end_mark
            keys[child] = (start.line + 1, start.column + 1)
            key_ends[child] = (end.line + 1, end.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
            if result[key] is None and value_node.value in ("", None):
                # An empty value has no text of its own; point at its key.
                self.values[child] = self.keys[child]
                self.value_ends[child] = self.key_ends[child]
        return result

    def _merge(self, result: dict[str, Any], merged: set[str], source: Any, path: Path_,
               depth: int) -> None:
        """Add the keys of ``source`` (a ``<<`` merge) that ``result`` does not have.

        A source is built once and reused, like any alias: rebuilding it at
        every merge would take exponential time on merges of merges.
        """
        self.build(source, (*path, "<<"), depth + 1)
        value, _, at = self._done[id(source)]
        for k, v in value.items():
            if k not in result:
                result[k] = v
                merged.add(k)
                # Findings in a merged value point at the text it comes from.
                for table in (self.keys, self.values, self.key_ends, self.value_ends):
                    pos = table.get((*at, k))
                    if pos is not None:
                        table[(*path, k)] = pos

    def _check_tag(self, node: Any, kind: str) -> None:
        if node.tag != _YAML + kind:
            self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": _shown(node.tag)}))

    def _scalar(self, node: Any) -> Any:
        tag: str = node.tag or ""
        raw: str = node.value
        if not tag.startswith(_YAML):
            self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": _shown(tag)}))
            return raw
        kind = tag[len(_YAML):]
        if kind in ("str", "timestamp"):
            # Dates stay text: the plan model reads ISO and Vietnamese forms alike.
            return raw
        if kind == "null":
            return None
        if kind == "bool":
            return raw.lower() in ("true", "yes", "on", "y")
        if kind == "int":
            return _int(raw)
        if kind == "float":
            return _float(raw)
        self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": _shown(tag)}))
        return raw
