"""``thidua lint``: check plan files."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from ..reporters import REPORTERS
from . import LangOption, app, parse_day, set_lang


@app.command()
def lint(
    paths: Annotated[list[str], typer.Argument(
        help="Plan files or folders (searched for *.yaml and *.yml); - reads stdin.",
        show_default=False)],
    format: Annotated[str | None, typer.Option(
        "--format", "-f",
        help=f"Output format: {', '.join(REPORTERS)} (default: text; github under "
             "GitHub Actions).",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write the report to this file; the terminal still gets text.",
        show_default=False)] = None,
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
    from .output import deliver

    language = set_lang(lang)
    if format is not None and format not in REPORTERS:
        raise typer.BadParameter(f"'{format}' is not one of {', '.join(REPORTERS)}",
                                 param_hint="--format")
    options = LintOptions(lang=language, today=parse_day(today) or date.today(),
                          max_bytes=max_bytes)
    result = lint_paths(paths, options)
    deliver(result, format=format, output=output, lang=language)
    failed = result.count("error") or (strict and result.count("warning"))
    raise typer.Exit(1 if failed else 0)
