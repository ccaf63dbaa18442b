"""What a third red-team pass found: each case a real ``thidua`` process, each
fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import PLANS, ROOT
from .common import thidua
from .test_lsp_hostile import END, INIT, SYMBOLS, answers, frame
from .test_writing import WRITERS, args_of

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
TREE = PLANS / "valid" / "scoring-tree.yaml"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "plan.yaml"))


def clean(output: str) -> None:
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]


# -- a dangling -o link is refused, never written through (as GNU cp refuses)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_dangling_output_link_is_refused(writer: tuple[str, ...], plan: Path) -> None:
    folder = plan.parent
    (folder / "elsewhere").mkdir()
    out = folder / "out"
    os.symlink(folder / "elsewhere" / "made-by-a-link", out)
    r = thidua(*args_of(writer, plan, out), cwd=folder)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2, r.stderr
    assert "is a symbolic link to" in r.stderr and "which does not exist" in r.stderr
    assert os.listdir(folder / "elsewhere") == []  # the target was not created
    assert os.path.islink(out)


def test_a_link_to_an_existing_file_is_still_written_through(plan: Path) -> None:
    folder = plan.parent
    (folder / "real.md").write_text("old", "utf-8")
    os.symlink("real.md", folder / "link.md")
    r = thidua("render", "plan.yaml", "-f", "md", "-o", "link.md", cwd=folder)
    assert r.returncode == 0, r.stderr
    assert os.path.islink(folder / "link.md")
    assert (folder / "real.md").read_text("utf-8").startswith("<!--")


def test_a_dangling_link_among_the_member_sheets_is_refused(tmp_path: Path) -> None:
    shutil.copy(TREE, tmp_path / "plan.yaml")
    (tmp_path / "sheets").mkdir()
    os.symlink(tmp_path / "nowhere.xlsx", tmp_path / "sheets" / "btc.xlsx")
    r = thidua("scores", "sheets", "plan.yaml", "-o", "sheets", cwd=tmp_path)
    clean(r.stdout + r.stderr)
    assert r.returncode == 2 and "which does not exist" in r.stderr, r.stderr
    assert not (tmp_path / "nowhere.xlsx").exists()


# -- a device or FIFO as a template is refused, not passed over


@pytest.mark.parametrize("name", ["plan.md.j2", "plan.docx", "report.md.j2"])
def test_a_fifo_as_a_template_is_refused(name: str, plan: Path) -> None:
    folder = plan.parent / "tpl"
    folder.mkdir()
    os.mkfifo(folder / name)
    fmt = "docx" if name.endswith(".docx") else "md"
    command = ("report", "plan.yaml") if name.startswith("report") else ("render", "plan.yaml")
    r = thidua(*command, "-f", fmt, "-o", f"out.{fmt}", "--template-dir", "tpl",
               cwd=plan.parent, timeout=60)
    assert r.returncode == 2, r.stderr
    assert r.stderr == (f"thidua: error: the template tpl/{name} is not a file but a device, "
                        "pipe or socket: a template must be a saved file (remove it to use the "
                        "next template folder's)\n")
    assert not (plan.parent / f"out.{fmt}").exists()


def test_a_fifo_included_by_a_template_is_refused(plan: Path) -> None:
    folder = plan.parent / "tpl"
    folder.mkdir()
    (folder / "plan.md.j2").write_text('# {{ title }}\n{% include "part.j2" %}\n', "utf-8")
    os.mkfifo(folder / "part.j2")
    r = thidua("render", "plan.yaml", "-f", "md", "-o", "out.md", "--template-dir", "tpl",
               cwd=plan.parent, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "the template tpl/part.j2 is not a file but a device" in r.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a character device needs root")
def test_a_device_as_the_local_template_is_refused(plan: Path) -> None:
    import stat

    (plan.parent / "templates").mkdir()
    os.mknod(plan.parent / "templates" / "plan.md.j2", stat.S_IFCHR | 0o666, os.makedev(1, 5))
    r = thidua("render", "plan.yaml", "-f", "md", "-o", "out.md", cwd=plan.parent, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "templates/plan.md.j2 is not a file but a device" in r.stderr


# -- the language server: a body cut short, a signal while it waits


def _server() -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    return subprocess.Popen([sys.executable, "-m", "thidua_cli", "lsp"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**env, "LANG": "C.UTF-8"})


def test_a_body_cut_short_by_the_end_of_input_ends_cleanly() -> None:
    """The cut body went to pygls' JSON parser: a traceback on stderr."""
    r = thidua("lsp", stdin=frame(INIT) + b'Content-Length: 100\r\n\r\n{"jsonrpc"')
    assert r.returncode == 0, r.stderr
    assert r.stderr == "thidua lsp: the input ended 10 bytes into a message of 100 bytes\n"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=["SIGTERM", "SIGINT", "SIGHUP"])
