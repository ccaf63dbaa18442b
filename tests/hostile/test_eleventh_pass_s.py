"""Eleventh pass: signals while thidua writes, sent to real processes.

Every writer, of one file or of several, gets SIGTERM, SIGHUP or SIGINT while
its temporary file exists (held there by a ``sitecustomize`` planted in the
process: the n-th ``fsync`` waits, and the test sends the signal from outside
once it does), with its output absent and already there; the heavy writers
get SIGTERM at a spread of moments too. Each run must end with 128 + the
signal and the interrupted message, no traceback, no temporary file (in the
output's folder or in TMPDIR), and each output either as it was or complete.

Where the signal's exception used to be lost or replaced, a planted hook
sends the signal at that very moment (``os.kill`` of the process itself runs
the handler at once): in ``ZipFile``'s writing of an entry, in a finalizer,
during the imports between installing the handlers and the block that
reports them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT
from .test_writing import signal_office

SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

# The n-th fsync (HOLD_AT, 1 by default) of the process waits after touching
# HOLD_FSYNC: the writer's temporary file exists and is complete, not renamed.
_HOLD = """\
import os, time
_fsync = os.fsync
_count = [0]
def fsync(fd):
    _count[0] += 1
    if os.environ.get('HOLD_FSYNC') and _count[0] == int(os.environ.get('HOLD_AT', '1')):
        open(os.environ['HOLD_FSYNC'], 'w').close()
        time.sleep(120)
    _fsync(fd)
os.fsync = fsync
"""

# Signals the process itself (SIGNAL_SELF) at a moment a test names (SIGNAL_AT).
_SELF = """\
import os, signal
_where = os.environ.get('SIGNAL_AT', '')
_signum = int(os.environ.get('SIGNAL_SELF', '15'))
_count = [0]
def _now(n):
    _count[0] += 1
    if _count[0] == n:
        os.kill(os.getpid(), _signum)
if _where.startswith('zip-close:'):
    # An entry being closed: ZipFile's handle still marked open for writing.
    import zipfile
    _close = zipfile._ZipWriteFile.close
    def close(self, _n=int(_where.split(':')[1])):
        if not self.closed:
            _now(_n)
        _close(self)
    zipfile._ZipWriteFile.close = close
elif _where.startswith('zip-del:'):
    # A ZipFile dropped: its __del__ is a finalizer, where Python ignores exceptions.
    import zipfile
    _del = zipfile.ZipFile.__del__
    def __del__(self, _n=int(_where.split(':')[1])):
        _now(_n)
        _del(self)
    zipfile.ZipFile.__del__ = __del__
elif _where.startswith('unlink:'):
    # A file being removed: the n-th, in the removal of a temporary folder.
    _unlink = os.unlink
    def unlink(*args, _n=int(_where.split(':')[1]), **kwargs):
        _now(_n)
        return _unlink(*args, **kwargs)
    os.unlink = unlink
elif _where.startswith('import:'):
    # A module being imported (after the handlers were installed).
    import sys
    _name = _where.split(':', 1)[1]
    class _Finder:
        def find_spec(self, name, path=None, target=None):
            if name == _name:
                _now(1)
            return None
    sys.meta_path.insert(0, _Finder())
