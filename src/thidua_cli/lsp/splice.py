"""A buffer's parsed model carried over an edit, instead of parsing all of it again.

Parsing is half of linting a large plan (a 2,000-task plan: about 0.5 s of
1 s), and someone typing changes one task, one event, one member at a time.
When an edit falls inside one item of a block list and the item stays a
block of its own (its first line ``- `` at the list's column, every other
line indented past it, the next item's ``- `` where it was), that item alone
is parsed, with the next item's first line after it so that YAML ends it
exactly as it ends in the whole text (after the last item, a made-up one
whose dash stands for whatever ends the list). Its values and positions take the old
item's place, and the positions after it move by the lines the edit added
or removed.

Anything else parses the whole text again: an edit across items or outside
any list, a text with anchors (an alias elsewhere could hold the item) or
merge keys, ``%`` directives (tags resolve by them), tabs, line breaks other
than ``\\n`` and ``\\r\\n``, or an item that does not parse alone. The model is
then always the one ``parse(text)`` gives, in the same order: the tests
compare the two after every edit of a table and of random edit sequences.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..loader import MAX_DEPTH, MAX_VALUES, Parsed, Path_, Pos, Problem, YamlSyntaxError, parse

# What a list item's first line holds before its value: the dash at the
# list's column, and at least one space.
_DASH = re.compile(r"( *)- +")
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029\ufeff\t]")


@dataclass(frozen=True)
class Spliced:
    parsed: Parsed
    item: Path_  # the list item that was parsed again


def changed(old: str, new: str) -> tuple[int, int, int]:
    """Where ``new`` differs from ``old``: ``old[start:old_end]`` became
    ``new[start:new_end]``; the rest is the same."""
    limit = min(len(old), len(new))
    # The common prefix, by halving: each comparison runs in C on one slice.
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if old.startswith(new[low:mid], low):
            low = mid
        else:
            high = mid - 1
    start = low
    low, high = 0, limit - start
    while low < high:
        mid = (low + high + 1) // 2
        if old.startswith(new[len(new) - mid:len(new) - low], len(old) - mid):
            low = mid
        else:
            high = mid - 1
    return start, len(old) - low, len(new) - low


def splice(old_text: str, old: Parsed, new_text: str) -> Spliced | None:
    """``parse(new_text)`` from ``old`` (``parse(old_text)``), when the edit
    between them stays inside one list item; None when the whole text must
    be parsed again."""
    if not isinstance(old.data, dict) or "&" in old_text or "&" in new_text:
        return None
    if "<<" in old_text or "<<" in new_text:  # merge keys copy positions across items
        return None
    if new_text.startswith("%") or "\n%" in new_text:
        return None
    start, old_end, new_end = changed(old_text, new_text)
    if start == old_end == new_end:
        return None
    lines = _Lines(old_text, start)
    first, last = lines.anchor_line, lines.line_of(old_end)
    for item in reversed(list(_items_around(old, lines, first, last))):
        done = _reparse(old, new_text, lines, item, old_end, new_end - old_end)
        if done is not None:
            return done
    return None


@dataclass(frozen=True)
class _Item:
    path: Path_
    line: int  # of its dash (1-based)
    next_line: int  # of the next item's dash, or of what ends the last item
    column: int  # of the dash (0-based)
    next_value: Pos | None  # where the next item's value starts; None: the last item
    end: Pos  # where the item ends


class _Lines:
    """Lines of a text near one offset: found by walking from it, since an
    edit's item is a few lines long and the text tens of thousands."""

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.anchor_line = text.count("\n", 0, offset) + 1
        self.anchor = text.rfind("\n", 0, offset) + 1  # where that line starts
        self._starts = {self.anchor_line: self.anchor}

    def line_of(self, offset: int) -> int:
        return self.anchor_line + self.text.count("\n", self.anchor, offset)

    def start(self, line: int) -> int:
        known = self._starts.get(line)
        if known is not None:
            return known
        at, here = self.anchor, self.anchor_line
        while here > line and at > 0:
            at, here = self.text.rfind("\n", 0, at - 1) + 1, here - 1
        while here < line:
            found = self.text.find("\n", at)
            if found == -1:
                return -1  # past the end of the text
            at, here = found + 1, here + 1
        self._starts[line] = at
        return at

    def text_of(self, line: int) -> str | None:
        """Line ``line`` without its break; None past the end of the text."""
        begin = self.start(line)
        if begin == -1:
            return None
        end = self.text.find("\n", begin)
        return self.text[begin:len(self.text) if end == -1 else end]


