"""Parsed YAML → values that are equal exactly when they mean the same.

The loader already erases comments, quoting, flow versus block style and key
order. What is left to erase:

- **Date spellings.** The value of a ``date`` or ``due`` key that reads as a
  date becomes ISO text (``26/4/2022`` → ``2022-04-26``); a ``month`` value
  becomes ``2022-09``. Only these keys, the ones the format defines as dates:
  text elsewhere (a title that happens to read ``26/4/2022``) is printed as
  written in the document, so its spelling is a real change. A value that is
  not a date stays as it is, so a broken draft still diffs.
- **Empty values.** ``result:`` (null) and a missing ``result`` mean the same
  to the format, so keys whose value is null are dropped.
- **Unicode forms.** Text is compared in NFC: a decomposed ``ệ`` pasted from
  an old document is the same letter.
- **Non-finite numbers** become their YAML spelling (``.nan``, ``.inf``), so
  that ``.nan`` equals itself and JSON output stays valid.

Whole and decimal numbers that are equal (``18`` and ``18.0``) are equal;
``true`` and ``1`` are not (the comparison keeps bool apart from numbers).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from .. import dates

DATE_KEYS = frozenset({"date", "due"})
MONTH_KEYS = frozenset({"month"})


def normalize(data: Any) -> Any:
    """The comparable form of a whole document (an empty one is ``{}``)."""
    return normalize_document(data)[0]


def normalize_document(data: Any) -> tuple[Any, bool]:
    """The comparable form, and whether it holds a bool anywhere.

    Without bools, Python's ``==`` is exactly ``same`` and runs at C speed,
    which lets the comparison skip equal items without walking them.
    """
    walker = _Normalizer()
    value = {} if data is None else walker.value(data, None)
    return value, walker.bools


class _Normalizer:
    """One document's walk. Mappings, lists and text (all but a few of a plan's
    values) take a quick path; anything else the general one. A plan repeats
    its dates, so each spelling is read once."""

    def __init__(self) -> None:
        self.bools = False
        self._dates: dict[str, str] = {}

    def value(self, value: Any, key: str | None) -> Any:
        if isinstance(value, dict):
            return self.mapping(value)
        if isinstance(value, list):
            return self.sequence(value)
        if isinstance(value, str):
            return self.text(value, key)
        if isinstance(value, bool):
            self.bools = True
        elif isinstance(value, float) and not math.isfinite(value):
            return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
        return value

    def mapping(self, value: dict[str, Any]) -> dict[str, Any]:
        # Null values are dropped; a later key that is the same once in NFC
        # overwrites an earlier one in its place, as a dict display does.
        out: dict[str, Any] = {}
        for k, v in value.items():
            kind = type(v)
            if kind is str:
                v = self.text(v, k) if k in DATE_KEYS or k in MONTH_KEYS else _text(v)
            elif kind is dict:
                v = self.mapping(v)
            elif kind is list:
                v = self.sequence(v)
            elif v is None:
                continue
            else:
                v = self.value(v, k)
            out[_text(k)] = v
        return out

    def sequence(self, value: list[Any]) -> list[Any]:
        out: list[Any] = []
        for v in value:
            kind = type(v)
            if kind is str:
                out.append(_text(v))
            elif kind is dict:
                out.append(self.mapping(v))
            elif kind is list:
                out.append(self.sequence(v))
            else:
                out.append(self.value(v, None))
        return out

    def text(self, value: str, key: str | None) -> str:
        if key in DATE_KEYS:
            return self._date(value, "d")
        if key in MONTH_KEYS:
            return self._date(value, "m")
        return _text(value)

    def _date(self, value: str, kind: str) -> str:
        found = self._dates.get(kind + value)
        if found is None:
            if kind == "d":
                found = _as(dates.parse_date, value, lambda d: d.isoformat())
            else:
                found = _as(dates.parse_month, value, str)
            self._dates[kind + value] = found
        return found


def _as(parse: Any, value: str, show: Any) -> str:
    try:
        return str(show(parse(value)))
    except ValueError:
        return _text(value)


def _text(value: str) -> str:
    # ASCII (keys, ids, statuses) is NFC, and Python knows it without looking.
    return value if value.isascii() or unicodedata.is_normalized(
        "NFC", value) else unicodedata.normalize("NFC", value)


def same(a: Any, b: Any) -> bool:
    """Equal in meaning: like ``==`` but a bool never equals a number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    return bool(a == b)


def fingerprint(value: Any) -> Any:
    """A hashable stand-in for ``value``: equal fingerprints iff ``same``."""
    if isinstance(value, dict):
        return ("m", frozenset((k, fingerprint(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("l", tuple(fingerprint(v) for v in value))
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)
    return ("s", value) if isinstance(value, str) else ("o", repr(value))
