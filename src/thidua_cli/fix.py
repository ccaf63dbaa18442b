"""``thidua lint --fix``: safe fixes written back, every other byte kept.

A fix (NFC, a known misspelling) changes one text value. Rather than dump the
whole document again through ruamel.yaml's round-trip writer, which re-flows
long lines, re-indents and may re-quote, the fix is applied to that value's
own source text, located with the composer's marks, and nothing else is
touched. The result is then parsed again: it must be the original data with
exactly the fixed values changed, or the file is left as it was. A file that
does not parse is never changed; writes go through ``output.write_atomic``
(a temporary file in the same folder, then a rename; permissions kept).
"""

from __future__ import annotations

import codecs
import copy
import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import OutputError, UsageError
from .lint.engine import FileResult, LintOptions, LintResult, collect, lint_text
from .lint.finding import Fix
from .lint.rules import YAML_SYNTAX
from .loader import Path_, YamlSyntaxError, parse
from .source import read_source
from .text import misspelling

_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class FileFix:
    """What ``--fix`` did, or would do, to one file."""

    path: str
    before: str
    after: str
    fixed: int  # findings fixed
    refused: bool = False  # fixes found, but re-parsing showed they would do more

    def __repr__(self) -> str:
        return f"FileFix({self.path!r}, fixed={self.fixed}, refused={self.refused})"

    def diff(self) -> str:
        lines = difflib.unified_diff(self.before.splitlines(keepends=True),
                                     self.after.splitlines(keepends=True),
                                     fromfile=self.path, tofile=self.path)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


@dataclass(frozen=True)
class FixOutcome:
    changes: tuple[FileFix, ...]  # files changed (or refused)
    result: LintResult  # the findings left after the fixes

    @property
    def fixed(self) -> int:
        return sum(c.fixed for c in self.changes if not c.refused)

    def __repr__(self) -> str:
        return f"FixOutcome(fixed={self.fixed}, files={len(self.changes)}, result={self.result!r})"


def fix_paths(paths: Sequence[str], options: LintOptions, *, write: bool) -> FixOutcome:
    """Fix the plan files under ``paths``; ``write=False`` only says what would change."""
    changes: list[FileFix] = []
    results: list[FileResult] = []
    for path in collect(paths, options.exclude):
        if path == "-" and write:
            raise UsageError("fix.stdin")
        source = read_source(path, max_bytes=options.max_bytes)
        if source.problem is not None:
            from .lint.engine import lint_file

            results.append(lint_file(path, options))
            continue
        before = lint_text(source.text, path, options)
        fixes = [f.fix for f in before.findings if f.fix is not None]
        if any(f.code == YAML_SYNTAX.code for f in before.findings):
            fixes = []  # a file that does not parse cleanly is never changed
        after_text = apply(source.text, fixes) if fixes else source.text
        if after_text is None:
            changes.append(FileFix(path, source.text, source.text, 0, refused=True))
            results.append(before)
            continue
        if after_text == source.text:
            results.append(before)
            continue
        changes.append(FileFix(path, source.text, after_text, len(fixes)))
        if write:
            write_text(Path(path), after_text, before=source.text)
        results.append(lint_text(after_text, path, options))
    return FixOutcome(tuple(changes), LintResult(tuple(results)))


def apply(text: str, fixes: Iterable[Fix]) -> str | None:
    """``text`` with ``fixes`` applied, or None when that cannot be done safely."""
    try:
        parsed = parse(text)
    except YamlSyntaxError:
        return None
    nodes = _scalars(text)
    if nodes is None:
        return None
    wanted: dict[int, tuple[Any, bool, set[str]]] = {}  # node id → node, nfc, phrases
    for fix in fixes:
        node = nodes.get(fix.loc)
        if node is None or node.tag != _STR:
            return None
        _, nfc, phrases = wanted.setdefault(id(node), (node, False, set()))
        if fix.phrase:
            phrases.add(fix.phrase)
        else:
            wanted[id(node)] = (node, True, phrases)
    edits = []
    for node, nfc, phrases in wanted.values():
        start, end = node.start_mark.index, node.end_mark.index
        edits.append((start, end, _transform(text[start:end], nfc, phrases)))
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    # The proof: the new text must hold the old data with just these values changed.
    expected = copy.deepcopy(parsed.data)
    for path, node in nodes.items():
        if id(node) in wanted:
            _, nfc, phrases = wanted[id(node)]
            _set(expected, path, _transform(_get(parsed.data, path), nfc, phrases))
    try:
        again = parse(out)
    except YamlSyntaxError:
        return None
    return out if again.data == expected and not again.problems else None


def _transform(text: str, nfc: bool, phrases: set[str]) -> str:
    if nfc:
        text = unicodedata.normalize("NFC", text)
    if phrases:
        text = misspelling.correct(text, frozenset(phrases))
    return text


def _scalars(text: str) -> dict[Path_, Any] | None:
    """Every scalar node by its path in the data (aliases and merge keys included)."""
    from .loader import YamlSyntaxError, compose, scalars

    try:
        root = compose(text)
    except YamlSyntaxError:
        return None
    return {path: node for path, node in scalars(root) if path is not None}


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def write_text(path: Path, text: str, *, before: str | None = None) -> None:
    """Replace ``path``'s text atomically (``output.write_atomic``), keeping its BOM.

    With ``before`` (the text the fixes were computed from), a file that no
    longer holds it (saved by an editor, or fixed by another run meanwhile) is
    left alone: writing would throw that change away.
    """
    from .atomic import write_atomic

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise OutputError("output.failed", path=str(path), reason=e.strerror or str(e)) from e
    bom = data.startswith(codecs.BOM_UTF8)
    if before is not None:
        try:
            now = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            now = None
        if now != before:
            raise OutputError("fix.changed", path=str(path))
    write_atomic(path, (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
