"""Fourteenth pass (writers): new angles on the classes of issue #18's writing items.

Every case is a real process: outputs on the kernel's own file systems
(``/proc``, ``/sys``), files and folders marked immutable or append-only
(``chattr``), a restrictive umask for a user who is not root (``setpriv``), the
folders a run makes for outputs it then does not write, several plans of one
``lint --fix`` changed by another program while it writes, an output folder
removed mid-write, and writers racing each other. The attacks that held are
kept too, so that they keep holding.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .common import HOLD_AT_FSYNC, ROOT, held_at_fsync, no_traceback, quiet_env, thidua, unusable

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"
#: The plans' example with decomposed letters (NFD): `lint --fix` rewrites it.
NFD = "Ke\u0302\u0301 hoạch"
AS_OF = ("--as-of", "2022-12-01")  # two members have a task overdue then


def _nfd_plan(path: Path) -> bytes:
    """A copy of the example that `lint --fix` rewrites (a title in NFD)."""
    path.write_text(EXAMPLE.read_text("utf-8").replace("Kế hoạch", NFD), "utf-8")
    return path.read_bytes()


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


# -- 1. The kernel's file systems hold no documents ---------------------------

_KERNEL = ["/proc/self/status", "/proc/sys/kernel/hostname", "/proc/thidua-new.md",
           "/sys/kernel/mm/transparent_hugepage/enabled"]


@pytest.mark.parametrize("target", _KERNEL)
@pytest.mark.parametrize("writer", [
    ("render", str(EXAMPLE), "-f", "md", "-o"),
    ("schema", "-o"),
    ("lint", str(EXAMPLE), "-f", "json", "-o"),
    ("report", str(EXAMPLE), "-f", "json", "-o"),
], ids=["render", "schema", "lint", "report"])
def test_a_file_of_the_kernels_is_refused_by_name(tmp_path: Path, writer: tuple[str, ...],
                                                  target: str) -> None:
    # `-o /proc/self/status` said "No such file or directory" (the temporary
    # file cannot be made there), `/sys/...` "no permission to create files",
    # both true and both misleading; as root `/proc/sys/kernel/hostname` is a
    # setting of the machine. Refused for what it is, before the work.
    if not os.path.exists(os.path.dirname(target)):
        pytest.skip(f"{os.path.dirname(target)} is not on this system")
    before = Path(target).read_bytes() if os.path.isfile(target) else None
    r = thidua(*writer, target, cwd=tmp_path)
    unusable(r, "a file system of the kernel's")
    assert ("(proc)" if target.startswith("/proc") else "(sysfs)") in r.stderr
    if before is not None and not target.startswith("/proc/self"):
        assert Path(target).read_bytes() == before
    assert not os.path.exists("/proc/thidua-new.md")


def test_proc_self_fd_1_is_still_standard_output(tmp_path: Path) -> None:
    # The magic link leads to the file standard output is: not the kernel's.
    script = (f'"{sys.executable}" -m thidua_cli render "{EXAMPLE}" -f md '
              "-o /proc/self/fd/1 > out.md 2> err.txt; echo $? > rc.txt")
    subprocess.run(["bash", "-c", script], cwd=tmp_path, env=quiet_env(), timeout=120, check=True)
    assert (tmp_path / "rc.txt").read_text().strip() == "0", (tmp_path / "err.txt").read_text()
    assert "LIÊN MINH" in (tmp_path / "out.md").read_text("utf-8")


@pytest.mark.parametrize("writer", [
    ("render", str(VOTES), "-f", "md", "-o", "disk"),
    ("schema", "-o", "disk"),
    ("report", str(VOTES), "-f", "json", "-o", "disk"),
    ("scores", "table", str(SCORING), "-o", "disk"),
], ids=["render", "schema", "report", "scores table"])
def test_a_block_device_is_never_written(tmp_path: Path, writer: tuple[str, ...]) -> None:
    # A block device (a disk, a partition) was written in place like a
    # character device: `-o` naming a loop device backed by an image wrote the
    # document over the image's first blocks, exit 0. Refused by its type
    # before it is opened (the node names a device no driver has, so that a
    # breach would fail to open rather than write anywhere).
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(tmp_path / "disk", 0o600 | stat.S_IFBLK, os.makedev(240, 254))
    r = thidua(*writer, cwd=tmp_path)
    unusable(r, "cannot write disk: it is a block device")
    assert stat.S_ISBLK(os.lstat(tmp_path / "disk").st_mode)


# -- 1b. A name ending in `.` or `..` is a folder's ----------------------------

_ONE_FILE = {
    "render": ("render", str(VOTES), "-f", "md", "-o"),
    "schema": ("schema", "-o"),
    "lint": ("lint", str(VOTES), "-f", "json", "-o"),
    "scores table": ("scores", "table", str(SCORING), "-o"),
    "new": (),
    "import": ("import", str(ROOT / "tests" / "import" / "bases-together.docx"), "-o"),
}


@pytest.mark.parametrize("name", ["out/.", "out/.."])
@pytest.mark.parametrize("writer", list(_ONE_FILE))
def test_a_name_ending_in_a_dot_is_no_file_name(tmp_path: Path, writer: str,
                                                name: str) -> None:
    # `-o out/.` wrote a file named `out` (Path drops the `.` as it drops a
    # final `/`, which was refused already): only a folder has such a name.
    if writer == "new":  # its output comes first
        r = thidua("new", name, "--year", "2023", cwd=tmp_path)
    else:
        r = thidua(*_ONE_FILE[writer], name, cwd=tmp_path)
    unusable(r, "a name ending in . or .. names a folder")
    assert sorted(os.listdir(tmp_path)) == []


@pytest.mark.parametrize("args", [
    ("report", str(VOTES), "-f", "md", "-o", "out/."),
    ("render", str(VOTES), "--doc", "don-doc", "--per-member", "-f", "md", *AS_OF,
     "-o", "out/."),
], ids=["report", "per-member"])
def test_a_folder_output_named_with_a_dot_writes_inside_it(tmp_path: Path,
                                                           args: tuple[str, ...]) -> None:
    r = thidua(*args, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(tmp_path)) == ["out"]
    assert os.listdir(tmp_path / "out")


@pytest.mark.parametrize("args", [
    ("report", "v.yaml", "-o", "other.yaml"),
    ("report", "v.yaml", str(SCORING), "-f", "json", "-o", "other.yaml"),
    ("render", "v.yaml", "-f", "md", "-o", "other.yaml"),
    ("render", "v.yaml", "-f", "docx", "-o", "other.YML"),
    ("render", "v.yaml", "--doc", "don-doc", "--per-member", "-f", "md", *AS_OF, "-o",
     "other.yaml"),
    ("lint", "v.yaml", "-o", "other.yaml"),
    ("lint", "--fix", "fixme.yaml", "-f", "json", "-o", "other.yaml"),
], ids=["report", "report-json-array", "render-md", "render-docx", "per-member", "lint",
        "lint-fix"])
def test_a_document_is_never_written_under_a_plans_name(tmp_path: Path,
                                                        args: tuple[str, ...]) -> None:
    # `report p.yaml -o plan-2023.yaml` (a slip of the completion) replaced
    # another plan with a DOCX, exit 0; `render -f md` and `lint -o` with their
    # text. `scores table` refused such a name already; so do they now.
    (tmp_path / "v.yaml").write_bytes(VOTES.read_bytes())
    fixme = _nfd_plan(tmp_path / "fixme.yaml")
    other = tmp_path / ("other.YML" if "other.YML" in args else "other.yaml")
    other.write_bytes(EXAMPLE.read_bytes())
    r = thidua(*args, cwd=tmp_path)
    unusable(r, "is a plan's, and this output is a document or report")
    assert other.read_bytes() == EXAMPLE.read_bytes()
    assert (tmp_path / "fixme.yaml").read_bytes() == fixme


# -- 2. chattr +i and +a, on the file and on its folder ----------------------

@contextlib.contextmanager
def _chattr(path: Path, flag: str) -> Iterator[None]:
    """``chattr +flag path`` for the block (skipped where no one may, or the
    file system has no such flags), taken off again whatever happens."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", f"+{flag}", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +{flag} is not allowed here: {done.stderr.decode()!r}")
    try:
        yield
    finally:
        subprocess.run(["chattr", f"-{flag}", str(path)], capture_output=True, check=False)


