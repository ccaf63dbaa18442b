"""``thidua render``: the plan, or another document of its year, as DOCX, PDF or Markdown."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from . import ConfigOption, LangOption, app, parse_day, set_lang


@app.command()
def render(
    plan: Annotated[str | None, typer.Argument(
        help="The plan file; - reads standard input (then -o is needed).",
        show_default=False)] = None,
    doc: Annotated[str, typer.Option(
        "--doc", "-d", help="The kind of document (thidua render --list): ke-hoach (the plan), "
        "tong-ket, giao-uoc, so-ket, don-doc, phieu-bau, bien-ban, to-trinh.")] = "ke-hoach",
    format: Annotated[str | None, typer.Option(
        "--format", "-f", help="docx (default), md or pdf; else taken from -o's suffix.",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Output file (default: the plan's name with the kind's and the "
        "format's suffix); - writes Markdown to standard output.", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="so-ket, don-doc, tong-ket: the day the document is written at "
        "(so-ket: 30 June; others: today).", show_default=False)] = None,
    per_member: Annotated[bool, typer.Option(
        "--per-member", help="don-doc: one letter per member, each in its own file.")] = False,
    list_kinds: Annotated[bool, typer.Option(
        "--list", help="List the kinds of document and exit.")] = False,
    template_dir: Annotated[str | None, typer.Option(
        "--template-dir", help="Folder whose templates override ./templates and the "
        "shipped ones, file by file.", show_default=False)] = None,
    today: Annotated[str | None, typer.Option(
        "--today", help="The date deadlines are checked against (default: the "
        "configuration's today, else the system date).", show_default=False)] = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Render a plan as a Nghị định 30 document (DOCX, PDF) or as Markdown."""
    from .. import i18n

    language = set_lang(lang)
    if list_kinds:
        from ..documents.listing import kinds_table

        sys.stdout.write(kinds_table(language))
        return
    if plan is None:
        raise typer.BadParameter(i18n.t("render.plan_missing", language), param_hint="PLAN")
    from ..gate import lint_options
    from ..lint.engine import LintResult
    from ..render import RenderOptions, render_file
    from ..reporters import REPORTERS, ReportOptions

    day = parse_day(as_of)
    # Deadlines are judged at --today, else at the day the document is written at.
    lint = lint_options(lang=language, today=parse_day(today) or day, config=config)
    result = render_file(plan, RenderOptions(format=format, output=output,
                                             template_dir=template_dir, lang=language,
                                             doc=doc, as_of=day, per_member=per_member,
                                             lint=lint))
    if result.lint.findings:
        # Diagnostics go to stderr: stdout carries the paths written, or the Markdown.
        color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
        REPORTERS["text"](LintResult((result.lint,)), sys.stderr,
                          ReportOptions(lang=language, color=color))
    if not result.rendered:
        sys.stderr.write(i18n.t("render.not_rendered", language, path=plan) + "\n")
        raise typer.Exit(1)
    if result.text is not None:
        sys.stdout.write(result.text)
    else:
        from ..text.control import visible

        sys.stdout.write("".join(f"{visible(path)}\n" for path in result.outputs))