@pytest.mark.parametrize("stalled", [False, True], ids=["idle", "mid-body"])
def test_a_signal_ends_the_waiting_server(signum: int, stalled: bool) -> None:
    """pygls waited on its reading thread, which waited for the client: it never ended."""
    proc = _server()
    assert proc.stdin is not None
    proc.stdin.write(frame(INIT) + (b'Content-Length: 100\r\n\r\n{"js' if stalled else b""))
    proc.stdin.flush()
    assert proc.stdout is not None
    proc.stdout.read1(1)  # the server is up: it answers initialize
    proc.send_signal(signum)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("the server did not end on the signal")
    finally:
        proc.stdin.close()
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    assert proc.returncode == 128 + signum, err
    assert err == f"thidua: interrupted ({signal.Signals(signum).name}): stopped, no file left " \
                  "half-written\n"


@pytest.mark.parametrize("uri", ["file:///tmp/a\x00b.yaml", "file:///tmp/a%00b.yaml",
                                 "file:///tmp/a\x00/plan.yaml", "untitled:a\x00b"])
def test_a_uri_with_nul_gets_its_diagnostics(uri: str) -> None:
    text = EXAMPLE.read_text("utf-8").replace("year: 2022", "year: 2022x", 1)
    doc = {"uri": uri}
    messages = [
        INIT, {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {**doc, "languageId": "yaml", "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
         "params": {"textDocument": doc, "position": {"line": 0, "character": 1}}},
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol",
         "params": {"textDocument": doc}},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction",
         "params": {"textDocument": doc, "context": {"diagnostics": []},
                    "range": {"start": {"line": 0, "character": 0},
                              "end": {"line": 0, "character": 0}}}},
        {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": doc}},
        *END]
    r = thidua("lsp", stdin=b"".join(frame(m) for m in messages))
    assert (r.returncode, r.stderr) == (0, ""), r.stderr
    published = [json.loads(part[:part.rindex("}") + 1]) for part in r.stdout.split("\r\n\r\n")
                 if '"textDocument/publishDiagnostics"' in part]
    assert published and published[0]["params"]["uri"] == uri
    codes = {d["code"] for d in published[0]["params"]["diagnostics"]}
    assert codes == {"TD002"}, published
    got = answers(r.stdout)
    assert {2, 3, 4, 99} <= set(got), got


# -- configuration values are echoed cut, not whole


@pytest.mark.parametrize("toml", [
    'select = ["{v}"]', 'ignore = ["{v}"]', 'today = "{v}"', '{v} = 1',
    '[severity]\n{v} = "error"', '[severity]\nTD101 = "{v}"', 'exclude = ["{v}"]',
    'docs_url = "{v}"'])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_100_kb_configuration_value_is_cut_in_the_message(toml: str, lang: str,
                                                             plan: Path) -> None:
    (plan.parent / ".thidua.toml").write_text(toml.format(v="Q" * 100_000) + "\n", "utf-8")
    r = thidua("lint", "plan.yaml", cwd=plan.parent, env={"THIDUA_LANG": lang})
    clean(r.stdout + r.stderr)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("thidua: ") and ".thidua.toml:" in r.stderr
    assert len(r.stderr) < 1000, len(r.stderr)
    assert "Q" * 150 in r.stderr or "Q" * 40 in r.stderr  # the value's start is shown
    assert "…" in r.stderr


# -- a criterion title too long for a cell is refused where it is written