"""


@dataclass(frozen=True)
class Inputs:
    folder: Path
    members: Path  # the scoring plan with 400 members
    docx: Path  # plan-2022 rendered to DOCX
    sheet: Path  # btc's sheet of the scoring plan, filled


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Inputs:
    import yaml

    from ..sheets import fill

    folder = tmp_path_factory.mktemp("inputs")
    scoring = yaml.safe_load(SCORING.read_text("utf-8"))
    scoring["bloc"]["members"] = [{"id": f"m{i:03d}", "name": f"Đơn vị số {i}"}
                                  for i in range(400)]
    scoring["bloc"]["head"], scoring["bloc"]["deputies"] = "m000", ["m001"]
    del scoring["scores"], scoring["awards"]
    members = folder / "members.yaml"
    members.write_text(yaml.safe_dump(scoring, allow_unicode=True, sort_keys=False), "utf-8")
    docx = folder / "plan.docx"
    sheets = folder / "sheets"
    for args in (["render", str(EXAMPLE), "-f", "docx", "-o", str(docx)],
                 ["scores", "sheets", str(SCORING), "-o", str(sheets)]):
        done = subprocess.run([sys.executable, "-m", "thidua_cli", *args], capture_output=True,
                              env=_env({}), check=False)
        assert done.returncode == 0, done.stderr
    sheet = folder / "btc.xlsx"
    shutil.move(sheets / "btc.xlsx", sheet)
    fill(sheet, {"nhiem-vu": 59, "phong-trao": 29, "khoi": 9})
    return Inputs(folder, members, docx, sheet)


@dataclass(frozen=True)
class Writer:
    """A command and what it writes: ``{out}`` one file, or the files of a folder."""

    args: tuple[str, ...]
    out: str  # the output's name in the run's folder
    folder: bool = False  # the output is a folder of files
    rewrites: str = ""  # the input it rewrites (copied into the run's folder first)
    # The folder's files are one set, renamed together once all are written
    # (``atomic.written_together``): an interrupted run leaves the old set as it was.
    together: bool = False
    # How many files the whole set has, when the case knows (0: not checked).
    count: int = 0

    def command(self, inputs: Inputs, where: Path) -> list[str]:
        named = {"members": inputs.members, "docx": inputs.docx,
                 "example": EXAMPLE, "votes": VOTES,
                 "sheet": inputs.sheet, "scoring": where / "scoring.yaml",
                 "fixme": where / "fixme.yaml", "out": where / self.out}
        return [a.format(**{k: str(v) for k, v in named.items()}) for a in self.args]


VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"
AS_OF = ("--as-of", "2022-12-01")
# Held at the temporary file, a writer needs no big input to be caught mid-write.
WRITERS = {
    "render-md": Writer(("render", "{example}", "-f", "md", "-o", "{out}"), "out.md"),
    "render-docx": Writer(("render", "{example}", "-f", "docx", "-o", "{out}"), "out.docx"),
    "lint-o": Writer(("lint", "-f", "json", "-o", "{out}", "{example}"), "out.json"),
    "lint-fix": Writer(("lint", "--fix", "{fixme}"), "fixme.yaml", rewrites="fixme"),
    "schema": Writer(("schema", "-o", "{out}"), "out.json"),
    "new": Writer(("new", "{out}", "--year", "2023", "--force"), "out.yaml"),
    "new-from": Writer(("new", "{out}", "--year", "2023", "--from", "{example}", "--force",
                        "--today", "2022-01-01"), "out.yaml"),
    "import": Writer(("import", "{docx}", "-o", "{out}", "--force"), "out.yaml"),
    "scores-import": Writer(("scores", "import", "{scoring}", "{sheet}"), "scoring.yaml",
                            rewrites="scoring"),
    "scores-table": Writer(("scores", "table", "{scoring}", "-o", "{out}"), "out.xlsx"),
    "report": Writer(("report", "-f", "json", "{example}", "-o", "{out}"), "out.json"),
    "report-dir": Writer(("report", "-f", "md", "{example}", "{scoring}", "-o", "{out}/"),
                         "rep", folder=True),
    "per-member": Writer(("render", "{votes}", "--doc", "don-doc", "--per-member", "-f", "md",
                          *AS_OF, "-o", "{out}/"), "pm", folder=True, together=True),
    "scores-sheets": Writer(("scores", "sheets", "{scoring}", "-o", "{out}"), "sheets",
                            folder=True, together=True),
}
# The heavy ones, for signals at moments chosen by the clock.
HEAVY = {
    "scores-sheets-400": Writer(("scores", "sheets", "{members}", "-o", "{out}"), "sheets",
                                folder=True, together=True, count=400),
    "render-pdf": Writer(("render", "{example}", "-o", "{out}"), "out.pdf"),
}


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", **extra})
    return env


def _start(args: list[str], cwd: Path, extra: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "thidua_cli", *args], cwd=cwd,
                            env=_env(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True)


@dataclass
class Run:
    where: Path  # the run's folder: its outputs and its inputs' copies
    tmp: Path  # its TMPDIR
    before: dict[str, bytes]  # what the output held before (empty: absent)
    returncode: int = 0
    stderr: str = ""


@pytest.fixture
def prepared(tmp_path: Path, inputs: Inputs) -> Iterator[tuple[Path, Inputs]]:
    shutil.copy(SCORING, tmp_path / "scoring.yaml")
    # Something for --fix: the example's Vietnamese decomposed (NFD).
    (tmp_path / "fixme.yaml").write_text(
        unicodedata.normalize("NFD", EXAMPLE.read_text("utf-8")), "utf-8")
    (tmp_path / "tmp").mkdir()
    (tmp_path / "hooks").mkdir()
    yield tmp_path, inputs


def _outputs(writer: Writer, where: Path) -> dict[str, bytes]:
    out = where / writer.out
    if writer.folder:
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())} if out.is_dir() else {}
    return {out.name: out.read_bytes()} if out.exists() else {}


def _make_existing(writer: Writer, where: Path, inputs: Inputs) -> None:
    """An output there before the run, of the kind the run writes, but other bytes."""
    out = where / writer.out
    if writer.rewrites:
        return  # the rewritten input is there already
    if writer.folder:
        # The files the run writes, from a first run: replaced, they must stay whole.
        done = subprocess.run([sys.executable, "-m", "thidua_cli",
                               *writer.command(inputs, where)], cwd=where, env=_env({}),
                              capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        for path in out.iterdir():
            path.write_bytes(path.read_bytes() + b"\n")  # a changed old file: not the new one
        return
    out.write_bytes(b"the old output\n")


def _held(writer: Writer, where: Path, inputs: Inputs, signals: tuple[int, ...],
          hold_at: int = 1) -> Run:
    hooks = where / "hooks"
    (hooks / "sitecustomize.py").write_text(_HOLD, "utf-8")
    reached = hooks / "reached"
    run = Run(where, where / "tmp", _outputs(writer, where))
    proc = _start(writer.command(inputs, where), where,
                  {"PYTHONPATH": str(hooks), "HOLD_FSYNC": str(reached),
                   "HOLD_AT": str(hold_at), "TMPDIR": str(run.tmp)})
    try:
        end = time.monotonic() + 60
        while not reached.exists():
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < end, "the writer never reached its temporary file"
            time.sleep(0.005)
        assert list(where.rglob(".*.tmp")), "not mid-write"
        for signum in signals:
            proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    reached.unlink()
    run.returncode, run.stderr = proc.returncode, err.decode("utf-8", "replace")
    return run


def _complete(name: str, data: bytes) -> bool:
    """Whether ``data`` is a whole file of its kind (a new output, complete)."""
    if name.endswith((".xlsx", ".docx")):
        import io

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return z.testzip() is None
        except zipfile.BadZipFile:
            return False
    if name.endswith(".json"):
        import json

        try:
            json.loads(data)
        except ValueError:
            return False
        return True
    return data.endswith(b"\n") and len(data) > 20


def _check(run: Run, writer: Writer, signum: int) -> None:
    name = signal.Signals(signum).name
    assert run.returncode == 128 + signum, run.stderr
    assert f"interrupted ({name})" in run.stderr, run.stderr
    assert run.stderr.count("interrupted") == 1, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert [p.name for p in run.where.rglob("*.tmp")] == []
    assert list(run.tmp.iterdir()) == []  # nothing of LibreOffice's or openpyxl's left
    after = _outputs(writer, run.where)
    if writer.together and writer.count and after != run.before:
        # The signal came while the set took its names, which it does with the
        # signals held (atomic.written_together): the run named every file, then
        # stopped. The whole new set, then, never a part of it nor a mix.
        assert len(after) == writer.count, sorted(after)
        assert all(_complete(f, d) and d != run.before.get(f) for f, d in after.items())
        return
    if not writer.folder or writer.together:
        # The output as it was (absent, or the old bytes): the signal came before the rename.
        assert after == run.before
        return
    for file, data in after.items():
        assert data == run.before.get(file) or _complete(file, data), file
    assert set(run.before) <= set(after)


# Each writer with each signal in turn, its output absent and there before.
HELD = [pytest.param(key, SIGNALS[(i + exists) % 3], exists,
                     id=f"{key}-{signal.Signals(SIGNALS[(i + exists) % 3]).name}"
                        f"-{'existing' if exists else 'absent'}")
        for i, key in enumerate(WRITERS) for exists in (False, True)]


@pytest.mark.parametrize(("key", "signum", "exists"), HELD)
def test_a_signal_while_the_temporary_file_exists(key: str, signum: int, exists: bool,
                                                  prepared: tuple[Path, Inputs]) -> None:
    where, inputs = prepared
    writer = WRITERS[key]
    if exists:
        _make_existing(writer, where, inputs)
    # A writer of several files: held at its second, the first written already.
    run = _held(writer, where, inputs, (signum,), hold_at=2 if writer.folder else 1)
    _check(run, writer, signum)
    if writer.folder and not exists and not writer.together:
        assert len(_outputs(writer, where)) == 1  # the first whole, the second not there


def test_a_second_signal_during_cleanup_changes_nothing(prepared: tuple[Path, Inputs]) -> None:
    where, inputs = prepared
    writer = WRITERS["render-docx"]
    _make_existing(writer, where, inputs)
    run = _held(writer, where, inputs, (signal.SIGTERM, signal.SIGTERM, signal.SIGHUP))
    # Pending together, they are handled in the order of their numbers: SIGHUP may be first.
    # It was "OSError: Signal 15 ignored due to race condition", a traceback.
    first = signal.SIGHUP if run.returncode == 128 + signal.SIGHUP else signal.SIGTERM
    _check(run, writer, first)


# SIGTERM at a spread of moments of the heavy writers (from start-up to the end).
SPREAD = [pytest.param(key, delay, id=f"{key}-{delay}s")
          for key, delays in (("scores-sheets-400", (0.1, 0.6, 1.2, 1.8)),)
          for delay in delays]


@pytest.mark.parametrize(("key", "delay"), SPREAD)
def test_sigterm_at_a_spread_of_moments(key: str, delay: float,
                                        prepared: tuple[Path, Inputs]) -> None:
    where, inputs = prepared
    writer = HEAVY[key]
    run = Run(where, where / "tmp", {})
    proc = _start(writer.command(inputs, where), where, {"TMPDIR": str(run.tmp)})
    time.sleep(delay)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    run.returncode, run.stderr = proc.returncode, err.decode("utf-8", "replace")
    if run.returncode == 0:  # done before the signal: whole outputs
        assert all(_complete(n, d) for n, d in _outputs(writer, where).items())
        return
    if run.returncode == -signal.SIGTERM:
        # Before thidua's first line ran (the interpreter starting): nothing written.
        assert _outputs(writer, where) == {}
        return
    _check(run, writer, signal.SIGTERM)


# The moments where the signal's exception was lost or replaced, signalled there.
AT = [
    # ZipFile.__exit__ closing the archive with the entry's handle open:
    # "internal error: ValueError: Can't close the ZIP file while there is an
    # open writing handle on it", exit 2.
    pytest.param("scores-sheets-400", "zip-close:700", signal.SIGTERM, id="zip-entry-sheets"),
    pytest.param("render-docx", "zip-close:5", signal.SIGINT, id="zip-entry-docx"),
    # In ZipFile.__del__: "Exception ignored in", the run went on, exit 0.
    pytest.param("scores-sheets-400", "zip-del:150", signal.SIGTERM, id="finalizer-sheets"),
    # In the removal of the PDF's temporary folder: its LibreOffice profile stayed in TMPDIR.
    pytest.param("render-pdf", "unlink:20", signal.SIGTERM, id="pdf-folder-removal",
                 marks=pytest.mark.skipif(shutil.which("soffice") is None,
                                          reason="needs LibreOffice")),
    # Before the handlers: the size limit's check (`import resource`) and
    # `--version` came first, and SIGINT there was a KeyboardInterrupt traceback.
    pytest.param("render-md", "import:resource", signal.SIGINT, id="import-resource"),
    # Between the handlers and the block reporting them: a traceback, exit 1.
    pytest.param("render-md", "import:thidua_cli.atomic", signal.SIGINT, id="import-atomic"),
    # A module half-imported: the message's own modules may be the half-imported ones.
    pytest.param("render-md", "import:thidua_cli.i18n", signal.SIGHUP, id="import-i18n"),
]


@pytest.mark.parametrize(("key", "at", "signum"), AT)
def test_a_signal_where_it_was_lost_or_replaced(key: str, at: str, signum: int,
                                                prepared: tuple[Path, Inputs]) -> None:
    where, inputs = prepared
    writer = {**WRITERS, **HEAVY}[key]
    (where / "hooks" / "sitecustomize.py").write_text(_SELF, "utf-8")
    run = Run(where, where / "tmp", {})
    done = subprocess.run([sys.executable, "-m", "thidua_cli", *writer.command(inputs, where)],
                          cwd=where, capture_output=True, timeout=120, check=False,
                          env=_env({"PYTHONPATH": str(where / "hooks"), "SIGNAL_AT": at,
                                    "SIGNAL_SELF": str(int(signum)),
                                    "TMPDIR": str(run.tmp)}))
    run.returncode, run.stderr = done.returncode, done.stderr.decode("utf-8", "replace")
    _check(run, writer, signum)
    assert "Exception ignored" not in run.stderr
    if at.startswith("zip-del"):
        # Raised again as soon as the finalizer was over: not all 400 written.
        assert len(_outputs(writer, where)) < 400


def _pipes() -> set[str]:
    return {p.name for p in Path("/tmp").glob(f"OSL_PIPE_{os.getuid()}_*")}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_sigint_during_pdf_conversion_leaves_no_office_pipe_or_profile(
        prepared: tuple[Path, Inputs], long_plan: Path) -> None:
    where, _ = prepared
    tmp = where / "tmp"
    (where / "old.pdf").write_bytes(b"%PDF-1.4 the old output\n")
    pipes = _pipes()
    # A second after LibreOffice starts: it has forked soffice.bin, made its profile
    # and pipe. No LibreOffice is left, nothing comes back to recreate its folder.
    err = signal_office(["render", "--today", "2020-01-01", str(long_plan), "-o", "old.pdf"],
                        where, tmp, signal.SIGINT, settle=1.0)
    assert "interrupted (SIGINT)" in err
    assert _pipes() <= pipes
    assert (where / "old.pdf").read_bytes() == b"%PDF-1.4 the old output\n"
    assert sorted(p.name for p in where.iterdir()) == ["fixme.yaml", "hooks", "old.pdf",
                                                       "scoring.yaml", "tmp"]
