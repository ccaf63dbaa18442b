"""A score or a maximum has two decimals at most, as written: the plan model's
quick tests (``is_integer``, ``round``) answer as the count of the decimals written
(``points.decimals``) does, on every float."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from thidua_cli import points
from thidua_cli.model import _two_decimals


def accepted(value: float) -> bool:
    try:
        assert _two_decimals(value) is value
    except PydanticCustomError:
        return False
    return True


@pytest.mark.parametrize(("value", "ok"), [
    (28.5, True), (9.75, True), (0.01, True), (0.1 + 0.2, False), (1e-05, False),
    (0.005, False), (-2.25, True), (1e16, True), (1e22, True), (123456.79, True),
    (123456.789, False), (-0.0, True), (math.inf, True), (math.nan, True), (2.675, False),
    (999999.99, True), (0.125, False), (14.0, True), (-7.0, True), (1e300, True),
])
def test_two_decimals_as_written(value: float, ok: bool) -> None:
    assert accepted(value) is ok
    assert ok is (points.decimals(value) <= points.DECIMALS)


_DECIMALS = st.decimals(min_value=Decimal(-2_000_000), max_value=Decimal(2_000_000),
                        places=4, allow_nan=False).map(float)


@given(st.one_of(st.floats(), _DECIMALS, st.integers(-10**6, 10**6).map(lambda n: n / 100)))
def test_the_quick_test_is_the_count_of_decimals(value: float) -> None:
    assert accepted(value) is (points.decimals(value) <= points.DECIMALS)
