"""The language server: LSP over stdio, each feature a thin handler over this package.

Handlers turn the protocol's positions into the linter's, call one function
(``hover``, ``complete``, ``actions``, ...) and answer. None of them may take
the server down: a handler that fails is logged and answers nothing, so a
half-typed file, or a hostile one, costs one empty answer and the next
request is served as usual.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TextIO, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..i18n import Lang, resolve_lang
from . import cursor as cursor_
from .diagnostics import diagnostics
from .session import Document, Session

log = logging.getLogger("thidua.lsp")
T = TypeVar("T")
Handler = Callable[..., T]

# Linting waits this long after a change, so that a burst of keystrokes is
# linted once; after a slow lint (a plan of thousands of tasks) it waits a
# quarter of that lint's time, at most DEBOUNCE_MAX: the wait is part of the
# latency someone typing sees, and the changes that arrive while a lint runs
# are gathered into the next one anyway.
DEBOUNCE_MIN = 0.005
DEBOUNCE_MAX = 0.025
SWEEP = 100
CONFIG_FILES = (".thidua.toml", "pyproject.toml")


class ThiduaServer(LanguageServer):
    def __init__(self, lang: Lang) -> None:
        from .protocol import ThiduaProtocol, strict_converter

        super().__init__("thidua", __version__, protocol_cls=ThiduaProtocol,
                         converter_factory=strict_converter)
        self.session = Session(lang)
        self.rules_url: str | None = default_rules_url()
        self.pending: dict[str, Any] = {}  # uri → the timer of its next lint
        self.last_seconds: dict[str, float] = {}
        self.shown_error: str | None = None
        self.lints = 0

    def report_server_error(self, error: Exception, source: Any) -> None:
        from .protocol import ThiduaProtocol, answer_unparsable

        # A body that is not JSON is the client's mistake, answered as JSON-RPC
        # says; pygls showed "Error in server: Expecting value ..." instead.
        if isinstance(self.protocol, ThiduaProtocol) and answer_unparsable(self.protocol, error):
            return
        super().report_server_error(error, source)


def default_rules_url() -> str | None:
    """``docs/rules.md`` beside the package in a source checkout; None otherwise."""
    page = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
    return page.as_uri() if page.is_file() else None


def guarded(default: Any) -> Callable[[Handler[T]], Handler[T]]:
    """Answer ``default`` instead of failing, and log why."""
    def wrap(handler: Handler[T]) -> Handler[T]:
        @functools.wraps(handler)
        def run(*args: Any) -> T:
            try:
                return handler(*args)
            except Exception:  # the promise: the server keeps answering
                log.exception("thidua lsp: %s failed", handler.__name__)
                return default  # type: ignore[no-any-return]
        return run
    return wrap


def build(lang: Lang | None = None) -> ThiduaServer:
    server = ThiduaServer(lang or resolve_lang())

    @server.feature(types.INITIALIZE)
    @guarded(None)
    def initialize(ls: ThiduaServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            if str(options.get("lang", "")).lower() in ("vi", "en"):
                ls.session.lang = options["lang"].lower()
            if isinstance(options.get("rulesUrl"), str):
                ls.rules_url = options["rulesUrl"] or None
        encoding = ls.workspace.position_encoding  # an enum member, or a string
        ls.session.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
        from .codec import FastCodec

        # Every document opened from now on converts columns with it (in C).
        ls.workspace._position_codec = FastCodec(encoding)
        root = ls.workspace.root_path
        ls.session.root = Path(root) if root else None

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded(None)
    def did_open(ls: ThiduaServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        lint_now(ls, ls.session.open(item.uri, item.text, item.version))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(None)
    def did_change(ls: ThiduaServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        ls.session.change(uri, text, params.text_document.version)
        schedule(ls, uri)

    @server.feature(types.INITIALIZED)
    @guarded(None)
    def initialized(ls: ThiduaServer, params: types.InitializedParams) -> None:
        # Ask to hear of configuration files changing, where the client can watch them.
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched is None or not watched.dynamic_registration:
            return
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        ls.client_register_capability(types.RegistrationParams([types.Registration(
            id="thidua-configuration", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers))]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded(None)
    def watched_files(ls: ThiduaServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.rsplit("/", 1)[-1] in CONFIG_FILES for change in params.changes):
            relint_all(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded(None)
    def did_save(ls: ThiduaServer, params: types.DidSaveTextDocumentParams) -> None:
        # A configuration saved from the editor applies to every open plan at once.
        if params.text_document.uri.rsplit("/", 1)[-1] in CONFIG_FILES:
            relint_all(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(None)
    def did_close(ls: ThiduaServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.pending.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.session.close(uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded(None)
    def hover(ls: ThiduaServer, params: types.HoverParams) -> types.Hover | None:
        from .hover import hover as hover_at

        found = located(ls, params.text_document.uri, params.position)
        return hover_at(found[0], found[1], ls.session.lang) if found else None

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=[" ", "[", ","]))
    @guarded(None)
    def completion(ls: ThiduaServer, params: types.CompletionParams,
                   ) -> types.CompletionList | None:
        from .completion import complete

        found = located(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        return types.CompletionList(False, complete(found[0], found[1], ls.session.lang))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded(None)
    def definition(ls: ThiduaServer, params: types.DefinitionParams) -> types.Location | None:
        from .navigation import definition as defined

        found = located(ls, params.text_document.uri, params.position)
        return defined(*found) if found else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    @guarded(None)
    def references(ls: ThiduaServer, params: types.ReferenceParams,
                   ) -> list[types.Location] | None:
        from .navigation import references as used

        found = located(ls, params.text_document.uri, params.position)
        return used(*found, params.context.include_declaration) if found else None

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]))
    @guarded(None)
    def code_action(ls: ThiduaServer, params: types.CodeActionParams,
                    ) -> list[types.CodeAction] | None:
        from .actions import actions

        doc = current(ls, params.text_document.uri)
        if doc is None:
            return None
        return actions(doc, params.range, ls.session.lang, ls.rules_url, params.context.only)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded(None)
    def document_symbol(ls: ThiduaServer, params: types.DocumentSymbolParams,
                        ) -> list[types.DocumentSymbol] | None:
        from .symbols import outline

        doc = current(ls, params.text_document.uri)
        if doc is None or doc.parsed is None or not doc.current:
            return []
        return outline(doc.parsed, doc.lines)

    return server


def relint_all(ls: ThiduaServer) -> None:
    """Lint every open plan again (its configuration may have changed)."""
    for doc in list(ls.session.documents.values()):
        guarded(None)(lint_now)(ls, doc)


def current(ls: ThiduaServer, uri: str) -> Document | None:
    """The document, linted up to its latest change (a pending lint runs now)."""
    doc = ls.session.documents.get(uri)
    if doc is not None and uri in ls.pending:
        lint_now(ls, doc)
    return doc


def located(ls: ThiduaServer, uri: str, position: types.Position,
            ) -> tuple[Document, cursor_.Cursor] | None:
    doc = ls.session.documents.get(uri)
    if doc is None:
        return None
    if not doc.current and uri in ls.pending:
        lint_now(ls, doc)  # the index of the latest text, when it parses
    line, column = doc.lines.column(position)
    return doc, cursor_.at(doc.lines, line, column)


def schedule(ls: ThiduaServer, uri: str) -> None:
    import asyncio

    timer = ls.pending.pop(uri, None)
    if timer is not None:
        timer.cancel()
    delay = min(max(ls.last_seconds.get(uri, 0.0) / 4, DEBOUNCE_MIN), DEBOUNCE_MAX)

    def run() -> None:
        ls.pending.pop(uri, None)
        doc = ls.session.documents.get(uri)
        if doc is not None:
            guarded(None)(lint_now)(ls, doc)

    ls.pending[uri] = asyncio.get_running_loop().call_later(delay, run)


def lint_now(ls: ThiduaServer, doc: Document) -> None:
    """Lint ``doc`` and publish its diagnostics."""
    import gc

    from ..gcpause import paused

    timer = ls.pending.pop(doc.uri, None)
    if timer is not None:
        timer.cancel()
    started = time.perf_counter()
    too_big = _too_big(doc, ls.session.lang)
    with paused():  # as in `thidua lint`: what a lint builds lives until the next one
        result = None if too_big else ls.session.lint(doc)
        # What the lint built (a 2,000-task plan's model: some 200,000 objects)
        # lives until a later lint replaces it, and is then freed by reference
        # counting: out of the collector's way. Left to it, the collector went
        # through all of it two or three times after every lint (60-100 ms
        # each). Cyclic garbage frozen with it is collected at every SWEEP-th lint.
        ls.lints += 1
        if ls.lints % SWEEP == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
    ls.last_seconds[doc.uri] = time.perf_counter() - started
    problem = too_big or ls.session.config_error
    if problem and problem != ls.shown_error:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning,
                                                       f"thidua: {problem}"))
    ls.shown_error = problem
    found = [] if result is None else diagnostics(result.findings, doc.lines, ls.rules_url,
                                                  doc.diagnostics)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
        doc.uri, found, doc.version))


def _too_big(doc: Document, lang: Lang) -> str | None:
    """Why a buffer is not linted: larger than ``thidua lint`` reads by default."""
    from ..source import DEFAULT_MAX_BYTES

    limit = DEFAULT_MAX_BYTES
    text = doc.text
    if len(text) * 4 <= limit or len(text.encode("utf-8", "surrogatepass")) <= limit:
        return None
    from .. import i18n

    shown = str(doc.path) if doc.path is not None else doc.uri
    return i18n.t("input.too_large_stream", lang, path=shown, limit=limit)


def serve(lang: Lang | None, stdin: BinaryIO, stdout: BinaryIO, err: TextIO) -> None:
    """Run the server on ``stdin`` and ``stdout`` until the client says exit;
    its log, and the message of a signal or a lost output, go to ``err``."""
    from .channel import BoundedInput, GuardedOutput

    _end_on_signals(err)
    _log_in_lines(err)
    build(lang).start_io(BoundedInput(stdin),  # type: ignore[arg-type]
                         GuardedOutput(stdout, err))  # type: ignore[arg-type]


class _OneLine(logging.Formatter):
    """A log record as one line: a message the client sent that pygls cannot
    handle (not JSON, nested 200,000 deep, a position past 2**32) is one line
    in the editor's log, not a Python traceback. ``THIDUA_DEBUG`` keeps them."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if not record.name.startswith("thidua"):
            # pygls puts a formatted traceback in some messages: its first line says it all.
            text = f"thidua lsp: {record.name}: {text.partition(chr(10))[0]}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f": {type(error).__name__}: {error}"
        from ..text.control import visible

        return visible(text[:500])


def _log_in_lines(err: TextIO) -> None:
    import os

    if os.environ.get("THIDUA_DEBUG"):
        return
    handler = logging.StreamHandler(err)
    handler.setFormatter(_OneLine())
    for name in ("pygls", "thidua"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.propagate = False


def _end_on_signals(err: TextIO) -> None:
    """SIGTERM, SIGINT and SIGHUP end the server at once, with exit 128 + the signal.

    pygls reads stdin in a worker thread and, on the way out, waits for that
    thread, which waits for the client's next byte: a signal (an editor
    stopping the server, ``timeout``) left the process running for ever. The
    server writes no file, so there is nothing to clean up; every answer was
    flushed when it was written.
    """
    import os
    import signal

    def end(signum: int, frame: object) -> None:
        from ..i18n import t

        with contextlib.suppress(OSError, ValueError):
            name = signal.Signals(signum).name
            lang = resolve_lang()
            err.write(f"thidua: {t('report.interrupted', lang, signal=name)}\n")
            err.flush()
        os._exit(128 + signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, end)
