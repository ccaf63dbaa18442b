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
