"""The lint engine: file → findings.

Reading, parsing and schema validation produce TD001 and TD002; the plan
rules run on a valid plan only (their references need one). The engine places
every hit at its line and column, stamps code, rule name and severity,
translates the message and sorts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import i18n
from ..errors import UsageError
from ..i18n import Lang
from ..loader import Parsed, YamlSyntaxError, parse
from ..model import Plan
from ..source import DEFAULT_MAX_BYTES, read_source
from .finding import Finding, Hit
from .rules import RULES, SCHEMA, YAML_SYNTAX, Rule

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LintOptions:
    lang: Lang = "en"
    today: date = field(default_factory=date.today)
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...]
    plan: Plan | None = None
    parsed: Parsed | None = None


@dataclass(frozen=True)
class LintResult:
    files: tuple[FileResult, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def collect(paths: Sequence[str]) -> list[str]:
    """The plan files named by ``paths``: files as given, directories searched."""
    found: list[str] = []
    for name in paths:
        if name == "-":
            found.append(name)
            continue
        path = Path(name)
        if path.is_dir():
            inside = sorted(
                str(p) for p in path.rglob("*")
                if p.suffix in PLAN_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise UsageError("usage.no_plans", path=name)
            found.extend(inside)
        elif path.exists():
            found.append(name)
        else:
            raise UsageError("usage.no_such_path", path=name)
    return found


def lint_paths(paths: Sequence[str], options: LintOptions) -> LintResult:
    """Lint every plan file under ``paths``."""
    return LintResult(tuple(lint_file(p, options) for p in collect(paths)))


def lint_file(path: str, options: LintOptions) -> FileResult:
    source = read_source(path, max_bytes=options.max_bytes)
    if source.problem is not None:
        p = source.problem
        msg = i18n.t(p.key, options.lang, encoding=p.encoding)
        # iconv spells them UTF-16LE; plain UTF-16 would read a file without BOM as BE.
        hint = i18n.t(p.key + "_hint", options.lang, encoding=p.encoding,
                      iconv=p.encoding.replace(" ", ""))
        return FileResult(path, (Finding(path, p.line, p.column, YAML_SYNTAX.code,
                                         YAML_SYNTAX.name, "error", msg, hint),))
    return lint_text(source.text, path, options)


def lint_text(text: str, path: str, options: LintOptions) -> FileResult:
    """Lint one plan's text; ``path`` only names it in findings."""
    lang = options.lang
    try:
        parsed = parse(text)
    except YamlSyntaxError as e:
        p = e.problem
        return FileResult(path, (_finding(path, p.line, p.column, YAML_SYNTAX,
                                          i18n.t(p.key, lang, **p.args), None),))
    findings = [_finding(path, p.line, p.column, YAML_SYNTAX, i18n.t(p.key, lang, **p.args),
                         None) for p in parsed.problems]
    if not isinstance(parsed.data, dict):
        key = "yaml.empty" if parsed.data is None else "yaml.not_mapping"
        findings.append(_finding(path, 1, 1, YAML_SYNTAX,
                                 i18n.t(key, lang, got=_kind(parsed.data)), None))
        return FileResult(path, tuple(sorted(findings)), None, parsed)

    from .validate import validate

    plan, schema_hits = validate(parsed)
    findings.extend(_place(path, parsed, SCHEMA, schema_hits, lang))
    if plan is not None:
        from .context import Context

        ctx = Context(plan, parsed, options.today)
        for rule in RULES:
            if rule.check is not None:
                findings.extend(_place(path, parsed, rule, rule.check(ctx), lang))
    return FileResult(path, tuple(sorted(findings)), plan, parsed)


def _place(path: str, parsed: Parsed, rule: Rule, hits: Iterable[Hit],
           lang: Lang) -> Iterable[Finding]:
    for hit in hits:
        if hit.at == "key":
            line, col = parsed.key_pos(hit.loc)
        else:
            line, col = parsed.value_pos(hit.loc)
        key = hit.message if "." in hit.message else f"rule.{hit.message}"
        # A pydantic error we have no text for keeps pydantic's own (English) words.
        message = i18n.t(key, lang, **hit.args) if i18n.has(key) else str(
            hit.args.get("pydantic", key))
        hint = i18n.t(hit.hint, lang, **hit.hint_args) if hit.hint else None
        yield _finding(path, line, col, rule, message, hint)


def _finding(path: str, line: int, col: int, rule: Rule, message: str,
             hint: str | None) -> Finding:
    return Finding(path, line, col, rule.code, rule.name, rule.severity, visible(message),
                   None if hint is None else visible(hint))


# Control characters and bidi controls from a plan must not reach a terminal
# or a CI log as they are: a newline could forge a line of output (or a CI
# workflow command), ESC could recolour or retitle the terminal, U+202E could
# reorder what is shown. They are shown escaped, as Python writes them.
# Invisible format characters (zero-width space, BOM) are shown too: an id
# that looks right but is refused must show why.
_ESCAPES = {c: ascii(chr(c))[1:-1] for c in (
    *range(0x20), *range(0x7F, 0xA0), 0xAD, 0x61C, 0x180E, *range(0x200B, 0x2010),
    *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF)}
MAX_MESSAGE = 500


def visible(text: str) -> str:
    """``text`` with control characters escaped, cut to ``MAX_MESSAGE`` characters."""
    text = text.translate(_ESCAPES)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"


def _kind(value: object) -> str:
    from .validate import type_name

    return type_name(value)
