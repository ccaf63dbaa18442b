"""Where the cursor stands, read from the lines: one row per situation, "|" is the cursor."""

from __future__ import annotations

import pytest
from lsprotocol import types

from thidua_cli.lsp.cursor import at, siblings
from thidua_cli.lsp.positions import Lines

TASKS = "tasks:\n  - id: t1\n    lead: btc\n"
CASES = [
    # (text with the cursor, path, on what, word)
    ("bloc:\n  head: b|tc\n", ("bloc", "head"), "value", "btc"),
    ("bloc:\n  he|ad: btc\n", ("bloc", "head"), "key", "head"),
    ("bloc:\n  head: |\n", ("bloc", "head"), "value", ""),
    ("bloc:\n  |\n", ("bloc", ""), "key", ""),
    ("bloc:\n  na|\n", ("bloc", "na"), "key", "na"),
    (TASKS + "    support: [btc, b|\n", ("tasks", "[]", "support", "[]"), "value", "b"),
    (TASKS + "    support:\n      - bnv\n      - |\n", ("tasks", "[]", "support", "[]"),
     "value", ""),
    (TASKS + "    objectives:\n    - |\n", ("tasks", "[]", "objectives", "[]"), "value", ""),
    (TASKS + "  - id: t2\n    le|\n", ("tasks", "[]", "le"), "key", "le"),
    (TASKS + "  - {id: t2, lead: b|}\n", ("tasks", "[]", "lead"), "value", "b"),
    (TASKS + "  - {id: t2, le|}\n", ("tasks", "[]", "le"), "key", "le"),
    ("scores:\n  btc:\n    c|\n", ("scores", "btc", "c"), "key", "c"),
    ("scores:\n  btc: {c1: 1, c|}\n", ("scores", "btc", "c"), "key", "c"),
    ("objectives:\n  - id: o1\n    text: >-\n      Phối hợp: kiểm| tra\n", ("objectives", "[]",
                                                                        "text"), "text", "kiểm"),
    ("title: Tổ chức phong trào\n  thi đ|ua\n", ("title",), "text", "đua"),
    ("version: 1  # thidua: ignore[TD2|04]\n", (), "comment", "TD204"),
    (TASKS + "    objectives:\n    - id: o1\n      |\n", ("tasks", "[]", "objectives", "[]", ""),
     "key", ""),
    ("# comment: not a key\nbloc:\n  # a: b\n\n  head: |\n", ("bloc", "head"), "value", ""),
    ('"quoted key": |\n', ("quoted key",), "value", ""),
]


@pytest.mark.parametrize(("marked", "path", "where", "word"), CASES,
                         ids=[c[0].split("\n")[-2].strip() for c in CASES])
def test_cursor(marked: str, path: tuple[str, ...], where: str, word: str) -> None:
    before = marked.index("|")
    text = marked.replace("|", "")
    line = marked.count("\n", 0, before)
    column = before - (marked.rfind("\n", 0, before) + 1)
    found = at(Lines.of(text), line, column)
    assert (found.path, found.at, found.word) == (path, where, word)


@pytest.mark.parametrize(("encoding", "character"), [("utf-16", 11), ("utf-32", 10),
                                                     ("utf-8", 14)])
def test_columns_in_the_client_s_units(encoding: str, character: int) -> None:
    # "😀" is two UTF-16 units and four UTF-8 bytes; "đ" one unit, two bytes.
    lines = Lines.of("a: 1\r\ntitle: 😀đ x\n", encoding)
    assert lines.position(1, 10) == types.Position(1, character)
    assert lines.column(types.Position(1, character)) == (1, 10)
    assert lines.offset(1, 10) == 16


@pytest.mark.parametrize(("line", "keys"), [
    (4, {"id", "title", "lead", "status"}),  # a blank line inside the first task
    (7, {"id"}),  # the second task's title: its own key left out
    (9, set()),  # bloc.name, alone in its mapping
])
def test_siblings(line: int, keys: set[str]) -> None:
    text = ("tasks:\n  - id: t1\n    title: x\n    lead: btc\n    \n    status: done\n"
            "  - id: t2\n    title: y\nbloc:\n  name: b\n")
    assert siblings(Lines.of(text), line) == keys
