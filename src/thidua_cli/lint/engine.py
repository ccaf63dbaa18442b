"""The lint engine: file → findings.

Reading, parsing and schema validation produce TD001 and TD002. The text
rules read only the parsed data and run on any file that parses as a
mapping; the plan rules run on the plan, or, when the file does not fit the
schema, on the part of it that can be read (``partial.py``). The engine
places every hit at its line and column (and where the key or value it is
about ends, for editors), stamps code, rule name and severity (the
configuration may change it), translates the message, applies the inline
ignore comments, reports the unused ones (TD900) and sorts.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import i18n
from ..errors import UsageError
from ..gcpause import paused
from ..i18n import Lang
from ..loader import Parsed, YamlSyntaxError, parse
from ..source import SourceText, read_source
from ..text import control
from .finding import Finding, Hit
from .options import ALWAYS_ON, FileResult, LintOptions, LintResult
from .rules import RULES, SCHEMA, UNUSED_IGNORE, YAML_SYNTAX, Rule
from .scalar import column_of, end_column_of

if TYPE_CHECKING:
    from ..config import Exclude
    from .suppression import Directive, Unused

__all__ = ["FileResult", "LintOptions", "LintResult", "collect", "errors_only", "lint_file",
           "lint_paths", "lint_text"]

PLAN_SUFFIXES = (".yaml", ".yml")


def collect(paths: Sequence[str], exclude: Exclude | None = None) -> list[str]:
    """The plan files named by ``paths``: files as given, directories searched.

    ``exclude`` (the configuration's globs) drops files, named or found.
    """
    import stat

    from ..atomic import note_input

    found: list[str] = []
    # What is noted as an input once every name is: the plans found in
    # folders, and ``-``, in that order. A named file is noted once, and that
    # one look at it tells whether it exists and whether it is a folder, where
    # four looks and a Path cost a tenth of reading the plan.
    later: list[str] = []
    walked: dict[str, str] = {}  # a plan found in a folder: that folder
    if list(paths).count("-") > 1:  # the second would read nothing: "the file is empty"
        raise UsageError("usage.stdin_twice")
    for name in paths:
        if name == "-":
            found.append(name)
            later.append(name)
            continue
        # Named is enough: an excluded plan is still no place for an output.
        st = note_input(name)
        if st is None:
            _check_exists(name)  # why it cannot be reached
        if stat.S_ISDIR(st.st_mode) if st is not None else Path(name).is_dir():
            inside = sorted(_plans_in(Path(name)))
            if not inside:
                raise UsageError("usage.no_plans", path=name)
            found.extend(inside)
            later.extend(inside)
            walked.update(dict.fromkeys(inside, name))
        else:
            found.append(name)
    for name in later:
        note_input(name)
    if exclude is not None:
        found = [f for f in found if f == "-" or not exclude.matches(f)]
    for name in found:
        if name in walked:
            _check_inside(name, walked[name])
    return found


def _check_inside(name: str, folder: str) -> None:
    """A plan found in ``folder`` that is a link must lead inside it, as a template
    must lead inside its template folder: ``plans/x.yaml -> ~/.aws/config`` in a
    repository's pull request was linted, its keys printed in the findings of a
    public CI log (``unknown key 'AWS_SECRET_...'``). A plan named is read wherever
    it leads: the user named it."""
    import os

    if not os.path.islink(name):
        return
    real, root = os.path.realpath(name), os.path.realpath(folder)
    if os.path.commonpath([real, root]) != root:
        raise UsageError("usage.link_outside", path=name, target=real, folder=folder)


def _plans_in(folder: Path) -> list[str]:
    """The plan files below ``folder``, hidden files and folders passed over.

    A walk with a stack of its own: ``Path.rglob`` recursed once a level, and a
    tree 1,000 folders deep stopped ``lint`` with a RecursionError; it also
    walked every hidden folder (``.git`` whole) before passing over what it
    found there. As ``rglob``, a linked folder is not entered (a link loop
    cannot make the walk endless) and a folder that cannot be read is passed over.

    A plan whose path is longer than the system takes (``PATH_MAX``, 4,096
    bytes on Linux: some twenty folders of long Vietnamese names) cannot be
    read by its name: it is refused, ``the name is too long``, where a folder
    that long was passed over (``lint .`` said "no plan files", or linted the
    others and said nothing of it) and a file was an internal error.
    """
    import errno
    import os

    found: list[str] = []
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            with os.scandir(here) as entries:
                listed = list(entries)
        except OSError as e:
            if e.errno == errno.ENAMETOOLONG:
                raise UsageError("usage.name_too_long", path=str(here)) from None
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            child = here / entry.name
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            if is_folder:
                stack.append(child)
            elif child.suffix in PLAN_SUFFIXES and _is_file(entry, child):
                found.append(str(child))
    return found


def _is_file(entry: os.DirEntry[str], child: Path) -> bool:
    """Whether ``entry`` is a file or a link to one (as ``Path.is_file``)."""
    import errno

    try:
        return entry.is_file()
    except OSError as e:
        if e.errno == errno.ENAMETOOLONG:
            raise UsageError("usage.name_too_long", path=str(child)) from None
        return False


def _check_exists(name: str) -> None:
    """A ``UsageError`` saying why ``name`` cannot be reached, if it cannot."""
    import errno
    import os

    try:
        os.stat(name)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise UsageError("usage.link_loop", path=name) from None
        if e.errno == errno.ENAMETOOLONG:
            raise UsageError("usage.name_too_long", path=name) from None
        if os.path.islink(name):
            raise UsageError("usage.broken_link", path=name,
                             target=os.readlink(name)) from None
        raise UsageError("usage.no_such_path", path=name) from None
    except ValueError:  # a NUL in the name
        raise UsageError("usage.no_such_path", path=name) from None


@paused()  # every file's results stay alive until the end: nothing to collect
def lint_paths(paths: Sequence[str], options: LintOptions, *,
               jobs: int | None = 1, plans: bool = True) -> LintResult:
    """Lint every plan file under ``paths``.

    ``jobs``: how many processes; None decides from the number of files and
    CPUs (``parallel.worker_count``). With one process each ``FileResult``
    keeps its ``plan`` and ``parsed`` unless ``plans`` is False; with several
    it has findings only.
    """
    files = collect(paths, options.exclude)
    workers = 1
    if jobs != 1:
        from .parallel import lint_files, worker_count

        workers = worker_count(jobs, len(files))
        if workers > 1:
            return LintResult(tuple(lint_files(files, options, workers, lint_file)))
    if plans:
        return LintResult(tuple(lint_file(p, options) for p in files))
    # Each file's plan, data and node tree freed before the next is read: the
    # next one's are made in the memory just freed, where keeping them all
    # (some 400 KB a small plan) had every file fill new pages. The last one
    # is not freed at all in a command-line run, which is about to end.
    last = len(files) - 1
    return LintResult(tuple(_findings_only(lint_file(p, options), i == last)
                            for i, p in enumerate(files)))


def _findings_only(result: FileResult, last: bool = False) -> FileResult:
    if last:
        from ..gcpause import keep_until_exit

        keep_until_exit(result)
    return FileResult(result.path, result.findings)


def lint_file(path: str, options: LintOptions, source: SourceText | None = None) -> FileResult:
    """Lint the plan at ``path``, or ``source`` when the caller read it already
    (standard input can be read only once)."""
    source = source or read_source(path, max_bytes=options.max_bytes)
    if source.problem is not None:
        p = source.problem
        msg = i18n.t(p.key, options.lang, encoding=p.encoding)
        # iconv spells them UTF-16LE; plain UTF-16 would read a file without BOM as BE.
        hint = i18n.t(p.key + "_hint", options.lang, encoding=p.encoding,
                      iconv=p.encoding.replace(" ", ""))
        return FileResult(path, (Finding(path, p.line, p.column, YAML_SYNTAX.code,
                                         YAML_SYNTAX.name, "error", msg, hint),))
    return lint_text(source.text, path, options, encoded=source.data)


def errors_only(options: LintOptions) -> LintOptions:
    """``options`` for a caller that only counts errors (``thidua diff``): the rules
    whose findings can only be warnings under them turned off.

    A rule counts when it is on and its severity, the configuration's or its
    own, is error; TD001 is always on and the schema is always validated. The
    errors are those of ``lint_text`` with ``options``: a rule that is off runs
    no check, reports nothing and leaves its ignore comments unjudged. Only
    when TD900 (an unused ignore comment) is an error does every rule stay on,
    since whether a comment silenced something depends on all of them.
    """
    def can_err(rule: Rule) -> bool:
        return options.is_on(rule.code) and options.severity.get(
            rule.code, rule.severity) == "error"

    if can_err(UNUSED_IGNORE):
        return options
    return replace(options, enabled=frozenset(
        {r.code for r in RULES if can_err(r)} | {ALWAYS_ON}))


# How a rule's check is run: ``rule.check(ctx)`` unless a caller knows better.
Runner = Callable[[Rule, Any], Iterable[Hit]]


def lint_text(text: str, path: str, options: LintOptions, *, parsed: Parsed | None = None,
              run: Runner | None = None, tables: bool = False,
              encoded: bytes | None = None) -> FileResult:
    """Lint one plan's text; ``path`` only names it in findings.

    ``parsed``: the text's parse when the caller has it already (``--fix``
    parsed its result to prove it, the language server keeps a buffer's model
    up to date edit by edit), so that a big plan is not parsed twice. ``run``
    (the language server's) reuses the hits of the text rules on the values
    an edit left alone. ``tables``: the text's parse records its whole position
    tables (``parse``), for a caller that reads them (the language server).
    ``encoded``: ``text`` as UTF-8 when the caller read it from those bytes
    (``parse``).
    """
    lang = options.lang
    if parsed is None:
        try:
            parsed = parse(text, tables=tables, encoded=encoded)
        except YamlSyntaxError as e:
            p = e.problem
            return FileResult(path, (_finding(path, p.line, p.column, YAML_SYNTAX,
                                              i18n.t(p.key, lang, **p.args), None),))
    findings = [_finding(path, p.line, p.column, YAML_SYNTAX, i18n.t(p.key, lang, **p.args),
                         None) for p in parsed.problems]
    if not isinstance(parsed.data, dict):
        key = "yaml.empty" if parsed.data is None else "yaml.not_mapping"
        findings.append(_finding(path, 1, 1, YAML_SYNTAX,
                                 i18n.t(key, lang, got=_type_word(_kind(parsed.data), lang)),
                                 None))
        return FileResult(path, tuple(sorted(findings)), None, parsed)

    from .context import Context, DataContext
    from .validate import validate

    plan, schema_hits = validate(parsed)
    ran = {YAML_SYNTAX.code, SCHEMA.code}
    findings.extend(_place(path, parsed, text, SCHEMA, schema_hits, lang, options.library))
    data_ctx = DataContext(parsed, options.today)
    ctx = Context(parsed, options.today, plan, options.awards) if plan is not None else None
    lost: frozenset[str] = frozenset()
    if plan is None and schema_hits:
        # The plan rules still run on the parts that can be read (partial.py).
        from .partial import readable

        part = readable(parsed)
        if part is not None:
            ctx, lost = Context(part.parsed, options.today, part.plan,
                                      options.awards), part.lost
    for rule in RULES:
        if rule.check is None or not options.is_on(rule.code):
            continue
        if rule.needs_plan and (ctx is None or lost.intersection(rule.intact)):
            continue
        check = rule.check if run is None else functools.partial(run, rule)
        if rule.needs_plan:
            assert ctx is not None
            hits, placed_in = iter(check(ctx)), ctx.parsed
        else:
            hits, placed_in = iter(check(data_ctx)), parsed  # type: ignore[arg-type]
        # Most rules find nothing in most files: no placing for them.
        first = next(hits, None)
        if first is not None:
            findings.extend(_place(path, placed_in, text, rule, chain((first,), hits), lang,
                                   options.library))
        ran.add(rule.code)
    findings = [_configured(f, options) for f in findings if options.is_on(f.code)]
    findings = _suppress(path, text, findings, ran, options)
    return FileResult(path, tuple(sorted(findings)), plan, parsed)


def _suppress(path: str, text: str, findings: list[Finding], ran: set[str],
              options: LintOptions) -> list[Finding]:
    if "thidua:" not in text:  # no ignore comments: skip even importing their module
        return findings
    from .suppression import apply, directives, silencer

    found = directives(text)
    if not found:
        return findings
    judged = {code for code in ran if options.is_on(code)}
    kept, unused = apply(findings, found, judged)
    if options.is_on(UNUSED_IGNORE.code):
        from .selection import closest

        silenced = silencer(found)
        guesses: dict[str, str | None] = {}  # an unknown name → the rule it may mean
        for u in unused:
            if u.reason == "unknown" and u.item not in guesses \
                    and len(guesses) < HINTS_OF_UNKNOWN:
                guesses[u.item] = closest(u.item)
            f = _configured(_unused_finding(path, u, options.lang, guesses.get(u.item)),
                            options)
            if not silenced(f):
                kept.append(f)
    return kept


#: The different unknown names in ignore comments given a "did you mean" a plan:
#: difflib's look for each of 200,000 names of one comment took minutes.
HINTS_OF_UNKNOWN = 100


def _unused_finding(path: str, unused: Unused, lang: Lang, close: str | None) -> Finding:
    d: Directive = unused.directive
    scope = "file" if d.file_level else "line"
    message = i18n.t(f"textrule.unused-ignore_{unused.reason}", lang, item=unused.item,
                     scope=i18n.t(f"textrule.scope_{scope}", lang))
    hint: str | None = None
    if unused.reason == "unknown":  # `close`: None past HINTS_OF_UNKNOWN different names
        hint = i18n.t("hint.did_you_mean", lang, suggestion=close) if close else None
    elif unused.reason in ("empty", "misplaced"):
        hint = i18n.t(f"textrule.unused-ignore_{unused.reason}_hint", lang)
    elif not d.file_level and d.own_line:
        hint = i18n.t("textrule.unused-ignore_own_line_hint", lang)
    return _finding(path, d.line, d.column, UNUSED_IGNORE, message, hint)


def _configured(finding: Finding, options: LintOptions) -> Finding:
    severity = options.severity.get(finding.code)
    return replace(finding, severity=severity) if severity else finding


def _place(path: str, parsed: Parsed, text: str, rule: Rule, hits: Iterable[Hit],
           lang: Lang, library: bool = False) -> Iterable[Finding]:
    from ..errors import LIBRARY_KEYS

    lines: list[str] | None = None
    for hit in hits:
        if hit.at == "key":
            span = parsed.key_span(hit.loc)
            (line, col), end = span if span is not None else (parsed.value_pos(hit.loc), None)
        else:
            (line, col), end = parsed.value_span(hit.loc)
            if hit.span is not None:
                lines = lines if lines is not None else text.split("\n")
                col, end = _span_in_value(lines, line, col, parsed, hit, end)
        key = hit.key if "." in hit.key else f"rule.{hit.key}"
        if "got" in hit.args:  # a kind of YAML value, named in the user's language
            hit = hit._replace(args={**hit.args, "got": _type_word(hit.args["got"], lang)})
        # A pydantic error we have no text for keeps pydantic's own (English) words.
        message = i18n.t(key, lang, **hit.args) if i18n.has(key) else str(
            hit.args.get("pydantic", key))
        hint_key = LIBRARY_KEYS.get(hit.hint, hit.hint) if library and hit.hint else hit.hint
        hint = i18n.t(hint_key, lang, **hit.hint_args) if hint_key else None
        if rule is SCHEMA and parsed.key_span(hit.loc) is not None and (
                hit.at == "key" or _value_at(parsed.data, hit.loc) is None):
            lines = lines if lines is not None else text.split("\n")
            hint = _comma_hint(lines, parsed, hit, lang) or hint
        suggestion = hit.hint_args.get("suggestion") if hit.hint else None
        yield Finding(path, line, col, rule.code, rule.name, rule.severity, visible(message),
                      None if hint is None else visible(hint), hit.fix,
                      end_line=end[0] if end else None, end_column=end[1] if end else None,
                      suggestion=suggestion if isinstance(suggestion, str) else None)


def _comma_hint(lines: list[str], parsed: Parsed, hit: Hit, lang: Lang) -> str | None:
    """The hint for a key that a comma inside ``{...}`` made (``comma.py``)."""
    from .comma import after_comma

    line, col = parsed.key_pos(hit.loc)
    if line > len(lines) or not after_comma(lines[line - 1], col - 1):
        return None
    # The words after such a comma are a key with no value; a key after a comma
    # with a value of its own (`{id: o, text: t}`) is a misnamed key, not a split.
    value: Any = parsed.data
    for part in hit.loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            value = None
            break
    if value is not None:
        return None
    key = str(hit.loc[-1])
    number = re.search(r"(\d+)\s*,\s*$", lines[line - 1][:col - 1])
    if number is not None and key.isdigit():  # {khoi: 18,5}: a decimal comma
        return i18n.t("hint.decimal_comma", lang, value=f"{number.group(1)}.{key}")
    return i18n.t("hint.flow_comma", lang, key=key)


def _span_in_value(lines: list[str], line: int, col: int, parsed: Parsed, hit: Hit,
                   end: tuple[int, int] | None) -> tuple[int, tuple[int, int] | None]:
    """The columns of ``hit.span`` when the value's first line holds it (``scalar.py``:
    plain or quoted text, escapes read); otherwise (folded lines, block text) the
    value's own column and end."""
    value = _value_at(parsed.data, hit.loc)
    if not isinstance(value, str) or hit.span is None or line > len(lines):
        return col, end
    first, last = hit.span
    found = column_of(lines[line - 1], col - 1, value, hit.span)
    if found is None:
        return col, end
    after = end_column_of(lines[line - 1], col - 1, value, last) if last > first else None
    return found, ((line, after) if after is not None else None)


def _value_at(data: object, loc: tuple[str | int, ...]) -> object:
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _finding(path: str, line: int, col: int, rule: Rule, message: str,
             hint: str | None) -> Finding:
    return Finding(path, line, col, rule.code, rule.name, rule.severity, visible(message),
                   None if hint is None else visible(hint))


# Control characters and bidi controls from a plan must not reach a terminal
# or a CI log as they are: a newline could forge a line of output (or a CI
# workflow command), ESC could recolour or retitle the terminal, U+202E could
# reorder what is shown. They are shown escaped, as Python writes them
# (text/control.py, shared with thidua diff). Invisible format characters
# (zero-width space, BOM) are shown too: an id that looks right but is
# refused must show why.
MAX_MESSAGE = 500


def visible(text: str) -> str:
    """``text`` with control characters escaped, cut to ``MAX_MESSAGE`` characters."""
    text = control.visible(text)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"


def _type_word(name: object, lang: Lang) -> str:
    """``mapping`` → ``ánh xạ``: the words of YAML's kinds of values, translated."""
    key = f"type.{name}"
    return i18n.t(key, lang) if i18n.has(key) else str(name)


def _kind(value: object) -> str:
    from .validate import type_name

    return type_name(value)
