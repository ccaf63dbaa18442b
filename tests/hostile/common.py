"""Running thidua as a user does, on inputs meant to hurt it.

``thidua(...)`` runs ``python -m thidua_cli`` in a fresh process and reports
its exit code, output, wall time and peak memory. ``Case`` is one row of the corpus table
and ``check`` holds a run to the promises every row shares: the expected exit
code, findings and message, never a traceback, and a time and memory bound.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..conftest import ROOT

INPUTS = Path(__file__).resolve().parent / "inputs"

# Generous for CI machines: the work itself takes milliseconds; most of a
# run is interpreter start-up, which a busy shared runner can stretch.
DEFAULT_SECONDS = 30.0

_FINDING = re.compile(r"^.*?:(?P<line>\d+):(?P<col>\d+): (?:error|warning) (?P<code>TD\d{3}) ")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float

    def findings(self, columns: bool = False) -> list[str]:
        """``TD001@3`` (or ``TD001@3:9``) for every finding line of the output."""
        found = []
        for line in self.stdout.splitlines():
            m = _FINDING.match(line)
            if m:
                where = f"{m['line']}:{m['col']}" if columns else m["line"]
                found.append(f"{m['code']}@{where}")
        return found


# Peak memory must be measured in a process of our own: Linux keeps the
# high-water mark across exec, so a child spawned straight from pytest would
# report pytest's memory. This small parent runs thidua and writes its child's
# exit code and ru_maxrss to a file.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.run(sys.argv[2:]).returncode\n"
    "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    f.write(f'{rc} {rss}')\n"
)


def thidua(*args: str, stdin: bytes = b"", cwd: Path = ROOT,
           env: dict[str, str] | None = None, timeout: float = 300) -> Run:
    """Run ``python -m thidua_cli ARGS`` to completion (killed after ``timeout``)."""
    full_env = {k: v for k, v in os.environ.items()
                if k not in ("THIDUA_LANG", "FORCE_COLOR", "THIDUA_DEBUG")}
    full_env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", **(env or {})})
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rusage"
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", _MEASURE, str(report), sys.executable, "-m", "thidua_cli",
             *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=full_env, cwd=cwd, start_new_session=True)
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
        seconds = time.monotonic() - start
        returncode, rss = (int(n) for n in report.read_text().split())
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    rss_mb = rss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               seconds, rss_mb)


def no_traceback(run: Run) -> None:
    """Neither a traceback nor an internal error, on either stream."""
    output = run.stdout + run.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]


def unusable(run: Run, message: str) -> None:
    """Exit 2, one message on stderr naming ``message``, nothing on stdout."""
    no_traceback(run)
    assert run.returncode == 2, run.stdout[-1000:] + run.stderr[-1000:]
    assert run.stderr.startswith("thidua: "), run.stderr
    assert message in run.stderr, run.stderr
    assert run.stdout == ""


def office_processes(marker: str) -> list[int]:
    """The processes (LibreOffice's) whose command line holds ``marker``, thidua's own left out."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if marker in cmdline and "thidua_cli" not in cmdline:
            found.append(int(entry.name))
    return found


Input = str | Callable[[Path], Path]


@dataclass(frozen=True)
class Case:
    """One hostile input and what thidua must do with it.

    ``input`` is a file name in ``inputs/`` or a function that writes the
    input into a temporary folder and returns its path (large inputs are made
    at run time, never committed). ``findings`` is the exact list of
    ``CODE@line`` (or ``CODE@line:col``) in the output; ``message`` a text
    the output or the error must contain.
    """

    name: str
    input: Input
    exit: int
    findings: tuple[str, ...] = ()
    message: str = ""
    args: tuple[str, ...] = ()
    seconds: float = DEFAULT_SECONDS
    max_rss_mb: float | None = None

    def path(self, tmp: Path) -> Path:
        return INPUTS / self.input if isinstance(self.input, str) else self.input(tmp)


def check(run: Run, case: Case) -> None:
    """The promises every hostile input is held to."""
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output[-2000:]
    assert "internal error" not in run.stderr, run.stderr
    assert run.returncode == case.exit, output[-2000:]
    columns = any(":" in f.split("@")[1] for f in case.findings)
    assert sorted(run.findings(columns)) == sorted(case.findings), run.stdout[-2000:]
    assert case.message in output, output[-2000:]
    if case.exit == 2:  # unusable input: one message on stderr, nothing half-done on stdout
        assert run.stderr.startswith("thidua: "), run.stderr
        assert run.stdout == ""
    assert run.seconds < case.seconds, f"{run.seconds:.1f} s"
    if case.max_rss_mb is not None:
        assert run.max_rss_mb < case.max_rss_mb, f"{run.max_rss_mb:.0f} MB"


MEMBERS = [("btc", "Bộ Tài chính"), ("bnv", "Bộ Nội vụ"), ("vpcp", "Văn phòng Chính phủ"),
           ("vpqh", "Văn phòng Quốc hội"), ("nhnn", "Ngân hàng Nhà nước Việt Nam"),
           ("ubdt", "Ủy ban Dân tộc"), ("lmhtxvn", "Liên minh Hợp tác xã Việt Nam")]


def big_plan(tasks: int, year: int = 2022) -> str:
    """A valid plan with ``tasks`` tasks, each with references and a due date."""
    ids = [m for m, _ in MEMBERS]
    out = [
        "version: 1", f"year: {year}",
        f"title: Tổ chức phong trào thi đua, khen thưởng năm {year}",
        "theme: Thi đua hoàn thành xuất sắc nhiệm vụ", "bloc:",
        "  name: Khối thi đua các bộ, ngành tổng hợp", "  head: lmhtxvn", "  deputies: [btc]",
        "  members:",
        *(f"    - {{id: {m}, name: {name}}}" for m, name in MEMBERS),
        "basis:",
        "  - {id: ct-34, number: 34-CT/TW, date: 7/4/2014, issuer: Bộ Chính trị, "
        "title: về tiếp tục đổi mới công tác thi đua}",
        "objectives:",
        *(f"  - {{id: o{i}, text: Mục tiêu số {i} của phong trào thi đua}}" for i in range(5)),
        "tasks:",
    ]
    for i in range(tasks):
        out += [
            f"  - id: t{i}",
            f"    title: Nhiệm vụ số {i}, đẩy mạnh phong trào thi đua yêu nước",
            "    details:",
            "      - Tuyên truyền, phổ biến kế hoạch đến cán bộ, công chức",
            "      - Sơ kết, tổng kết, khen thưởng kịp thời",
            f"    objectives: [o{i % 5}]",
            "    basis: [ct-34]",
            f"    lead: {ids[i % len(ids)]}",
            f"    support: [{ids[(i + 1) % len(ids)]}, {ids[(i + 2) % len(ids)]}]",
            f"    due: {i % 28 + 1}/{i % 12 + 1}/{year}",
        ]
    return "\n".join(out) + "\n"


@contextmanager
def local_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that answers every request 404: its address
    (``http://127.0.0.1:PORT/``) and the requests it was asked (``"GET /x.png"``),
    so a case can show that a document made nothing fetch anything."""
    import http.server
    import threading

    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            asked.append(f"{self.command} {self.path}")
            self.send_response(404)
            self.end_headers()

        do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = _any

        def log_message(self, *_: object) -> None:
            return None

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", asked
    finally:
        server.shutdown()
        server.server_close()


def quiet_env(**extra: str) -> dict[str, str]:
    """The environment of a thidua started by a test: messages in English, in
    UTF-8, without colour or debugging; ``extra`` on top."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("THIDUA_LANG", "FORCE_COLOR", "THIDUA_DEBUG")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", **extra})
    return env


