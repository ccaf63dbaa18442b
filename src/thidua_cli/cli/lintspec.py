"""``thidua lint``'s argument and options, declared once, and what the command does.

typer's ``thidua lint`` (``lint.py``) and the fast path (``fast.py``) are both
made from ``PARAMS`` and both end in ``run``: neither has options of its own.
Nothing here imports typer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.lint import LintFormat
from .options import Param
from .shared import CONFIG, LANG, check_max_bytes, choice, choices, parse_day

if TYPE_CHECKING:
    from ..fix import FixOutcome
    from ..i18n import Lang

DOC = "Check plan files against the format and the bloc's rules."

PARAMS = (
    Param("paths", str, "Plan files or folders (searched for *.yaml and *.yml); - reads stdin.",
          multiple=True, required=True, metavar="PLAN", show_default=False),
    Param("format", LintFormat, f"Output format: {choices(LintFormat)} (default: text; github "
          "under GitHub Actions).", flags=("--format", "-f"), parse=choice(LintFormat),
          metavar="FORMAT", show_default=False),
    Param("output", str, "Write the report to this file; the terminal still gets text "
          "(-: the report to standard output instead).",
          flags=("--output", "-o"), show_default=False),
    Param("strict", bool, "Exit 1 on warnings too.", flags=("--strict",), default=False),
    Param("today", str, "The date to check deadlines against (default: today).",
          flags=("--today",), show_default=False),
    Param("max_bytes", int, "Refuse plan files larger than this (at most 268435456: 256 MiB).",
          flags=("--max-bytes",),
          default=20 * 1024 * 1024, min=1),
    Param("select", str, "Only these rules (codes, names or code prefixes, comma-separated); "
          "replaces the configuration's select.", flags=("--select",), multiple=True,
          show_default=False),
    Param("ignore", str, "Not these rules (comma-separated); added to the configuration's.",
          flags=("--ignore",), multiple=True, show_default=False),
    CONFIG,
    Param("fix", bool, "Correct what is safe in place (NFC, known misspellings).",
          flags=("--fix",), default=False),
    Param("diff", bool, "With --fix: print what would change as a diff, write nothing.",
          flags=("--diff",), default=False),
    Param("jobs", int, "Processes to lint in (default: one per CPU when there are more than 50 "
          "files, else 1).", flags=("--jobs", "-j"), min=1, show_default=False),
    LANG,
)


def run(*, paths: list[str], format: LintFormat | None, output: str | None, strict: bool,
        today: str | None, max_bytes: int, select: list[str] | None,
        ignore: list[str] | None, config: Path | None, fix: bool, diff: bool,
        jobs: int | None, language: Lang) -> int:
    """Lint (or fix) as the options say, write the report; the exit code."""
    from .. import api
    from ..config import split_items
    from .delivery import console_format, deliver

    day, chosen, ignored = parse_day(today), split_items(select), split_items(ignore) or ()
    check_max_bytes(max_bytes)
    if fix or diff:
        outcome = api.fix_files(paths, write=not diff, config=config, today=day, lang=language,
                                select=chosen, ignore=ignored, max_bytes=max_bytes,
                                report=None if diff or output in (None, "-") else output)
        _tell_fixes(outcome, diff, language)
        if diff:  # the diff is the output; exit 1 when there is something to fix
            return 1 if outcome.fixed else 0
        result = outcome.result
    else:
        # The report needs the findings only: each plan is freed once linted.
        result = api.lint(paths, config=config, today=day, lang=language, select=chosen,
                          ignore=ignored, max_bytes=max_bytes, jobs=jobs, plans=False)
    docs_url = None
    if "sarif" in (format, console_format()):
        from ..gate import configuration

        docs_url = configuration(config).docs_url
    deliver(result, format=format, output=output, lang=language, docs_url=docs_url)
    failed = result.count("error") or (strict and result.count("warning"))
    return 1 if failed else 0


def _tell_fixes(outcome: FixOutcome, diff: bool, lang: Lang) -> None:
    """Diffs on stdout (with --diff); what was fixed, or refused, on stderr."""
    from ..i18n import t

    for change in outcome.changes:
        if change.refused:
            sys.stderr.write(f"thidua: {t('fix.refused', lang, path=change.path)}\n")
        elif diff:
            sys.stdout.write(change.diff())
    files = sum(1 for c in outcome.changes if not c.refused)
    key = "fix.nothing" if not outcome.fixed else "fix.would_fix" if diff else "fix.fixed"
    sys.stderr.write(f"thidua: {t(key, lang, count=outcome.fixed, files=files)}\n")
