"""``thidua diff``: what changed between two versions of a plan."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from ..formats.diff import DiffFormat
from ..source import DEFAULT_MAX_BYTES
from .app import ConfigOption, LangOption, app, choice, choices, color_for, set_lang


@app.command()
def diff(
    args: Annotated[list[str], typer.Argument(
        help="OLD NEW (files or REV:path), or PATH (against HEAD), or git's seven "
             "external-diff arguments.", metavar="OLD NEW | PATH", show_default=False)],
    format: Annotated[DiffFormat, typer.Option(
        "--format", "-f", parser=choice(DiffFormat), metavar="FORMAT",
        help=f"Output format: {choices(DiffFormat)}.")] = DiffFormat.text,
    ignore_order: Annotated[bool, typer.Option(
        "--ignore-order",
        help="Do not report moved items; compare lists without ids as bags.")] = False,
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when there are differences.")] = False,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1,
        help="Refuse plan files and git blobs larger than this.")] = DEFAULT_MAX_BYTES,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Show what changed between two versions of a plan, item by item."""
    from .. import api
    from ..diff.revision import sides
    from ..formats.diff import DIFF_REPORTERS
    from ..formats.lint import ReportOptions
    from ..i18n import t

    language = set_lang(lang)
    reporter = DIFF_REPORTERS[format]
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
    raise typer.Exit(1 if exit_code and result.differs else 0)