#: A ``sitecustomize`` that holds the run at its ``HOLD_AT``-th ``fsync`` (the
#: moment a written file waits to take its name): it makes the file
#: ``HOLD_FSYNC`` and waits, at most a minute, for the file ``GO``.
HOLD_AT_FSYNC = """
import os, time
_fsync = os.fsync
_count = [0]
def fsync(fd):
    _count[0] += 1
    if _count[0] == int(os.environ['HOLD_AT']):
        open(os.environ['HOLD_FSYNC'], 'w').close()
        deadline = time.monotonic() + 60
        while not os.path.exists(os.environ['GO']) and time.monotonic() < deadline:
            time.sleep(0.02)
    _fsync(fd)
os.fsync = fsync
"""


def held_at_fsync(cwd: Path, args: Sequence[str], meanwhile: Callable[[], object],
                  at: int = 1) -> Run:
    """thidua run in ``cwd``, held at its ``at``-th ``fsync`` while ``meanwhile()``
    runs (another program's doing between the write and the rename), then let go."""
    site = cwd / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(HOLD_AT_FSYNC)
    hold, go = cwd / "held", cwd / "go"
    hold.unlink(missing_ok=True)
    go.unlink(missing_ok=True)
    proc = subprocess.Popen([sys.executable, "-m", "thidua_cli", *args], cwd=cwd,
                            env=quiet_env(PYTHONPATH=str(site), HOLD_FSYNC=str(hold),
                                          GO=str(go), HOLD_AT=str(at)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not hold.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert hold.exists(), proc.communicate()
    meanwhile()
    go.touch()
    out, err = proc.communicate(timeout=60)
    hold.unlink(missing_ok=True)
    go.unlink(missing_ok=True)
    shutil.rmtree(site)
    return Run(proc.returncode, out, err, 0.0, 0.0)
