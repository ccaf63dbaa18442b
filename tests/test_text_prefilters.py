"""The text rules search a whole file's values at once (``DataContext.joined``) and
skip the value-by-value work when the file cannot hold a hit: they find exactly what
each value searched alone finds (``reference_text_rules.py``, the checks as first
written), on every plan of the tests and on random Vietnamese text."""

from __future__ import annotations

import datetime
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua_cli.lint.context import SEPARATOR, DataContext, _strings
from thidua_cli.lint.rules import RULES, placeholder_text
from thidua_cli.loader import Parsed, YamlSyntaxError, parse
from thidua_cli.text import legacy, misspelling

from .conftest import ROOT
from .reference_text_rules import REFERENCE, misspellings, nfc_strings
from .strategies import TRICKY

_RULES = {r.name: r for r in RULES if r.name in REFERENCE}
TODAY = datetime.date(2020, 1, 1)


def assert_same_hits(data: Any) -> None:
    for name, rule in _RULES.items():
        assert rule.check is not None
        # A fresh context for each: nothing one rule computed helps the reference.
        got = list(rule.check(DataContext(Parsed(data, {}, {}, []), TODAY)))  # type: ignore[arg-type]
        expected = list(REFERENCE[name](DataContext(Parsed(data, {}, {}, []), TODAY)))
        assert got == expected, name
    ctx = DataContext(Parsed(data, {}, {}, []), TODAY)
    # The texts alone, walked without their paths, and then from the paths'.
    texts = ctx.texts
    assert ctx.strings == list(_strings(data, ()))
    assert texts == [text for _, text in ctx.strings]
    del ctx.__dict__["texts"]
    assert ctx.texts == texts
    assert ctx.nfc_strings == nfc_strings(ctx)


def _plans() -> list[Path]:
    files = [*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("tests/plans/**/*.yaml"),
             *ROOT.glob("tests/hostile/inputs/*")]
    return sorted(p for p in files if p.is_file())


