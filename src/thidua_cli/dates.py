"""Dates and months as plans write them: ISO or the Vietnamese day-first form.

``2022-04-26``, ``26/4/2022`` and ``26/04/2022`` are the same day;
``2022-09`` and ``9/2022`` the same month. An impossible date is a
``ValueError`` whose message says why, never a crash further down.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

# Digits are ASCII or full-width (``２０２２``, what a CJK input method types; `new`
# moves such a date in the same digits): Python's ``\d`` also took ``٢٠٢٢`` and every
# other script's, which a JSON Schema's ``\d`` (ECMA) refuses; a plan valid to lint
# was invalid to an editor. The schema's patterns say the same as these.
_D = "[0-9\uff10-\uff19]"
_ISO_DATE = re.compile(rf"^({_D}{{4}})-({_D}{{1,2}})-({_D}{{1,2}})$")
_VN_DATE = re.compile(rf"^({_D}{{1,2}})/({_D}{{1,2}})/({_D}{{4}})$")
_ISO_MONTH = re.compile(rf"^({_D}{{4}})-({_D}{{1,2}})$")
_VN_MONTH = re.compile(rf"^({_D}{{1,2}})/({_D}{{4}})$")

#: The first and last year a plan's date, or a day a command is given, may be in
#: (lint rule TD205 says why).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def in_range(day: date) -> bool:
    """Whether ``day`` falls in the years from ``EARLIEST_YEAR`` to ``LATEST_YEAR``."""
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR

DATE_PATTERN = rf"^({_D}{{4}}-{_D}{{1,2}}-{_D}{{1,2}}|{_D}{{1,2}}/{_D}{{1,2}}/{_D}{{4}})$"
MONTH_PATTERN = rf"^({_D}{{4}}-{_D}{{1,2}}|{_D}{{1,2}}/{_D}{{4}})$"


class DateFormatError(ValueError):
    """Text that is not a date in a form plans use."""


class ImpossibleDateError(ValueError):
    """A date in the right form that no calendar has (``2023-02-30``)."""


class Month(NamedTuple):
    """A calendar month, for activities planned to the month only."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month, 1)


def parse_date(value: object) -> date:
    """A ``date`` from an ISO or Vietnamese day-first string (or a ``date``)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DateFormatError(value)
    text = value.strip()
    if m := _ISO_DATE.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _VN_DATE.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        raise DateFormatError(value)
    try:
        return date(year, month, day)
    except ValueError as e:
        raise ImpossibleDateError(text) from e


def parse_month(value: object) -> Month:
    """A ``Month`` from ``2022-09`` or ``9/2022``."""
    if isinstance(value, Month):
        return value
    if not isinstance(value, str):
        raise DateFormatError(value)
    text = value.strip()
    if m := _ISO_MONTH.match(text):
        year, month = (int(g) for g in m.groups())
    elif m := _VN_MONTH.match(text):
        month, year = (int(g) for g in m.groups())
    else:
        raise DateFormatError(value)
    if not 1 <= month <= 12 or year < 1:
        raise ImpossibleDateError(text)
    return Month(year, month)
