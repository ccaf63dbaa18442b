"""``thidua diff``'s arguments and options, declared once, and what the command does.

typer's ``thidua diff`` (``diff.py``) and the fast path (``fast.py``) are both
made from ``PARAMS`` and both end in ``run``. Nothing here imports typer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.diff import DiffFormat
from ..source import DEFAULT_MAX_BYTES
from .options import Param
from .shared import CONFIG, LANG, check_max_bytes, choice, choices, color_for

if TYPE_CHECKING:
    from ..i18n import Lang

DOC = "Show what changed between two versions of a plan, item by item."

PARAMS = (
    Param("args", str, "OLD NEW (files or REV:path), or PATH (against HEAD), or git's seven "
          "external-diff arguments.", multiple=True, required=True, metavar="OLD NEW | PATH",
          show_default=False),
    Param("format", DiffFormat, f"Output format: {choices(DiffFormat)}.",
          flags=("--format", "-f"), default=DiffFormat.text, parse=choice(DiffFormat),
          metavar="FORMAT"),
    Param("ignore_order", bool, "Do not report moved items; compare lists without ids as bags.",
          flags=("--ignore-order",), default=False),
    Param("exit_code", bool, "Exit 1 when there are differences.", flags=("--exit-code",),
          default=False),
    Param("max_bytes", int, "Refuse plan files and git blobs larger than this "
          "(at most 268435456: 256 MiB).",
          flags=("--max-bytes",), default=DEFAULT_MAX_BYTES, min=1),
    CONFIG,
    LANG,
)


def run(*, args: list[str], format: DiffFormat, ignore_order: bool, exit_code: bool,
        max_bytes: int, config: Path | None, language: Lang) -> int:
    """Compare the two sides, warn of invalid ones, write the report; the exit code."""
    from .. import api
    from ..diff.revision import sides
    from ..formats.diff import DIFF_REPORTERS
    from ..formats.lint import ReportOptions
    from ..i18n import t

    reporter = DIFF_REPORTERS[format]
    check_max_bytes(max_bytes)
    # Errors are counted as `thidua lint` counts them, with the bloc's configuration.
    result = api.diff(*sides(args), ignore_order=ignore_order, config=config, lang=language,
                      max_bytes=max_bytes)
    for side in (result.old, result.new):
        if side.errors:
            warning = t("diff.invalid_plan", language, path=side.label, errors=side.errors)
            sys.stderr.write(f"thidua: {t('diff.warning', language)}: {warning}\n")
    # Under git's pager (external diff driver) stdout is a pipe that shows colour.
    color = color_for(format) or (format == "text" and "NO_COLOR" not in os.environ
                                  and bool(os.environ.get("GIT_PAGER_IN_USE")))
    reporter(result, sys.stdout, ReportOptions(lang=language, color=color))
    return 1 if exit_code and result.differs else 0
