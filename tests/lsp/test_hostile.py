"""The hostile corpus sent as buffers: diagnostics or none, and the server keeps answering.

Every input of ``tests/hostile/`` (the files, and those made at run time) is
decoded as an editor would show it (UTF-8, undecodable bytes replaced) and
sent as the text of an open plan. After each one, hover, completion,
definition, code actions and the outline are asked at a few places of the
text: each must answer (an empty answer is fine) without an error. Left to
the command line's corpus (``tests/hostile/test_corpus.py``): the inputs over
the 20 MiB limit (a buffer that large is the last case here) and the speed
cases allowed a minute or more there (2,000,000 values, 20,000 tasks), which
would only time the linter again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from ..hostile.common import Case
from ..hostile.test_corpus import CASES
from .conftest import Editor, example

pytestmark = pytest.mark.asyncio(loop_scope="module")
MIB = 1024 * 1024


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
async def test_hostile_buffer(editor: Editor, case: Case, tmp_path: Path) -> None:
    if case.seconds >= 60:
        pytest.skip("a speed case: see the module's docstring")
    path = case.path(tmp_path)
    if path.stat().st_size > 20 * MIB:
        pytest.skip("over the size limit: see the module's docstring")
    text = path.read_bytes().decode("utf-8", "replace")
    found = await editor.change("hostile.yaml", text)
    assert all(d.source == "thidua" for d in found)
    uri = types.TextDocumentIdentifier(editor.uri("hostile.yaml"))
    lines = text.split("\n")
    for line in sorted({0, len(lines) // 2, len(lines) - 1}):
        for column in sorted({0, len(lines[line]) // 2, len(lines[line])}):
            at = types.Position(line, min(column, 2000))
            await editor.client.text_document_hover_async(types.HoverParams(uri, at))
            await editor.client.text_document_completion_async(
                types.CompletionParams(uri, at))
            await editor.client.text_document_definition_async(
                types.DefinitionParams(uri, at))
            await editor.client.text_document_code_action_async(types.CodeActionParams(
                text_document=uri, range=types.Range(at, at),
                context=types.CodeActionContext(diagnostics=found)))
    await editor.client.text_document_document_symbol_async(types.DocumentSymbolParams(uri))
    # And the server is still itself: the example plan is clean, its mistake found.
    assert await editor.change("hostile.yaml", example()) == []
    found = await editor.change("hostile.yaml", example().replace("host: bnv", "host: bnb"))
    assert [d.code for d in found] == ["TD101"]


async def test_a_buffer_over_the_size_limit_is_not_linted(editor: Editor) -> None:
    text = example() + "# " + "x" * (21 * MIB) + "\n"
    assert await editor.change("huge.yaml", text) == []
    assert await editor.change("huge.yaml", example().replace("host: bnv", "host: bnb")) != []
