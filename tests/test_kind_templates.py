"""templates/<kind>.docx are exactly what scripts/build_kind_templates.py builds, and
every kind of the registry has its templates and its context builder."""

from __future__ import annotations

import importlib.util
import string
import sys
import unicodedata
import zipfile
from io import BytesIO
from types import ModuleType

import pytest

from thidua_cli.documents.registry import kinds
from thidua_cli.i18n import catalog

from .conftest import ROOT

SCRIPTS = ROOT / "scripts"


def builder() -> ModuleType:
    sys.path.insert(0, str(SCRIPTS))  # it imports the plan's builder, its sibling
    try:
        spec = importlib.util.spec_from_file_location("build_kind_templates",
                                                      SCRIPTS / "build_kind_templates.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


def members(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def test_checked_in_templates_match_a_fresh_build() -> None:
    fresh = builder().build_all()
    assert sorted(fresh) == sorted(f"{k.slug}.docx" for k in kinds()
                                   if k.template == k.slug)
    for name, data in fresh.items():
        built, checked_in = members(data), members((ROOT / "templates" / name).read_bytes())
        assert list(built) == list(checked_in), name
        for part, content in built.items():
            assert content == checked_in[part], (
                f"{name}: {part} differs: run python scripts/build_kind_templates.py")


def test_build_is_reproducible() -> None:
    build = builder().build_all
    first = build()
    assert build() == first


@pytest.mark.parametrize("kind", kinds(), ids=lambda k: k.slug)
def test_every_kind_has_its_templates_and_builder(kind: object) -> None:
    from thidua_cli.documents.registry import Kind

    assert isinstance(kind, Kind)
    for name in (kind.docx, kind.markdown):
        assert (ROOT / "templates" / name).is_file(), name
    assert callable(kind.builder())
    assert kind.layout in ("typed", "letter")
    assert (kind.type_name == "") == (kind.layout == "letter")  # a letter has no type name


SECTIONS = ("documents.", "vote.", "render.", "config.award")


def keys(lang: str) -> set[str]:
    return {k for k in catalog(lang) if k.startswith(SECTIONS)}  # type: ignore[arg-type]


def test_messages_in_both_languages() -> None:
    assert keys("vi") == keys("en")


@pytest.mark.parametrize("key", sorted(keys("en")))
def test_same_placeholders_and_nfc(key: str) -> None:
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    en, vi = catalog("en")[key], catalog("vi")[key]
    assert fields(en) == fields(vi)
    assert unicodedata.is_normalized("NFC", vi)


@pytest.mark.parametrize(("kind", "plan_symbol", "symbol"), [
    ("bien-ban", "KH-LMHTXVN", "BB-LMHTXVN"),
    ("to-trinh", "KH-LMHTXVN", "TTr-LMHTXVN"),
    ("don-doc", "KH-LMHTXVN", "LMHTXVN"),     # a letter: the issuer's alone
    ("bien-ban", "KH", "BB"),                 # a draft whose head has no short name
    ("bien-ban", "LMHTXVN", "BB-LMHTXVN"),    # a symbol without its type
])
def test_kind_symbol_from_the_plans(kind: str, plan_symbol: str, symbol: str) -> None:
    from thidua_cli.documents.common import kind_symbol
    from thidua_cli.documents.registry import get

    assert kind_symbol(get(kind), plan_symbol) == symbol
