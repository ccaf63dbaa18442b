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

from .libyaml import CParser, ScalarNode, SequenceNode

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


# Plain scalars are resolved in ``Composer.resolve``, called from C for every
# node: a third of composing a plan went there while it tried each pattern that
# a scalar's first character allows. Two tables give the same answers faster.
# Of the patterns above, only float, int and timestamp can match a scalar that
# starts with a sign, a dot or a digit, and they are tried in one expression,
# alternatives in the order above; every other pattern matches a few whole
# words, looked up. (``$`` also matches before a final line break, which a
# plain scalar never ends with; the table has those forms too, to stay exact.)
_NUMERIC_FIRST = frozenset("-+.0123456789")
_NUMERIC = tuple(name for name, _, firsts in _RESOLVERS if _NUMERIC_FIRST & set(firsts))
_NUMBER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in _RESOLVERS
                              if name in _NUMERIC), re.X)
_NUMBER_TAGS = (STR, *(_YAML + name for name in _NUMERIC))  # by the group that matched
_WORDS: dict[str, str] = {
    word + end: _YAML + name
    for name, words in (("bool", ("true", "True", "TRUE", "false", "False", "FALSE")),
                        ("merge", ("<<",)), ("null", ("~", "null", "Null", "NULL", "")),
                        ("value", ("=",)))
    for word in words for end in ("", "\n") if word or not end  # "\n" itself is text
}
_LONGEST_WORD = max(map(len, _WORDS))
# ``_NUMBER`` matched against a scalar costs as much as all the rest of
# ``resolve`` (a few thousand instructions: the regex engine's set-up, the
# alternatives tried in turn), and a plan's numbers are a few values written
# again and again (scores, years, dates): each one's tag is kept, up to a
# bound, short ones only.
_NUMBER_SEEN: dict[str, str] = {}
_NUMBER_SEEN_MAX = 4096
_NUMBER_SEEN_LONGEST = 40


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

    def __init__(self, text: str | bytes, max_depth: int, max_nodes: int) -> None:
        super().__init__(text)
        # libyaml calls these two around every node: a closure over a counter
        # costs less than a method that reads and writes attributes. The depth
        # is the size of a list of the open nodes' parents: leaving a node is
        # then the list's ``pop``, in C, where a second closure was a Python
        # call for every node (``ascend_resolver`` takes no argument and its
        # result is dropped).
        open_nodes: list[Any] = []
        enter = open_nodes.append
        nodes = 0

        def descend_resolver(parent: Any, index: Any) -> None:
            nonlocal nodes
            enter(parent)
            nodes += 1
            # The node itself is not built yet: a limit points at its parent.
            if len(open_nodes) > max_depth:
                raise Limit("yaml.too_deep", max_depth, parent)
            if nodes > max_nodes:
                raise Limit("yaml.too_many", max_nodes, parent)

        self.descend_resolver = descend_resolver
        self.ascend_resolver = open_nodes.pop

        # Not a method: ``self.resolve`` found in the instance is the function
        # itself, where a method was a bound method made for every node.
        self.resolve = _resolve  # type: ignore[method-assign]

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        """The tag of a node without one (``_resolve``)."""
        return _resolve(kind, value, implicit)


def _resolve(kind: type, value: str | None, implicit: Any) -> str:
    """The tag of a node without one: YAML 1.2's for a plain scalar (the tables
    above), text for a quoted one."""
    if kind is ScalarNode:
        if implicit[0]:
            assert value is not None
            # Compared, not sliced: the first character between "+" and "9"
            # (every character of _NUMBER_FIRST is; "," and "/" too, which
            # _NUMBER then refuses). A slice made a string to hash for most
            # scalars, whose first letter is Vietnamese.
            if "+" <= value < ":":
                tag = _NUMBER_SEEN.get(value)
                return tag if tag is not None else _number_tag(value)
            # No word of the table starts there; a long scalar is none of
            # them, and hashing it to look it up cost more than the rest.
            if len(value) <= _LONGEST_WORD:
                return _WORDS.get(value, STR)
        return STR
    return SEQ if kind is SequenceNode else MAP


def _number_tag(value: str) -> str:
    """The tag of a plain scalar that starts like a number (``_NUMBER``'s)."""
    tag = _NUMBER_SEEN.get(value)
    if tag is None:
        found = _NUMBER.match(value)
        tag = STR if found is None else _NUMBER_TAGS[found.lastindex or 0]
        if len(_NUMBER_SEEN) < _NUMBER_SEEN_MAX and len(value) <= _NUMBER_SEEN_LONGEST:
            _NUMBER_SEEN[value] = tag
    return tag
