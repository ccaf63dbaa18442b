"""Code actions: the fixes of ``--fix``, "did you mean" replacements, and ignore comments.

Every edit is the smallest change of text that does the job, computed from
the same functions as the command line (``fix.apply`` proves its result by
parsing it again). An ignore comment is offered only where adding it leaves
the plan's data as it was: a ``#`` at the end of a line that a text value
continues past would cut that value short.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from lsprotocol import types

from .. import i18n
from ..i18n import Lang
from ..lint.finding import Finding
from .diagnostics import diagnostic, span
from .session import Document

FIX_ALL = types.CodeActionKind.SourceFixAll.value + ".thidua"
_LINE_IGNORE = re.compile(r"#\s*thidua:\s*ignore(?![\w-])\s*\[([^\]]*)\]")
_FILE_IGNORE = re.compile(r"#\s*thidua:\s*ignore-file\s*\[([^\]]*)\]")


def actions(doc: Document, wanted: types.Range, lang: Lang, rules_url: str | None,
            only: Sequence[str] | None = None) -> list[types.CodeAction]:
    if doc.result is None:
        return []
    out: list[types.CodeAction] = []
    first, last = doc.lines.column(wanted.start), doc.lines.column(wanted.end)
    quick = not only or any(k.startswith("quickfix") or k == "" for k in only)
    if quick:
        for finding in doc.result.findings:
            start, end = span(finding, doc.lines)
            if end < first or start > last:
                continue
            out.extend(_for(doc, finding, lang, rules_url))
    if not only or any(FIX_ALL.startswith(k) for k in only):
        every = _fix_all(doc, lang)
        if every is not None:
            out.append(every)
    return out


def _for(doc: Document, finding: Finding, lang: Lang,
         rules_url: str | None) -> list[types.CodeAction]:
    diag = diagnostic(finding, doc.lines, rules_url)
    out = []
    if finding.fix is not None:
        from ..fix import apply

        fixed = apply(doc.text, [finding.fix])
        if fixed is not None and fixed != doc.text:
            out.append(_action(i18n.t("lsp.action_fix", lang, message=finding.message),
                               doc, [edit(doc, fixed)], diag, preferred=True))
    if finding.suggestion and finding.end_line == finding.line:
        start, end = span(finding, doc.lines)
        change = types.TextEdit(doc.lines.range(start, end), finding.suggestion)
        out.append(_action(i18n.t("lsp.action_replace", lang, suggestion=finding.suggestion),
                           doc, [change], diag, preferred=finding.fix is None))
    if finding.code != "TD001":
        for scope in ("line", "file"):
            text = _ignored(doc, finding, scope)
            if text is not None:
                out.append(_action(i18n.t(f"lsp.action_ignore_{scope}", lang,
                                          code=finding.code), doc, [edit(doc, text)], diag))
    return out


def _fix_all(doc: Document, lang: Lang) -> types.CodeAction | None:
    assert doc.result is not None
    fixes = [f.fix for f in doc.result.findings if f.fix is not None]
    if not fixes or any(f.code == "TD001" for f in doc.result.findings):
        return None
    from ..fix import apply

    fixed = apply(doc.text, fixes)
    if fixed is None or fixed == doc.text:
        return None
    return types.CodeAction(i18n.t("lsp.action_fix_all", lang), kind=FIX_ALL,
                            edit=types.WorkspaceEdit(changes={doc.uri: [edit(doc, fixed)]}))


def _action(title: str, doc: Document, edits: list[types.TextEdit], diag: types.Diagnostic,
            preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                            is_preferred=preferred or None,
                            edit=types.WorkspaceEdit(changes={doc.uri: edits}))


def edit(doc: Document, new: str) -> types.TextEdit:
    """The one edit that turns the document's text into ``new``: what lies between
    their common start and their common end."""
    old = doc.text
    head = 0
    most = min(len(old), len(new))
    while head < most and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < most - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return types.TextEdit(doc.lines.range(_at(doc, head), _at(doc, len(old) - tail)),
                          new[head:len(new) - tail])


def _at(doc: Document, offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(doc.lines.starts, offset) - 1
    return line, offset - doc.lines.starts[line]


def _ignored(doc: Document, finding: Finding, scope: str) -> str | None:
    """The text with an ignore comment for ``finding``, or None if that would change data."""
    lines = list(doc.lines.lines)
    number = finding.line - 1 if scope == "line" else 0
    if not 0 <= number < len(lines):
        return None
    pattern = _LINE_IGNORE if scope == "line" else _FILE_IGNORE
    if scope == "file":  # an ignore-file comment among the leading comment lines, if any
        for i, line in enumerate(lines):
            if line.strip() and not line.lstrip().startswith("#"):
                break
            if pattern.search(line):
                number = i
                break
    line = lines[number]
    found = pattern.search(line)
    if found is not None:
        items = [i.strip() for i in found.group(1).split(",") if i.strip()]
        if finding.code in items:
            return None
        inside = ", ".join([*items, finding.code])
        lines[number] = line[:found.start(1)] + inside + line[found.end(1):]
    elif scope == "line":
        lines[number] = line.rstrip() + f"  # thidua: ignore[{finding.code}]"
    else:
        lines.insert(0, f"# thidua: ignore-file[{finding.code}]")
    text = _joined(doc, lines)
    return text if _same_data(doc.text, text) else None


def _joined(doc: Document, lines: list[str]) -> str:
    """``lines`` joined with the document's own line break."""
    m = re.search("\r\n|\r|\n", doc.text)
    return (m.group() if m else "\n").join(lines)


def _same_data(before: str, after: str) -> bool:
    from ..loader import YamlSyntaxError, parse

    try:
        a, b = parse(before), parse(after)
    except YamlSyntaxError:
        return False
    return a.data == b.data and len(a.problems) == len(b.problems)
