from __future__ import annotations

from datetime import date

import pytest

from thidua_cli.dates import DateFormatError, ImpossibleDateError, Month, parse_date, parse_month


@pytest.mark.parametrize(("text", "day"), [
    ("2022-04-26", date(2022, 4, 26)),
    ("26/4/2022", date(2022, 4, 26)),
    ("26/04/2022", date(2022, 4, 26)),
    ("1/1/2023", date(2023, 1, 1)),
    ("2024-02-29", date(2024, 2, 29)),
])
def test_date_forms(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["2023-02-30", "31/9/2023", "0/0/2023", "2023-13-01"])
def test_impossible_dates(text: str) -> None:
    with pytest.raises(ImpossibleDateError):
        parse_date(text)


# Digits of other scripts than ASCII and full-width (what a CJK input method
# types) are no date: JSON Schema's \d, which editors check plans with, takes
# ASCII only, and the schema's patterns add the full-width ones.
@pytest.mark.parametrize("text", ["2023/02/10", "26-4-2022", "tháng 4", "", "2022-4",
                                  "٢٠٢٢-11-30", "30/11/२०२२", "３０/１１/٢٠٢٢"])
def test_not_dates(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


@pytest.mark.parametrize("text", ["٢٠٢٢-09", "9/२०२२"])
def test_not_months(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_month(text)


def test_full_width_digits_are_a_date() -> None:
    assert parse_date("２０２２-１１-３０") == date(2022, 11, 30)
    assert parse_date("３０/１１/２０２２") == date(2022, 11, 30)
    assert parse_month("９/２０２２") == Month(2022, 9)


@pytest.mark.parametrize("text", ["2022-11-30", "30/11/2022", "２０２２-１１-３０", "٢٠٢٢-11-30",
                                  "30/11/२०२२"])
def test_the_schema_and_the_reader_agree_on_dates(text: str) -> None:
    import re

    from thidua_cli.dates import DATE_PATTERN

    try:
        parse_date(text)
        read = True
    except DateFormatError:
        read = False
    assert (re.match(DATE_PATTERN, text) is not None) == read


@pytest.mark.parametrize(("text", "month"), [
    ("2022-09", Month(2022, 9)), ("9/2022", Month(2022, 9)), ("09/2022", Month(2022, 9)),
])
def test_month_forms(text: str, month: Month) -> None:
    assert parse_month(text) == month
    assert str(month) == "2022-09"


def test_impossible_month() -> None:
    with pytest.raises(ImpossibleDateError):
        parse_month("13/2022")
