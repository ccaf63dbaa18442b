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
from typing import TYPE_CHECKING

from ..formats.report import TEXT_FORMATS, ReportFormat
from .result import Report

if TYPE_CHECKING:
    from ..render.templates import TemplateSearch

Format = ReportFormat
FORMATS: tuple[Format, ...] = tuple(ReportFormat)
__all__ = ["FORMATS", "TEXT_FORMATS", "Format"]

#: The report's kind in the registry of documents (``data/documents.toml``).
KIND = "tong-ket"


class _Buffer(io.StringIO):
    """A text buffer that says which encoding its text is bound for."""

    def __init__(self, encoding: str | None) -> None:
        super().__init__()
        self._bound_for = encoding

    @property
    def encoding(self) -> str | None:  # type: ignore[override]
        return self._bound_for


def json_text(reports: Sequence[Report], *, array: bool, encoding: str | None = None) -> str:
    """The reports as JSON; for a stream in ``encoding`` that is not UTF-8 (a
    Latin-1 terminal), ASCII with JSON's escapes (``dump_json``)."""
    from ..formats.report.json import write

    buffer = _Buffer(encoding)
    write(reports, buffer, array=array)
    return buffer.getvalue()


def markdown_text(report: Report, search: TemplateSearch) -> str:
    from ..documents import render
    from ..documents.registry import get
    from .context import build_report_context

    return render.markdown(get(KIND), build_report_context(report), search)


def docx_bytes(report: Report, search: TemplateSearch) -> bytes:
    from ..documents import render
    from ..documents.registry import get
    from .context import build_report_context

    return render.docx(get(KIND), build_report_context(report), search)


def render(report: Report, fmt: Format, search: TemplateSearch) -> bytes:
    """The report's bytes in ``fmt``."""
    from ..atomic import text_bytes

    if fmt == "json":
        return text_bytes(json_text([report], array=False))
    if fmt == "md":
        return text_bytes(markdown_text(report, search))
    data = docx_bytes(report, search)
    if fmt == "pdf":
        from ..render.pdf import docx_to_pdf

        data = docx_to_pdf(data)
    return data


def write_report(report: Report, fmt: Format, path: str, search: TemplateSearch) -> None:
    from ..atomic import write_atomic

    protect = [] if report.path == "-" else [Path(report.path)]
    write_atomic(path, render(report, fmt, search), protect=protect)


def write_json_array(reports: Sequence[Report], path: str) -> None:
    from ..atomic import text_bytes, write_atomic

    write_atomic(path, text_bytes(json_text(reports, array=True)))


def stdout_text(reports: Sequence[Report], fmt: Format, *, several: bool,
                search: TemplateSearch) -> str:
    """The reports a job prints: JSON (an array for several plans) or Markdown."""
    if not reports and not several:
        return ""
    if fmt == "json":
        from ..formats.report.json import stdout_encoding

        return json_text(reports, array=several, encoding=stdout_encoding())
    return "".join(markdown_text(r, search) for r in reports)
