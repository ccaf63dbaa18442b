"""Next year's plan made by editing last year's text where its values stand.

``rollover.roll_over`` works on ruamel.yaml's round-trip tree, and loading and
dumping that tree runs ruamel's pure-Python scanner and emitter: 80 s of CPU
and 950 MB for a 20,000-task plan. A rollover changes a few kinds of values
(the year, the title's year, dates, statuses) and removes a few keys
(results, scores, the document's number ...); every other byte of the
source stays. So the same changes are made here on the source text itself:
each value is found by the C composer's node marks (``loader.parse_nodes``),
its new text is written in the value's own style (plain, or the same
quotes), a removed key takes its own lines with it and leaves the comment
lines after it, as ``roundtrip.delete`` does, and one pass joins the pieces.

What cannot be done here exactly as the round trip does it is declined, and
``roll_over_text`` returns None for the caller to take the round trip:
aliases and merge keys (one edit would change several values), a key to
remove inside a flow mapping or on a list item's dash line, a value to
change that is empty, a block scalar, folded over lines or written with
escapes, a date with a time of day, and a text with CR line ends (the round
trip writes LF). A date that cannot move raises
``CannotMove`` with its place, as ``roll_over`` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..loader import Parsed
from .rollover import (
    CLEARED_DOCUMENT,
    CLEARED_TOP,
    CannotMove,
    Changes,
    shift_date_text,
    shift_month_text,
)

_YAML = "tag:yaml.org,2002:"
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
Edit = tuple[int, int, str]  # replace text[start:end] with the string


@dataclass(frozen=True)
class Spliced:
    """The new plan's text, what changed, and the bloc's head and deputies (unchanged)."""

    text: str
    changes: Changes
    head: str
    deputies: tuple[str, ...]


class _Declined(Exception):
    """The round trip is needed for this plan (see the module's docstring)."""


def roll_over_text(text: str, year: int, parsed: Parsed, root: Any) -> Spliced | None:
    """``text`` (a plan that lints without errors, parsed as ``parse_nodes`` does)
    moved to ``year``; None when only the round trip can do it exactly."""
    try:
        return _Splicer(text, root).run(parsed.data, year)
    except _Declined:
        return None


class _Splicer:
    def __init__(self, text: str, root: Any) -> None:
        self.text = text
        self.root = root
        self.edits: list[Edit] = []
        self.removed: set[int] = set()  # id() of the value nodes of removed keys
        self.values: dict[int, str | None] = {}  # id(node) → its new text value

    def run(self, data: Any, year: int) -> Spliced:
        if not isinstance(data, dict) or _kind(self.root) != "MappingNode":
            raise _Declined
        if "\r" in self.text:  # the round trip writes \n line ends, and so would the modeline
            raise _Declined
        _shared(self.root, set(), 0)
        bloc = data.get("bloc")
        if not isinstance(bloc, dict) or "head" not in bloc:
            raise _Declined
        head = str(bloc["head"])
        deputies = tuple(str(d) for d in bloc.get("deputies") or [])
        if head in deputies:  # a promoted deputy leaves the list: the round trip edits it
            raise _Declined
        top = _pairs(self.root)
        source = int(data["year"])
        shift = year - source
        self._replace(top["year"][1], str(year), plain=True)
        for key in ("title", "theme"):
            if key in top and _is_str(top[key][1]):
                node = top[key][1]
                self._set(node, re.sub(rf"(?<!\d){source}(?!\d)", str(year), node.value))
        if "document" in top and _kind(top["document"][1]) == "MappingNode":
            for key in CLEARED_DOCUMENT:
                self._remove(top["document"][1], key)
        for task in _items(top.get("tasks")):
            self._move(task, "due", shift, _date_text)
            self._reset(task)
        for event in _items(top.get("events")):
            self._move(event, "date", shift, _date_text)
            self._move(event, "month", shift, _month_text)
            self._reset(event)
        for key in CLEARED_TOP:
            self._remove(self.root, key)
        stale: list[str] = []
        self._stale(self.root, str(source), "", stale)
        out = self._joined()
        return Spliced(out if out.endswith("\n") else out + "\n",
                       Changes(source, tuple(stale)), head, deputies)

    # ------------------------------------------------------------------ changes

    def _move(self, item: Any, key: str, shift: int,
              how: Callable[[Any, int], str | None]) -> None:
        pair = _pairs(item).get(key)
        if pair is None or _is_null(pair[1]):
            return
        node = pair[1]
        try:
            new = how(node, shift)
        except CannotMove as e:
            raise CannotMove(e.value, node.start_mark.line + 1,
                             node.start_mark.column + 1) from None
        if new is not None and new != node.value:
            self._set(node, new)

    def _reset(self, item: Any) -> None:
        pair = _pairs(item).get("status")
        if pair is not None:
            node = pair[1]
            if _is_str(node):
                if node.value != "planned":
                    self._set(node, "planned")
            else:  # not a text: the round trip writes the new one plain
                self._replace(node, "planned", plain=True)
        self._remove(item, "result")

    def _set(self, node: Any, value: str) -> None:
        """``node``'s text value becomes ``value``, in the style it was written in."""
        raw = self.text[node.start_mark.index:node.end_mark.index]
        old: str = node.value
        style = node.style or ""
        if "\n" in raw or not _emittable(old) or not _emittable(value):
            raise _Declined
        if style == "" and raw == old:
            new = value
        elif style == "'" and raw == "'" + old.replace("'", "''") + "'":
            new = "'" + value.replace("'", "''") + "'"
        elif style == '"' and raw == f'"{old}"' and not {"\\", '"'} & set(old + value):
            new = f'"{value}"'
        else:  # escapes or a block scalar: the round trip rewrites it its own way
            raise _Declined
        self._edit(node, new, value)

    def _replace(self, node: Any, new: str, *, plain: bool) -> None:
        """``node``'s text becomes ``new`` as written (a number, a plain word)."""
        if _kind(node) != "ScalarNode" or node.style in ("|", ">") or _is_null(node):
            raise _Declined
        if "\n" in self.text[node.start_mark.index:node.end_mark.index]:
            raise _Declined
        self._edit(node, new, new if plain else None)

    def _edit(self, node: Any, new: str, value: str | None) -> None:
        self.edits.append((node.start_mark.index, node.end_mark.index, new))
        self.values[id(node)] = value

    def _remove(self, mapping: Any, key: str) -> None:
        """Remove ``key``'s lines: from its own line's start to the end of its
        value's last line (with that line's comment); the lines after it stay."""
        pairs = _pairs(mapping)
        if key not in pairs:
            return
        if mapping.flow_style or len(pairs) == 1:  # a flow mapping, or one left empty
            raise _Declined
        key_node, value = pairs[key]
        start = self.text.rfind("\n", 0, key_node.start_mark.index) + 1
        if self.text[start:key_node.start_mark.index].strip(" "):
            raise _Declined  # on a list item's dash line: the dash must stay
        end = self._content_end(key_node, value)
        newline = self.text.find("\n", end)
        stop = len(self.text) if newline < 0 else newline + 1
        rest = self.text[end:stop].strip()
        if rest and not rest.startswith("#"):
            raise _Declined
        self.edits.append((start, stop, ""))
        self.removed.add(id(value))

    def _content_end(self, key: Any, node: Any) -> int:
        """Where the text of ``key: node`` ends, trailing blank lines left out."""
        kind = _kind(node)
        if kind == "ScalarNode":
            if _is_null(node) and node.start_mark.index == node.end_mark.index:
                if _kind(key) != "ScalarNode":  # an empty list item: no text to end at
                    raise _Declined
                return int(key.end_mark.index)
            if node.style in ("|", ">"):
                body = self.text[node.start_mark.index:node.end_mark.index]
                lines = body.split("\n")
                while len(lines) > 1 and not lines[-1].strip():
                    lines.pop()
                return int(node.start_mark.index) + len("\n".join(lines))
            return int(node.end_mark.index)
        if node.flow_style:
            return int(node.end_mark.index)
        if kind == "MappingNode" and node.value:
            return self._content_end(*node.value[-1])
        if kind == "SequenceNode" and node.value:
            return self._content_end(node, node.value[-1])
        raise _Declined

    def _joined(self) -> str:
        pieces: list[str] = []
        done = 0
        for start, end, new in sorted(self.edits):
            if start < done:
                raise _Declined  # overlapping edits: not what a rollover makes
            pieces += [self.text[done:start], new]
            done = end
        pieces.append(self.text[done:])
        return "".join(pieces)

    # ------------------------------------------------------------------ review

    def _stale(self, node: Any, year: str, path: str, found: list[str]) -> None:
        """``rollover._stale`` on the new plan: the texts that still mention ``year``."""
        if id(node) in self.removed:
            return
        kind = _kind(node)
        if kind == "MappingNode":
            for key, value in node.value:
                name = str(key.value)
                if name not in ("basis", "year"):
                    self._stale(value, year, f"{path}.{name}" if path else name, found)
        elif kind == "SequenceNode":
            for i, item in enumerate(node.value):
                self._stale(item, year, f"{path}[{i}]", found)
        else:
            value = self.values.get(id(node), node.value if _is_str(node) else None)
            if value is not None and re.search(rf"(?<!\d){year}(?!\d)", value):
                found.append(path)


def _date_text(node: Any, shift: int) -> str | None:
    """A due date or event date moved, as ``rollover._shift_date`` moves it."""
    if node.tag == _YAML + "timestamp":
        # The round trip reads it as a date and writes it back as YYYY-MM-DD;
        # a time of day it would lose, so such a value is left to it.
        if node.style or not _ISO_DAY.fullmatch(node.value):
            raise _Declined
        return shift_date_text(node.value, shift)
    return shift_date_text(node.value, shift) if _is_str(node) else None


def _month_text(node: Any, shift: int) -> str | None:
    return shift_month_text(node.value, shift) if _is_str(node) else None


def _pairs(node: Any) -> dict[str, tuple[Any, Any]]:
    """A mapping node's keys (as the loader names them) → (key node, value node)."""
    if node is None or _kind(node) != "MappingNode":
        return {}
    return {str(k.value): (k, v) for k, v in node.value}


def _items(node: Any) -> list[Any]:
    if node is None or _kind(node[1]) != "SequenceNode":
        return []
    return [item for item in node[1].value if _kind(item) == "MappingNode"]


def _shared(node: Any, seen: set[int], depth: int) -> None:
    """Decline a tree with aliases or merge keys: one edit would change several values."""
    if id(node) in seen or depth > 200:
        raise _Declined
    seen.add(id(node))
    kind = _kind(node)
    if kind == "MappingNode":
        for key, value in node.value:
            if key.tag == _YAML + "merge" or _kind(key) != "ScalarNode":
                raise _Declined
            _shared(value, seen, depth + 1)
    elif kind == "SequenceNode":
        for item in node.value:
            _shared(item, seen, depth + 1)


def _kind(node: Any) -> str:
    return type(node).__name__


def _is_str(node: Any) -> bool:
    return _kind(node) == "ScalarNode" and node.tag == _YAML + "str"


def _is_null(node: Any) -> bool:
    return _kind(node) == "ScalarNode" and node.tag == _YAML + "null"


def _emittable(text: str) -> bool:
    """Characters ruamel's emitter writes as they are (it escapes or quotes the others)."""
    return all(c in "\t\n\r" or " " <= c <= "~" or ("\xa0" <= c <= "\ud7ff")
               or ("\ue000" <= c <= "\ufffd" and c != "\ufeff")
               or "\U00010000" <= c < "\U0010ffff" for c in text)
