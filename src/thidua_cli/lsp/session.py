"""The open plans: their text, their findings and their index, kept up to date.

Each buffer is linted from its text (never from the disk) by the same engine
as ``thidua lint``, with the configuration found from the file's folder
upward, as ``thidua lint`` run in that folder would find it. A buffer that
does not parse keeps the index of its last text that did, so completion and
hover still know the bloc's members while a line is half typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from ..errors import ThiduaError
from ..i18n import Lang
from ..lint.engine import FileResult, LintOptions
from ..loader import Parsed
from .cache import LintCache
from .index import Index, build
from .positions import Lines

if TYPE_CHECKING:
    from .diagnostics import Memo


@dataclass
class Document:
    uri: str
    text: str
    version: int | None
    lines: Lines
    result: FileResult | None = None
    parsed: Parsed | None = None  # of the last text that parsed (may be older than ``text``)
    current: bool = False  # whether ``parsed`` and ``index`` are of ``text``
    excluded: bool = False
    cache: LintCache = field(default_factory=LintCache)
    diagnostics: Memo = field(default_factory=dict)  # the last ones published
    _index: Index = field(default_factory=Index)
    _indexed: Parsed | None = None

    @property
    def path(self) -> Path | None:
        return path_of(self.uri)

    @property
    def index(self) -> Index:
        """The ids of ``parsed``, built when a request first needs them: a lint
        does not wait for them (a 2,000-task plan's take 50 ms)."""
        if self.parsed is not self._indexed:
            self._index = build(self.parsed) if self.parsed is not None else Index()
            self._indexed = self.parsed
        return self._index


def is_plan(result: FileResult) -> bool:
    """Whether a YAML file is (meant to be) a plan: one that does not parse, or a mapping
    with at least one of a plan's top-level keys.

    An editor attaches the server to every YAML file; CI workflows, compose
    files and lists of anything else get no findings rather than a screenful
    of unknown keys.
    """
    from ..model import Plan

    if result.parsed is None:
        return True
    data = result.parsed.data
    return isinstance(data, dict) and any(key in Plan.model_fields for key in data)


def path_of(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


@dataclass
class Session:
    lang: Lang
    encoding: str = "utf-16"
    root: Path | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    config_error: str | None = None  # the last configuration problem, shown once

    def open(self, uri: str, text: str, version: int | None) -> Document:
        doc = Document(uri, text, version, Lines.of(text, self.encoding))
        self.documents[uri] = doc
        return doc

    def change(self, uri: str, text: str, version: int | None) -> Document:
        doc = self.documents.get(uri)
        if doc is None:
            return self.open(uri, text, version)
        doc.text, doc.version = text, version
        doc.lines = Lines.of(text, self.encoding)
        doc.current = False
        return doc

    def close(self, uri: str) -> None:
        self.documents.pop(uri, None)

    def lint(self, doc: Document) -> FileResult | None:
        """Lint ``doc``'s text now; None when the configuration excludes the file."""
        options = self.options_for(doc.path)
        shown = str(doc.path) if doc.path is not None else doc.uri
        if options.exclude is not None and doc.path is not None and options.exclude.matches(
                str(doc.path)):
            doc.result, doc.excluded = None, True
        else:
            doc.result, doc.excluded = doc.cache.lint(doc.text, shown, options), False
            if not is_plan(doc.result):
                doc.result = None  # a workflow, a compose file: no plan, no findings
        parsed = doc.result.parsed if doc.result is not None else None
        if parsed is None and doc.excluded:
            from ..loader import YamlSyntaxError, parse

            try:
                parsed = parse(doc.text, tables=True)
            except YamlSyntaxError:
                parsed = None
        if parsed is not None:
            doc.parsed = parsed
        doc.current = parsed is not None
        return doc.result

    def options_for(self, path: Path | None) -> LintOptions:
        """``thidua lint``'s options for a file in ``path``'s folder; the defaults (and
        a message kept in ``config_error``) when its configuration is wrong."""
        from ..gate import lint_options

        folder = path.parent if path is not None else (self.root or Path.cwd())
        try:
            options = lint_options(lang=self.lang, cwd=folder)
        except ThiduaError as e:
            where = e.location()
            self.config_error = f"{where}: {e.message(self.lang)}"
            return LintOptions(lang=self.lang)
        self.config_error = None
        return options
