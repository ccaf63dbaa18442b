"""Output formats of ``thidua diff``: one registry feeds ``--format`` and the code."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ...diff.change import DiffResult
from ..lint import ReportOptions

DiffReporter = Callable[[DiffResult, TextIO, ReportOptions], None]


def _text(result: DiffResult, stream: TextIO, options: ReportOptions) -> None:
    from .text import report

    report(result, stream, options)


def _md(result: DiffResult, stream: TextIO, options: ReportOptions) -> None:
    from .md import report

    report(result, stream, options)


def _json(result: DiffResult, stream: TextIO, options: ReportOptions) -> None:
    from .json import report

    report(result, stream, options)


DIFF_REPORTERS: dict[str, DiffReporter] = {"text": _text, "md": _md, "json": _json}
