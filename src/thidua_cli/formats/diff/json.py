"""``thidua diff --format json``, stable for scripts.

``{"old": label, "new": label, "changes": [{"op", "path", "old", "new"}...],
"summary": {"added": n, "removed": n, "changed": n, "moved": n, "renamed": n}}``;
values are plain JSON with dates as ISO text.
"""

from __future__ import annotations

from typing import TextIO

from ...diff.change import DiffResult
from ...text.control import dump_json
from .. import ReportOptions


def report(result: DiffResult, stream: TextIO, options: ReportOptions) -> None:
    document = {
        "old": result.old.label,
        "new": result.new.label,
        "changes": [c.as_dict() for c in result.changes],
        "summary": result.summary(),
    }
    dump_json(document, stream)
    stream.write("\n")
