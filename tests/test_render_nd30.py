"""Nghị định 30 forms of dates, numbers and labels, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_cli import kinds, points
from thidua_cli.dates import Month
from thidua_cli.render import nd30

BLANK = " " * 6


@pytest.mark.parametrize(("value", "expected"), [
    (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
    (date(2022, 4, 26), "ngày 26 tháng 4 năm 2022"),
    (date(2024, 1, 1), "ngày 01 tháng 01 năm 2024"),
    (date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
    (date(2023, 10, 10), "ngày 10 tháng 10 năm 2023"),
    (date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
])
def test_long_date(value: date, expected: str) -> None:
    assert nd30.long_date(value) == expected


def test_long_date_of_a_draft_leaves_blanks() -> None:
    assert nd30.long_date(None, 2022) == "ngày      tháng      năm 2022"
    assert nd30.long_date(None, 2022, blank=" ... ") == "ngày ... tháng ... năm 2022"


@pytest.mark.parametrize(("value", "expected"), [
    (date(2014, 4, 7), "07/4/2014"),
    (date(2014, 3, 19), "19/3/2014"),
    (date(2025, 2, 5), "05/02/2025"),
    (date(2025, 1, 20), "20/01/2025"),
    (date(2025, 11, 30), "30/11/2025"),
    (None, ""),
])
def test_short_date(value: date | None, expected: str) -> None:
    assert nd30.short_date(value) == expected


@pytest.mark.parametrize(("value", "long", "short"), [
    (Month(2022, 9), "tháng 9 năm 2022", "9/2022"),
    (Month(2023, 2), "tháng 02 năm 2023", "02/2023"),
    (Month(2023, 1), "tháng 01 năm 2023", "01/2023"),
    (Month(2023, 12), "tháng 12 năm 2023", "12/2023"),
    (None, "", ""),
])
def test_months(value: Month | None, long: str, short: str) -> None:
    assert (nd30.long_month(value), nd30.short_month(value)) == (long, short)


@pytest.mark.parametrize(("number", "symbol", "reference", "line"), [
    (5, "KH-LMHTXVN", "05/KH-LMHTXVN", "Số: 05/KH-LMHTXVN"),
    (12, "BC-TĐKT", "12/BC-TĐKT", "Số: 12/BC-TĐKT"),
    (123, "KH-BTC", "123/KH-BTC", "Số: 123/KH-BTC"),
    (None, "KH-LMHTXVN", f"{BLANK}/KH-LMHTXVN", "Số:      /KH-LMHTXVN"),
])
def test_number_and_symbol(number: int | None, symbol: str, reference: str,
                           line: str) -> None:
    assert nd30.doc_number(number, symbol) == reference
    assert nd30.number_line(number, symbol) == line


@pytest.mark.parametrize(("place", "value", "expected"), [
    ("Hà Nội", date(2025, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2025"),
    ("Hà Nội", date(2022, 4, 26), "Hà Nội, ngày 26 tháng 4 năm 2022"),
    ("Hà Nội", None, "Hà Nội, ngày      tháng      năm 2022"),
    (None, None, "......, ngày      tháng      năm 2022"),
])
def test_place_date(place: str | None, value: date | None, expected: str) -> None:
    assert nd30.place_date(place, value, 2022) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (20, "20"), (20.0, "20"), (2.5, "2,5"), (40.25, "40,25"), (1000, "1.000"),
    (1234.5, "1.234,5"), (0, "0"), (None, ""),
])
def test_number(value: float | None, expected: str) -> None:
    assert points.number(value) == expected


@pytest.mark.parametrize(("index", "count", "expected"), [
    (1, 6, "a"), (4, 6, "d"), (5, 6, "đ"), (6, 6, "e"), (7, 7, "g"), (23, 23, "y"),
    (1, 24, "1"), (24, 24, "24"),
])
def test_point_label(index: int, count: int, expected: str) -> None:
    assert nd30.point_label(index, count) == expected


@pytest.mark.parametrize(("number", "kind"), [
    ("34-CT/TW", "Chỉ thị"),
    ("07/CT-TTg", "Chỉ thị"),
    ("152/2025/NĐ-CP", "Nghị định"),
    ("15/2025/TT-BNV", "Thông tư"),
    ("20/BC-TĐKT", "Báo cáo"),
    ("05/KH-LMHTXVN", "Kế hoạch"),
    ("06/2022/QH15", None),   # a law or a resolution: the number does not say
    ("số 12", None),
])
def test_document_kind(number: str, kind: str | None) -> None:
    assert kinds.document_kind(number) == kind
