"""Found by the fifteenth red-team pass on what thidua reads and runs, each as a real process
(see docs/robustness.md, "Fifteenth pass (inputs)").

The rows marked *held* are attacks that already failed: kept so that they keep failing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ..conftest import PLANS
from .common import ROOT, no_traceback, thidua, unusable

TREE = PLANS / "valid" / "scoring-tree.yaml"
LETTERHEAD = ROOT / "tests" / "import" / "letterhead-table.docx"
ENV = {"THIDUA_LANG": "en"}
FILLED = {"ke-hoach": 25, "chat-luong": 5, "cai-cach": 10, "phat-dong": 10, "khoi": 10}


def _fill(sheet: Path, scores: dict[str, float]) -> None:
    """Type ``scores`` into a member's sheet, as the member would."""
    import openpyxl

    from thidua_cli.sheets import layout

    wb = openpyxl.load_workbook(sheet)
    ws = wb[layout.SHEET]
    col = ord(layout.COL_ID) - ord("A") + 1
    rows = {ws.cell(r, col).value: r for r in range(layout.FIRST_ROW, ws.max_row + 1)}
    for leaf, value in scores.items():
        ws[f"{layout.COL_SCORE}{rows[leaf]}"] = value
    wb.save(sheet)


def _plan_and_sheet(folder: Path, text: str, scores: dict[str, float] = FILLED) -> Path:
    """``folder/plan.yaml`` holding ``text``, and btc's filled sheet beside it."""
    folder.mkdir()
    plan = folder / "plan.yaml"
    plan.write_text(text, "utf-8")
    run = thidua("scores", "sheets", "plan.yaml", "-o", "sheets", cwd=folder, env=ENV)
    assert run.returncode == 0, run.stderr
    _fill(folder / "sheets" / "btc.xlsx", scores)
    return plan


def _outside_scores(text: str) -> str:
    return text.split("\nscores:\n")[0]


# --- the round trip (scores import, new --head) reads the plan as lint does --------------

YAML11 = "%YAML 1.1\n---\n" + TREE.read_text("utf-8").replace(
    "theme: Thi đua hoàn thành xuất sắc nhiệm vụ", "theme: yes").replace(
    "      name: Bộ Nội vụ", "      name: on")


def test_a_yaml_11_directive_changes_no_value_when_scores_are_imported(tmp_path: Path) -> None:
    # ruamel.yaml followed the directive: `yes` and `on` were written back `true`, exit 0,
    # and every later lint said "expected text, got boolean".
    plan = _plan_and_sheet(tmp_path / "p", YAML11)
    run = thidua("scores", "import", "plan.yaml", "sheets/btc.xlsx", cwd=plan.parent, env=ENV)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    after = plan.read_text("utf-8")
    assert _outside_scores(after) == _outside_scores(YAML11)
    assert "ke-hoach: {self: 25, final: 29.5}" in after
    assert thidua("lint", str(plan)).returncode == 0


