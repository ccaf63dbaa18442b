"""What an eighth red-team pass (its second half) found: each case a real
``thidua`` process, each fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable
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


# -- docs_url is a URI that SARIF's helpUri can take


@pytest.mark.parametrize("value", ["https://x.example/rules.md\\n",
                                   "https://x.example/\\u001b]0;t\\u0007",
                                   "https://x.example/\\u202erules.md",
                                   "https://x.example/rules.md#top",
                                   # the ninth pass: no server, an unclosed address, no port
                                   "https://:0", "https://[::1", "https://x.example:99999/"])
def test_a_docs_url_that_is_no_uri_is_refused(value: str, tmp_path: Path) -> None:
    """``^https?://\\S+$`` let a final line break (``$`` matches before it), an
    ESC or a bidi override through, and a fragment that the rule's own made
    two: each went into every rule's ``helpUri``, no URI any more."""
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    (tmp_path / ".thidua.toml").write_text(f'docs_url = "{value}"\n', "utf-8")
    r = thidua("lint", "-f", "sarif", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 2, r.stdout[:300]
    assert r.stdout == ""
    assert r.stderr.startswith("thidua: error: .thidua.toml:1: 'docs_url' must be an http(s) "
                               "address"), r.stderr
    assert "\x1b" not in r.stderr


def test_a_docs_url_with_vietnamese_words_is_kept(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    (tmp_path / ".thidua.toml").write_text(
        'docs_url = "https://x.example/tài-liệu/rules.md"\n', "utf-8")
    r = thidua("lint", "-f", "sarif", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rules = json.loads(r.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"].startswith("https://x.example/tài-liệu/rules.md#")


# -- a configuration found that someone else could have put there


def _silencing_config_above_a_broken_plan(folder: Path) -> Path:
    """``folder/x/plan.yaml`` with a schema error, and ``folder/.thidua.toml``
    that silences it when read."""
    (folder / "x").mkdir(parents=True)
    (folder / "x" / "plan.yaml").write_text(EXAMPLE.read_text("utf-8").replace(
        "year: 2022", "year: 2022x", 1), "utf-8")
    config = folder / ".thidua.toml"
    config.write_text('ignore = ["TD0"]\n', "utf-8")
    return config


def test_a_configuration_anyone_can_write_is_not_read(tmp_path: Path) -> None:
    """The search goes up to ``/``: a ``.thidua.toml`` anyone may write is
    anyone's settings (``ignore = ["TD"]`` silenced every finding)."""
    config = _silencing_config_above_a_broken_plan(tmp_path)
    config.chmod(0o666)
    r = thidua("lint", "plan.yaml", cwd=tmp_path / "x")
    assert r.returncode == 2, r.stdout
    assert r.stderr == (f"thidua: error: {config} is not read: anyone can write to it, so its "
                        "settings may be anyone's; make it writable by its owner alone (chmod "
                        "o-w), or give --config\n")
    # Named, it is the user's choice; writable by its owner alone, it is read.
    r = thidua("lint", "plan.yaml", "--config", str(config), cwd=tmp_path / "x")
    assert (r.returncode, r.stderr) == (0, ""), r.stdout + r.stderr
    config.chmod(0o644)
    r = thidua("lint", "plan.yaml", cwd=tmp_path / "x")
    assert (r.returncode, r.stderr) == (0, ""), r.stdout + r.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another user needs root")
def test_another_users_configuration_in_a_shared_folder_is_not_read(tmp_path: Path) -> None:
    """``/tmp/.thidua.toml`` of another user applied to every plan linted
    under ``/tmp``; one in a folder only its owners write to (a checkout owned
    by a CI runner's user) is still read."""
    shared = tmp_path / "shared"
    config = _silencing_config_above_a_broken_plan(shared)
    os.chown(config, 65534, 65534)
    shared.chmod(0o1777)
    r = thidua("lint", "plan.yaml", cwd=shared / "x")
    assert r.returncode == 2, r.stdout
    assert r.stderr == (f"thidua: error: {config} is not read: it belongs to another user, in "
                        "a folder anyone can write to, so anyone may have put it there; remove "
                        "it, or give --config\n")
    shared.chmod(0o755)
    r = thidua("lint", "plan.yaml", cwd=shared / "x")
    assert (r.returncode, r.stderr) == (0, ""), r.stdout + r.stderr


# -- [tool.thidua] under any of TOML's spellings


@pytest.mark.parametrize("table", [
    'tool.thidua.ignore = ["TD0"]\n',
    '[tool]\nthidua.ignore = ["TD0"]\n',
    '[tool]\nthidua = { ignore = ["TD0"] }\n',
    '[tool."thidua"]\nignore = ["TD0"]\n',
    "[ 'tool' . thidua ]\nignore = [\"TD0\"]\n",
])
def test_a_tool_table_spelled_otherwise_is_found(table: str, tmp_path: Path) -> None:
    """Found by a search for ``[tool.thidua`` at a line's start, the table
    written as dotted keys, quoted keys or an inline table was passed over:
    its settings silently not applied (``--config`` read them)."""
    (tmp_path / "plan.yaml").write_text(EXAMPLE.read_text("utf-8").replace(
        "year: 2022", "year: 2022x", 1), "utf-8")
    (tmp_path / "pyproject.toml").write_text(table + '\n[project]\nname = "x"\n', "utf-8")
    r = thidua("lint", "plan.yaml", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, ""), r.stdout + r.stderr
    (tmp_path / "pyproject.toml").write_text(table.replace("TD0", "ZZZ"), "utf-8")
    r = thidua("lint", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert "'ZZZ' in 'ignore' is not a rule code" in r.stderr, r.stderr


# -- a content type with parameters is still XML


def _rezip(source: Path, target: Path, edit: Callable[[str, bytes], tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(*edit(info.filename, src.read(info)))


def _typed_with_parameter(old: bytes, new: bytes) -> Callable[[str, bytes], tuple[str, bytes]]:
    """``old`` renamed ``new``, typed by an override whose type has a parameter, with a DTD."""
    def edit(part: str, data: bytes) -> tuple[str, bytes]:
        if part == "[Content_Types].xml":
            data = re.sub(rb'(PartName="/' + re.escape(old) + rb'" ContentType="[^"]*)"',
                          rb'\1; charset=UTF-8"', data)
            data = data.replace(b"/" + old + b'"', b"/" + new + b'"')
        if part.endswith(".rels"):
            data = data.replace(old.rpartition(b"/")[2] + b'"', new.rpartition(b"/")[2] + b'"')
        if part == old.decode():
            part, data = new.decode(), b'<!DOCTYPE x [<!ENTITY s "5">]>' + data.split(b"?>", 1)[-1]
        return part, data
    return edit


def test_a_docx_template_part_typed_with_a_parameter_is_checked(tmp_path: Path) -> None:
    """``[Content_Types].xml`` typing ``word/styles.bin`` as ``...styles+xml;
    charset=UTF-8``: the check asked whether the type ends in ``xml``, and the
    DTD went into the rendered document (python-docx copies the part)."""
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    (tmp_path / "tpl").mkdir()
    _rezip(ROOT / "templates" / "plan.docx", tmp_path / "tpl" / "plan.docx",
           _typed_with_parameter(b"word/styles.xml", b"word/styles.bin"))
    r = thidua("render", "plan.yaml", "-o", "out.docx", "--template-dir", "tpl", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "its part word/styles.bin declares a DTD or entities" in r.stderr, r.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_worksheet_typed_with_a_parameter_is_checked(tmp_path: Path) -> None:
    shutil.copy(SCORING, tmp_path / "plan.yaml")
    assert thidua("scores", "sheets", "plan.yaml", "-o", "out", cwd=tmp_path).returncode == 0
    sheet = sorted((tmp_path / "out").glob("*.xlsx"))[0]
    _rezip(sheet, tmp_path / "filled.xlsx",
           _typed_with_parameter(b"xl/worksheets/sheet1.xml", b"xl/worksheets/sheet1.dat"))
    before = (tmp_path / "plan.yaml").read_bytes()
    r = thidua("scores", "import", "plan.yaml", "filled.xlsx", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "the part xl/worksheets/sheet1.dat declares a DTD or entities" in r.stderr, r.stderr
    assert (tmp_path / "plan.yaml").read_bytes() == before
