"""``thidua render``'s argument and options, declared once, and what the command does.

typer's ``thidua render`` (``render.py``) and the fast path (``fast.py``) are
both made from ``PARAMS`` and both end in ``run``. Nothing here imports typer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..render import Format
from .options import Param
from .shared import CONFIG, LANG, choice, choices, parse_day

if TYPE_CHECKING:
    from ..i18n import Lang

DOC = "Render a plan as a Nghị định 30 document (DOCX, PDF) or as Markdown."

PARAMS = (
    Param("plan", str, "The plan file; - reads standard input (then -o is needed).",
          show_default=False),
    Param("doc", str, "The kind of document (thidua render --list): ke-hoach (the plan), "
          "tong-ket, giao-uoc, so-ket, don-doc, phieu-bau, bien-ban, to-trinh.",
          flags=("--doc", "-d"), default="ke-hoach"),
    Param("format", Format, f"{choices(Format)} (default: from -o's suffix, else docx).",
          flags=("--format", "-f"), parse=choice(Format, "render.unknown_format"),
          metavar="FORMAT", show_default=False),
    Param("output", str, "Output file (default: the plan's name with the kind's and the "
          "format's suffix); - writes Markdown to standard output.", flags=("--output", "-o"),
          show_default=False),
    Param("as_of", str, "so-ket, don-doc, tong-ket: the day the document is written at "
          "(so-ket: 30 June; others: today).", flags=("--as-of",), show_default=False),
    Param("per_member", bool, "don-doc: one letter per member, each in its own file.",
          flags=("--per-member",), default=False),
    Param("list_kinds", bool, "List the kinds of document and exit.", flags=("--list",),
          default=False),
    Param("template_dir", str, "Folder whose templates override ./templates and the shipped "
          "ones, file by file.", flags=("--template-dir",), show_default=False),
    Param("today", str, "The date deadlines are checked against (default: the "
          "configuration's today, else the system date).", flags=("--today",),
          show_default=False),
    CONFIG,
    LANG,
)


def typer_only(values: dict[str, Any]) -> bool:
    """No plan and no ``--list``: typer tells what is missing (click's usage error)."""
    return values["plan"] is None and not values["list_kinds"]


def run(*, plan: str | None, doc: str, format: Format | None, output: str | None,
        as_of: str | None, per_member: bool, list_kinds: bool, template_dir: str | None,
        today: str | None, config: Path | None, language: Lang) -> int:
    """List the kinds, or render as the options say and print what was written; the exit code."""
    from .. import api, i18n

    if list_kinds:
        from ..documents.listing import kinds_table

        sys.stdout.write(kinds_table(language))
        return 0
    assert plan is not None  # typer_only's
    from ..errors import PlanHasErrors
    from ..formats.lint import REPORTERS, ReportOptions
    from ..lint.engine import FileResult, LintResult

    def show(findings: FileResult) -> None:
        # Diagnostics go to stderr: stdout carries the paths written, or the Markdown.
        color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
        REPORTERS["text"](LintResult((findings,)), sys.stderr,
                          ReportOptions(lang=language, color=color))

    day, checked = parse_day(as_of), parse_day(today)
    # A path, never the plan's text; but '' stays '', which the library refuses
    # as it refuses it for `thidua lint` (Path('') would be the current folder).
    source = Path(plan) if plan else plan
    try:
        if per_member:
            done: tuple[Path, ...] | Path | str = api.render_each(
                source, output=output, doc=doc, format=format, templates=template_dir,
                as_of=day, today=checked, config=config, lang=language, findings=show)
        else:
            done = api.render(source, output=output, doc=doc, format=format,
                              templates=template_dir, as_of=day, today=checked, config=config,
                              lang=language, findings=show)
    except PlanHasErrors:
        sys.stderr.write(i18n.t("render.not_rendered", language, path=plan) + "\n")
        return 1
    if isinstance(done, str):
        sys.stdout.write(done)
    else:
        from ..atomic import is_standard_output
        from ..text.control import visible

        paths = done if isinstance(done, tuple) else (done,)
        sys.stdout.write("".join(f"{visible(str(path))}\n" for path in paths
                                 if not is_standard_output(path)))
    return 0
