"""Output formats of ``thidua diff``: one registry feeds ``--format`` and the code."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ...diff.change import DiffResult
from .. import ReportOptions, deferred

DiffReporter = Callable[[DiffResult, TextIO, ReportOptions], None]


DIFF_REPORTERS: dict[str, DiffReporter] = {
    name: deferred(f".diff.{name}") for name in ("text", "md", "json")
}
