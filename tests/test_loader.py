"""Parsing keeps positions, refuses to construct objects and reports duplicates."""

from __future__ import annotations

import pytest

from thidua_cli.loader import YamlSyntaxError, parse


def test_positions_of_keys_and_values() -> None:
    parsed = parse("a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert parsed.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert parsed.key_pos(("b",)) == (2, 1)
    assert parsed.value_pos(("b", 0)) == (3, 5)
    assert parsed.value_pos(("b", 1, "c")) == (4, 9)
    assert parsed.key_pos(("b", 1, "c")) == (4, 6)
    # An unknown path falls back to its nearest known ancestor.
    assert parsed.value_pos(("b", 1, "missing")) == (4, 5)


def test_where_keys_and_values_end() -> None:
    parsed = parse("a: 1\nb:\n  - xyz\n  - {c: 'q r'}\n")
    assert parsed.key_ends[("a",)] == (1, 2)
    assert parsed.value_ends[("a",)] == (1, 5)
    assert parsed.value_ends[("b", 0)] == (3, 8)
    assert parsed.value_ends[("b", 1, "c")] == (4, 14)  # past the closing quote
    assert parsed.value_ends[("b", 1)] == (4, 15)


def test_empty_value_points_at_its_key() -> None:
    parsed = parse("a:\nb: 2\n")
    assert parsed.data == {"a": None, "b": 2}
    assert parsed.value_pos(("a",)) == (1, 1)


def test_scalars_keep_yaml_types_and_dates_stay_text() -> None:
    parsed = parse("i: 7\nf: 1.5\nb: true\nn: ~\nd: 2022-04-26\nq: '7'\ny: yes\n")
    assert parsed.data == {"i": 7, "f": 1.5, "b": True, "n": None, "d": "2022-04-26",
                           "q": "7", "y": "yes"}


def test_duplicate_keys_are_problems_and_the_first_value_stays() -> None:
    parsed = parse("a: 1\nb: 2\na: 3\n")
    assert parsed.data == {"a": 1, "b": 2}
    assert [(p.line, p.key) for p in parsed.problems] == [(3, "yaml.duplicate_key")]


@pytest.mark.parametrize("text", ["x: !!python/object:os.system ls\n", "x: !custom 1\n",
                                  "x: !!python/name:os.system\n", "x: !!binary aGk=\n"])
def test_tags_never_construct(text: str) -> None:
    parsed = parse(text)
    assert isinstance(parsed.data["x"], str)
    assert [p.key for p in parsed.problems] == ["yaml.tag"]


def test_anchors_aliases_and_merge_keys() -> None:
    parsed = parse("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\nref: *b\n")
    assert parsed.data["item"] == {"x": 1, "y": 3}
    assert parsed.data["ref"] == {"x": 1, "y": 2}
    assert parsed.problems == []


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    with pytest.raises(YamlSyntaxError) as e:
        parse("\n".join(lines) + "\n")
    assert e.value.problem.key == "yaml.too_many"


def test_syntax_error_has_position() -> None:
    with pytest.raises(YamlSyntaxError) as e:
        parse("a: 1\nb: [1, 2\nc: 3\n")
    assert e.value.problem.key == "yaml.syntax"
    assert e.value.problem.line >= 2


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlSyntaxError) as e:
        parse("a: " + "[" * 300 + "]" * 300 + "\n")
    assert e.value.problem.key in ("yaml.too_deep", "yaml.syntax")


def test_empty_document() -> None:
    assert parse("# only a comment\n").data is None


@pytest.mark.parametrize("text", [
    "a: " + "[" * 100_000 + "]" * 100_000 + "\n",  # overflowed the C stack (segfault)
    "a: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n",
    "".join("  " * i + f"k{i}:\n" for i in range(150)),
])
def test_deep_nesting_stops_at_the_limit_with_a_place(text: str) -> None:
    with pytest.raises(YamlSyntaxError) as e:
        parse(text)
    assert e.value.problem.key == "yaml.too_deep"
    assert e.value.problem.line > 1 or e.value.problem.column > 1


def test_too_many_nodes_stop_while_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    import thidua_cli.loader as loader

    monkeypatch.setattr(loader, "MAX_VALUES", 1000)
    with pytest.raises(YamlSyntaxError) as e:
        parse("a:\n" + "- x\n" * 2000)
    assert (e.value.problem.key, e.value.problem.line) == ("yaml.too_many", 2)


