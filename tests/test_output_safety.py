"""Every file thidua writes: whole or not at all, its permissions kept, never a
change the user did not ask for. Run as real processes, as a user runs them.

The writers: ``render`` and ``report`` (DOCX, Markdown, JSON), ``lint -o``,
``schema -o``, ``new`` and ``lint --fix``. Permission tests need a user the
file system says no to: when the tests run as root (who may write anywhere)
the command runs as ``nobody`` instead.
"""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from thidua_cli.errors import OutputError
from thidua_cli.fix import fix_paths
from thidua_cli.lint.engine import LintOptions

from .conftest import EXAMPLE, ROOT, TODAY
from .documents import docx_document
from .helpers import run
from .rendering import SPECIAL

NOBODY = 65534
ROOT_USER = os.geteuid() == 0

# (arguments, with {plan} and {out}; the output's name)
WRITERS = [
    pytest.param(("render", "{plan}", "-o", "{out}"), "plan.docx", id="render-docx"),
    pytest.param(("render", "{plan}", "-o", "{out}"), "plan.md", id="render-md"),
    pytest.param(("report", "{plan}", "-o", "{out}"), "report.docx", id="report-docx"),
    pytest.param(("report", "{plan}", "-o", "{out}"), "report.md", id="report-md"),
    pytest.param(("report", "-f", "json", "{plan}", "-o", "{out}"), "report.json",
                 id="report-json"),
    pytest.param(("lint", "-f", "sarif", "-o", "{out}", "{plan}"), "lint.sarif",
                 id="lint-output"),
    pytest.param(("schema", "-o", "{out}"), "plan.schema.json", id="schema"),
    pytest.param(("new", "{out}", "--year", "2023", "--from", "{plan}", "--force"),
                 "plan-2023.yaml", id="new"),
]

Runner = Callable[..., subprocess.CompletedProcess[str]]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def args_of(template: tuple[str, ...], plan: Path, out: Path) -> list[str]:
    return [a.format(plan=plan, out=out) for a in template]


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan-2022.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


# ------------------------------------------------------------------ permissions kept