@pytest.mark.parametrize("path", _plans(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_plan_gets_the_hits_of_each_value_searched_alone(path: Path) -> None:
    try:
        data = parse(path.read_text("utf-8")).data
    except (UnicodeDecodeError, YamlSyntaxError):
        pytest.skip("not read as YAML: no text rule runs")
    assert_same_hits(data)


def test_data_deeper_than_the_walks_recurse_gets_the_same_hits() -> None:
    # Aliases can nest data far deeper than a text; past 200 levels the walks
    # keep a stack of their own, in the same order.
    deep: Any = ["Tổ chức", {"b": "bổ xung"}]
    for level in range(300):
        deep = [f"mức {level}", deep, {"k": deep if level % 100 == 0 else "x"}]
    assert_same_hits({"a": deep, "b": "cuối"})


# Vietnamese words and what the rules look for: misspellings (in any case, with
# punctuation around and between them), toned oa/oe/uy in both styles, NFD,
# TCVN3/VNI mojibake, controls, placeholders.
_PIECES = [
    "bổ xung", "Bổ  Xung", "(sát nhập)", "sát,nhập", "«sơ xuất»", "hồ sơ xuất trình",
    "giám sát nhập khẩu", "xắp xếp", "vô hình chung", "BỔ XUNG", "bổ\nxung", "sơ", "xuất",
    "hoà", "hòa", "thuỷ", "thủy", "khoẻ", "khỏe", "ho\u0300a", "Hoá", "HOÀ", "uỷ ban", "ủy ban",
    "Uû ban nh©n d©n", "Tæ chøc", "Vieät Nam", "München", "µm", "©", "×",
    "\x00", "\x07", "\x85", "\u200b", "\t", "\r\n", "...", "…", "v.v...", "Nguyễn Văn A",
    "Nghị định 30/2020/NĐ-CP", "kế hoạch", "thi đua", "năm 2022", " ", ", ", ". ", "-",
    "e\u0302\u0301", "\u0301", "ſát nhập", "K", "İ", "ΑΣ",
    # Punctuation against a word, which no white space separates from it.
    "bổ xung,sát nhập", "«bổ xung»", "x:bổ xung", "„sơ xuất“", "‹xắp xếp›", "【bổ xung】",
    "bổ xung。", "¿sát nhập?", "bổ xung\u00a0", "sát\u2028nhập", "*bổ xung*", "#sơ xuất",
    "bổ xung\u200b", "'Sát Nhập'", "(xẩy ra)", "giám ſát nhập", "vô hình chung.",
    # Placeholders, and text that is almost one.
    "TÊN CƠ QUAN KHỐI TRƯỞNG", "Cơ quan thành viên 2", "CQTV3", "KH-CQKT", "KH-CQKTX",
    "Nguyễn Văn A", "Nguyễn Văn An", "KT. THỦ TRƯỞNG", "PHÓ THỦ TRƯỞNG", "THỦ TRƯỞNG",
    "BỘ ...", "Khối thi đua ...", "v.v...", "v.v…", "....", "  ", "\n",
]
# Punctuation, symbols, separators and controls, one or two at a time.
_MARKS = st.text(st.characters(categories=("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc",
                                           "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Mn")),
                 min_size=1, max_size=2)
_PIECE = st.one_of(st.sampled_from(_PIECES), st.sampled_from(TRICKY), _MARKS,
                   st.text("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
                           "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ \u0300\u0301\u0309\u0303\u0323",
                           max_size=8))
_TEXT = st.lists(_PIECE, max_size=6).map("".join)
_VALUES = st.lists(_TEXT, min_size=0, max_size=8)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_VALUES, st.booleans())
def test_random_values_get_the_hits_of_each_value_searched_alone(values: list[str],
                                                                  nested: bool) -> None:
    data: Any = {"tasks": [{"title": v, "id": str(i)} for i, v in enumerate(values)]} \
        if nested else {"notes": values, "title": "".join(values[:1])}
    assert_same_hits(data)


@settings(max_examples=500, deadline=None)
@given(_VALUES)
def test_the_file_wide_tests_never_miss_a_value(values: list[str]) -> None:
    joined = SEPARATOR.join(values)
    nfc = SEPARATOR.join(unicodedata.normalize("NFC", v) for v in values)
    assert unicodedata.is_normalized("NFC", joined) == all(
        unicodedata.is_normalized("NFC", v) for v in values)
    assert legacy.suspect_anywhere(joined) == legacy.suspect(joined)
    if not legacy.suspect_anywhere(joined):
        assert all(legacy.guess(v) is None for v in values)
    if not misspelling.might_occur(nfc):
        assert not any(list(misspellings(unicodedata.normalize("NFC", v))) for v in values)
    for value in values:
        if not misspelling._might_contain(value):
            assert list(misspellings(value)) == []


def test_the_separator_breaks_words_and_is_no_legacy_text() -> None:
    assert SEPARATOR.isspace() and SEPARATOR.isprintable()
    assert unicodedata.combining(SEPARATOR) == 0
    assert not legacy.suspect(SEPARATOR) and not legacy.suspect("a" + SEPARATOR + "b")
    assert not legacy.suspect_anywhere(SEPARATOR)
    assert not legacy.suspect_anywhere("a" + SEPARATOR + "b")


def _placeholder_data() -> dict[str, list[str]]:
    return placeholder_text._data()


@pytest.mark.parametrize(("kind", "index"), [
    (kind, i) for kind in ("whole", "inside") for i in range(len(_placeholder_data()[kind]))])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_placeholder_gate_finds_every_value_its_expression_matches(
        kind: str, index: int, data: st.DataObject) -> None:
    expression = _placeholder_data()[kind][index]
    gate = re.compile(_placeholder_data()[kind + "_gate"][index])
    assert not re.search(r"(?<!\\)(?:\^|\$|\\A|\\Z)", expression), expression
    around = st.text(" \t\n.…vVa", max_size=3)
    if kind == "whole":
        value = data.draw(around.filter(str.isspace) | st.just("")) \
            + data.draw(st.from_regex(expression, fullmatch=True)) \
            + data.draw(around.filter(str.isspace) | st.just(""))
        assert re.fullmatch(expression, value.strip())
    else:
        value = data.draw(st.from_regex(expression))
        assert re.search(expression, value)
    neighbours = data.draw(st.lists(_TEXT, max_size=2)), data.draw(st.lists(_TEXT, max_size=2))
    joined = SEPARATOR.join([*neighbours[0], value, *neighbours[1]])
    assert gate.search(joined) is not None
    assert placeholder_text.might_occur(joined)


# ``suspect_anywhere`` looks at the Latin-1 characters alone: leaving out the
# others may bring a pair's two letters together, never hide one.
ACROSS = {
    "a pair kept apart by a letter beyond Latin-1": ("aệà", False),
    "a pair kept apart by a combining mark": ("a\u0301à", False),
    "a pair kept apart by a lone surrogate": ("a\ud800à", False),
    "the pair itself": ("aà", True),
    "the pair after text beyond Latin-1": ("Ủy ban aà", True),
    "a single suspect among Vietnamese": ("Ủy ban nh©n dân", True),
    "Vietnamese only": ("Ủy ban nhân dân tỉnh Hoà Bình", False),
}


@pytest.mark.parametrize("row", ACROSS)
def test_letters_beyond_latin1_never_make_a_suspect(row: str) -> None:
    text, expected = ACROSS[row]
    assert legacy.suspect_anywhere(text) is expected
    assert legacy.suspect_anywhere(text) is (legacy._suspect_in_long_text().search(text)
                                            is not None)


def test_space_is_the_one_printable_white_space() -> None:
    # ``misspelling.searched`` leaves out a value with neither a space nor an
    # unprintable character: it has no white space, which a phrase needs.
    spaces = [c for c in map(chr, range(sys.maxunicode + 1))
              if re.fullmatch(r"\s", c) or c.isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]
    assert all(len(key.split()) >= 2 for key in misspelling.entries())


@settings(max_examples=500, deadline=None)
@given(_VALUES)
def test_the_misspellings_searched_never_miss_a_value(values: list[str]) -> None:
    nfc = [unicodedata.normalize("NFC", v) for v in values]
    if not misspelling.might_occur(misspelling.searched(nfc)):
        assert not any(list(misspellings(v)) for v in nfc)
    assert misspelling.searched(nfc + nfc) == misspelling.searched(nfc)
