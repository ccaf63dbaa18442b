"""Output formats of ``thidua lint``: one registry feeds ``--format`` and the code.

Each format is its own module, imported only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

from .. import ReportOptions, deferred

__all__ = ["REPORTERS", "LintFormat", "ReportOptions", "Reporter"]

if TYPE_CHECKING:
    from ...lint.engine import LintResult


Reporter = Callable[["LintResult", TextIO, ReportOptions], None]


class LintFormat(StrEnum):
    """``thidua lint --format``: one module of this package each."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    gitlab = "gitlab"


REPORTERS: dict[str, Reporter] = {f: deferred(f".lint.{f}") for f in LintFormat}
