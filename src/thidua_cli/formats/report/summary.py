"""What ``thidua report`` tells the user besides the reports: findings and paths.

Findings are printed exactly as ``thidua lint`` prints them, so editors and CI
problem matchers read both alike; they go to stderr, since stdout may carry
the report itself.
"""

from __future__ import annotations

from typing import TextIO

from ... import i18n
from ...report.job import Job
from ...text.control import visible
from ..lint.text import line


def print_findings(job: Job, stream: TextIO, lang: i18n.Lang) -> None:
    for outcome in job.outcomes:
        for finding in outcome.lint.findings:
            stream.write(line(finding) + "\n")
        if outcome.blocked:
            errors = sum(1 for f in outcome.lint.findings if f.severity == "error")
            stream.write(i18n.t("report_cmd.blocked", lang, path=outcome.lint.path,
                                errors=errors) + "\n")


def print_written(job: Job, stream: TextIO) -> None:
    """One written path a line (scripts read them)."""
    if job.array_file is not None:
        if any(not o.blocked for o in job.outcomes):
            stream.write(visible(job.array_file) + "\n")
        return
    for outcome in job.outcomes:
        if outcome.written is not None:
            stream.write(visible(outcome.written) + "\n")
