"""YAML text → plain Python data, with the line and column of every key and value.

The composer of ruamel.yaml's C extension builds the node tree (with marks)
about ten times faster than the round-trip loader; we then build the values
ourselves so that no tag can ever construct a Python object, aliases cannot
expand exponentially, and duplicate keys are reported instead of silently
overwritten. The round-trip loader is kept for writing files back.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .collector import paused

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]

# A plan has a few thousand values; a million is far past any real plan and
# stops an alias bomb long before it costs memory or time.
MAX_VALUES = 1_000_000
MAX_DEPTH = 100

_YAML = "tag:yaml.org,2002:"
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the YAML itself (TD001)."""

    line: int
    column: int
    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Parsed:
    """The data of one YAML document and where each piece of it stands."""

    data: Any
    values: dict[Path_, Pos]
    keys: dict[Path_, Pos]
    problems: list[Problem]

    def value_pos(self, path: Path_) -> Pos:
        """Where the value at ``path`` is; the nearest known ancestor otherwise."""
        return self._lookup(self.values, path)

    def key_pos(self, path: Path_) -> Pos:
        """Where the key of ``path`` is (its value's place for list items)."""
        return self._lookup(self.keys, path) if path in self.keys else self.value_pos(path)

    @staticmethod
    def _lookup(table: dict[Path_, Pos], path: Path_) -> Pos:
        for end in range(len(path), -1, -1):
            pos = table.get(path[:end])
            if pos is not None:
                return pos
        return (1, 1)


class YamlSyntaxError(Exception):
    """The text is not YAML (or not one YAML document)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.key)
        self.problem = problem


@paused()  # nodes, values and positions: all alive, none of them garbage
def parse(text: str) -> Parsed:
    """Parse one YAML document; raise ``YamlSyntaxError`` when it is not YAML."""
    node = _compose(text)
    builder = _Builder()
    if node is None:
        return Parsed(None, {(): (1, 1)}, {}, [])
    data = builder.build(node, ())
    return Parsed(data, builder.values, builder.keys, builder.problems)


def _compose(text: str) -> Any:
    import warnings

    try:
        from ruamel.yaml.cyaml import CSafeLoader as Loader
    except ImportError:  # no C extension: the pure-Python composer, slower
        from ruamel.yaml import SafeLoader as Loader  # type: ignore[attr-defined,no-redef]
    loader = Loader(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return loader.get_single_node()
    except RecursionError as e:
        raise YamlSyntaxError(Problem(1, 1, "yaml.too_deep", {"limit": MAX_DEPTH})) from e
    except Exception as e:  # ruamel raises more than YAMLError on bad input
        raise YamlSyntaxError(_problem_of(e)) from e
    finally:
        loader.dispose()


def _problem_of(error: Exception) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error) or type(error).__name__
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else str(problem)
    return Problem(line, col, "yaml.syntax", {"detail": detail})


class _Builder:
    """Turns a node tree into dicts, lists and scalars, recording positions."""

    def __init__(self) -> None:
        self.values: dict[Path_, Pos] = {}
        self.keys: dict[Path_, Pos] = {}
        self.problems: list[Problem] = []
        self._done: dict[int, tuple[Any, int]] = {}
        self._count = 0

    def build(self, node: Any, path: Path_, depth: int = 0) -> Any:
        self.values[path] = _pos(node)
        seen = self._done.get(id(node))
        if seen is not None:  # an alias: reuse, but count what it would expand to
            self._grow(seen[1], node)
            return seen[0]
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_deep", {"limit": MAX_DEPTH}))
        before = self._count
        kind = type(node).__name__
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
        self._done[id(node)] = (value, self._count - before)
        return value

    def _grow(self, n: int, node: Any) -> None:
        self._count += n
        if self._count > MAX_VALUES:
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_many", {"limit": MAX_VALUES}))

    def _mapping(self, node: Any, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == _YAML + "merge":
                for source in _merge_sources(value_node):
                    for k, v in self._mapping(source, path, depth).items():
                        if k not in result:
                            result[k] = v
                            merged.add(k)
                continue
            if type(key_node).__name__ != "ScalarNode":
                self.problems.append(Problem(*_pos(key_node), "yaml.complex_key"))
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result and key not in merged:
                self.problems.append(Problem(*_pos(key_node), "yaml.duplicate_key",
                                             {"key": key, "line": self.keys[child][0]}))
                continue
            merged.discard(key)
            self.keys[child] = _pos(key_node)
            result[key] = self.build(value_node, child, depth + 1)
            if result[key] is None and value_node.value in ("", None):
                # An empty value has no text of its own; point at its key.
                self.values[child] = self.keys[child]
        return result

    def _check_tag(self, node: Any, kind: str) -> None:
        if node.tag != _YAML + kind:
            self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": node.tag}))

    def _scalar(self, node: Any) -> Any:
        tag: str = node.tag or ""
        raw: str = node.value
        if not tag.startswith(_YAML):
            self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": tag}))
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
        self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": tag}))
        return raw


def _merge_sources(node: Any) -> Iterator[Any]:
    if type(node).__name__ == "MappingNode":
        yield node
    elif type(node).__name__ == "SequenceNode":
        yield from (n for n in node.value if type(n).__name__ == "MappingNode")


def _int(raw: str) -> int | str:
    text = raw.replace("_", "")
    try:
        if _INT_RE.match(text):
            return int(text, 10)
        return int(text, 0)
    except ValueError:
        return raw


def _float(raw: str) -> float | str:
    text = raw.replace("_", "").lower()
    if text.lstrip("+-") in (".inf", "inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text in (".nan", "nan"):
        return math.nan
    try:
        return float(text)
    except ValueError:
        return raw


def _pos(node: Any) -> Pos:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)