@pytest.mark.parametrize("command", [("sheets", "-o", "sheets"), ("table", "-o", "t.xlsx")])
def test_a_title_over_excels_cell_limit_is_refused(command: tuple[str, ...],
                                                   tmp_path: Path) -> None:
    text = TREE.read_text("utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "Chất lượng tham mưu" in t)
    text = text.replace("title: Chất lượng tham mưu", "title: " + "Dài " * 11_000, 1)
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    column = text.splitlines()[line - 1].index("Dài") + 1
    r = thidua("scores", command[0], "plan.yaml", *command[1:], cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr == (f"thidua: error: plan.yaml:{line}:{column}: a text of 43999 characters "
                        "goes into one cell, more than the 32767 a spreadsheet cell holds "
                        "(Excel's limit): shorten it in the plan\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_a_title_at_excels_cell_limit_is_written_whole(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    title = "x" * 32767
    text = TREE.read_text("utf-8").replace("title: Chất lượng tham mưu", f"title: {title}", 1)
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    r = thidua("scores", "table", "plan.yaml", "-o", "t.xlsx", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = thidua("scores", "sheets", "plan.yaml", "-o", ".", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    ws = load_workbook(tmp_path / "btc.xlsx").active
    assert ws is not None
    assert title in [c.value for row in ws.iter_rows() for c in row]


# -- new --year must be after the source plan's year


@pytest.mark.parametrize("year", ["2022", "2021", "1900"])
def test_new_refuses_a_year_not_after_the_sources(year: str, plan: Path) -> None:
    line = next(i for i, t in enumerate(plan.read_text("utf-8").splitlines(), 1)
                if t.startswith("year:"))
    r = thidua("new", "new.yaml", "--year", year, "--from", "plan.yaml", "--today",
               "2022-01-01", cwd=plan.parent)
    assert r.returncode == 2, r.stderr
    assert r.stderr == (f"thidua: error: plan.yaml:{line}:7: --year {year} is not after the "
                        "year of the source plan (2022): a new plan is for a later year than "
                        "its source; give --year 2023\n")
    assert not (plan.parent / "new.yaml").exists()


def test_new_from_the_api_refuses_it_too(plan: Path) -> None:
    code = ("import thidua_cli, sys\n"
            "try:\n"
            "    thidua_cli.new_plan(year=2022, source=sys.argv[1])\n"
            "except thidua_cli.ThiduaError as e:\n"
            "    print(type(e).__name__, e.location(), e.message())\n")
    r = subprocess.run([sys.executable, "-c", code, str(plan)], capture_output=True, text=True,
                       timeout=120)
    line = next(i for i, t in enumerate(plan.read_text("utf-8").splitlines(), 1)
                if t.startswith("year:"))
    # In the library's words (the fifteenth pass): year=, not the command's --year.
    assert r.stdout.startswith(f"UsageError {plan}:{line}:7 year=2022 is not after"), \
        r.stdout + r.stderr


# ---------------------------------------------------------------------------
# The fresh pass over every command: what it found


# -- standard input closed (`<&-`) where a command reads `-`


@pytest.mark.parametrize("command", [
    "lint -", "lint --fix --diff -", "report - -f json -o r.json", "render - -f md -o x.md",
    "diff - plan.yaml", "scores table - -o t.xlsx", "new x.yaml --year 2023 --from -",
    "scores import - x.xlsx --diff"])
def test_stdin_closed_is_a_message(command: str, plan: Path) -> None:
    """It was "internal error: AttributeError: 'NoneType' object has no attribute 'buffer'"."""
    r = subprocess.run(f"{sys.executable} -m thidua_cli {command} <&-", shell=True,
                       cwd=plan.parent, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "LANG": "C.UTF-8", "THIDUA_LANG": "en"})
    assert r.returncode == 2, r.stderr
    assert r.stderr == ("thidua: error: standard input is closed, so - has nothing to read: "
                        "give the plan's file name, or send the plan to thidua's input "
                        "(thidua lint - < plan.yaml)\n")


@pytest.mark.parametrize(("redirect", "message"), [
    ("> /dev/full", "cannot write to standard output: No space left on device"),
    (">&-", "standard output is closed")])
def test_version_on_a_full_or_closed_stdout(redirect: str, message: str) -> None:
    """``--version`` is answered before the rest starts: it printed a traceback."""
    r = subprocess.run(f"{sys.executable} -m thidua_cli --version {redirect}", shell=True,
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "THIDUA_LANG": "en"})
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(f"thidua: error: {message}"), r.stderr


# -- templates and configuration files are inputs: no output replaces them


@pytest.mark.parametrize(("args", "victim"), [
    (("render", "plan.yaml", "-f", "md", "-o", "tpl/plan.md.j2", "--template-dir", "tpl"),
     "tpl/plan.md.j2"),
    (("render", "plan.yaml", "-f", "docx", "-o", "tpl/plan.docx", "--template-dir", "tpl"),
     "tpl/plan.docx"),
    (("render", "plan.yaml", "-f", "md", "-o", "inc/part.j2", "--template-dir", "inc"),
     "inc/part.j2"),
    (("report", "plan.yaml", "-f", "md", "-o", "tpl/report.md.j2", "--template-dir", "tpl"),
     "tpl/report.md.j2"),
    (("report", "plan.yaml", "-f", "json", "-o", ".thidua.toml"), ".thidua.toml"),
    (("lint", "plan.yaml", "-f", "json", "-o", ".thidua.toml"), ".thidua.toml"),
    (("render", "plan.yaml", "-f", "md", "-o", "other.toml", "--config", "other.toml"),
     "other.toml"),
    (("lint", "plan.yaml", "-o", "pyproject.toml"), "pyproject.toml"),
])
def test_a_template_or_configuration_read_is_never_an_output(args: tuple[str, ...],
                                                             victim: str,
                                                             plan: Path) -> None:
    """They were overwritten, exit 0: only plans were noted as inputs."""
    folder = plan.parent
    (folder / "tpl").mkdir()
    for name in ("plan.md.j2", "plan.docx", "report.md.j2"):
        shutil.copy(ROOT / "templates" / name, folder / "tpl" / name)
    (folder / "inc").mkdir()
    (folder / "inc" / "plan.md.j2").write_text('{% include "part.j2" %}\n', "utf-8")
    (folder / "inc" / "part.j2").write_text("{{ title }}\n", "utf-8")
    (folder / ".thidua.toml").write_text('select = ["TD1"]\n', "utf-8")
    (folder / "other.toml").write_text('select = ["TD1"]\n', "utf-8")
    if "pyproject.toml" in args:
        (folder / ".thidua.toml").unlink()
        (folder / "pyproject.toml").write_text('[tool.thidua]\nselect = ["TD1"]\n', "utf-8")
    before = (folder / victim).read_bytes()
    r = thidua(*args, cwd=folder)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr == (f"thidua: error: refusing to write over {victim}: it is a plan or file "
                        "this run reads; choose another output\n")
    assert (folder / victim).read_bytes() == before


# -- the library given hostile arguments: the ThiduaError family, never a bare exception

API_CALLS = [
    # (call, the error's class and the start of its message)
    ("load(None)", "UsageError source must be a path (str or os.PathLike) or a plan's text, "
                   "not None"),
    ("load(123)", "UsageError source must be a path"),
    ("load(b'plan.yaml')", "UsageError source must be a path (str or os.PathLike) or a plan's "
                           "text, not bytes"),
    ("load('')", "UsageError source is empty"),
    ("load('a\\x00b.yaml')", "UsageError source holds a NUL character"),
    ("load('plan.yaml', max_bytes='x')", "UsageError max_bytes must be a whole number"),
    ("load('plan.yaml', max_bytes=-1)", "UsageError max_bytes must be a whole number from 1 "
                                        "to 268435456, not -1"),
    ("lint(None)", "UsageError source must be a path"),
    ("lint(['plan.yaml', None])", "UsageError source must be a path"),
    ("lint('plan.yaml', today='2022-01-01')", "UsageError today must be a datetime.date, "
                                             "not str"),
    ("lint('plan.yaml', lang='xx')", "UsageError lang must be 'vi' or 'en', not 'xx'"),
    ("lint('plan.yaml', select='TD1')", "UsageError select must be a list of texts"),
    ("lint('plan.yaml', jobs=0)", "UsageError jobs must be a whole number of at least 1"),
    ("fix_files(None)", "UsageError source must be a path"),
    ("render(123, format='md')", "UsageError plan must be a path"),
    ("render('plan.yaml', format='md', as_of='2022-01-01')", "UsageError as_of must be a "
                                                             "datetime.date"),
    ("render('plan.yaml', format='md', output=b'x.md')", "UsageError output must be a path"),
    ("render('plan.yaml', format='md', findings=1)", "UsageError findings must be a function"),
    ("report(None)", "UsageError plan must be a path"),
    ("write_report([], format='json', output='r.json')", "UsageError source names no plan"),
    ("write_report('plan.yaml', format='json', output='r.json', progress=3)",
     "UsageError progress must be a function"),
    ("diff(None, None)", "UsageError old must be a path"),
    ("new_plan(year='2023', source='plan.yaml')", "UsageError year must be a whole number "
                                                  "from 1900 to 2100, not '2023'"),
    ("new_plan(year=None)", "UsageError year must be a whole number from 1900 to 2100"),
    ("new_plan(year=10**6)", "UsageError year must be a whole number from 1900 to 2100"),
    ("new_plan(year=True)", "UsageError year must be a whole number"),
    ("new_plan(year=2023, source='plan.yaml', deputies='btc')", "UsageError deputies must be "
                                                                "a list of texts"),
    ("new_plan(year=2023, source='plan.yaml', today='2022')", "UsageError today must be a "
                                                              "datetime.date"),
    ("import_plan('x.docx', year=-1)", "UsageError year must be a whole number from 1900"),
    ("rules(123)", "UsageError rule must be a text (str), not int"),
]


def test_the_library_refuses_hostile_arguments_with_its_own_errors(plan: Path) -> None:
    """They were TypeError, ValueError, IndexError, AttributeError from deep inside."""
    code = ("import sys, thidua_cli\n"
            "for call in sys.argv[1:]:\n"
            "    try:\n"
            "        eval('thidua_cli.' + call)\n"
            "        print('no error')\n"
            "    except thidua_cli.ThiduaError as e:\n"
            "        print(type(e).__name__, e.message('en').replace('\\n', ' '))\n"
            "    except Exception as e:\n"
            "        print('BARE', type(e).__name__, e)\n")
    r = subprocess.run([sys.executable, "-c", code, *(c for c, _ in API_CALLS)],
                       capture_output=True, text=True, timeout=300, cwd=plan.parent)
    got = r.stdout.splitlines()
    assert len(got) == len(API_CALLS), r.stdout + r.stderr
    wrong = [(call, line) for (call, want), line in zip(API_CALLS, got, strict=True)
             if not line.startswith(want)]
    assert wrong == [], wrong


def test_a_file_read_by_one_library_call_may_be_written_by_the_next(plan: Path) -> None:
    """The inputs noted were the process's: after ``load('notes.md')``, ``render(...,
    output='notes.md')`` was refused as "a file this run reads"."""
    code = ("import thidua_cli\n"
            "thidua_cli.lint('notes.md')\n"
            "print(thidua_cli.render('plan.yaml', format='md', output='notes.md'))\n")
    (plan.parent / "notes.md").write_text("old notes\n", "utf-8")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=300, cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "notes.md\n"
    assert (plan.parent / "notes.md").read_text("utf-8").startswith("<!--")


# -- git: a folder or a commit is no plan; a blob is read within the bound


def _repo(folder: Path, files: dict[str, bytes]) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)
    git("init", "-q", ".")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "one")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("spec", ["HEAD:", "HEAD:plans", "HEAD~0:plans/"])
def test_a_revision_naming_a_folder_is_not_read_as_a_plan(spec: str, tmp_path: Path) -> None:
    """``git show HEAD:`` printed the tree's listing: "HEAD::4:1: YAML syntax error"."""
    _repo(tmp_path, {"plans/plan.yaml": EXAMPLE.read_bytes()})
    r = thidua("diff", spec, "plans/plan.yaml", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr == (f"thidua: error: {spec} is not a file in git but a folder or a commit: "
                        "name a file in it, as HEAD:plans/plan-2022.yaml\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_huge_blob_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    """All of ``git show``'s output was held before its size was checked."""
    _repo(tmp_path, {"big.yaml": b"# " + b"x" * (200 * 1024 * 1024) + b"\n"})
    r = thidua("diff", "HEAD:big.yaml", "HEAD:big.yaml", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr == ("thidua: error: HEAD:big.yaml is more than the limit of 20971520 bytes "
                        "(thidua lint and thidua diff raise it with --max-bytes)\n")
    assert r.max_rss_mb < 150, r.max_rss_mb


# -- a configuration saved with a BOM (Notepad) is read as one without


@pytest.mark.parametrize(("name", "text", "line"), [
    (".thidua.toml", 'select = ["ZZZ"]\n', 1),
    ("pyproject.toml", '[tool.thidua]\nselect = ["ZZZ"]\n', 2)])
def test_a_configuration_with_a_bom_is_read(name: str, text: str, line: int,
                                            plan: Path) -> None:
    """``.thidua.toml`` was "TOML syntax error: Invalid statement"; ``pyproject.toml``'s
    table was not found at all, so its settings were silently ignored."""
    (plan.parent / name).write_bytes(b"\xef\xbb\xbf" + text.encode())
    r = thidua("lint", "plan.yaml", cwd=plan.parent)
    assert r.returncode == 2
    assert r.stderr == (f"thidua: error: {name}:{line}: 'ZZZ' in 'select' is not a rule code, "
                        "rule name or code prefix\n")


# -- the language server logs what it cannot handle in one line, never a traceback

_OPEN = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": "file:///tmp/p.yaml", "languageId": "yaml",
                                     "version": 1, "text": "version: 1\n"}}}


def _at(line: int, character: int) -> dict[str, object]:
    return {"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": "file:///tmp/p.yaml"},
                       "position": {"line": line, "character": character}}}


