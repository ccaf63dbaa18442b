"""The libyaml composer (PyYAML) reads plans as ruamel.yaml does: YAML 1.2, the same nodes."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml.cyaml import CSafeLoader
from yaml.nodes import ScalarNode  # type: ignore[import-untyped]

from thidua_cli.composer import _RESOLVERS, Composer
from thidua_cli.loader import parse

from .conftest import ROOT

SCALARS = [
    # YAML 1.1 booleans stay text in 1.2; only true/false are booleans.
    "yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "y", "n", "Y",
    "true", "True", "TRUE", "false", "False", "FALSE", "tRUE",
    # Numbers as 1.2 reads them: 0o octal, underscores, no sexagesimal.
    "0o17", "017", "1_000", "0x1F", "0x_1", "0b101", "-12", "+3", "0", "1:20", "190:20:30",
    "1.5", ".5", "-.5", "1e3", "1.0e+3", "1_0.5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN",
    "inf", "nan",
    # Nulls, dates, merge and the rest.
    "~", "null", "Null", "NULL", "nULL", "", "2022-01-31", "2022-1-3 10:20:30",
    "2022-01-31T10:20:30.5Z", "31/01/2022", "<<", "=", "text", "Tổ chức", "a - b",
]


def nodes(node: Any, seen: dict[int, int] | None = None) -> Any:
    """A node tree as comparable data: kind, tag, value and both marks of every node.

    A node met again (an alias) is its first number, not a copy: a billion
    laughs stays small.
    """
    seen = {} if seen is None else seen
    if node is None:
        return None
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line,
             node.end_mark.column)
    kind = type(node).__name__
    if kind == "ScalarNode":
        value: Any = node.value
    elif kind == "SequenceNode":
        value = [nodes(n, seen) for n in node.value]
    else:
        value = [(nodes(k, seen), nodes(v, seen)) for k, v in node.value]
    return (kind, str(node.tag), value, marks)


def ruamel_nodes(text: str) -> Any:
    loader = CSafeLoader(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return nodes(loader.get_single_node())
    finally:
        loader.dispose()


def composer_nodes(text: str) -> Any:
    loader = Composer(text, 100, 1_000_000)
    try:
        return nodes(loader.get_single_node())
    finally:
        loader.dispose()


@pytest.mark.parametrize("scalar", SCALARS)
def test_a_plain_scalar_gets_the_tag_ruamel_gives_it(scalar: str) -> None:
    text = f"value: {scalar}\nlisted:\n  - {scalar}\n"
    assert composer_nodes(text) == ruamel_nodes(text)


@pytest.mark.parametrize(("text", "value"), [
    ("yes", "yes"), ("on", "on"), ("no", "no"), ("0o17", 15), ("1_000", 1000),
    ("017", "017"), ("true", True), ("'true'", "true"), ("~", None), ("1:20", "1:20"),
])
def test_plans_read_as_yaml_1_2(text: str, value: Any) -> None:
    assert parse(f"a: {text}\n").data == {"a": value}


def _files() -> list[Path]:
    files = [*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("tests/plans/**/*.yaml"),
             *ROOT.glob("tests/hostile/inputs/*")]
    return sorted(p for p in files if p.is_file())


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_plan_and_hostile_input_composes_to_the_same_nodes(path: Path) -> None:
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the loader refuses it before composing")
    try:
        expected: Any = ruamel_nodes(text)
    except Exception as e:  # the same refusal, at the same place
        expected = ("error", type(e).__name__, getattr(e, "problem_mark", None) and
                    (e.problem_mark.line, e.problem_mark.column))
    try:
        got: Any = composer_nodes(text)
    except Exception as e:
        got = ("error", type(e).__name__, getattr(e, "problem_mark", None) and
               (e.problem_mark.line, e.problem_mark.column))
    assert got == expected


def _resolved_pattern_by_pattern(value: str) -> str:
    """The tag of a plain scalar from ``_RESOLVERS`` as written: each pattern its
    first character allows, in order (how ``Composer.resolve`` was first written)."""
    for name, pattern, firsts in _RESOLVERS:
        if (value[:1] or "\0") in firsts and re.match(pattern, value, re.X):
            return "tag:yaml.org,2002:" + name
    return "tag:yaml.org,2002:str"


_SCALAR_TEXT = st.text(alphabet="0123456789_-+.:eEoxbabcfAFTtrulsnNI~<=Z \t\nđơ", max_size=24)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_SCALAR_TEXT, st.sampled_from(SCALARS),
                 st.sampled_from(SCALARS).map(lambda s: s + "\n"), st.text(max_size=12)))
def test_the_resolver_tables_give_each_patterns_tag(value: str) -> None:
    plain = (True, False)  # libyaml's "implicit" for a plain scalar
    expected = _resolved_pattern_by_pattern(value)
    assert Composer.resolve(None, ScalarNode, value, plain) == expected
    # Again: a number's tag is now the one kept from the first time.
    assert Composer.resolve(None, ScalarNode, value, plain) == expected


def test_the_kept_number_tags_stay_bounded() -> None:
    from thidua_cli import composer

    plain = (True, False)
    for i in range(composer._NUMBER_SEEN_MAX + 100):
        assert Composer.resolve(None, ScalarNode, f"{i}.5", plain) == "tag:yaml.org,2002:float"
    long = "1" * (composer._NUMBER_SEEN_LONGEST + 1)
    assert Composer.resolve(None, ScalarNode, long, plain) == "tag:yaml.org,2002:int"
    assert len(composer._NUMBER_SEEN) <= composer._NUMBER_SEEN_MAX
    assert long not in composer._NUMBER_SEEN


# PyYAML's own expressions, which importing it compiles and libyaml's composer
# never uses, are compiled when first used (``libyaml.Deferred``). Its pure-
# Python reader, resolver and constructor behave as before with them.
PURE_PYYAML = """
from thidua_cli.libyaml import Deferred
import yaml

