"""Hostile inputs whose promise is more than a finding: nothing executed,
nothing forged in the output, limits exact at their edge, no crash on a
terminal that cannot show Vietnamese, no Python warning on stderr."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .common import INPUTS, thidua

MINIMAL = Path(__file__).resolve().parent.parent / "plans" / "valid" / "minimal.yaml"
_LINE = re.compile(r"^\S.*:\d+:\d+: (error|warning) TD\d{3} \[[a-z-]+\] |^1 file\(s\) checked")


def test_python_tags_run_nothing(tmp_path: Path) -> None:
    shutil.copy(INPUTS / "tags.yaml", tmp_path)
    r = thidua("lint", "tags.yaml", cwd=tmp_path)
    assert r.returncode == 1
    assert "!!python/object/apply:os.system" in r.stdout
    # The tag asks os.system to create this file; no object was ever built.
    assert not (tmp_path / "PWNED").exists()


def test_control_characters_cannot_forge_output_lines() -> None:
    r = thidua("lint", str(INPUTS / "control-chars.yaml"))
    assert r.returncode == 1
    for char in ("\x1b", "\x07", "\u202e"):
        assert char not in r.stdout
    # Every line is a finding (two TD002, three TD406: the controls, two bidi
    # overrides) or the summary: the \n in the value made no line of its own.
    lines = r.stdout.splitlines()
    assert len(lines) == 6 and all(_LINE.match(line) for line in lines), lines


def test_stdin_is_limited_too() -> None:
    plan = MINIMAL.read_bytes()
    assert thidua("lint", "-", stdin=plan).returncode == 0
    r = thidua("lint", "--max-bytes", "100", "-", stdin=plan)
    assert r.returncode == 2
    assert r.stderr == "thidua: error: - is more than the limit of 100 bytes " \
                       "(thidua lint and thidua diff raise it with --max-bytes)\n"


@pytest.mark.parametrize("command", ["lint", "report"])
def test_stdin_named_twice_is_a_usage_error(command: str) -> None:
    """The second ``-`` read nothing: TD001 "the file is empty", exit 1."""
    r = thidua(command, "-", "-", "--lang", "en", stdin=MINIMAL.read_bytes())
    assert (r.returncode, r.stdout, r.stderr) == (
        2, "", "thidua: error: standard input (-) can be read only once: name it once\n")


@pytest.mark.parametrize(("limit", "exit_code"), [(0, 0), (-1, 2)])
def test_max_bytes_is_exact_at_the_edge(limit: int, exit_code: int) -> None:
    size = MINIMAL.stat().st_size
    r = thidua("lint", "--max-bytes", str(size + limit), str(MINIMAL))
    assert r.returncode == exit_code, r.stderr
    if exit_code:
        assert f"is {size} bytes, more than the limit of {size - 1} bytes" in r.stderr


def test_a_huge_max_bytes_is_no_crash() -> None:
    # A usage error since the fourteenth pass (`--max-bytes 10**30 /dev/zero` read until
    # memory ran out); never a crash.
    huge = str(10**30)
    for args in (("lint", "--max-bytes", huge, str(MINIMAL)),
                 ("lint", "--max-bytes", huge, "-")):
        r = thidua(*args, stdin=MINIMAL.read_bytes())
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert "is more than thidua reads of one plan" in r.stderr
    r = thidua("lint", "--max-bytes", str(256 * 1024 * 1024), "-", stdin=MINIMAL.read_bytes())
    assert r.returncode == 0, r.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_at_the_limit() -> None:
    # stat() says 0 bytes; reading it whole never ends.
    r = thidua("lint", "/dev/zero", timeout=60)
    assert r.returncode == 2
    assert "more than the limit of 20971520 bytes" in r.stderr
    assert r.max_rss_mb < 120


def test_a_terminal_without_unicode_gets_escapes() -> None:
    r = thidua("lint", "--lang", "vi", str(INPUTS / "bad-ids.yaml"),
               env={"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 1
    assert "internal error" not in r.stderr
    assert r"'\u0111ua' kh\xf4ng ph\u1ea3i m\xe3 h\u1ee3p l\u1ec7" in r.stdout


def test_python_warnings_never_reach_stderr(tmp_path: Path) -> None:
    # A library that warns while thidua works (the way ruamel.yaml warns about
    # reused anchors), planted through sitecustomize in the real process.
    (tmp_path / "sitecustomize.py").write_text(
        "import warnings\n"
        "import thidua_cli.loader as loader\n"
        "_parse = loader.parse\n"
        "def parse(text, **options):\n"
        "    warnings.warn('something a library says')\n"
        "    return _parse(text, **options)\n"
        "loader.parse = parse\n", "utf-8")
    env = {"PYTHONPATH": str(tmp_path), "PYTHONWARNINGS": "always"}
    r = thidua("lint", str(MINIMAL), env=env)
    assert (r.returncode, r.stderr) == (0, "")
    # Proof that the warning is there: THIDUA_DEBUG lets it through.
    r = thidua("lint", str(MINIMAL), env={**env, "THIDUA_DEBUG": "1"})
    assert "UserWarning: something a library says" in r.stderr
