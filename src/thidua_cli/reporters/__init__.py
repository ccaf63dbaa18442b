"""Output formats for lint results: one registry feeds ``--format`` and the code.

A reporter gets the result and a text stream and writes; it never decides
the exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from ..i18n import Lang
from ..lint.engine import LintResult


@dataclass(frozen=True)
class ReportOptions:
    lang: Lang = "en"
    color: bool = False


Reporter = Callable[[LintResult, TextIO, ReportOptions], None]


def _text(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from .text import report

    report(result, stream, options)


def _json(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from .json import report

    report(result, stream, options)


REPORTERS: dict[str, Reporter] = {"text": _text, "json": _json}
