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
import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OutputError, UsageError
from .gcpause import paused
from .lint.engine import FileResult, LintOptions, LintResult, collect, lint_text
from .lint.finding import Fix
from .lint.rules import YAML_SYNTAX
from .lint.rules.recipient_punctuation import tidy as tidy_recipient
from .loader import Parsed, Path_, YamlSyntaxError, parse, parse_nodes
from .source import read_source
from .text import misspelling

if TYPE_CHECKING:
    from .atomic import Together

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
        lines = unified_diff(self.before.splitlines(keepends=True),
                             self.after.splitlines(keepends=True), self.path)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                       for line in lines)


Opcode = tuple[str, int, int, int, int]


def unified_diff(a: Sequence[str], b: Sequence[str], path: str, context: int = 3) -> list[str]:
    """``difflib.unified_diff(a, b, path, path)``'s lines, in time linear in the files.

    A fix changes values in place and never a line break, so the two sides
    have the same lines but the changed ones: compared line by line, the
    changes are found in one pass, where difflib's matcher took 21 s on a
    2,000-task plan in NFD (it searches for the longest common runs again
    around every change). Sides whose lines do not pair up (not what a fix
    does) get difflib's matcher, on the part between the common first and
    last lines only.
    """
    codes = _runs(a, b) if len(a) == len(b) else _matched(a, b)
    if all(tag == "equal" for tag, *_ in codes):
        return []
    from .text.control import visible

    # The name as every message shows it: `--fix --diff` printed a plan named
    # with an ESC or a line break raw, the terminal obeying it.
    out = [f"--- {visible(path)}\n", f"+++ {visible(path)}\n"]
    for group in _grouped(codes, context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(" " + line for line in a[i1:i2])
                continue
            out.extend("-" + line for line in a[i1:i2])
            out.extend("+" + line for line in b[j1:j2])
    return out


def _runs(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """Line i of ``a`` against line i of ``b``: runs of equal and replaced lines."""
    codes: list[Opcode] = []
    start = 0
    for i in range(1, len(a) + 1):
        if i == len(a) or (a[i] == b[i]) != (a[start] == b[start]):
            tag = "equal" if a[start] == b[start] else "replace"
            codes.append((tag, start, i, start, i))
            start = i
    return codes


def _matched(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail],
                                     autojunk=False)
    codes: list[Opcode] = [("equal", 0, head, 0, head)] if head else []
    codes += [(tag, i1 + head, i2 + head, j1 + head, j2 + head)
              for tag, i1, i2, j1, j2 in middle.get_opcodes()]
    if tail:
        codes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return codes


def _grouped(codes: list[Opcode], n: int) -> list[list[Opcode]]:
    """Hunks with ``n`` lines of context, as ``SequenceMatcher.get_grouped_opcodes``."""
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    groups: list[list[Opcode]] = []
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > n * 2:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


def _range(start: int, stop: int) -> str:
    """A unified diff's ``start,length`` (difflib's ``_format_range_unified``)."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return str(beginning)
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


@dataclass(frozen=True)
class FixOutcome:
    changes: tuple[FileFix, ...]  # files changed (or refused)
    result: LintResult  # the findings left after the fixes

    @property
    def fixed(self) -> int:
        return sum(c.fixed for c in self.changes if not c.refused)

    def __repr__(self) -> str:
        return f"FixOutcome(fixed={self.fixed}, files={len(self.changes)}, result={self.result!r})"


@paused()  # both texts' data and findings stay alive to the end: nothing to collect
def fix_paths(paths: Sequence[str], options: LintOptions, *, write: bool,
              report: str | None = None) -> FixOutcome:
    """Fix the plan files under ``paths``; ``write=False`` only says what would change.

    Every file is fixed in memory first and written only when none is refused:
    a plan that cannot be rewritten (standard input, a FIFO, a read-only file,
    one with several hard links) and ``report``, the file the lint report will
    go to, being one of the plans stop the run before it writes anything (it
    wrote the plans before them, then said it could not).
    """
    changes: list[FileFix] = []
    results: list[FileResult] = []
    pending: list[FileFix] = []
    written: set[tuple[int, int]] = set()
    for path in collect(paths, options.exclude):
        if path == "-" and write:
            raise UsageError("fix.stdin")
        if write:
            from .atomic import check_rewritable

            check_rewritable(path)
        source = read_source(path, max_bytes=options.max_bytes)
        if source.problem is not None:
            from .lint.engine import lint_file

            results.append(lint_file(path, options))
            continue
        try:
            parsed, root = parse_nodes(source.text)
        except YamlSyntaxError:
            parsed, root = None, None
        before = lint_text(source.text, path, options, parsed=parsed)
        fixes = [f.fix for f in before.findings if f.fix is not None]
        if any(f.code == YAML_SYNTAX.code for f in before.findings):
            fixes = []  # a file that does not parse cleanly is never changed
        # The text is parsed once before and once after: lint's parse of the
        # text is the fixes' starting point, the proof's parse of the result is
        # what the findings left are linted from (twice as many parses took
        # half the time of --fix on a big plan).
        after = applied(source.text, fixes, parsed=parsed, root=root) if fixes else None
        if fixes and after is None:
            changes.append(FileFix(path, source.text, source.text, 0, refused=True))
            results.append(before)
            continue
        if after is None or after.text == source.text:
            results.append(before)
            continue
        if not write or _first_time(path, written):  # a file named twice is fixed once
            changes.append(FileFix(path, source.text, after.text, len(fixes)))
            pending.append(changes[-1])
        results.append(lint_text(after.text, path, options, parsed=after.parsed))
    if report is not None:
        _not_a_plan(report, [r.path for r in results])
        if write and pending:
            from .atomic import check_not_a_plans_name, check_writable

            # The report is written after the plans: one it then could not
            # write (`-o /proc/x.json`, `-o out/.`, a missing folder, an
            # immutable file) came with "nothing was written", the plans
            # rewritten already.
            check_not_a_plans_name(report)
            check_writable(report, folder=True)
    if write:
        from .atomic import check_replaceable

        for change in pending:
            check_replaceable(change.path)
        from .atomic import written_together

        # One set: a plan that changed meanwhile, or a full disk, at the second
        # plan left the first rewritten under "nothing was written".
        with written_together() as together:
            for change in pending:
                write_text(Path(change.path), change.after, before=change.before,
                           together=together)
    return FixOutcome(tuple(changes), LintResult(tuple(results)))


def _first_time(path: str, seen: set[tuple[int, int]]) -> bool:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return True  # writing it says what is wrong
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _not_a_plan(report: str, plans: Sequence[str]) -> None:
    """Refuse ``-o plans/plan.yaml``: the report would replace a plan it checked."""
    target = os.path.realpath(report)
    if any(plan != "-" and os.path.realpath(plan) == target for plan in plans):
        raise UsageError("output.report_is_plan", path=report)


def apply(text: str, fixes: Iterable[Fix]) -> str | None:
    """``text`` with ``fixes`` applied, or None when that cannot be done safely."""
    done = applied(text, fixes)
    return None if done is None else done.text


@dataclass(frozen=True)
class Applied:
    """A fixed text and its parse (the proof's), for linting what is left."""

    text: str
    parsed: Parsed


def applied(text: str, fixes: Iterable[Fix], *, parsed: Parsed | None = None,
            root: Any = None) -> Applied | None:
    """``apply``, given the text's parse and node tree (``parse_nodes``) if they
    are at hand, returning the new text's parse too."""
    if parsed is None or root is None:
        try:
            parsed, root = parse_nodes(text)
        except YamlSyntaxError:
            return None
    nodes = _scalars(root)
    # node id → node, nfc, phrases, recipient
    wanted: dict[int, tuple[Any, bool, set[str], bool]] = {}
    for fix in fixes:
        node = nodes.get(fix.loc)
        if node is None or node.tag != _STR:
            return None
        _, nfc, phrases, recipient = wanted.setdefault(id(node), (node, False, set(), False))
        if fix.recipient:
            wanted[id(node)] = (node, nfc, phrases, True)
        elif fix.phrase:
            phrases.add(fix.phrase)
        else:
            wanted[id(node)] = (node, True, phrases, recipient)
    edits = []
    for node, nfc, phrases, recipient in wanted.values():
        start, end = node.start_mark.index, node.end_mark.index
        source = _transform(text[start:end], nfc, phrases)
        edits.append((start, end, _tidy_source(source) if recipient else source))
    # One pass over the text, in order: replacing in place edit by edit copied
    # the whole text each time (595 s for 40,000 fixes on 20,000 tasks).
    pieces: list[str] = []
    done = 0
    for start, end, new in sorted(edits):
        pieces += [text[done:start], new]
        done = end
    pieces.append(text[done:])
    out = "".join(pieces)
    # The proof: the new text must hold the old data with just these values changed.
    expected = copy.deepcopy(parsed.data)
    for path, node in nodes.items():
        if id(node) in wanted:
            _, nfc, phrases, recipient = wanted[id(node)]
            value = _transform(_get(parsed.data, path), nfc, phrases)
            _set(expected, path, tidy_recipient(value) if recipient else value)
    try:
        again = parse(out)
    except YamlSyntaxError:
        return None
    return Applied(out, again) if again.data == expected and not again.problems else None


def _transform(text: str, nfc: bool, phrases: set[str]) -> str:
    if nfc:
        text = unicodedata.normalize("NFC", text)
    if phrases:
        text = misspelling.correct(text, frozenset(phrases))
    return text


def _tidy_source(source: str) -> str:
    """A recipient's source text tidied inside its quotes, if it has them."""
    if len(source) >= 2 and source[0] in "'\"" and source[-1] == source[0]:
        return source[0] + tidy_recipient(source[1:-1]) + source[0]
    return tidy_recipient(source)


def _scalars(root: Any) -> dict[Path_, Any]:
    """Every scalar node by its path in the data (aliases and merge keys included)."""
    from .loader import scalars

    return {path: node for path, node in scalars(root) if path is not None}


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def write_text(path: Path, text: str, *, before: str | None = None,
               changed: str = "fix.changed", together: Together | None = None) -> None:
    """Replace ``path``'s text atomically (``output.write_atomic``), keeping its
    BOM and its Windows line ends (CRLF).

    With ``before`` (the text the changes were computed from), a file that no
    longer holds it (saved by an editor, or fixed by another run meanwhile) is
    left alone: writing would throw that change away (``changed``: the message).
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
            raise OutputError(changed, path=str(path))
    if data.split(b"\n", 1)[0].endswith(b"\r"):  # written on Windows: its line ends stay
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    new = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    unchanged = None if before is None else (data, changed)
    if together is not None:
        together.write(path, new, rewrite=True, unchanged=unchanged)
    else:
        write_atomic(path, new, rewrite=True, unchanged=unchanged)
