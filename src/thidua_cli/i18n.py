"""Messages in Vietnamese and English.

The texts live in ``locale/<lang>.toml`` (data, not code); a message is looked
up by key and filled with ``str.format`` arguments. A key missing from one
catalog falls back to English, and a key missing from both shows itself, so a
gap is visible instead of crashing.
"""

from __future__ import annotations

import locale
import os
from functools import cache
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


@cache
def catalog(lang: Lang) -> dict[str, str]:
    """The flat key → text table of one language."""
    # Imported here: `thidua --version` and `--help` print no catalog message.
    import tomllib
    from importlib import resources

    text = resources.files("thidua_cli").joinpath(f"locale/{lang}.toml").read_text("utf-8")
    flat: dict[str, str] = {}
    _flatten(tomllib.loads(text), "", flat)
    return flat


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, name + ".", out)
        else:
            out[name] = str(value)


def has(key: str, lang: Lang = "en") -> bool:
    return key in catalog(lang) or key in catalog("en")


def t(key: str, lang: Lang, /, **args: Any) -> str:
    """The message ``key`` in ``lang``, filled with ``args``.

    Text arguments (file names, values, git's words) are shown with control,
    bidi and invisible characters as escapes: a file named with a newline or
    an ESC cannot forge a line or reach the terminal through a message.
    """
    from .text.control import visible

    text = catalog(lang).get(key) or catalog("en").get(key)
    if text is None:
        return key
    shown = {k: visible(v) if isinstance(v, str) else v for k, v in args.items()}
    try:
        return text.format(**shown)
    except (KeyError, IndexError, ValueError):
        return text


def resolve_lang(option: str | None = None) -> Lang:
    """``--lang``, else ``THIDUA_LANG``, else the locale (vi → Vietnamese), else English."""
    for candidate in (option, os.environ.get("THIDUA_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGS:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return "vi" if current.lower().startswith("vi") else "en"
