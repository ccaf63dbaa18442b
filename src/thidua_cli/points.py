"""Points: a criterion's maximum and a member's score, bounded and summed exactly.

A score sheet's numbers are decimals written by people (``28.5``, ``9.75``):
at most two decimals and at most 1,000,000, as every scoring form of an
emulation bloc is. The schema holds them to that (``model.Points``): a
``max_points: 1e308`` is refused where it is written, not overflowed into
``inf`` in a total three commands later. Totals are exact ``Decimal`` sums of
the numbers as written (``total``), so ``0.1 + 0.2`` is ``0.3`` and equal
totals tie as a person would count them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

#: The largest number of points a criterion may be worth or a score may be
#: (in size: a negative score is the rules' business, TD302).
LIMIT = 1_000_000
DECIMALS = 2


def decimals(value: float | int) -> int:
    """How many decimals ``value`` has as written (``28.5``: 1, ``1e-05``: 5)."""
    exponent = exact(value).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def exact(value: float | int) -> Decimal:
    """The decimal a person wrote: ``28.5`` is 28.5, not its binary neighbour."""
    if isinstance(value, float):
        # Zero is not kept: -0.0 equals 0.0 as a key, but is written "-0.0".
        return _written(value) if value else Decimal(repr(value))
    return Decimal(value)


def _read_back(value: float) -> Decimal:
    return Decimal(repr(value))


# A plan's scores are a few values repeated (10, 9.5, 8): every member's
# totals and several rules convert each of them.
_written = lru_cache(maxsize=1 << 12)(_read_back)


def total(values: Iterable[float | int]) -> Decimal:
    """The exact sum of ``values``."""
    return sum((exact(v) for v in values), Decimal(0))


def number(value: float | int | None) -> str:
    """Vietnamese number form: ``1.000``, ``2,5``, ``20`` (no trailing ``,0``)."""
    if value is None:
        return ""
    if float(value).is_integer():
        whole, frac = f"{int(value):,}", ""
    else:
        text = f"{value:,.2f}".rstrip("0")
        whole, frac = text.split(".")
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole
