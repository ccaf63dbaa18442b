"""Diagnostics: the example plan changed to make each rule's mistake, as ``thidua lint``
reports it, underlined from the start to the end of the offending key or value."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from .conftest import CONFIG, Editor, example
from .mistakes import MISTAKES, Mistake

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def cli_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    """What ``thidua lint --format json`` says of every mistake's plan, saved as files."""
    folder = tmp_path_factory.mktemp("cli")
    (folder / ".thidua.toml").write_text(CONFIG, "utf-8")
    for i, mistake in enumerate(MISTAKES):
        (folder / f"m{i:02d}.yaml").write_text(mistake.text(), "utf-8")
    done = subprocess.run([sys.executable, "-m", "thidua_cli", "lint", "--format", "json",
                           "--lang", "en", "."], cwd=folder, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    out: dict[str, list[dict[str, object]]] = {}
    for f in json.loads(done.stdout)["findings"]:
        out.setdefault(Path(str(f["path"])).stem, []).append(f)
    return out


def underlined(text: str, d: types.Diagnostic) -> str:
    assert d.range.start.line == d.range.end.line, d
    return text.split("\n")[d.range.start.line][d.range.start.character:d.range.end.character]


async def test_the_example_plan_is_clean(editor: Editor) -> None:
    assert await editor.open("plan.yaml", example()) == []
    assert not (editor.folder / "plan.yaml").exists()  # linted from the buffer


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda m: f"{m.code}-{m.underlined}")
async def test_each_rule_s_mistake(editor: Editor, mistake: Mistake,
                                   cli_findings: dict[str, list[dict[str, object]]]) -> None:
    text = mistake.text()
    found = await editor.change("plan.yaml", text)
    mine = [d for d in found if d.code == mistake.code]
    assert mine, [(d.code, d.message) for d in found]
    if mistake.underlined is not None:
        assert mistake.underlined in [underlined(text, d) for d in mine]
    for d in found:
        assert d.source == "thidua"
        assert d.code_description is not None
        assert d.code_description.href.endswith("rules.md#" + f"{d.code}-".lower()
                                                + str(d.data["rule"]))  # type: ignore[index]
    # The same findings as `thidua lint` on the same text saved in a file.
    cli = cli_findings[f"m{MISTAKES.index(mistake):02d}"]
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1,
             "error" if d.severity == types.DiagnosticSeverity.Error else "warning",
             d.message) for d in found] == [
        (f["code"], f["line"], f["column"], f["severity"],
         f"{f['message']} ({f['hint']})" if "hint" in f else f["message"]) for f in cli]
    assert await editor.change("plan.yaml", example()) == []


async def test_configuration_is_found_from_the_file_s_folder(editor: Editor) -> None:
    strict = editor.folder / "strict"
    strict.mkdir()
    (strict / ".thidua.toml").write_text('ignore = ["TD101"]\n[severity]\nTD204 = "error"\n',
                                         "utf-8")
    overdue = next(m for m in MISTAKES if m.code == "TD204")
    unknown = next(m for m in MISTAKES if m.code == "TD101")
    found = await editor.open("strict/plan.yaml", overdue.text())
    # This folder's configuration has no `today`: the deadline is long past anyway.
    assert [(d.code, d.severity) for d in found] == [("TD204", types.DiagnosticSeverity.Error)]
    assert await editor.change("strict/plan.yaml", unknown.text()) == []
    editor.close("strict/plan.yaml")


async def test_a_file_the_configuration_excludes_gets_no_diagnostics(editor: Editor) -> None:
    drafts = editor.folder / "drafts"
    drafts.mkdir()
    (drafts / ".thidua.toml").write_text('exclude = ["*.draft.yaml"]\n', "utf-8")
    unknown = next(m for m in MISTAKES if m.code == "TD101")
    assert await editor.open("drafts/plan.draft.yaml", unknown.text()) == []
    assert [d.code for d in await editor.open("drafts/plan.yaml", unknown.text())] == ["TD101"]


async def test_closing_clears_the_diagnostics(editor: Editor) -> None:
    unknown = next(m for m in MISTAKES if m.code == "TD101")
    assert await editor.open("closed.yaml", unknown.text()) != []
    uri = editor.uri("closed.yaml")
    before = len(editor.published[uri])
    editor.close("closed.yaml")
    assert await editor.republished(uri, before) == []


async def test_a_burst_of_changes_ends_with_the_last_text_s_diagnostics(editor: Editor) -> None:
    await editor.open("burst.yaml", example())
    uri = editor.uri("burst.yaml")
    typed = "host: bnv"
    for n in range(1, len(typed) + 1):  # typed one key at a time, no wait between
        editor.versions[uri] += 1
        editor.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=editor.versions[uri]),
            [types.TextDocumentContentChangeWholeDocument(
                example().replace("host: bnv", typed[:n] + "x"))]))
    found = await editor.diagnostics(uri)
    assert [(d.code, d.message) for d in found] == [
        ("TD101", "events.host: 'bnvx' is not a member of the bloc (did you mean 'bnv'?)")]


async def test_a_changed_configuration_applies_to_the_open_plans(editor: Editor) -> None:
    watched = editor.folder / "watched"
    watched.mkdir()
    config = watched / ".thidua.toml"
    config.write_text(CONFIG, "utf-8")
    unknown = next(m for m in MISTAKES if m.code == "TD101")
    assert [d.code for d in await editor.open("watched/plan.yaml", unknown.text())] == ["TD101"]
    uri = editor.uri("watched/plan.yaml")
    before = len(editor.published[uri])
    config.write_text(CONFIG + 'ignore = ["TD101"]\n', "utf-8")
    editor.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(config.as_uri(), types.FileChangeType.Changed)]))
    assert await editor.republished(uri, before) == []


@pytest.mark.parametrize("text", [
    "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n",  # a workflow
    "- hosts: all\n  tasks: []\n",  # a list: an Ansible playbook
    "",  # a new, empty file
], ids=["workflow", "list", "empty"])
async def test_yaml_that_is_no_plan_gets_no_diagnostics(editor: Editor, text: str) -> None:
    assert await editor.change("other.yaml", text) == []
    # A plan's key makes it a plan: then everything else is checked too.
    found = await editor.change("other.yaml", "version: 1\n" + text)
    assert found and {d.code for d in found} <= {"TD001", "TD002"}


async def test_a_buffer_edited_many_times_reports_what_a_fresh_one_does(editor: Editor) -> None:
    """The server reuses its last lint after each change (``lsp/cache.py``): a buffer
    typed into, line by line and key by key, is diagnosed as the same text opened anew."""
    from .test_cache import EDITS, edited

    text = example()
    await editor.open("typed.yaml", text)
    for i, (_, old, new, _) in enumerate(EDITS):
        if old not in text:
            continue
        text = edited(text, old, new)
        typed = await editor.change("typed.yaml", text)
        fresh = await editor.open(f"fresh-{i}.yaml", text)
        editor.close(f"fresh-{i}.yaml")
        assert [(d.code, d.range, d.message) for d in typed] == [
            (d.code, d.range, d.message) for d in fresh]
