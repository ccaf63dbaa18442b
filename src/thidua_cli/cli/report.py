"""``thidua report``: the year-end report (báo cáo tổng kết) of one or more plans."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..formats.report import ReportFormat
from .app import ConfigOption, LangOption, app, choice, choices, parse_day, set_lang

# A progress bar is worth its start-up cost only for a batch.
MANY = 5


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(
        help="Plan files or folders (searched for *.yaml and *.yml); - reads stdin.",
        metavar="PLAN...", show_default=False)],
    format: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", parser=choice(ReportFormat), metavar="FORMAT",
        help=f"{choices(ReportFormat)} (default: from -o's suffix, else docx).",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Output file, or a folder for several plans; - for stdout.",
        show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="The day overdue tasks are counted at (default: today).",
        show_default=False)] = None,
    template_dir: Annotated[str | None, typer.Option(
        "--template-dir", help="A folder of templates overriding the shipped ones.",
        show_default=False)] = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Write the year-end report of each plan (lint errors block it)."""
    from .. import api
    from ..formats.report.summary import print_findings, print_written
    from ..i18n import t
    from .progress import Bar

    language = set_lang(lang)
    # The bloc's configuration (.thidua.toml, pyproject.toml) applies as in `thidua lint`;
    # --as-of is the linter's "today" too, so TD204 and the report agree on what is overdue.
    bar = Bar(MANY, t("report_cmd.progress", language))
    try:
        job = api.write_report(paths, format=format, output=output, as_of=parse_day(as_of),
                               templates=template_dir, config=config, lang=language,
                               progress=bar)
    finally:
        bar.stop()
    print_findings(job, sys.stderr, language)
    if job.text is not None:
        sys.stdout.write(job.text)
    else:
        print_written(job, sys.stdout)
    raise typer.Exit(1 if job.blocked else 0)
