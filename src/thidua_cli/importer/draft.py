"""The plan being recovered: plain data, with a note on every value inferred.

``data`` has the shape of a plan file (dates as ISO text); ``notes`` maps a
path into it (``("bloc", "members", 0, "id")``) to why the value was
inferred or what could not be read, and becomes a ``# thidua import:``
comment; ``unplaced`` is the document's text that fits nowhere, kept for a
commented block at the end of the file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass
class Draft:
    data: dict[str, Any] = field(default_factory=dict)
    notes: dict[Path_, list[str]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    #: Commented-out blocks (key, lines) for what could not be a value.
    commented: list[tuple[str, list[str]]] = field(default_factory=list)

    def note(self, path: Path_, text: str) -> None:
        found = self.notes.setdefault(path, [])
        if text not in found:
            found.append(text)

    def unplace(self, text: str) -> None:
        text = text.strip()
        if text:
            self.unplaced.append(text)


_SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")


def tidy(text: str) -> str:
    """Text as a plan keeps it: NFC, no-break spaces as spaces (Word and thidua put
    them before spaced hyphens), no surrounding spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return text.strip(" \t\r\n\u00a0")


def one_line(text: str) -> str:
    """``tidy`` and every run of spaces, tabs or line breaks as one space."""
    return " ".join(_SPACES.sub(" ", tidy(text)).split())