@pytest.mark.parametrize("empty", ["{}", "{x: 1}"])
def test_merge_bomb_is_stopped(empty: str) -> None:
    # Merges of merges of merges: rebuilt at every merge, this took 10**9 steps.
    lines = [f"a0: &a0 {empty}"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} {{<<: [{', '.join([f'*a{i - 1}'] * 10)}]}}")
    with pytest.raises(YamlSyntaxError) as e:
        parse("\n".join(lines) + "\n")
    assert e.value.problem.key == "yaml.too_many"


@pytest.mark.parametrize("text", ["a: &a [1, *a]\n", "a: &a {x: 1, <<: *a}\n"])
def test_recursive_alias_is_refused(text: str) -> None:
    with pytest.raises(YamlSyntaxError) as e:
        parse(text)
    assert (e.value.problem.key, e.value.problem.line) == ("yaml.recursive", 1)


def test_merged_values_keep_the_place_they_come_from() -> None:
    parsed = parse("d: &d {lead: x, support: [a, b]}\nt:\n  <<: *d\n  id: 1\n"
                   "u:\n  <<: {lead: y}\n")
    assert parsed.data["t"] == {"lead": "x", "support": ["a", "b"], "id": 1}
    assert parsed.value_pos(("t", "lead")) == (1, 14)
    assert parsed.value_pos(("u", "lead")) == (6, 14)


@pytest.mark.parametrize(("text", "key", "where"), [
    ("a:\n\tb: 1\n", "yaml.tab", (2, 1)),
    ("a: &x 1\nb: &x 2\n", "yaml.duplicate_anchor", (2, 4)),
])
def test_syntax_errors_with_their_own_words(text: str, key: str,
                                            where: tuple[int, int]) -> None:
    with pytest.raises(YamlSyntaxError) as e:
        parse(text)
    assert (e.value.problem.key, (e.value.problem.line, e.value.problem.column)) == (key, where)


def test_tags_are_shown_as_written() -> None:
    parsed = parse("a: !!binary aGk=\nb: !!set {x}\nc: !mine 1\n")
    assert [p.args["tag"] for p in parsed.problems] == ["!!binary", "!!set", "!mine"]


def test_lines_are_counted_as_editors_count_them() -> None:
    # libyaml also breaks lines at NEL, U+2028 and U+2029 (pasted from word
    # processors); editors do not, and findings must match the editor.
    parsed = parse("a: 'x\u2028y'\nb: \"\x85\"\nc: 1\nc: 2\n")
    assert parsed.value_pos(("c",)) == (3, 4)
    assert [(p.line, p.args["line"]) for p in parsed.problems] == [(4, 3)]
    with pytest.raises(YamlSyntaxError) as e:
        parse("a: '\u2029'\nb: [\n")
    assert e.value.problem.line == 3


def test_scalars_walks_as_the_builder_reads() -> None:
    from thidua_cli.loader import compose, scalars

    text = ("base: &b {x: 1, y: from-base}\n"
            "item:\n  <<: *b\n  y: own\n"
            "list: [*b]\n")
    found = [(path, node.value) for path, node in scalars(compose(text))]
    with_path = sorted((p, v) for p, v in found if p is not None)
    assert with_path == [(("base", "x"), "1"), (("base", "y"), "from-base"),
                         (("item", "x"), "1"), (("item", "y"), "own"),
                         (("list", 0, "x"), "1"), (("list", 0, "y"), "from-base")]
    # Keys and the values a merge hides have no path, and come once.
    keys = sorted(v for p, v in found if p is None)
    assert keys == sorted(["base", "x", "y", "item", "<<", "y", "from-base", "list"])
    every = [(p, node.value) for p, node in scalars(compose(text), paths=False)]
    assert all(p is None for p, _ in every)
    assert len(every) == len({id(n) for _, n in scalars(compose(text), paths=False)})


def _int_by_expression(raw: str) -> int | str:
    """``loader._int`` as it read every number before its quick path for digits."""
    import re

    from thidua_cli.loader import _printable_bits

    text = raw.replace("_", "")
    try:
        if re.match(r"^[-+]?(0|[1-9][0-9_]*)$", text):
            return int(text, 10)
        number = int(text, 0)
    except ValueError:
        return raw
    return raw if number.bit_length() > _printable_bits() else number


@pytest.mark.parametrize("raw", [
    "0", "00", "007", "7", "10", "1_000", "+5", "-3", "0x1f", "0o17", "0b101", "12\n",
    "\u0661\u0662", "\u00b2", "1" * 4300, "1" * 4301, "9" * 5000, "0" * 5000, "1 2", "",
])
def test_a_number_reads_as_the_expression_read_it(raw: str) -> None:
    from thidua_cli.loader import _int

    assert _int(raw) == _int_by_expression(raw)
