"""Two sides → one ``DiffResult``: read, parse, check, normalize, compare."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import InputError
from ..gcpause import paused
from ..lint.engine import LintOptions, errors_only, lint_text
from ..loader import Parsed, YamlSyntaxError, parse
from ..source import DEFAULT_MAX_BYTES
from .change import DiffResult, SideInfo
from .compare import compare
from .fork import both, keep_until_exit, spare_cpu
from .normalize import normalize_document
from .revision import Side, read

# The plan's sections in the order of the format; reports follow it.
SECTIONS = ("version", "year", "title", "theme", "document", "bloc", "basis", "objectives",
            "tasks", "events", "criteria", "scores", "awards", "responsibilities", "review")


# The longest side whose parse a command-line run keeps until it exits (``_side``).
KEEP_CHARS = 4 * 1024 * 1024


@dataclass(frozen=True)
class DiffOptions:
    ignore_order: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    # Parse the sides in two processes when both are at least this long (a
    # 2,000-task plan is 800 KB; below some 100 KB a fork is not worth it);
    # None, the default: always in one. The second process saves wall-clock
    # time on an idle machine but always costs CPU, more than it saves there
    # (docs/speed.md), so neither `thidua diff` nor `api.diff` asks for it.
    parallel_bytes: int | None = None
    # ... and then only when a CPU is idle (``fork.spare_cpu``): on a busy machine
    # the second process saves no time and costs CPU.
    when_idle: bool = False
    # How each side's errors are counted (the bloc's configuration, ``gate.lint_options``).
    lint: LintOptions = field(default_factory=LintOptions)


def diff_sides(old: Side, new: Side, options: DiffOptions) -> DiffResult:
    """Compare two versions of a plan; ``InputError`` when one cannot be read as YAML."""
    texts = (_read(old, options), _read(new, options))
    with paused():  # parsing builds many objects and frees none
        if texts[0][1] == texts[1][1]:  # `thidua diff PATH` of a file left as committed
            return _same(_side(*texts[0], options.lint), texts[1][0], options)
        # Both sides big enough to be worth a process: parse them side by side.
        parallel = options.parallel_bytes is not None and min(
            len(text) for _, text in texts) >= options.parallel_bytes and (
            not options.when_idle or spare_cpu())
        if parallel:
            _preload()
        before, after = both(lambda side: _side(*side, options.lint), *texts,
                             parallel=parallel)
        return _diff(before, after, options)


def diff_texts(old: str, new: str, options: DiffOptions,
               labels: tuple[str, str] = ("old", "new")) -> DiffResult:
    """Compare two plan texts (what ``diff_sides`` does once it has read them)."""
    with paused():  # parsing builds many objects and frees none
        if old == new:
            return _same(_side(labels[0], old, options.lint), labels[1], options)
        return _diff(_side(labels[0], old, options.lint), _side(labels[1], new, options.lint),
                     options)


def _same(side: SideInfo, label: str, options: DiffOptions) -> DiffResult:
    """Two equal texts: one side's work (the same data, the same errors) for both."""
    return _diff(side, replace(side, label=label), options)


def _diff(before: SideInfo, after: SideInfo, options: DiffOptions) -> DiffResult:
    changes = compare(before.data, after.data, ignore_order=options.ignore_order,
                      first_keys=SECTIONS, bools=before.bools or after.bools)
    return DiffResult(before, after, changes)


def _preload() -> None:
    """Import before the fork what working on a side imports on first use, so that
    the child inherits it instead of importing it again (some 40 ms of CPU)."""
    import contextlib

    from ..lint import context, validate  # noqa: F401

    with contextlib.suppress(ImportError):  # without libyaml the loader uses ruamel's
        from .. import composer  # noqa: F401


def _read(side: Side, options: DiffOptions) -> tuple[str, str]:
    source = read(side, options.max_bytes)
    if source.problem is not None:
        p = source.problem
        raise InputError(p.key, path=side.label, line=p.line, column=p.column,
                         encoding=p.encoding)
    return side.label, source.text


def _side(label: str, text: str, lint: LintOptions) -> SideInfo:
    if not text.strip():  # /dev/null for an added or deleted file
        return SideInfo(label, 0, {}, bools=False)
    # Linting parses the text once for both purposes: the data to compare and
    # the number of errors the warning line reports (so the rules that can
    # only warn need not run: on a 2,000-task plan, most of lint's time).
    result = lint_text(text, label, _error_rules(text, lint))
    if len(text) <= KEEP_CHARS:
        # Not freed in a command-line run: some 15-25 ms of CPU for a 2,000-task
        # plan. Only up to a size, since the first side's parse then stays in
        # memory beside the second's (70 to 93 MB for the bench's two plans).
        keep_until_exit(result)
    parsed = result.parsed or _parse(label, text)
    errors = sum(1 for f in result.findings if f.severity == "error")
    data, bools = normalize_document(parsed.data)
    return SideInfo(label, errors, data, bools)


def _error_rules(text: str, lint: LintOptions) -> LintOptions:
    """The rules that can give ``text`` an error (``errors_only``), less the one that
    looks for TCVN3 and VNI text when none of the text could look like it.

    That rule judges each text value alone, by the characters in it
    (``text.legacy``); without a backslash the YAML has no escapes, so each
    value's characters stand side by side in the file as well (folded lines
    are joined by a space or a newline, which no suspect holds), and one
    search of the whole file tells whether any value holds a suspect: some
    10 ms for a 2,000-task plan, where the rule takes some 45. Without ignore
    comments (``thidua:``), a rule that is not run changes no other count.
    """
    from ..lint.rules.legacy_encoding import CODE as LEGACY
    from ..text.legacy import suspect_anywhere

    options = errors_only(lint)
    if not options.is_on(LEGACY) or "thidua:" in text or "\\" in text or suspect_anywhere(
            text):
        return options
    from ..lint.rules import RULES

    on = options.enabled if options.enabled is not None else {r.code for r in RULES}
    return replace(options, enabled=frozenset(on) - {LEGACY})


def _parse(label: str, text: str) -> Parsed:
    """The YAML of a side that lint found none in: raises with its location."""
    try:
        return parse(text)
    except YamlSyntaxError as e:
        p = e.problem
        raise InputError(p.key, path=label, line=p.line, column=p.column, **p.args) from e

