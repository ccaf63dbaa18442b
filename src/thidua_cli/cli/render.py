"""``thidua render``: the plan as the official document or as Markdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..render import Format
from .app import LangOption, app, choice, choices, set_lang


@app.command()
def render(
    plan: Annotated[str, typer.Argument(
        help="The plan file; - reads standard input (then -o is needed).",
        show_default=False)],
    format: Annotated[Format | None, typer.Option(
        "--format", "-f", parser=choice(Format, "render.unknown_format"), metavar="FORMAT",
        help=f"{choices(Format)} (default: from -o's suffix, else docx).",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Output file (default: the plan's name with the format's "
        "suffix); - writes Markdown to standard output.", show_default=False)] = None,
    template_dir: Annotated[str | None, typer.Option(
        "--template-dir", help="Folder whose templates override ./templates and the "
        "shipped ones, file by file.", show_default=False)] = None,
    lang: LangOption = None,
) -> None:
    """Render a plan as a Nghị định 30 document (DOCX, PDF) or as Markdown."""
    from .. import api, i18n
    from ..errors import PlanHasErrors
    from ..formats.lint import REPORTERS, ReportOptions
    from ..lint.engine import FileResult, LintResult

    language = set_lang(lang)

    def show(findings: FileResult) -> None:
        # Diagnostics go to stderr: stdout carries the path written, or the Markdown.
        color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
        REPORTERS["text"](LintResult((findings,)), sys.stderr,
                          ReportOptions(lang=language, color=color))

    try:
        done = api.render(Path(plan), format=format, output=output, templates=template_dir,
                          lang=language, findings=show)
    except PlanHasErrors:
        sys.stderr.write(i18n.t("render.not_rendered", language, path=plan) + "\n")
        raise typer.Exit(1) from None
    if isinstance(done, str):
        sys.stdout.write(done)
    else:
        from ..text.control import visible

        sys.stdout.write(f"{visible(str(done))}\n")