def test_a_yaml_11_directive_changes_no_value_in_next_years_plan(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(YAML11, "utf-8")
    run = thidua("new", "--from", "plan.yaml", "--head", "bnv", "next.yaml", cwd=tmp_path,
                 env=ENV)
    no_traceback(run)
    assert run.returncode == 0, run.stderr  # was 1: "expected text, got boolean", not written
    written = (tmp_path / "next.yaml").read_text("utf-8")
    assert "\ntheme: yes\n" in written and "      name: on\n" in written


def test_a_criterion_whose_id_reads_as_a_number_gets_its_score_once(tmp_path: Path) -> None:
    # `1:` was the number 1 to the round trip: the sheet's score for criterion "1" was added
    # as a second key '1' (a duplicate, TD001, the new score lost), exit 0.
    text = re.sub(r"(?m)^    ke-hoach:", "    1:",
                  TREE.read_text("utf-8").replace("id: ke-hoach,", 'id: "1",'))
    scores = {("1" if leaf == "ke-hoach" else leaf): value for leaf, value in FILLED.items()}
    plan = _plan_and_sheet(tmp_path / "p", text, scores)
    run = thidua("scores", "import", "plan.yaml", "sheets/btc.xlsx", cwd=plan.parent, env=ENV)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    after = plan.read_text("utf-8")
    assert "    1: {self: 25, final: 29.5}\n" in after and "'1'" not in after
    lint = thidua("lint", str(plan))
    assert "TD001" not in lint.stdout, lint.stdout


@pytest.mark.parametrize("value", ["2001-13-14", "2001-12-14 21:59:43.10 +25:00"],
                         ids=["not-a-day", "a-zone-past-24-hours"])
def test_a_text_shaped_like_a_date_is_kept_as_text(value: str, tmp_path: Path) -> None:
    # ruamel.yaml built a date of it: `ValueError: month must be in 1..12`, an internal error.
    text = TREE.read_text("utf-8").replace("theme: Thi đua hoàn thành xuất sắc nhiệm vụ",
                                           f"theme: {value}")
    plan = _plan_and_sheet(tmp_path / "p", text)
    run = thidua("scores", "import", "plan.yaml", "sheets/btc.xlsx", cwd=plan.parent, env=ENV)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert f"\ntheme: {value}\n" in plan.read_text("utf-8")
    new = thidua("new", "--from", "plan.yaml", "--head", "bnv", "next.yaml", cwd=plan.parent,
                 env=ENV)
    no_traceback(new)
    assert new.returncode == 0, new.stderr
    assert f"\ntheme: {value}\n" in (plan.parent / "next.yaml").read_text("utf-8")


UNREADABLE = {
    "a tab inside a value": (
        lambda t: t.replace("theme: Thi đua hoàn thành", "theme: Thi đua\thoàn thành"),
        "7:15: this plan cannot be written back with its comments kept: ruamel.yaml, which "
        "writes it, cannot read it here (found character '\\t' that cannot start any token)"),
    "two merge keys": (
        lambda t: t.replace("  - id: t1\n", "  - &t1\n    id: t1\n").replace(
            "    status: done\n", "    status: done\n  - <<: *t1\n    <<: {title: Việc hai}\n"
            "    id: t2\n", 1),
        "this plan cannot be written back with its comments kept: ruamel.yaml, which writes "
        "it, cannot read it here (found duplicate merge key \"<<\")"),
}


@pytest.mark.parametrize("case", UNREADABLE, ids=list(UNREADABLE))
def test_what_the_round_trip_cannot_read_is_a_located_message(case: str,
                                                                tmp_path: Path) -> None:
    # Both were internal errors (ScannerError, DuplicateKeyError) of a plan that lints clean.
    edit, message = UNREADABLE[case]
    text = edit(TREE.read_text("utf-8"))
    plan = _plan_and_sheet(tmp_path / "p", text)
    assert thidua("lint", str(plan)).returncode == 0
    run = thidua("scores", "import", "plan.yaml", "sheets/btc.xlsx", cwd=plan.parent, env=ENV)
    unusable(run, message)
    assert "nothing was written" in run.stderr and plan.read_text("utf-8") == text
    new = thidua("new", "--from", "plan.yaml", "--head", "bnv", "next.yaml", cwd=plan.parent,
                 env=ENV)
    unusable(new, message)
    assert not (plan.parent / "next.yaml").exists()


# --- inline ignore comments ------------------------------------------------------------

IGNORED = {
    # Each ran past 120 s (every finding scanned every comment's every name, every
    # unused one's TD900 asked again, and each unknown name ran difflib).
    "200,000 names in one ignore-file": lambda t: (
        "# thidua: ignore-file[" + ",".join(["TD204"] * 200_000) + "]\n" + t, 200_000),
    "100,000 ignore comments": lambda t: (
        t + "".join(f"# thidua: ignore[TD{n % 900 + 100:03d}]\n" for n in range(100_000)),
        None),
    "20,000 unknown names": lambda t: (
        t + "# thidua: ignore[" + ",".join(f"bogus{n}" for n in range(20_000)) + "]\n",
        20_000),
}


@pytest.mark.parametrize("case", IGNORED, ids=list(IGNORED))
def test_many_ignore_comments_are_applied_in_linear_time(case: str, tmp_path: Path) -> None:
    text, unused = IGNORED[case](TREE.read_text("utf-8"))
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, "utf-8")
    run = thidua("lint", "-f", "json", str(plan), timeout=60)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)["findings"]
    assert all(f["code"] == "TD900" for f in found)
    if unused is not None:
        assert len(found) == unused
    hinted = [f for f in found if "hint" in f and "did you mean" in f["hint"]]
    assert len({f["message"] for f in hinted}) <= 100


