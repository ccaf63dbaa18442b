"""The year-end report's output: its formats, its JSON, and what the command says besides."""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    """``thidua report --format``."""

    docx = "docx"
    md = "md"
    json = "json"
    pdf = "pdf"


# Formats that can go to standard output; the others are files.
TEXT_FORMATS = (ReportFormat.md, ReportFormat.json)
