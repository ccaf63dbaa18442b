"""Dates, numbers and labels in the forms Nghị định 30/2020/NĐ-CP prescribes.

Phụ lục I of the decree fixes how an administrative document writes its date
(``ngày 05 tháng 02 năm 2025``: days 1-9 and months 1-2 take a leading zero,
other months do not, so ``ngày 26 tháng 4 năm 2022``) and its number
(``Số: 05/KH-LMHTXVN``: numbers below 10 take a leading zero). A draft leaves
number and day blank for the records office to fill in at issue; the blank is
six spaces, wide enough to write in by hand. These are pure functions, used as
Jinja filters by both templates.
"""

from __future__ import annotations

from datetime import date

from ..dates import Month

BLANK = " " * 6

# The letters of the Vietnamese alphabet that label points (điểm) a), b), ...:
# no f, j, w, z, and đ after d (the drafting rules for legal documents).
POINT_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")


def day_text(day: int) -> str:
    """Days 1-9 with a leading zero: ``05``, ``26``."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 with a leading zero (so ``01`` cannot be misread as ``11``)."""
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(value: date | None, year: int | None = None, blank: str = BLANK) -> str:
    """``ngày 05 tháng 02 năm 2025``; without a date, the draft's blanks for ``year``."""
    if value is None:
        return f"ngày{blank}tháng{blank}năm {year if year is not None else blank}"
    return f"ngày {day_text(value.day)} tháng {month_text(value.month)} năm {value.year}"


def short_date(value: date | None) -> str:
    """``07/4/2014``, the form used when citing a document inside the text."""
    if value is None:
        return ""
    return f"{day_text(value.day)}/{month_text(value.month)}/{value.year}"


def long_month(value: Month | None) -> str:
    """``tháng 9 năm 2022``, ``tháng 02 năm 2023``."""
    if value is None:
        return ""
    return f"tháng {month_text(value.month)} năm {value.year}"


def short_month(value: Month | None) -> str:
    """``9/2022``, ``02/2023``."""
    if value is None:
        return ""
    return f"{month_text(value.month)}/{value.year}"


def doc_number(number: int | None, symbol: str, blank: str = BLANK) -> str:
    """``05/KH-LMHTXVN``; a draft without a number keeps the blank: ``      /KH-LMHTXVN``."""
    shown = blank if number is None else f"{number:02d}"
    return f"{shown}/{symbol}"


def number_line(number: int | None, symbol: str, blank: str = BLANK) -> str:
    """The number line under the issuer: ``Số: 05/KH-LMHTXVN``, a draft ``Số:      /KH-LMHTXVN``."""
    if number is None:
        return f"Số:{blank}/{symbol}"
    return f"Số: {doc_number(number, symbol)}"


def place_date(place: str | None, value: date | None, year: int | None = None,
               blank: str = BLANK) -> str:
    """``Hà Nội, ngày 26 tháng 4 năm 2022`` (dots stand for a place not yet known)."""
    return f"{place or '......'}, {long_date(value, year, blank)}"


def point_label(index: int, count: int = 0) -> str:
    """The label of the ``index``-th point (from 1): ``a``, ..., ``đ``, ..., ``y``.

    Past the 23 letters (or when ``count`` says there will be more) points are
    numbered instead, so one list never mixes letters and numbers.
    """
    if max(index, count) > len(POINT_LETTERS):
        return str(index)
    return POINT_LETTERS[index - 1]
