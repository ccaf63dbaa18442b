"""Fifteenth pass (writers): what the fourteen passes before it did not try.

Every case is a real process: ``lint --jobs`` with a worker killed by another
program, an output named through ``/proc/self/fd/N`` (or ``/dev/fd/N``) of a
file deleted while held open or made in memory, a FIFO or folder put at an
output's name while the file is written, a plan saved at the name ``new`` or
``import`` was asked to create while they worked, ``thidua lsp --help`` to a
reader gone away. The attacks that held are kept too, briefly.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .common import ROOT, Run, held_at_fsync, no_traceback, quiet_env, thidua, unusable

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
DOCX = ROOT / "tests" / "import" / "tasks-in-table.docx"
#: The example with decomposed letters (NFD): `lint --fix` rewrites it.
NFD = "Ke\u0302\u0301 hoạch"


def _run(*args: str, cwd: Path, pass_fds: tuple[int, ...] = (), **env: str) -> Run:
    """thidua run directly (``common.thidua`` runs it under a measuring parent,
    which passes on no descriptor but the standard three)."""
    r = subprocess.run([sys.executable, "-m", "thidua_cli", *args], cwd=cwd, env=quiet_env(**env),
                       pass_fds=pass_fds, capture_output=True, text=True, timeout=120)
    return Run(r.returncode, r.stdout, r.stderr, 0.0, 0.0)


def _nfd_plan(path: Path) -> bytes:
    path.write_text(EXAMPLE.read_text("utf-8").replace("Kế hoạch", NFD), "utf-8")
    return path.read_bytes()


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


# -- 1. A worker of `lint --jobs` killed by another program --------------------

_KILL_WORKER = """
import os, signal
if os.environ.get("END_WORKER") == "SIGKILL":
    os.register_at_fork(after_in_child=lambda: os.kill(os.getpid(), signal.SIGKILL))
elif os.environ.get("END_WORKER") == "exit":
    os.register_at_fork(after_in_child=lambda: os._exit(3))
"""


@pytest.mark.parametrize(("end", "said"), [("SIGKILL", "(SIGKILL:"), ("exit", "(exit 3:")])
def test_a_lint_worker_killed_is_a_message(tmp_path: Path, end: str, said: str) -> None:
    # The kernel's out-of-memory killer (or `kill -9` of a worker) made
    # `lint --jobs 2` end `internal error: BrokenProcessPool: A process in the
    # process pool was terminated abruptly`, "please report". It says what
    # happened, exit 2, no findings half-reported, no worker left.
    site, plans = tmp_path / "site", tmp_path / "plans"
    site.mkdir()
    plans.mkdir()
    (site / "sitecustomize.py").write_text(_KILL_WORKER)
    for i in range(60):
        shutil.copy(EXAMPLE, plans / f"p{i}.yaml")
    r = thidua("lint", "--jobs", "2", "plans", cwd=tmp_path,
               env={"PYTHONPATH": str(site), "END_WORKER": end}, timeout=60)
    unusable(r, "a process of --jobs ended before its files were linted")
    assert said in r.stderr
    r = thidua("lint", "--jobs", "2", "plans", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert r.returncode == 0, r.stderr  # the same plans, no worker killed


_SLOW_WORKER = """
import os, time
def _slow():
    real = os.stat
    def stat(*args, **kwargs):
        time.sleep(0.05)
        return real(*args, **kwargs)
    os.stat = stat
