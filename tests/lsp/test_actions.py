"""Code actions: each one applied to the text as an editor would, then linted again."""

from __future__ import annotations

import unicodedata

import pytest
from lsprotocol import types

from .conftest import Editor, applied, example
from .mistakes import MISTAKES

pytestmark = pytest.mark.asyncio(loop_scope="module")


def mistake(code: str, underlined: str | None = None) -> str:
    return next(m for m in MISTAKES if m.code == code
                and (underlined is None or m.underlined == underlined)).text()


async def actions_for(editor: Editor, text: str, code: str,
                      ) -> tuple[types.Diagnostic, dict[str, list[types.TextEdit]]]:
    """The diagnostic ``code`` in ``text``, and the actions offered for its range by title."""
    found = await editor.change("plan.yaml", text)
    diag = next(d for d in found if d.code == code)
    answer = await editor.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(editor.uri("plan.yaml")), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))
    out = {}
    for action in answer or []:
        assert isinstance(action, types.CodeAction)
        if action.kind == types.CodeActionKind.QuickFix:
            assert action.diagnostics and action.diagnostics[0].code == code
        assert action.edit is not None and action.edit.changes is not None
        out[action.title] = list(action.edit.changes[editor.uri("plan.yaml")])
    return diag, out


async def test_did_you_mean(editor: Editor) -> None:
    _, found = await actions_for(editor, mistake("TD101", "lmhtxv"), "TD101")
    assert list(found) == ["Replace with 'lmhtxvn'", "Ignore TD101 on this line",
                           "Ignore TD101 in this file"]
    fixed = applied(mistake("TD101", "lmhtxv"), found["Replace with 'lmhtxvn'"])
    assert fixed == example()
    assert await editor.change("plan.yaml", fixed) == []


async def test_did_you_mean_an_unknown_key(editor: Editor) -> None:
    text = mistake("TD002", "state")
    _, found = await actions_for(editor, text, "TD002")
    assert applied(text, found["Replace with 'status'"]) == example()


async def test_the_fix_of_a_misspelling(editor: Editor) -> None:
    text = mistake("TD402")
    _, found = await actions_for(editor, text, "TD402")
    title = next(t for t in found if t.startswith("Fix: "))
    assert applied(text, found[title]) == text.replace("bổ xung", "bổ sung")
    # The edit is the smallest one: just the changed value, not the whole document.
    (change,) = found[title]
    assert change.range.start.line == change.range.end.line


async def test_the_fix_of_nfc(editor: Editor) -> None:
    text = mistake("TD401")
    _, found = await actions_for(editor, text, "TD401")
    title = next(t for t in found if t.startswith("Fix: "))
    assert applied(text, found[title]) == unicodedata.normalize("NFC", text)


async def test_ignore_this_rule_here(editor: Editor) -> None:
    text = mistake("TD101", "lmhtxv")
    _, found = await actions_for(editor, text, "TD101")
    on_line = applied(text, found["Ignore TD101 on this line"])
    assert "  head: lmhtxv  # thidua: ignore[TD101]\n" in on_line
    assert await editor.change("plan.yaml", on_line) == []
    in_file = applied(text, found["Ignore TD101 in this file"])
    assert in_file.startswith("# thidua: ignore-file[TD101]\n# yaml-language-server:")
    assert await editor.change("plan.yaml", in_file) == []


async def test_ignore_adds_to_an_ignore_comment_already_there(editor: Editor) -> None:
    text = mistake("TD101", "lmhtxv").replace("  head: lmhtxv\n",
                                               "  head: lmhtxv  # thidua: ignore[TD402]\n")
    _, found = await actions_for(editor, text, "TD101")
    on_line = applied(text, found["Ignore TD101 on this line"])
    assert "  head: lmhtxv  # thidua: ignore[TD402, TD101]\n" in on_line


async def test_no_ignore_comment_that_would_cut_a_text_short(editor: Editor) -> None:
    # A plain text over two lines: a comment after its first line would end it there.
    text = example().replace("    title: Tập huấn cho các thành viên trong Khối\n",
                             "    title: Tập huấn bổ xung\n      cho các thành viên trong Khối\n")
    _, found = await actions_for(editor, text, "TD402")
    assert "Ignore TD402 on this line" not in found
    assert await editor.change("plan.yaml", applied(text, found["Ignore TD402 in this file"])
                               ) == []


async def test_fix_all(editor: Editor) -> None:
    text = mistake("TD402").replace("Chủ động, sáng tạo",
                                    unicodedata.normalize("NFD", "Chủ động, sáng tạo"))
    await editor.change("plan.yaml", text)
    answer = await editor.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(editor.uri("plan.yaml")),
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[],
                                        only=[types.CodeActionKind.SourceFixAll])))
    assert answer is not None
    (action,) = answer
    assert isinstance(action, types.CodeAction)
    assert action.kind == "source.fixAll.thidua"
    assert action.edit is not None and action.edit.changes is not None
    fixed = applied(text, list(action.edit.changes[editor.uri("plan.yaml")]))
    assert fixed == unicodedata.normalize("NFC", text).replace("bổ xung", "bổ sung")
    assert await editor.change("plan.yaml", fixed) == []
