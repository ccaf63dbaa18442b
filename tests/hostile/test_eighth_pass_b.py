"""What an eighth red-team pass (its second half) found: each case a real
``thidua`` process, each fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua
from .test_lsp_hostile import END, INIT, answers, frame

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
HOSTILE_MD = '<img src="https://evil.example/t.png"> [c](https://evil.example) ![i](https://e.x/i)'


# -- a Markdown diff: a plan's own top-level key, a side's name in the note


def test_a_markdown_diff_shows_a_key_and_a_name_as_code(tmp_path: Path) -> None:
    """The heading of a section the format does not know was the plan's key
    itself, and the note on a side that is no valid plan its name: both were
    Markdown and HTML in the comment (an image fetched, a link)."""
    old = tmp_path / "old.yaml"
    shutil.copy(EXAMPLE, old)
    new = tmp_path / "<img src=x>[a](http:e).yaml"
    new.write_text(EXAMPLE.read_text("utf-8").replace(
        "version: 1", f"version: 1\n{json.dumps(HOSTILE_MD)}: 1", 1), "utf-8")
    r = thidua("diff", "-f", "md", old.name, new.name, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert f"#### `{HOSTILE_MD}`" in lines, r.stdout
    assert "> `<img src=x>[a](http:e).yaml`: the plan has 1 error(s) (thidua lint lists them); " \
           "compared as plain YAML" in lines, r.stdout
    assert "#### Tasks" not in lines and "#### Theme" not in lines  # only what changed


# -- the language server's hovers and completion documentation are Markdown


def _hover_and_complete(text: str, line: int, character: int) -> dict[int, object]:
    uri = "file:///tmp/eighth-b/plan.yaml"
    doc = {"uri": uri}
    messages = [
        INIT, {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {**doc, "languageId": "yaml", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
         "params": {"textDocument": doc, "position": {"line": line, "character": character}}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion",
         "params": {"textDocument": doc, "position": {"line": line, "character": character}}},
        *END]
    r = thidua("lsp", stdin=b"".join(frame(m) for m in messages))
    assert (r.returncode, r.stderr) == (0, ""), r.stderr
    return answers(r.stdout)


def test_a_hover_shows_plan_text_as_text() -> None:
    """A member named ``![x](https://...)`` was an image in the editor's hover
    (fetched as it showed), ``[x](...)`` a link, ``<img>`` HTML: the plan's
    words went into the Markdown as they were."""
    text = EXAMPLE.read_text("utf-8")
    text = text.replace("name: Bộ Tài chính", f"name: {json.dumps(HOSTILE_MD + ' *x*')}", 1)
    text = text.replace("short_name: BTC", 'short_name: "](x) <b>"', 1)
    text = text.replace("    lead: all", "    lead: btc", 1)
    line = text.split("\n").index("    lead: btc")
    got = _hover_and_complete(text, line, 11)
    hover = got[2]
    assert isinstance(hover, dict), got
    shown = hover["contents"]["value"]
    assert shown == ('**\\<img src="https://evil.example/t.png"> \\[c\\](https://evil.example) '
                     '!\\[i\\](https://e.x/i) \\*x\\*** (\\](x) \\<b>)\n\nmember `btc`'), shown
    items = got[3]
    items = items["items"] if isinstance(items, dict) else items
    assert isinstance(items, list)
    docs = [i["documentation"]["value"] for i in items if i.get("detail") == "btc"]
    assert docs == [shown], docs


# -- a unified diff's file names are shown as every message shows them


@pytest.mark.parametrize("command", ["fix", "scores"])
def test_a_unified_diff_shows_the_file_name_escaped(command: str, tmp_path: Path) -> None:
    """``lint --fix --diff`` and ``scores import --diff`` put a plan's name in
    their ``---`` and ``+++`` lines raw: an ESC in it reached the terminal, a
    line break split the header."""
    name = "p\x1b[31m\nq.yaml"
    if command == "fix":
        (tmp_path / name).write_text(EXAMPLE.read_text("utf-8").replace(
            "theme: ", "theme: bổ xung ", 1), "utf-8")
        args: tuple[str, ...] = ("lint", "--fix", "--diff", name)
    else:
        from openpyxl import load_workbook

        shutil.copy(SCORING, tmp_path / name)
        r = thidua("scores", "sheets", name, "-o", "sheets", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        book = load_workbook(tmp_path / "sheets" / "bnv.xlsx")
        sheet = book["Tự chấm"]
        sheet["D7"], sheet["D8"], sheet["D9"] = 50, 20, 5
        book.save(tmp_path / "filled.xlsx")
        args = ("scores", "import", name, "filled.xlsx", "--diff")
    r = thidua(*args, cwd=tmp_path)
    assert "Traceback" not in r.stderr
    assert "\x1b" not in r.stdout, r.stdout
    lines = r.stdout.splitlines()
    assert lines[:2] == ["--- p\\x1b[31m\\nq.yaml", "+++ p\\x1b[31m\\nq.yaml"], r.stdout
