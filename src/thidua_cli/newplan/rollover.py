"""Last year's plan → this year's: the same bloc and work, dates moved, results cleared.

Works on the round-trip tree, so comments, key order, quoting and the way
each date is written survive: ``2022-04-26`` stays ISO, ``26/4/2022`` stays
day-first (with its zero-padding as written), ``9/2022`` becomes ``9/2023``.
Dates move by whole years (plan year → new year); 29 February becomes 28
February in a common year. Legal bases keep their dates: a law does not move.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .roundtrip import delete

_ISO_DATE = re.compile(r"^(\s*)(\d{4})(-\d{1,2}-)(\d{1,2})(\s*)$")
_VN_DATE = re.compile(r"^(\s*)(\d{1,2})(/\d{1,2}/)(\d{4})(\s*)$")
_ISO_MONTH = re.compile(r"^(\s*)(\d{4})(-\d{1,2}\s*)$")
_VN_MONTH = re.compile(r"^(\s*\d{1,2}/)(\d{4})(\s*)$")

# What a new year starts without: the outcomes of the old one.
CLEARED_TOP = ("scores", "awards", "review")
CLEARED_DOCUMENT = ("number", "date")


@dataclass(frozen=True)
class Changes:
    """What ``roll_over`` did, for the messages: ``stale`` counts the texts that
    still mention the old year (objectives, details ...), for a person to review."""

    source_year: int
    stale: tuple[str, ...]


class CannotMove(ValueError):
    """A date that moved would leave the calendar (before year 1, after 9999)."""

    def __init__(self, value: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(value)
        self.value, self.line, self.column = value, line, column


def roll_over(data: CommentedMap, year: int) -> Changes:
    """Turn the round-trip tree of a plan into next year's plan, in place.

    Raises ``CannotMove`` (with the date's line and column) for a date that
    cannot be moved by the plan's shift.
    """
    source = int(data["year"])
    shift = year - source
    data["year"] = year
    for key in ("title", "theme"):
        if isinstance(data.get(key), str):
            data[key] = _like(data[key], _replace_year(data[key], source, year))
    document = data.get("document")
    if isinstance(document, CommentedMap):
        for key in CLEARED_DOCUMENT:
            delete(document, key)
    for task in _items(data.get("tasks")):
        _move(task, "due", shift, _shift_date)
        _reset(task)
    for event in _items(data.get("events")):
        _move(event, "date", shift, _shift_date)
        _move(event, "month", shift, _shift_month)
        _reset(event)
    for key in CLEARED_TOP:
        delete(data, key)
    return Changes(source, tuple(_stale(data, str(source))))


def shift_date_text(text: str, shift: int) -> str:
    """``26/4/2022`` → ``26/4/2023``, ``2024-02-29`` → ``2025-02-28``: same form,
    digits included (``１５/１２/２０２２``, typed with a full-width input method,
    moves to ``１５/１２/２０２３``, not to a mix of both kinds of digit)."""
    if m := _ISO_DATE.match(text):
        y, d = _moved(int(m[2]), _month_of(m[3]), int(m[4]), shift)
        return f"{m[1]}{_like_digits(f'{y:04d}', m[2])}{m[3]}" \
               f"{_like_digits(f'{d:0{len(m[4])}d}', m[4])}{m[5]}"
    if m := _VN_DATE.match(text):
        y, d = _moved(int(m[4]), _month_of(m[3]), int(m[2]), shift)
        return f"{m[1]}{_like_digits(f'{d:0{len(m[2])}d}', m[2])}{m[3]}" \
               f"{_like_digits(f'{y:04d}', m[4])}{m[5]}"
    return text


def shift_month_text(text: str, shift: int) -> str:
    """``9/2022`` → ``9/2023``, ``2022-09`` → ``2023-09``."""
    if m := _ISO_MONTH.match(text):
        return f"{m[1]}{_like_digits(_moved_year(int(m[2]), shift, text), m[2])}{m[3]}"
    if m := _VN_MONTH.match(text):
        return f"{m[1]}{_like_digits(_moved_year(int(m[2]), shift, text), m[2])}{m[3]}"
    return text


def _moved_year(year: int, shift: int, text: str) -> str:
    if not 1 <= year + shift <= 9999:
        raise CannotMove(text.strip())
    return f"{year + shift:04d}"


def _like_digits(ascii_digits: str, written: str) -> str:
    """``ascii_digits`` in the script of the first digit of ``written``: ``\\d``
    (and ``int``) take any Unicode decimal digit, so a date may be written in
    full-width (``２０２２``) or other digits; the moved date keeps them."""
    zero = ord(written[0]) - unicodedata.decimal(written[0])
    if zero == ord("0"):
        return ascii_digits
    return "".join(chr(zero + ord(c) - ord("0")) for c in ascii_digits)


def _shift_date(value: Any, shift: int) -> Any:
    if isinstance(value, date):
        y, d = _moved(value.year, value.month, value.day, shift)
        return date(y, value.month, d)
    if isinstance(value, str):
        return _like(value, shift_date_text(value, shift))
    return value


def _shift_month(value: Any, shift: int) -> Any:
    return _like(value, shift_month_text(value, shift)) if isinstance(value, str) else value


def _moved(year: int, month: int, day: int, shift: int) -> tuple[int, int]:
    """The year and day after moving; 29 February falls back to the 28th."""
    new_year = year + shift
    if not 1 <= new_year <= 9999:
        raise CannotMove(f"{year:04d}-{month:02d}-{day:02d}")
    if month == 2 and day == 29 and not _leap(new_year):
        day = 28
    return new_year, day


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_of(middle: str) -> int:
    return int(middle.strip("-/"))


def _move(item: CommentedMap, key: str, shift: int, how: Any) -> None:
    if key in item and item[key] is not None:
        try:
            item[key] = how(item[key], shift)
        except CannotMove as e:
            line, column = item.lc.value(key)
            raise CannotMove(e.value, line + 1, column + 1) from None


def _reset(item: CommentedMap) -> None:
    if "status" in item:
        item["status"] = _like(item["status"], "planned")
    delete(item, "result")


def _items(value: Any) -> list[CommentedMap]:
    if not isinstance(value, CommentedSeq):
        return []
    return [v for v in value if isinstance(v, CommentedMap)]


def _replace_year(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def _like(old: Any, text: str) -> Any:
    """``text`` in the style ``old`` was written in (quotes, folding)."""
    if type(old) is str or not isinstance(old, str):
        return text
    new = type(old)(text)
    fold = getattr(old, "fold_pos", None)
    if fold is not None and len(text) == len(old):
        new.fold_pos = list(fold)  # type: ignore[attr-defined]
    return new


def _stale(data: Any, year: str, path: str = "") -> list[str]:
    """Where a text still mentions the old year (left for a person to judge)."""
    found: list[str] = []
    if isinstance(data, CommentedMap):
        for key, value in data.items():
            if key in ("basis", "year"):
                continue
            found.extend(_stale(value, year, f"{path}.{key}" if path else str(key)))
    elif isinstance(data, CommentedSeq):
        for i, value in enumerate(data):
            found.extend(_stale(value, year, f"{path}[{i}]"))
    elif isinstance(data, str) and re.search(rf"(?<!\d){year}(?!\d)", data):
        found.append(path)
    return found