def test_held_an_unknown_name_in_an_ignore_comment_is_still_guessed() -> None:
    text = TREE.read_text("utf-8").replace(
        "theme: Thi đua", "theme: Thi đua  # thidua: ignore[misspeling]", 1)
    found = json.loads(thidua("lint", "-f", "json", "-", stdin=text.encode()).stdout)["findings"]
    assert [(f["code"], f.get("hint")) for f in found] == [
        ("TD900", "did you mean 'misspelling'?")], found


# --- import: Word's numbers and the plan written -----------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(out: Path, *, replace: dict[str, str] | None = None,
          numbering: str | None = None, numbered: str = "0") -> Path:
    """The letterhead document with texts of ``document.xml`` replaced, or its numbering
    replaced by one list (``numbering``: its level's XML) that numbers every paragraph."""
    mark = f'<w:numPr><w:ilvl w:val="{numbered}"/><w:numId w:val="1"/></w:numPr>'
    with zipfile.ZipFile(LETTERHEAD) as src, zipfile.ZipFile(out, "w",
                                                            zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/numbering.xml" and numbering is not None:
                data = (f'<w:numbering {W}><w:abstractNum w:abstractNumId="0">{numbering}'
                        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                        "</w:num></w:numbering>").encode()
            elif info.filename == "word/document.xml":
                text = data.decode()
                for old, new in (replace or {}).items():
                    assert old in text, old
                    text = text.replace(old, new, 1)
                if numbering is not None:
                    head, tail = text.split("</w:tbl>", 1)
                    tail = re.sub(r"<w:p>(<w:pPr>)?", lambda m: "<w:p><w:pPr>" + mark + (
                        "" if m.group(1) else "</w:pPr>"), tail)
                    text = head + "</w:tbl>" + tail
                data = text.encode()
            dst.writestr(info.filename, data)
    return out


def _level(start: str, fmt: str, ilvl: str = "0") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            '<w:lvlText w:val="%1."/></w:lvl>')


NINES = "9" * 5000
NUMBERING = {
    # Each was an internal error (ValueError, MemoryError) or, Roman, 8 s and 340 MB.
    "a start of 10**12 in letters": (_level("1000000000000", "lowerLetter"), "0"),
    "a start of 4*10**8 in Roman numerals": (_level("400000000", "upperRoman"), "0"),
    "a start of 5,000 digits": (_level(NINES, "decimal"), "0"),
    "a start of a superscript digit": (_level("\u00b2", "decimal"), "0"),
    "a level that is no number": (_level("1", "decimal", ilvl="x"), "0"),
    "a paragraph's level of 5,000 digits": (_level("1", "decimal"), NINES),
}


@pytest.mark.parametrize("case", NUMBERING, ids=list(NUMBERING))
def test_words_list_numbers_are_read_within_words_bounds(case: str, tmp_path: Path) -> None:
    level, numbered = NUMBERING[case]
    docx = _docx(tmp_path / "n.docx", numbering=level, numbered=numbered)
    run = thidua("import", str(docx), "-o", "-", env=ENV, timeout=60)
    no_traceback(run)
    assert run.returncode in (0, 1), run.stderr  # a plan, with or without findings
    assert run.max_rss_mb < 250, run.max_rss_mb
    assert len(run.stdout) < 200_000


