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
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


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
