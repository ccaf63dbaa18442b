"""The typer application and what its commands share: ``--lang``, dates, colour."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from .. import __version__
from ..errors import UsageError
from ..i18n import Lang, resolve_lang

app = typer.Typer(
    name="thidua",
    help="Lint, diff, render and report the campaign plans of Vietnamese emulation blocs.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """What the error boundary needs to know about the running command."""

    lang: Lang | None = None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"thidua {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """thidua: plans of emulation blocs (khối thi đua), checked and rendered."""


def _early_lang(value: str | None) -> str | None:
    # An eager option is read before the others, so that a wrong --format is
    # already told in the language asked for; set_lang checks it afterwards.
    if value is not None and value.lower() in ("vi", "en"):
        State.lang = resolve_lang(value)
    return value


LangOption = Annotated[str | None, typer.Option(
    "--lang", help="Message language: vi or en (default: THIDUA_LANG, then the locale).",
    show_default=False, callback=_early_lang, is_eager=True)]

ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="The configuration file (default: .thidua.toml or pyproject.toml "
    "[tool.thidua], looked for from the current folder upward).", show_default=False)]

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


def set_lang(option: str | None) -> Lang:
    if option is not None and option.lower() not in ("vi", "en"):
        raise typer.BadParameter(f"'{option}' is not vi or en", param_hint="--lang")
    State.lang = resolve_lang(option)
    return State.lang


def parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    from ..dates import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise UsageError("usage.bad_date", value=value) from None


def color_for(format: str) -> bool:
    """Colour only for text on a terminal, and never with ``NO_COLOR``."""
    import os

    if format != "text" or "NO_COLOR" in os.environ:
        return False
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))