os.register_at_fork(after_in_child=_slow)
"""


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(n) for n in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's PR_SET_PDEATHSIG")
def test_lint_workers_end_with_a_parent_killed(tmp_path: Path) -> None:
    # `kill -9` of `lint --jobs 2` (the out-of-memory killer's choice, `timeout
    # -s KILL`, a cancelled CI job) left its two workers waiting for work for
    # ever, each holding the writing end of the queue it read.
    site, plans = tmp_path / "site", tmp_path / "plans"
    site.mkdir()
    plans.mkdir()
    (site / "sitecustomize.py").write_text(_SLOW_WORKER)  # each worker ~0.5 s a plan
    for i in range(40):
        shutil.copy(EXAMPLE, plans / f"p{i}.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "lint", "--jobs", "2", "plans"],
                            cwd=tmp_path, env=quiet_env(PYTHONPATH=str(site)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert len(workers) == 2, workers
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, 9)
    assert left == [], "workers outlived their parent"


# -- 2. `-o /proc/self/fd/N` of a file that has no name --------------------------

@pytest.mark.parametrize("named", ["/proc/self/fd/{fd}", "/dev/fd/{fd}"])
def test_an_output_deleted_while_held_open_is_refused(tmp_path: Path, named: str) -> None:
    # The link of a descriptor on a deleted file reads `out.md (deleted)`: a
    # file of that name, one nobody named, was replaced by the document, exit
    # 0; with none there the run said "the file is read-only".
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    out = tmp_path / "out.md"
    out.write_text("old\n")
    decoy = tmp_path / "out.md (deleted)"
    decoy.write_text("someone's\n")
    fd = os.open(out, os.O_RDWR)
    try:
        out.unlink()
        r = _run("render", "p.yaml", "-f", "md", "-o", named.format(fd=fd), cwd=tmp_path,
                 pass_fds=(fd,))
        assert os.fstat(fd).st_size == 4
    finally:
        os.close(fd)
    unusable(r, "it leads to a file that no longer has a name")
    assert decoy.read_text() == "someone's\n"
    assert not out.exists() and _temporaries(tmp_path) == []


def test_an_output_made_in_memory_is_refused(tmp_path: Path) -> None:
    # A memfd's link reads `/memfd:x (deleted)`: "the file is read-only", untrue.
    if not hasattr(os, "memfd_create"):
        pytest.skip("no memfd_create on this system")
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    fd = os.memfd_create("x", 0)
    try:
        r = _run("render", "p.yaml", "-f", "md", "-o", f"/proc/self/fd/{fd}", cwd=tmp_path,
                 pass_fds=(fd,))
        assert os.fstat(fd).st_size == 0
    finally:
        os.close(fd)
    unusable(r, "it leads to a file that no longer has a name")


def test_fix_of_a_plan_deleted_while_held_open_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "q.yaml"
    text = _nfd_plan(plan)
    decoy = tmp_path / "q.yaml (deleted)"
    decoy.write_text("someone's\n")
    fd = os.open(plan, os.O_RDONLY)
    try:
        plan.unlink()
        r = _run("lint", "--fix", f"/proc/self/fd/{fd}", cwd=tmp_path, pass_fds=(fd,))
        assert os.pread(fd, len(text) + 1, 0) == text
    finally:
        os.close(fd)
    assert r.returncode == 2, r.stdout + r.stderr
    no_traceback(r)
    assert "it leads to a file that no longer has a name" in r.stderr
    assert decoy.read_text() == "someone's\n"


def test_an_output_through_a_descriptor_of_a_live_file_is_written(tmp_path: Path) -> None:
    # Held: the link of a descriptor on a file that has its name leads to it.
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    out = tmp_path / "out.md"
    out.write_text("old\n")
    fd = os.open(out, os.O_RDWR)
    try:
        r = _run("render", "p.yaml", "-f", "md", "-o", f"/proc/self/fd/{fd}", cwd=tmp_path,
                 pass_fds=(fd,))
    finally:
        os.close(fd)
    assert r.returncode == 0, r.stderr
    assert out.read_text("utf-8").startswith("<!--") and _temporaries(tmp_path) == []


# -- 3. Something else put at the output's name while the file is written --------

def _fifo_at(path: Path, existing: bool) -> Callable[[], None]:
    def put() -> None:
        if existing:
            path.unlink()
        os.mkfifo(path)
    return put


@pytest.mark.parametrize("existing", [False, True], ids=["new name", "existing file"])
def test_a_fifo_put_at_the_name_meanwhile_is_not_replaced(tmp_path: Path,
                                                         existing: bool) -> None:
    # The name was checked before the work; a FIFO (or device) put there while
    # the file was written was replaced by the document, exit 0.
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    out = tmp_path / "out.md"
    if existing:
        out.write_text("old\n")
    r = held_at_fsync(tmp_path, ("render", "p.yaml", "-f", "md", "-o", "out.md"),
              _fifo_at(out, existing))
    unusable(r, "something that is not a file (a folder, FIFO, device or socket) was put")
    assert stat.S_ISFIFO(os.lstat(out).st_mode)
    assert _temporaries(tmp_path) == []


def test_a_folder_put_at_a_sheets_name_leaves_the_set_unwritten(tmp_path: Path) -> None:
    # A set (one sheet a member) takes its names at the end: a folder put at
    # the second's name made that rename fail after the first had taken its own.
    shutil.copy(SCORING, tmp_path / "s.yaml")
    r = thidua("scores", "sheets", "s.yaml", "-o", "sh", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    sheets = sorted((tmp_path / "sh").iterdir())
    assert len(sheets) >= 2
    before = {p.name: os.stat(p).st_ino for p in sheets}  # the same bytes: the same files?
    victim = sheets[-1]

    def folder() -> None:
        victim.unlink()
        victim.mkdir()
    r = held_at_fsync(tmp_path, ("scores", "sheets", "s.yaml", "-o", "sh"), folder, at=len(sheets))
    unusable(r, "was put at that name while the file was being written")
    assert victim.is_dir()
    for p in sheets[:-1]:
        assert os.stat(p).st_ino == before[p.name], f"{p.name} was replaced"
    assert _temporaries(tmp_path) == []


# -- 4. `new` and `import` without --force: a file saved at the name meanwhile -----

@pytest.mark.parametrize(("args", "said"), [
    (("new", "--from", "p.yaml", "n.yaml"), "n.yaml already exists"),
    (("import", str(DOCX), "-o", "n.yaml"), "n.yaml already exists"),
], ids=["new --from", "import"])
def test_without_force_a_file_saved_meanwhile_stays(tmp_path: Path, args: tuple[str, ...],
                                                    said: str) -> None:
    # Looked for before the work, the name was renamed over at the end: a plan
    # an editor (or another `new`) saved there meanwhile was lost, exit 0.
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    mine = tmp_path / "n.yaml"
    r = held_at_fsync(tmp_path, args, lambda: mine.write_text("mine\n"))
    unusable(r, said)
    assert mine.read_text() == "mine\n"
    assert _temporaries(tmp_path) == []
    mine.unlink()
    r = held_at_fsync(tmp_path, args, lambda: None)  # nobody there: written, one link
    assert r.returncode in (0, 1), r.stderr
    assert mine.read_text("utf-8") != "mine\n" and os.stat(mine).st_nlink == 1
    assert _temporaries(tmp_path) == []


# -- 5. `thidua lsp --help` to a reader gone away -------------------------------

@pytest.mark.parametrize("args", [("lsp", "--help"), ("lsp", "-h"), ("--help",)])
def test_lsp_help_to_a_reader_gone_is_141(tmp_path: Path, args: tuple[str, ...]) -> None:
    # `thidua lsp --help | head -c1` exited 1 (rich's code for a broken pipe,
    # the code of findings): SIGPIPE was left ignored for every `lsp ...`,
    # the server's own handling meant for the server alone.
    r = subprocess.run(["bash", "-c", '"$@" 2>err | true; echo "${PIPESTATUS[0]}"', "sh",
                        sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path, env=quiet_env(),
                       capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "141", (tmp_path / "err").read_text()
    assert (tmp_path / "err").read_text() == ""


# -- Tried, no breach --------------------------------------------------------------

def _name(total: int, suffix: str) -> str:
    """A name of exactly ``total`` bytes, Vietnamese letters of 3 bytes each."""
    stem = "ệ" * ((total - len(suffix)) // 3)
    return stem + "a" * (total - len((stem + suffix).encode())) + suffix


def test_names_of_255_bytes_in_vietnamese(tmp_path: Path) -> None:
    plan = tmp_path / _name(255, ".yaml")
    _nfd_plan(plan)
    out, report = _name(255, ".md"), _name(255, ".json")
    assert len(os.fsencode(out)) == 255
    for args in (("lint", "--fix", plan.name), ("render", plan.name, "-f", "md", "-o", out),
                 ("lint", plan.name, "-f", "json", "-o", report)):
        r = thidua(*args, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    assert "Kế hoạch" in plan.read_text("utf-8")
    assert (tmp_path / out).is_file() and (tmp_path / report).is_file()
    r = thidua("report", "-o", "rd/", plan.name, cwd=tmp_path)  # `-report.docx` is too long
    unusable(r, "the name is too long")
    assert not (tmp_path / "rd").exists() and _temporaries(tmp_path) == []


@pytest.mark.parametrize("args", [
    ("new", "--from", "p.yaml", "n.yaml"), ("lint", "--fix", "q.yaml"),
    ("report", "-o", "rd/", "p.yaml", "q.yaml"), ("lint", "-j", "2", "p.yaml", "q.yaml"),
], ids=["new", "fix", "report-dir", "jobs"])
def test_five_descriptors(tmp_path: Path, args: tuple[str, ...]) -> None:
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    _nfd_plan(tmp_path / "q.yaml")
    r = subprocess.run(["bash", "-c", 'ulimit -n 5; exec "$@"', "sh", sys.executable, "-m",
                        "thidua_cli", *args], cwd=tmp_path, env=quiet_env(), capture_output=True,
                       text=True, timeout=120)
    assert r.returncode in (0, 1), r.stderr
    assert "Traceback" not in r.stderr and _temporaries(tmp_path) == []


@pytest.mark.parametrize("args", [
    ("lint", "-f", "sarif", "p.yaml"), ("render", "p.yaml", "-f", "md", "-o", "-"),
    ("report", "-f", "json", "-o", "-", "p.yaml"), ("schema",), ("rules",),
    ("render", "p.yaml", "-f", "md", "-o", "/dev/stdout"),
], ids=["sarif", "render", "report", "schema", "rules", "dev-stdout"])
def test_a_reader_that_takes_one_byte(tmp_path: Path, args: tuple[str, ...]) -> None:
    # `| head -c1`: 141 when the reader left before the end, 0 when the whole
    # output fitted in the pipe first; never a message, never a file.
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    r = subprocess.run(["bash", "-c", '"$@" 2>err | head -c1 >/dev/null; '
                        'echo "${PIPESTATUS[0]}"', "sh", sys.executable, "-m", "thidua_cli",
                        *args], cwd=tmp_path, env=quiet_env(), capture_output=True, text=True,
                       timeout=60)
    assert r.stdout.strip() in ("0", "141"), (tmp_path / "err").read_text()
    assert (tmp_path / "err").read_text() == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["err", "p.yaml"]


_NO_HARD_LINKS = """
import errno, os
def link(*args, **kwargs):
    raise OSError(errno.EPERM, "Operation not permitted")
