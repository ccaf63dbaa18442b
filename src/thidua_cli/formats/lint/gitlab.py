"""``--format gitlab``: a GitLab Code Quality report (a subset of Code Climate's).

GitLab shows these in merge requests when a job declares the file under
``artifacts: reports: codequality:``. It tells new findings from old ones by
``fingerprint``, so the fingerprint hashes the path, the code and the message
but not the line: a finding keeps its fingerprint when lines above it move.
Identical findings in one file get an occurrence number so that none is
merged into another. The message is in the chosen language, so keep
``--lang`` (or ``THIDUA_LANG``) fixed in CI.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, TextIO

from ...lint.engine import LintResult
from ...text.control import dump_json
from . import ReportOptions
from .paths import relative

SEVERITY = {"error": "major", "warning": "minor"}


def fingerprint(path: str, code: str, message: str, occurrence: int = 0) -> str:
    key = "\0".join((path, code, message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def issues(result: LintResult, root: str | None = None) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for f in result.findings:
        path = relative(f.path, root)
        message = f"{f.message} ({f.hint})" if f.hint else f.message
        seen[path, f.code, message] += 1
        out.append({
            # GitLab shows the description only, so it names the rule too.
            "description": f"{f.code} {f.rule}: {message}",
            "check_name": f.code,
            "fingerprint": fingerprint(path, f.code, message, seen[path, f.code, message] - 1),
            "severity": SEVERITY[f.severity],
            "location": {"path": path, "lines": {"begin": f.line}},
        })
    return out


def report(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    dump_json(issues(result, options.root), stream)
    stream.write("\n")
