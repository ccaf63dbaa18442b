"""The server's lint after an edit is a full lint of the buffer (``lsp/cache.py``).

The server parses again only the list item an edit falls in (``lsp/splice.py``)
and keeps the text rules' hits for the values it left alone. Whatever it
reuses, the findings after every edit must be those of ``lint_text`` on the
whole new text, and its model must be the one ``parse`` gives, key for key
and in the same order. A table of edits (each rule's mistake, and edits made
to test where an item ends) and random edit sequences check both.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.loader import Parsed
from thidua_cli.lsp.cache import LintCache

from ..conftest import EXAMPLE, PLANS
from .conftest import example
from .mistakes import MISTAKES

PATH = "plan-2022.yaml"
OPTIONS = LintOptions(lang="en", today=date(2022, 6, 1))


def assert_full(cache: LintCache, text: str) -> None:
    """``cache.lint(text)`` gives what a full lint of ``text`` gives."""
    got = cache.lint(text, PATH, OPTIONS)
    want = lint_text(text, PATH, OPTIONS)
    assert got.findings == want.findings
    assert got.plan == want.plan
    if want.parsed is None:
        assert got.parsed is None
        return
    assert got.parsed is not None
    assert_same_model(got.parsed, want.parsed)


def assert_same_model(got: Parsed, want: Parsed) -> None:
    assert repr(got.data) == repr(want.data)  # repr: a .nan is not equal to itself
    for name in ("values", "keys", "value_ends", "key_ends"):
        assert list(getattr(got, name).items()) == list(getattr(want, name).items()), name
    assert got.problems == want.problems


def primed(text: str | None = None) -> LintCache:
    cache = LintCache()
    assert_full(cache, example() if text is None else text)
    return cache


def edited(text: str, old: str, new: str, nth: int = 0) -> str:
    """``text`` with the ``nth`` occurrence of ``old`` replaced by ``new``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old):]


NFD = unicodedata.normalize("NFD", "Tổ chức")

# (what the edit does, text in the example, its replacement, whether the server
# parses one item only). Edits inside one item are parsed alone; the rest
# (across items, outside lists, anchors, tabs, a line YAML reads as outside
# the item) parse the whole text again.
EDITS = [
    ("a member id in a task", "    lead: all", "    lead: nobody", True),
    ("a member id mended", "    lead: all", "    lead: all", False),  # the same text: nothing to do
    ("in the last item of a list", "host: bnv", "host: nobody", True),
    ("a misspelling in a title", "title: Tập huấn cho", "title: Tập huấn bổ xung cho", True),
    ("a decomposed title", "title: Tập huấn cho", f"title: {NFD} cho", True),
    ("a line added in a task", "    lead: all\n", "    lead: all\n    date: 2022-05-02\n",
     True),
    ("a line removed from a task", "    lead: all\n    status: planned\n\n  - id: hoan",
     "    status: planned\n\n  - id: hoan", True),
    ("a key renamed", "    status: planned\n\n  - id: hoan", "    state: planned\n\n  - id: hoan",
     True),
    ("a member's name", "name: Bộ Nội vụ", "name: Bộ Nội Vụ", True),
    ("a tone style unlike the file's", "title: Tập huấn cho", "title: Tập huấn Uỷ ban cho", True),
    ("a toned word moved", "    lead: all\n", "    lead: all\n    note: Hòa\n", True),
    ("a member made a scalar", "    - id: bnv\n      name: Bộ Nội vụ\n      short_name: BNV\n",
     "    - bnv\n", True),
    ("a recipient", "    - Bộ Nội vụ\n", "    - Bộ Nội vụ;\n", True),
    # A text item has no key: the keys after it move with the line it gains.
    ("a recipient over two lines", "    - Bộ Nội vụ\n", "    - Bộ Nội\n      vụ\n", True),
    ("a comment inside a task", "    lead: all\n", "    lead: all  # chủ trì\n", True),
    ("a comment at the list's column", "    lead: all\n", "    lead: all\n  # chủ trì\n",
     True),
    ("a comment at the left edge", "    lead: all\n", "    lead: all\n# chú thích\n    note: x\n",
     True),
    ("a line added to the last item", "    host: bnv\n", "    host: bnv\n    date: 2022-05-02\n",
     True),
    ("a key at the top level", "    host: bnv\n", "    host: bnv\nextra: 1\n", False),
    ("a new item", "    host: bnv\n", "    host: bnv\n  - id: moi\n    title: Mới\n", False),
    ("a dash removed", "  - id: hoan-thanh-nhiem-vu", "    id: hoan-thanh-nhiem-vu", False),
    ("a dash moved", "  - id: hoan-thanh-nhiem-vu", "   - id: hoan-thanh-nhiem-vu", False),
    ("a value less indented", "    host: bnv\n", "    host:\n bnv\n", False),
    ("an unclosed quote", "host: bnv", 'host: "bnv', False),
    ("an unclosed bracket", "objectives: [phoi-hop-phong-trao]\n    basis",
     "objectives: [phoi-hop-phong-trao\n    basis", False),
    ("a duplicate key", "    lead: all\n", "    lead: all\n    host: btc\n", True),
    ("an anchor", "    host: bnv\n", "    host: &h bnv\n", False),
    ("a tab", "    host: bnv\n", "    host:\tbnv\n", False),
    ("a tag", "    lead: all", "    lead: !!binary all", True),
    ("a flow mapping over lines", "    lead: all\n", "    x: {a: 1,\n      b: 2}\n", True),
    ("a block text", "    lead: all\n", "    note: |\n      - không phải mục\n      # không\n",
     True),
    ("a control character, escaped", "    lead: all", '    lead: "a\\all"', True),
    ("a placeholder", "title: Tập huấn cho", "title: ...", True),
    ("across two items", "    status: planned\n\n  - id: hoan", "    status: done\n\n  - id: hon",
     False),
    ("a control character, written", "    lead: all", "    lead: a\x07ll", False),
    ("the year", "year: 2022", "year: 2023", False),
]


