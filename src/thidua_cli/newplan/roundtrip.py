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
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

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


def yaml_for(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    # Never re-wrap long lines: the diff of a new plan should show changes, not reflowing.
    yaml.width = 1 << 16
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def load(text: str) -> tuple[Any, YAML]:
    yaml = yaml_for(text)
    return yaml.load(text), yaml


def dump(data: Any, yaml: YAML) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


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
