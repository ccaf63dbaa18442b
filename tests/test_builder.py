"""The loader's builder gives what its first, plainer version gave (``reference_builder.py``):
the same data, the same positions in the same order, the same problems, the same limits.

``parse`` records no positions: it finds one in the node tree when asked
(``loader._Places``). Every way a position is asked for gives what the
recorded tables give, for every path they hold and for paths they do not
(deeper, mistyped, through an alias or a merge, past a list's end). The text
values it lists while building (``Parsed.texts``, for the text rules) are
those of the data, in its order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua_cli.lint.context import _strings
from thidua_cli.loader import Parsed, Path_, YamlSyntaxError, _Builder, compose, parse

from .conftest import ROOT
from .reference_builder import ReferenceBuilder
from .strategies import dump, flow_styles, plans


def built(builder: Any, node: Any) -> Any:
    """Everything a builder makes of a node tree, as comparable data (``repr`` of the
    data: order and types count, and NaN equals NaN)."""
    try:
        data = builder.build(node, ())
    except YamlSyntaxError as e:
        return ("refused", e.problem)
    return (repr(data), list(builder.values.items()), list(builder.keys.items()),
            list(builder.value_ends.items()), list(builder.key_ends.items()), builder.problems)


def assert_same(text: str) -> None:
    try:
        node = compose(text)
    except YamlSyntaxError:
        return  # refused before building: nothing to compare
    if node is None:
        return
    reference = built(ReferenceBuilder(), node)
    assert built(_Builder(record=True), node) == reference
    # Without recording: the same data, problems and limits, no tables.
    unrecorded = built(_Builder(), node)
    assert unrecorded[0] == reference[0]
    if reference[0] != "refused":
        assert unrecorded[1:] == ([], [], [], [], reference[-1])
        assert_placed_alike(text)


def _asked(parsed: Parsed) -> list[Path_]:
    """Paths to ask positions for: every one placed, one step past each (a key,
    an index, out of range, of the wrong kind), and every path in the data
    (below aliases and merges too), up to a bound."""
    placed = [*parsed.values, *parsed.keys]
    paths: list[Path_] = [*placed, *((*p, step) for p in placed
                                     for step in ("x", "<<", "1", 0, 1, -1, 10**6, True))]
    stack: list[tuple[Path_, Any]] = [((), parsed.data)]
    while stack and len(paths) < 20_000:
        at, value = stack.pop()
        paths.append(at)
        if isinstance(value, dict):
            stack.extend(((*at, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*at, i), v) for i, v in enumerate(value))
    return paths


def _answers(parsed: Parsed, paths: list[Path_]) -> list[Any]:
    return [(parsed.value_pos(p), parsed.value_span(p), parsed.key_pos(p), parsed.key_span(p))
            for p in paths]


def assert_placed_alike(text: str) -> None:
    """The positions ``parse`` finds when asked are the recorded tables' answers;
    the text values the builder lists as it goes are the data's, walked."""
    texts = parse(text).texts
    if texts is not None:
        assert texts == [value for _, value in _strings(parse(text).data, ())]
    tables = parse(text)
    recorded = Parsed(tables.data, tables.values, tables.keys, tables.problems,
                      tables.value_ends, tables.key_ends)
    paths = _asked(recorded)
    assert _answers(parse(text), paths) == _answers(recorded, paths)
    # The recorded tables are the builder's (held to the reference above).
    node = compose(text)
    builder = _Builder(record=True)
    builder.build(node, ())
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        assert (builder.values, builder.keys, builder.value_ends, builder.key_ends) == (
            recorded.values, recorded.keys, recorded.value_ends, recorded.key_ends)


def _files() -> list[Path]:
    files = [*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("tests/plans/**/*.yaml"),
             *ROOT.glob("tests/hostile/inputs/*")]
    return sorted(p for p in files if p.is_file())


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_plan_and_hostile_input_builds_as_before(path: Path) -> None:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the loader refuses it before building")
    assert_same(text)


