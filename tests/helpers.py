"""Running ``thidua`` as a user does, in this process or in a new one.

``run`` calls the command's entry point (``thidua_cli.__main__.main``, the
error boundary included) with its own argv, environment, folder and standard
streams, and returns what a process would: exit code, stdout, stderr. That is
some 0.3 s less per call than starting Python, and most CLI tests make
several. ``run_process`` starts a real ``python -m thidua_cli`` for what only
a process shows: start-up imports, stream encodings, tracebacks, broken pipes,
signals, concurrent writers. ``run`` starts one too when the environment
asked for sets interpreter variables (``PYTHON*``), which only a new
interpreter reads.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The variables a test run may have that would change what thidua prints.
CLEARED = ("THIDUA_LANG", "FORCE_COLOR", "GITHUB_ACTIONS")

Result = subprocess.CompletedProcess[str]


def environment(env: dict[str, str] | None) -> dict[str, str]:
    """The test's environment: English-neutral C.UTF-8, no colour, then ``env``."""
    full = {k: v for k, v in os.environ.items() if k not in CLEARED}
    full.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1", **(env or {})})
    return full


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
        cwd: Path = ROOT) -> Result:
    """``thidua ARGS`` in this process (see the module's docstring for when not)."""
    if any(k.startswith("PYTHON") for k in env or {}):
        return run_process(*args, stdin=stdin, env=env, cwd=cwd)
    return _in_process(list(args), stdin, environment(env), cwd)


def run_process(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
                cwd: Path = ROOT) -> Result:
    """``python -m thidua_cli ARGS``, a process of its own."""
    return subprocess.run([sys.executable, "-m", "thidua_cli", *args], input=stdin,
                          capture_output=True, text=True, env=environment(env), cwd=cwd,
                          timeout=60)


def _stream(data: bytes = b"") -> io.TextIOWrapper:
    # Bytes underneath, as a real stream has: thidua reads stdin's buffer.
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
    # What subprocess's text mode gives: universal newlines.
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _in_process(args: list[str], stdin: str | None, env: dict[str, str], cwd: Path) -> Result:
    from thidua_cli.__main__ import main
    from thidua_cli.cli import State

    out, err = _stream(), _stream()
    saved = (sys.argv, sys.stdin, sys.stdout, sys.stderr, dict(os.environ), os.getcwd())
    code = 0
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        sys.argv = ["thidua", *args]
        sys.stdin, sys.stdout, sys.stderr = _stream((stdin or "").encode("utf-8")), out, err
        State.lang = None
        with warnings.catch_warnings():
            try:
                main()
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved[:4]
        os.environ.clear()
        os.environ.update(saved[4])
        os.chdir(saved[5])
    return subprocess.CompletedProcess(["thidua", *args], code, _text(out), _text(err))
