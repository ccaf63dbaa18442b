"""Twelfth pass: how thidua writes, and how it meets signals, pipes and limits.

Every case is a real process, most of them started by a real shell with real
pipes: a reader that goes away (``| head -c 10``, ``| true``) in the middle of
a write or before it, whatever the output's name (``-o -``, ``/dev/stdout``,
``/dev/fd/1``, a FIFO); signals to ``lint --jobs 2`` and to ``diff`` waiting
on git; ``ulimit -f`` (SIGXFSZ) and ``ulimit -n`` for the writers; the empty
output name. The attacks that held are kept too, so that they keep holding.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import ROOT

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"
#: What a run whose reader went away exits with (128 + SIGPIPE).
READER_GONE = 141


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("THIDUA_LANG", "FORCE_COLOR", "THIDUA_DEBUG")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", **extra})
    return env


def shell(script: str, cwd: Path, timeout: float = 120, **env: str
          ) -> subprocess.CompletedProcess[str]:
    """``script`` in bash, with ``thidua`` the thidua of these tests; ``set -o pipefail``
    is not set: each script echoes the statuses it wants (``${PIPESTATUS[0]}``)."""
    prelude = f'thidua() {{ "{sys.executable}" -m thidua_cli "$@"; }}\n'
    return subprocess.run(["bash", "-c", prelude + script], cwd=cwd, env=_env(**env),
                          capture_output=True, text=True, timeout=timeout)


def big_plan(folder: Path, tasks: int = 2000) -> Path:
    """A plan of ``tasks`` tasks: its Markdown (about 1 MB) is much more than a pipe holds."""
    path = folder / "big.yaml"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--files", "1",
                        "--tasks", str(tasks), str(folder / "gen")], check=True,
                       capture_output=True)
        (folder / "gen" / "big" / f"plan-{tasks}.yaml").rename(path)
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_plan(tmp_path_factory.mktemp("big"))


def _clean(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    assert "Broken pipe" not in stderr


# -- 1. A reader gone away ends every writer alike: 141, quietly ---------------

# (name, the command's tail after the plan): each writes far more than a pipe holds.
_PIPED = [
    ("render -o -", "render {plan} -f md -o -"),
    ("render -o /dev/stdout", "render {plan} -f md -o /dev/stdout"),
    ("render -o /dev/fd/1", "render {plan} -f md -o /dev/fd/1"),
    ("report -o -", "report {plan} -f md -o -"),
    ("report -o /dev/stdout", "report {plan} -f md -o /dev/stdout"),
    ("report -f json", "report {plan} -f json"),
    ("lint", "lint {plan}"),
    ("lint -f json", "lint {plan} -f json"),
    ("lint -f json -o /dev/stdout", "lint {plan} -f json -o /dev/stdout"),
]


@pytest.mark.parametrize("reader", ["head -c 10 >/dev/null", "true"],
                         ids=["reader leaves mid-write", "reader gone before"])
@pytest.mark.parametrize("command", [c for _, c in _PIPED], ids=[n for n, _ in _PIPED])
def test_a_reader_gone_away_is_141_quietly(big: Path, command: str, reader: str) -> None:
    # Before: `-o -` exited 1 (or 0, the rest of the output dropped, when the
    # reader left in the middle of a write); `-o /dev/stdout` and `-o /dev/fd/1`
    # said `cannot write /dev/stdout: Broken pipe`, exit 2.
    run = shell(f"thidua {command.format(plan=big)} 2>err.txt | {reader}\n"
                "echo \"status=${PIPESTATUS[0]}\"; grep -v TD2 err.txt | grep -v checked >&2",
                cwd=big.parent)
    assert f"status={READER_GONE}" in run.stdout, (run.stdout, run.stderr)
    _clean(run.stderr)
    assert run.stderr == ""


def test_a_fifo_whose_reader_closes_is_141_quietly(big: Path) -> None:
    fifo = big.parent / "out.fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    run = shell(f"(exec 3<{fifo.name}; head -c 10 <&3 >/dev/null) &\n"
                f"thidua render {big} -f md -o {fifo.name} 2>err.txt; echo \"status=$?\"; wait\n"
                "grep -v TD2 err.txt | grep -v checked >&2", cwd=big.parent)
    assert f"status={READER_GONE}" in run.stdout, (run.stdout, run.stderr)
    assert run.stderr == ""


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["rules"], ["schema"],
                                  ["render", "--list"]], ids=" ".join)
def test_small_outputs_to_a_reader_gone_are_141(tmp_path: Path, args: list[str]) -> None:
    run = shell(f"thidua {' '.join(args)} 2>err.txt | true; echo \"status=${{PIPESTATUS[0]}}\";"
                " cat err.txt >&2", cwd=tmp_path)
    assert f"status={READER_GONE}" in run.stdout or "status=0" in run.stdout, run.stdout
    assert run.stderr == ""


def test_a_reader_of_stderr_gone_away_is_141(big: Path) -> None:
    run = shell(f"thidua lint {big} 2>&1 | head -c 10 >/dev/null;"
                " echo \"status=${PIPESTATUS[0]}\"", cwd=big.parent)
    assert f"status={READER_GONE}" in run.stdout
    assert run.stderr == ""


def test_a_reader_that_reads_everything_gets_everything(big: Path) -> None:
    # The handler must change nothing for a reader that stays.
    run = shell(f"thidua render {big} -f md -o /dev/stdout 2>/dev/null | wc -c;"
                f" thidua render {big} -f md -o a.md >/dev/null 2>&1; wc -c < a.md",
                cwd=big.parent)
    piped, written = run.stdout.split()
    assert piped == written and int(piped) > 500_000


# -- 2. One message for an empty output name -----------------------------------

_EMPTY = "the output's name is empty (a variable that was not set?)"


@pytest.mark.parametrize("args", [
    ["render", str(EXAMPLE), "-o", ""],
    ["report", str(EXAMPLE), "-o", ""],
    ["lint", str(EXAMPLE), "-f", "json", "-o", ""],
    ["schema", "-o", ""],
    ["scores", "sheets", str(SCORING), "-o", ""],
    ["scores", "table", str(SCORING), "-o", ""],
], ids=lambda a: " ".join(a[:1] + a[1:2] if a[0] != "scores" else a[:2]))
def test_an_empty_output_name_is_one_message(tmp_path: Path, args: list[str]) -> None:
    run = subprocess.run([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                         env=_env(), capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert _EMPTY in run.stderr, run.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_library_says_the_same_of_an_empty_output(tmp_path: Path) -> None:
    code = ("import thidua_cli\n"
            "try:\n"
            f"    thidua_cli.render({str(EXAMPLE)!r}, output='')\n"
            "except thidua_cli.ThiduaError as e:\n"
            "    print(e.message('en'))\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=_env(),
                         capture_output=True, text=True, timeout=60)
    assert _EMPTY in run.stdout, (run.stdout, run.stderr)


# -- 3. diff stops at once on a signal while it waits for git ------------------

def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=lambda s: signal.Signals(s).name)
def test_diff_stops_at_once_while_git_works(tmp_path: Path, signum: int) -> None:
    # A git that takes its time (a big repository, a slow disk): before, the
    # run waited for it to finish (29 s here, 1.6 s for a real blob) after
    # SIGTERM. Now git is killed and reaped, the exit is 128 + n at once.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\nexec sleep 60\n")
    (fake / "git").chmod(0o755)
    (tmp_path / "p.yaml").write_bytes(EXAMPLE.read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "diff", "HEAD:p.yaml", "p.yaml"],
                            cwd=tmp_path, env=_env(PATH=f"{fake}:{os.environ['PATH']}"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not _children(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        git = _children(proc.pid)
        assert git, "git was never started"
        time.sleep(0.2)
        start = time.monotonic()
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
        took = time.monotonic() - start
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        for pid in _children(proc.pid):
            os.kill(pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum, err
    assert b"interrupted" in err and b"Traceback" not in err
    assert took < 10, took  # a hang bound: it waited for git's 60 s
    assert not any(_alive(pid) for pid in git)


# -- 4. lint --jobs 2 of 1,000 plans: signals and a reader gone away ----------

@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--files", "1000",
                    "--tasks", "10", str(folder)], check=True, capture_output=True)
    return folder / "many"


@pytest.mark.parametrize("group", [False, True], ids=["to thidua", "to its group"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=lambda s: signal.Signals(s).name)
def test_lint_jobs_stops_on_a_signal_workers_and_all(many: Path, signum: int,
                                                       group: bool) -> None:
    # (SIGTERM to the group stops the workers first: the parent's write to
    # their queue got SIGPIPE, taken for a reader gone away, 141 for 143.)
    # Each combination three times: the pool's manager thread printed
    # `InvalidStateError: CANCELLED` with a traceback about one run in thirty.
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "lint", str(many),
                                 "--jobs", "2"], env=_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            deadline = time.monotonic() + 30
            while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            workers = _children(proc.pid)
            time.sleep(0.3)
            (os.killpg if group else os.kill)(proc.pid, signum)
            _, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        text = err.decode()
        assert proc.returncode == 128 + signum, text
        assert "Traceback" not in text and "Error" not in text, text
        assert "interrupted" in text
        time.sleep(0.2)
        assert workers and not any(_alive(pid) for pid in workers)


def test_lint_jobs_to_a_reader_gone_away(many: Path) -> None:
    run = shell(f"thidua lint {many} --jobs 2 -f json 2>err.txt | head -c 10 >/dev/null;"
                " echo \"status=${PIPESTATUS[0]}\"; cat err.txt >&2", cwd=many.parent)
    assert f"status={READER_GONE}" in run.stdout
    assert run.stderr == ""


def test_lint_jobs_with_few_descriptors_lints_in_one_process(many: Path) -> None:
    # `ulimit -n 8`: the pool could not make its pipes, an internal error
    # (`OSError: [Errno 24] Too many open files`). The files are linted in the
    # process itself, the same findings.
    run = shell(f"thidua lint {many} --jobs 2 -f json > all.json; echo \"status=$?\";"
                f" (ulimit -n 8; thidua lint {many} --jobs 2 -f json > few.json);"
                " echo \"status=$?\"; cmp all.json few.json && echo same", cwd=many.parent)
    assert run.stdout.split() == ["status=0", "status=0", "same"], (run.stdout, run.stderr)
    _clean(run.stderr)


# -- 5. Limits: ulimit -f (SIGXFSZ) and ulimit -n for every writer ------------

_WRITERS = [
    ("render md", ["render", "{example}", "-f", "md", "-o", "out.md"], "out.md"),
    ("render docx", ["render", "{example}", "-o", "out.docx"], "out.docx"),
    ("report docx", ["report", "{example}", "-o", "r.docx"], "r.docx"),
    ("report md", ["report", "{example}", "-f", "md", "-o", "r.md"], "r.md"),
    ("schema", ["schema", "-o", "s.json"], "s.json"),
    ("scores table", ["scores", "table", "{scoring}", "-o", "t.xlsx"], "t.xlsx"),
    ("scores sheets", ["scores", "sheets", "{scoring}", "-o", "sheets/"], "sheets"),
    ("render per-member", ["render", "{votes}", "--doc", "don-doc", "-f", "docx",
                           "--per-member", "--as-of", "2022-12-01", "-o", "letters/"],
     "letters"),
]


def _writer_args(args: list[str]) -> str:
    return " ".join(a.format(example=EXAMPLE, scoring=SCORING, votes=VOTES) for a in args)


@pytest.mark.parametrize(("args", "out"), [(a, o) for _, a, o in _WRITERS],
                         ids=[n for n, _, _ in _WRITERS])
def test_a_file_size_limit_is_a_message(tmp_path: Path, args: list[str], out: str) -> None:
    # `ulimit -f 1`: Python ignores SIGXFSZ, the write fails with EFBIG. The
    # sheets failed in openpyxl's temporary file in TMPDIR, an internal error
    # (`SerialisationError: IO_EFBIG`).
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    run = shell(f"(ulimit -f 1; thidua {_writer_args(args)}); echo \"status=$?\"",
                cwd=tmp_path, TMPDIR=str(scratch))
    assert "status=2" in run.stdout, (run.stdout, run.stderr)
    _clean(run.stderr)
    assert "File too large" in run.stderr, run.stderr
    assert not (tmp_path / out).exists() or list((tmp_path / out).iterdir()) == []
    assert {p.name for p in tmp_path.iterdir()} <= {"scratch", out}
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize(("args", "out"), [(a, o) for _, a, o in _WRITERS],
                         ids=[n for n, _, _ in _WRITERS])
def test_few_descriptors_still_write(tmp_path: Path, args: list[str], out: str) -> None:
    run = shell(f"(ulimit -n 8; thidua {_writer_args(args)} >/dev/null); echo \"status=$?\"",
                cwd=tmp_path)
    assert "status=0" in run.stdout, (run.stdout, run.stderr)
    _clean(run.stderr)
    assert (tmp_path / out).exists()
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_a_file_size_limit_leaves_python_caches_whole(tmp_path: Path) -> None:
    # Python's bytecode writer took the short count of a write cut at the
    # limit for the whole: each module's `.pyc` was left truncated, and every
    # later run, limited or not, was `internal error: EOFError: marshal data
    # too short`. Under a file size limit no cache is written. (A copy of the
    # package with no caches yet, so that the run would write them.)
    import shutil

    shutil.copytree(ROOT / "src" / "thidua_cli", tmp_path / "pkg" / "src" / "thidua_cli",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", tmp_path / "pkg" / "templates")
    script = (f"(ulimit -f 1; thidua report {EXAMPLE} -o r.docx); echo \"status=$?\";"
              f" thidua report {EXAMPLE} -o r.docx >/dev/null; echo \"status=$?\"")
    env = {k: v for k, v in _env(PYTHONPATH=str(tmp_path / "pkg" / "src")).items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    run = subprocess.run(["bash", "-c", f'thidua() {{ "{sys.executable}" -m thidua_cli "$@"; }}\n'
                          + script], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env=env)
    assert run.stdout.split() == ["status=2", "status=0"], (run.stdout, run.stderr)
    _clean(run.stderr)
    assert "File too large" in run.stderr
    written = list((tmp_path / "pkg").rglob("*.pyc"))
    assert written, "the second run wrote the caches"


# -- 6. lint --fix and another program saving the plan meanwhile -------------

# The first fsync of the process (the temporary file, written whole) touches
# HOLD_FSYNC and waits until GO exists: the test changes the plan meanwhile.
_HOLD = """\
import os, time
_fsync = os.fsync
_count = [0]
def fsync(fd):
    _count[0] += 1
    if os.environ.get('HOLD_FSYNC') and _count[0] == 1:
        open(os.environ['HOLD_FSYNC'], 'w').close()
        deadline = time.monotonic() + 60
        while not os.path.exists(os.environ['GO']) and time.monotonic() < deadline:
            time.sleep(0.02)
    _fsync(fd)
