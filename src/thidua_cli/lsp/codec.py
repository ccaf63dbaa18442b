"""pygls's conversion of the client's columns, counted in C.

pygls counts a line's UTF-16 (or UTF-8) units one character at a time in
Python, for every change and position the client sends, over the whole line:
an edit of a 50 MB one-line document (a plan in flow style on one line is
YAML) took 7 s a keystroke, and each change more, so that the server seemed
hung. Here a count is the length of the line encoded, and a column is found
4,096 code points at a time, then by bisection within them: the same answers
as pygls's (``tests/lsp``), in C.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lsprotocol import types
from pygls.workspace import PositionCodec, ServerTextPosition
from pygls.workspace.position_codec import UnitCounter


class _Utf16(UnitCounter):
    def code_units_for_char(self, char: str) -> int:
        return 2 if ord(char) > 0xFFFF else 1

    def num_units(self, chars: str) -> int:
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def column_from_utf32(self, line: str, column: int) -> int:
        return self.num_units(line[:column])


class _Utf8(UnitCounter):
    def code_units_for_char(self, char: str) -> int:
        return len(char.encode("utf-8", "surrogatepass"))

    def num_units(self, chars: str) -> int:
        return len(chars.encode("utf-8", "surrogatepass"))

    def column_from_utf32(self, line: str, column: int) -> int:
        return self.num_units(line[:column])


class FastCodec(PositionCodec):
    """``PositionCodec`` with its counts in C; UTF-32 is pygls's own (no loop)."""

    def __init__(self, encoding: Any = types.PositionEncodingKind.Utf16) -> None:
        super().__init__(encoding)
        kind = str(getattr(encoding, "value", encoding) or "utf-16")
        if kind == "utf-8":
            self.impl = _Utf8()
        elif kind != "utf-32":
            self.impl = _Utf16()

    def position_from_client_units(self, lines: Sequence[str],
                                   position: types.Position) -> ServerTextPosition:
        """pygls's answer: the first code point at or past ``position.character`` units."""
        if not lines or position.line >= len(lines):
            return super().position_from_client_units(lines, position)
        line = lines[position.line].replace("\r\n", "\n")
        units = self.impl.num_units
        total = units(line)
        if total == 0:
            return ServerTextPosition(position.line, 0)
        if position.character > total:
            position.character = total - 1  # as pygls does
        wanted = position.character
        if total == len(line):  # one unit a code point
            return ServerTextPosition(position.line, min(wanted, len(line)))
        # The least index whose prefix holds `wanted` units: the piece it falls in
        # first, a piece at a time, then within the piece by bisection.
        start = before = 0
        while True:
            piece = line[start:start + _PIECE]
            count = units(piece)
            if before + count >= wanted or start + _PIECE >= len(line):
                break
            before += count
            start += _PIECE
        low, high = 0, len(piece)
        while low < high:
            middle = (low + high) // 2
            if before + units(piece[:middle]) >= wanted:
                high = middle
            else:
                low = middle + 1
        return ServerTextPosition(position.line, start + low)


#: Code points counted at once while looking for a column in a long line.
_PIECE = 4096
