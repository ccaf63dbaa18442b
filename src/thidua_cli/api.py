"""The functions ``thidua_cli`` exports: the library the commands are made of.

Every command of ``thidua`` is its options, one call of a function here, an
output format and an exit code; a script calls the same functions and gets
the same values (their ``to_json()`` is the command's ``--format json``).
Nothing here prints, exits or reads the terminal: failures are
``ThiduaError``s with a message key and a location, and progress is a
callback.

A plan is named by a path (``str`` or ``os.PathLike``) or given as its text:
a ``str`` holding a line break is YAML text, any other ``str`` a path.

Every argument is checked where it comes in (``_path``, ``_day``, ...): a
``None``, a number or ``bytes`` where a path belongs, a ``str`` where a list
of ids belongs, a year out of range, is a ``UsageError`` naming the argument,
never a ``TypeError`` from deep inside. Each call is a run of its own: the
files the last call read (``atomic.note_input``) are forgotten when the next
begins, so a script may write with one call what it read with another.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .dates import EARLIEST_YEAR, LATEST_YEAR
from .errors import InputError, PlanHasErrors, ThiduaError, UsageError
from .i18n import Lang, resolve_lang
from .source import DEFAULT_MAX_BYTES, MOST_BYTES

if TYPE_CHECKING:
    from .diff.change import DiffResult
    from .diff.revision import Side
    from .fix import FixOutcome
    from .formats.report import ReportFormat
    from .importer import Imported
    from .lint.catalog import RuleDoc
    from .lint.engine import FileResult, LintOptions, LintResult
    from .model import Plan
    from .newplan import NewPlan
    from .render import Format as RenderFormat
    from .render import RenderResult
    from .report.job import Job
    from .report.result import Report

E = TypeVar("E", bound=StrEnum)
P = ParamSpec("P")
R = TypeVar("R")
PathLike = str | os.PathLike[str]
Progress = Callable[[int, int], None]
"""``progress(done, total)``: called with 0 before the first plan, then after each."""


#: ``thidua new --year`` and ``thidua import --year`` take these, and so do their functions.
YEARS = (EARLIEST_YEAR, LATEST_YEAR)
_depth = 0
#: The frames of Python's stack a call may need: twice the most seen (210, a plan
#: nested 100 deep linted, a criteria tree 48 deep rendered). A call with less
#: room is refused: a caller's endless recursion through a callback (``render``
#: called again from ``findings=``) ran out of stack inside a template, and was
#: told the shipped template had failed (``RecursionError``).
STACK_ROOM = 400
# The command line calls these functions too (``for_the_command_line``): its
# findings' hints then name its options (``thidua lint --fix``).
_command = False


def for_the_command_line() -> None:
    """The caller is ``thidua``'s command line: hints name its commands and options."""
    global _command
    _command = True


def _run(function: Callable[P, R]) -> Callable[P, R]:
    """One call of the API is one run: it starts with no inputs noted (the
    calls before it read what they read; their files are not this run's)."""
    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        global _depth
        _stack_room(function.__name__)
        if _depth == 0:
            from .atomic import forget_inputs

            forget_inputs()
            _check_cwd()
        _depth += 1
        try:
            return function(*args, **kwargs)
        except ThiduaError as e:
            e.library = True  # its message in the caller's words (errors.LIBRARY_KEYS)
            raise
        finally:
            _depth -= 1
    return run


