"""templates/plan.docx is exactly what scripts/build_docx_template.py builds."""

from __future__ import annotations

import importlib.util
import zipfile
from io import BytesIO
from types import ModuleType

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "build_docx_template.py"
TEMPLATE = ROOT / "templates" / "plan.docx"


def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_docx_template", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def members(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def test_checked_in_template_matches_a_fresh_build() -> None:
    # Compared part by part, uncompressed: zlib versions may compress differently.
    fresh = members(builder().build())
    checked_in = members(TEMPLATE.read_bytes())
    assert list(fresh) == list(checked_in)
    for name, data in fresh.items():
        assert data == checked_in[name], (
            f"{name} differs: run python scripts/build_docx_template.py")


def test_build_is_reproducible() -> None:
    build = builder().build
    first = build()
    assert build() == first
    dates = {info.date_time for info in zipfile.ZipFile(BytesIO(first)).infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}


def test_template_is_lean() -> None:
    names = set(members(TEMPLATE.read_bytes()))
    assert not any("thumbnail" in n or "customXml" in n or "stylesWithEffects" in n
                   for n in names)
