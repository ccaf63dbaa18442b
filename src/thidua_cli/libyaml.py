"""PyYAML's binding of libyaml, imported without compiling what it never uses.

``yaml._yaml`` (libyaml's parser, which ``composer.py`` reads plans with)
needs PyYAML's package and its error classes, so importing it runs PyYAML's
pure-Python reader, resolver and constructor, which compile about twenty
regular expressions at import. libyaml's composer uses none of them; one, the
reader's class of printable characters, spans most of Unicode and its compile
alone was a fourteenth of the instructions of a one-plan lint (all of them:
7%). Here they are made ``Deferred``: compiled on first use, then used as the
compiled expression, so PyYAML's pure-Python loaders behave as before
(``tests/test_composer.py`` runs them, and fails when PyYAML stops compiling
them at import).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_COMPILE: Callable[..., re.Pattern[str]] = re.compile


class Deferred:
    """A regular expression compiled when first used, then that expression."""

    __slots__ = ("_args", "_pattern")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._pattern: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = _COMPILE(*self._args)
        return getattr(pattern, name)

    def __repr__(self) -> str:
        return f"Deferred{self._args!r}"


@contextmanager
def deferred_in(package: str) -> Iterator[None]:
    """``re.compile`` called from ``package``'s modules makes a ``Deferred``
    inside the block; called from anywhere else (another thread), a pattern."""
    def compile_(pattern: Any, flags: int = 0) -> Any:
        if sys._getframe(1).f_globals.get("__name__", "").startswith(package):
            return Deferred(pattern, flags)
        return _COMPILE(pattern, flags)

    setattr(re, "compile", compile_)  # noqa: B010 - mypy: re.compile is overloaded
    try:
        yield
    finally:
        setattr(re, "compile", _COMPILE)  # noqa: B010


if "yaml" in sys.modules:  # imported already (thidua used as a library): as it is
    from yaml._yaml import CParser  # type: ignore[import-untyped]
else:
    with deferred_in("yaml."):
        from yaml._yaml import CParser
from yaml.nodes import ScalarNode, SequenceNode  # type: ignore[import-untyped] # noqa: E402

__all__ = ["CParser", "Deferred", "ScalarNode", "SequenceNode", "deferred_in"]
