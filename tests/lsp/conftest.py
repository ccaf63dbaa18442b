"""A real LSP client (pytest-lsp) driving ``thidua lsp`` over stdio.

One server per test module: it is started as a user's editor starts it
(``python -m thidua_cli lsp``), initialized, and shut down and exited at the
end, which must succeed. ``Editor`` wraps the client in the few moves the
tests make: open a plan, replace its text, and wait for the diagnostics the
server publishes for that version.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from ..conftest import EXAMPLE

# Deadlines in the plans are checked against this day, from the configuration.
CONFIG = "today = 2022-06-01\n"


class Editor:
    def __init__(self, client: LanguageClient, folder: Path) -> None:
        self.client = client
        self.folder = folder
        self.versions: dict[str, int] = {}
        # Every publishDiagnostics the client receives, kept by its uri. The
        # client's own wait_for_notification is one-shot: a notification that
        # arrives while no one waits (two read in one go, a burst of changes)
        # would be lost and the wait for it would never end.
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.arrived = asyncio.Event()
        features = client.protocol.fm.features
        original = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

        def record(params: types.PublishDiagnosticsParams) -> object:
            self.published.setdefault(params.uri, []).append(params)
            self.arrived.set()
            return original(params)

        features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record

    def uri(self, name: str) -> str:
        return (self.folder / name).as_uri()

    async def open(self, name: str, text: str) -> list[types.Diagnostic]:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "yaml", 1, text)))
        return await self.diagnostics(uri)

    async def change(self, name: str, text: str) -> list[types.Diagnostic]:
        """Replace the text of an open plan (open it first when it is not)."""
        uri = self.uri(name)
        if uri not in self.versions:
            return await self.open(name, text)
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            [types.TextDocumentContentChangeWholeDocument(text)]))
        return await self.diagnostics(uri)

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        """The diagnostics the server published for the current version of ``uri``."""
        while True:
            for params in reversed(self.published.get(uri, [])):
                if params.version == self.versions[uri]:
                    return list(params.diagnostics)
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), timeout=120)

    async def republished(self, uri: str, before: int) -> list[types.Diagnostic]:
        """The diagnostics of the first publication for ``uri`` after the ``before``
        first ones (the server lints an open plan again, its version unchanged)."""
        while len(self.published.get(uri, [])) <= before:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), timeout=120)
        return list(self.published[uri][before].diagnostics)

    def close(self, name: str) -> None:
        self.versions.pop(self.uri(name), None)
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            types.TextDocumentIdentifier(self.uri(name))))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans")
    (path / ".thidua.toml").write_text(CONFIG, "utf-8")
    return path


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "thidua_cli", "lsp"],
                              server_env={"THIDUA_LANG": "en"}),
)
async def client(lsp_client: LanguageClient, folder: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=folder.as_uri(),
        workspace_folders=[types.WorkspaceFolder(folder.as_uri(), "plans")]))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def editor(client: LanguageClient, folder: Path) -> Editor:
    return Editor(client, folder)


def example() -> str:
    return EXAMPLE.read_text("utf-8")


def position(text: str, needle: str, offset: int = 0, nth: int = 0) -> types.Position:
    """The position of the ``nth`` ``needle`` in ``text``, plus ``offset`` characters
    (all test plans are in the BMP, where UTF-16 units are characters)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += offset
    line = text.count("\n", 0, at)
    return types.Position(line, at - (text.rfind("\n", 0, at) + 1))


def offset(text: str, at: types.Position) -> int:
    starts = [0]
    for i, char in enumerate(text):
        if char == "\n":
            starts.append(i + 1)
    return starts[at.line] + at.character


def applied(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with ``edits`` made, as an editor makes them (last first)."""
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                    reverse=True):
        text = text[:offset(text, e.range.start)] + e.new_text + text[offset(text, e.range.end):]
    return text