def _items_around(parsed: Parsed, lines: _Lines, first: int, last: int) -> Iterator[_Item]:
    """The block-list items holding lines ``first`` to ``last``, outermost first,
    each with a next item in its list (which ends it as the whole text does)."""
    import bisect

    node: Any = parsed.data
    path: Path_ = ()
    while True:
        if isinstance(node, dict):
            chosen = None
            for key in node:
                at = parsed.keys.get((*path, key))
                if at is None or at[0] > first:
                    break
                chosen = key
            if chosen is None:
                return
            path, node = (*path, chosen), node[chosen]
        elif isinstance(node, list) and node:
            starts = [parsed.values.get((*path, i), (0, 0))[0] for i in range(len(node))]
            i = bisect.bisect_right(starts, first) - 1
            if i < 0:
                return
            item = _block_item(parsed, lines, (*path, i),
                               (*path, i + 1) if i + 1 < len(node) else None)
            if item is None or not item.line <= first <= last < item.next_line:
                return
            yield item
            path, node = (*path, i), node[i]
        else:
            return


def _block_item(parsed: Parsed, lines: _Lines, path: Path_,
                following: Path_ | None) -> _Item | None:
    """``path`` as an item of a block list, when its dash and the next item's
    stand at the same column on the lines their values start on; the last
    item, when what ends it (a key, a dash further left, the end of the text)
    starts its line."""
    here, end = parsed.values.get(path), parsed.value_ends.get(path)
    if here is None or end is None:
        return None
    dash = _DASH.fullmatch(lines.text_of(here[0]) or "", 0, here[1] - 1)
    if dash is None:
        return None
    n = len(dash.group(1))
    if following is None:
        closing = lines.text_of(end[0]) if end[0] > here[0] else None
        if closing is None or closing[:end[1] - 1].strip(" "):
            return None
        return _Item(path, here[0], end[0], n, None, end)
    there = parsed.values.get(following)
    if there is None or there[0] <= here[0]:
        return None
    next_dash = _DASH.fullmatch(lines.text_of(there[0]) or "", 0, there[1] - 1)
    if next_dash is None or len(next_dash.group(1)) != n:
        return None
    return _Item(path, here[0], there[0], n, there, end)


def _reparse(old: Parsed, new_text: str, lines: _Lines, item: _Item, old_end: int,
             delta: int) -> Spliced | None:
    if old_end > lines.start(item.next_line) - 1:
        return None  # the edit reaches the line break before the next item
    begin = lines.start(item.line)
    next_begin = lines.start(item.next_line) + delta
    n = item.column
    if item.next_value is None:
        # The last item: a made-up next item ends it where the text goes on.
        fragment = new_text[begin:next_begin] + " " * n + "- x"
    else:
        end = new_text.find("\n", next_begin)
        fragment = new_text[begin:len(new_text) if end == -1 else end]
    if _ODD_BREAK.search(fragment):
        return None
    rows = fragment.split("\n")
    head = _DASH.match(rows[0])
    if head is None or len(head.group(1)) != n:
        return None
    for line in rows[1:-1]:
        # A comment may stand anywhere (YAML reads no indentation from it);
        # any other line at the dash's column or left of it is outside the item.
        text = line.lstrip(" ")
        if text and not text.startswith("#") and len(line) - len(text) <= n:
            return None
    try:
        part = parse(fragment, tables=True)
    except YamlSyntaxError:
        return None
    moved = item.line - 1  # the fragment's line 1 is the item's line
    lines_added = len(rows) - 1 - (item.next_line - item.line)
    if not (isinstance(part.data, list) and len(part.data) == 2):
        return None
    closing: tuple[Pos, Pos] | None = None
    if item.next_value is None:
        made_up = (len(rows), n + 1)  # the made-up dash, where the item ends
        if part.values.get((1,)) != (len(rows), n + 3) or part.value_ends.get((0,)) != made_up:
            return None
        closing = made_up, (item.end[0] + lines_added, item.end[1])
    elif part.values.get((1,)) != (item.next_value[0] + lines_added - moved,
                                   item.next_value[1]):
        return None
    deepest = max(len(p) for p in part.values) + len(item.path)
    if deepest > MAX_DEPTH - 5 or len(old.values) + len(part.values) > MAX_VALUES // 2:
        return None  # near a limit, where the whole text decides
    boundary = item.next_line  # old lines from here on move by lines_added
    data = _replaced(old.data, item.path, part.data[0])
    same = lines_added == 0 and _shape(_at(old.data, item.path)) == _shape(part.data[0])
    values, value_ends, keys, key_ends = (
        _table(table, fresh, old.data, item.path, moved, boundary, lines_added, same, closing)
        for table, fresh in ((old.values, part.values), (old.value_ends, part.value_ends),
                             (old.keys, part.keys), (old.key_ends, part.key_ends)))
    if None in (values, value_ends, keys, key_ends):
        return None
    new_boundary = boundary + lines_added - moved
    problems = ([p for p in old.problems if p.line < item.line]
                + [_shifted(p, moved, 0) for p in part.problems if p.line < new_boundary]
                + [_shifted(p, lines_added, boundary) for p in old.problems
                   if p.line >= boundary])
    assert values is not None and value_ends is not None
    assert keys is not None and key_ends is not None
    return Spliced(Parsed(data, values, keys, problems, value_ends, key_ends), item.path)


