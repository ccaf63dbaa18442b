"""YAML text → plain Python data, with the line and column of every key and value.

The composer of ruamel.yaml's C extension builds the node tree (with marks)
about ten times faster than the round-trip loader; we then build the values
ourselves so that no tag can ever construct a Python object, aliases cannot
expand exponentially, and duplicate keys are reported instead of silently
overwritten. The round-trip loader is kept for writing files back.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple

from .gcpause import paused

Path_ = tuple[str | int, ...]
Pos = tuple[int, int]

# A plan has a few thousand values; a million is far past any real plan and
# stops an alias bomb long before it costs memory or time.
MAX_VALUES = 1_000_000
MAX_DEPTH = 100

_YAML = "tag:yaml.org,2002:"
_STR, _MERGE, _INTEGER = _YAML + "str", _YAML + "merge", _YAML + "int"
_SEQ, _MAP = _YAML + "seq", _YAML + "map"


class _NoNode:
    pass


# libyaml's scalar node class, once ``compose`` has imported it: the builder
# tests a node's class by identity first, a third of the time of testing its
# name, which it still does for another composer's nodes (ruamel.yaml's).
_SCALAR: type = _NoNode
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")


class Problem(NamedTuple):
    """Something wrong with the YAML itself (TD001)."""

    line: int
    column: int
    key: str
    args: Mapping[str, Any] = MappingProxyType({})  # read-only: one for every problem


class Parsed:
    """The data of one YAML document and where each piece of it stands.

    ``values`` and ``keys`` map a path to the line and column (1-based) where
    its value or key starts, ``value_ends`` and ``key_ends`` to where it ends
    (just past its last character, for editors that underline a whole value).
    ``parse`` does not make these tables: most files place no finding, or a
    few, and a table of every key and value was half of building the data. It
    keeps the node tree and finds a path in it when asked (``_Places``); the
    whole tables are made on first use.
    """

    def __init__(self, data: Any, values: dict[Path_, Pos] | None = None,
                 keys: dict[Path_, Pos] | None = None, problems: list[Problem] | None = None,
                 value_ends: dict[Path_, Pos] | None = None,
                 key_ends: dict[Path_, Pos] | None = None) -> None:
        self.data = data
        self.problems: list[Problem] = problems if problems is not None else []
        # The text values in data order (``DataContext.texts``), when the parse
        # knows them.
        self.texts: list[str] | None = None
        self._places: _Places | None = None
        self._tables: _Tables | None = (
            values if values is not None else {}, keys if keys is not None else {},
            value_ends if value_ends is not None else {}, key_ends if key_ends is not None else {})

    @classmethod
    def placed_later(cls, data: Any, problems: list[Problem], places: _Places,
                     texts: list[str] | None = None) -> Parsed:
        """A parse whose positions ``places`` finds when they are asked for."""
        parsed = cls(data, problems=problems)
        parsed._places, parsed._tables, parsed.texts = places, None, texts
        return parsed

    def _fields(self) -> tuple[Any, ...]:
        return (self.data, self.values, self.keys, self.problems, self.value_ends,
                self.key_ends)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Parsed) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # equal by its contents, which change

    def __reduce__(self) -> tuple[Any, ...]:
        # A node tree is found by the identity of its nodes, which a copy does not keep.
        return (Parsed, self._fields())

    def _all(self) -> _Tables:
        if self._tables is None:
            assert self._places is not None
            self._tables = self._places.tables()
            self._places = None  # the node tree is no longer needed
        return self._tables

    @property
    def values(self) -> dict[Path_, Pos]:
        return self._all()[0]

    @property
    def keys(self) -> dict[Path_, Pos]:
        return self._all()[1]

    @property
    def value_ends(self) -> dict[Path_, Pos]:
        return self._all()[2]

    @property
    def key_ends(self) -> dict[Path_, Pos]:
        return self._all()[3]

    def _lazy(self) -> _Places | None:
        places = self._places
        return places if self._tables is None and places is not None and places.exact else None

    def value_pos(self, path: Path_) -> Pos:
        """Where the value at ``path`` is; the nearest known ancestor otherwise."""
        return self.value_span(path)[0]

    def value_span(self, path: Path_) -> tuple[Pos, Pos | None]:
        """``value_pos(path)``, and where the value ends when ``path`` itself is placed."""
        places = self._lazy()
        if places is not None:
            return places.value_span(path)
        values = self.values
        return self._lookup(values, path), (self.value_ends.get(path) if path in values
                                            else None)

    def key_pos(self, path: Path_) -> Pos:
        """Where the key of ``path`` is (its value's place for list items)."""
        span = self.key_span(path)
        return span[0] if span is not None else self.value_pos(path)

    def key_span(self, path: Path_) -> tuple[Pos, Pos | None] | None:
        """Where the key of ``path`` starts and ends; None when it has no key placed."""
        places = self._lazy()
        if places is not None:
            return places.key_span(path)
        keys = self.keys
        return (keys[path], self.key_ends.get(path)) if path in keys else None

    @staticmethod
    def _lookup(table: dict[Path_, Pos], path: Path_) -> Pos:
        for end in range(len(path), -1, -1):
            pos = table.get(path[:end])
            if pos is not None:
                return pos
        return (1, 1)


_Tables = tuple[dict[Path_, Pos], dict[Path_, Pos], dict[Path_, Pos], dict[Path_, Pos]]


class _Places:
    """The builder's four tables, found in the node tree one path at a time.

    The builder records, for the node it builds at a path, its marks as the
    value's place (its key's marks for an empty value) and its key's marks as
    the key's; items of a node it built before (an alias) are placed where
    they were first built, so below an alias only the alias itself is. Found
    here: follow the path through the nodes the builder went through (the first
    of equal keys, as it keeps; no key of a merge) while each node is one
    built at that path (``done``). A merge (``<<``) copies places across the
    tree, so a tree with one is ``exact=False``: its tables are made again,
    recording (``tables``), as they are for a caller of the whole tables.
    """

    def __init__(self, root: Any, done: dict[int, tuple[Any, int, Path_]], exact: bool,
                 convert: Callable[[Pos], Pos] | None) -> None:
        self.root, self.done, self.exact, self.convert = root, done, exact, convert
        # Each mapping's keys, looked up by text: a finding on each of 100,000
        # unknown keys of one mapping scanned its keys once a finding (and
        # three times for its place), 8,000 keys taking 70 s to lint.
        self._keys: dict[int, dict[str, tuple[Any, Any]]] = {}

    def _key_index(self, node: Any) -> dict[str, tuple[Any, Any]]:
        """``node``'s keys by their text, the first of equal keys (as the builder keeps)."""
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key, value in node.value:
                if key.tag != _MERGE and type(key).__name__ == "ScalarNode":
                    index.setdefault(str(key.value), (key, value))
            self._keys[id(node)] = index
        return index

    def tables(self) -> _Tables:
        builder = _Builder(record=True)
        builder.build(self.root, ())
        return _tables(builder, self.convert)

    def _walk(self, path: Path_) -> tuple[int, Any, Any]:
        """How many parts of ``path`` are placed, the node whose marks place the
        value of that prefix, and the key node of ``path`` when it has one."""
        node = holder = self.root
        done = self.done
        for n, part in enumerate(path):
            seen = done.get(id(node))
            if seen is None or seen[2] != path[:n]:  # text, or an alias: nothing inside
                return n, holder, None
            kind = type(node).__name__
            if kind == "SequenceNode":
                if not isinstance(part, int) or not 0 <= part < len(node.value):
                    return n, holder, None
                holder = node = node.value[part]
                continue
            if kind != "MappingNode":
                return n, holder, None
            found = self._key_index(node).get(part) if isinstance(part, str) else None
            if found is None:
                return n, holder, None
            key, node = found
            holder = key if _empty(node, done) else node
            if n == len(path) - 1:
                return n + 1, holder, key
        return len(path), holder, None

    def _at(self, mark: Any) -> Pos:
        pos = (mark.line + 1, mark.column + 1)
        return pos if self.convert is None else self.convert(pos)

    def value_span(self, path: Path_) -> tuple[Pos, Pos | None]:
        n, holder, _ = self._walk(path)
        return self._at(holder.start_mark), (self._at(holder.end_mark) if n == len(path)
                                             else None)

    def key_span(self, path: Path_) -> tuple[Pos, Pos | None] | None:
        key = self._walk(path)[2]
        return None if key is None else (self._at(key.start_mark), self._at(key.end_mark))


def _empty(node: Any, done: dict[int, tuple[Any, int, Path_]]) -> bool:
    """Whether a mapping's value ``node`` is empty, placed at its key (``_Builder._mapping``)."""
    if node.tag == _STR or type(node).__name__ != "ScalarNode" or node.value not in ("", None):
        return False
    return done[id(node)][0] is None


class YamlSyntaxError(Exception):
    """The text is not YAML (or not one YAML document)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.key)
        self.problem = problem


def parse(text: str, *, tables: bool = False, encoded: bytes | None = None) -> Parsed:
    """Parse one YAML document; raise ``YamlSyntaxError`` when it is not YAML.

    ``tables``: record the whole position tables while building, for a caller
    that reads them all (the language server) rather than a few places.
    ``encoded``: ``text`` as UTF-8, when the caller read it from these bytes
    (``compose``).
    """
    return parse_nodes(text, tables=tables, encoded=encoded)[0]


@paused()  # nodes and values: all alive, none of them garbage
def parse_nodes(text: str, *, tables: bool = False,
                encoded: bytes | None = None) -> tuple[Parsed, Any]:
    """``parse``, and the node tree it was built from (``compose``'s), for a
    caller that edits the text where its values are (``--fix``) and would
    otherwise compose it a second time."""
    try:
        node = compose(text, encoded)
        builder = _Builder(record=tables)
        if node is None:
            return Parsed(None, {(): (1, 1)}, {}, []), None
        data = builder.build(node, ())
    except YamlSyntaxError as e:
        convert = _editor_lines(text)
        if convert is not None:
            e.problem = _moved(e.problem, convert)
        raise
    convert = _editor_lines(text)
    problems = builder.problems
    if convert is not None:
        problems = [_moved(p, convert) for p in problems]
    if not tables:
        places = _Places(node, builder.done, not builder.merges, convert)
        texts = None if builder.reused else builder.texts
        return Parsed.placed_later(data, problems, places, texts), node
    values, keys, value_ends, key_ends = _tables(builder, convert)
    return Parsed(data, values, keys, problems, value_ends, key_ends), node


def _tables(builder: _Builder, convert: Callable[[Pos], Pos] | None) -> _Tables:
    """A recording builder's four tables, at the lines editors show."""
    tables = builder.values, builder.keys, builder.value_ends, builder.key_ends
    if convert is None:
        return tables
    values, keys, value_ends, key_ends = ({k: convert(v) for k, v in table.items()}
                                          for table in tables)
    return values, keys, value_ends, key_ends


# libyaml (YAML 1.1) also ends a line at NEL, U+2028 and U+2029, which
# editors do not: after one of them in a plan (pasted from a word processor),
# every line it reports would be off. Such a text is rare, and only then are
# its positions moved to the lines an editor shows.
_EDITOR_BREAKS = re.compile("\r\n|[\n\r]")


def _editor_lines(text: str) -> Callable[[Pos], Pos] | None:
    if not any(c in text for c in "\x85\u2028\u2029"):
        return None
    yaml_breaks = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # (here: rarely needed)
    yaml_starts = [0, *(m.end() for m in yaml_breaks.finditer(text))]
    editor_starts = [0, *(m.end() for m in _EDITOR_BREAKS.finditer(text))]

    def convert(pos: Pos) -> Pos:
        line, column = pos
        if not 0 < line <= len(yaml_starts):
            return pos
        index = yaml_starts[line - 1] + column - 1
        real = bisect.bisect_right(editor_starts, index)
        return real, index - editor_starts[real - 1] + 1

    return convert


def _moved(problem: Problem, convert: Callable[[Pos], Pos]) -> Problem:
    args = dict(problem.args)
    if "line" in args:  # "first on line N"
        args["line"] = convert((args["line"], 1))[0]
    return Problem(*convert((problem.line, problem.column)), problem.key, args)


def compose(text: str, encoded: bytes | None = None) -> Any:
    """The node tree of one YAML document (None when empty), within the limits.

    Raises ``YamlSyntaxError``. Whatever reads nodes goes through here, so the
    depth and size guards protect every reader alike.

    ``encoded``, ``text`` as UTF-8 (the bytes it was read from), is what
    libyaml reads: given ``text``, PyYAML's binding encodes it first (a
    twentieth of composing a small plan). The nodes are the same; only the
    name libyaml's errors give the input differs (``<byte string>``), so a
    text that fails is composed again from ``text`` for its error.
    """
    import warnings

    global _SCALAR
    try:
        from .composer import Composer, Limit
        from .libyaml import ScalarNode
    except ImportError:  # PyYAML without libyaml: ruamel.yaml's composer
        return _compose_ruamel(text)
    _SCALAR = ScalarNode
    try:
        loader = Composer(text if encoded is None else encoded, MAX_DEPTH, MAX_VALUES)
    except UnicodeEncodeError as e:  # a lone surrogate: a text built in code, no file's
        line = text.count("\n", 0, e.start) + 1
        column = e.start - text.rfind("\n", 0, e.start)
        raise YamlSyntaxError(Problem(line, column, "yaml.surrogate",
                                      {"code": f"U+{ord(text[e.start]):04X}"})) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return loader.get_single_node()
    except Limit as e:
        where = _pos(e.parent) if e.parent is not None else (1, 1)
        raise YamlSyntaxError(Problem(*where, e.key, {"limit": e.limit})) from None
    except RecursionError as e:
        raise YamlSyntaxError(Problem(1, 1, "yaml.too_deep", {"limit": MAX_DEPTH})) from e
    except MemoryError:  # the room, not the plan (`ulimit -v`): no TD001 of a sound plan
        raise
    except Exception as e:  # a reader that fails is a syntax problem, whatever it raises
        if encoded is not None:  # its error as the text gives it
            return compose(text)
        problem = _problem_of(e, text)
        if "maximum nesting depth" in str(getattr(e, "problem", "")):
            # libyaml's own limit (1,000 flow levels), met before ours on `[[[[...`.
            problem = Problem(problem.line, problem.column, "yaml.too_deep",
                              {"limit": MAX_DEPTH})
        raise YamlSyntaxError(problem) from e
    finally:
        loader.dispose()


def _compose_ruamel(text: str) -> Any:
    """``compose`` through ruamel.yaml's C extension (or its pure Python)."""
    import warnings

    try:
        loader: Any = _guarded_loader()(text)
    except ImportError:  # no C extension: the pure-Python composer, slower
        from ruamel.yaml import SafeLoader  # type: ignore[attr-defined]

        loader = SafeLoader(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return loader.get_single_node()
    except _Limit as e:
        raise YamlSyntaxError(e.problem) from None
    except RecursionError as e:
        raise YamlSyntaxError(Problem(1, 1, "yaml.too_deep", {"limit": MAX_DEPTH})) from e
    except MemoryError:  # the room, not the plan
        raise
    except Exception as e:  # ruamel raises more than YAMLError on bad input
        raise YamlSyntaxError(_problem_of(e, text)) from e
    finally:
        loader.dispose()


def scalars(root: Any, *, paths: bool = True) -> Iterator[tuple[Path_ | None, Any]]:
    """Every scalar node of a tree from ``compose``, with its path in the data.

    The paths are the builder's: list items by index, explicit keys before the
    ones a ``<<`` merge brings (which they hide), an alias at every place it
    stands, nothing deeper than ``MAX_DEPTH``. Scalars that are not data there
    (keys, values a merge hides, complex keys) come with ``None``, each once;
    with ``paths=False`` every scalar does. ``fix`` changes values by path,
    suppression needs the extent of every scalar.
    """
    if root is not None:
        yield from _scalars(root, () if paths else None, 0, set())


def _scalars(node: Any, path: Path_ | None, depth: int,
             seen: set[int]) -> Iterator[tuple[Path_ | None, Any]]:
    if depth > MAX_DEPTH:
        path = None
    if path is None:
        if id(node) in seen:
            return
        seen.add(id(node))
    kind = type(node).__name__
    if kind == "ScalarNode":
        yield path, node
    elif kind == "SequenceNode":
        for i, item in enumerate(node.value):
            yield from _scalars(item, None if path is None else (*path, i), depth + 1, seen)
    elif kind == "MappingNode":
        explicit = [(k, v) for k, v in node.value if k.tag != _YAML + "merge"]
        taken = {str(k.value) for k, _ in explicit}
        for key, value in explicit:
            yield from _scalars(key, None, depth + 1, seen)
            at = None if path is None else (*path, str(key.value))
            yield from _scalars(value, at, depth + 1, seen)
        for key, value in node.value:
            if key.tag != _YAML + "merge":
                continue
            yield from _scalars(key, None, depth + 1, seen)
            sources = value.value if type(value).__name__ == "SequenceNode" else [value]
            for source in sources:
                if type(source).__name__ != "MappingNode":
                    yield from _scalars(source, None, depth + 1, seen)
                    continue
                for k, v in source.value:
                    yield from _scalars(k, None, depth + 1, seen)
                    if path is not None and str(k.value) not in taken:
                        taken.add(str(k.value))
                        yield from _scalars(v, (*path, str(k.value)), depth + 1, seen)
                    else:
                        yield from _scalars(v, None, depth + 1, seen)


class _Limit(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.key)
        self.problem = problem


@cache
def _guarded_loader() -> type:
    """The C loader, stopped at ``MAX_DEPTH`` levels and ``MAX_VALUES`` nodes.

    The C composer recurses once per level without Python's recursion check
    (a few ten thousand ``[`` overflow the C stack and kill the process),
    libyaml slows down with the square of the flow depth, and every node of a
    huge file costs memory. It calls ``descend_resolver`` and
    ``ascend_resolver`` around each node it builds, which is where we count,
    so a hostile file stops as soon as it crosses a limit.
    """
    from ruamel.yaml.cyaml import CSafeLoader

    class Guarded(CSafeLoader):
        _depth = 0
        _nodes = 0

        def descend_resolver(self, parent: Any, index: Any) -> None:
            self._depth += 1
            self._nodes += 1
            if self._depth > MAX_DEPTH or self._nodes > MAX_VALUES:
                # The node itself is not built yet; its parent has a place.
                where = _pos(parent) if parent is not None else (1, 1)
                if self._depth > MAX_DEPTH:
                    raise _Limit(Problem(*where, "yaml.too_deep", {"limit": MAX_DEPTH}))
                raise _Limit(Problem(*where, "yaml.too_many", {"limit": MAX_VALUES}))

        def ascend_resolver(self) -> None:
            self._depth -= 1

    return Guarded


def _problem_of(error: Exception, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error) or type(error).__name__
    context = getattr(error, "context", None)
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        return Problem(line, col, "yaml.tab")
    first = getattr(error, "context_mark", None)
    if "duplicate anchor" in str(context) and first is not None and mark is not None:
        return Problem(line, col, "yaml.duplicate_anchor", {"line": first.line + 1})
    detail = f"{context}, {problem}" if context else str(problem)
    from .syntax import vietnamese

    parts = [str(context), str(problem)] if context else [str(problem)]
    return Problem(line, col, "yaml.syntax",
                   {"detail": detail, "detail_vi": ", ".join(vietnamese(p) for p in parts)})


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column (libyaml counts characters)."""
    lines = text.split("\n", line + 1)
    return lines[line][column:column + 1] if line < len(lines) else ""


class _Builder:
    """Turns a node tree into dicts, lists and scalars.

    ``record=True`` also records the position tables (``Parsed``); without, it
    only counts them out: ``_Places`` finds a position in the tree when asked,
    from ``done`` (id(node) → the value, how many values it holds, the path it
    was built at) and ``merges`` (whether a ``<<`` merge copied places).
    ``texts`` are the text values in the order they stand in the data, as
    ``lint.context`` walks it, while no alias or merge makes the data repeat
    or reorder what the nodes hold (``reused``).
    """

    def __init__(self, *, record: bool = False) -> None:
        self.record = record
        self.values: dict[Path_, Pos] = {}
        self.keys: dict[Path_, Pos] = {}
        self.value_ends: dict[Path_, Pos] = {}
        self.key_ends: dict[Path_, Pos] = {}
        self.problems: list[Problem] = []
        self.done: dict[int, tuple[Any, int, Path_]] = {}
        self.merges = False
        self.texts: list[str] = []
        self.reused = False
        self._open: set[int] = set()
        self._count = 0

    def build(self, node: Any, path: Path_, depth: int = 0) -> Any:
        if self.record:
            start, end = node.start_mark, node.end_mark
            self.values[path] = (start.line + 1, start.column + 1)
            self.value_ends[path] = (end.line + 1, end.column + 1)
        kind = type(node).__name__
        if kind == "ScalarNode" and node.tag == _STR:
            # Most values: text. An alias of one is rebuilt to the same value and
            # counts one value, as the general path below would count it.
            self._count += 1
            if self._count > MAX_VALUES:
                raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_many",
                                              {"limit": MAX_VALUES}))
            self.texts.append(node.value)
            return node.value
        ident = id(node)
        seen = self.done.get(ident)
        if seen is not None:  # an alias: reuse, but count what it would expand to
            self.reused = True
            self._grow(seen[1], node)
            return seen[0]
        if ident in self._open:  # an alias inside its own anchor
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.recursive"))
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_deep", {"limit": MAX_DEPTH}))
        self._open.add(ident)
        before = self._count
        # The node's own value, counted before its tag is judged: past the
        # limit, the tag's problem would not be reported anyway.
        self._count = before + 1
        if before >= MAX_VALUES:
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_many", {"limit": MAX_VALUES}))
        if kind == "ScalarNode":
            # Most of the other scalars: numbers, read without the tag's tests.
            value = _int(node.value) if node.tag == _INTEGER else self._scalar(node)
            if isinstance(value, str):  # a date, an unknown tag's text
                self.texts.append(value)
        elif kind == "SequenceNode":
            if node.tag != _SEQ:  # the test of _check_tag, without its call
                self._check_tag(node, "seq")
            value = self._sequence(node, path, depth)
        else:
            if node.tag != _MAP:
                self._check_tag(node, "map")
            value = self._mapping(node, path, depth)
        self._open.discard(ident)
        self.done[ident] = (value, self._count - before, path)
        return value

    def _grow(self, n: int, node: Any) -> None:
        self._count += n
        if self._count > MAX_VALUES:
            raise YamlSyntaxError(Problem(*_pos(node), "yaml.too_many", {"limit": MAX_VALUES}))

    # ``_sequence`` and ``_mapping`` build a text item themselves, as ``build``
    # would (its place, one value counted, its text), without a call for each:
    # text is most of a plan's values, and the calls were most of the building.

    def _sequence(self, node: Any, path: Path_, depth: int) -> list[Any]:
        result: list[Any] = []
        record, values, value_ends, build = self.record, self.values, self.value_ends, self.build
        text = self.texts.append
        for i, item in enumerate(node.value):
            if item.tag == _STR and (type(item) is _SCALAR
                                     or type(item).__name__ == "ScalarNode"):
                if record:
                    start, end = item.start_mark, item.end_mark
                    values[(*path, i)] = (start.line + 1, start.column + 1)
                    value_ends[(*path, i)] = (end.line + 1, end.column + 1)
                self._count += 1
                if self._count > MAX_VALUES:
                    raise YamlSyntaxError(Problem(*_pos(item), "yaml.too_many",
                                                  {"limit": MAX_VALUES}))
                text(item.value)
                result.append(item.value)
            else:
                result.append(build(item, (*path, i), depth + 1))
        return result

    def _mapping(self, node: Any, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: set[str] = set()
        record, keys, key_ends = self.record, self.keys, self.key_ends
        values, value_ends, build = self.values, self.value_ends, self.build
        text = self.texts.append
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                for source in _merge_sources(key_node, value_node, self.problems):
                    self._merge(result, merged, source, path, depth)
                continue
            if type(key_node) is not _SCALAR and type(key_node).__name__ != "ScalarNode":
                self.problems.append(Problem(*_pos(key_node), "yaml.complex_key"))
                continue
            key = str(key_node.value)
            if key in result and key not in merged:
                first = _pos(_first_key(node, key))
                self.problems.append(Problem(*_pos(key_node), "yaml.duplicate_key",
                                             {"key": key, "line": first[0]}))
                continue
            if merged:
                merged.discard(key)
            if record:
                child = (*path, key)
                start, end = key_node.start_mark, key_node.end_mark
                at = keys[child] = (start.line + 1, start.column + 1)
                at_end = key_ends[child] = (end.line + 1, end.column + 1)
            if value_node.tag == _STR and (type(value_node) is _SCALAR
                                           or type(value_node).__name__ == "ScalarNode"):
                if record:
                    start, end = value_node.start_mark, value_node.end_mark
                    values[child] = (start.line + 1, start.column + 1)
                    value_ends[child] = (end.line + 1, end.column + 1)
                self._count += 1
                if self._count > MAX_VALUES:
                    raise YamlSyntaxError(Problem(*_pos(value_node), "yaml.too_many",
                                                  {"limit": MAX_VALUES}))
                text(value_node.value)
                result[key] = value_node.value
                continue
            value = result[key] = build(value_node, (*path, key), depth + 1)
            if record and value is None and value_node.value in ("", None):
                # An empty value has no text of its own; point at its key.
                values[child] = at
                value_ends[child] = at_end
        return result

    def _merge(self, result: dict[str, Any], merged: set[str], source: Any, path: Path_,
               depth: int) -> None:
        """Add the keys of ``source`` (a ``<<`` merge) that ``result`` does not have.

        A source is built once and reused, like any alias: rebuilding it at
        every merge would take exponential time on merges of merges.
        """
        self.merges = self.reused = True
        self.build(source, (*path, "<<"), depth + 1)
        value, _, at = self.done[id(source)]
        for k, v in value.items():
            if k not in result:
                result[k] = v
                merged.add(k)
                if self.record:
                    # Findings in a merged value point at the text it comes from.
                    for table in (self.keys, self.values, self.key_ends, self.value_ends):
                        pos = table.get((*at, k))
                        if pos is not None:
                            table[(*path, k)] = pos

    def _check_tag(self, node: Any, kind: str) -> None:
        if node.tag != _YAML + kind:
            self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": _shown(node.tag)}))

    def _scalar(self, node: Any) -> Any:
        tag: str = node.tag or ""
        raw: str = node.value
        if not tag.startswith(_YAML):
            self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": _shown(tag)}))
            return raw
        kind = tag[len(_YAML):]
        if kind in ("str", "timestamp"):
            # Dates stay text: the plan model reads ISO and Vietnamese forms alike.
            return raw
        if kind == "null":
            return None
        if kind == "bool":
            return raw.lower() in ("true", "yes", "on", "y")
        if kind == "int":
            return _int(raw)
        if kind == "float":
            return _float(raw)
        self.problems.append(Problem(*_pos(node), "yaml.tag", {"tag": _shown(tag)}))
        return raw


def _shown(tag: str) -> str:
    """A tag as it is written in the file: ``!!binary``, not its full URI."""
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


def _first_key(node: Any, key: str) -> Any:
    """The first key node of a mapping node that a builder keeps under ``key``:
    the first of equal keys, since a merge never replaces one written out."""
    return next(k for k, _ in node.value if k.tag != _MERGE
                and type(k).__name__ == "ScalarNode" and str(k.value) == key)


def _merge_sources(key: Any, node: Any, problems: list[Problem]) -> Iterator[Any]:
    """The mappings a ``<<`` merges; anything else is a problem (a ``<<: 5`` or
    ``<<: [a, b]`` was dropped without a word), at the item of a list, else at
    the ``<<`` (an alias's node is the anchor's, elsewhere in the file)."""
    if type(node).__name__ == "MappingNode":
        yield node
    elif type(node).__name__ != "SequenceNode":
        problems.append(Problem(*_pos(key), "yaml.merge_value"))
    else:
        for item in node.value:
            if type(item).__name__ == "MappingNode":
                yield item
            else:
                problems.append(Problem(*_pos(item), "yaml.merge_value"))


def _int(raw: str) -> int | str:
    if raw.isdigit() and raw.isascii() and (raw[0] != "0" or len(raw) == 1):
        # Most of a plan's numbers: decimal digits only, which _INT_RE reads
        # as they are (a test in C before the replace and the expression).
        try:
            return int(raw)
        except ValueError:  # more digits than Python reads
            return raw
    text = raw.replace("_", "")
    try:
        if _INT_RE.match(text):
            return int(text, 10)
        number = int(text, 0)
    except ValueError:
        return raw
    # Python reads and prints no decimal number of more than 4,300 digits
    # (sys.get_int_max_str_digits), so such a number stays text, a schema
    # finding; a hex, octal or binary one is read whatever its size, and the
    # first message or diff that printed it stopped with an internal error.
    # Held to the same bound, it stays text too.
    return raw if number.bit_length() > _printable_bits() else number


@cache
def _printable_bits() -> int:
    import sys

    digits = sys.get_int_max_str_digits()
    # Fewer bits than that many digits hold, so that every number kept prints.
    return int(digits * math.log2(10)) - 4 if digits else 1 << 62


def _float(raw: str) -> float | str:
    text = raw.replace("_", "").lower()
    if text.lstrip("+-") in (".inf", "inf"):
        return -math.inf if text.startswith("-") else math.inf
    if text in (".nan", "nan"):
        return math.nan
    try:
        return float(text)
    except ValueError:
        return raw


def _pos(node: Any) -> Pos:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _end(node: Any) -> Pos:
    mark = node.end_mark
    return (mark.line + 1, mark.column + 1)