IMPORTED_TEXT = {
    "a document number of 5,000 digits": (
        {"Số:      /KH-LMHTXVN": f"Số: {NINES}/KH-LMHTXVN"},
        "the number before it, 999999999999… (5000 digits), is no document's: left out"),
    "a member count of 5,000 digits": (
        {"năm 2022 gồm 9 thành viên": f"năm 2022 gồm {NINES} thành viên"}, "members:"),
    "a symbol at a surrogate code point": (
        {"<w:t>Lê Văn Nghị</w:t>": '<w:t>Lê Văn </w:t></w:r><w:r><w:sym w:font="Times New '
         'Roman" w:char="D800"/></w:r><w:r><w:t>Nghị</w:t>'}, "name: Lê Văn Nghị"),
    "a text YAML reads as a number (0x1_0)": (
        {"- Tập trung tuyên truyền, quán triệt Luật sửa đổi, bổ sung một số điều của Luật Thi "
         "đua, khen thưởng và các văn bản hướng dẫn thi hành.": "- 0x1_0"}, '- "0x1_0"'),
}


@pytest.mark.parametrize("case", IMPORTED_TEXT, ids=list(IMPORTED_TEXT))
def test_a_documents_odd_text_makes_a_plan_that_reads_back(case: str, tmp_path: Path) -> None:
    # Internal errors (int() of 5,000 digits), a name written "\ud800" (TD001 in the plan
    # import had just written) and a detail written plain as 0x1_0, read back as 16.
    replace, expected = IMPORTED_TEXT[case]
    docx = _docx(tmp_path / "t.docx", replace=replace)
    run = thidua("import", str(docx), "-o", "plan.yaml", cwd=tmp_path, env=ENV)
    no_traceback(run)
    assert "TD001" not in run.stdout + run.stderr and run.returncode == 0, run.stderr
    written = (tmp_path / "plan.yaml").read_text("utf-8")
    assert expected in written
    lint = thidua("lint", "-f", "json", str(tmp_path / "plan.yaml"))
    assert json.loads(lint.stdout)["summary"]["errors"] == 0, lint.stdout


def test_held_tables_nested_a_thousand_deep_and_many_paragraphs(tmp_path: Path) -> None:
    inner = "<w:p><w:r><w:t>sâu</w:t></w:r></w:p>"
    for _ in range(1000):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    deep = _docx(tmp_path / "deep.docx", replace={"<w:body>": "<w:body>" + inner})
    unusable(thidua("import", str(deep), "-o", "-", env=ENV), "thousands deep")
    key = "<w:p><w:r><w:rPr/><w:t>Đơn vị chủ trì: Các thành viên Khối.</w:t></w:r></w:p>"
    many = "".join(f"<w:p><w:r><w:t>- Việc số {k} của Khối.</w:t></w:r></w:p>"
                   for k in range(20_000))
    big = _docx(tmp_path / "many.docx", replace={key: many + key})
    run = thidua("import", str(big), "-o", "-", env=ENV, timeout=120)
    no_traceback(run)
    assert run.returncode == 0 and run.stdout.count("Việc số") == 20_000, run.stderr[-2000:]


# --- the environment: shell completion ---------------------------------------------------