os.link = link
"""


def test_without_force_on_a_file_system_without_hard_links(tmp_path: Path) -> None:
    # FAT and some network file systems refuse link(2) (EPERM): the name is
    # looked for once more and the file renamed, as before.
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_NO_HARD_LINKS)
    shutil.copy(EXAMPLE, tmp_path / "p.yaml")
    r = thidua("new", "--from", "p.yaml", "n.yaml", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert r.returncode in (0, 1), r.stderr
    assert (tmp_path / "n.yaml").read_text("utf-8").startswith("#")
    assert _temporaries(tmp_path) == []


def test_two_fixes_of_one_plan_at_once(tmp_path: Path) -> None:
    # One `lint --fix` held at its fsync while another fixes the same plan:
    # the held one finds the plan changed and writes nothing; the other's stays.
    plan = tmp_path / "q.yaml"
    _nfd_plan(plan)
    done: list[Run] = []
    r = held_at_fsync(tmp_path, ("lint", "--fix", "q.yaml"),
              lambda: done.append(thidua("lint", "--fix", "q.yaml", cwd=tmp_path)))
    assert done[0].returncode == 0, done[0].stderr
    unusable(r, "q.yaml changed while it was being fixed; nothing was written")
    assert "Kế hoạch" in plan.read_text("utf-8") and _temporaries(tmp_path) == []


# -- 6. A current folder whose path is longer than the system takes -----------------

def _deep(tmp_path: Path) -> int:
    """A folder 25 levels of 200-letter names below ``tmp_path`` (over 5,000 bytes,
    past PATH_MAX's 4,096), opened; the example plan in it."""
    fd = os.open(tmp_path, os.O_RDONLY)
    for _ in range(25):
        os.mkdir("d" * 200, dir_fd=fd)
        inner = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    with open(os.open("p.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as plan:
        plan.write(EXAMPLE.read_bytes())
    return fd


def _run_in(fd: int, *args: str) -> Run:
    r = subprocess.run([sys.executable, "-m", "thidua_cli", *args], env=quiet_env(),
                       preexec_fn=lambda: os.fchdir(fd), capture_output=True, text=True,
                       timeout=120)
    return Run(r.returncode, r.stdout, r.stderr, 0.0, 0.0)


def _names(fd: int) -> list[str]:
    return sorted(os.listdir(fd))


@pytest.mark.parametrize("args", [
    ("render", "p.yaml", "-f", "md", "-o", "o.md"),
    ("report", "-o", "rd/", "p.yaml"),
    ("import", str(DOCX), "-o", "o.yaml"),
    pytest.param(("render", "p.yaml", "-f", "pdf", "-o", "o.pdf"),
                 marks=pytest.mark.skipif(shutil.which("soffice") is None,
                                          reason="needs LibreOffice")),
], ids=["render", "report", "import", "pdf"])
def test_a_current_folder_past_path_max(tmp_path: Path, args: tuple[str, ...]) -> None:
    # `render` and `report` looked for ./templates by the absolute path and
    # were `internal error: OSError: File name too long`; `import` the same
    # looking for schema/ above its output; the PDF's LibreOffice, run in the
    # current folder, failed its own `cd`. They work there, as lint did.
    fd = _deep(tmp_path)
    try:
        r = _run_in(fd, *args)
        assert r.returncode in (0, 1), r.stderr
        no_traceback(r)
        assert len(_names(fd)) == 2 and not any(n.endswith(".tmp") for n in _names(fd))
    finally:
        os.close(fd)


def test_templates_in_a_current_folder_past_path_max_are_not_passed_over(
        tmp_path: Path) -> None:
    # ./templates there cannot be used by its path: said, not silently skipped.
    fd = _deep(tmp_path)
    try:
        os.mkdir("templates", dir_fd=fd)
        r = _run_in(fd, "render", "p.yaml", "-f", "md", "-o", "o.md")
        assert _names(fd) == ["p.yaml", "templates"]
    finally:
        os.close(fd)
    unusable(r, "the template folder ./templates cannot be looked for in it")


# -- 7. Standard output inherited non-blocking ---------------------------------------

@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "PYTHONUNBUFFERED"])
@pytest.mark.parametrize("command", ["render", "lint"])
def test_a_non_blocking_standard_output_gets_every_byte(tmp_path: Path, command: str,
                                                        unbuffered: str) -> None:
    # O_NONBLOCK on the pipe's open file, shared with the parent (Node.js's
    # child_process sets it): a reader slower than thidua got 64 KiB, then
    # `internal error: BlockingIOError: [Errno 11] Resource temporarily
    # unavailable`, exit 2, the rest lost.
    import fcntl

    from .common import big_plan

    plan = tmp_path / "big.yaml"
    plan.write_text(big_plan(1000), "utf-8")
    args = ("render", "big.yaml", "-f", "md", "-o", "-") if command == "render" \
        else ("lint", "big.yaml")
    expected = subprocess.run([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                              env=quiet_env(), capture_output=True, timeout=120)
    assert len(expected.stdout) > 70_000  # more than a pipe holds (64 KiB)
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETFL, fcntl.fcntl(write_end, fcntl.F_GETFL) | os.O_NONBLOCK)
    with open(tmp_path / "err", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                                env=quiet_env(PYTHONUNBUFFERED=unbuffered), stdout=write_end,
                                stderr=err)
    os.close(write_end)
    got = bytearray()
    with open(read_end, "rb", buffering=0) as reader:
        time.sleep(0.5)  # a slow reader: the pipe fills first
        while chunk := reader.read(16384):
            got += chunk
            time.sleep(0.001)
    assert proc.wait(timeout=120) == expected.returncode, (tmp_path / "err").read_text()
    assert bytes(got) == expected.stdout
    assert "internal error" not in (tmp_path / "err").read_text()


def _non_blocking_pipe() -> tuple[int, int]:
    import fcntl

    read_end, write_end = os.pipe()
    fcntl.fcntl(read_end, fcntl.F_SETFL, fcntl.fcntl(read_end, fcntl.F_GETFL) | os.O_NONBLOCK)
    return read_end, write_end


def _send_late(write_end: int, data: bytes) -> None:
    """A writer slower than thidua: the plan comes after it started, in two parts."""
    time.sleep(0.5)
    try:
        os.write(write_end, data[:3000])
        time.sleep(0.2)
        os.write(write_end, data[3000:])
    except BrokenPipeError:
        pass  # thidua read "the end" already: the assertions say so
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [("lint", "-"), ("lint", "--fix", "--diff", "-")],
                         ids=["lint", "fix-diff"])
