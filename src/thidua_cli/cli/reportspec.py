"""``thidua report``'s arguments and options, declared once, and what the command does.

typer's ``thidua report`` (``report.py``) and the fast path (``fast.py``) are
both made from ``PARAMS`` and both end in ``run``. Nothing here imports typer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.report import ReportFormat
from .options import Param
from .shared import CONFIG, LANG, choice, choices, parse_day

if TYPE_CHECKING:
    from ..i18n import Lang

DOC = "Write the year-end report of each plan (lint errors block it)."

# A progress bar is worth its start-up cost only for a batch.
MANY = 5

PARAMS = (
    Param("paths", str, "Plan files or folders (searched for *.yaml and *.yml); - reads stdin.",
          multiple=True, required=True, metavar="PLAN", show_default=False),
    Param("format", ReportFormat, f"{choices(ReportFormat)} (default: from -o's suffix, else "
          "docx).", flags=("--format", "-f"), parse=choice(ReportFormat), metavar="FORMAT",
          show_default=False),
    Param("output", str, "Output file, or a folder for several plans; - for stdout.",
          flags=("--output", "-o"), show_default=False),
    Param("as_of", str, "The day overdue tasks are counted at (default: today).",
          flags=("--as-of",), show_default=False),
    Param("template_dir", str, "A folder of templates overriding the shipped ones.",
          flags=("--template-dir",), show_default=False),
    CONFIG,
    LANG,
)


def run(*, paths: list[str], format: ReportFormat | None, output: str | None,
        as_of: str | None, template_dir: str | None, config: Path | None,
        language: Lang) -> int:
    """Write each plan's report as the options say, tell what was written; the exit code."""
    from .. import api
    from ..formats.report.summary import print_findings, print_written
    from ..i18n import t
    from .progress import Bar

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
    return 1 if job.blocked else 0