def _replaced(data: Any, path: Path_, value: Any) -> Any:
    """``data`` with ``value`` at ``path``: the containers on the way copied, the
    rest shared (the old model stays as it was)."""
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    head = path[0]
    copy[head] = _replaced(data[head], path[1:], value)  # type: ignore[index]
    return copy


def _table(table: dict[Path_, Pos], fresh: dict[Path_, Pos], old_data: Any, path: Path_,
           moved: int, boundary: int, added: int, same: bool,
           closing: tuple[Pos, Pos] | None) -> dict[Path_, Pos] | None:
    """``table`` with the entries under ``path`` replaced by the fragment's (item 0
    of ``fresh``), in the place a whole parse puts them; None when that place
    is not known (the old item had no entry of this table).

    ``same``: the item kept its lines and the shape of its data (an edit
    inside one value), so the entries are the same paths in the same order
    and only their positions change. ``closing``: the fragment's made-up end
    of the last item, and where the item really ends.
    """
    mine = [((*path, *key[1:]), (line + moved, column))
            for key, (line, column) in fresh.items() if key[:1] == (0,)]
    if closing is not None:
        made_up, real = closing
        made_up = (made_up[0] + moved, made_up[1])
        mine = [(key, real if pos == made_up else pos) for key, pos in mine]
    if same:
        out = table.copy()
        out.update(mine)
        return out
    # The old entries under ``path`` are one run, in preorder: it starts at
    # ``path`` itself (a value) or at the first key inside the old item.
    start = path if path in table else _first_key(_at(old_data, path), path)
    names = list(table)
    if start is None or start not in table:
        if mine:
            return None
        # The old item had no entry here (no key in a text item): the entries
        # after it still move with its lines.
        return {k: (line + added, column) if line >= boundary else (line, column)
                for k, (line, column) in table.items()}
    at = stop = names.index(start)
    size = len(path)
    while stop < len(names) and names[stop][:size] == path:
        stop += 1
    out = dict(itertools.islice(table.items(), at))
    if added:
        for k in range(len(path)):  # the item's ancestors end after it
            end = out.get(path[:k])
            if end is not None and end[0] >= boundary:
                out[path[:k]] = (end[0] + added, end[1])
    out.update(mine)
    rest = itertools.islice(table.items(), stop, None)
    if added:
        out.update((k, (line + added, column) if line >= boundary else (line, column))
                   for k, (line, column) in rest)
    else:
        out.update(rest)
    return out


def _first_key(value: Any, path: Path_) -> Path_ | None:
    """The first key path inside ``value``, in the order a parse records keys."""
    if isinstance(value, dict):
        for key in value:
            return (*path, key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _first_key(item, (*path, i))
            if found is not None:
                return found
    return None


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _shape(value: Any) -> Any:
    """The paths a value's data has, as a nested tuple: equal shapes, equal paths."""
    if isinstance(value, dict):
        return tuple((k, _shape(v)) for k, v in value.items())
    if isinstance(value, list):
        return (len(value), *(_shape(v) for v in value))
    return None


def _shifted(problem: Problem, lines: int, boundary: int) -> Problem:
    if not lines:
        return problem
    args = problem.args
    if "line" in args and args["line"] >= boundary:
        args = {**args, "line": args["line"] + lines}
    return Problem(problem.line + lines, problem.column, problem.key, args)
