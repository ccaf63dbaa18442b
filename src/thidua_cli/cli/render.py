"""``thidua render``: the plan, or another document of its year, as DOCX, PDF or Markdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..render import Format
from .app import ConfigOption, LangOption, app, choice, choices, parse_day, set_lang


@app.command()
def render(
    plan: Annotated[str | None, typer.Argument(
        help="The plan file; - reads standard input (then -o is needed).",
        show_default=False)] = None,
    doc: Annotated[str, typer.Option(
        "--doc", "-d", help="The kind of document (thidua render --list): ke-hoach (the plan), "
        "tong-ket, giao-uoc, so-ket, don-doc, phieu-bau, bien-ban, to-trinh.")] = "ke-hoach",
    format: Annotated[Format | None, typer.Option(
        "--format", "-f", parser=choice(Format, "render.unknown_format"), metavar="FORMAT",
        help=f"{choices(Format)} (default: from -o's suffix, else docx).",
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
    from .. import api, i18n

    language = set_lang(lang)
    if list_kinds:
        from ..documents.listing import kinds_table

        sys.stdout.write(kinds_table(language))
        return
    if plan is None:
        raise typer.BadParameter(i18n.t("render.plan_missing", language), param_hint="PLAN")
    from ..errors import PlanHasErrors
    from ..formats.lint import REPORTERS, ReportOptions
    from ..lint.engine import FileResult, LintResult

    def show(findings: FileResult) -> None:
        # Diagnostics go to stderr: stdout carries the paths written, or the Markdown.
        color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
        REPORTERS["text"](LintResult((findings,)), sys.stderr,
                          ReportOptions(lang=language, color=color))

    day, checked = parse_day(as_of), parse_day(today)
    try:
        if per_member:
            done: tuple[Path, ...] | Path | str = api.render_each(
                Path(plan), output=output, doc=doc, format=format, templates=template_dir,
                as_of=day, today=checked, config=config, lang=language, findings=show)
        else:
            done = api.render(Path(plan), output=output, doc=doc, format=format,
                              templates=template_dir, as_of=day, today=checked, config=config,
                              lang=language, findings=show)
    except PlanHasErrors:
        sys.stderr.write(i18n.t("render.not_rendered", language, path=plan) + "\n")
        raise typer.Exit(1) from None
    if isinstance(done, str):
        sys.stdout.write(done)
    else:
        from ..text.control import visible

        paths = done if isinstance(done, tuple) else (done,)
        sys.stdout.write("".join(f"{visible(str(path))}\n" for path in paths))
