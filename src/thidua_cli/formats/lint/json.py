"""``--format json``: ``{"findings": [...], "summary": {...}}``, stable for scripts."""

from __future__ import annotations

import json
from typing import TextIO

from ...lint.engine import LintResult
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
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
