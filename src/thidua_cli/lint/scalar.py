"""Where the characters of a text value stand on the first line of its source.

A finding about part of a value (a misspelled word, a control character)
points at that part when the value's first line holds it: the value is read
back from its source line, plain, single-quoted (``''`` is one quote) or
double-quoted (escapes such as ``\\x01`` or ``\\u00e9`` decoded), keeping the
column of every character. Whatever the line does not settle (block text,
a folded second line) is left to the caller, which points at the value.
"""

from __future__ import annotations

# YAML's one-character escapes in double-quoted text (YAML 1.2, 5.7).
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
    "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX = {"x": 2, "u": 4, "U": 8}


def read_line(raw: str, start: int) -> tuple[str, list[int]]:
    """The text the scalar starting at ``raw[start]`` holds on this line, and the
    0-based column of each of its characters.

    The text may run past the scalar's end for plain values (a comment, a flow
    comma): callers compare it with the value's own text before trusting it.
    """
    quote = raw[start:start + 1]
    if quote == "'":
        return _single(raw, start + 1)
    if quote == '"':
        return _double(raw, start + 1)
    return raw[start:], list(range(start, len(raw)))


def column_of(raw: str, start: int, value: str, span: tuple[int, int]) -> int | None:
    """The 1-based column where ``value[span[0]:span[1]]`` is written on ``raw``,
    the source line on which ``value`` starts at ``start`` (0-based); None when
    that part of the value is not on this line as read."""
    first, end = span
    text, columns = read_line(raw, start)
    if first >= len(columns) or text[:end] != value[:end]:
        return None
    return columns[first] + 1


def end_column_of(raw: str, start: int, value: str, end: int) -> int | None:
    """The 1-based column just past ``value[:end]`` on ``raw`` (as ``column_of``); None
    when that part of the value is not on this line as read."""
    text, columns = read_line(raw, start)
    if not 0 < end <= len(columns) or text[:end] != value[:end]:
        return None
    if end < len(columns):
        return columns[end] + 1
    last = columns[end - 1]
    step = 1
    if raw[last] == "\\":  # an escape: \n, \x93, \u00e9 ...
        step = 2 + _HEX.get(raw[last + 1:last + 2], 0)
    elif raw[last:last + 2] == "''" and raw[start:start + 1] == "'":
        step = 2
    return last + step + 1


def _single(raw: str, i: int) -> tuple[str, list[int]]:
    chars: list[str] = []
    columns: list[int] = []
    while i < len(raw):
        if raw[i] == "'":
            if raw[i + 1:i + 2] != "'":
                break
            chars.append("'")
            columns.append(i)
            i += 2
            continue
        chars.append(raw[i])
        columns.append(i)
        i += 1
    return "".join(chars), columns


def _double(raw: str, i: int) -> tuple[str, list[int]]:
    chars: list[str] = []
    columns: list[int] = []
    while i < len(raw) and raw[i] != '"':
        char = raw[i]
        step = 1
        if char == "\\":
            code = raw[i + 1:i + 2]
            if code in _ESCAPES:
                char, step = _ESCAPES[code], 2
            elif code in _HEX:
                digits = raw[i + 2:i + 2 + _HEX[code]]
                try:
                    char = chr(int(digits, 16))
                except ValueError:
                    break
                if len(digits) != _HEX[code]:
                    break
                step = 2 + len(digits)
            else:  # a line continuation or an invalid escape: stop here
                break
        chars.append(char)
        columns.append(i)
        i += step
    return "".join(chars), columns