@pytest.mark.parametrize(("flag", "said"), [("i", "immutable (chattr +i)"),
                                            ("a", "append-only (chattr +a)")])
def test_an_immutable_or_append_only_output_says_so(tmp_path: Path, flag: str,
                                                    said: str) -> None:
    # An immutable file was "the file is read-only" (its mode 0644), an
    # append-only one "permission denied" at the rename: as root too.
    out = tmp_path / "out.md"
    out.write_bytes(b"the old file\n")
    with _chattr(out, flag):
        r = thidua("render", str(EXAMPLE), "-f", "md", "-o", "out.md", cwd=tmp_path)
    unusable(r, f"cannot write out.md: it is marked {said}")
    assert out.read_bytes() == b"the old file\n"
    assert _temporaries(tmp_path) == []


def test_lint_fix_of_an_immutable_plan_writes_none(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    kept_a, kept_b = _nfd_plan(a), _nfd_plan(b)
    with _chattr(b, "i"):
        r = thidua("lint", "--fix", "a.yaml", "b.yaml", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "b.yaml: it is marked immutable" in r.stderr
    assert (a.read_bytes(), b.read_bytes()) == (kept_a, kept_b)


@pytest.mark.parametrize(("flag", "said"), [("a", "is marked append-only"),
                                            ("i", "is marked immutable")])
@pytest.mark.parametrize("args", [
    ("render", str(EXAMPLE), "-f", "md", "-o", "box/out.md"),
    ("render", str(VOTES), "--doc", "don-doc", "--per-member", "-f", "md", *AS_OF, "-o",
     "box/"),
    ("scores", "sheets", str(SCORING), "-o", "box"),
], ids=["render", "per-member", "sheets"])
def test_an_append_only_folder_is_refused_before_any_temporary_file(
        tmp_path: Path, flag: str, said: str, args: tuple[str, ...]) -> None:
    # In a folder marked append-only the temporary file was made, could
    # neither take its name nor be removed, and stayed (`.out.md.….tmp`, a
    # file nobody asked for, that only root can take away), under "permission
    # denied". The folder's flags are read before the temporary file is made.
    box = tmp_path / "box"
    box.mkdir()
    with _chattr(box, flag):
        r = thidua(*args, cwd=tmp_path)
        listed = sorted(os.listdir(box))
    no_traceback(r)
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"the folder box {said}" in r.stderr, r.stderr
    assert listed == []


# -- 3. A restrictive umask, as a user who is not root ------------------------

NOBODY = 65534


def _as_nobody_works() -> str | None:
    """Why the umask cases cannot run here (None: they can)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return "needs root and setpriv to run as another user"
    done = subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}",
                           "--clear-groups", sys.executable, "-c", "import thidua_cli"],
                          capture_output=True, cwd="/", env=quiet_env(), check=False)
    if done.returncode != 0:
        return "this interpreter or checkout cannot be read by nobody"
    return None


@pytest.fixture
def nobody_home() -> Iterator[Path]:
    """A folder of nobody's own (pytest's tmp_path lies in one only root may enter)."""
    why = _as_nobody_works()
    if why is not None:
        pytest.skip(why)
    home = Path(tempfile.mkdtemp(prefix="thidua-nobody-"))
    os.chmod(home, 0o755)
    for plan in (EXAMPLE, SCORING, VOTES):
        shutil.copyfile(plan, home / plan.name)
    (home / "tmp").mkdir()
    for path in (home, *home.iterdir()):
        os.chown(path, NOBODY, NOBODY)
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _as_nobody(home: Path, umask: int, *args: str) -> subprocess.CompletedProcess[str]:
    def preexec() -> None:
        os.umask(umask)

    return subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         sys.executable, "-m", "thidua_cli", *args],
        cwd=home, env=quiet_env(PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(home / "tmp"),
                           HOME=str(home)),
        capture_output=True, text=True, timeout=180, preexec_fn=preexec, check=False)


@pytest.mark.parametrize("umask", [0o277, 0o777], ids=["0277", "0777"])
@pytest.mark.parametrize(("args", "written"), [
    (("report", "plan-2022.yaml", "-o", "a/b/"), "a/b/plan-2022-report.docx"),
    (("render", "plan-2022-votes.yaml", "--doc", "don-doc", "--per-member", "-f", "md",
      *AS_OF, "-o", "pm/"), "pm/plan-2022-votes-don-doc-bnv.md"),
    (("scores", "sheets", "scoring.yaml", "-o", "sheets"), "sheets/btc.xlsx"),
    (("scores", "table", "scoring.yaml", "-o", "table.xlsx"), "table.xlsx"),
], ids=["report-dir", "per-member", "sheets", "table"])
def test_a_restrictive_umask_still_writes(nobody_home: Path, umask: int,
                                          args: tuple[str, ...], written: str) -> None:
    # As nobody under `umask 0277`, `report -o a/b/` made `a` mode 0500 and
    # could not make `b` in it; under 0777 the folder was 000 and the report
    # "permission denied" (the folder stayed). `scores sheets` and `table` said
    # openpyxl's scratch file in TMPDIR "could not be written (Permission
    # denied)" with advice about free space. A folder made for outputs keeps
    # its owner's rights, as `mkdir -p` gives its parents; openpyxl's scratch
    # file is made with the owner's rights. The files delivered keep the
    # umask's mode, as `>` gives them.
    r = _as_nobody(nobody_home, umask, *args)
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert r.returncode == 0, r.stdout + r.stderr
    out = nobody_home / written
    assert out.is_file()
    assert os.stat(out).st_mode & 0o777 == 0o666 & ~umask
    assert sorted(os.listdir(nobody_home / "tmp")) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_a_pdf_under_a_restrictive_umask(nobody_home: Path) -> None:
    # `render -f pdf` as nobody under `umask 0277` was `internal error:
    # PermissionError` (the DOCX could not be written into the temporary
    # folder, made 0500); under 0777 the folder, made 000, stayed in TMPDIR.
    # The folder is 0700 whatever the umask, LibreOffice runs under 077.
    r = _as_nobody(nobody_home, 0o277, "render", "plan-2022.yaml", "-o", "out.pdf")
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert r.returncode == 0, r.stdout + r.stderr
    assert (nobody_home / "out.pdf").read_bytes().startswith(b"%PDF")
    assert os.stat(nobody_home / "out.pdf").st_mode & 0o777 == 0o400
    assert sorted(os.listdir(nobody_home / "tmp")) == []


def test_a_umask_of_0777_gives_files_no_rights_as_the_shell_does(nobody_home: Path) -> None:
    # Held: what is delivered gets the umask's mode, as `>` would (mode 000).
    r = _as_nobody(nobody_home, 0o777, "render", "plan-2022.yaml", "-f", "md", "-o", "o.md")
    assert r.returncode == 0, r.stderr
    assert os.stat(nobody_home / "o.md").st_mode & 0o777 == 0
    assert _temporaries(nobody_home) == []


def test_another_users_file_in_a_sticky_folder_is_refused_before_the_work(
        nobody_home: Path) -> None:
    # In a folder of mode 1777 (as /tmp) only a file's owner may replace it:
    # the rename failed after the work, "permission denied", of a file mode
    # 0666. Refused first, saying why; a new name there is written.
    shared = nobody_home / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    theirs = shared / "x.md"
    theirs.write_bytes(b"root's\n")
    os.chmod(theirs, 0o666)
    r = _as_nobody(nobody_home, 0o022, "render", "plan-2022.yaml", "-f", "md", "-o",
                   "shared/x.md")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "belongs to another user" in r.stderr and "sticky" in r.stderr, r.stderr
    assert theirs.read_bytes() == b"root's\n"
    r = _as_nobody(nobody_home, 0o022, "render", "plan-2022.yaml", "-f", "md", "-o",
                   "shared/y.md")
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(shared)) == ["x.md", "y.md"]


def test_fix_by_another_user_keeps_mode_and_group_it_belongs_to(nobody_home: Path) -> None:
    # Held, and the limit of a rename (left open): nobody, in the plan's group,
    # fixing root's plan (mode 0660) keeps its mode and group; its owner
    # becomes nobody, as with `sed -i` (only root may give a file away).
    team = nobody_home / "team"
    team.mkdir()
    os.chmod(team, 0o777)
    plan = team / "p.yaml"
    old = _nfd_plan(plan)
    os.chown(plan, 0, 1)
    os.chmod(plan, 0o660)
    r = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--groups=1", sys.executable,
         "-m", "thidua_cli", "lint", "--fix", "p.yaml"],
        cwd=team, env=quiet_env(PYTHONDONTWRITEBYTECODE="1"), capture_output=True, text=True,
        timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    st = os.stat(plan)
    assert plan.read_bytes() != old
    assert (stat.S_IMODE(st.st_mode), st.st_gid, st.st_uid) == (0o660, 1, NOBODY)


# -- 4. A folder made for outputs that were not written is not left ----------

@pytest.mark.parametrize("out", ["pm/", "q/r/pm/"])
def test_per_member_with_nobody_to_remind_makes_no_folder(tmp_path: Path, out: str) -> None:
    # The folder was made before the letters were built; with no one to
    # remind the run stopped (exit 2) and left it, empty.
    r = thidua("render", str(VOTES), "--doc", "don-doc", "--per-member", "-f", "md",
               "--as-of", "2022-01-01", "-o", out, cwd=tmp_path)
    unusable(r, "there is no one to remind")
    assert sorted(os.listdir(tmp_path)) == []


def test_report_of_plans_with_errors_makes_no_folder(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("year: x\n", "utf-8")
    r = thidua("report", "bad.yaml", "-f", "md", "-o", "out/", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    no_traceback(r)
    assert sorted(os.listdir(tmp_path)) == ["bad.yaml"]


def test_sheets_that_cannot_be_built_leave_no_folder(tmp_path: Path) -> None:
    # Under `ulimit -f 1` openpyxl's scratch file fails: the message, and the
    # folder made for the sheets is gone again.
    script = (f'ulimit -f 1; "{sys.executable}" -m thidua_cli scores sheets "{SCORING}" '
              "-o a/sheets 2> err.txt; echo $? > rc.txt")
    subprocess.run(["bash", "-c", script], cwd=tmp_path, env=quiet_env(PYTHONDONTWRITEBYTECODE="1"),
                   timeout=120, check=True)
    assert (tmp_path / "rc.txt").read_text().strip() == "2"
    assert "cannot build the workbook" in (tmp_path / "err.txt").read_text()
    assert sorted(os.listdir(tmp_path)) == ["err.txt", "rc.txt"]


def test_a_report_that_cannot_be_written_leaves_no_folder(tmp_path: Path) -> None:
    # `report -o rq/a/` under `ulimit -f 8`: the DOCX is too large, and the
    # folders made for it are gone again.
    script = (f'ulimit -f 8; "{sys.executable}" -m thidua_cli report "{VOTES}" -o rq/a/ '
              "2> err.txt; echo $? > rc.txt")
    subprocess.run(["bash", "-c", script], cwd=tmp_path, env=quiet_env(PYTHONDONTWRITEBYTECODE="1"),
                   timeout=120, check=True)
    assert (tmp_path / "rc.txt").read_text().strip() == "2"
    assert "File too large" in (tmp_path / "err.txt").read_text()
    assert sorted(os.listdir(tmp_path)) == ["err.txt", "rc.txt"]


@pytest.mark.parametrize("args", [
    ("report", "v.yaml", "-f", "md", "-o", "{base}/sub/"),
    ("scores", "sheets", str(SCORING), "-o", "{base}/sub"),
    ("render", "v.yaml", "--doc", "don-doc", "--per-member", "-f", "md", *AS_OF, "-o",
     "{base}/sub/"),
], ids=["report", "sheets", "per-member"])
@pytest.mark.parametrize(("base", "said"), [
    ("dangling", "cannot create the folder dangling: it is a symbolic link to nowhere"),
    ("v.yaml", "v.yaml is a file, not a folder"),
])
def test_a_folder_below_a_dangling_link_or_a_file_names_it(
        tmp_path: Path, args: tuple[str, ...], base: str, said: str) -> None:
    # `-o dangling/sub/` said "No such file or directory", `-o v.yaml/sub`
    # "Not a directory": the name in the way is named, as for `-o dangling/`.
    (tmp_path / "v.yaml").write_bytes(VOTES.read_bytes())
    os.symlink("nowhere", tmp_path / "dangling")
    r = thidua(*(a.format(base=base) for a in args), cwd=tmp_path)
    unusable(r, said)
    assert sorted(os.listdir(tmp_path)) == ["dangling", "v.yaml"]


def test_an_existing_folder_is_never_removed(tmp_path: Path) -> None:
    (tmp_path / "pm").mkdir()
    r = thidua("render", str(VOTES), "--doc", "don-doc", "--per-member", "-f", "md",
               "--as-of", "2022-01-01", "-o", "pm/", cwd=tmp_path)
    assert r.returncode == 2
    assert (tmp_path / "pm").is_dir()


# -- 5. Another program changes a plan while `lint --fix` writes ------------

@pytest.mark.parametrize(("at", "saved"), [(1, "b.yaml"), (2, "a.yaml")],
                         ids=["b saved while a is written", "a saved while b is written"])
def test_fix_of_several_plans_is_one_set(tmp_path: Path, at: int, saved: str) -> None:
    # `lint --fix a.yaml b.yaml`: a plan saved by an editor while another was
    # written was refused (`b.yaml changed while it was being fixed; nothing
    # was written`), but the first was rewritten already, or (a saved while b
    # was written) replaced. The plans are one set: every one is compared
    # again before the first takes its name, and none is written.
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    _nfd_plan(a)
    _nfd_plan(b)
    edited = (tmp_path / saved).read_bytes() + b"# saved by an editor\n"
    kept = {"a.yaml": a.read_bytes(), "b.yaml": b.read_bytes(), saved: edited}
    r = held_at_fsync(tmp_path, ("lint", "--fix", "a.yaml", "b.yaml"),
                      lambda: (tmp_path / saved).write_bytes(edited), at=at)
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"{saved} changed while it was being fixed; nothing was written" in r.stderr
    assert (a.read_bytes(), b.read_bytes()) == (kept["a.yaml"], kept["b.yaml"])
    assert _temporaries(tmp_path) == []


def test_fix_of_several_plans_unchanged_writes_all(tmp_path: Path) -> None:
    names = ("a.yaml", "b.yaml", "c.yaml")
    before = [_nfd_plan(tmp_path / name) for name in names]
    r = thidua("lint", "--fix", *names, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    for name, old in zip(names, before, strict=True):
        assert (tmp_path / name).read_bytes() != old
    assert _temporaries(tmp_path) == []


def test_fix_of_plans_in_many_folders_under_few_descriptors(tmp_path: Path) -> None:
    # Written as one set, the plans' folders were each held open: 40 plans in
    # 40 folders under `ulimit -n 20` left no descriptor for the temporary
    # files (`Too many open files`). A set holds a few folders open at most.
    before = {}
    for i in range(40):
        (tmp_path / f"d{i}").mkdir()
        before[i] = _nfd_plan(tmp_path / f"d{i}" / "p.yaml")
    script = (f'ulimit -n 20; "{sys.executable}" -m thidua_cli lint --fix . '
              "> out.txt 2> err.txt; echo $? > rc.txt")
    subprocess.run(["bash", "-c", script], cwd=tmp_path, env=quiet_env(), timeout=120, check=True)
    assert (tmp_path / "rc.txt").read_text().strip() == "0", (tmp_path / "err.txt").read_text()
    assert all((tmp_path / f"d{i}" / "p.yaml").read_bytes() != old for i, old in before.items())
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize(("report", "said"), [
    ("/proc/thidua-report.json", "a file system of the kernel's"),
    ("out/.", "a name ending in . or .. names a folder"),
    ("missing/r.json", "the folder missing does not exist"),
    ("dangling.json", "it is a symbolic link to nowhere"),
])
def test_fix_with_a_report_it_cannot_write_rewrites_no_plan(tmp_path: Path, report: str,
                                                            said: str) -> None:
    # `lint --fix a.yaml -o REPORT`: the report is written after the plans,
    # and one it could not write ended the run with "nothing was written",
    # the plan rewritten already. The report's name is checked first.
    plan = tmp_path / "a.yaml"
    kept = _nfd_plan(plan)
    os.symlink("nowhere", tmp_path / "dangling.json")
    r = thidua("lint", "--fix", "a.yaml", "-f", "json", "-o", report, cwd=tmp_path)
    unusable(r, said)
    assert plan.read_bytes() == kept


def test_fix_with_a_report_in_an_append_only_folder_rewrites_no_plan(tmp_path: Path) -> None:
    plan = tmp_path / "a.yaml"
    kept = _nfd_plan(plan)
    box = tmp_path / "box"
    box.mkdir()
    with _chattr(box, "a"):
        r = thidua("lint", "--fix", "a.yaml", "-f", "json", "-o", "box/r.json", cwd=tmp_path)
    unusable(r, "the folder box is marked append-only")
    assert plan.read_bytes() == kept


def test_new_force_over_a_plan_being_fixed_is_not_lost(tmp_path: Path) -> None:
    # `new --force p.yaml` while `lint --fix p.yaml` writes: the new plan stays,
    # the fix is refused.
    plan = tmp_path / "p.yaml"
    _nfd_plan(plan)

    def new() -> None:
        done = thidua("new", "p.yaml", "--year", "2023", "--force", cwd=tmp_path)
        assert done.returncode == 0, done.stderr

    r = held_at_fsync(tmp_path, ("lint", "--fix", "p.yaml"), new)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "p.yaml changed while it was being fixed" in r.stderr
    assert "year: 2023" in plan.read_text("utf-8")


def test_a_folder_removed_mid_write_says_so(tmp_path: Path) -> None:
    # `rm -r out` while `out/r.md` was written: "No such file or directory", of
    # a folder that was there. Now the message says what happened.
    out = tmp_path / "out"
    out.mkdir()
    r = held_at_fsync(tmp_path, ("render", str(EXAMPLE), "-f", "md", "-o", "out/r.md"),
                      lambda: shutil.rmtree(out))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "the folder out was removed while the file was being written" in r.stderr
    assert not out.exists()


def test_two_writers_racing_on_one_output_leave_one_whole(tmp_path: Path) -> None:
    # Held: each writes its own temporary file; the last rename wins, whole.
    (tmp_path / "v.yaml").write_bytes(VOTES.read_bytes())
    procs = [subprocess.Popen([sys.executable, "-m", "thidua_cli", "render", plan, "-f", "md",
                               "-o", "out.md"], cwd=tmp_path, env=quiet_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for plan in (str(EXAMPLE), "v.yaml", str(EXAMPLE), "v.yaml")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    one = [thidua("render", plan, "-f", "md", "-o", "-", cwd=tmp_path).stdout
           for plan in (str(EXAMPLE), "v.yaml")]
    assert (tmp_path / "out.md").read_text("utf-8") in one
    assert _temporaries(tmp_path) == []


_KILL_AFTER_RENAME = """
import os, signal
_replace = os.replace
_count = [0]
def replace(a, b, **k):
    _replace(a, b, **k)
    _count[0] += 1
    if _count[0] == 1:
        os.kill(os.getpid(), signal.SIGTERM)
os.replace = replace
"""


@pytest.mark.parametrize("writer", ["sheets", "per-member", "fix"])
def test_sigterm_between_the_renames_of_a_set_leaves_it_whole(tmp_path: Path,
                                                               writer: str) -> None:
    # SIGTERM right after the first file of a set took its name: the others
    # were discarded, and the set was one new file and the rest old (exit 143,
    # "no file left half-written"). The renames are made with the signals
    # held off; the signal ends the run once all are named.
    if writer == "sheets":
        args: tuple[str, ...] = ("scores", "sheets", str(SCORING), "-o", "out")
        names = ["bnv.xlsx", "btc.xlsx", "ubdt.xlsx"]
    elif writer == "per-member":
        args = ("render", str(VOTES), "--doc", "don-doc", "--per-member", "-f", "md", *AS_OF,
                "-o", "out/")
        names = ["plan-2022-votes-don-doc-bnv.md", "plan-2022-votes-don-doc-vpqh.md"]
    else:
        names = ["a.yaml", "b.yaml", "c.yaml"]
        args = ("lint", "--fix", *(f"out/{n}" for n in names))
    out = tmp_path / "out"
    out.mkdir()
    for name in names:
        if writer == "fix":
            _nfd_plan(out / name)
        else:
            (out / name).write_bytes(b"old\n")
    old = {name: (out / name).read_bytes() for name in names}
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_KILL_AFTER_RENAME)
    done = subprocess.run([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                          env=quiet_env(PYTHONPATH=str(site)), capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert "interrupted (SIGTERM)" in done.stderr
    changed = [name for name in names if (out / name).read_bytes() != old[name]]
    assert changed == names, changed  # all new: none was left old
    assert sorted(os.listdir(out)) == names


# -- 6. Held: links, `..`, a full disk, attributes -----------------------------

def test_an_output_through_a_linked_folder_and_dotdot_is_still_an_input(
        tmp_path: Path) -> None:
    # `link -> a/b`: the kernel reads `link/../x.yaml` as `a/x.yaml`, and so
    # does the writer's check.
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "link").symlink_to("a/b")
    plan = tmp_path / "a" / "x.yaml"
    plan.write_bytes(VOTES.read_bytes())
    for args in (("render", "a/x.yaml", "-f", "md", "-o", "link/../x.yaml"),
                 ("lint", "a/x.yaml", "-o", "link/../x.yaml"),
                 ("report", "a/x.yaml", "-f", "json", "-o", "link/../x.yaml")):
        r = thidua(*args, cwd=tmp_path)
        assert r.returncode == 2, args
        no_traceback(r)
    assert plan.read_bytes() == VOTES.read_bytes()
    r = thidua("report", "a/x.yaml", "-f", "md", "-o", "link/../", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a" / "x-report.md").is_file()


def test_a_full_disk_that_would_hold_an_in_place_write_keeps_the_old(
        tmp_path: Path) -> None:
    # Held: on a tmpfs with room for the new bytes written over the old but not
    # for both, the old file stays whole and the message is the system's.
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "out.md"
        r = thidua("render", str(VOTES), "-f", "md", "-o", str(out))
        assert r.returncode == 0, r.stderr
        old = out.read_bytes()
        with contextlib.suppress(OSError), open(disk / "fill", "wb") as fill:
            fill.write(b"x" * 65536)
        os.truncate(disk / "fill", os.path.getsize(disk / "fill") - 4096)
        r = thidua("render", str(VOTES), "-f", "md", "-o", str(out))
        unusable(r, "No space left on device")
        assert out.read_bytes() == old
        assert _temporaries(disk) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_fix_keeps_the_plans_extended_attributes(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    old = _nfd_plan(plan)
    try:
        os.setxattr(plan, "user.thidua", b"kept")
    except OSError:
        pytest.skip("this file system has no user attributes")
    r = thidua("lint", "--fix", "p.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert plan.read_bytes() != old
    assert os.getxattr(plan, "user.thidua") == b"kept"


def test_the_same_output_twice_in_one_run(tmp_path: Path) -> None:
    # Held: one plan named twice for `report -o dir/` is refused before
    # anything is written; `lint --fix` of one plan twice writes it once.
    (tmp_path / "v.yaml").write_bytes(VOTES.read_bytes())
    r = thidua("report", "v.yaml", "./v.yaml", "-f", "md", "-o", "out/", cwd=tmp_path)
    unusable(r, "would both be written to out/v-report.md")
    assert not (tmp_path / "out").exists()
    old = _nfd_plan(tmp_path / "p.yaml")
    os.symlink("p.yaml", tmp_path / "l.yaml")
    r = thidua("lint", "--fix", "p.yaml", "l.yaml", "./p.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "l.yaml").is_symlink()
    assert (tmp_path / "p.yaml").read_bytes() != old


def test_sigterm_while_a_set_of_fixes_waits_leaves_every_plan(tmp_path: Path) -> None:
    # Held: the plans of one `lint --fix` are written together; a SIGTERM with
    # the first one's temporary file waiting leaves both plans as they were.
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    kept = (_nfd_plan(a), _nfd_plan(b))
    holder: list[subprocess.Popen[str]] = []
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(HOLD_AT_FSYNC)
    hold, go = tmp_path / "held", tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "lint", "--fix", "a.yaml",
                             "b.yaml"], cwd=tmp_path,
                            env=quiet_env(PYTHONPATH=str(site), HOLD_FSYNC=str(hold), GO=str(go),
                                     HOLD_AT="2"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    holder.append(proc)
    deadline = time.monotonic() + 60
    while not hold.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert hold.exists(), proc.communicate()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert (a.read_bytes(), b.read_bytes()) == kept
    assert _temporaries(tmp_path) == []
