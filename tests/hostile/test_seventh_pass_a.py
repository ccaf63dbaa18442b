"""What a seventh red-team pass found: each case a real ``thidua`` process, each
fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua

EXAMPLE = str(ROOT / "plans" / "plan-2022.yaml")


def render_cached(cache: Path, out: Path, timeout: float = 60) -> None:
    run = thidua("render", "--today", "2020-01-01", EXAMPLE, "-o", str(out),
                 env={"THIDUA_CACHE_DIR": str(cache)}, timeout=timeout)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr


def plant_fifo(entry: Path) -> None:
    os.mkfifo(entry)


def plant_link(entry: Path) -> None:
    entry.symlink_to("/dev/zero")


@pytest.mark.parametrize("plant", [plant_fifo, plant_link], ids=["fifo", "link-to-dev-zero"])
def test_a_cache_entry_that_is_no_file_is_passed_over(tmp_path: Path, plant: object) -> None:
    """A FIFO where an entry belongs held ``render`` for ever; a link is not followed."""
    cache = tmp_path / "cache"
    render_cached(cache, tmp_path / "first.docx")
    for entry in (cache / "templates").iterdir():
        entry.unlink()
        plant(entry)  # type: ignore[operator]
    render_cached(cache, tmp_path / "second.docx", timeout=30)
    assert (tmp_path / "second.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()


# A signal while an entry is written: os.replace of a cache entry sends the
# process SIGTERM first, as `timeout` would at that moment.
_SIGNALLED = """
import os, signal, sys, time
real = os.replace
def replace(src, dst, *args, **kwargs):
    if os.path.basename(str(src)).startswith(".tmp-"):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(1)
    return real(src, dst, *args, **kwargs)
os.replace = replace
sys.argv = ["thidua", *sys.argv[1:]]
from thidua_cli.__main__ import main
main()
"""


def test_a_signal_while_a_cache_entry_is_written_leaves_no_temporary_file(
        tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "THIDUA_CACHE_DIR": str(cache), "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", _SIGNALLED, "render", "--today", "2020-01-01", EXAMPLE,
         "-o", str(tmp_path / "out.docx")],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert done.returncode == 143, done.stderr
    assert "interrupted (SIGTERM)" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in (cache / "templates").iterdir() if p.name.startswith(".tmp-")] == []


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_a_cache_entry_of_another_user_never_runs(tmp_path: Path) -> None:
    """The folder is checked once a run; whoever swaps a folder on its path meanwhile
    puts entries of theirs under the same names. Such an entry (valid digest, code
    that writes a file) ran as the user rendering."""
    import hashlib
    import marshal

    cache, marker = tmp_path / "cache", tmp_path / "ran"
    render_cached(cache, tmp_path / "first.docx")
    code = marshal.dumps(compile(f"open({str(marker)!r}, 'w').write('ran')", "x", "exec"))
    for entry in (cache / "templates").glob("code-*"):
        entry.write_bytes(hashlib.sha256(code).digest() + code)
        os.chown(entry, 65534, 65534)
    render_cached(cache, tmp_path / "second.docx")
    assert not marker.exists()
    assert (tmp_path / "second.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()
