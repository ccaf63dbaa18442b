"""The diff's normalization equals its plain definition, on every plan and on random data.

``normalize.py`` walks a document with quick paths for mappings, lists and
text and reads each date spelling once. ``reference`` below is the definition
it replaced, one recursive function: the two must give equal values (and the
same types: a bool stays a bool, 18 an int) and agree on whether a bool is
anywhere, on every YAML file of the tests and the repository and on
documents Hypothesis makes up.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_cli import dates
from thidua_cli.diff.normalize import DATE_KEYS, MONTH_KEYS, normalize_document
from thidua_cli.loader import YamlSyntaxError, parse

from .conftest import ROOT


def reference(data: Any) -> tuple[Any, bool]:
    bools: list[bool] = []
    value = {} if data is None else _value(data, None, bools)
    return value, bool(bools)


def _value(value: Any, key: str | None, bools: list[bool]) -> Any:
    if isinstance(value, dict):
        return {_text(k): _value(v, k, bools) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_value(v, None, bools) for v in value]
    if isinstance(value, str):
        if key in DATE_KEYS:
            return _as(dates.parse_date, value, lambda d: d.isoformat())
        if key in MONTH_KEYS:
            return _as(dates.parse_month, value, str)
        return _text(value)
    if isinstance(value, bool):
        bools.append(True)
    elif isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return value


def _as(parse_: Any, value: str, show: Any) -> str:
    try:
        return str(show(parse_(value)))
    except ValueError:
        return _text(value)


def _text(value: str) -> str:
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize(
        "NFC", value)


def typed(value: Any) -> Any:
    """``value`` with the type of every scalar beside it: ``==`` takes 1 for True."""
    if isinstance(value, dict):
        return {k: typed(v) for k, v in value.items()}, list(value)
    if isinstance(value, list):
        return [typed(v) for v in value]
    return type(value).__name__, value


def assert_same(data: Any) -> None:
    new, new_bools = normalize_document(data)
    old, old_bools = reference(data)
    assert typed(new) == typed(old)
    assert new_bools == old_bools


FILES = sorted(p for p in [*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("tests/**/*.yaml")]
               if ".venv" not in p.parts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_normalizes_as_the_definition_says(path: Path) -> None:
    try:
        parsed = parse(path.read_text("utf-8", errors="replace"))
    except YamlSyntaxError:
        return
    assert_same(parsed.data)


KEYS = st.sampled_from(["date", "due", "month", "title", "id", "Tiê\u0302u", "Tiêu", "x"])
DATEISH = st.sampled_from(["2022-04-26", "26/4/2022", "26/04/2022", "2022-02-30", "9/2022",
                           "2022-09", "13/2022", " 2022-04-26 ", "hôm nay"])
SCALARS = (st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=True)
           | DATEISH | st.text(st.sampled_from("ae\u0301\u0302ệ đ"), max_size=4))
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(KEYS, inner, max_size=5), max_leaves=30)


@given(DOCUMENTS)
def test_random_documents_normalize_as_the_definition_says(data: Any) -> None:
    assert_same(data)
