"""``--format github``: GitHub Actions workflow commands, one annotation a finding.

``::error file=plans/plan.yaml,line=9,col=9,title=TD101 unknown-member::text``
puts the finding on the line of the pull request's diff. Values are escaped
as the Actions toolkit does: ``%``, CR and LF in the message, and also ``:``
and ``,`` in the properties, which would otherwise end a property early.
The summary line follows as an ordinary log line.
"""

from __future__ import annotations

from typing import TextIO

from ...lint.engine import LintResult
from ...lint.finding import Finding
from ...text.control import visible
from . import ReportOptions
from .paths import relative
from .text import summary


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, root: str | None = None) -> str:
    f = finding
    properties = {
        # A file name gets the escaping its values get, as in the text format:
        # ESC or a bidi override in a name reached the log or terminal raw.
        "file": visible(relative(f.path, root)), "line": str(f.line), "col": str(f.column),
        "title": f"{f.code} {f.rule}",
    }
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = f"{f.message} ({f.hint})" if f.hint else f.message
    return f"::{f.severity} {props}::{escape_data(message)}"


def report(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    for finding in result.findings:
        stream.write(command(finding, options.root) + "\n")
    stream.write(summary(result, options.lang) + "\n")
