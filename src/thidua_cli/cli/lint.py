"""``thidua lint``: check plan files."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from . import LangOption, app, color_for, parse_day, set_lang


@app.command()
def lint(
    paths: Annotated[list[str], typer.Argument(
        help="Plan files or folders (searched for *.yaml and *.yml); - reads stdin.",
        show_default=False)],
    format: Annotated[str, typer.Option(
        "--format", "-f", help="Output format: text or json.")] = "text",
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 on warnings too.")] = False,
    today: Annotated[str | None, typer.Option(
        "--today", help="The date to check deadlines against (default: today).",
        show_default=False)] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", help="Refuse plan files larger than this.", min=1)] = 20 * 1024 * 1024,
    lang: LangOption = None,
) -> None:
    """Check plan files against the format and the bloc's rules."""
    from ..lint.engine import LintOptions, lint_paths
    from ..reporters import REPORTERS, ReportOptions

    language = set_lang(lang)
    reporter = REPORTERS.get(format)
    if reporter is None:
        raise typer.BadParameter(f"'{format}' is not one of {', '.join(REPORTERS)}",
                                 param_hint="--format")
    options = LintOptions(lang=language, today=parse_day(today) or date.today(),
                          max_bytes=max_bytes)
    result = lint_paths(paths, options)
    reporter(result, sys.stdout, ReportOptions(lang=language, color=color_for(format)))
    failed = result.count("error") or (strict and result.count("warning"))
    raise typer.Exit(1 if failed else 0)