@pytest.mark.parametrize("bad", [
    pytest.param(b'{"jsonrpc": "2.0", "method": "x", "params": ' + b"[" * 200_000
                 + b"]" * 200_000 + b"}", id="nested-200000-deep"),
    pytest.param(b'{"jsonrpc": "2.0", "method": "x", "params": "\xff\xfe"}', id="not-utf-8"),
    pytest.param(b"hello", id="not-json"),
    pytest.param(b"[1, 2, 3]", id="a-list"),
    pytest.param(json.dumps(_at(10**12, 10**12)).encode(), id="position-past-2**32"),
    pytest.param(json.dumps(_at(-1, -1)).encode(), id="negative-position"),
    pytest.param(json.dumps({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
                             "params": {"changes": [{"uri": "\x00", "type": 99}]}}).encode(),
                 id="watched-file-of-no-type"),
])
def test_a_message_the_server_cannot_handle_is_one_log_line(bad: bytes) -> None:
    """pygls logged each with its Python traceback (30 lines on the editor's log)."""
    r = thidua("lsp", stdin=b"".join([frame(INIT), frame(_OPEN), frame(bad), frame(SYMBOLS),
                                      *(frame(m) for m in END)]))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "File \"" not in r.stderr, r.stderr
    lines = r.stderr.splitlines()
    assert lines and all(line.startswith("thidua lsp: ") for line in lines), r.stderr
    assert answers(r.stdout).get(7) == []  # and the next request is answered