def test_a_non_blocking_standard_input_is_read_whole(tmp_path: Path,
                                                     args: tuple[str, ...]) -> None:
    # O_NONBLOCK on the pipe's open file: "nothing yet" was taken for the end,
    # `lint -` said `the file is empty` (TD001, exit 1) and `--fix --diff -`
    # `nothing to fix` (exit 0) of a plan still coming.
    plan = EXAMPLE.read_text("utf-8").replace("Kế hoạch", NFD).encode("utf-8")
    read_end, write_end = _non_blocking_pipe()
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                            env=quiet_env(), stdin=read_end, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    os.close(read_end)
    _send_late(write_end, plan)
    out, err = proc.communicate(timeout=120)
    assert "empty" not in out + err and "nothing to fix" not in err, out + err
    if args[1] == "--fix":
        assert proc.returncode == 1 and "+++ -" in out, err  # 1: there is something to fix
    else:
        assert proc.returncode == 0 and "TD401" in out, out + err


def test_the_language_server_on_a_non_blocking_standard_input(tmp_path: Path) -> None:
    # `thidua lsp` so started ended at once, silently, exit 0, before the
    # editor's first message: the editor saw its server die.
    import json

    read_end, write_end = _non_blocking_pipe()
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "lsp"], cwd=tmp_path,
                            env=quiet_env(), stdin=read_end, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    os.close(read_end)
    messages = b""
    for message in ({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"capabilities": {}}},
                    {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
                    {"jsonrpc": "2.0", "method": "exit"}):
        body = json.dumps(message).encode()
        messages += b"Content-Length: %d\r\n\r\n" % len(body) + body
    _send_late(write_end, messages)
    out, err = proc.communicate(timeout=60)
    assert b'"id": 1' in out and b'"capabilities"' in out, err
    assert proc.returncode == 0, err


