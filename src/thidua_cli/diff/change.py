"""The result of a diff: changes with their paths, as frozen values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Op = Literal["added", "removed", "changed", "moved", "renamed"]
OPS: tuple[Op, ...] = ("added", "removed", "changed", "moved", "renamed")


@dataclass(frozen=True)
class ById:
    """A list item named by its ``id`` in a path (``tasks[sap-xep]``)."""

    id: str


Segment = str | int | ById
Path = tuple[Segment, ...]

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_PLAIN_ID = re.compile(r"^(?![0-9]+$)[^\[\]\"\\\s]+$")


def path_text(path: Path) -> str:
    """``tasks[sap-xep].due``: keys joined by dots, list items in brackets.

    An index is ``[2]``; an id is ``[t1]``, quoted when it could be read as an
    index or holds brackets, spaces, a backslash or a character that is not
    printable (``["2022"]``; an id holding U+202E and one holding the six
    characters ``\u202e`` were both shown ``[t\u202e]``); a key that is not plain
    letters, digits, ``-`` and ``_`` is quoted the same way (``["a.b"]``).
    """
    parts: list[str] = []
    for segment in path:
        if isinstance(segment, ById):
            plain = _PLAIN_ID.match(segment.id) and segment.id.isprintable()
            shown = segment.id if plain else _quote(segment.id)
            parts.append(f"[{shown}]")
        elif isinstance(segment, int):
            parts.append(f"[{segment}]")
        elif _PLAIN_KEY.match(segment):
            parts.append(f".{segment}" if parts else segment)
        else:
            parts.append(f"[{_quote(segment)}]")
    return "".join(parts)


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Change:
    """One difference. ``old``/``new`` are plain data (dates as ISO text).

    added: ``new`` is the value, ``old`` None; removed: the reverse;
    changed: both values; moved: the item's old and new index in its list;
    renamed: the old and the new id (``path`` names the item by its old id).
    """

    op: Op
    path: Path
    old: Any = None
    new: Any = None

    @property
    def where(self) -> str:
        return path_text(self.path)

    def as_dict(self) -> dict[str, Any]:
        return {"op": self.op, "path": self.where, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class SideInfo:
    """What the reporters say about one side: its label and whether it is a valid plan."""

    label: str
    errors: int = 0
    data: Any = field(default=None, repr=False)
    bools: bool = field(default=True, repr=False)  # whether ``data`` may hold a bool


@dataclass(frozen=True)
class DiffResult:
    old: SideInfo
    new: SideInfo
    changes: tuple[Change, ...] = field(default_factory=tuple)

    @property
    def differs(self) -> bool:
        return bool(self.changes)

    def __repr__(self) -> str:
        counts = ", ".join(f"{op}={n}" for op, n in self.summary().items())
        return f"DiffResult({self.old.label!r}, {self.new.label!r}, {counts})"

    def to_json(self) -> str:
        """The text of ``thidua diff --format json``."""
        import io

        from ..formats.diff.json import report
        from ..formats.lint import ReportOptions

        buffer = io.StringIO()
        report(self, buffer, ReportOptions())
        return buffer.getvalue()

    def summary(self) -> dict[str, int]:
        """How many changes of each op, every op present (zeros included)."""
        counts: dict[str, int] = dict.fromkeys(OPS, 0)
        for change in self.changes:
            counts[change.op] += 1
        return counts
