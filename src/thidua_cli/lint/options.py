"""What the engine is told (``LintOptions``) and what it gives back (``FileResult``).

Value types only, so that the configuration, the gate and the worker pool can
name them without importing the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..i18n import Lang
from ..source import DEFAULT_MAX_BYTES
from .finding import Finding, Severity

if TYPE_CHECKING:
    from ..config import Exclude
    from ..loader import Parsed
    from ..model import Plan
    from ..votes.thresholds import AwardRule

# TD001 (yaml-syntax): a file that cannot be read cannot be checked.
ALWAYS_ON = "TD001"


@dataclass(frozen=True)
class LintOptions:
    """How to lint. ``enabled`` None means every rule; TD001 is always on."""

    lang: Lang = "en"
    today: date = field(default_factory=date.today)
    max_bytes: int = DEFAULT_MAX_BYTES
    enabled: frozenset[str] | None = None
    severity: Mapping[str, Severity] = field(default_factory=dict)
    exclude: Exclude | None = None
    # The vote's rule for each award; None: the shipped ones (data/awards.toml).
    awards: tuple[AwardRule, ...] | None = None
    # The library's caller (``api``): hints name its functions (``fix_files()``),
    # not the command's options (``thidua lint --fix``; ``errors.LIBRARY_KEYS``).
    library: bool = False

    def is_on(self, code: str) -> bool:
        return code == ALWAYS_ON or self.enabled is None or code in self.enabled


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...]
    plan: Plan | None = None
    parsed: Parsed | None = None

    def __repr__(self) -> str:
        return (f"FileResult({self.path!r}, errors={self.count('error')}, "
                f"warnings={self.count('warning')})")

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def clean(self) -> bool:
        """A plan without errors: one that can be rendered and reported."""
        return self.plan is not None and not self.count("error")


@dataclass(frozen=True)
class LintResult:
    files: tuple[FileResult, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def __repr__(self) -> str:
        return (f"LintResult(files={len(self.files)}, errors={self.count('error')}, "
                f"warnings={self.count('warning')})")

    def to_json(self) -> str:
        """The text of ``thidua lint --format json``."""
        import io

        from ..formats.lint import ReportOptions
        from ..formats.lint.json import report

        buffer = io.StringIO()
        report(self, buffer, ReportOptions())
        return buffer.getvalue()
