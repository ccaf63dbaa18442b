"""Inline ignore comments: ``# thidua: ignore[TD201]`` and ``ignore-file``.

YAML comments are not in the parsed data, so the raw lines are read: a
comment starts at a ``#`` at the start of a line or after white space that is
not inside a scalar (the scalars' extents come from the YAML composer, so a
``#`` inside a quoted or block text is never taken for a comment). Rules only
report; the engine applies these comments afterwards and reports the ones
that silenced nothing (TD900).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .finding import Finding
from .rules import UNUSED_IGNORE, YAML_SYNTAX
from .selection import resolve

_DIRECTIVE = re.compile(r"#\s*thidua:\s*(ignore-file|ignore)(?![\w-])\s*(?:\[([^\]]*)\])?")


@dataclass(frozen=True)
class Directive:
    line: int
    column: int  # of the ``#`` that starts the directive
    file_level: bool
    items: tuple[str, ...]
    placed: bool  # ignore-file within the leading comment lines (always True for ignore)
    own_line: bool  # the comment is alone on its line


@dataclass(frozen=True)
class Unused:
    """An ignore comment, or one name in it, that silenced nothing."""

    directive: Directive
    item: str
    reason: str  # unused, unknown, empty, misplaced


@dataclass
class _Use:
    directive: Directive
    item: str
    codes: frozenset[str]
    used: bool = field(default=False)


def directives(text: str) -> list[Directive]:
    """The ignore comments of a plan's text."""
    if "thidua:" not in text:
        return []
    scalars = _scalar_extents(text)
    if scalars is None:
        return []
    starts = [s for s, _ in scalars]
    found: list[Directive] = []
    header = True  # still in the comment lines at the top
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        comment = _comment_start(line, offset, scalars, starts)
        if header and stripped and not stripped.startswith("#"):
            header = False
        if comment is not None:
            own_line = not line[:comment].strip()
            for match in _DIRECTIVE.finditer(line, comment):
                file_level = match.group(1) == "ignore-file"
                items = tuple(i.strip() for i in (match.group(2) or "").split(",") if i.strip())
                found.append(Directive(number, match.start() + 1, file_level, items,
                                       placed=header or not file_level, own_line=own_line))
        offset += len(line) + 1
    return found


def _comment_start(line: str, offset: int, scalars: list[tuple[int, int]],
                   starts: list[int]) -> int | None:
    for i, char in enumerate(line):
        if char != "#" or (i and not line[i - 1].isspace()):
            continue
        at = offset + i
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and scalars[k][0] <= at < scalars[k][1]:
            continue  # inside a text value
        return i
    return None


def _scalar_extents(text: str) -> list[tuple[int, int]] | None:
    """Start and end offsets of every scalar, sorted; None if not YAML."""
    from ..loader import YamlSyntaxError, compose, scalars

    try:
        root = compose(text)
    except YamlSyntaxError:  # a file that is not YAML has no rules to silence
        return None
    return sorted((node.start_mark.index, node.end_mark.index)
                  for _, node in scalars(root, paths=False))


def apply(findings: Iterable[Finding], found: list[Directive],
          judged: set[str]) -> tuple[list[Finding], list[Unused]]:
    """Drop the findings the comments silence; list the comments that silence nothing.

    ``judged`` holds the codes whose rules ran and are on: only for those can
    a comment be known to be unused.
    """
    uses: list[_Use] = []
    unused: list[Unused] = []
    resolve = _resolver()
    for d in found:
        if not d.placed:
            unused.append(Unused(d, "", "misplaced"))
            continue
        if not d.items:
            unused.append(Unused(d, "", "empty"))
        for item in d.items:
            codes = resolve(item)
            if codes is None:
                unused.append(Unused(d, item, "unknown"))
            else:
                uses.append(_Use(d, item, codes))
    # The uses by where they hold (a line, or None for the file) and code, each marked
    # used once: every finding scanned every use of the file and of its line, so
    # 200,000 names in one `ignore-file` took hours for a plan's few findings.
    index: dict[tuple[int | None, str], list[_Use]] = {}
    for use in uses:
        scope = None if use.directive.file_level else use.directive.line
        for code in use.codes:
            index.setdefault((scope, code), []).append(use)
    marked: set[tuple[int | None, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        if finding.code != YAML_SYNTAX.code:  # a file that cannot be read is never silenced
            for key in ((finding.line, finding.code), (None, finding.code)):
                if key in index:
                    silenced = True
                    if key not in marked:
                        marked.add(key)
                        for use in index[key]:
                            use.used = True
        if not silenced:
            kept.append(finding)
    for use in uses:
        if not use.used and use.codes <= judged and UNUSED_IGNORE.code not in use.codes:
            unused.append(Unused(use.directive, use.item, "unused"))
    return kept, unused


def _resolver() -> Callable[[str], frozenset[str] | None]:
    """``selection.resolve``, each name looked up once a run (one comment may name a
    rule thousands of times; a prefix's codes are gathered over every rule)."""
    known: dict[str, frozenset[str] | None] = {}

    def resolved(item: str) -> frozenset[str] | None:
        if item not in known:
            known[item] = resolve(item)
        return known[item]

    return resolved


def silencer(found: list[Directive]) -> Callable[[Finding], bool]:
    """Whether a comment names a finding's code for its line or file (no bookkeeping).

    The codes are gathered once: asked of each finding, the question scanned every
    comment's every name (100,000 unused ignore comments: hours, each one's TD900
    asking again)."""
    codes: dict[int | None, set[str]] = {}
    resolve = _resolver()
    for d in found:
        if d.placed:
            here = codes.setdefault(None if d.file_level else d.line, set())
            for item in d.items:
                here |= resolve(item) or frozenset()
    whole = codes.get(None, set())

    def silenced(finding: Finding) -> bool:
        return finding.code in whole or finding.code in codes.get(finding.line, ())

    return silenced
