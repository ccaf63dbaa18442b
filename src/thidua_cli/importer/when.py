"""Dates and months written out in a document: ``ngày 15 tháng 3 năm 2023``,
``15/3/2023``, ``tháng 9 năm 2022``, ``tháng 9/2022``."""

from __future__ import annotations

import re
from datetime import date

from ..dates import Month

_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_SHORT_DATE = re.compile(r"(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})", re.I)
_LONG_MONTH = re.compile(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_SHORT_MONTH = re.compile(r"tháng\s+(\d{1,2})/(\d{4})", re.I)


def day_in(text: str | None) -> date | None:
    if not text:
        return None
    for pattern in (_LONG_DATE, _SHORT_DATE):
        m = pattern.search(text)
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None


def when_in(text: str) -> date | Month | None:
    day = day_in(text)
    if day is not None:
        return day
    for pattern in (_LONG_MONTH, _SHORT_MONTH):
        m = pattern.search(text)
        if m and 1 <= int(m.group(1)) <= 12:
            return Month(int(m.group(2)), int(m.group(1)))
    return None