# -- outputs whose names differ only in case are one file on Windows and macOS


def test_member_ids_differing_in_case_are_refused_before_any_sheet(tmp_path: Path) -> None:
    """``btc.xlsx`` then ``BTC.xlsx``: on Windows the second replaced the first."""
    text = TREE.read_text("utf-8").replace(
        "    - id: ubdt\n      name: Ủy ban Dân tộc\n",
        "    - id: ubdt\n      name: Ủy ban Dân tộc\n    - id: BTC\n      name: Bộ khác\n")
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    r = thidua("scores", "sheets", "plan.yaml", "-o", "sheets", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith("thidua: error: sheets/btc.xlsx and sheets/BTC.xlsx differ only "
                               "in the case of their letters"), r.stderr
    assert not (tmp_path / "sheets").exists()


def test_plans_named_alike_but_for_case_report_into_one_folder(plan: Path) -> None:
    shutil.copy(plan, plan.parent / "PLAN.yaml")
    r = thidua("report", "plan.yaml", "PLAN.yaml", "-f", "md", "-o", "out/", cwd=plan.parent)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith("thidua: error: out/plan-report.md and out/PLAN-report.md differ "
                               "only in the case of their letters"), r.stderr
    assert not (plan.parent / "out").exists()


# -- a DOCX template may not link outside itself (but for hyperlinks)

_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_ATTACHED = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "attachedTemplate")


