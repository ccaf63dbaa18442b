"""A client that asks for Vietnamese messages and its own rule pages
(``initializationOptions``) and counts columns in code points
(``positionEncodings: utf-32``)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from .conftest import Editor, example, position
from .mistakes import MISTAKES

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "thidua_cli", "lsp"],
                              server_env={"THIDUA_LANG": "en"}),
)
async def client(lsp_client: LanguageClient, folder: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf32])),
        root_uri=folder.as_uri(),
        initialization_options={"lang": "vi", "rulesUrl": "https://example.org/docs/rules.md"}))
    yield
    await lsp_client.shutdown_session()


async def test_messages_and_hovers_in_vietnamese(editor: Editor) -> None:
    unknown = next(m for m in MISTAKES if m.code == "TD101")
    found = await editor.open("plan.yaml", unknown.text())
    assert [d.message for d in found] == [
        "bloc.head: 'lmhtxv' không phải là thành viên của Khối (có phải là 'lmhtxvn'?)"]
    assert [d.code_description.href for d in found if d.code_description] == [
        "https://example.org/docs/rules.md#td101-unknown-member"]
    text = example()
    await editor.change("plan.yaml", text)
    hover = await editor.client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(editor.uri("plan.yaml")),
        position(text, "date: 2022-04-26", 8)))
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == "ngày 26 tháng 4 năm 2022 (thứ Ba)"


async def test_columns_in_code_points(editor: Editor) -> None:
    # "😀" is one code point (two UTF-16 units): "bổ xung" is at 13-20 (UTF-16: 14-21).
    text = example().replace("title: Tập huấn cho", "title: 😀 bổ xung cho")
    found = await editor.change("plan.yaml", text)
    (misspelled,) = [d for d in found if d.code == "TD402"]
    assert (misspelled.range.start.character, misspelled.range.end.character) == (13, 20)