def _stack_room(name: str) -> None:
    """Refuse a call made with less than ``STACK_ROOM`` frames left on Python's stack."""
    import sys

    limit = sys.getrecursionlimit()
    # A caller that lowered the limit (to 300) keeps the half of it: a plan as
    # most are needs about 100 frames.
    room = min(STACK_ROOM, limit // 2)
    depth, frame = 0, sys._getframe(1)
    while True:
        depth += 1
        if frame.f_back is None:
            break
        frame = frame.f_back
    if depth + room > limit:
        raise UsageError("api.stack_full", function=name, depth=depth, limit=limit, room=room)


def _check_cwd() -> None:
    """The current folder must exist: paths, the configuration and the templates
    are found from it (a deleted one made every call an ``FileNotFoundError``)."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise UsageError("usage.cwd_gone") from None


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


#: The arguments naming a file to write.
_OUTPUTS = frozenset({"output", "report"})


def _path(name: str, value: Any, *, text: bool = False) -> Any:
    """``value`` if it is a path (``str``, ``os.PathLike`` of ``str``), else a ``UsageError``.

    ``text``: a plan's YAML text (a ``str`` with a line break) is welcome too.
    """
    try:
        shown = os.fspath(value) if isinstance(value, os.PathLike) else value
    except TypeError:  # an os.PathLike whose __fspath__ gives neither str nor bytes
        raise UsageError("api.not_a_path" if text else "api.not_a_file_name", name=name,
                         got=_kind(value)) from None
    except Exception as e:  # the caller's __fspath__ failed: its error, named as ours
        raise _raised(name, "__fspath__()", e) from e
    if not isinstance(shown, str):
        raise UsageError("api.not_a_path" if text else "api.not_a_file_name", name=name,
                         got=_kind(shown))
    if text and _is_text(value):  # only a str is text: Path("a\nb.yaml") names a file
        return value
    if not shown:
        if name in _OUTPUTS:  # the message every writer gives (`-o ""`)
            raise UsageError("output.empty_name")
        raise UsageError("api.empty_path", name=name)
    if "\x00" in shown:
        raise UsageError("api.nul_in_path", name=name, value=shown)
    try:
        os.fsencode(shown)
    except UnicodeError:  # a lone surrogate: no file system encoding spells it
        spelled = shown.encode("utf-8", "backslashreplace").decode("utf-8")  # \ud800
        raise UsageError("api.unencodable_path", name=name, value=spelled) from None
    # __fspath__ is asked once: what it gave is what is read. A path stays a Path,
    # as a str holding a line break is a plan's text (`render -- 'a\nb.yaml'`).
    return shown if isinstance(value, str) else Path(shown)


def _optional_path(name: str, value: Any) -> Any:
    return None if value is None else _path(name, value)


def _paths(name: str, value: Any) -> list[Any]:
    """One path or text, or an iterable of paths, as a list."""
    if isinstance(value, str | os.PathLike):
        return [_path(name, value, text=True)]
    if value is None or isinstance(value, bytes | bytearray | memoryview) \
            or not isinstance(value, Iterable):
        raise UsageError("api.not_a_path", name=name, got=_kind(value))
    return [_path(name, item) for item in _items(name, value)]


#: The most items an argument's iterable may give (``itertools.repeat`` never ends).
_MAX_ITEMS = 1_000_000


def _items(name: str, value: Iterable[Any]) -> list[Any]:
    """The items of the caller's iterable; its failure (or its endlessness) a ``UsageError``."""
    try:
        items = list(itertools.islice(value, _MAX_ITEMS + 1))
    except Exception as e:
        raise _raised(name, "iteration", e) from e
    if len(items) > _MAX_ITEMS:
        raise UsageError("api.too_many_items", name=name, limit=f"{_MAX_ITEMS:,}")
    return items


def _raised(name: str, how: str, error: Exception) -> UsageError:
    """The caller's object failed as we used it: a ``UsageError`` naming the argument."""
    try:
        told = str(error)
    except Exception:  # its __str__ fails too
        told = ""
    shown = type(error).__name__ + (f": {told[:200]}" if told else "")
    return UsageError("api.argument_raised", name=name, how=how, error=shown)


def _flag(name: str, value: Any) -> bool:
    """``True`` or ``False``, nothing else: ``write="no"`` was true, and wrote."""
    if not isinstance(value, bool):
        raise UsageError("api.not_a_flag", name=name, got=repr(value)[:200])
    return value


def _day(name: str, value: Any) -> date | None:
    """``None`` or a ``datetime.date`` (a ``datetime`` counts as its day)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise UsageError("api.not_a_date", name=name, got=_kind(value))
    from .dates import in_range

    if not in_range(value):
        raise UsageError("api.day_out_of_range", name=name, value=value.isoformat(),
                         first=EARLIEST_YEAR, last=LATEST_YEAR)
    return value


def _number(name: str, value: Any, low: int, high: int | None = None) -> int:
    """A whole number from ``low`` to ``high`` (no bound when ``None``)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (
            high is not None and value > high):
        key = "api.not_a_count" if high is None else "api.not_a_number"
        raise UsageError(key, name=name, value=_repr(value), low=low, high=high)
    return value


def _repr(value: Any) -> str:
    """``repr(value)`` cut to 40 characters; an integer Python will not print
    (past 4,300 digits: ``max_bytes=-10**5000`` was an internal error,
    ``ValueError``) as its size in digits."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1024:
        from decimal import Decimal

        return f"{Decimal(value):.3e}"
    try:
        return repr(value)[:40]
    except Exception:  # the caller's __repr__ failed
        return f"a {type(value).__name__}"


def _within(name: str, source: Any, max_bytes: int) -> Any:
    """A plan's text given as a ``str`` held to ``max_bytes`` in UTF-8, as a file is
    (``lint(text)`` of 30 MB was read whole whatever ``max_bytes`` said: a caller
    linting untrusted text expects the bound it sets)."""
    from .source import too_long

    if _is_text(source) and too_long(source, max_bytes):
        raise InputError("api.text_too_large", path="-", name=name, limit=max_bytes)
    return source


def _text(name: str, value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise UsageError("api.not_a_text", name=name, got=_kind(value))
    return value


def _texts(name: str, value: Any) -> list[str] | None:
    """``None`` or a list of ``str``; one ``str`` is refused (its letters are no list)."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise UsageError("api.not_a_list", name=name, got=_kind(value))
    items = _items(name, value)
    for item in items:
        if not isinstance(item, str):  # None too: a list of texts holds texts only
            raise UsageError("api.not_a_text", name=name, got=_kind(item))
    return items


def _is_text(source: PathLike) -> bool:
    return isinstance(source, str) and "\n" in source


def _choice(enum: type[E], value: str) -> E:
    """``value`` (any case) as one of ``enum``'s members, else a ``UsageError``."""
    try:
        return enum(value.lower())
    except ValueError:
        raise UsageError("api.unknown_format", value=value, choices=", ".join(enum)) from None


def _lang(lang: str | None) -> Lang:
    from .i18n import LANGS

    if lang is not None and (not isinstance(lang, str)
                             or lang.strip().lower()[:2] not in LANGS):
        raise UsageError("api.unknown_lang", value=str(lang)[:40])
    return resolve_lang(lang)


def _options(*, lang: str | None, today: date | None = None, config: PathLike | None = None,
             select: Sequence[str] | None = None, ignore: Sequence[str] = (),
             max_bytes: int = DEFAULT_MAX_BYTES) -> LintOptions:
    """The bloc's configuration (``config``, else found from the current folder up)."""
    import dataclasses

    from .gate import lint_options

    config = _optional_path("config", config)
    options = lint_options(lang=_lang(lang), today=_day("today", today),
                           max_bytes=_number("max_bytes", max_bytes, 1, MOST_BYTES),
                           select=_texts("select", select),
                           ignore=_texts("ignore", ignore) or (),
                           config=None if config is None else Path(config))
    # The findings' hints in the library's words (``fix_files()``, not ``--fix``).
    return options if _command else dataclasses.replace(options, library=True)


@_run
def load(source: PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    """The plan in ``source`` (a path or YAML text), checked against the format.

    Raises ``InputError`` (a ``ThiduaError``) at the first problem, with its
    ``path``, ``line`` and ``column``: unreadable, not YAML, not a plan
    (TD001, TD002). The plan's other rules are ``lint``'s work.
    """
    from .lint.engine import LintOptions, lint_file, lint_text
    from .lint.rules import SCHEMA, YAML_SYNTAX

    source = _path("source", source, text=True)
    source = _within("source", source, _number("max_bytes", max_bytes, 1, MOST_BYTES))

    def check(lang: Lang) -> FileResult:
        options = LintOptions(lang=lang, enabled=frozenset({YAML_SYNTAX.code, SCHEMA.code}),
                              max_bytes=max_bytes)
        if _is_text(source):
            return lint_text(str(source), "-", options)
        return lint_file(os.fspath(source), options)

    result = check("en")
    if result.plan is not None and not result.findings:
        return result.plan
    # The error carries its message in both languages, as every ThiduaError can.
    first, vi = result.findings[0], check("vi").findings[0]
    raise InputError("api.not_a_plan", path=first.path, line=first.line, column=first.column,
                     code=first.code, message_en=first.message, message_vi=vi.message)


@_run
def lint(source: PathLike | Iterable[PathLike], *, config: PathLike | None = None,
         today: date | None = None, lang: str | None = None,
         select: Sequence[str] | None = None, ignore: Sequence[str] = (),
         max_bytes: int = DEFAULT_MAX_BYTES, jobs: int | None = 1,
         plans: bool = True) -> LintResult:
    """Lint plan files, folders (searched for ``*.yaml``, ``*.yml``) or one plan's text.

    ``config`` is the configuration file (default: ``.thidua.toml`` or
    ``pyproject.toml``'s ``[tool.thidua]`` from the current folder up);
    ``select`` replaces its rules, ``ignore`` adds to them. ``today`` is the day
    deadlines are checked against; ``lang`` the messages' language (``vi``,
    ``en``; default ``THIDUA_LANG``, then the locale). ``jobs``: processes,
    ``None`` to decide from the number of files. In one process each file's
    result keeps its ``plan`` and ``parsed``; ``plans=False`` keeps its
    findings only (several processes always do), each file's plan freed once
    it is linted: for many files, a fraction of the memory and less time.
    Findings are the result, not errors: ``ThiduaError`` means the paths or
    the configuration are unusable.
    """
    from .lint.engine import LintResult, lint_paths, lint_text

    paths = _paths("source", source)
    if jobs is not None:
        _number("jobs", jobs, 1)
    _flag("plans", plans)
    options = _options(lang=lang, today=today, config=config, select=select, ignore=ignore,
                       max_bytes=max_bytes)
    if isinstance(source, str | os.PathLike) and _is_text(source):
        source = _within("source", source, options.max_bytes)
        return LintResult((lint_text(str(source), "-", options),))
    return lint_paths([os.fspath(p) for p in paths], options, jobs=jobs, plans=plans)


@_run
def fix_files(source: PathLike | Iterable[PathLike], *, write: bool = True,
        config: PathLike | None = None, today: date | None = None, lang: str | None = None,
        select: Sequence[str] | None = None, ignore: Sequence[str] = (),
        max_bytes: int = DEFAULT_MAX_BYTES, report: PathLike | None = None) -> FixOutcome:
    """Correct what is safe (NFC, known misspellings) in plan files, then lint them.

    With ``write=False`` nothing is written: each change's ``diff()`` shows it.
    The options are ``lint``'s. Nothing is written unless every file can be:
    a file that cannot be rewritten raises before the first is. ``report``:
    the file the caller will write the lint report to, refused (``UsageError``)
    before anything is written when it is one of the plans.
    """
    from .fix import fix_paths

    paths = [_path("source", p) for p in _paths("source", source)]
    _flag("write", write)
    report = _optional_path("report", report)
    options = _options(lang=lang, today=today, config=config, select=select, ignore=ignore,
                       max_bytes=max_bytes)
    return fix_paths([os.fspath(p) for p in paths], options, write=write,
                     report=None if report is None else os.fspath(report))


def _linted(source: PathLike, options: LintOptions) -> FileResult:
    from .lint.engine import lint_file, lint_text

    if _is_text(source):
        return lint_text(str(_within("plan", source, options.max_bytes)), "-", options)
    return lint_file(os.fspath(source), options)


def _plan_of(result: FileResult) -> Plan:
    if result.plan is None or any(f.severity == "error" for f in result.findings):
        raise PlanHasErrors("api.plan_has_errors", result=result, path=result.path)
    return result.plan


@_run
def render(plan: PathLike | Plan, *, format: RenderFormat | str | None = None,
           output: PathLike | None = None, templates: PathLike | None = None,
           doc: str = "ke-hoach", as_of: date | None = None, today: date | None = None,
           config: PathLike | None = None, lang: str | None = None,
           findings: Callable[[FileResult], None] | None = None) -> Path | str:
    """Render a plan, or another document of its year, as DOCX, PDF or Markdown.

    ``plan`` is a path or text (linted first, with the bloc's configuration
    ``config``: errors raise ``PlanHasErrors``, whose ``result`` holds the
    findings) or a ``Plan`` from ``load`` (rendered as it is). ``doc`` is the
    kind of document (``ke-hoach``, the plan, by default; ``tong-ket``,
    ``giao-uoc``, ``so-ket``, ``don-doc``, ``phieu-bau``, ``bien-ban``,
    ``to-trinh``); ``as_of`` the day a ``so-ket``, ``don-doc`` or ``tong-ket``
    is written at; ``today`` the day deadlines are checked against (default:
    ``as_of``, else the configuration's, else today). ``format`` defaults to
    ``output``'s suffix, else ``docx``. ``output``: the file to write (default:
    the plan's path with the kind's and the format's suffix); ``"-"`` returns
    the Markdown as a ``str`` instead. ``templates``: a folder whose files
    override ``./templates`` and the shipped ones. ``findings`` is called with
    the lint result of a plan that has findings (warnings, when it is
    rendered). Returns the path written, or the text.
    """
    done = _render(plan, format=format, output=output, templates=templates, doc=doc,
                   as_of=as_of, today=today, config=config, lang=lang, findings=findings,
                   per_member=False)
    if done.text is not None:
        return done.text
    assert done.output is not None
    return Path(done.output)


@_run
def render_each(plan: PathLike | Plan, *, output: PathLike | None = None, doc: str = "don-doc",
                format: RenderFormat | str | None = None, templates: PathLike | None = None,
                as_of: date | None = None, today: date | None = None,
                config: PathLike | None = None, lang: str | None = None,
                findings: Callable[[FileResult], None] | None = None) -> tuple[Path, ...]:
    """One document per member (``don-doc``: a letter to each), as ``render`` makes one.

    Each file is ``output`` (default: beside the plan, as ``render`` names it)
    with the member's id before the suffix (``don-doc-btc.docx``). Returns the
    paths written, in the plan's order.
    """
    done = _render(plan, format=format, output=output, templates=templates, doc=doc,
                   as_of=as_of, today=today, config=config, lang=lang, findings=findings,
                   per_member=True)
    return tuple(Path(p) for p in done.outputs)


def _render(plan: PathLike | Plan, *, format: RenderFormat | str | None,
            output: PathLike | None, templates: PathLike | None, doc: str,
            as_of: date | None, today: date | None, config: PathLike | None,
            lang: str | None, findings: Callable[[FileResult], None] | None,
            per_member: bool) -> RenderResult:
    from .model import Plan
    from .render import RenderOptions, format_named, render_file, render_plan

    if not isinstance(plan, Plan):
        plan = _path("plan", plan, text=True)
    output, templates = _optional_path("output", output), _optional_path("templates", templates)
    as_of, today = _day("as_of", as_of), _day("today", today)
    if not isinstance(doc, str):  # None too: a kind is always named
        raise UsageError("api.not_a_text", name="doc", got=_kind(doc))
    if findings is not None and not callable(findings):
        raise UsageError("api.not_callable", name="findings", got=_kind(findings))
    # Deadlines are judged at ``today``, else at the day the document is written at.
    lint = _options(lang=lang, today=today or as_of, config=config)
    options = RenderOptions(format=None if format is None else format_named(str(format)),
                            output=None if output is None else os.fspath(output),
                            template_dir=None if templates is None else os.fspath(templates),
                            lang=lint.lang, doc=doc, as_of=as_of, per_member=per_member,
                            lint=lint)
    if output is None and (isinstance(plan, Plan) or _is_text(plan)):
        # The command's message speaks of -o and standard input, which a script has not.
        raise UsageError("api.text_needs_output")
    if isinstance(plan, Plan):
        return render_plan(plan, options)
    _within("plan", plan, lint.max_bytes)
    rendered = render_file("-" if _is_text(plan) else os.fspath(plan), options,
                           text=str(plan) if _is_text(plan) else None)
    if rendered.lint.findings and findings is not None:
        findings(rendered.lint)
    if not rendered.rendered:
        raise PlanHasErrors("api.plan_has_errors", result=rendered.lint,
                            path=rendered.lint.path)
    return rendered


@_run
def report(plan: PathLike | Plan, *, as_of: date | None = None,
           config: PathLike | None = None, lang: str | None = None) -> Report:
    """The year-end report's data (counts, overdue tasks, ranking, nominations) of a plan.

    ``as_of`` is the day overdue tasks are counted at (default: the
    configuration's ``today``, else today). A path or text is linted first, with
    the bloc's configuration; errors raise ``PlanHasErrors``. Nothing is
    written: ``write_report`` lays reports out in files.
    """
    from .model import Plan
    from .report import build_report

    as_of = _day("as_of", as_of)
    if not isinstance(plan, Plan):
        plan = _path("plan", plan, text=True)
    if isinstance(plan, Plan):
        return build_report(plan, as_of=as_of or date.today(), path="-")
    options = _options(lang=lang, today=as_of, config=config)
    result = _linted(plan, options)
    return build_report(_plan_of(result), as_of=options.today, path=result.path)


@_run
def write_report(source: PathLike | Iterable[PathLike], *,
                 format: ReportFormat | str | None = None, output: PathLike | None = None,
                 as_of: date | None = None, templates: PathLike | None = None,
                 config: PathLike | None = None, lang: str | None = None,
                 progress: Progress | None = None) -> Job:
    """Write the year-end report of every plan under ``source`` (files or folders).

    ``format``: ``docx``, ``md``, ``json`` or ``pdf`` (default: ``output``'s
    suffix, else ``docx``). ``output``: a file, a folder for several plans, or
    ``"-"`` (then the reports are the job's ``text``); default: beside each plan.
    A plan with lint errors is not reported (its outcome says why); the others
    are. ``progress(done, total)`` follows the batch. A ``UsageError`` comes
    before anything is written.
    """
    from .formats.report import ReportFormat
    from .report.job import JobOptions, run

    paths = [_path("source", p) for p in _paths("source", source)]
    if not paths:
        raise UsageError("api.no_paths", name="source")
    output, templates = _optional_path("output", output), _optional_path("templates", templates)
    if progress is not None and not callable(progress):
        raise UsageError("api.not_callable", name="progress", got=_kind(progress))
    chosen = None if format is None else _choice(ReportFormat, str(format))
    language = _lang(lang)
    lint_options = _options(lang=language, today=_day("as_of", as_of), config=config)
    options = JobOptions(format=chosen, output=None if output is None else os.fspath(output),
                         as_of=lint_options.today, lang=language,
                         template_dir=None if templates is None else os.fspath(templates),
                         lint=lint_options)
    return run([os.fspath(p) for p in paths], options, progress=progress)


@_run
def diff(old: PathLike | Side, new: PathLike | Side, *, ignore_order: bool = False,
         config: PathLike | None = None, lang: str | None = None,
         max_bytes: int = DEFAULT_MAX_BYTES) -> DiffResult:
    """What changed between two versions of a plan, item by item.

    Each side is a path, a git object (``HEAD~1:plans/plan-2022.yaml``), the
    plan's text, or a ``Side`` (what the command makes of git's arguments).
    ``ignore_order``: do not report moved items, compare lists without ids as
    bags. A side that is not YAML raises ``InputError``;
    one that is YAML but not a valid plan is compared anyway (its ``errors``,
    counted as ``lint`` counts them with the configuration ``config``).
    """
    from .diff.engine import DiffOptions, diff_sides, diff_texts
    from .diff.revision import Side

    if not isinstance(old, Side):
        old = _path("old", old, text=True)
    if not isinstance(new, Side):
        new = _path("new", new, text=True)
    _flag("ignore_order", ignore_order)
    lint = _options(lang=lang, config=config, max_bytes=max_bytes)
    options = DiffOptions(ignore_order=ignore_order, max_bytes=max_bytes, lint=lint)
    if isinstance(old, str | os.PathLike) and isinstance(new, str | os.PathLike) and (
            _is_text(old) or _is_text(new)):
        return diff_texts(_text_of(old, max_bytes, "old"), _text_of(new, max_bytes, "new"),
                          options)
    return diff_sides(_side(old), _side(new), options)


def _side(source: PathLike | Side) -> Side:
    from .diff.revision import Side, side_of

    return source if isinstance(source, Side) else side_of(os.fspath(source))


def _text_of(source: PathLike, max_bytes: int, name: str) -> str:
    if _is_text(source):
        return str(_within(name, source, max_bytes))
    from .diff.revision import read

    text = read(_side(source), max_bytes)
    if text.problem is not None:
        p = text.problem
        raise InputError(p.key, path=os.fspath(source), line=p.line, column=p.column,
                         encoding=p.encoding)
    return text.text


@_run
def new_plan(*, year: int | None = None, source: PathLike | None = None, head: str | None = None,
             deputies: Sequence[str] | None = None, today: date | None = None,
             config: PathLike | None = None, lang: str | None = None,
             name: str = "-") -> NewPlan:
    """The plan of ``year``: last year's (``source``) moved forward, or a skeleton.

    ``source`` is a path or the plan's text, as for ``lint``. ``year`` defaults to
    the year after ``source``'s; a skeleton needs it. ``head`` and ``deputies``
    are member ids of the new bloc head and deputies (default: the rotation).
    Nothing is written: the result's ``text`` is the plan, linted as ``name`` (its
    findings: ``result``); it is ``None`` when ``source`` has errors (see
    ``source``). ``ok``: made, and without errors.
    """
    from .newplan import make_plan

    if year is not None or source is None:  # a skeleton needs its year
        _number("year", year, *YEARS)
    # A plan's text, as every other function takes it: it was read as a file's
    # name, and the 14 KB "name" came back in "cannot be read: File name too long".
    given = source if isinstance(source, str) and _is_text(source) else None
    source = None if source is None else _path("source", source, text=True)
    head, name = _text("head", head), _text("name", name) or "-"
    deputies = _texts("deputies", deputies)
    options = _options(lang=lang, today=today, config=config)
    return make_plan(year=year, source=None if source is None else
                     "-" if given is not None else os.fspath(source),
                     head=head, deputies=deputies, options=options, out_name=name,
                     source_text=given)


@_run
def import_plan(source: PathLike, *, year: int | None = None,
                bloc_from: PathLike | None = None, config: PathLike | None = None,
                lang: str | None = None, name: str = "-") -> Imported:
    """Last year's Word plan (``.docx``; a ``.doc`` through LibreOffice) as plan YAML.

    Every value the reader inferred is marked with a comment to check.
    ``year`` overrides the document's; ``bloc_from`` is a plan of the same
    bloc whose member ids are reused. Nothing is written: the result's
    ``text`` is the plan, linted as ``name`` (``lint``), with the counts of
    ``notes`` left to check and of paragraphs it could not place
    (``unplaced``). A file that is not a Word document raises ``InputError``.
    """
    from .importer import import_docx

    source = _path("source", source)
    if year is not None:
        _number("year", year, *YEARS)
    bloc_from, name = _optional_path("bloc_from", bloc_from), _text("name", name) or "-"
    options = _options(lang=lang, config=config)
    return import_docx(os.fspath(source), year=year,
                       bloc_from=None if bloc_from is None else os.fspath(bloc_from),
                       out_name=name, options=options)


@_run
def rules(rule: str | None = None) -> tuple[RuleDoc, ...]:
    """The lint rules' documentation (code, name, severity, summary, sections), by code.

    ``rule`` (a code such as ``TD101`` or a name such as ``unknown-member``)
    picks one; an unknown one raises ``UsageError`` naming the closest.
    """
    from .lint.catalog import document, lookup, rule_docs

    _text("rule", rule)
    return tuple(rule_docs()) if rule is None else (document(lookup(rule)),)


@_run
def json_schema() -> str:
    """The JSON Schema (draft 2020-12) of plan files, with descriptions in both languages."""
    from .schema import render_schema

    return render_schema()
