"""YAML text → node tree: libyaml through PyYAML, plain scalars resolved as YAML 1.2.

PyYAML's binding of libyaml composes a plan's nodes (with their marks) in
about 40% of the time ruamel.yaml's C extension takes: both parse in C and
call back into Python for every node, and ruamel's callbacks cost more. But
PyYAML resolves YAML 1.1 (``yes``, ``on`` and ``no`` as booleans, ``017`` as
octal), and plans are YAML 1.2, as ruamel.yaml reads them. So the resolver
here is YAML 1.2's, the same tags for the same scalars as ruamel.yaml's
``Resolver`` (``tests/test_composer.py`` compares the two): ``yes`` stays
text, ``0o17`` is an int, ``1_000`` too.

The loader builds values from the nodes itself (``loader.py``): no tag ever
constructs a Python object here. ``Composer`` counts the depth and the nodes
as libyaml builds them (it calls ``descend_resolver`` and ``ascend_resolver``
around each node), so a hostile file stops at a limit before its C recursion
or its size can do harm.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.cyaml import CParser  # type: ignore[import-untyped]
from yaml.nodes import ScalarNode, SequenceNode  # type: ignore[import-untyped]

_YAML = "tag:yaml.org,2002:"
STR, SEQ, MAP = _YAML + "str", _YAML + "seq", _YAML + "map"

# YAML 1.2's implicit types, as ruamel.yaml writes them (its `Resolver`, the
# entries for version 1.2), in its order: the first that matches wins.
_RESOLVERS: tuple[tuple[str, str, str], ...] = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("float", r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""", "-+0123456789."),
    ("int", r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""", "-+0123456789"),
    ("merge", r"^(?:<<)$", "<"),
    ("null", r"""^(?: ~
        |null|Null|NULL
        | )$""", "~nN\0"),
    ("timestamp", r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", "0123456789"),
    ("value", r"^(?:=)$", "="),
)


def _by_first_character() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """The resolvers to try for a scalar, by its first character ("" when empty)."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for name, pattern, firsts in _RESOLVERS:
        compiled = re.compile(pattern, re.X)
        for first in firsts:
            table.setdefault("" if first == "\0" else first, []).append((_YAML + name, compiled))
    return {first: tuple(entries) for first, entries in table.items()}


_BY_FIRST = _by_first_character()


class Limit(Exception):
    """The document is deeper or larger than ``Composer`` allows."""

    def __init__(self, key: str, limit: int, parent: Any) -> None:
        super().__init__(key)
        self.key, self.limit, self.parent = key, limit, parent


class Composer(CParser):  # type: ignore[misc]
    """libyaml's parser and composer with YAML 1.2's resolver and two limits.

    ``Composer(text, max_depth, max_nodes).get_single_node()`` is the node
    tree of one document (None when empty); libyaml's errors are PyYAML's
    ``MarkedYAMLError`` and ``Limit`` when a limit is crossed.
    """

    def __init__(self, text: str, max_depth: int, max_nodes: int) -> None:
        super().__init__(text)
        self._depth = 0
        self._nodes = 0
        self._max_depth = max_depth
        self._max_nodes = max_nodes

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                assert value is not None
                for tag, pattern in _BY_FIRST.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, parent: Any, index: Any) -> None:
        self._depth += 1
        self._nodes += 1
        # The node itself is not built yet: a limit points at its parent.
        if self._depth > self._max_depth:
            raise Limit("yaml.too_deep", self._max_depth, parent)
        if self._nodes > self._max_nodes:
            raise Limit("yaml.too_many", self._max_nodes, parent)

    def ascend_resolver(self) -> None:
        self._depth -= 1
