"""What the commands share and the fast path needs too: none of it loads typer.

The running command's language (for the error boundary), the options every
command has (``--lang``, ``--config``, declared once for typer and the fast
path), and the readers of dates, formats and colour.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from ..errors import UsageError
from ..i18n import Lang, resolve_lang
from .options import Param


class State:
    """What the error boundary needs to know about the running command."""

    lang: Lang | None = None


def lang_of(option: str | None) -> Lang | None:
    """The language ``--lang`` asks for (the default one without it); ``None``: not vi or en."""
    if option is not None and option.lower() not in ("vi", "en"):
        return None
    return resolve_lang(option)


def _early_lang(value: str | None) -> str | None:
    # An eager option is read before the others, so that a wrong --format is
    # already told in the language asked for; set_lang checks it afterwards.
    if value is not None and value.lower() in ("vi", "en"):
        State.lang = resolve_lang(value)
    return value


LANG = Param(
    "lang", str, "Message language: vi or en (default: THIDUA_LANG, then the locale).",
    flags=("--lang",), show_default=False, callback=_early_lang, eager=True)

CONFIG = Param(
    "config", Path, "The configuration file (default: .thidua.toml or pyproject.toml "
    "[tool.thidua], looked for from the current folder upward).", flags=("--config",),
    show_default=False)

E = TypeVar("E", bound=StrEnum)


def choice(enum: type[E], key: str = "usage.bad_choice") -> Callable[[str], E]:
    """The parser of ``--format``, whose values are ``enum``'s (a format registry's).

    A wrong value is a ``UsageError`` with the message ``key``, in the user's
    language, rather than click's English one.
    """

    def parse(value: str) -> E:
        if isinstance(value, enum):
            return value
        try:
            return enum(value.lower())
        except ValueError:
            raise UsageError(key, option="--format", value=value,
                             choices=", ".join(enum)) from None

    return parse


def choices(enum: type[StrEnum]) -> str:
    """``text, json, github``: the values, for an option's help."""
    return ", ".join(enum)


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    from ..dates import EARLIEST_YEAR, LATEST_YEAR, in_range, parse_date

    try:
        day = parse_date(value)
    except ValueError:
        raise UsageError("usage.bad_date", value=value) from None
    # `--as-of 0001-01-01` wrote "ngày 01 tháng 01 năm 1" into a sơ kết of 2022.
    if not in_range(day):
        raise UsageError("usage.day_out_of_range", value=value, first=EARLIEST_YEAR,
                         last=LATEST_YEAR)
    return day


def check_max_bytes(value: int) -> int:
    """``--max-bytes`` up to ``source.MOST_BYTES``: a plan is read into memory,
    and ``--max-bytes 10**30 /dev/zero`` read until memory ran out."""
    from ..source import MOST_BYTES

    if value > MOST_BYTES:
        raise UsageError("usage.max_bytes_too_large", value=value, limit=MOST_BYTES)
    return value


def color_for(format: str) -> bool:
    """Colour only for text on a terminal, and never with ``NO_COLOR``."""
    import os

    if format != "text" or "NO_COLOR" in os.environ:
        return False
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))
