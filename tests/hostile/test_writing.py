"""Outputs meant to hurt: devices, FIFOs, inputs, links, other users' files,
signals mid-write, stdout closed or full. Every writer goes through the atomic
writer, so each rule is tested through the commands that write.

Device nodes are made with ``os.mknod`` in a temporary folder (never the
machine's own ``/dev/null``); a signal is sent to a real ``thidua`` process
while its temporary file exists, held there by a ``sitecustomize`` planted in
that process (an ``fsync`` that waits), the way ``test_edges`` plants a
warning.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import office_processes, thidua

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
ROOT_USER = os.geteuid() == 0
NOBODY = 65534

# (arguments, with {plan} and {out}), one per writer.
WRITERS = [
    pytest.param(("render", "{plan}", "-f", "md", "-o", "{out}"), id="render"),
    pytest.param(("report", "-f", "json", "{plan}", "-o", "{out}"), id="report"),
    pytest.param(("lint", "-f", "json", "-o", "{out}", "{plan}"), id="lint-output"),
    pytest.param(("schema", "-o", "{out}"), id="schema"),
    pytest.param(("new", "{out}", "--year", "2023", "--from", "{plan}", "--force",
                  "--today", "2022-01-01"), id="new"),
    pytest.param(("render", "{plan}", "--doc", "giao-uoc", "-f", "md", "-o", "{out}"),
                 id="render-doc"),
    pytest.param(("import", str(ROOT / "tests" / "import" / "letterhead-table.docx"), "-o",
                  "{out}", "--force"), id="import"),
    pytest.param(("scores", "table", str(ROOT / "tests" / "plans" / "valid" / "scoring-tree.yaml"),
                  "-o", "{out}"), id="scores-table"),
]


def args_of(template: tuple[str, ...], plan: Path, out: Path) -> list[str]:
    return [a.format(plan=plan, out=out) for a in template]


def suffix_for(writer: tuple[str, ...]) -> str:
    """A suffix every writer takes for an output file: the table is a workbook,
    named .xlsx (``scores table`` refuses any other suffix)."""
    return ".xlsx" if writer[:2] == ("scores", "table") else ".txt"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "plan.yaml"))


# -- 1. a device or FIFO is written in place, never replaced


@pytest.mark.skipif(not ROOT_USER, reason="mknod of a character device needs root")
@pytest.mark.parametrize("writer", WRITERS)
def test_a_character_device_stays_a_device(writer: tuple[str, ...], plan: Path) -> None:
    null = plan.parent / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    r = thidua(*args_of(writer, plan, null), cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert os.major(null.stat().st_rdev) == 1 and os.minor(null.stat().st_rdev) == 3
    assert sorted(p.name for p in plan.parent.iterdir()) == ["null", "plan.yaml"]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_is_written_into(writer: tuple[str, ...], plan: Path) -> None:
    fifo = plan.parent / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = thidua(*args_of(writer, plan, fifo), cwd=plan.parent)
    reader.join(60)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and len(got[0]) > 50
    assert sorted(p.name for p in plan.parent.iterdir()) == ["pipe", "plan.yaml"]


# -- 2. no output is an input of the same run, by device and inode


def test_report_refuses_to_write_over_a_plan_it_reads(tmp_path: Path) -> None:
    a = Path(shutil.copy(EXAMPLE, tmp_path / "a.yaml"))
    shutil.copy(EXAMPLE, tmp_path / "b.yaml")
    r = thidua("report", "-f", "json", "-o", "a.yaml", "a.yaml", "b.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert "refusing to write over a.yaml" in r.stderr
    assert a.read_bytes() == EXAMPLE.read_bytes()


def test_an_excluded_plan_named_on_the_line_is_still_an_input(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    draft = Path(shutil.copy(EXAMPLE, tmp_path / "drafts" / "p.yaml"))
    shutil.copy(EXAMPLE, tmp_path / "a.yaml")
    (tmp_path / ".thidua.toml").write_text('exclude = ["drafts"]\n', "utf-8")
    r = thidua("lint", "-o", "drafts/p.yaml", "a.yaml", "drafts/p.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert draft.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_an_input_reached_through_a_link_is_refused(link: str, plan: Path) -> None:
    other = plan.parent / "other.md"
    (os.symlink if link == "symlink" else os.link)(plan, other)
    r = thidua("render", "plan.yaml", "-f", "md", "-o", "other.md", cwd=plan.parent)
    assert r.returncode == 2
    assert "refusing to write over other.md" in r.stderr
    assert plan.read_bytes() == EXAMPLE.read_bytes()


# -- 3. signals: no temporary file left, 128+n, a message


_HOLD_FSYNC = (
    "import os, time\n"
    "_fsync = os.fsync\n"
    "def fsync(fd):\n"
    "    if os.environ.get('HOLD_FSYNC'):\n"
    "        open(os.environ['HOLD_FSYNC'], 'w').close()\n"
    "        time.sleep(120)\n"
    "    _fsync(fd)\n"
    "os.fsync = fsync\n"
)


def _start(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    full.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", **env})
    return subprocess.Popen([sys.executable, "-m", "thidua_cli", *args], cwd=cwd, env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)


def _wait_for(path: Path, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < end, "the writer never reached its temporary file"
        time.sleep(0.01)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_signal_mid_write_leaves_no_temporary_file(signum: int, writer: tuple[str, ...],
                                                     plan: Path) -> None:
    hooks = plan.parent / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_HOLD_FSYNC, "utf-8")
    reached = hooks / "reached"
    out = plan.parent / f"out{suffix_for(writer)}"
    proc = _start(args_of(writer, plan, out), plan.parent,
                  {"PYTHONPATH": str(hooks), "HOLD_FSYNC": str(reached)})
    try:
        _wait_for(reached, proc)
        assert [p.name for p in plan.parent.glob(f".{out.name}.*.tmp")]  # mid-write indeed
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum, err
    assert f"interrupted ({signal.Signals(signum).name})" in err.decode()
    assert "Traceback" not in err.decode()
    assert sorted(p.name for p in plan.parent.iterdir()) == ["hooks", "plan.yaml"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_a_signal_during_pdf_conversion_leaves_no_libreoffice(signum: int, plan: Path,
                                                              long_plan: Path) -> None:
    # TMPDIR inside this test's folder: LibreOffice's command line names it,
    # so these processes, and only these, are found by it.
    tmp = plan.parent / "tmp"
    tmp.mkdir()
    signal_office(["render", "--today", "2020-01-01", str(long_plan), "-o", "plan.pdf"],
                  plan.parent, tmp, signum)
    assert sorted(p.name for p in plan.parent.iterdir()) == ["plan.yaml", "tmp"]


def signal_office(args: list[str], cwd: Path, tmp: Path, signum: int,
                  settle: float = 0.5) -> str:
    """Start thidua with ``TMPDIR=tmp``, send ``signum`` ``settle`` seconds after its
    LibreOffice starts, and check it ended with 128 + the signal, leaving no LibreOffice
    and nothing in ``tmp`` (LibreOffice's command line names ``tmp``: these processes,
    only these). Returns what thidua printed on standard error."""
    proc = _start(args, cwd, {"TMPDIR": str(tmp)})
    try:
        end = time.monotonic() + 120
        while not office_processes(str(tmp)):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < end, "LibreOffice never started"
            time.sleep(0.02)
        time.sleep(settle)  # let it fork its own children
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum, err
    assert office_processes(str(tmp)) == []
    time.sleep(2)  # nothing comes back to recreate its folder
    assert list(tmp.iterdir()) == []
    return err.decode()


# -- 4. owner, group and hard links


@pytest.mark.skipif(not ROOT_USER, reason="giving a file to another user needs root")
def test_fix_as_root_keeps_another_users_file_theirs(tmp_path: Path) -> None:
    import unicodedata

    plan = tmp_path / "plan.yaml"
    nfd = unicodedata.normalize("NFD", EXAMPLE.read_text("utf-8"))
    plan.write_text(nfd, "utf-8")
    os.chown(plan, NOBODY, NOBODY)
    r = thidua("lint", "--fix", "--today", "2022-01-01", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "fixed" in r.stderr and plan.read_text("utf-8") != nfd
    assert (plan.stat().st_uid, plan.stat().st_gid) == (NOBODY, NOBODY)


@pytest.mark.skipif(not ROOT_USER, reason="giving a file to another user needs root")
def test_render_as_root_keeps_the_outputs_owner(plan: Path) -> None:
    out = plan.parent / "plan.md"
    out.write_text("old\n", "utf-8")
    os.chown(out, NOBODY, NOBODY)
    assert thidua("render", "plan.yaml", "-o", "plan.md", cwd=plan.parent).returncode == 0
    assert (out.stat().st_uid, out.stat().st_gid) == (NOBODY, NOBODY)
    assert out.read_text("utf-8") != "old\n"


def test_fix_never_splits_a_hard_linked_plan(tmp_path: Path) -> None:
    import unicodedata

    plan = tmp_path / "plan.yaml"
    nfd = unicodedata.normalize("NFD", EXAMPLE.read_text("utf-8"))
    plan.write_text(nfd, "utf-8")
    os.link(plan, tmp_path / "twin.yaml")
    r = thidua("lint", "--fix", "--today", "2022-01-01", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert "plan.yaml: it has 2 hard links" in r.stderr
    assert plan.stat().st_nlink == 2
    assert (tmp_path / "twin.yaml").read_text("utf-8") == nfd == plan.read_text("utf-8")


def test_an_output_with_hard_links_is_not_split(plan: Path) -> None:
    out = plan.parent / "plan.md"
    out.write_text("old\n", "utf-8")
    os.link(out, plan.parent / "copy.md")
    r = thidua("render", "plan.yaml", "-o", "plan.md", cwd=plan.parent)
    assert r.returncode == 2
    assert "it has 2 hard links" in r.stderr
    assert out.stat().st_nlink == 2


# -- 5. messages instead of odd names and wrong reasons


def test_a_report_from_stdin_into_a_folder_is_named_sensibly(tmp_path: Path) -> None:
    r = thidua("report", "-f", "json", "-o", "out/", "-", stdin=EXAMPLE.read_bytes(),
               cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["stdin-report.json"]


def test_a_template_dir_that_is_a_file_is_called_a_file(plan: Path) -> None:
    r = thidua("render", "plan.yaml", "-o", "plan.md", "--template-dir", "plan.yaml",
               cwd=plan.parent)
    assert r.returncode == 2
    assert "--template-dir plan.yaml is a file, not a folder" in r.stderr


# -- 14. ordinary conditions, not internal errors


def test_a_symlink_loop_as_output_and_as_input(plan: Path) -> None:
    os.symlink("loop-b", plan.parent / "loop-a")
    os.symlink("loop-a", plan.parent / "loop-b")
    r = thidua("render", "plan.yaml", "-f", "md", "-o", "loop-a", cwd=plan.parent)
    assert (r.returncode, r.stderr) == (
        2, "thidua: error: cannot write loop-a: its symbolic links go round in a loop\n")
    r = thidua("lint", "loop-a", cwd=plan.parent)
    assert (r.returncode, r.stderr) == (
        2, "thidua: error: loop-a: its symbolic links go round in a loop\n")


def test_a_300_character_name(plan: Path) -> None:
    name = "x" * 300 + ".md"
    r = thidua("render", "plan.yaml", "-o", name, cwd=plan.parent)
    assert r.returncode == 2
    assert "the name is too long for the file system" in r.stderr
    r = thidua("lint", name[:-3] + ".yaml", cwd=plan.parent)
    assert r.returncode == 2
    assert "the name is too long for the file system" in r.stderr
    assert "internal error" not in r.stderr


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1"})
    return subprocess.run(["sh", "-c", command.format(python=sys.executable)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=60)


def test_stdout_closed(plan: Path) -> None:
    r = _shell("{python} -m thidua_cli lint plan.yaml >&-", plan.parent)
    assert r.returncode == 2
    assert r.stderr.startswith("thidua: error: standard output is closed")


@pytest.mark.skipif(not ROOT_USER, reason="mknod of a character device needs root")
def test_stdout_on_a_full_device(plan: Path) -> None:
    full = plan.parent / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # what /dev/full is
    for command in ("lint plan.yaml", "render plan.yaml -o -", "schema"):
        r = _shell(f"{{python}} -m thidua_cli {command} > full", plan.parent)
        assert r.returncode == 2, command
        assert r.stderr == ("thidua: error: cannot write to standard output: "
                            "No space left on device\n"), r.stderr


def _hold_lint(seconds: int) -> str:
    """A hook that holds ``lint_file`` on the plan named ``*hold.yaml``, once it says so."""
    return (
        "import os, time\n"
        "from thidua_cli.lint import engine\n"
        "_lint_file = engine.lint_file\n"
        "def lint_file(path, options):\n"
        "    if str(path).endswith('hold.yaml'):\n"
        "        open(os.environ['HOLD_LINT'], 'w').close()\n"
        f"        time.sleep({seconds})\n"
        "    return _lint_file(path, options)\n"
        "engine.lint_file = lint_file\n"
    )


def start_held_parallel_lint(tmp_path: Path, plans: int, held: str,
                             seconds: int) -> subprocess.Popen[bytes]:
    """``lint --jobs 2`` of ``plans`` copies of the example and ``held``, started
    and waited for until a worker holds ``held`` for ``seconds``."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for i in range(plans):
        shutil.copy(EXAMPLE, folder / f"p{i}.yaml")
    shutil.copy(EXAMPLE, folder / held)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_hold_lint(seconds), "utf-8")
    reached = hooks / "reached"
    proc = _start(["lint", "--jobs", "2", "--today", "2022-01-01", "plans"], tmp_path,
                  {"PYTHONPATH": str(hooks), "HOLD_LINT": str(reached)})
    try:
        _wait_for(reached, proc)
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return proc


def test_ctrl_c_during_parallel_lint_is_one_message(tmp_path: Path) -> None:
    proc = start_held_parallel_lint(tmp_path, 8, "p5-hold.yaml", 3)
    try:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert err.decode() == "thidua: interrupted (SIGINT): stopped, no file left half-written\n"
