"""Every message the renderer and the output writer can show exists in both languages."""

from __future__ import annotations

import re
import string

import pytest

from thidua_cli.i18n import catalog

from .conftest import ROOT

SOURCES = [*(ROOT / "src" / "thidua_cli" / "render").glob("*.py"),
           ROOT / "src" / "thidua_cli" / "atomic.py",
           ROOT / "src" / "thidua_cli" / "cli" / "render.py",
           ROOT / "src" / "thidua_cli" / "cli" / "renderspec.py",
           ROOT / "src" / "thidua_cli" / "cli" / "delivery.py",
           ROOT / "src" / "thidua_cli" / "sheets" / "writer.py"]
USED = sorted({key for path in SOURCES
               for key in re.findall(r'"((?:render|output)\.[a-z_]+)"', path.read_text("utf-8"))})


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_messages_are_found_in_the_sources() -> None:
    assert len(USED) > 15


@pytest.mark.parametrize("key", USED)
def test_message_in_both_languages_with_the_same_placeholders(key: str) -> None:
    english, vietnamese = catalog("en").get(key), catalog("vi").get(key)
    assert english and vietnamese, key
    assert fields(english) == fields(vietnamese)


def test_no_unused_render_message() -> None:
    defined = {key for key in catalog("en") if key.startswith(("render.", "output."))}
    assert defined == set(USED)