@pytest.mark.parametrize("text", [
    "a: &x {b: 1, c: [2, *y]}\n",  # an undefined alias: refused by the composer
    "a: &x [1, 'two', !!str 3, !!int '4', !foo 5, !!binary aGk=, ~, 1.5, .nan]\nb: *x\n",
    "base: &b {x: 1, y: two}\nm:\n  <<: *b\n  y: 3\n  x: 4\n  x: 5\n",
    "a: &s text\nb: [*s, *s, {*s : 1}]\n",
    "? [complex]\n: 1\nk: !!str [not, text]\nm: !!map {a: 1}\ns: !!seq [1]\n",
    "a:\nb: ''\nc: ~\nd: [, ]\n",
    "d: &d {a: 1}\ne: {<<: [*d, {b: 2}], a: 3}\nf: {<<: 1}\n",
    # A list left out (its key repeats) is built first through an alias, deeper than
    # the text is: its innermost item, an alias of a number, stands past MAX_DEPTH.
    "s: &s 1\nd: 0\nd: &D " + "[" * 98 + "*s" + "]" * 98 + "\nx: [[*D]]\n",
    "s: &s 1\nd: 0\nd: &D " + "[" * 98 + "*s" + "]" * 98 + "\nx: [[[*D]]]\n",
    # Lines that libyaml ends and editors do not (NEL, U+2028): places are moved.
    "a: x\x85b: [1, {c: ''}]\nd:\u2028  e: f\n",
    "a: &a {b: [1, &c {d: ~}], e: ''}\nf: *a\ng: [*c, *a]\nh: {i: *c}\n",
    "x: 1\nx: 2\ny: {a: 1, a: 2, b: }\n'z': {? [c] : 1, z: 2}\n",
    "- [a, [b, [c, {d: [e]}]]]\n- !!str [f]\n- {}\n- []\n",
    "f: {<<: 1, a: 2}\ng: {!!merge k: 3}\n",
], ids=["undefined-alias", "tags", "merge-override-duplicate", "scalar-aliases", "complex",
        "empties", "merge-list", "alias-past-depth", "alias-past-depth-in-list", "editor-lines",
        "aliases-of-mappings", "duplicates", "nested-lists", "merge-of-nothing"])
def test_edges_build_as_before(text: str) -> None:
    assert_same(text)


_KEYS = st.sampled_from(["a", "b", "id", "<<", "'q'", "!!str k", "1", "~", "'a'"])
_SCALARS = st.sampled_from([
    "text", "Tổ chức", "'quoted'", '"x\\u0301"', "1", "-2", "0o17", "1_000", "1.5", ".inf",
    ".nan", "true", "yes", "~", "null", "", "2022-01-31", "!!int 7", "!!str 8", "!foo bar",
    "!!float x", "!!int x", "!!binary aGk=", "!!timestamp 2022-01-01", "|\n  block\n",
])


@st.composite
def _yaml(draw: st.DrawFn, depth: int = 0) -> str:
    """Flow YAML with anchors, aliases (to anchors that exist), merges, tags and
    repeated keys: text that exercises every branch of the builder."""
    anchors: list[str] = []  # those complete, which an alias may name
    names = iter(range(10**6))

    def node(level: int) -> str:
        choice = draw(st.integers(0, 5 if level < 4 else 1))
        if choice == 1 and anchors:
            return "*" + draw(st.sampled_from(anchors))
        prefix = ""
        if draw(st.booleans()):
            name = f"n{next(names)}"
            prefix = f"&{name} "
        if choice in (0, 1):
            text = draw(_SCALARS)
            text = '"block"' if text.startswith("|") else text
        elif choice == 2:
            text = "[" + ", ".join(node(level + 1) for _ in range(draw(st.integers(0, 4)))) + "]"
        elif choice == 3:
            tag = draw(st.sampled_from(["", "!!map ", "!!seq ", "!x "]))
            text = tag + "{" + ", ".join(f"{draw(_KEYS)}: {node(level + 1)}"
                                         for _ in range(draw(st.integers(0, 4)))) + "}"
        else:
            text = "{" + ", ".join(f"{draw(_KEYS)}: {node(level + 1)}"
                                   for _ in range(draw(st.integers(1, 4)))) + "}"
        if prefix:
            anchors.append(prefix[1:-1])
        return prefix + text

    return "root: " + node(depth) + "\nother: " + node(depth) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_yaml())
def test_any_yaml_builds_as_before(text: str) -> None:
    assert_same(text)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans(), flow_styles())
def test_any_plan_builds_as_before(data: dict[str, Any], flow: Any) -> None:
    assert_same(dump(data, flow))
