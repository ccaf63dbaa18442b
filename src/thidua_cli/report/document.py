"""A report laid out in one format (JSON, Markdown, DOCX, PDF) and written to a file.

Markdown and DOCX go through the render work's machinery: the same template
search (``--template-dir``, ``./templates``, the shipped ones), the same
sandboxed Jinja with the Nghị định 30 filters, the same atomic writer; only
the templates (``report.md.j2``, ``report.docx``) and the context differ.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .job import Format, Job
from .result import Report

if TYPE_CHECKING:
    from ..render.templates import TemplateSearch

MARKDOWN = "report.md.j2"
DOCX = "report.docx"
TITLE = "Báo cáo tổng kết công tác thi đua, khen thưởng năm {year}"


def json_text(reports: Sequence[Report], *, array: bool) -> str:
    from ..formats.report.json import write

    buffer = io.StringIO()
    write(reports, buffer, array=array)
    return buffer.getvalue()


def markdown_text(report: Report, search: TemplateSearch) -> str:
    from ..render.markdown import render_markdown
    from .context import build_report_context

    return render_markdown(build_report_context(report), search, name=MARKDOWN)


def docx_bytes(report: Report, search: TemplateSearch) -> bytes:
    from ..render.docx import render_docx
    from .context import build_report_context
    from .layout import fit_ranking_table, fits_every_column_loop

    context = build_report_context(report)

    def finish(document: Any) -> None:
        document.core_properties.title = TITLE.format(year=report.year)
        fit_ranking_table(document, len(report.criteria))

    return render_docx(context, search, name=DOCX, finish=finish,
                       fix_columns=lambda xml: not fits_every_column_loop(xml))


def render(report: Report, fmt: Format, search: TemplateSearch) -> bytes:
    """The report's bytes in ``fmt``."""
    if fmt == "json":
        return json_text([report], array=False).encode("utf-8")
    if fmt == "md":
        return markdown_text(report, search).encode("utf-8")
    data = docx_bytes(report, search)
    if fmt == "pdf":
        from ..render.pdf import docx_to_pdf

        data = docx_to_pdf(data)
    return data


def write_report(report: Report, fmt: Format, path: str, search: TemplateSearch) -> None:
    from ..atomic import write_atomic

    protect = [] if report.path == "-" else [Path(report.path)]
    write_atomic(Path(path), render(report, fmt, search), protect=protect)


def write_json_array(reports: Sequence[Report], path: str) -> None:
    from ..atomic import write_atomic

    write_atomic(Path(path), json_text(reports, array=True).encode("utf-8"))


def stdout_text(job: Job, search: TemplateSearch) -> str:
    """The reports a job prints: JSON (an array for several plans) or Markdown."""
    reports = [o.report for o in job.outcomes if o.report is not None]
    several = len(job.outcomes) > 1
    if not reports and not several:
        return ""
    if job.format == "json":
        return json_text(reports, array=several)
    return "".join(markdown_text(r, search) for r in reports)