@pytest.mark.parametrize(("what", "old", "new", "alone"), EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_lints_as_the_whole_text(what: str, old: str, new: str, alone: bool) -> None:
    cache = primed()
    assert_full(cache, edited(example(), old, new))
    assert cache.spliced == int(alone)


def test_a_session_of_edits_lints_as_the_whole_text_after_each() -> None:
    """The table, one edit after another on the same buffer, and back."""
    cache = primed()
    text = example()
    for _, old, new, _ in EDITS:
        if old in text:
            text = edited(text, old, new)
            assert_full(cache, text)
    assert_full(cache, example())
    assert cache.spliced >= 5


@pytest.mark.parametrize("mistake", MISTAKES, ids=[f"{m.code}-{i}" for i, m in
                                                    enumerate(MISTAKES)])
def test_each_rules_mistake_lints_as_the_whole_text(mistake: object) -> None:
    cache = primed()
    assert_full(cache, mistake.text())  # type: ignore[attr-defined]
    assert_full(cache, example())  # and mended


def test_a_syntax_error_keeps_the_last_model_for_the_next_edit() -> None:
    cache = primed()
    broken = edited(example(), "    lead: all", '    lead: "all')
    assert_full(cache, broken)
    assert_full(cache, edited(example(), "    lead: all", "    lead: al"))
    assert cache.spliced == 1  # from the text before the error


def test_the_last_item_of_a_text_without_its_final_line_break() -> None:
    """YAML ends the last item past the last line then: no line to end it at."""
    cache = primed()
    text = example().rstrip("\n")
    assert_full(cache, text)
    assert_full(cache, edited(text, "    host: bnv", "    hos: bnv"))


def test_a_rule_turned_on_again_judges_the_text_it_missed() -> None:
    cache = primed()
    text = edited(example(), "title: Tập huấn cho", "title: Tập huấn bổ xung cho")
    off = LintOptions(lang="en", today=date(2022, 6, 1),
                      enabled=frozenset({"TD001", "TD101"}))
    cache.lint(text, PATH, off)
    assert_full(cache, text)


# Pieces random edits are made of: YAML's own characters, list items, lines at
# every indentation, Vietnamese text in both tone styles and both forms.
PIECES = ["\n", " ", "  ", "- ", "-", ":", ": ", "#", "&a ", "*a", "\t", "\r\n", "[", "]",
          "{", "}", ",", '"', "'", "|", ">", "!", "<<: ", "x", "id", "Ủy", "Uỷ",
          unicodedata.normalize("NFD", "Điều lệ"), "bổ xung", "bnv", "nobody", "2022-05-02",
          "...", "\n    note: ghi chú", "\n  - id: moi\n    title: Mới", "\n      - a",
          "\n    host: btc", "status: done", "\x07"]


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[float, int, str]]:
    """Where (a fraction of the text), how many characters to delete, what to insert."""
    count = draw(st.integers(1, 6))
    return [(draw(st.floats(0, 1)), draw(st.integers(0, 12)),
             "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3))))
            for _ in range(count)]


# Plans with the shapes edits meet: the example (comments, block texts, a
# last item before comments), a criteria tree (lists in lists), flow
# mappings, a plan that does not fit the schema, one with a duplicate key.
BASES = [EXAMPLE, PLANS / "valid" / "scoring-tree.yaml", PLANS / "valid" / "details-forms.yaml",
         PLANS / "valid" / "province-bloc.yaml", PLANS / "invalid" / "td002-two-errors.yaml",
         PLANS / "invalid" / "td001-duplicate-key.yaml",
         PLANS / "invalid" / "td101-in-partly-invalid-plan.yaml"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BASES), st.data())
def test_random_edits_lint_as_the_whole_text(base: Path, data: st.DataObject) -> None:
    text = base.read_text("utf-8")
    cache = primed(text)
    for where, deleted, inserted in data.draw(edits()):
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + deleted:]
        assert_full(cache, text)
