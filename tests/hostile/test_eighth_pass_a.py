"""What an eighth red-team pass found: each case a real ``thidua`` process (or a
script calling the library in one), each fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua
from .test_lsp_hostile import END, INIT, frame

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"


def library(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python with ``thidua_cli`` imported as ``t``, in ``tmp_path``
    (which holds ``p.yaml``, the example plan)."""
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    script = "import thidua_cli as t\nfrom thidua_cli.errors import ThiduaError\n" + code
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120, env={**os.environ, "LANG": "C.UTF-8"})


CALLS = {
    "ignore-none": "t.lint('p.yaml', ignore=[None])",
    "select-none": "t.lint('p.yaml', select=['TD1', None])",
    "deputies-none": "t.new_plan(year=2023, source='p.yaml', deputies=[None])",
    "fspath-int": "t.lint(type('X', (__import__('os').PathLike,), "
                  "{'__fspath__': lambda s: 5})())",
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_a_hostile_argument_is_a_usage_error(tmp_path: Path, call: str) -> None:
    """``ignore=[None]`` passed the check (``None`` is a text's default) and was an
    ``AttributeError`` from the rule selection; a path-like whose ``__fspath__``
    gives an int was a ``TypeError``."""
    done = library(tmp_path, f"try:\n    {call}\nexcept t.UsageError as e:\n"
                             "    print('usage:', e.message('en'))\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("usage: "), done.stdout


SURROGATE = {
    "load": "t.load(text)",
    "lint": "r = t.lint(text); print('findings:', [(f.code, f.line, f.column) "
            "for f in r.findings])",
    "diff": "t.diff(text, 'p.yaml')",
    "render": "t.render(text, format='md', output='-')",
}


@pytest.mark.parametrize("call", SURROGATE.values(), ids=SURROGATE.keys())
def test_a_plan_text_with_a_lone_surrogate_is_a_finding(tmp_path: Path, call: str) -> None:
    """A ``str`` built in code may hold a lone surrogate that no file can: libyaml's
    reader stopped with ``UnicodeEncodeError`` in every function taking a text."""
    done = library(tmp_path, "text = open('p.yaml', encoding='utf-8').read()"
                             ".replace('title: ', 'title: \\ud800', 1)\n"
                             f"try:\n    {call}\nexcept ThiduaError as e:\n"
                             "    print('error:', e.message('en'))\n")
    assert "Traceback" not in done.stderr, done.stderr
    assert ("lone surrogate U+D800" in done.stdout or "('TD001', 15, 8)" in done.stdout
            or "error(s)" in done.stdout), done.stdout


def test_the_language_server_reports_a_lone_surrogate(tmp_path: Path) -> None:
    """JSON can spell one (``"\\ud800"``): the server's did_open failed with
    ``UnicodeEncodeError`` and the editor got no diagnostic at all."""
    text = EXAMPLE.read_text("utf-8").replace("title: ", "title: \ud800", 1)
    uri = (tmp_path / "x.yaml").as_uri()
    opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                          "text": text}}}
    r = thidua("lsp", stdin=b"".join(frame(m) for m in (INIT, opened, *END)), cwd=tmp_path)
    assert r.returncode == 0 and "failed" not in r.stderr, r.stderr
    published = [json.JSONDecoder().raw_decode(part)[0]
                 for part in r.stdout.split("\r\n\r\n")[1:]]
    messages = [d["message"] for m in published if m.get("method", "").endswith("Diagnostics")
                for d in m["params"]["diagnostics"]]
    assert any("lone surrogate U+D800" in m for m in messages), messages


