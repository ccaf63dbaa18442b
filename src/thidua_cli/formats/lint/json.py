"""``--format json``: ``{"findings": [...], "summary": {...}}``, stable for scripts."""

from __future__ import annotations

from typing import TextIO

from ...lint.engine import LintResult
from ...text.control import dump_json
from . import ReportOptions


def report(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    document = {
        "findings": [f.as_dict() for f in result.findings],
        "summary": {
            "files": len(result.files),
            "errors": result.count("error"),
            "warnings": result.count("warning"),
        },
    }
    dump_json(document, stream)
    stream.write("\n")
