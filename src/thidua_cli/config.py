"""Project configuration: ``.thidua.toml`` or ``[tool.thidua]`` in ``pyproject.toml``.

The file is looked for from the current directory upward; the first
directory with a ``.thidua.toml``, or a ``pyproject.toml`` that has a
``[tool.thidua]`` table, wins (``.thidua.toml`` first). ``--config FILE``
names one directly. Keys::

    select = ["TD1", "TD2", "misspelling"]   # rules to run (default: all)
    ignore = ["TD301"]                        # rules not to run
    exclude = ["drafts/**", "*.old.yaml"]     # files not to lint
    today = 2022-06-01                        # the date deadlines are checked against
    [severity]                                # (or [tool.thidua.severity])
    TD204 = "error"                           # error, warning or off

Rules are named by code, name, or code prefix (``TD4``). A mistake (unknown
key or rule, wrong type) is a ``ConfigError`` naming the file and the line:
tomllib gives no positions, so the line is found by searching the text for
the key, which is right for any configuration written one key a line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, cast

from .errors import ConfigError, UsageError
from .i18n import Lang
from .lint.engine import LintOptions
from .lint.finding import Severity
from .lint.rules import YAML_SYNTAX
from .source import DEFAULT_MAX_BYTES

FILENAMES = (".thidua.toml", "pyproject.toml")
KEYS = ("select", "ignore", "severity", "exclude", "today")
LEVELS = ("error", "warning", "off")
ALWAYS_ON = YAML_SYNTAX.code


@dataclass(frozen=True)
class Exclude:
    """Globs relative to ``root``, gitignore-like.

    A pattern with a ``/`` is matched against the path from ``root``
    (``drafts/**``, ``plans/old-*.yaml``); one without matches any single
    part of it, file or folder (``*.old.yaml``, ``drafts``). ``**`` spans
    folders. A pattern matching a folder excludes everything in it.
    """

    root: Path
    patterns: tuple[str, ...]

    def matches(self, path: str) -> bool:
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return False
        parts = PurePosixPath(rel.as_posix()).parts
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        for pattern in self.patterns:
            regex = _glob(pattern.strip("/"))
            if "/" in pattern.strip("/"):
                if any(regex.fullmatch(p) for p in prefixes):
                    return True
            elif any(regex.fullmatch(p) for p in parts):
                return True
        return False


@dataclass(frozen=True)
class Config:
    """What a configuration file says; empty when there is none."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    today: date | None = None


def find(start: Path) -> Path | None:
    """The configuration file for ``start`` (a folder), searching upward."""
    for folder in (start, *start.parents):
        for name in FILENAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # Cheap test first; pyproject files without the table are common.
    return "thidua" in text and re.search(r"^\s*\[\s*tool\s*\.\s*thidua\b", text, re.M) is not None


def load(path: Path) -> Config:
    """Read and check one configuration file."""
    shown = _shown(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError("config.not_found", path=shown) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError("config.unreadable", path=shown, reason=str(e)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = re.search(r"line (\d+)", str(e))
        # "at end of document": the last line
        at = int(line.group(1)) if line else max(1, len(text.rstrip("\n").split("\n")))
        raise ConfigError("config.syntax", path=shown, line=at,
                          detail=re.sub(r"\s*\(at (line|end).*\)$", "", str(e))) from None
    table: Any = data
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("thidua", {})
    return _Reader(path, text, table).read()


class _Reader:
    def __init__(self, path: Path, text: str, table: Any) -> None:
        self.path, self.text, self.table = path, text, table
        self.shown = _shown(path)
        self.lines = text.split("\n")
        self.section = 1
        if path.name == "pyproject.toml":
            self.section = self._find(r"^\s*\[\s*tool\s*\.\s*thidua\b", 1) or 1

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
        return Config(self.path, select, ignore, self._severity(), self._strings("exclude"),
                      self._today())

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
        if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
            return value
        if isinstance(value, str):
            from .dates import parse_date

            try:
                return parse_date(value)
            except ValueError:
                pass
        self._fail(self._key_line("today"), "config.bad_today", value=value)
        return None  # pragma: no cover

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


def _shown(path: Path) -> str:
    """The path as the user would write it: relative to here when it is below."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _glob(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    return re.compile("".join(out))


def split_items(values: Iterable[str] | None) -> tuple[str, ...] | None:
    """``--select TD4,TD201 --select misspelling`` → ``("TD4", "TD201", "misspelling")``."""
    if values is None:
        return None
    return tuple(item.strip() for v in values for item in v.split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    """What the configuration and the command line decide together."""

    enabled: frozenset[str] | None
    severity: dict[str, Severity]
    exclude: Exclude | None
    today: date | None


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
                    severity, exclude, config.today)


def lint_options(*, lang: Lang, today: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 select: Sequence[str] | None = None, ignore: Sequence[str] = (),
                 config: Path | None = None, cwd: Path | None = None) -> LintOptions:
    """The ``LintOptions`` for a command line: its options over the configuration file.

    ``config`` names the file; otherwise it is looked for from ``cwd`` upward.
    ``--today`` wins over the file's ``today``, which wins over the system date.
    """
    path = config if config is not None else find(cwd or Path.cwd())
    combined = settings(load(path) if path is not None else Config(), select, ignore)
    return LintOptions(lang=lang, today=today or combined.today or date.today(),
                       max_bytes=max_bytes, enabled=combined.enabled,
                       severity=combined.severity, exclude=combined.exclude)
