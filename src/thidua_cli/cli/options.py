"""A command's arguments and options, declared once, without typer.

typer's parameters are made from these declarations (``app.parameter``), and
so is the fast path's parser (``parse``), which reads a plain ``thidua lint``,
``render`` or ``diff`` command line without loading typer and click (a seventh
of a one-plan lint).
The parser understands a strict subset of what click accepts: options by their
declared names, ``--name=value``, a value in the next word, ``--``, ``-`` for
stdin or stdout (``-o -``), repeated options (the last one wins, or all of them for a list).
Whatever else it meets (``--help``, an unknown or misspelt option, a missing
value, a value click would refuse, ``-fjson``) makes it answer ``None``, and
the command line goes to typer, which accepts or refuses it exactly as it
always has: the fast path never has an opinion of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple


class Param(NamedTuple):
    """One argument (no ``flags``) or option of a command: what typer is told about it."""

    name: str
    #: The type of one value: ``bool`` (a flag), ``str``, ``int``, ``Path``, or an enum
    #: read by ``parse``.
    type: type
    help: str
    flags: tuple[str, ...] = ()
    default: Any = None
    #: A list of values: an argument taking several words, an option given several times.
    multiple: bool = False
    required: bool = False
    #: Turns the word into the value (typer's ``parser``); may raise a ``ThiduaError``.
    parse: Callable[[str], Any] | None = None
    metavar: str | None = None
    min: int | None = None
    show_default: bool = True
    #: Called with the value (given or default) before the command runs: eager ones first.
    callback: Callable[[Any], Any] | None = None
    eager: bool = False

    @property
    def is_flag(self) -> bool:
        return self.type is bool

    def annotation(self) -> Any:
        """The Python type of the command's parameter (typer derives click's from it)."""
        one: Any = self.type
        kind: Any = list[one] if self.multiple else one
        return kind if self.required or self.default is not None else kind | None


def parse(params: Sequence[Param], args: Sequence[str]) -> dict[str, Any] | None:
    """The values of ``params`` in ``args``, as typer would pass them, or ``None``.

    ``None`` means "not certain": the command line is typer's to judge.
    Callbacks are run, eager ones first, as click runs them.
    """
    options = {flag: p for p in params if p.flags for flag in p.flags}
    positional = [p for p in params if not p.flags]
    if len(positional) != 1:
        return None  # one argument (a word, or a list of words) is all this parser places
    words: list[str] = []
    given: dict[str, list[str]] = {}
    rest = iter(args)
    for word in rest:
        if word == "--":
            words.extend(rest)
            break
        if word == "-" or not word.startswith("-"):
            words.append(word)
            continue
        name, equals, attached = word.partition("=") if word.startswith("--") else (word, "", "")
        param = options.get(name)
        if param is None:
            return None  # --help, an unknown option, -fjson, -o=x
        if param.is_flag:
            if equals:
                return None
            given.setdefault(param.name, []).append("")
            continue
        value = attached if equals else next(rest, None)
        if value is None or (not equals and value.startswith("-") and value != "-"):
            return None  # missing, or a word click may read otherwise (`-o -` it takes as is)
        given.setdefault(param.name, []).append(value)
    argument = positional[0]
    if (argument.required and not words) or (not argument.multiple and len(words) > 1):
        return None  # missing, or an extra argument: click's message
    values: dict[str, Any] = {
        argument.name: words if argument.multiple else words[0] if words else argument.default}
    for param in params:
        if not param.flags:
            continue
        raw = given.get(param.name)
        if raw is None:
            values[param.name] = param.default
        elif param.is_flag:
            values[param.name] = True
        else:
            converted = [_convert(param, word) for word in raw]
            if any(v is _REFUSED for v in converted):
                return None
            values[param.name] = converted if param.multiple else converted[-1]
    for param in sorted(params, key=lambda p: not p.eager):
        if param.callback is not None:
            param.callback(values[param.name])
    return values


_REFUSED = object()


def _convert(param: Param, word: str) -> Any:
    """``word`` as ``param``'s value, or ``_REFUSED`` where typer might say otherwise."""
    if param.parse is not None:
        try:
            return param.parse(word)
        except Exception:  # typer's turn: it reports the error as the user knows it
            return _REFUSED
    if param.type is str:
        return word
    if param.type is Path:
        return Path(word)
    if param.type is int and word.isascii() and word.isdigit():
        try:
            number = int(word)
        except ValueError:  # more digits than Python converts: typer says so
            return _REFUSED
        return _REFUSED if param.min is not None and number < param.min else number
    return _REFUSED
