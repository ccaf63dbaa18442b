"""Output formats for lint results: one registry feeds ``--format`` and the code.

A reporter gets the result and a text stream and writes; it never decides
the exit code. Each format is its own module, imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from ...i18n import Lang

if TYPE_CHECKING:
    from ...lint.engine import LintResult


@dataclass(frozen=True)
class ReportOptions:
    lang: Lang = "en"
    color: bool = False
    # The folder paths in CI reports are made relative to (default: the current one).
    root: str | None = None


Reporter = Callable[["LintResult", TextIO, ReportOptions], None]


def _text(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from .text import report

    report(result, stream, options)


def _json(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from .json import report

    report(result, stream, options)


def _github(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from .github import report

    report(result, stream, options)


def _sarif(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from .sarif import report

    report(result, stream, options)


def _gitlab(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from .gitlab import report

    report(result, stream, options)


REPORTERS: dict[str, Reporter] = {
    "text": _text, "json": _json, "github": _github, "sarif": _sarif, "gitlab": _gitlab,
}
