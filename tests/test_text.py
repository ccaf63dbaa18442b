"""Vietnamese text helpers: syllables and tone styles, legacy encodings, misspellings."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import unicodedata
from importlib import resources

import pytest

from thidua_cli.text import legacy, misspelling, syllable


@pytest.mark.parametrize(("word", "style", "other"), [
    ("hòa", "old", "hoà"),
    ("hoà", "new", "hòa"),
    ("Hòa", "old", "Hoà"),
    ("thủy", "old", "thuỷ"),
    ("thuỷ", "new", "thủy"),
    ("Ủy", "old", "Uỷ"),
    ("UỶ", "new", "ỦY"),
    ("khỏe", "old", "khoẻ"),
    ("xoá", "new", "xóa"),
    ("tùy", "old", "tuỳ"),
    # One spelling only: a final consonant, "qu", no tone, other vowels.
    ("hoàn", None, "hoàn"),
    ("thuyết", None, "thuyết"),
    ("quý", None, "quý"),
    ("hoa", None, "hoa"),
    ("người", None, "người"),
    ("khoái", None, "khoái"),
])
def test_tone_style(word: str, style: str | None, other: str) -> None:
    assert syllable.style(word) == style
    assert syllable.restyle(word) == other
    if style:
        assert syllable.key(word) == syllable.key(other)


@pytest.mark.parametrize(("word", "expected"), [
    ("nhân", True), ("Nguyễn", True), ("khuya", True), ("gì", True), ("quốc", True),
    ("xoong", True), ("thuở", True), ("hoạch", True),
    ("nh©n", False), ("Vieät", False), ("nhaân", False), ("München", False),
    ("Đắk", False), ("hòaa", False), ("ẩá", False),
])
def test_is_syllable(word: str, expected: bool) -> None:
    assert syllable.is_syllable(word) is expected


@pytest.mark.parametrize(("text", "encoding", "decoded"), [
    ("Uû ban nh©n d©n", "TCVN3", "Uỷ ban nhân dân"),
    ("Hµ Néi", "TCVN3", "Hà Nội"),
    ("B¶o Th¾ng", "TCVN3", "Bảo Thắng"),
    ("M\u00adêng Kh\u00ad¬ng", "TCVN3", "Mường Khương"),  # ư is a soft hyphen (0xAD)
    ("Uû ban nh©n d©n tõ", "TCVN3", "Uỷ ban nhân dân từ"),
    ("Hà Nội: Uû ban nh©n d©n", "TCVN3", "Hà Nội: Uỷ ban nhân dân"),
    ("UÛy ban nhaân daân", "VNI", "Ủy ban nhân dân"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("ÑAÛNG", "VNI", "ĐẢNG"),
])
def test_legacy_text_is_recognised_and_decoded(text: str, encoding: str, decoded: str) -> None:
    guess = legacy.guess(text)
    assert guess is not None
    assert (guess.encoding, guess.decoded) == (encoding, decoded)


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam", "Ủy ban Dân tộc", "khoá", "Đắk Lắk",
    "München", "Gödel", "Café São Paulo", "© 2022", "x × y", "§ 5", "10 µm",
    "Lưu: VT, TĐKT", "",
])
def test_unicode_and_foreign_text_is_not_legacy(text: str) -> None:
    assert legacy.guess(text) is None


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs iconv (glibc)")
def test_tcvn3_table_agrees_with_glibc() -> None:
    table = tomllib.loads(resources.files("thidua_cli").joinpath(
        "data/legacy.toml").read_text("utf-8"))["tcvn3"]
    raw = bytes(ord(k.encode("cp1252").decode("latin-1")) for k in table)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw,
                         capture_output=True, check=True).stdout.decode()
    assert list(out) == list(table.values())


def test_vni_table_round_trips_every_vietnamese_letter() -> None:
    letters = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    every = [unicodedata.normalize("NFC", v + t) for v in letters for t in tones]
    every += [c.upper() for c in every] + ["đ", "Đ"]
    vni = tomllib.loads(resources.files("thidua_cli").joinpath(
        "data/legacy.toml").read_text("utf-8"))["vni"]
    produced = set(vni.values())
    missing = [c for c in every if c not in produced and c not in "aeiouyAEIOUY"]
    assert missing == []


@pytest.mark.parametrize(("text", "found", "corrected"), [
    ("Cần bổ xung ý kiến", ["bổ xung"], "Cần bổ sung ý kiến"),
    ("BỔ XUNG", ["BỔ XUNG"], "BỔ SUNG"),
    ("Bổ xung", ["Bổ xung"], "Bổ sung"),
    ("việc sát nhập hai bộ", ["sát nhập"], "việc sáp nhập hai bộ"),
    ("sơ xuất, chuẩn đoán, xắp xếp, xẩy ra", ["sơ xuất", "chuẩn đoán", "xắp xếp", "xẩy ra"],
     "sơ suất, chẩn đoán, sắp xếp, xảy ra"),
    ("vô hình\n   chung", ["vô hình\n   chung"], "vô hình\n   trung"),
    ("Sử lý vi phạm", ["Sử lý"], "Xử lý vi phạm"),
    # Punctuation against a word, at the start or end of the text, line breaks.
    ("bổ xung,sát nhập", ["bổ xung", "sát nhập"], "bổ sung,sáp nhập"),
    ("«bổ xung»", ["bổ xung"], "«bổ sung»"),
    ("„Sơ xuất“ và ‹xắp xếp›", ["Sơ xuất", "xắp xếp"], "„Sơ suất“ và ‹sắp xếp›"),
    ("x:bổ xung;chuẩn đoán.", ["bổ xung", "chuẩn đoán"], "x:bổ sung;chẩn đoán."),
    ("【xẩy ra】。", ["xẩy ra"], "【xảy ra】。"),
    ("vô hình\nchung—", ["vô hình\nchung"], "vô hình\ntrung—"),
    ("bổ\u2028xung", ["bổ\u2028xung"], "bổ\u2028sung"),
    ("ſát nhập", ["ſát nhập"], "sáp nhập"),
    ("giám ſát nhập", [], "giám ſát nhập"),
    # Not misspellings: longer words, phrases across word boundaries, guards.
    ("bổ xungg", [], "bổ xungg"),
    ("giám sát nhập khẩu", [], "giám sát nhập khẩu"),
    ("hồ sơ xuất trình", [], "hồ sơ xuất trình"),
    ("lịch sử lý luận", [], "lịch sử lý luận"),
    ("khả năng xuất khẩu", [], "khả năng xuất khẩu"),
    ("tham quan, thăm quan, giành, dành", [], "tham quan, thăm quan, giành, dành"),
])
def test_misspellings(text: str, found: list[str], corrected: str) -> None:
    assert [m.text for m in misspelling.find(text)] == found
    assert misspelling.correct(text) == corrected


def test_the_quick_tests_know_every_letter_the_expression_takes_for_a_phrase_letter() -> None:
    # Lower case and whole words as the quick tests read them match what the
    # expression matches in any case, except for the characters of _UNUSUAL.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    letters = set("".join(misspelling.entries())) - {" "}
    unusual = {c for c in every if len(c.lower()) != 1}
    for kind in (set(re.findall(r"\w", every)), set(re.findall(r"\s", every))):
        unusual |= {c for c in every if len(c.lower()) == 1 and (c in kind) != (c.lower() in kind)}
    for letter in letters:
        unusual |= {c for c in re.findall(re.escape(letter), every, re.IGNORECASE)
                    if c.lower() != letter}
    assert all(re.fullmatch(r"\w+", w) for w in "".join(misspelling.entries()).split())
    assert unusual == set(misspelling._UNUSUAL)
    assert all(misspelling.key(c) in letters for c in unusual)


def test_misspelling_list_is_well_formed() -> None:
    for key, entry in misspelling.entries().items():
        assert unicodedata.is_normalized("NFC", entry.wrong + entry.right), key
        assert len(entry.wrong.split()) == len(entry.right.split()), key
        assert misspelling.key(entry.right) not in misspelling.entries(), key


def test_the_legacy_suspects_shipped_are_those_the_tables_give() -> None:
    # tables.py holds them computed (a stale copy also fails the docs' check).
    from thidua_cli.text.legacy import _suspects, suspects_of

    data = tomllib.loads(resources.files("thidua_cli").joinpath("data/legacy.toml")
                         .read_text("utf-8"))
    computed = suspects_of({"TCVN3": data["tcvn3"], "VNI": data["vni"]})
    assert _suspects() == frozenset(computed) and len(computed) == len(set(computed))
    assert {"©", "aø", "où"} <= _suspects() and "oà" not in _suspects()
