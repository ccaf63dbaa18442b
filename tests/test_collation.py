"""Vietnamese collation, as a table of pairs that must sort in the order given."""

from __future__ import annotations

import unicodedata

import pytest

from thidua_cli.collation import sort_key, sorted_vi


@pytest.mark.parametrize(("first", "second"), [
    # Letters: ă, â after a; đ between d and e; ê after e; ô, ơ after o; ư after u.
    ("an", "ăn"),
    ("ăn", "ân"),
    ("ân", "bán"),
    ("Dân", "Đài"),
    ("Đài", "Em"),
    ("dương", "đường"),
    ("em", "êm"),
    ("ong", "ông"),
    ("ông", "ơn"),
    ("ung", "ưng"),
    ("ưng", "vâng"),
    # Tones: ngang, huyền, hỏi, ngã, sắc, nặng.
    ("ba", "bà"),
    ("bà", "bả"),
    ("bả", "bã"),
    ("bã", "bá"),
    ("bá", "bạ"),
    # Letters decide before tones: "bạ" < "bác" although ạ has the last tone.
    ("bạ", "bác"),
    ("ác", "ách"),
    # Syllable by syllable: the first syllable's tone decides before the second's letters.
    ("a dua", "à"),
    ("Ba Vì", "Bà Rịa"),
    # A prefix first.
    ("cha", "chan"),
    ("ba", "ba ba"),
    # Names of bloc members.
    ("Bộ Nội vụ", "Bộ Tài chính"),
    ("Bộ Tài chính", "Bộ Tư pháp"),
    ("Bộ Tư pháp", "Đài Truyền hình Việt Nam"),
    ("Ngân hàng Nhà nước Việt Nam", "Ủy ban Dân tộc"),
    ("Uông Bí", "Ủy ban Dân tộc"),
    ("Văn phòng Chính phủ", "Văn phòng Chủ tịch nước"),
    ("Văn phòng Chủ tịch nước", "Văn phòng Quốc hội"),
    # Case only breaks ties, lower case first; otherwise case is ignored.
    ("a", "A"),
    ("bộ Tài chính", "Bộ Tư pháp"),
    ("ĐÀI", "em"),
    # Digits before letters; letters outside the alphabet after z (ñ is an n with a mark).
    ("Khối 2", "Khối A"),
    ("zeta", "øre"),
    ("nu", "ñu"),
    ("ñu", "ou"),
])
def test_order(first: str, second: str) -> None:
    assert sort_key(first) < sort_key(second)
    assert sorted_vi([second, first]) == [first, second]


@pytest.mark.parametrize(("a", "b"), [
    ("hòa", "hoà"),            # tone mark placement: old and new style
    ("Ủy ban", "Uỷ ban"),
    ("Bộ Tài chính", "Bộ  Tài-chính"),   # separators only separate
])
def test_equal_at_letters_and_tones(a: str, b: str) -> None:
    assert sort_key(a)[:2] == sort_key(b)[:2]


def test_decomposed_text_sorts_like_composed() -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban Dân tộc")
    assert sort_key(nfd) == sort_key("Ủy ban Dân tộc")


def test_bloc_members_in_order() -> None:
    names = ["Ủy ban Dân tộc", "Văn phòng Quốc hội", "Bộ Tài chính",
             "Liên minh Hợp tác xã Việt Nam", "Bộ Kế hoạch và Đầu tư",
             "Ngân hàng Nhà nước Việt Nam", "Bộ Nội vụ", "Văn phòng Chính phủ",
             "Văn phòng Chủ tịch nước"]
    assert sorted_vi(names) == [
        "Bộ Kế hoạch và Đầu tư", "Bộ Nội vụ", "Bộ Tài chính", "Liên minh Hợp tác xã Việt Nam",
        "Ngân hàng Nhà nước Việt Nam", "Ủy ban Dân tộc", "Văn phòng Chính phủ",
        "Văn phòng Chủ tịch nước", "Văn phòng Quốc hội"]
