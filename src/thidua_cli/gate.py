"""The lint gate: how every command that lints a plan first gets its options.

``thidua lint`` reports the findings; ``render``, ``report``, ``new`` and
``diff`` lint first and count errors. They all call ``lint_options``, so the
bloc's configuration (``.thidua.toml``, ``[tool.thidua]``, or ``--config``)
turns rules off, changes severities and sets ``today`` the same way for each:
a plan that ``thidua lint`` passes is never refused by ``thidua render``.

The configuration module reads the file; this module turns it into the
engine's ``LintOptions``. Keeping them apart keeps ``config`` free of the
engine it configures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .config import Config, find, load, settings
from .i18n import Lang
from .lint.options import LintOptions
from .source import DEFAULT_MAX_BYTES


def lint_options(*, lang: Lang, today: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 select: Sequence[str] | None = None, ignore: Sequence[str] = (),
                 config: Path | None = None, cwd: Path | None = None) -> LintOptions:
    """The ``LintOptions`` for a command line: its options over the configuration file.

    ``config`` names the file; otherwise it is looked for from ``cwd`` upward.
    ``--today`` wins over the file's ``today``, which wins over the system date.
    """
    path = config if config is not None else find(cwd or Path.cwd())
    combined = settings(load(path) if path is not None else Config(), select, ignore)
    awards = None
    if combined.awards:
        # A bloc's own vote rules over the shipped ones, each citing its source.
        from .config import shown_path
        from .votes.thresholds import merged

        assert path is not None  # awards come from a file
        awards = merged(combined.awards, shown_path(path))
    return LintOptions(lang=lang, today=today or combined.today or date.today(),
                       max_bytes=max_bytes, enabled=combined.enabled,
                       severity=combined.severity, exclude=combined.exclude, awards=awards)


def configuration(config: Path | None = None, cwd: Path | None = None) -> Config:
    """The configuration file ``config``, else the one found from ``cwd`` upward, read."""
    path = config if config is not None else find(cwd or Path.cwd())
    return load(path) if path is not None else Config()
