"""Output formats of ``thidua diff``: one registry feeds ``--format`` and the code."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

from .. import ReportOptions, deferred

if TYPE_CHECKING:
    from ...diff.change import DiffResult

DiffReporter = Callable[["DiffResult", TextIO, ReportOptions], None]


class DiffFormat(StrEnum):
    """``thidua diff --format``: one module of this package each."""

    text = "text"
    md = "md"
    json = "json"


DIFF_REPORTERS: dict[str, DiffReporter] = {f: deferred(f".diff.{f}") for f in DiffFormat}
