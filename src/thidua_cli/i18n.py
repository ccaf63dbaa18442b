"""Messages in Vietnamese and English.

The texts live in ``locale/<lang>.toml`` (data, not code); a message is looked
up by key and filled with ``str.format`` arguments. A key missing from one
catalog falls back to English, and a key missing from both shows itself, so a
gap is visible instead of crashing.

Commands read the catalogs from ``catalogs.py``, the same tables as Python
data, generated from the TOML by ``python -m thidua_cli.docs`` (a test fails
when it is stale): a module loaded from its cached bytecode costs a fraction of
a millisecond, parsing the two TOML files about 12 ms of every run.
"""

from __future__ import annotations

import locale
import os
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def catalog(lang: Lang) -> dict[str, str]:
    """The flat key → text table of one language."""
    # Imported here: `thidua --version` and `--help` print no catalog message.
    from .catalogs import CATALOGS

    return CATALOGS[lang]


def read_catalog(lang: Lang) -> dict[str, str]:
    """The flat key → text table of one language, read from its TOML file."""
    import tomllib
    from importlib import resources

    text = resources.files("thidua_cli").joinpath(f"locale/{lang}.toml").read_text("utf-8")
    flat: dict[str, str] = {}
    _flatten(tomllib.loads(text), "", flat)
    return flat


def catalogs_module() -> str:
    """The text of ``catalogs.py``: both TOML catalogs as Python data."""
    lines = ['"""The message catalogs as Python data, generated from locale/vi.toml and',
             'locale/en.toml by `python -m thidua_cli.docs`; do not edit (edit the TOML)."""',
             "# ruff: noqa: E501", "", "CATALOGS: dict[str, dict[str, str]] = {"]
    for lang in LANGS:
        lines.append(f"    {lang!r}: {{")
        lines += [f"        {key!r}: {text!r}," for key, text in read_catalog(lang).items()]
        lines.append("    },")
    return "\n".join([*lines, "}", ""])


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
    shown = {k: visible(v) if isinstance(v, str) else _number(v) for k, v in args.items()}
    try:
        return text.format(**shown)
    except (KeyError, IndexError, ValueError):
        return text


def _number(value: Any) -> Any:
    """An integer too long to print (past 4,300 digits Python refuses, and the
    message was shown with its ``{value}`` unfilled) as ``3.498e+7223``."""
    if isinstance(value, int) and value.bit_length() > 1024:
        from decimal import Decimal

        return f"{Decimal(value):.3e}"
    return value


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