os.fsync = fsync
"""


def _held(tmp_path: Path, args: list[str], change: Path, text: bytes
          ) -> subprocess.CompletedProcess[bytes]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_HOLD)
    hold, go = tmp_path / "held", tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                            env=_env(PYTHONPATH=str(site), HOLD_FSYNC=str(hold), GO=str(go)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not hold.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert hold.exists(), proc.communicate()
    change.write_bytes(text)  # another program saves the plan, in place
    go.touch()
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def test_fix_does_not_throw_away_a_save_made_while_it_writes(tmp_path: Path) -> None:
    # The plan was compared with the text the fixes came from before the
    # temporary file was written; a save during the writing and fsync was
    # replaced silently. It is compared again just before the rename.
    plan = tmp_path / "p.yaml"
    plan.write_text(EXAMPLE.read_text("utf-8").replace("Kế hoạch", "Ke\u0302\u0301 hoạch"),
                    "utf-8")
    saved = plan.read_bytes() + b"# saved by an editor\n"
    run = _held(tmp_path, ["lint", "--fix", "p.yaml"], plan, saved)
    assert run.returncode == 2, run.stderr
    assert b"changed while it was being fixed" in run.stderr
    assert plan.read_bytes() == saved
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_fix_beside_a_file_named_like_its_temporary_file(tmp_path: Path) -> None:
    # Names like `.p.yaml.<hex>.tmp` already there (a hostile job planting
    # them, a crashed run): the writer takes another name, and theirs stay.
    plan = tmp_path / "p.yaml"
    plan.write_text(EXAMPLE.read_text("utf-8").replace("Kế hoạch", "Ke\u0302\u0301 hoạch"),
                    "utf-8")
    before = plan.read_text("utf-8")
    planted = [tmp_path / ".p.yaml.tmp", tmp_path / ".p.yaml.000000000000.tmp"]
    for p in planted:
        p.write_text("theirs")
    (tmp_path / ".p.yaml.link.tmp").symlink_to("/etc/passwd")
    run = subprocess.run([sys.executable, "-m", "thidua_cli", "lint", "--fix", "p.yaml"],
                         cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    _clean(run.stderr)
    assert plan.read_text("utf-8").count("Ke\u0302\u0301") < before.count("Ke\u0302\u0301")
    assert all(p.read_text() == "theirs" for p in planted)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".p.yaml.link.tmp", ".p.yaml.000000000000.tmp", ".p.yaml.tmp", "p.yaml"])


# -- 7. Standard output and error closed or on /dev/full ----------------------

_SMALL = ["--help", "rules", "schema", f"lint {EXAMPLE}", f"render {EXAMPLE} -f md -o -",
          "lsp --bogus", f"lint {ROOT}/nope.yaml"]


@pytest.mark.parametrize("command", _SMALL)
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full", ">/dev/full 2>/dev/full",
                                      ">&- 2>&-", ">&- 2>/dev/full"])
def test_standard_streams_closed_or_full_are_exit_2(tmp_path: Path, command: str,
                                                    redirect: str) -> None:
    # Both on /dev/full: the message about stdout could not be written either,
    # and Python's traceback (written nowhere) made the exit 1, "findings".
    run = subprocess.run(["bash", "-c", f'thidua() {{ "{sys.executable}" -m thidua_cli "$@"; }}\n'
                          f"exec 3>status.txt; thidua {command} {redirect}; echo $? >&3"],
                         cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=60)
    assert (tmp_path / "status.txt").read_text().strip() == "2", run.stderr
    _clean(run.stderr)
    assert [p.name for p in tmp_path.iterdir()] == ["status.txt"]


# -- 8. The output's folder moved away, a link put in its place, mid-write ----

def test_a_folder_swapped_for_a_link_mid_write(tmp_path: Path) -> None:
    # While the temporary file was written, `out` became `out.old` and `out`
    # a link to `elsewhere`: the rename by name looked in `elsewhere`, failed
    # (`No such file or directory`, exit 2) and left the temporary file in
    # `out.old`. The folder is held open: the file is written where the run
    # began writing it, whole, and nothing reaches `elsewhere`.
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_HOLD)
    hold, go = tmp_path / "held", tmp_path / "go"
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "render", str(EXAMPLE), "-f",
                             "md", "-o", "out/r.md"], cwd=tmp_path,
                            env=_env(PYTHONPATH=str(site), HOLD_FSYNC=str(hold), GO=str(go)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not hold.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert hold.exists(), proc.communicate()
    out.rename(tmp_path / "out.old")
    out.symlink_to("elsewhere")
    go.touch()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in (tmp_path / "out.old").iterdir()] == ["r.md"]
    assert (tmp_path / "out.old" / "r.md").read_text("utf-8").endswith("\n")


# -- 9. Stopped and continued mid-write (SIGSTOP, SIGCONT) --------------------

@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["PYTHONUNBUFFERED=1", "buffered"])
@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
def test_stopped_and_continued_mid_write_loses_nothing(big: Path, output: str,
                                                       unbuffered: str) -> None:
    # Unbuffered (as many container images set), a write to the pipe that
    # SIGSTOP/SIGCONT cut part way returned its count, and Python's text layer
    # dropped the rest: 65,536 bytes of 1.3 MB, exit 0.
    env = _env(PYTHONUNBUFFERED=unbuffered) if unbuffered else \
        {k: v for k, v in _env().items() if k != "PYTHONUNBUFFERED"}
    whole = subprocess.run([sys.executable, "-m", "thidua_cli", "render", str(big), "-f", "md",
                            "-o", "-"], env=env, capture_output=True, timeout=120).stdout
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", "render", str(big), "-f", "md",
                             "-o", output], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    first = proc.stdout.read(1)  # it is writing: the pipe is full
    for _ in range(20):
        proc.send_signal(signal.SIGSTOP)
        time.sleep(0.01)
        proc.send_signal(signal.SIGCONT)
        time.sleep(0.01)
    rest = b""
    while chunk := proc.stdout.read(4096):
        rest += chunk
        time.sleep(0.0005)  # a slow reader: the writer waits on the full pipe
    assert proc.wait(timeout=60) == 0
    assert len(whole) > 500_000
    assert first + rest == whole
