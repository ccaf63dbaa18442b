"""Findings as LSP diagnostics: the same codes, severities and messages as ``thidua lint``.

A finding knows where its key or value starts and (mostly) where it ends. A
value that runs over several lines (a mapping, a list, a folded text) is
underlined on its first line only, as a compiler underlines the first line
of a statement; a finding with no end (a YAML syntax error, an ignore
comment) underlines the word it starts at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from lsprotocol import types

from ..lint.finding import Finding
from .positions import Lines

SOURCE = "thidua"
_COMMENT = re.compile(r"\s+#.*$")
_WORD = re.compile(r"\S+")


def span(finding: Finding, lines: Lines) -> tuple[tuple[int, int], tuple[int, int]]:
    """The 0-based start and end (line, code-point column) a finding underlines."""
    line, column = finding.line - 1, finding.column - 1
    text = lines.line(line)
    if finding.end_line is not None and finding.end_column is not None:
        end_line, end_column = finding.end_line - 1, finding.end_column - 1
        if end_line == line and end_column > column:
            return (line, column), (line, end_column)
        if end_line > line:  # first line only, without a trailing comment
            last = len(_COMMENT.sub("", text).rstrip())
            if last > column:
                return (line, column), (line, last)
    word = _WORD.match(text, column)
    return (line, column), (line, word.end() if word else column)


def diagnostic(finding: Finding, lines: Lines, rules_url: str | None) -> types.Diagnostic:
    start, end = span(finding, lines)
    message = finding.message + (f" ({finding.hint})" if finding.hint else "")
    href = f"{rules_url}#{anchor(finding.code)}" if rules_url else None
    return types.Diagnostic(
        range=lines.range(start, end),
        message=message,
        severity=(types.DiagnosticSeverity.Error if finding.severity == "error"
                  else types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data={"rule": finding.rule},
    )


# A finding's diagnostic, by the finding and the text of its line: what the
# diagnostic is made of. A lint after an edit repeats most findings of the one
# before (a 2,000-task plan can have a thousand), and making their
# diagnostics again cost more than the lint of the edited task.
Memo = dict[tuple[Finding, str, str, str | None], types.Diagnostic]


def diagnostics(findings: Iterable[Finding], lines: Lines, rules_url: str | None,
                memo: Memo) -> list[types.Diagnostic]:
    """The diagnostics of ``findings``; ``memo`` keeps those of this call only."""
    made: Memo = {}
    out = []
    for finding in findings:
        key = (finding, lines.line(finding.line - 1), lines.encoding, rules_url)
        found = made.get(key) or memo.get(key) or diagnostic(finding, lines, rules_url)
        made[key] = found
        out.append(found)
    memo.clear()
    memo.update(made)
    return out


@cache
def anchor(code: str) -> str:
    """The heading id of a rule's section in ``docs/rules.md``."""
    from ..docs import anchor as heading
    from ..lint.catalog import document
    from ..lint.rules import BY_CODE

    rule = BY_CODE.get(code)
    return heading(document(rule)) if rule is not None else code.lower()
