"""TD406 control-character, and where a finding inside a quoted value points.

Tables of what the rule must and must not flag (the same characters
``thidua render`` prints as U+FFFD), and of the column a span inside a plain,
single- or double-quoted value is placed at.
"""

from __future__ import annotations

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.lint.scalar import column_of, end_column_of, read_line

from .test_text_rules import START, found, task

CP1252 = "U+{:04X} was probably '{}' (Windows-1252 text read as Latin-1)"
ONE = "delete it, or write the character that was meant"
MANY = "delete them, or write the characters that were meant"
BIDI_ONE = "delete it: Vietnamese text needs no direction marks or overrides"
BIDI_MANY = "delete them: Vietnamese text needs no direction marks or overrides"


@pytest.mark.parametrize(("title", "expected"), [
    # the finding's column is the escape's (body line 3 is "    title: ...")
    (r'"Báo cáo \x01 kết quả"', [(3, 21, ONE)]),
    (r'"\0"', [(3, 13, ONE)]),
    (r'"a\b\a"', [(3, 14, MANY)]),
    (r'"Tổ chức \x93Ngày hội\x94"', [(3, 21, CP1252.format(0x93, "“"))]),
    (r'"Tổng kết…\u0085"', [(3, 22, CP1252.format(0x85, "…"))]),
    (r'"\N"', [(3, 13, CP1252.format(0x85, "…"))]),  # YAML's own escape for NEL
    (r'"\x81"', [(3, 13, ONE)]),  # unassigned in Windows-1252: no guess
    (r'"x\e[31m"', [(3, 14, ONE)]),
    (r'"\x7f"', [(3, 13, ONE)]),
    (r'"\uFFFE và \uFFFF"', [(3, 13, MANY)]),
    (r'"\U0000001F"', [(3, 13, ONE)]),
    (r'"é \u00e9 \" \\ \x1f"', [(3, 28, ONE)]),  # escapes before it counted right
    # not control characters: kept in documents as written (tab as a space)
    (r'"a\tb"', []),
    (r'"a\r\nb"', []),
    (r'"a\rb"', []),
    (r'"zero width \u200b, BOM \ufeff, \u2028"', []),
    # bidi controls: kept in documents, and they reorder what is shown
    (r'"RTL \u200f \u202e"', [(3, 17, BIDI_MANY)]),
    (r'"Đội \u202e10"', [(3, 17, BIDI_ONE)]),
    (r'"\u2066a\u2069 \u061c \u200e"', [(3, 13, BIDI_MANY)]),
    (r'"\x01 \u202a"', [(3, 13, ONE), (3, 18, BIDI_ONE)]),
    (r'"emoji 😀, \U0010FFFD, \uFDD0, �"', []),
    ("Nghị định 30/2020/NĐ-CP", []),
])
def test_control_character(title: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(task(title), "TD406") == expected


def test_every_text_value_is_checked_even_in_a_file_that_is_not_a_plan() -> None:
    text = 'year: "\\x01"\nbloc: {name: "\\x02"}\nfoo: ["ok", "\\x03"]\n'
    result = lint_text(text, "plan.yaml", LintOptions())
    assert [(f.line, f.column) for f in result.findings if f.code == "TD406"] == [
        (1, 8), (2, 15), (3, 14)]


def test_a_control_character_on_a_folded_line_points_at_the_value() -> None:
    # the value starts on line 3, the escape is on line 4: the value's column
    body = task('"first line\n      then \\x01"')
    assert [(line, col) for line, col, _ in found(body, "TD406")] == [(3, 12)]


def test_messages_in_vietnamese() -> None:
    result = lint_text(f"tasks:\n  - title: \"\\x93a\\x94\"\n{'#' * START}", "plan.yaml",
                       LintOptions(lang="vi"))
    (finding,) = [f for f in result.findings if f.code == "TD406"]
    assert finding.message == ("văn bản chứa 2 ký tự điều khiển, đầu tiên là U+0093; "
                               "tài liệu kết xuất sẽ hiện chúng thành �")
    assert finding.hint == ("U+0093 có lẽ là '“' (văn bản Windows-1252 bị đọc nhầm "
                            "thành Latin-1)")


# ------------------------------------------------------------------ positions


@pytest.mark.parametrize(("raw", "text", "columns"), [
    ("ab c", "ab c", [0, 1, 2, 3]),
    ("'it''s'", "it's", [1, 2, 3, 5]),
    ("'a' # c", "a", [1]),
    (r'"a\x01b"', "a\x01b", [1, 2, 6]),
    (r'"\u00e9\U0001F600\N\_\L\P\e\0\/"', "é😀\x85\xa0\u2028\u2029\x1b\0/",
     [1, 7, 17, 19, 21, 23, 25, 27, 29]),
    (r'"a\"b\\c"', 'a"b\\c', [1, 2, 4, 5, 7]),
    ('"a\\\tb"', "a\tb", [1, 2, 4]),
    (r'"stops at \q"', "stops at ", list(range(1, 10))),  # not an escape: read no further
    (r'"short \x1"', "short ", list(range(1, 7))),
    (r'"open', "open", [1, 2, 3, 4]),
])
def test_read_line(raw: str, text: str, columns: list[int]) -> None:
    assert read_line(raw, 0) == (text, columns)


@pytest.mark.parametrize(("raw", "value", "span", "column"), [
    ('key: "bổ xung"', "bổ xung", (3, 7), 10),
    (r'key: "é\u00e9 bổ xung"', "éé bổ xung", (6, 10), 18),
    ("key: 'l''x bổ xung'", "l'x bổ xung", (4, 11), 12),
    ("key: bổ xung # note", "bổ xung", (3, 7), 9),
    ('key: "first\\', "first second", (6, 12), None),  # on the next line
    ('key: "other"', "bổ xung", (3, 7), None),  # the line does not hold the value
])
def test_column_of(raw: str, value: str, span: tuple[int, int], column: int | None) -> None:
    assert column_of(raw, raw.index(" ") + 1, value, span) == column


@pytest.mark.parametrize("key", ["control-character", "control-character_many",
                                 "control-character_hint", "control-character_many_hint",
                                 "control-character_cp1252_hint"])
def test_messages_in_both_languages(key: str) -> None:
    import string
    import unicodedata

    from thidua_cli.i18n import catalog

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    en, vi = catalog("en")[f"textrule.{key}"], catalog("vi")[f"textrule.{key}"]
    assert fields(en) == fields(vi)
    assert unicodedata.is_normalized("NFC", vi)


@pytest.mark.parametrize(("raw", "value", "end", "column"), [
    ("key: bổ xung # note", "bổ xung", 7, 13),  # just past "xung"
    ("key: bổ xung", "bổ xung", 2, 8),
    ('key: "a\\x93"', "a\x93", 2, 12),  # past the whole escape
    (r'key: "é\u00e9"', "éé", 2, 14),
    ("key: 'l''x'", "l'x", 2, 10),  # past both quotes of ''
    ('key: "first\\', "first second", 12, None),  # on the next line
])
def test_end_column_of(raw: str, value: str, end: int, column: int | None) -> None:
    assert end_column_of(raw, raw.index(" ") + 1, value, end) == column
