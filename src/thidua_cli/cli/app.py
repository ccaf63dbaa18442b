"""The typer application, and typer's side of the declarations in ``options``."""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import __version__
from ..i18n import Lang
from .options import Param
from .shared import CONFIG, LANG, State, choice, choices, color_for, lang_of, parse_day

__all__ = ["ConfigOption", "LangOption", "State", "app", "choice", "choices", "color_for",
           "command", "info", "parameter", "parse_day", "set_lang"]

app = typer.Typer(
    name="thidua",
    help="Lint, diff, render and report the campaign plans of Vietnamese emulation blocs.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


# typer shows help through rich, which reads "[tool.thidua]" as a style tag
# and drops it; a backslash before such a bracket keeps it as written.
_TAG_LIKE = re.compile(r"\[(?=[A-Za-z#/@])")


def shown(help_text: str) -> str:
    """A help text as rich prints it word for word."""
    return _TAG_LIKE.sub(r"\\[", help_text)


def info(param: Param) -> Any:
    """``typer.Option(...)`` (or ``typer.Argument``) for a declaration."""
    common: dict[str, Any] = {"help": shown(param.help), "show_default": param.show_default,
                              "metavar": param.metavar, "parser": param.parse,
                              "callback": param.callback, "is_eager": param.eager}
    if param.min is not None:
        common["min"] = param.min
    return typer.Option(*param.flags, **common) if param.flags else typer.Argument(**common)


def parameter(param: Param) -> Any:
    """``Annotated[type, typer.Option(...)]``: what typer reads of a declaration."""
    return Annotated[param.annotation(), info(param)]


def command(name: str, params: Sequence[Param], run: Callable[..., None],
            doc: str) -> None:
    """Register ``run`` as command ``name`` whose parameters are ``params``.

    typer reads a command's parameters from its function's signature; this one
    is made from the declarations, so that they are the only place the
    options are written.
    """

    def invoke(**values: Any) -> None:
        run(**values)

    invoke.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter(
            p.name, inspect.Parameter.KEYWORD_ONLY, annotation=parameter(p),
            default=inspect.Parameter.empty if p.required else p.default)
        for p in params])
    invoke.__doc__ = shown(doc)
    invoke.__name__ = invoke.__qualname__ = name
    invoke.__module__ = run.__module__  # the command's module, where --help's order looks
    app.command(name)(invoke)


# The static types (for mypy) of LANG's and CONFIG's parameters.
LangOption = Annotated[str | None, info(LANG)]
ConfigOption = Annotated[Path | None, info(CONFIG)]


def set_lang(option: str | None) -> Lang:
    language = lang_of(option)
    if language is None:
        from ..text.control import visible

        # Escaped: the value is the user's (or THIDUA_LANG's), ESC and all.
        raise typer.BadParameter(f"'{visible(str(option))}' is not vi or en", param_hint="--lang")
    State.lang = language
    return language
