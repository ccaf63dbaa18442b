"""A report laid out in one format and written to a file."""

from __future__ import annotations

import io
from collections.abc import Sequence

from ..errors import UsageError
from ._atomic import write_atomic
from .job import Format, Job
from .result import Report


def json_text(reports: Sequence[Report], *, array: bool) -> str:
    from .json import write

    buffer = io.StringIO()
    write(reports, buffer, array=array)
    return buffer.getvalue()


def write_report(report: Report, fmt: Format, path: str, *,
                 template_dir: str | None = None) -> None:
    if fmt == "json":
        write_atomic(path, json_text([report], array=False).encode("utf-8"))
        return
    raise UsageError("report_cmd.format_unavailable", format=fmt)


def write_json_array(reports: Sequence[Report], path: str) -> None:
    write_atomic(path, json_text(reports, array=True).encode("utf-8"))


def stdout_text(job: Job) -> str:
    """The reports a job prints: JSON (an array for several plans) or Markdown."""
    reports = [o.report for o in job.outcomes if o.report is not None]
    several = len(job.outcomes) > 1
    if not reports and not several:
        return ""
    if job.format == "json":
        return json_text(reports, array=several)
    raise UsageError("report_cmd.format_unavailable", format=job.format)