@pytest.mark.parametrize(("template", "name"), WRITERS)
def test_a_replaced_output_keeps_its_permissions_and_no_temp_file_is_left(
        plan: Path, template: tuple[str, ...], name: str) -> None:
    out = plan.parent / name
    out.write_bytes(b"old")
    out.chmod(0o640)
    r = run(*args_of(template, plan, out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() != b"old"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert listing(plan.parent) == sorted({plan.name, name})


# ------------------------------------------------------------------ no permission


@pytest.fixture()
def unprivileged() -> Iterator[tuple[Path, Runner]]:
    """A folder the command's user owns, and a ``run`` as a user without root's
    right to write anywhere (``nobody``, through util-linux's setpriv, when root)."""
    prefix: list[str] = []
    path_of_copy: str | None = None
    if ROOT_USER:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv to run as another user")
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        path_of_copy = _importable_as_nobody(prefix)
    folder = Path(tempfile.mkdtemp(prefix="thidua-perm-"))
    if ROOT_USER:
        folder.chmod(0o755)
        os.chown(folder, NOBODY, NOBODY)

    def runner(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG",)}
        env.update({"LANG": "C.UTF-8", "NO_COLOR": "1", "HOME": str(folder)})
        if path_of_copy is not None:
            env["PYTHONPATH"] = path_of_copy
        return subprocess.run([*prefix, sys.executable, "-m", "thidua_cli", *args],
                              capture_output=True, text=True, cwd=folder, env=env, timeout=60)

    try:
        yield folder, runner
    finally:
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


_COPY: dict[str, str | None] = {}


def _importable_as_nobody(prefix: list[str]) -> str | None:
    """How ``nobody`` imports thidua: as installed (None), or from a readable copy.

    A checkout in a folder only root may read (a root home, a ``mktemp -d``
    folder) hides the package from ``nobody``; the package is then copied to a
    folder everyone may read and put first on ``PYTHONPATH``. When even that
    does not import (the interpreter's own libraries are unreadable), the test
    is skipped, saying why.
    """
    def imports(pythonpath: str | None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **({"PYTHONPATH": pythonpath} if pythonpath else {})}
        return subprocess.run([*prefix, sys.executable, "-c", "import thidua_cli.cli"],
                              capture_output=True, text=True, env=env, cwd="/", timeout=60)

    if "path" in _COPY:
        return _COPY["path"]
    if imports(None).returncode == 0:
        _COPY["path"] = None
        return None
    import atexit

    import thidua_cli

    copy = Path(tempfile.mkdtemp(prefix="thidua-readable-"))
    atexit.register(shutil.rmtree, copy, True)
    shutil.copytree(Path(thidua_cli.__file__).parent, copy / "thidua_cli",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for path in (copy, *copy.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    done = imports(str(copy))
    if done.returncode != 0:
        shutil.rmtree(copy)
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"user nobody cannot run {sys.executable} with thidua, even from a "
                    f"readable copy: {reason}")
    _COPY["path"] = str(copy)
    return str(copy)


def put(path: Path, data: bytes | None = None, mode: int | None = None) -> Path:
    """Create ``path`` (a file with ``data``, else a folder) owned by the command's user."""
    if data is None:
        path.mkdir()
    else:
        path.write_bytes(data)
    if ROOT_USER:
        os.chown(path, NOBODY, NOBODY)
    if mode is not None:
        path.chmod(mode)
    return path


@pytest.mark.parametrize(("template", "name"), WRITERS)
def test_a_read_only_folder_is_a_clear_message_and_exit_2(
        unprivileged: tuple[Path, Runner], template: tuple[str, ...], name: str) -> None:
    folder, runner = unprivileged
    plan = put(folder / "plan-2022.yaml", EXAMPLE.read_bytes())
    target = put(folder / "out", mode=0o555)
    out = target / name
    r = runner(*args_of(template, plan, out))
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.endswith(f"thidua: error: cannot write {out}: no permission to create "
                             f"files in {target}\n")
    assert "Traceback" not in r.stderr
    assert listing(target) == []


@pytest.mark.parametrize(("template", "name"), WRITERS)
def test_a_read_only_file_is_not_replaced(unprivileged: tuple[Path, Runner],
                                          template: tuple[str, ...], name: str) -> None:
    folder, runner = unprivileged
    plan = put(folder / "plan-2022.yaml", EXAMPLE.read_bytes())
    out = put(folder / name, b"kept", 0o444)
    r = runner(*args_of(template, plan, out))
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.endswith(f"thidua: error: cannot write {out}: the file is read-only\n")
    assert out.read_bytes() == b"kept"
    assert listing(folder) == sorted({plan.name, name})


def test_read_only_messages_in_vietnamese(unprivileged: tuple[Path, Runner]) -> None:
    folder, runner = unprivileged
    plan = put(folder / "plan-2022.yaml", EXAMPLE.read_bytes())
    out = put(folder / "plan.md", b"kept", 0o444)
    r = runner("render", str(plan), "-o", str(out), "--lang", "vi")
    assert r.stderr == f"thidua: lỗi: không ghi được {out}: tệp chỉ cho phép đọc\n"
    folder.chmod(0o555)
    r = runner("render", str(plan), "-o", str(folder / "x.md"), "--lang", "vi")
    assert r.stderr == (f"thidua: lỗi: không ghi được {folder / 'x.md'}: không có quyền "
                        f"tạo tệp trong thư mục {folder}\n")


@pytest.mark.parametrize("mode", ["folder", "file"])
def test_fix_that_cannot_write_changes_nothing(unprivileged: tuple[Path, Runner],
                                               mode: str) -> None:
    folder, runner = unprivileged
    original = EXAMPLE.read_bytes().replace("theme: Chủ động".encode(), "theme: Bổ xung".encode())
    plan = put(folder / "plan-2022.yaml", original)
    if mode == "file":
        plan.chmod(0o444)
    else:
        folder.chmod(0o555)
    r = runner("lint", "--fix", str(plan))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert plan.read_bytes() == original
    assert listing(folder) == ["plan-2022.yaml"]


# ------------------------------------------------------------------ --fix on what it cannot parse


BROKEN = "    title: Bổ xung kế hoạch\n"  # a fixable misspelling in every case
TASK = ("tasks:\n  - id: t1\n    title: Bổ xung kế hoạch\n    objectives: [o1]\n")
HEAD = ("version: 1\nyear: 2022\ntitle: Tổ chức\ntheme: Thi đua\nbloc:\n  name: Khối\n"
        "  head: a\n  members:\n    - {id: a, name: Bộ A}\n    - {id: b, name: Bộ B}\n"
        "objectives:\n  - {id: o1, text: Mục tiêu}\n")
PLAN = HEAD + TASK


@pytest.mark.parametrize(("data", "code"), [
    pytest.param((PLAN + "  - [unclosed\n").encode(), 1, id="syntax-error"),
    pytest.param((PLAN + BROKEN).encode(), 1, id="duplicate-key"),
    pytest.param((PLAN + "\t- tab: indented\n").encode(), 1, id="tab-indentation"),
    pytest.param(PLAN.encode("utf-16"), 1, id="utf-16-bom"),
    pytest.param(PLAN.encode("utf-16-le"), 1, id="utf-16-no-bom"),
    pytest.param(PLAN.encode() + b"note: caf\xe9\n", 1, id="not-utf-8"),
    pytest.param(PLAN.encode() + b"\x00\x01\x02", 1, id="nul-bytes"),
    pytest.param(("- " + PLAN.replace("\n", "\n  ")).encode(), 1, id="top-level-list"),
    pytest.param(PLAN.encode() + b"x: !!python/object/apply:os.system [id]\n", 1,
                 id="python-tag"),
    pytest.param((PLAN + "a: *nowhere\n").encode(), 1, id="undefined-alias"),
    pytest.param(codecs.BOM_UTF8 + (PLAN + "  - [unclosed\n").encode(), 1,
                 id="bom-and-syntax-error"),
])
def test_fix_never_changes_a_file_it_cannot_parse(tmp_path: Path, data: bytes,
                                                  code: int) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(data)
    path.chmod(0o640)
    before = path.stat()
    r = run("lint", "--fix", str(path))
    assert r.returncode == code, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert "fixed" not in r.stderr
    assert path.read_bytes() == data
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino, stat.S_IMODE(after.st_mode)) == (
        before.st_mtime_ns, before.st_ino, 0o640)
    assert listing(tmp_path) == ["plan.yaml"]


def test_fix_over_the_size_limit_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, "utf-8")
    r = run("lint", "--fix", "--max-bytes", "100", str(path))
    assert r.returncode == 2
    assert path.read_text("utf-8") == PLAN


def test_the_same_file_parsed_cleanly_is_fixed(tmp_path: Path) -> None:
    # The control case of the table above: only the damage keeps the fix out.
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, "utf-8")
    assert run("lint", "--fix", str(path)).returncode == 0
    assert path.read_text("utf-8") == PLAN.replace("Bổ xung", "Bổ sung")


def test_fix_leaves_a_file_changed_meanwhile_alone(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # An editor saves the plan while --fix works on the text it read before.
    import thidua_cli.fix as fix

    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, "utf-8")
    edited = PLAN.replace("Thi đua", "Thi đua sôi nổi")
    real_apply = fix.apply

    def apply_while_saved(text: str, fixes: object) -> str | None:
        path.write_text(edited, "utf-8")
        return real_apply(text, fixes)  # type: ignore[arg-type]

    monkeypatch.setattr(fix, "apply", apply_while_saved)
    with pytest.raises(OutputError) as caught:
        fix_paths([str(path)], LintOptions(today=TODAY), write=True)
    assert caught.value.key == "fix.changed"
    assert path.read_text("utf-8") == edited


# ------------------------------------------------------------------ concurrent writers


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "thidua_cli", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode()


@pytest.mark.parametrize(("command", "suffix"), [("render", ".docx"), ("report", ".md")])
def test_two_processes_writing_one_output_never_interleave(tmp_path: Path, command: str,
                                                           suffix: str) -> None:
    # Two different plans, so the result must be exactly one of the two documents.
    plans = [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    plans[0].write_bytes(EXAMPLE.read_bytes())
    plans[1].write_bytes(SPECIAL.read_bytes())
    expected = []
    for i, p in enumerate(plans):
        alone = tmp_path / f"alone{i}{suffix}"
        assert run(command, str(p), "-o", str(alone)).returncode == 0
        expected.append(alone.read_bytes())
    assert expected[0] != expected[1]
    out = tmp_path / "shared" / f"out{suffix}"
    out.parent.mkdir()
    for _ in range(3):
        processes = [start(command, str(p), "-o", str(out)) for p in plans]
        for process in processes:
            code, err = finish(process)
            assert code == 0, err
        data = out.read_bytes()
        assert data in expected
        if suffix == ".docx":
            docx_document(data)
        assert listing(out.parent) == [out.name]  # no temporary file left behind


def test_two_fixes_of_one_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    fixed = PLAN.replace("Bổ xung", "Bổ sung")
    for _ in range(3):
        path.write_text(PLAN, "utf-8")
        results = [finish(p) for p in [start("lint", "--fix", str(path)) for _ in range(2)]]
        # One fixes it; the other fixes it too, finds nothing left, or sees the file
        # changed under it and writes nothing: never a mix, never a lost byte.
        for code, err in results:
            assert code == 0 or (code == 2 and "changed while it was being fixed" in err), err
        assert path.read_text("utf-8") == fixed
        assert listing(tmp_path) == ["plan.yaml"]


@pytest.mark.parametrize("key", ["fix.changed", "output.read_only", "output.folder_permission"])
def test_messages_in_both_languages(key: str) -> None:
    import string
    import unicodedata

    from thidua_cli.i18n import catalog

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    en, vi = catalog("en")[key], catalog("vi")[key]
    assert fields(en) == fields(vi)
    assert unicodedata.is_normalized("NFC", vi)