def _office_pipes(profile: Path) -> list[Path]:
    """Where LibreOffice with ``profile`` listens: the MD5 of the profile's URL in
    UTF-16, each byte in hex without its leading zero (``CreateMD5FromString``)."""
    import hashlib

    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{b:x}' for b in digest)}"
    return [Path(folder) / name for folder in ("/tmp", "/var/tmp")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_during_pdf_conversion_leaves_no_office_socket(
        tmp_path: Path, sig: signal.Signals) -> None:
    """LibreOffice listens on ``/tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<hash>`` (TMPDIR does
    not move it) and removes it only when it ends by itself: each interrupted
    conversion left one in /tmp."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "LANG": "C.UTF-8", "TMPDIR": str(scratch)}
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "render", "--today",
                             "2022-06-01", str(EXAMPLE), "-o", str(tmp_path / "p.pdf")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # This run's socket: named from the profile in its own temporary folder.
    deadline, mine = time.monotonic() + 90, []
    while time.monotonic() < deadline and proc.poll() is None:
        profiles = list(scratch.glob("thidua-pdf-*/profile"))
        if profiles:
            mine = [p for p in _office_pipes(profiles[0]) if p.exists()]
            if mine:
                break
        time.sleep(0.05)
    if not mine:
        proc.kill()
        proc.communicate()
        pytest.skip("LibreOffice finished before its socket was seen")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 128 + sig), err
    assert "Traceback" not in err.decode()
    assert not any(p.exists() for p in mine), mine


def _nfd_plan(path: Path) -> bytes:
    import unicodedata

    data = unicodedata.normalize("NFD", EXAMPLE.read_text("utf-8")).encode()
    path.write_bytes(data)
    return data


def _stdin(tmp_path: Path) -> tuple[str, ...]:
    return ("-",)


def _fifo(tmp_path: Path) -> tuple[str, ...]:
    os.mkfifo(tmp_path / "pipe.yaml")
    return ("pipe.yaml",)


def _hard_linked(tmp_path: Path) -> tuple[str, ...]:
    _nfd_plan(tmp_path / "linked.yaml")
    os.link(tmp_path / "linked.yaml", tmp_path / "other.yaml")
    return ("linked.yaml",)


def _report_over_plan(tmp_path: Path) -> tuple[str, ...]:
    return ("-o", "a.yaml")


@pytest.mark.parametrize("second", [_stdin, _fifo, _hard_linked, _report_over_plan],
                         ids=["stdin", "fifo", "hard-link", "report-over-plan"])
def test_fix_refuses_before_it_writes_any_plan(tmp_path: Path, second: object) -> None:
    """``lint --fix a.yaml -`` (a FIFO, a hard-linked plan, ``-o a.yaml``) rewrote
    ``a.yaml``, then stopped with exit 2 and a message that said nothing of it."""
    before = _nfd_plan(tmp_path / "a.yaml")
    r = thidua("lint", "--fix", "a.yaml", *second(tmp_path), cwd=tmp_path,  # type: ignore[operator]
               stdin=before)
    assert r.returncode == 2 and r.stderr.startswith("thidua: "), r.stderr
    assert (tmp_path / "a.yaml").read_bytes() == before


def test_fix_of_one_file_named_twice_writes_it_once(tmp_path: Path) -> None:
    _nfd_plan(tmp_path / "a.yaml")
    (tmp_path / "l.yaml").symlink_to("a.yaml")
    r = thidua("lint", "--fix", "a.yaml", "l.yaml", "a.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "in 1 file(s)" in r.stderr


def _published(stdout: str) -> list[str]:
    messages = [json.JSONDecoder().raw_decode(part)[0] for part in stdout.split("\r\n\r\n")[1:]]
    return [d["message"] for m in messages if m.get("method", "").endswith("Diagnostics")
            for d in m["params"]["diagnostics"]]


@pytest.mark.parametrize("text", [None, [1], 5], ids=["null", "list", "number"])
def test_the_language_server_takes_no_text_that_is_not_a_string(
        tmp_path: Path, text: object) -> None:
    """cattrs made a ``str`` of anything: a change with ``"text": null`` put the word
    ``None`` into the document (``unknown key 'None# yaml-language-server'``), an
    open with ``[1]`` linted the text ``[1]``."""
    uri = (tmp_path / "x.yaml").as_uri()
    opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                          "text": EXAMPLE.read_text("utf-8")}}}
    change = {"jsonrpc": "2.0", "method": "textDocument/didChange",
              "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                  {"range": {"start": {"line": 0, "character": 0},
                             "end": {"line": 0, "character": 0}}, "text": text}]}}
    bad_open = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri + "2", "languageId": "yaml",
                                            "version": 1, "text": text}}}
    r = thidua("lsp", stdin=b"".join(frame(m) for m in (INIT, opened, change, bad_open, *END)),
               cwd=tmp_path)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "Unable to handle message" in r.stderr, r.stderr
    assert _published(r.stdout) == [], _published(r.stdout)


EMPTY = {
    "scores-sheets": ("scores", "sheets", "s.yaml", "-o", ""),
    "scores-table": ("scores", "table", "s.yaml", "-o", ""),
    "import-o": ("import", "d.docx", "-o", ""),
    "import-file": ("import", ""),
    "schema": ("schema", "-o", ""),
    "lint": ("lint", "s.yaml", "-o", ""),
    "new": ("new", "--year", "2023", ""),
}


@pytest.mark.parametrize("args", EMPTY.values(), ids=EMPTY.keys())
def test_an_empty_output_name_is_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    """``-o "$OUT"`` with ``OUT`` unset: ``scores sheets`` wrote its workbooks into the
    current folder, the other writers said ``. is a folder`` (a name never given),
    and ``import ""`` was an internal error (``ValueError``)."""
    shutil.copy(ROOT / "tests" / "plans" / "valid" / "scoring.yaml", tmp_path / "s.yaml")
    shutil.copy(ROOT / "tests" / "import" / "styles-headings.docx", tmp_path / "d.docx")
    r = thidua(*args, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("thidua: error: ") and "internal error" not in r.stderr
    assert "empty" in r.stderr and "." not in r.stderr.split(":")[2][:3], r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.docx", "s.yaml"]


@pytest.mark.parametrize("call", ["t.render('p.yaml', doc=None, format='md', output='-')",
                                  "t.render_each('p.yaml', doc=5, output='x.md')"],
                         ids=["render", "render_each"])
def test_a_kind_of_document_that_is_no_text_is_a_usage_error(tmp_path: Path, call: str) -> None:
    """``doc=None`` passed the check (``None`` is a text's default) and was a
    ``TypeError`` from difflib, looking for the closest kind's name."""
    done = library(tmp_path, f"try:\n    {call}\nexcept t.UsageError as e:\n"
                             "    print('usage:', e.message('en'))\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("usage: doc must be a text"), done.stdout


def test_an_array_formula_in_a_sheet_is_read_as_a_formula(tmp_path: Path) -> None:
    """A score typed as an array formula (Ctrl+Shift+Enter) was TD507 "'<openpyxl.
    worksheet.formula.ArrayFormula object at 0x…>' is not a number", and one in the
    note column went into the plan as that text; its value is read, as any formula's."""
    import re

    shutil.copy(ROOT / "tests" / "plans" / "valid" / "scoring.yaml", tmp_path / "s.yaml")
    assert thidua("scores", "sheets", "s.yaml", "-o", "sh", cwd=tmp_path).returncode == 0
    cells = {"D7": '<c r="D7" s="8"><f t="array" ref="D7">60</f><v>60</v></c>',
             "D8": '<c r="D8" s="8" t="n"><v>20</v></c>',
             "D9": '<c r="D9" s="8" t="n"><v>5</v></c>',
             "E7": '<c r="E7" s="9" t="str"><f t="array" ref="E7">"ghi chú"</f>'
                   '<v>ghi chú</v></c>'}
    sheet, part = tmp_path / "sh" / "btc.xlsx", "xl/worksheets/sheet1.xml"
    import zipfile

    with zipfile.ZipFile(sheet) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    xml = parts[part].decode()
    for ref, cell in cells.items():
        xml, n = re.subn(rf'<c r="{ref}"[^>]*>\s*</c>', cell, xml)
        assert n == 1, ref
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, xml.encode() if name == part else data)
    r = thidua("scores", "import", "s.yaml", "sh/btc.xlsx", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    plan = (tmp_path / "s.yaml").read_text("utf-8")
    assert "openpyxl" not in plan + r.stdout + r.stderr
    assert "ghi chú" in plan


def _criteria_plan(path: Path, criteria: int) -> None:
    """The scoring plan with ``criteria`` top-level criteria of 1 point each."""
    text = (ROOT / "tests" / "plans" / "valid" / "scoring.yaml").read_text("utf-8")
    head = text.split("criteria:")[0]
    path.write_text(head + "criteria:\n" + "".join(
        f"  - {{id: c{i}, title: Tiêu chí {i}, max_points: 1}}\n" for i in range(criteria)),
        "utf-8")


@pytest.mark.parametrize(("command", "criteria", "words"), [
    ("table", 1500, "a formula of 11"), ("sheets", 1700, "a formula of 9"),
    ("table", 8200, "16405 columns")], ids=["table-formula", "sheet-formula", "table-columns"])
def test_a_sheet_that_no_spreadsheet_holds_is_refused(tmp_path: Path, command: str,
                                                      criteria: int, words: str) -> None:
    """openpyxl wrote a total of 1,500 criteria as a formula of 11,638 characters, and
    the table of 8,200 criteria up to column XFY: past Excel's 8,192 characters and
    16,384 columns, a workbook Excel finds damaged."""
    _criteria_plan(tmp_path / "s.yaml", criteria)
    out = "t.xlsx" if command == "table" else "sh"
    r = thidua("scores", command, "s.yaml", "-o", out, cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("thidua: error: s.yaml:"), r.stderr
    assert words in r.stderr and "Excel's limit" in r.stderr, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.yaml"]