expressions = [yaml.reader.Reader.NON_PRINTABLE, yaml.constructor.SafeConstructor.timestamp_regexp,
               *(pattern for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
                 for _, pattern in resolvers)]
assert all(type(e) is Deferred for e in expressions), [type(e) for e in expressions]
assert yaml.load("a: yes\\nb: 2001-12-14t21:59:43.10-05:00\\nc: 0o17\\nd: 1_0\\ne: ~",
                 Loader=yaml.SafeLoader) == {
    "a": True, "b": __import__("datetime").datetime(2001, 12, 14, 21, 59, 43, 100000,
        tzinfo=__import__("datetime").timezone(__import__("datetime").timedelta(hours=-5))),
    "c": "0o17", "d": 10, "e": None}
try:
    yaml.load("a: \\x07", Loader=yaml.SafeLoader)
except yaml.reader.ReaderError as e:
    assert "#x0007" in str(e)
else:
    raise AssertionError("no ReaderError")
assert yaml.reader.Reader.NON_PRINTABLE.pattern.startswith("[^")
"""


def test_pyyaml_compiles_its_expressions_when_first_used() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", PURE_PYYAML], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_deferred_expression_is_the_compiled_one() -> None:
    from thidua_cli.libyaml import Deferred

    deferred = Deferred(r"(\d+)-(\w+)", re.I)
    assert deferred.pattern == r"(\d+)-(\w+)" and deferred.flags & re.I
    assert deferred.match("12-Ab").groups() == ("12", "Ab")
    assert deferred.sub("x", "1-a 2-b") == "x x"
    assert deferred.search("none") is None


def test_only_pyyaml_gets_deferred_expressions() -> None:
    from thidua_cli.libyaml import deferred_in

    with deferred_in("yaml."):
        ours = re.compile("a+")  # compiled from this module: a pattern as ever
    assert isinstance(ours, re.Pattern)
    assert re.compile is re.__dict__["compile"] and isinstance(re.compile("b"), re.Pattern)


def _outcome(text: str, encoded: bytes | None) -> Any:
    """What ``compose`` and ``parse`` give for ``text``: the node tree and the
    parse with its whole tables, or the problem that refuses it."""
    from thidua_cli.loader import YamlSyntaxError, compose

    try:
        tree = nodes(compose(text, encoded))
        parsed = parse(text, encoded=encoded)
        return tree, parsed, parsed.values, parsed.keys, parsed.value_ends, parsed.key_ends
    except YamlSyntaxError as e:
        return ("error", e.problem)


_EDGES = [
    'a: "x\x01y"\n',  # libyaml's reader refuses it, naming its input
    "\ufeffa: 1\n", "a: 1\n\ufeffb: 2\n", "a: b\x85c: d\u2028e: f\n", "a: [1, 2\nb: 3\n",
    "a: &x 1\nb: &x 2\n", "a: " + "[" * 150 + "]" * 150 + "\n", "- - - - x\n", "",
    "a: *nowhere\n", "--- 1\n--- 2\n", "a:\tb\n", "k: \U0001f600 \u0301\n",
]


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_composing_the_bytes_read_gives_what_the_text_gives(path: Path) -> None:
    from thidua_cli.source import decode

    source = decode(path.read_bytes(), str(path))
    if source.problem is not None:
        pytest.skip("not UTF-8: the loader refuses it before composing")
    assert source.data is not None and source.data.decode("utf-8") == source.text
    assert _outcome(source.text, source.data) == _outcome(source.text, None)


@pytest.mark.parametrize("text", _EDGES)
def test_composing_the_bytes_gives_the_same_nodes_and_problems(text: str) -> None:
    assert _outcome(text, text.encode("utf-8")) == _outcome(text, None)
