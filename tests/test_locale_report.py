"""The messages of ``thidua report`` and ``thidua new`` exist in both languages."""

from __future__ import annotations

import string
import unicodedata

import pytest

from thidua_cli.i18n import catalog

SECTIONS = ("report_cmd.", "new.")


def keys(lang: str) -> set[str]:
    return {k for k in catalog(lang) if k.startswith(SECTIONS)}  # type: ignore[arg-type]


def test_same_keys_in_both_languages() -> None:
    assert keys("vi") == keys("en")
    assert keys("en")


@pytest.mark.parametrize("key", sorted(keys("en")))
def test_same_placeholders_and_nfc(key: str) -> None:
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    en, vi = catalog("en")[key], catalog("vi")[key]
    assert fields(en) == fields(vi)
    assert unicodedata.is_normalized("NFC", vi)
