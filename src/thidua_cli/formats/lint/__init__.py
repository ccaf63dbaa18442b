"""Output formats of ``thidua lint``: one registry feeds ``--format`` and the code.

Each format is its own module, imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from .. import ReportOptions, deferred

__all__ = ["REPORTERS", "ReportOptions", "Reporter"]

if TYPE_CHECKING:
    from ...lint.engine import LintResult


Reporter = Callable[["LintResult", TextIO, ReportOptions], None]


REPORTERS: dict[str, Reporter] = {
    name: deferred(f".lint.{name}") for name in ("text", "json", "github", "sarif", "gitlab")
}