def _template_with(folder: Path, part: str, rel: str) -> None:
    import zipfile

    (folder / "tpl").mkdir()
    with zipfile.ZipFile(ROOT / "templates" / "plan.docx") as src, \
            zipfile.ZipFile(folder / "tpl" / "plan.docx", "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            dst.writestr(info, data)
        if part not in names:
            dst.writestr(part, '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                         '"http://schemas.openxmlformats.org/package/2006/relationships">'
                         f"{rel}</Relationships>")


@pytest.mark.parametrize(("part", "kind", "target"), [
    ("word/_rels/document.xml.rels", _IMAGE, "file:///home/someone/secret.png"),
    ("word/_rels/settings.xml.rels", _ATTACHED, "http://127.0.0.1:9/x.dotm"),
    ("word/_rels/header1.xml.rels", _IMAGE, "file:///etc/passwd"),
])
def test_a_template_linking_outside_itself_is_refused(part: str, kind: str, target: str,
                                                      plan: Path) -> None:
    """The links went into the document as they were; LibreOffice fetches them when it
    converts to PDF, and puts a linked image in the PDF."""
    rel = f'<Relationship Id="rIdX" Type="{kind}" Target="{target}" TargetMode="External"/>'
    _template_with(plan.parent, part, rel)
    r = thidua("render", "plan.yaml", "-f", "docx", "-o", "out.docx", "--template-dir", "tpl",
               cwd=plan.parent)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr == (f"thidua: error: the DOCX template tpl/plan.docx is refused: its part "
                        f"{part} links to {target}, outside the template (only hyperlinks may "
                        "point outside: LibreOffice would fetch the rest); embed the image or "
                        "remove the link\n")
    assert not (plan.parent / "out.docx").exists()


def test_a_template_with_an_outside_hyperlink_renders(plan: Path) -> None:
    rel = (f'<Relationship Id="rIdX" Type="{_LINK}" Target="https://thiduakhenthuong.gov.vn/" '
           'TargetMode="External"/>')
    _template_with(plan.parent, "word/_rels/document.xml.rels", rel)
    r = thidua("render", "plan.yaml", "-f", "docx", "-o", "out.docx", "--template-dir", "tpl",
               cwd=plan.parent)
    assert r.returncode == 0, r.stderr


# -- a number no sheet means is shown as a number, not its 300 digits


@pytest.mark.parametrize(("value", "shown"), [(1e308, "1e+308"), (-1e308, "-1e+308"),
                                              (1e-301, "1e-301"), (12.5, "12.5")])
def test_an_absurd_score_in_a_sheet_is_shown_short(value: float, shown: str,
                                                   tmp_path: Path) -> None:
    from openpyxl import load_workbook

    shutil.copy(TREE, tmp_path / "plan.yaml")
    r = thidua("scores", "sheets", "plan.yaml", "-o", "sheets", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    book = load_workbook(tmp_path / "sheets" / "btc.xlsx")
    sheet = book.active
    assert sheet is not None
    sheet["D9"] = value  # the first score cell: 'ke-hoach', at most 30
    book.save(tmp_path / "filled.xlsx")
    r = thidua("scores", "import", "plan.yaml", "filled.xlsx", "--diff", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    if value > 30 or value < 0 or value != round(value, 2):
        assert (f"filled.xlsx:Tự chấm!D9: error TD505 [sheet-score-out-of-range] score {shown} "
                "for 'ke-hoach' is outside 0 to 30") in r.stderr, r.stderr
    else:
        assert "D9: error TD505" not in r.stderr


# -- a plan to be rewritten must be a saved file


@pytest.mark.parametrize("command", [("lint", "--fix", "plan.fifo"),
                                     ("scores", "import", "plan.fifo", "sheet.xlsx")])
def test_a_fifo_plan_is_not_rewritten(command: tuple[str, ...], tmp_path: Path) -> None:
    """``lint --fix`` read it, then read it again to see whether it had changed: it
    waited for ever."""
    os.mkfifo(tmp_path / "plan.fifo")
    writer = subprocess.Popen(["sh", "-c", 'cat "$0" > plan.fifo', str(EXAMPLE)],
                              cwd=tmp_path)
    try:
        r = thidua(*command, cwd=tmp_path, timeout=60)
    finally:
        writer.kill()
        writer.wait()
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr == ("thidua: error: cannot rewrite plan.fifo: it is not a saved file but "
                        "a pipe, device or socket; name the plan's file (or use --diff to see "
                        "the changes)\n")


def test_a_fifo_plan_can_still_be_shown_its_fixes(tmp_path: Path) -> None:
    import unicodedata

    (tmp_path / "nfd.yaml").write_text(unicodedata.normalize("NFD", EXAMPLE.read_text("utf-8")),
                                       "utf-8")
    os.mkfifo(tmp_path / "plan.fifo")
    writer = subprocess.Popen(["sh", "-c", "cat nfd.yaml > plan.fifo"], cwd=tmp_path)
    try:
        r = thidua("lint", "--fix", "--diff", "plan.fifo", cwd=tmp_path, timeout=60)
    finally:
        writer.kill()
        writer.wait()
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("--- plan.fifo\n+++ plan.fifo\n")


# -- SIGTERM to a parallel lint stops its workers, not waits for them


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP],
                         ids=["SIGTERM", "SIGHUP"])
def test_a_signal_to_a_parallel_lint_stops_its_workers(signum: int, tmp_path: Path) -> None:
    """``timeout`` signals thidua alone: it waited for every worker to finish its files
    (a worker on a slow plan held the run for as long as that plan took)."""
    from .test_writing import start_held_parallel_lint

    proc = start_held_parallel_lint(tmp_path, 6, "p3-hold.yaml", 600)
    try:
        proc.send_signal(signum)  # the parent only, as `timeout` does
        _, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # a worker left behind, if any
    assert proc.returncode == 128 + signum, err
    assert err.decode() == (f"thidua: interrupted ({signal.Signals(signum).name}): stopped, "
                            "no file left half-written\n")


# -- a file name is escaped in what every command prints, the workbooks' too

_NAME = "x\x1b[31m\ny"


@pytest.mark.parametrize("command", [
    ("import", str(ROOT / "tests" / "import" / "letterhead-table.docx"), "-o", f"{_NAME}.yaml"),
    ("scores", "table", "tree.yaml", "-o", f"{_NAME}.xlsx"),
    ("scores", "sheets", "tree.yaml", "-o", _NAME),
    ("scores", "import", "tree.yaml", "sheets/btc.xlsx", "--diff"),
])
def test_a_name_with_control_characters_is_printed_escaped(command: tuple[str, ...],
                                                           tmp_path: Path) -> None:
    """``import -o``, ``scores table -o`` and ``scores sheets -o`` printed the names
    they wrote raw, and a finding in a workbook named with an ESC or a newline
    reached the terminal with them (a forged finding line)."""
    shutil.copy(TREE, tmp_path / "tree.yaml")
    if command[1] == "import":
        r = thidua("scores", "sheets", "tree.yaml", "-o", "sheets", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        os.rename(tmp_path / "sheets" / "btc.xlsx", tmp_path / "sheets" / f"{_NAME}.xlsx")
        command = (*command[:3], f"sheets/{_NAME}.xlsx", *command[4:])
    r = thidua(*command, cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    output = r.stdout + r.stderr
    assert "x\\x1b[31m\\ny" in output, output[-1000:]
    assert "\x1b" not in output and "x\x1b[31m\ny" not in output


# -- the language server without its standard streams


def test_the_server_with_stdin_closed_says_so() -> None:
    r = subprocess.run(f"{sys.executable} -m thidua_cli lsp <&-", shell=True,
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "THIDUA_LANG": "en"})
    assert r.returncode == 2, r.stderr
    assert r.stderr == ("thidua: error: standard input is closed: thidua lsp reads its "
                        "editor's messages there; let the editor start it\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_the_server_with_stdout_on_a_full_disk_ends() -> None:
    """pygls logged every answer it could not send, went on, and ended with exit 0."""
    stdin = b"".join([frame(INIT), frame(SYMBOLS), *(frame(m) for m in END)])
    with open("/dev/full", "wb") as full:
        r = subprocess.run([sys.executable, "-m", "thidua_cli", "lsp"], input=stdin,
                           stdout=full, stderr=subprocess.PIPE, timeout=60,
                           env={**os.environ, "THIDUA_LANG": "en"})
    assert r.returncode == 2, r.stderr
    assert r.stderr.decode() == ("thidua: error: cannot write to standard output: No space left "
                                 "on device\n")


# -- run in a folder that was deleted meanwhile


@pytest.mark.parametrize("command", ["lint {plan}", "render {plan} -f md -o -",
                                     "report {plan} -f json -o -", "diff {plan} {plan}",
                                     "new - --year 2023 --from {plan}", "lint - < {plan}"])
def test_a_deleted_current_folder_is_a_message(command: str, plan: Path) -> None:
    """Every command that looks for a configuration said "internal error:
    FileNotFoundError"."""
    gone = plan.parent / "gone"
    script = (f"mkdir {gone} && cd {gone} && rmdir {gone} && "
              f"{sys.executable} -m thidua_cli {command.format(plan=plan)}")
    r = subprocess.run(script, shell=True, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "THIDUA_LANG": "en",
                            "PYTHONPATH": str(ROOT / "src")})
    assert r.returncode == 2, r.stderr
    assert r.stderr == ("thidua: error: the current folder no longer exists (it was deleted "
                        "or moved): cd to a folder that exists and run thidua again\n")


def test_the_library_in_a_deleted_folder_raises_its_own_error(plan: Path) -> None:
    gone = plan.parent / "gone"
    code = ("import sys, thidua_cli\n"
            "try:\n"
            "    thidua_cli.lint(sys.argv[1])\n"
            "except thidua_cli.ThiduaError as e:\n"
            "    print(type(e).__name__, e.message('en'))\n")
    r = subprocess.run(["sh", "-c", f'mkdir {gone} && cd {gone} && rmdir {gone} && '
                        f'"{sys.executable}" -c "$0" {plan}', code],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert r.stdout.startswith("UsageError the current folder no longer exists"), \
        r.stdout + r.stderr


# -- standard error closed: the exit code still says what happened


@pytest.mark.parametrize(("command", "code"), [("lint nope.yaml", 2), ("lint - -", 2),
                                               ("lint plan.yaml", 0)])
def test_stderr_closed_keeps_the_exit_code(command: str, code: int, plan: Path) -> None:
    """A failure was exit 1 (the message's write failed) whatever it was."""
    r = subprocess.run(f"{sys.executable} -m thidua_cli {command} 2>&-", shell=True,
                       cwd=plan.parent, capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == code, r.stdout


@pytest.mark.parametrize("member", ["con", "NUL", "aux", "com1", "lpt9"])
def test_a_member_id_windows_keeps_for_a_device_gets_no_sheet(member: str,
                                                              tmp_path: Path) -> None:
    """``con.xlsx`` is the console on Windows: the member's sheet went nowhere."""
    text = TREE.read_text("utf-8").replace(
        "    - id: ubdt\n      name: Ủy ban Dân tộc\n",
        f"    - id: ubdt\n      name: Ủy ban Dân tộc\n    - id: {member}\n      name: Bộ khác\n")
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    r = thidua("scores", "sheets", "plan.yaml", "-o", "sheets", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith(f"thidua: error: cannot write sheets/{member}.xlsx: Windows "
                               "keeps that name for a device"), r.stderr
    assert not (tmp_path / "sheets").exists()


# -- a configuration that is not UTF-8 is told as such, not as a codec's words


@pytest.mark.parametrize(("data", "expected"), [
    ('select = ["TD1"]\n'.encode("utf-16"),
     ".thidua.toml:1:1: the configuration file is UTF-16 LE, not UTF-8: save it as UTF-8 "
     "(in Notepad: Save As, Encoding: UTF-8), or run: iconv -f UTF-16LE -t UTF-8"),
    ('ignore = ["TD1"]  # thi \u0111ua\n'.encode("cp1258"),
     ".thidua.toml:1:25: the configuration file is not UTF-8 text: save it as UTF-8 "
     "(a configuration written in an old Vietnamese encoding can be converted with "
     "iconv -f CP1258 -t UTF-8)")], ids=["utf-16", "windows-1258"])
def test_a_configuration_not_in_utf8_names_its_encoding(data: bytes, expected: str,
                                                        plan: Path) -> None:
    """It was "cannot read the configuration: 'utf-8' codec can't decode byte 0xff"."""
    (plan.parent / ".thidua.toml").write_bytes(data)
    r = thidua("lint", "plan.yaml", cwd=plan.parent)
    assert r.returncode == 2
    assert r.stderr == f"thidua: error: {expected}\n"


# -- the size limit diff's message points at is an option of diff


def test_diff_takes_the_max_bytes_its_message_names(plan: Path) -> None:
    """diff said "raise it with --max-bytes" and had no such option."""
    small = thidua("diff", "--max-bytes", "100", "plan.yaml", "plan.yaml", cwd=plan.parent)
    assert small.returncode == 2
    assert small.stderr == (f"thidua: error: plan.yaml is {plan.stat().st_size} bytes, more "
                            "than the limit of 100 bytes (thidua lint and thidua diff raise "
                            "it with --max-bytes)\n")
    raised = thidua("diff", "--max-bytes", "30000000", "plan.yaml", "plan.yaml",
                    cwd=plan.parent)
    assert raised.returncode == 0, raised.stderr
    assert raised.stderr == ""


# -- an input that never ends a line is not read for ever


def test_the_language_server_ends_on_an_input_without_line_ends() -> None:
    """``thidua lsp < /dev/zero`` read for ever (in bounded memory, but for ever)."""
    with open("/dev/zero", "rb") as zero:
        r = subprocess.run([sys.executable, "-m", "thidua_cli", "lsp"], stdin=zero,
                           capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stderr.decode().endswith("it is not the Language Server Protocol; ending\n")
    clean(r.stderr.decode())
