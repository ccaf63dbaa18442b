"""Commas inside the one-line ``{...}`` form: the trap of Vietnamese titles.

Administrative text is full of commas (``thi đua, khen thưởng``). Inside
``{...}`` a comma ends the value, so in
``{id: a, title: Tổ chức phong trào thi đua, khen thưởng}`` the words after
the comma become a key of their own (``khen thưởng``, with no value), and
the schema reports an unknown key. The engine recognises the pattern (a key
right after a comma, on the line of an open ``{``) and says what happened.
"""

from __future__ import annotations


def after_comma(line: str, column: int) -> bool:
    """Whether the key at 0-based ``column`` of ``line`` follows a comma inside ``{``."""
    before = line[:column]
    if not before.rstrip().endswith(","):
        return False
    depth = 0
    quote = ""
    for char in before:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
    return depth > 0
