"""Round-trip YAML: load a plan keeping comments, quotes, key order and layout; write it back.

ruamel.yaml's round-trip mode keeps comments and styles but not the source's
indentation, which it must be told; ``guess_indent`` reads it from the text so
that an unchanged plan is written back byte for byte.

Deleting a key needs care: ruamel stores the full-line comments that follow
a value with that value (the comment above ``events:`` belongs to the last
line of ``scores``), so deleting ``scores`` would silently take the next
section's comment with it. ``delete`` moves those comments to what now
precedes them.
"""

from __future__ import annotations

import io
import itertools
import re
from datetime import date, datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from ..errors import InputError
from ..loader import Parsed, YamlSyntaxError, parse

_BLOCK_KEY = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")
_LINE = re.compile(r"^( *)(- +)?(\S)")


def guess_indent(text: str) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` as ruamel's ``indent()`` takes them."""
    mapping: int | None = None
    offset: int | None = None
    sequence: int | None = None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for here, following in itertools.pairwise(lines):
        key = _BLOCK_KEY.match(here)
        nxt = _LINE.match(following)
        if not key or not nxt:
            continue
        step = len(nxt.group(1)) - len(key.group(1))
        if step < 0:
            continue
        if nxt.group(2):
            if offset is None:
                offset, sequence = step, step + len(nxt.group(2))
        elif mapping is None and step > 0:
            mapping = step
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    if offset is None or sequence is None:
        offset, sequence = 2, 4
    return mapping, sequence, offset


_YAML = "tag:yaml.org,2002:"


class PlanResolver(VersionedResolver):
    """Tags as thidua's plan reader gives them (``composer.py``, ``loader.py``).

    ruamel.yaml's own resolver followed a ``%YAML 1.1`` directive (``yes``,
    ``on`` and ``1:20`` became ``true``, ``true`` and ``80`` when a plan was
    written back, where every other command reads them as text), built a
    date of every plain scalar shaped like one (``2001-13-14`` in a title was
    ``ValueError: month must be in 1..12``) and read a mapping's keys as
    numbers (``1:`` was the number 1, so a criterion ``1`` was not found in
    ``scores`` and was added a second time). Plans are YAML 1.2 whatever
    they declare; dates are text, as the plan model reads them; a key is its
    text; ``<<`` stays the merge. The same resolver writes, so such scalars
    stay plain.
    """

    _key_next = False

    @property
    def processing_version(self) -> Any:
        return (1, 2)

    def add_version_implicit_resolver(self, version: Any, tag: Any, regexp: Any,
                                      first: Any) -> None:
        if tag != _YAML + "timestamp":
            super().add_version_implicit_resolver(version, tag, regexp, first)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        # The composer and the serializer descend to a mapping's key with no
        # index, to its value with the key; ``resolve`` comes next, for that node.
        self._key_next = isinstance(current_node, MappingNode) and current_index is None
        super().descend_resolver(current_node, current_index)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        if (self._key_next and kind is ScalarNode and implicit[0]
                and str(tag) not in (_YAML + "str", _YAML + "merge")):
            return super().resolve(kind, value, (False, False))  # text
        return tag


def yaml_for(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = PlanResolver
    yaml.preserve_quotes = True
    # Never re-wrap long lines: the diff of a new plan should show changes, not reflowing.
    yaml.width = 1 << 16
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def load(text: str, *, path: str | None = None,
         parsed: Parsed | None = None) -> tuple[Any, YAML]:
    """The plan's round-trip data, which must be the plan reader's (``parsed``,
    made here when not given); else ``InputError`` at the first value where
    the two differ, or where ruamel.yaml could not read the text at all (it
    refuses a tab inside a plain scalar, and NEL, U+2028 and U+2029 are line
    breaks to libyaml, not to it). Nothing is written after such an error."""
    import warnings

    yaml = yaml_for(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = yaml.load(text)
    except Exception as e:  # ruamel raises ValueError, TypeError... as well as YAMLError
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        detail = getattr(e, "problem", None) or str(e).split("\n")[0] or type(e).__name__
        from ..syntax import vietnamese

        raise InputError("yaml.rewrite_unreadable", path=path,
                         line=None if mark is None else mark.line + 1,
                         column=None if mark is None else mark.column + 1,
                         detail=str(detail), detail_vi=vietnamese(str(detail))) from None
    if parsed is None:
        parsed = parse(text)
    found = _differs(parsed.data, data)
    if found is not None:
        where, ours, theirs = found
        line, column = parsed.value_pos(where)
        raise InputError("yaml.rewrite_differs", path=path, line=line, column=column,
                         where=_path_text(where), ours=_value_text(ours),
                         theirs=_value_text(theirs))
    return data, yaml


def dump(data: Any, yaml: YAML, *, path: str | None = None,
         parsed: Parsed | None = None) -> str:
    """The text of ``data``, which the plan reader must read back as ``data``:
    else ``InputError`` (at the nearest place of ``parsed``, the plan before)."""
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    try:
        back: Any = parse(text).data
    except YamlSyntaxError as e:
        back = _Unread(e.problem.key)
    found = _differs(back, data)
    if found is not None:
        where, ours, theirs = found
        line, column = parsed.value_pos(where) if parsed is not None else (None, None)
        raise InputError("yaml.rewrite_changes", path=path, line=line, column=column,
                         where=_path_text(where), meant=_value_text(theirs),
                         read=_value_text(ours))
    return text


class _Unread:
    """The written text, which the plan reader could not read (its problem's key)."""

    def __init__(self, key: str) -> None:
        self.key = key


def _differs(ours: Any, theirs: Any) -> tuple[tuple[str | int, ...], Any, Any] | None:
    """The first path where ruamel.yaml's data (``theirs``) is not the plan
    reader's (``ours``), with the two values; None when they agree. A value an
    alias shares is compared once."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[tuple[str | int, ...], Any, Any]] = [((), ours, theirs)]
    while stack:
        at, a, b = stack.pop()
        if isinstance(a, dict):
            if not isinstance(b, dict):
                return at, a, b
            if (id(a), id(b)) in seen:
                continue
            seen.add((id(a), id(b)))
            odd = [k for k in b if not isinstance(k, str)]
            if odd:  # a key of an explicit tag (`? !!int 1`): no text to look it up by
                return (*at, str(odd[0])), _Missing(), odd[0]
            for key in reversed(list(a)):
                if key not in b:
                    return (*at, key), a[key], _Missing()
            extra = [k for k in b if k not in a]
            if extra:
                return (*at, str(extra[0])), _Missing(), b[extra[0]]
            stack.extend(((*at, k), a[k], b[k]) for k in reversed(list(a)))
        elif isinstance(a, list):
            if not isinstance(b, list) or len(a) != len(b):
                return at, a, b
            if (id(a), id(b)) in seen:
                continue
            seen.add((id(a), id(b)))
            stack.extend(((*at, i), x, y) for i, x, y in
                         reversed(list(zip(range(len(a)), a, b, strict=True))))
        elif not _same(a, b):
            return at, a, b
    return None


class _Missing:
    """No value there."""


def _same(a: Any, b: Any) -> bool:
    if a is None or isinstance(a, _Unread):
        return b is None and a is None
    if isinstance(a, bool):
        return isinstance(b, bool | ScalarBoolean) and bool(b) is a
    if isinstance(b, bool | ScalarBoolean):
        return False
    if isinstance(a, str):
        if isinstance(b, TaggedScalar) and str(b.tag) == _YAML + "str":  # `!!str 2024`
            b = b.value
        elif isinstance(b, date) and not isinstance(b, datetime):  # `!!timestamp 2022-04-26`
            b = b.isoformat()
        return isinstance(b, str) and str(b) == a
    if isinstance(a, int):
        return isinstance(b, int) and int(b) == a
    if isinstance(a, float):
        return isinstance(b, float) and (float(b) == a or (a != a and b != b))
    return False


def _path_text(path: tuple[str | int, ...]) -> str:
    """``tasks[1].title``, or ``(the plan)`` for the whole."""
    text = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return text or "(the plan)"


def _value_text(value: Any) -> str:
    """A value as YAML would show it: ``"yes"`` for text, ``true``, ``80``, ``null``."""
    import json

    if isinstance(value, _Missing | _Unread):  # no value there; a text that is no YAML
        return "—"
    if value is None:
        return "null"
    if isinstance(value, bool | ScalarBoolean):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(int(value))
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return f"!!{type(value).__name__}"  # a date ruamel.yaml built from an explicit tag


def delete(mapping: CommentedMap, key: str) -> None:
    """Remove ``key``, keeping the full-line comments that followed its value."""
    if key not in mapping:
        return
    keys = list(mapping)
    index = keys.index(key)
    trailing = _take_tail(mapping, key)
    del mapping[key]
    mapping.ca.items.pop(key, None)
    if not trailing:
        return
    if index > 0:
        _append_tail(mapping, keys[index - 1], trailing)
    elif len(keys) > 1:
        # Nothing precedes: the comments go above the next key.
        slot = mapping.ca.items.setdefault(keys[1], [None, None, None, None])
        before = slot[1] or []
        column = _column(trailing)
        slot[1] = [CommentToken(trailing, _mark(column), None), *before]


def _tail_slot(node: Any, key: Any) -> tuple[list[Any], int] | None:
    """Where the comments after ``node[key]`` are kept, if in the usual place."""
    value = node[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and \
            not value.fa.flow_style():
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _tail_slot(value, last)
    slot = node.ca.items.setdefault(key, [None, None, None, None])
    return slot, (0 if isinstance(node, CommentedSeq) else 2)


def _take_tail(mapping: CommentedMap, key: str) -> str:
    """The full-line comments (and blank lines) after ``mapping[key]``, removed from it."""
    found = _tail_slot(mapping, key)
    if found is None:
        return ""
    slot, i = found
    token = slot[i]
    if token is None:
        return ""
    text: str = token.value
    slot[i] = None
    if _ends_block_scalar(mapping[key]):
        # A literal or folded scalar keeps its own line end: all of it follows,
        # and a comment on the first line is indented by the token's column.
        return " " * (token.column or 0) + text if text.startswith("#") else text
    # The first line is the value's own end-of-line comment (or just "\n"): it goes.
    _, _, rest = text.partition("\n")
    return rest


def _ends_block_scalar(value: Any) -> bool:
    while isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and \
            not value.fa.flow_style():
        value = value[list(value)[-1]] if isinstance(value, CommentedMap) else value[-1]
    return isinstance(value, (LiteralScalarString, FoldedScalarString))


def _append_tail(mapping: CommentedMap, key: str, text: str) -> None:
    found = _tail_slot(mapping, key)
    if found is None:
        return
    slot, i = found
    token = slot[i]
    if token is None:
        lead = "" if _ends_block_scalar(mapping[key]) else "\n"
        slot[i] = CommentToken(lead + text, _mark(0), None)
    else:
        token.value = token.value + text


def _column(text: str) -> int:
    for line in text.splitlines():
        if line.strip():
            return len(line) - len(line.lstrip())
    return 0


def _mark(column: int) -> Any:
    from ruamel.yaml.error import CommentMark

    return CommentMark(column)
