"""Project configuration: ``.thidua.toml`` or ``[tool.thidua]`` in ``pyproject.toml``.

The file is looked for from the current directory upward; the first
directory with a ``.thidua.toml``, or a ``pyproject.toml`` that has a
``[tool.thidua]`` table, wins (``.thidua.toml`` first). ``--config FILE``
names one directly. Keys::

    select = ["TD1", "TD2", "misspelling"]   # rules to run (default: all)
    ignore = ["TD301"]                        # rules not to run
    exclude = ["drafts/**", "*.old.yaml"]     # files not to lint
    today = 2022-06-01                        # the date deadlines are checked against
    docs_url = "https://example.org/thidua/docs/rules.md"   # SARIF rules' helpUri base
    [severity]                                # (or [tool.thidua.severity])
    TD204 = "error"                           # error, warning or off
    [awards."Cờ thi đua của Chính phủ"]        # (or [tool.thidua.awards."..."])
    threshold = 90                            # the vote's rule for one award, over
    quota = 1                                 # data/awards.toml (docs/kinds.md)

Rules are named by code, name, or code prefix (``TD4``). A mistake (unknown
key or rule, wrong type) is a ``ConfigError`` naming the file and the line:
tomllib gives no positions, so the line is found by searching the text for
the key, which is right for any configuration written one key a line.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, NamedTuple, cast

from .errors import ConfigError, UsageError
from .lint.finding import Severity
from .lint.rules import YAML_SYNTAX
from .text.control import visible

FILENAMES = (".thidua.toml", "pyproject.toml")
KEYS = ("select", "ignore", "severity", "exclude", "today", "docs_url", "awards")
LEVELS = ("error", "warning", "off")
ALWAYS_ON = YAML_SYNTAX.code


class Exclude(NamedTuple):
    """Globs relative to ``root``, gitignore-like.

    A pattern with a ``/`` is matched against the path from ``root``
    (``drafts/**``, ``plans/old-*.yaml``); one without matches any single
    part of it, file or folder (``*.old.yaml``, ``drafts``). ``**`` spans
    folders. A pattern matching a folder excludes everything in it.

    Matching takes time linear in the pattern times the path (``_wildcard``,
    no regular expression to backtrack): ``*a*a*a*…b`` against a long name
    is as quick as any other pattern. The configuration bounds patterns
    (``MAX_PATTERN`` characters, ``MAX_WILDCARDS`` wildcards) all the same.
    """

    root: Path
    patterns: tuple[str, ...]

    def matches(self, path: str) -> bool:
        # By where the path leads and by its own name: a plan that is a link
        # (`drafts/x.yaml -> elsewhere`) was not excluded by `drafts`.
        root = self.root.resolve()
        return any(self._matches(where, root) for where in dict.fromkeys(
            (Path(path).resolve(), Path(os.path.abspath(path)))))

    def _matches(self, where: Path, root: Path) -> bool:
        try:
            rel = where.relative_to(root)
        except ValueError:
            return False
        parts = PurePosixPath(rel.as_posix()).parts
        for pattern in self.patterns:
            segments = tuple(pattern.strip("/").split("/"))
            if len(segments) > 1:
                # Anchored at the root; matching a folder (a prefix) excludes its files.
                if _matches_a_prefix(segments, parts):
                    return True
            elif any(_wildcard(segments[0], p) for p in parts):
                return True
        return False


def _has_host(url: str) -> bool:
    """Whether ``url`` names a server: ``https://:0`` has none, ``https://[::1``
    an unclosed address, ``https://x:99999`` no port that exists."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        return bool(parts.hostname) and parts.port != 0
    except ValueError:  # the address or the port cannot be read
        return False


#: An empty table, read-only: the one every configuration without it shares.
NOTHING: Mapping[str, Any] = MappingProxyType({})


class Config(NamedTuple):
    """What a configuration file says; empty when there is none."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = NOTHING
    exclude: tuple[str, ...] = ()
    today: date | None = None
    docs_url: str | None = None
    # [awards."<title>"] tables: the vote's rule for an award (votes/thresholds.py).
    awards: Mapping[str, dict[str, Any]] = NOTHING


def find(start: Path) -> Path | None:
    """The configuration file for ``start`` (a folder), searching upward."""
    for folder in (start, *start.parents):
        for name in FILENAMES:
            candidate = folder / name
            if not os.path.lexists(candidate):
                continue
            _check_saved(candidate)
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _check_saved(candidate: Path) -> None:
    """Refuse a configuration found that is no saved file, rather than pass it over.

    Passed over, the bloc's settings were silently not applied, and the next
    folder up's configuration was used instead: a ``.thidua.toml`` linked to a
    shared file that is not there, a FIFO (reading it waits for ever), a folder.
    """
    # Its folder as the user would write it, the name itself not followed.
    folder = shown_path(candidate.parent)
    shown = candidate.name if folder == "." else str(Path(folder) / candidate.name)
    try:
        mode = candidate.stat().st_mode
    except OSError as e:
        if not candidate.is_symlink():
            raise ConfigError("config.unreadable", path=shown,
                              reason=e.strerror or str(e)) from None
        raise ConfigError("config.found_dangling", path=shown,
                          target=os.readlink(candidate)) from None
    if not stat.S_ISREG(mode):
        raise ConfigError("config.found_not_a_file", path=shown)
    _check_trusted(candidate, shown)


def _check_trusted(candidate: Path, shown: str) -> None:
    """Refuse a configuration found that someone else could have put there.

    The search goes up to ``/``: a ``/tmp/.thidua.toml`` that another user
    wrote (``ignore = ["TD"]``) silenced every finding of whoever linted a
    plan under ``/tmp``, and a file anyone may write is anyone's. Found only:
    ``--config`` names the file to use whatever it is.
    """
    if not hasattr(os, "getuid"):
        return
    st = candidate.stat()
    if st.st_mode & stat.S_IWOTH:
        raise ConfigError("config.found_writable", path=shown)
    # The file and every symbolic link on the way to it, each in its folder: a
    # link another user put in /tmp (`/tmp/.thidua.toml -> a file of yours`, or
    # `-> /proc/self/environ`) was followed, the file it named being the user's
    # own; and a link of the user's own to another user's file in /tmp was read.
    placed = placed_steps(candidate)
    hop = placed_by_another(placed)
    if hop is not None:
        if len(placed) == 1:
            raise ConfigError("config.found_foreign", path=shown)
        raise ConfigError("config.found_foreign_link", path=shown, target=hop)


def placed_by_another(placed: list[tuple[str, int]]) -> str | None:
    """The first of ``placed`` (``placed_steps``: a path, its links, the end) that belongs to
    another user than this one or root and lies in a folder anyone can write to:
    anyone may have put it there. Also for ``./templates`` (``render.templates``)."""
    for hop, owner in placed:
        try:
            open_to_all = os.stat(os.path.dirname(hop) or ".").st_mode & stat.S_IWOTH
        except OSError:
            continue
        if owner not in (os.getuid(), 0) and open_to_all:
            return hop
    return None


def placed_steps(candidate: Path) -> list[tuple[str, int]]:
    """(path, owner) of ``candidate``, of each symbolic link it leads through and
    of the file at the end (at most 40 links: the kernel's own bound)."""
    placed: list[tuple[str, int]] = []
    hop = os.fspath(candidate)
    for _ in range(41):
        try:
            st = os.lstat(hop)
        except OSError:
            break
        placed.append((hop, st.st_uid))
        if not stat.S_ISLNK(st.st_mode):
            break
        hop = os.path.normpath(os.path.join(os.path.dirname(hop), os.readlink(hop)))
    return placed


_TOOL_AND_THIDUA = re.compile(r"^[^#\n]*\btool\b[^#\n]*\bthidua\b", re.M)
_TOOL_HEADER = re.compile(r"^\s*\[\s*[\"']?tool[\"']?\s*\]", re.M)
_THIDUA_KEY = re.compile(r"^\s*[\"']?thidua[\"']?\s*[.=]", re.M)


def _has_tool_table(path: Path) -> bool:
    try:
        # Up to the bound a configuration has: a found pyproject.toml of 300 MB
        # (`truncate -s`) was read whole, 645 MB, to be passed over.
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return b"thidua" in raw  # then `load` says it is too large
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    # Cheap test first; pyproject files without the table are common.
    if "thidua" not in text:
        return False
    if re.search(r"^\s*\[\s*tool\s*\.\s*thidua\b", text, re.M) is not None:
        return True  # a syntax error in it is then the configuration's to report
    # The table under another of TOML's spellings (`tool.thidua.ignore = [...]`,
    # `[tool."thidua"]`, `thidua = {...}` under `[tool]`): passed over when
    # found, its settings silently not applied, where --config read them.
    # Parsed only when a line could be one (a project named thidua-... is not).
    if not (_TOOL_AND_THIDUA.search(text)
            or (_TOOL_HEADER.search(text) and _THIDUA_KEY.search(text))):
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return False
    return isinstance(tool, dict) and isinstance(tool.get("thidua"), dict)


def _encoding_error(raw: bytes, shown: str) -> ConfigError:
    """Which encoding the file most likely is, as the plan reader says it (Notepad's UTF-16)."""
    from .source import decode

    problem = decode(raw, shown).problem
    if problem is not None and problem.key == "encoding.utf16":
        return ConfigError("config.utf16", path=shown, line=1, column=1,
                           encoding=problem.encoding,
                           iconv=problem.encoding.replace(" ", ""))
    line, column = (problem.line, problem.column) if problem is not None else (1, 1)
    return ConfigError("config.not_utf8", path=shown, line=line, column=column)


#: A configuration file is a few lines; a pyproject.toml rarely passes 100 KB.
MAX_BYTES = 4 * 1024 * 1024


def load(path: Path) -> Config:
    """Read and check one configuration file."""
    from .atomic import note_input
    from .source import NoWriter, open_input

    shown = shown_path(path)
    note_input(path)  # an input of the run: no output may replace it
    try:
        # Read up to a bound: `--config /dev/zero` read for ever (a FIFO, as
        # `--config <(...)` gives, is read as usual).
        with open_input(path) as stream:  # a FIFO nobody writes to is not waited on for ever
            raw = stream.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ConfigError("config.too_large", path=shown, limit=MAX_BYTES)
        text = raw.decode("utf-8-sig")  # Notepad saves a BOM; plans may have one too
    except UnicodeDecodeError:
        raise _encoding_error(raw, shown) from None
    except NoWriter as e:
        raise ConfigError("config.fifo_no_writer", path=shown, seconds=e.seconds) from None
    except FileNotFoundError:
        raise ConfigError("config.not_found", path=shown) from None
    except IsADirectoryError:
        raise ConfigError("config.is_dir", path=shown) from None
    except OSError as e:
        raise ConfigError("config.unreadable", path=shown, reason=e.strerror or str(e)) from None
    import tomllib  # here: most runs find no configuration to read

    try:
        data = tomllib.loads(text)
    except RecursionError:
        # tomllib parses nested arrays and tables by recursion: 1,000 deep is the end.
        lines = text.split("\n")
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("[") + lines[i].count("{"))
        raise ConfigError("config.too_deep", path=shown, line=deepest + 1) from None
    except ValueError as e:  # TOMLDecodeError, or Python's own bound on a number's digits
        if not isinstance(e, tomllib.TOMLDecodeError):
            # tomllib lets int() refuse a number of more than 4,300 digits with
            # a ValueError of its own (it was an internal error): name its line.
            raise ConfigError("config.syntax", path=shown, line=_long_number_line(text),
                              detail=str(e).split(";")[0]) from None
        line = re.search(r"line (\d+)", str(e))
        # "at end of document": the last line
        at = int(line.group(1)) if line else max(1, len(text.rstrip("\n").split("\n")))
        raise ConfigError("config.syntax", path=shown, line=at,
                          detail=re.sub(r"\s*\(at (line|end).*\)$", "", str(e))) from None
    table: Any = data
    if path.name == "pyproject.toml":
        # `tool = 5` is no table to look in (it was an internal error,
        # AttributeError): refused as a [tool.thidua] that is no table.
        tool = data.get("tool", {})
        table = tool.get("thidua", {}) if isinstance(tool, dict) else tool
    return _Reader(path, text, table).read()


def _long_number_line(text: str) -> int:
    """The line of the longest run of digits in ``text``: the number tomllib refused."""
    runs = [(len(m.group()), text.count("\n", 0, m.start()) + 1)
            for m in re.finditer(r"[0-9_]{100,}", text)]
    return max(runs)[1] if runs else 1


class _Reader:
    def __init__(self, path: Path, text: str, table: Any) -> None:
        self.path, self.text, self.table = path, text, table
        self.shown = shown_path(path)
        self.lines = text.split("\n")
        self.section = 1
        if path.name == "pyproject.toml":
            self.section = (self._find(r"^\s*\[\s*tool\s*\.\s*thidua\b", 1)
                            or self._find(r"^\s*tool\s*=", 1) or 1)

    def read(self) -> Config:
        if not isinstance(self.table, dict):
            self._fail(self.section, "config.not_table")
        for key in self.table:
            if key not in KEYS:
                self._fail(self._key_line(key), "config.unknown_key", setting=key,
                           known=", ".join(KEYS))
        select = self._rules("select") if "select" in self.table else None
        ignore = self._rules("ignore")
        for item in ignore:
            self._check_not_always_on(item, "ignore")
        return Config(self.path, select, ignore, self._severity(), self._exclude(),
                      self._today(), self._url("docs_url"),
                      self._awards())

    def _url(self, key: str) -> str | None:
        value = self.table.get(key)
        if value is None:
            return None
        # Whole, with no fragment (each rule's is added) and nothing a URI cannot
        # hold: `$` let a final line break through, `\S` an ESC or a bidi
        # override, and each went into SARIF's helpUri, no URI any more.
        if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s#]+", value) \
                or visible(value) != value or not _has_host(value):
            self._fail(self._key_line(key), "config.bad_url", setting=key, value=value)
        return cast(str, value)

    def _awards(self) -> dict[str, dict[str, Any]]:
        from . import points
        from .votes.thresholds import BASES
        from .votes.thresholds import KEYS as AWARD_KEYS

        table = self.table.get("awards", {})
        if not isinstance(table, dict):
            self._fail(self._key_line("awards"), "config.awards_not_table")
        out: dict[str, dict[str, Any]] = {}
        for title, values in table.items():
            line = self._key_line(title, after=self._key_line("awards"))
            if not isinstance(values, dict):
                self._fail(line, "config.awards_not_table")
            for name, value in values.items():
                at = self._key_line(name, after=line)
                if name not in AWARD_KEYS or name == "verified":
                    self._fail(at, "config.award_unknown_key", award=title, setting=name,
                               known=", ".join(k for k in AWARD_KEYS if k != "verified"))
                good = {
                    # Two decimals at most, as the documents print it: 66.666 was
                    # shown "từ 66,67%" above a 2-of-3 share cut to "66,66%, đạt".
                    "threshold": isinstance(value, int | float) and not isinstance(value, bool)
                    and 0 < value <= 100 and points.decimals(value) <= points.DECIMALS,
                    "quota": isinstance(value, int) and not isinstance(value, bool) and value > 0,
                    "of": value in BASES,
                    "leads": isinstance(value, bool),
                    "aliases": isinstance(value, list) and all(isinstance(v, str) for v in value),
                }.get(name, isinstance(value, str))
                if not good:
                    self._fail(at, f"config.award_bad_{name}", award=title, value=value)
            out[title] = dict(values)
        return out

    def _exclude(self) -> tuple[str, ...]:
        patterns = self._strings("exclude")
        for pattern in patterns:
            wildcards = pattern.count("*") + pattern.count("?")
            if len(pattern) > MAX_PATTERN or wildcards > MAX_WILDCARDS:
                self._fail(self._value_line("exclude", pattern), "config.pattern_too_long",
                           pattern=pattern[:40] + ("…" if len(pattern) > 40 else ""),
                           length=len(pattern), wildcards=wildcards,
                           max_length=MAX_PATTERN, max_wildcards=MAX_WILDCARDS)
        return patterns

    def _strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self._fail(self._key_line(key), "config.not_list", setting=key)
        return tuple(value)

    def _rules(self, key: str) -> tuple[str, ...]:
        from .lint.selection import closest, resolve

        items = self._strings(key)
        for item in items:
            if resolve(item) is None:
                self._unknown_rule(self._value_line(key, item), key, item, closest(item))
        return items

    def _severity(self) -> dict[str, str]:
        from .lint.selection import closest, exact

        table = self.table.get("severity", {})
        if not isinstance(table, dict):
            self._fail(self._key_line("severity"), "config.not_severity_table")
        out: dict[str, str] = {}
        for item, level in table.items():
            code = exact(item)
            line = self._key_line(item, after=self._key_line("severity"))
            if code is None:
                self._unknown_rule(line, "severity", item, closest(item))
            if level not in LEVELS:
                self._fail(line, "config.bad_level", item=item, value=level,
                           known=", ".join(LEVELS))
            self._check_not_always_on(item, "severity")
            out[cast(str, code)] = level
        return out

    def _today(self) -> date | None:
        value = self.table.get("today")
        if value is None:
            return None
        day = value if isinstance(value, date) and not hasattr(value, "hour") else None
        if isinstance(value, str):
            from contextlib import suppress

            from .dates import parse_date

            with suppress(ValueError):
                day = parse_date(value)
        if day is None:
            self._fail(self._key_line("today"), "config.bad_today", value=value)
            return None  # pragma: no cover
        from .dates import EARLIEST_YEAR, LATEST_YEAR, in_range

        if not in_range(day):
            self._fail(self._key_line("today"), "config.today_out_of_range",
                       value=day.isoformat(), first=EARLIEST_YEAR, last=LATEST_YEAR)
        return day

    def _check_not_always_on(self, item: str, key: str) -> None:
        from .lint.selection import exact

        if exact(item) == ALWAYS_ON:
            self._fail(self._value_line(key, item), "config.always_on", setting=key, item=item)

    def _find(self, pattern: str, after: int) -> int | None:
        regex = re.compile(pattern)
        for number in range(after, len(self.lines) + 1):
            if regex.search(self.lines[number - 1]):
                return number
        return None

    def _key_line(self, key: str, after: int | None = None) -> int:
        quoted = re.escape(key)
        pattern = (rf"(?:^|[{{,]])\s*(?:{quoted}|\"{quoted}\"|'{quoted}')\s*(?:=|\.)"
                   rf"|\[\s*(?:tool\.thidua\.)?{quoted}\s*\]")
        start = after or self.section
        return self._find(pattern, start) or start

    def _value_line(self, key: str, item: str) -> int:
        start = self._key_line(key)
        quoted = re.escape(item)
        return self._find(rf"[\"']{quoted}[\"']", start) or start

    def _unknown_rule(self, line: int, key: str, item: str, close: str | None) -> None:
        if close:
            self._fail(line, "config.unknown_rule_close", setting=key, item=item,
                       suggestion=close)
        self._fail(line, "config.unknown_rule", setting=key, item=item)

    def _fail(self, line: int, message: str, **args: Any) -> None:
        raise ConfigError(message, path=self.shown, line=line, **args)


def shown_path(path: Path) -> str:
    """The path as the user would write it: relative to here when it is below."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link loop (Python 3.11)
        return str(path)


#: The longest exclude pattern, and the most wildcards in one: far more than
#: any folder layout needs, and a bound on what matching one path can cost.
MAX_PATTERN = 256
MAX_WILDCARDS = 16


def _matches_a_prefix(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether the pattern's ``/``-separated segments match the path ``parts`` or a
    folder above it (``parts[:i]``, ``i`` at least 1).

    A ``**`` segment spans any number of folders (none too). The path is read
    once, part by part, keeping the set of segments reached so far: at most
    segments × parts wildcard matches, without recursion (a path 1,000 folders
    deep stopped ``lint`` with a RecursionError).
    """
    def spans(reached: set[int]) -> set[int]:
        # A ``**`` reached may match no folder: the segment after it is reached too.
        out, todo = set(reached), list(reached)
        while todo:
            i = todo.pop()
            if i < len(pattern) and pattern[i] == "**" and i + 1 not in out:
                out.add(i + 1)
                todo.append(i + 1)
        return out

    reached = spans({0})
    for part in parts:
        reached = spans({i for i in reached if i < len(pattern) and pattern[i] == "**"}
                        | {i + 1 for i in reached if i < len(pattern) and pattern[i] != "**"
                           and _wildcard(pattern[i], part)})
        if len(pattern) in reached:
            return True
        if not reached:
            return False
    return False


def _wildcard(pattern: str, text: str) -> bool:
    """``*`` (any run of characters, ``**`` alike inside a name) and ``?`` (one).

    The runs between the ``*`` are of fixed length, so each may be matched at
    the first place it fits after the one before (the first run at the start,
    the last at the end): each is looked for once, by ``str.find`` or a regular
    expression of literals and ``.`` (no repetition, so nothing to backtrack),
    in C. The two-pointer match before was ``len(pattern) * len(text)`` steps
    of Python a name, and 16,000 patterns of 250 characters (a 4 MB
    configuration) took 25 s of CPU to lint one plan.
    """
    runs = pattern.split("*")
    if len(runs) == 1:
        return len(text) == len(pattern) and _at(pattern, text, 0)
    first, middle, last = runs[0], runs[1:-1], runs[-1]
    end = len(text) - len(last)
    if end < len(first) or not (_at(first, text, 0) and _at(last, text, end)):
        return False
    at = len(first)
    for run in middle:
        if run:
            found = _find(run, text, at, end)
            if found < 0:
                return False
            at = found + len(run)
    return True


def _at(run: str, text: str, start: int) -> bool:
    """Whether ``run`` (``?`` for any one character) stands in ``text`` at ``start``."""
    if "?" not in run:
        return text.startswith(run, start)
    return _run_expression(run).match(text, start) is not None


def _find(run: str, text: str, start: int, end: int) -> int:
    """Where ``run`` (``?`` for any one character) first stands in ``text[start:end]``, or -1."""
    if "?" not in run:
        return text.find(run, start, end)
    found = _run_expression(run).search(text, start, end)
    return -1 if found is None else found.start()


@functools.lru_cache(maxsize=4096)
def _run_expression(run: str) -> re.Pattern[str]:
    return re.compile("".join("." if c == "?" else re.escape(c) for c in run), re.S)


def split_items(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """``--select TD4,TD201 --select misspelling`` → ``("TD4", "TD201", "misspelling")``."""
    if values is None:
        return None
    return tuple(item.strip() for v in values for item in v.split(",") if item.strip())


class Settings(NamedTuple):
    """What the configuration and the command line decide together."""

    enabled: frozenset[str] | None
    severity: dict[str, Severity]
    exclude: Exclude | None
    today: date | None
    awards: Mapping[str, dict[str, Any]] = NOTHING


def settings(config: Config, select: Sequence[str] | None = None,
             ignore: Sequence[str] = ()) -> Settings:
    """Combine: ``--select`` replaces the file's ``select``, ``--ignore`` adds to ``ignore``.

    Raises ``UsageError`` for a command-line name that is no rule.
    """
    from .lint.rules import RULES
    from .lint.selection import closest, exact, resolve

    def codes(items: Iterable[str], option: str) -> set[str]:
        out: set[str] = set()
        for item in items:
            found = resolve(item)
            if found is None:
                close = closest(item)
                if close:
                    raise UsageError("config.cli_unknown_rule_close", option=option, item=item,
                                     suggestion=close)
                raise UsageError("config.cli_unknown_rule", option=option, item=item)
            out |= found
        return out

    for item in ignore:
        if exact(item) == ALWAYS_ON:
            raise UsageError("config.cli_always_on", option="--ignore", item=item)
    chosen = select if select is not None else config.select
    enabled = codes(chosen, "--select") if chosen is not None else {r.code for r in RULES}
    enabled -= codes(config.ignore, "ignore")
    enabled -= codes(ignore, "--ignore")
    severity: dict[str, Severity] = {}
    for code, level in config.severity.items():
        if level == "off":
            enabled.discard(code)
        else:
            severity[code] = cast(Severity, level)
    everything = {r.code for r in RULES}
    exclude = (Exclude(config.path.parent, config.exclude)
               if config.path is not None and config.exclude else None)
    return Settings(None if enabled >= everything else frozenset(enabled | {ALWAYS_ON}),
                    severity, exclude, config.today, config.awards)
