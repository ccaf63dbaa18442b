"""Found by the eleventh red-team pass, on how the writers meet file systems:
access control lists, the umask, mount points, full and read-only file
systems, outputs that are no regular file. Each run as a real process.

The mounts need root; a test that cannot mount skips. Every mount is undone in
the fixture's teardown.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..sheets import fill
from .common import ROOT, big_plan, thidua

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
DOCX = ROOT / "tests" / "import" / "styles-headings.docx"

root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                               reason="needs root (mount, setfacl for another user)")
needs_acl = pytest.mark.skipif(shutil.which("setfacl") is None or shutil.which("getfacl") is None,
                               reason="setfacl/getfacl missing (Debian package acl)")

#: Every command writing one new file, as a function of the output's name; the
#: inputs (p.yaml, s.yaml, d.docx) are in the run's folder (``workspace``).
WRITERS: dict[str, Callable[[str], tuple[str, ...]]] = {
    "render": lambda out: ("render", "p.yaml", "-f", "md", "-o", out),
    "report": lambda out: ("report", "p.yaml", "-f", "md", "-o", out),
    "import": lambda out: ("import", "d.docx", "--force", "-o", out),
    "scores table": lambda out: ("scores", "table", "s.yaml", "-o", out),
    "schema": lambda out: ("schema", "-o", out),
    "new": lambda out: ("new", "--year", "2023", "--force", out),
}


def workspace(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, folder / "p.yaml")
    shutil.copy(SCORING, folder / "s.yaml")
    shutil.copy(DOCX, folder / "d.docx")
    return folder


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def _run(*command: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(command, capture_output=True, check=False)


@pytest.fixture
def mount() -> Iterator[Callable[..., Path]]:
    """``mount(folder, "size=256k")`` a tmpfs there, or ``mount(file, bind=source)``;
    skips the test when the mount fails. Every mount is undone at the end."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting needs root")
    done: list[Path] = []

    def do(where: Path, options: str = "size=16m", *, bind: Path | None = None) -> Path:
        if bind is None:
            where.mkdir(parents=True, exist_ok=True)
            r = _run("mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where))
        else:
            r = _run("mount", "--bind", str(bind), str(where))
        if r.returncode != 0:
            pytest.skip(f"mount failed: {r.stderr.decode(errors='replace').strip()}")
        done.append(where)
        return where

    try:
        yield do
    finally:
        for where in reversed(done):
            if _run("umount", str(where)).returncode != 0:
                _run("umount", "-l", str(where))


def getfacl(path: Path) -> str:
    return _run("getfacl", "-cp", str(path)).stdout.decode()


def nfd_plan(path: Path) -> str:
    """A plan `lint --fix` rewrites (its text in NFD); the text written."""
    text = unicodedata.normalize("NFD", EXAMPLE.read_text("utf-8"))
    path.write_text(text, "utf-8")
    return text


FIX = ("lint", "--fix", "--today", "2022-01-01")


def scored(folder: Path) -> tuple[Path, Path]:
    """s.yaml and a filled sheet of it, for `scores import`."""
    plan = folder / "s.yaml"
    shutil.copy(SCORING, plan)
    assert thidua("scores", "sheets", str(plan), "-o", str(folder / "sh")).returncode == 0
    sheet = folder / "sh" / "bnv.xlsx"
    fill(sheet, {"nhiem-vu": 58, "phong-trao": 27, "khoi": 9.5})
    return plan, sheet


# 1. A folder's default access control list --------------------------------

@root_only
@needs_acl
@pytest.mark.parametrize("command", WRITERS, ids=list(WRITERS))
def test_a_new_output_gets_the_folders_default_acl(command: str, tmp_path: Path) -> None:
    # write_atomic chmodded its temporary file to 0666 & ~umask, which set the
    # inherited list's mask to r--: nobody, whom the folder's list lets write,
    # could only read the new file (touch gives rw-).
    work = workspace(tmp_path / "w")
    shared = tmp_path / "shared"
    shared.mkdir()
    assert _run("setfacl", "-d", "-m", "u:nobody:rw", str(shared)).returncode == 0
    (shared / "touched").touch()
    out = shared / "out"
    r = thidua(*WRITERS[command](str(out)), cwd=work)
    assert r.returncode == 0, r.stderr
    acl = getfacl(out)
    assert "user:nobody:rw-\n" in acl and "mask::rw-" in acl, acl  # not #effective:r--
    assert acl == getfacl(shared / "touched")
    assert temporaries(shared) == []


@root_only
@needs_acl
def test_a_rewritten_plan_gets_no_acl_it_did_not_have(tmp_path: Path) -> None:
    # The temporary file inherits the folder's default list; it stayed on the
    # plan `--fix` rewrote: a plan kept 0640, no list, became readable by nobody.
    folder = tmp_path / "shared"
    folder.mkdir()
    plan = folder / "plan.yaml"
    nfd_plan(plan)
    plan.chmod(0o640)
    assert _run("setfacl", "-d", "-m", "u:nobody:rw", str(folder)).returncode == 0
    before = getfacl(plan)
    assert "nobody" not in before
    r = thidua(*FIX, str(plan))
    assert r.returncode == 0, r.stderr
    assert "fixed" in r.stderr
    assert getfacl(plan) == before
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640


@root_only
@needs_acl
@pytest.mark.parametrize("default", [False, True], ids=["plain folder", "default ACL folder"])
@pytest.mark.parametrize("command", ["lint --fix", "scores import", "render"])
def test_a_replaced_file_keeps_its_own_acl(command: str, default: bool, tmp_path: Path) -> None:
    folder = tmp_path
    if default:
        assert _run("setfacl", "-d", "-m", "u:daemon:r", str(folder)).returncode == 0
    if command == "lint --fix":
        target = folder / "plan.yaml"
        nfd_plan(target)
        args: tuple[str, ...] = (*FIX, str(target))
    elif command == "scores import":
        target, sheet = scored(folder)
        args = ("scores", "import", str(target), str(sheet))
    else:
        target = folder / "out.md"
        target.write_text("old\n", "utf-8")
        args = ("render", str(EXAMPLE), "-f", "md", "-o", str(target))
    target.chmod(0o640)
    assert _run("setfacl", "-m", "u:nobody:rw", str(target)).returncode == 0
    before = getfacl(target)
    old = target.read_bytes()
    r = thidua(*args)
    assert r.returncode == 0, r.stderr
    assert target.read_bytes() != old
    assert getfacl(target) == before
    assert temporaries(folder) == []


# 2. The umask -------------------------------------------------------------

@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize(("mask", "mode"), [(0o077, 0o600), (0o002, 0o664)])
@pytest.mark.parametrize("command", WRITERS, ids=list(WRITERS))
def test_a_new_output_has_the_umasks_mode(command: str, mask: int, mode: int,
                                          tmp_path: Path) -> None:
    work = workspace(tmp_path)
    with umask(mask):
        r = thidua(*WRITERS[command]("out"), cwd=work)
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE((work / "out").stat().st_mode) == mode


@pytest.mark.parametrize("command", [*WRITERS, "lint --fix"])
def test_a_replaced_file_keeps_its_mode(command: str, tmp_path: Path) -> None:
    work = workspace(tmp_path)
    out = work / "out"
    if command == "lint --fix":
        nfd_plan(out)
        args: tuple[str, ...] = (*FIX, "out")
    else:
        out.write_bytes(b"old\n")
        args = WRITERS[command]("out")
    out.chmod(0o640)
    with umask(0o002):
        r = thidua(*args, cwd=work)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() != b"old\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


# 3. A file mounted over the output ----------------------------------------

MOUNTED = "another file is mounted on it"


@pytest.mark.parametrize("command", [*WRITERS, "lint --fix", "scores import"])
def test_a_mount_point_is_refused_and_left_whole(command: str, tmp_path: Path,
                                                 mount: Callable[..., Path]) -> None:
    # The rename failed with "Device or resource busy" after the work was done.
    work = workspace(tmp_path / "w")
    if command == "lint --fix":
        target = work / "plan.yaml"
        nfd_plan(target)
        args: tuple[str, ...] = (*FIX, "plan.yaml")
    elif command == "scores import":
        target, sheet = scored(work)
        args = ("scores", "import", "s.yaml", str(sheet))
    else:
        target = work / "out"
        target.write_text("mounted over\n", "utf-8")
        args = WRITERS[command]("out")
    source = tmp_path / "source"
    shutil.copy(target, source)
    kept = source.read_bytes()
    mount(target, bind=source)
    r = thidua(*args, cwd=work)
    assert r.returncode == 2, r.stdout + r.stderr
    assert MOUNTED in r.stderr and str(target.name) in r.stderr
    assert "Traceback" not in r.stderr
    assert source.read_bytes() == kept == target.read_bytes()
    assert temporaries(work) == []


def test_a_mount_point_among_several_outputs_is_refused_before_the_first(
        tmp_path: Path, mount: Callable[..., Path]) -> None:
    work = workspace(tmp_path / "w")
    shutil.copy(EXAMPLE, work / "q.yaml")
    out = work / "out"
    out.mkdir()
    (out / "q-report.md").write_text("mounted over\n", "utf-8")
    (tmp_path / "source").write_text("mounted over\n", "utf-8")
    mount(out / "q-report.md", bind=tmp_path / "source")
    r = thidua("report", "p.yaml", "q.yaml", "-f", "md", "-o", "out/", cwd=work)
    assert r.returncode == 2, r.stdout + r.stderr
    assert MOUNTED in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["q-report.md"]  # p's not written either


# 4. A full file system, a read-only one -----------------------------------

@pytest.mark.parametrize("args", [("render", "-f", "md"), ("render", "-f", "docx"),
                                  ("report", "-f", "md")], ids=["md", "docx", "report"])
def test_a_full_file_system_leaves_the_old_file(args: tuple[str, ...], tmp_path: Path,
                                                mount: Callable[..., Path]) -> None:
    plan = tmp_path / "big.yaml"
    plan.write_text(big_plan(2000), "utf-8")
    small = mount(tmp_path / "small", "size=64k")
    out = small / "out"
    out.write_bytes(b"the old file\n")
    r = thidua(args[0], str(plan), *args[1:], "-o", str(out))
    assert r.returncode == 2, r.stderr[-500:]
    assert f"cannot write {out}: No space left on device" in r.stderr
    assert out.read_bytes() == b"the old file\n"
    assert temporaries(small) == []


@pytest.mark.parametrize("command", ["lint --fix", "scores import"])
def test_a_plan_rewritten_on_a_nearly_full_file_system_is_left_whole(
        command: str, tmp_path: Path, mount: Callable[..., Path]) -> None:
    small = mount(tmp_path / "small", "size=1m")
    if command == "lint --fix":
        plan = small / "plan.yaml"
        nfd_plan(plan)
        args: tuple[str, ...] = (*FIX, str(plan))
    else:
        plan, sheet = scored(tmp_path)
        plan = Path(shutil.copy(plan, small / "s.yaml"))
        args = ("scores", "import", str(plan), str(sheet))
    kept = plan.read_bytes()
    free = os.statvfs(small).f_bavail * os.statvfs(small).f_frsize
    # Leave no room for a second copy of the plan.
    with open(small / "filler", "wb") as filler, contextlib.suppress(OSError):
        filler.write(b"\0" * free)
    r = thidua(*args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"cannot write {plan}: No space left on device" in r.stderr
    assert plan.read_bytes() == kept
    assert temporaries(small) == []


#: Fault injection in a real process: os.fsync or os.replace fails with ENOSPC
#: (tmpfs fails at write; a disk with delayed allocation may fail later).
_FAULT = (
    "import errno, os, runpy, sys\n"
    "name = sys.argv.pop(1)\n"
    "real = getattr(os, name)\n"
    "def failing(*a, **k):\n"
    "    if name == 'fsync' or str(a[1]).endswith(('out', 'plan.yaml')):\n"
    "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
    "    return real(*a, **k)\n"
    "setattr(os, name, failing)\n"
    "sys.argv[0] = 'thidua'\n"
    "runpy.run_module('thidua_cli', run_name='__main__', alter_sys=True)\n"
)


@pytest.mark.parametrize("where", ["fsync", "replace"])
@pytest.mark.parametrize("command", ["render", "import", "scores table", "lint --fix"])
def test_no_space_at_fsync_or_rename(command: str, where: str, tmp_path: Path) -> None:
    work = workspace(tmp_path)
    if command == "lint --fix":
        target = work / "plan.yaml"
        nfd_plan(target)
        args: tuple[str, ...] = (*FIX, "plan.yaml")
    else:
        target = work / "out"
        target.write_bytes(b"the old file\n")
        args = WRITERS[command]("out")
    kept = target.read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    r = subprocess.run([sys.executable, "-c", _FAULT, where, *args], cwd=work,
                       capture_output=True, text=True, timeout=120,
                       env={**env, "LANG": "C.UTF-8", "NO_COLOR": "1"}, check=False)
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"cannot write {target.name}: No space left on device" in r.stderr
    assert "Traceback" not in r.stderr
    assert target.read_bytes() == kept
    assert temporaries(work) == []


READ_ONLY = [(c, e) for c in WRITERS for e in (False, True)] + [("lint --fix", True)]


@pytest.mark.parametrize(("command", "existing"), READ_ONLY,
                         ids=[f"{c}-{'existing' if e else 'new'}" for c, e in READ_ONLY])
def test_a_read_only_file_system_says_so(command: str, existing: bool, tmp_path: Path,
                                         mount: Callable[..., Path]) -> None:
    # An existing file there was "the file is read-only", its mode 0644.
    work = workspace(tmp_path / "w")
    ro = mount(tmp_path / "ro")
    out = ro / "out"
    if command == "lint --fix":
        nfd_plan(out)
        args: tuple[str, ...] = (*FIX, str(out))
    else:
        if existing:
            out.write_bytes(b"the old file\n")
        args = WRITERS[command](str(out))
    kept = out.read_bytes() if existing else None
    assert _run("mount", "-o", "remount,ro", str(ro)).returncode == 0
    r = thidua(*args, cwd=work)
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"cannot write {out}: the file system holding it is mounted read-only" in r.stderr
    if existing:
        assert out.read_bytes() == kept
    else:
        assert not out.exists()


# 5. Outputs that are no regular file, for import -o and scores table -o as for render -o --

OUTPUT_COMMANDS = ["render", "import", "scores table"]


def _make(kind: str, work: Path, command: str) -> str:
    """Make the output of ``kind`` in ``work``; the name to give -o."""
    own_input = {"render": "p.yaml", "import": "d.docx", "scores table": "s.yaml"}[command]
    out = work / "out"
    if kind == "hard link to an input":
        os.link(work / own_input, out)
    elif kind == "symbolic link to an input":
        out.symlink_to(work / own_input)
    elif kind == "link loop":
        out.symlink_to("out")
    elif kind == "dangling link":
        out.symlink_to("nowhere")
    elif kind == "folder":
        out.mkdir()
    elif kind == "300-character name":
        return "x" * 300
    elif kind == "missing folder":
        return "missing/out"
    elif kind == "empty name":
        return ""
    return "out"


#: kind: (the message, or None for a write that succeeds)
PATHS: dict[str, str] = {
    "hard link to an input": "refusing to write over out: it is a plan or file this run reads",
    "symbolic link to an input": "refusing to write over out: it is a plan or file this run reads",
    "link loop": "cannot write out: its symbolic links go round in a loop",
    "dangling link": "cannot write out: it is a symbolic link to nowhere, which does not exist",
    "folder": "out is a folder",
    "300-character name": "the name is too long for the file system",
    "missing folder": "cannot write missing/out: the folder missing does not exist",
    "empty name": "is empty",
}


@pytest.mark.parametrize("kind", PATHS, ids=list(PATHS))
@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_an_unusable_output_path_is_refused_alike(command: str, kind: str,
                                                  tmp_path: Path) -> None:
    # A link loop at `import -o` was an internal error (RuntimeError: Symlink
    # loop, from Path.resolve) after the document was read.
    work = workspace(tmp_path)
    name = _make(kind, work, command)
    before = {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()}
    r = thidua(*WRITERS[command](name), cwd=work)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith("thidua: ") and "Traceback" not in r.stderr
    assert "internal error" not in r.stderr
    assert PATHS[kind] in r.stderr, r.stderr
    assert {p.name: p.read_bytes() for p in work.iterdir() if p.is_file()} == before
    assert temporaries(work) == []


@root_only
@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_a_character_device_is_written_in_place(command: str, tmp_path: Path) -> None:
    work = workspace(tmp_path)
    os.mknod(work / "out", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a null device of our own
    r = thidua(*WRITERS[command]("out"), cwd=work)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISCHR((work / "out").stat().st_mode)
    assert temporaries(work) == []


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_a_fifo_with_a_reader_gets_the_output(command: str, tmp_path: Path) -> None:
    work = workspace(tmp_path)
    fifo = work / "out"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = thidua(*WRITERS[command]("out"), cwd=work, timeout=60)
    reader.join(30)
    assert r.returncode == 0, r.stderr
    assert got and len(got[0]) > 1000
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_a_fifo_nobody_reads_is_not_waited_on_for_ever(command: str, tmp_path: Path) -> None:
    # Opening it waited for a reader until the run was killed.
    work = workspace(tmp_path)
    os.mkfifo(work / "out")
    r = thidua(*WRITERS[command]("out"), cwd=work, timeout=60)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "cannot write out: it is a FIFO (named pipe) that no program read from" in r.stderr
    assert r.seconds < 40


def test_standard_output_dash(tmp_path: Path) -> None:
    work = workspace(tmp_path)
    assert thidua(*WRITERS["render"]("-"), cwd=work).stdout.startswith("<!--")
    assert "version: 1" in thidua(*WRITERS["import"]("-"), cwd=work).stdout
    r = thidua(*WRITERS["scores table"]("-"), cwd=work)
    assert r.returncode == 2 and "cannot go to standard output" in r.stderr


# 6. The temporary file lies beside the target, never in TMPDIR -------------

_LOG_RENAMES = (
    "import os, runpy, sys\n"
    "log = open(sys.argv.pop(1), 'a')\n"
    "real = os.replace\n"
    "def replace(a, b, *r, **k):\n"
    "    log.write(f'{os.fspath(a)}\\0{os.fspath(b)}\\n'); log.flush()\n"
    "    return real(a, b, *r, **k)\n"
    "os.replace = replace\n"
    "sys.argv[0] = 'thidua'\n"
    "runpy.run_module('thidua_cli', run_name='__main__', alter_sys=True)\n"
)


@pytest.mark.parametrize("command", [*WRITERS, "lint --fix"])
def test_the_temporary_file_is_beside_the_target(command: str, tmp_path: Path,
                                                 mount: Callable[..., Path]) -> None:
    work = workspace(tmp_path / "w")
    temp = mount(tmp_path / "tmpdir")
    out_folder = mount(tmp_path / "elsewhere")
    assert os.stat(temp).st_dev != os.stat(out_folder).st_dev
    out = out_folder / "out"
    if command == "lint --fix":
        nfd_plan(out)
        args: tuple[str, ...] = (*FIX, str(out))
    else:
        args = WRITERS[command](str(out))
    log = tmp_path / "renames"
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    r = subprocess.run([sys.executable, "-c", _LOG_RENAMES, str(log), *args], cwd=work,
                       capture_output=True, text=True, timeout=120, check=False,
                       env={**env, "LANG": "C.UTF-8", "NO_COLOR": "1", "TMPDIR": str(temp)})
    assert r.returncode == 0, r.stderr
    renames = [line.split("\0") for line in log.read_text().splitlines()]
    mine = [(a, b) for a, b in renames if b == str(out)]
    assert len(mine) == 1, renames
    assert os.path.dirname(mine[0][0]) == str(out_folder)
    assert not any(a.startswith(str(temp)) for a, _ in renames)
    assert temporaries(out_folder) == []



# A set of files (a sheet a member, a letter a member) on a full file system ---

VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"


def test_sheets_on_a_full_file_system_leave_the_old_set(tmp_path: Path,
                                                        mount: Callable[..., Path]) -> None:
    # Written one by one, a full disk at the second sheet left the first new
    # and the others old, a set no member's numbers agree across.
    small = mount(tmp_path / "small", "size=256k")
    plan = tmp_path / "s.yaml"
    shutil.copy(SCORING, plan)
    out = small / "sh"
    assert thidua("scores", "sheets", str(plan), "-o", str(out)).returncode == 0
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(old) == 3 and all(4096 < len(b) <= 8192 for b in old.values())
    with open(small / "filler", "wb") as filler, contextlib.suppress(OSError):
        filler.write(b"\0" * (256 * 1024))
    os.truncate(small / "filler", (small / "filler").stat().st_size - 8192)  # one sheet's room
    r = thidua("scores", "sheets", str(plan), "-o", str(out))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "No space left on device" in r.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old
    assert temporaries(out) == []


#: os.fsync fails with ENOSPC at its second call (the second file of the set).
_SECOND_FSYNC = (
    "import errno, os, runpy, sys\n"
    "real, calls = os.fsync, []\n"
    "def failing(fd):\n"
    "    calls.append(fd)\n"
    "    if len(calls) == 2:\n"
    "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
    "    return real(fd)\n"
    "os.fsync = failing\n"
    "sys.argv[0] = 'thidua'\n"
    "runpy.run_module('thidua_cli', run_name='__main__', alter_sys=True)\n"
)

SETS: dict[str, tuple[tuple[str, ...], str]] = {
    "scores sheets": (("scores", "sheets", "s.yaml", "-o", "out"), "out"),
    "render --per-member": (("render", "d.yaml", "--doc", "don-doc", "--per-member", "-f", "md",
                             "--as-of", "2022-12-01", "-o", "out/"), "out"),
}


@pytest.mark.parametrize("command", SETS, ids=list(SETS))
def test_a_set_failing_at_its_second_file_leaves_the_old_set(command: str,
                                                             tmp_path: Path) -> None:
    shutil.copy(SCORING, tmp_path / "s.yaml")
    shutil.copy(VOTES, tmp_path / "d.yaml")
    args, folder = SETS[command]
    assert thidua(*args, cwd=tmp_path).returncode == 0
    out = tmp_path / folder
    for p in out.iterdir():
        p.write_bytes(b"the old " + p.name.encode())
    old = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(old) >= 2
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    r = subprocess.run([sys.executable, "-c", _SECOND_FSYNC, *args], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120, check=False,
                       env={**env, "LANG": "C.UTF-8", "NO_COLOR": "1"})
    assert r.returncode == 2, r.stdout + r.stderr
    assert "No space left on device" in r.stderr and "Traceback" not in r.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old
    assert temporaries(out) == []
