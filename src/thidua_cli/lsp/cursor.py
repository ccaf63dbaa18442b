"""Where the cursor stands in a plan, read from the lines around it.

Completion and hover must work while a file is half typed, when it does not
parse at all, so this reads the text as an editor's YAML mode would: by
indentation. Walking up from the cursor's line, each line that starts left
of the current one is a parent (``key:`` or a ``-`` list item), which gives
the path of keys to the cursor (``("tasks", "[]", "support", "[]")``, with
``"[]"`` for an item of a list). Flow collections on the cursor's line
(``support: [btc, |``, ``- {id: btc, name: |``) are read character by
character. What it cannot tell (a value spread over lines) it calls text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .positions import Lines

ITEM = "[]"
Where = Literal["key", "value", "comment", "text"]

_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<dashes>(?:-(?:[ \t]+|$))*)(?P<rest>.*)$")
_KEY = re.compile(r"""^(?P<key>"[^"]*"|'[^']*'|[^\s#'"{\[\]},&*!|>%@`-][^#:]*?|-[^\s#:][^#:]*?)"""
                  r"""[ \t]*:(?:[ \t]+|$)""")
_TOKEN = re.compile(r"""[^\s,\[\]{}#'"]+""")
_BLOCK = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")
_LOOKBACK = 2000  # lines: a parent further up than this is not worth the walk


@dataclass(frozen=True)
class Cursor:
    """The path of keys to the cursor, whether it is on a key or a value, and the word.

    On a key, the path ends with that key (as typed so far); on a value, with
    the key (or list item) that holds it.
    """

    path: tuple[str, ...]
    at: Where
    word: str  # the token around the cursor ('' between tokens)
    start: int  # its code-point columns on the line
    end: int
    prefix: str  # the part of the word before the cursor
    line: int

    @property
    def keys(self) -> tuple[str, ...]:
        """The path without list items: ``("tasks", "support")``."""
        return tuple(p for p in self.path if p != ITEM)


@dataclass(frozen=True)
class _Parts:
    dashes: tuple[int, ...]  # columns of the list dashes
    content: int  # column where the rest starts
    key: str | None
    value_at: int  # column where the value starts (after "key: "), or content
    value: str  # the value text (comment removed)


def _parts(text: str) -> _Parts:
    m = _LINE.match(text)
    assert m is not None  # the pattern matches any line
    indent = len(m["indent"])
    dashes = tuple(indent + i for i, c in enumerate(m["dashes"]) if c == "-")
    content = indent + len(m["dashes"])
    rest = m["rest"]
    k = _KEY.match(rest)
    if k is None:
        return _Parts(dashes, content, None, content, _uncomment(rest))
    key = k["key"].strip()
    if key[:1] in "'\"" and len(key) >= 2 and key[-1] == key[0]:
        key = key[1:-1]
    return _Parts(dashes, content, key, content + k.end(), _uncomment(rest[k.end():]))


def _uncomment(text: str) -> str:
    at = comment_start(text)
    return (text if at is None else text[:at]).strip()


def comment_start(text: str) -> int | None:
    """Where a ``#`` comment starts on a line (outside quotes), if it has one."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (i == 0 or text[i - 1] in " \t[{,:-"):
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return i
    return None


def at(lines: Lines, line: int, column: int) -> Cursor:
    """The cursor at a 0-based line and code-point column."""
    text = lines.line(line)
    column = min(column, len(text))
    word, start, end = _word(text, column)
    prefix = word[:column - start]
    comment = comment_start(text)
    if comment is not None and column > comment:
        return Cursor((), "comment", word, start, end, prefix, line)
    parts = _parts(text)
    first = parts.dashes[0] if parts.dashes else parts.content
    parents, block = _parents(lines, line, first, bool(parts.dashes))
    if block:
        return Cursor(parents, "text", word, start, end, prefix, line)
    path = parents + (ITEM,) * len(parts.dashes)
    if column < parts.content and parts.dashes:  # on the dash itself
        return Cursor(path, "value", word, start, end, prefix, line)
    if parts.key is None:
        if parts.value.startswith(("[", "{")):
            return _flow(path, text, parts.content, column, word, start, end, prefix, line)
        # A bare word: a key being typed in a mapping, or an item of a list of text.
        if parts.dashes:
            return Cursor(path, "value", word, start, end, prefix, line)
        return Cursor((*path, word), "key", word, start, end, prefix, line)
    if column < parts.value_at and not (column == parts.value_at - 1 and text[column:column + 1]
                                        in " \t"):
        return Cursor((*path, parts.key), "key", word, start, end, prefix, line)
    path = (*path, parts.key)
    if parts.value.startswith(("[", "{")):
        return _flow(path, text, parts.value_at, column, word, start, end, prefix, line)
    if _BLOCK.match(parts.value):
        return Cursor(path, "text", word, start, end, prefix, line)
    return Cursor(path, "value", word, start, end, prefix, line)


def siblings(lines: Lines, line: int) -> set[str]:
    """The keys of the mapping the key on ``line`` belongs to (that key's own excepted):
    the lines above and below at its column, up to where the mapping ends."""
    parts = _parts(lines.line(line))
    column = parts.content
    found: set[str] = set()
    for step in (-1, 1):
        number = line + step
        while 0 <= number < len(lines.lines) and abs(number - line) <= _LOOKBACK:
            text = lines.line(number)
            number += step
            stripped = text.strip()
            if not stripped or stripped.startswith("#"):
                continue
            other = _parts(text)
            if other.content < column and not other.dashes:
                break
            if other.content == column and other.key is not None:
                found.add(other.key)
            if other.dashes and other.dashes[0] < column:
                break  # the start of this list item (going up) or of the next (going down)
            if step == 1 and other.dashes and other.dashes[0] == column:
                break
    return found


def _word(text: str, column: int) -> tuple[str, int, int]:
    for m in _TOKEN.finditer(text):
        if m.start() <= column <= m.end():
            word = m.group()
            if word.endswith(":") and column == m.end():
                return "", column, column  # just after "key:"
            # "lead:" as a word is the key "lead"
            if word.endswith(":") and column < m.end():
                return word[:-1], m.start(), m.end() - 1
            return word.rstrip(":"), m.start(), m.start() + len(word.rstrip(":"))
        if m.start() > column:
            break
    return "", column, column


def _parents(lines: Lines, line: int, limit: int, dash: bool,
             ) -> tuple[tuple[str, ...], bool]:
    """The keys and list items above ``line`` that hold what starts at column ``limit``;
    and whether the line is inside a text value (block or multi-line plain text).

    ``dash``: what starts at ``limit`` is a list item, which may stand at the
    column of its key (``objectives:`` then ``- o1`` below it, equally indented).
    """
    path: list[str] = []
    text_value = False
    for number in range(line - 1, max(-1, line - 1 - _LOOKBACK), -1):
        if limit == 0 and not dash:
            break
        text = lines.line(number)
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = _parts(text)
        tokens: list[tuple[int, str | None]] = [(d, None) for d in parts.dashes]
        if parts.key is not None:
            tokens.append((parts.content, parts.key))
        elif not parts.dashes:
            tokens.append((parts.content, ""))  # a line of text, no key
        inside = [t for t in tokens if t[0] < limit or (
            dash and t[0] == limit and t[1] and not parts.value)]
        if not inside:
            continue
        col, key = inside[-1]
        owns_value = (key is not None and key != "") or (
            key is None and parts.key is None and col == parts.dashes[-1])
        if not path and not text_value and (key == "" or (
                owns_value and parts.value and not parts.value.startswith(("[", "{", "&", "!")))):
            # A parent holding text (``key: >-``, a plain text over several lines):
            # the cursor's line continues it.
            text_value = True
        if key != "":
            path.insert(0, ITEM if key is None else key)
        limit, dash = col, key is None
    return tuple(path), text_value


def _flow(path: tuple[str, ...], text: str, start_col: int, column: int, word: str,
          start: int, end: int, prefix: str, line: int) -> Cursor:
    """Inside ``[...]`` or ``{...}`` on one line: follow the brackets to the cursor."""
    stack: list[list[str | None]] = []  # per level: kind, then the current key of a map
    where: Where = "value"
    quote = ""
    i = start_col
    while i < column:
        char = text[i]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "[{":
            stack.append(["[" if char == "[" else "{", None])
            where = "key" if char == "{" else "value"
        elif char in "]}":
            if stack:
                stack.pop()
            where = "value"
        elif char == "," and stack:
            if stack[-1][0] == "{":
                stack[-1][1] = None
                where = "key"
            else:
                where = "value"
        elif char == ":" and stack and stack[-1][0] == "{" and where == "key":
            key_text = text[:i].rsplit("{", 1)[-1].rsplit(",", 1)[-1].strip().strip("'\"")
            stack[-1][1] = key_text
            where = "value"
        i += 1
    out = list(path)
    for kind, key in stack[:-1] if where == "key" else stack:
        out.append(ITEM if kind == "[" else (key or ""))
    if where == "key":
        out.append(word)
    return Cursor(tuple(out), where, word, start, end, prefix, line)
