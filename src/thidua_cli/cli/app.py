"""The typer application and what its commands share: ``--lang``, dates, colour."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from .. import __version__
from ..errors import UsageError
from ..i18n import Lang, resolve_lang

app = typer.Typer(
    name="thidua",
    help="Lint, diff, render and report the campaign plans of Vietnamese emulation blocs.",
    no_args_is_help=True,
    add_completion=False,
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


LangOption = Annotated[str | None, typer.Option(
    "--lang", help="Message language: vi or en (default: THIDUA_LANG, then the locale).",
    show_default=False)]


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