# -- 8. Out of memory (a limit of address space, `ulimit -v`) ----------------------

_SQUEEZE = """
import os, sys, resource
def _size():
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmSize:'):
                return int(line.split()[1]) * 1024
_squeezed = []
def _profile(frame, event, arg):
    # The limit set as the function is entered, lifted as it is left (by its
    # exception): the room its allocations took is given back as they unwind.
    if event == 'call' and not _squeezed and frame.f_code.co_name == os.environ['SQUEEZE_AT']:
        _squeezed.append(frame)
        resource.setrlimit(resource.RLIMIT_AS, (_size() + (32 << 20), resource.RLIM_INFINITY))
    elif event == 'return' and _squeezed and frame is _squeezed[0]:
        sys.setprofile(None)
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
sys.setprofile(_profile)
"""


@pytest.mark.parametrize(("args", "at"), [
    (("lint", "big.yaml"), "parse_nodes"),
    (("lint", "--fix", "big.yaml"), "parse_nodes"),
    (("render", "big.yaml", "-f", "docx", "-o", "big.docx"), "fix_tables"),
], ids=["lint", "fix", "docx"])
def test_out_of_memory_is_said_as_such(tmp_path: Path, args: tuple[str, ...], at: str) -> None:
    # Under `ulimit -v` a plan that did not fit was `internal error:
    # MemoryError` or `SystemError: ... returned NULL without setting an
    # exception` (libyaml's), a sound plan TD001, and the shipped template
    # "produced a document that is not well-formed XML: unknown error" (lxml's
    # ERR_NO_MEMORY). The limit is set as the named function is entered, and
    # lifted as it is left.
    from .common import big_plan

    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_SQUEEZE)
    plan = tmp_path / "big.yaml"
    plan.write_text(big_plan(10000).replace("Kế hoạch", NFD), "utf-8")
    before = plan.read_bytes()
    r = thidua(*args, cwd=tmp_path, env={"PYTHONPATH": str(site), "SQUEEZE_AT": at})
    assert r.returncode == 2, r.stdout[-500:] + r.stderr[-500:]
    no_traceback(r)
    assert "out of memory" in r.stderr, r.stderr[-500:]
    assert "internal error" not in r.stderr and "TD001" not in r.stdout + r.stderr
    assert "template" not in r.stderr
    assert plan.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == \
        ["big.yaml", "site"]