def _installed(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The installed ``thidua`` command run with ``env``: completion answers to its name
    (``python -m thidua_cli`` is another program to typer)."""
    script = Path(sys.executable).parent / "thidua"
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith("COMP_") and not k.endswith("_COMPLETE")}
    return subprocess.run([str(script)], capture_output=True, text=True, timeout=60,
                          env={**inherited, **ENV, **env})


@pytest.mark.parametrize("env", [
    {"_THIDUA_COMPLETE": "complete_bash", "COMP_WORDS": "thidua lint", "COMP_CWORD": "abc"},
    {"_THIDUA_COMPLETE": "complete_bash", "COMP_WORDS": "thidua lint", "COMP_CWORD": ""},
    {"_THIDUA_COMPLETE": "complete_bash", "COMP_CWORD": "1"},
], ids=["cword-not-a-number", "cword-empty", "no-words"])
def test_shell_completion_without_bashs_words_is_a_message(env: dict[str, str]) -> None:
    # KeyError: 'COMP_WORDS' and ValueError from int(): internal errors.
    done = _installed(env)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.startswith("thidua: error: _THIDUA_COMPLETE asks for bash's "
                                  "completion, which needs COMP_WORDS and COMP_CWORD"), done.stderr


def test_held_shell_completion_as_bash_gives_it() -> None:
    done = _installed({"_THIDUA_COMPLETE": "complete_bash", "COMP_WORDS": "thidua li",
                       "COMP_CWORD": "1"})
    assert done.returncode == 0 and done.stdout.split() == ["lint"], done.stderr


# --- the language server -----------------------------------------------------------------

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}}}
SYMBOLS = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/documentSymbol",
           "params": {"textDocument": {"uri": "file:///tmp/none.yaml"}}}
END = [{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]


def _frame(message: dict[str, object] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _server(*middle: bytes) -> subprocess.CompletedProcess[bytes]:
    stdin = _frame(INIT) + b"".join(middle) + _frame(SYMBOLS) + b"".join(map(_frame, END))
    return subprocess.run([sys.executable, "-m", "thidua_cli", "lsp"], input=stdin,
                          capture_output=True, timeout=60)


def _answered(out: bytes, ident: int) -> bool:
    return f'"id": {ident},'.encode() in out or f'"id":{ident},'.encode() in out


def test_a_content_length_of_thousands_of_digits_ends_the_server_with_a_warning() -> None:
    done = _server(b"Content-Length: " + NINES.encode() + b"\r\n\r\n")
    assert done.returncode == 0, done.stderr  # was 2: internal error, int() of 5,000 digits
    assert b"a Content-Length of 5000 digits is no message's" in done.stderr
    assert b"internal error" not in done.stderr


def test_a_number_of_thousands_of_digits_is_answered_as_unreadable() -> None:
    hover = (b'{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":'
             b'{"uri":"file:///x.yaml"},"position":{"line":' + NINES.encode()
             + b',"character":0}}}')
    done = _server(_frame(hover))
    assert done.returncode == 0 and _answered(done.stdout, 7), done.stderr
    assert b'"code": -32700' in done.stdout or b'"code":-32700' in done.stdout, done.stdout
    assert b"a number of more than 4,300 digits" in done.stdout


def test_changes_at_the_end_of_a_long_line_are_applied_in_linear_time() -> None:
    # pygls counted the line's UTF-16 units in Python for every change: 50 changes at the
    # end of a 10 MB line took more than 90 s (and the server seemed hung); now 2 s.
    n = 10_000_000
    opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///tmp/long.yaml", "languageId": "yaml", "version": 1,
        "text": "a: " + "x" * n + "\n"}}}
    changes = [{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": "file:///tmp/long.yaml", "version": v}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": n}, "end": {"line": 0,
                                                                    "character": n + 1}},
             "text": "y"}]}} for v in range(2, 52)]
    symbols = {**SYMBOLS, "params": {"textDocument": {"uri": "file:///tmp/long.yaml"}}}
    done = _server(_frame(opened), *map(_frame, changes), _frame(symbols))
    assert done.returncode == 0 and _answered(done.stdout, 7), done.stderr[-2000:]


HELD_LSP = [
    b'{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":' + b"[" * 100_000
    + b"]" * 100_000 + b"}",
    b'{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":"\xff\xfe"}',
    b'{"jsonrpc":"2.0","id":NaN,"method":"textDocument/hover","params":{}}',
    b"[" + json.dumps(SYMBOLS).encode() + b"]", b"null", b'"x"',
    b'{"jsonrpc":"2.0","id":5,"method":5}',
    json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///tmp/a\u0000\ud800.yaml", "languageId": "yaml", "version": 2**70,
        "text": "a: \ud800\n"}}}).encode(),
    b'{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":{"a":1}}}',
    b'{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":'
    b'{"uri":"file:///etc/shadow"}}}',
]


def test_held_hostile_json_rpc_in_one_stream() -> None:
    done = _server(*map(_frame, HELD_LSP))
    assert done.returncode == 0 and _answered(done.stdout, 7) and _answered(done.stdout, 99)
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr


# --- git: a repository whose files wait for ever ----------------------------------------

# git's time bound is 60 s; the test shortens every timer to 1 s, as a hook does.
_SHORT_TIMERS = """
import threading
_Timer = threading.Timer
class Timer(_Timer):
    def __init__(self, interval, *args, **kwargs):
        super().__init__(min(interval, 1.0), *args, **kwargs)
threading.Timer = Timer
"""


@pytest.mark.parametrize(("fifo", "args"), [
    (".git/HEAD", ("diff", "p.yaml")), (".git/included", ("diff", "HEAD:p.yaml", "p.yaml"))],
    ids=["head", "included"])
def test_a_repository_whose_git_waits_for_ever_is_stopped(fifo: str, args: tuple[str, ...],
                                                           tmp_path: Path) -> None:
    # git waited to open the named pipe, and `thidua diff p.yaml` with it, until killed.
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.email=a@b", "-c", "user.name=a"]
    (repo / "p.yaml").write_text(TREE.read_text("utf-8"), "utf-8")
    for step in (["init", "-q"], ["add", "p.yaml"], ["commit", "-qm", "x"]):
        subprocess.run([*git, *step], cwd=repo, check=True, capture_output=True)
    if fifo == ".git/HEAD":
        (repo / ".git" / "HEAD").unlink()
    else:
        with (repo / ".git" / "config").open("a") as config:
            config.write("[include]\n\tpath = included\n")
    os.mkfifo(repo / fifo)
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_SHORT_TIMERS)
    run = thidua(*args, cwd=repo, env={**ENV, "PYTHONPATH": str(site)}, timeout=60)
    unusable(run, "git gave nothing within 60 s and was stopped")
    assert not [p for p in Path("/proc").iterdir() if p.name.isdigit()
                and str(repo) in _cwd(p)], "a git left running"


def _cwd(process: Path) -> str:
    try:
        return os.readlink(process / "cwd")
    except OSError:
        return ""


# --- configuration -----------------------------------------------------------------------

def test_a_pyproject_whose_tool_is_no_table_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('name = "x"\ntool = 5\n', "utf-8")
    run = thidua("lint", "--config", "pyproject.toml", str(ROOT / "plans" / "plan-2022.yaml"),
                 cwd=tmp_path, env=ENV)
    unusable(run, "pyproject.toml:2: [tool.thidua] must be a table")  # was AttributeError


# --- held: YAML directives, locales ------------------------------------------------------

@pytest.mark.parametrize(("head", "said"), [
    ("%YAML 1.3\n---\n", "found incompatible YAML document"),
    ("%YAML 1.2\n%YAML 1.2\n---\n", "found duplicate %YAML directive"),
    ("%FOO bar\n---\n", "found unknown directive name"),
], ids=["yaml-1.3", "two-yaml-directives", "unknown-directive"])
def test_held_directives_the_reader_refuses_are_td001(head: str, said: str,
                                                      tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(head + TREE.read_text("utf-8"), "utf-8")
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert run.returncode == 1 and "TD001" in run.stdout and said in run.stdout, run.stdout
