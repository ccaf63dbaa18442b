"""``thidua diff`` as a user runs it: reports, exit codes, warnings, bad input.

The reports of ``plans/plan-2022.yaml`` against ``tests/diffs/plan-2022-issued.yaml``
are golden files in ``tests/diffs/``; after an intended change of format,
regenerate them with ``THIDUA_UPDATE_GOLDEN=1 pytest tests/test_diff_cli.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT
from .helpers import run

DIFFS = Path(__file__).resolve().parent / "diffs"
ISSUED = DIFFS / "plan-2022-issued.yaml"
OLD, NEW = "plans/plan-2022.yaml", "tests/diffs/plan-2022-issued.yaml"


def golden(name: str, text: str) -> None:
    path = DIFFS / name
    if os.environ.get("THIDUA_UPDATE_GOLDEN"):
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8")


@pytest.mark.parametrize(("args", "name"), [
    (("--lang", "en"), "expected.en.txt"),
    (("--lang", "vi"), "expected.vi.txt"),
    (("--lang", "vi", "--format", "md"), "expected.vi.md"),
    (("--lang", "en", "--format", "md"), "expected.en.md"),
    (("--format", "json"), "expected.json"),
])
def test_report_formats(args: tuple[str, ...], name: str) -> None:
    r = run("diff", *args, OLD, NEW)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    golden(name, r.stdout)


def test_json_contract() -> None:
    data = json.loads(run("diff", "--format", "json", OLD, NEW).stdout)
    assert set(data) == {"old", "new", "changes", "summary"}
    assert (data["old"], data["new"]) == (OLD, NEW)
    assert data["summary"] == {"added": 7, "removed": 1, "changed": 2, "moved": 1,
                               "renamed": 1}
    assert all(set(c) == {"op", "path", "old", "new"} for c in data["changes"])
    assert {"op": "added", "path": "document.date", "old": None,
            "new": "2022-05-05"} in data["changes"]


@pytest.mark.parametrize(("flags", "other", "code"), [
    ((), ISSUED, 0),
    (("--exit-code",), ISSUED, 1),
    (("--exit-code",), EXAMPLE, 0),
])
def test_exit_codes(flags: tuple[str, ...], other: Path, code: int) -> None:
    assert run("diff", *flags, str(EXAMPLE), str(other)).returncode == code


def test_no_differences() -> None:
    r = run("diff", "--lang", "vi", str(EXAMPLE), str(EXAMPLE))
    assert r.stdout.endswith("\nKhông có khác biệt.\n")


def test_ignore_order_drops_moves() -> None:
    r = run("diff", "--ignore-order", "--format", "json", OLD, NEW)
    assert json.loads(r.stdout)["summary"]["moved"] == 0


def test_invalid_plan_is_diffed_with_one_warning(tmp_path: Path) -> None:
    broken = tmp_path / "draft.yaml"
    broken.write_text(EXAMPLE.read_text("utf-8").replace("head: lmhtxvn", "head: lmhtx")
                      .replace("year: 2022", "year: hai nghìn"), "utf-8")
    r = run("diff", "--lang", "en", str(EXAMPLE), str(broken))
    assert r.returncode == 0
    assert r.stderr == (f"thidua: warning: {broken}: the plan has 1 error(s) (thidua lint "
                        "lists them); compared as plain YAML\n")
    assert "changed year: 2022 → hai nghìn" in r.stdout
    assert "changed bloc.head: lmhtxvn → lmhtx" in r.stdout
    md = run("diff", "--lang", "vi", "--format", "md", str(EXAMPLE), str(broken))
    # The name as code: a name is no Markdown of its own (tests/hostile).
    assert f"> `{broken}`: kế hoạch có 1 lỗi (thidua lint liệt kê các lỗi)" in md.stdout


def test_standard_input() -> None:
    text = EXAMPLE.read_text("utf-8").replace("status: done", "status: cancelled")
    r = run("diff", "--format", "json", str(EXAMPLE), "-", stdin=text)
    assert json.loads(r.stdout)["changes"] == [
        {"op": "changed", "path": "events[hoi-nghi-trien-khai].status", "old": "done",
         "new": "cancelled"}]


@pytest.mark.parametrize(("args", "message"), [
    (("diff", "no/such.yaml", str(EXAMPLE)), "no/such.yaml does not exist"),
    (("diff", str(EXAMPLE), "tests/diffs/bad-syntax.yaml"),
     "tests/diffs/bad-syntax.yaml:5:2: YAML syntax error"),
    (("diff", str(EXAMPLE), "tests/diffs"), "is a directory"),
    (("diff", "a", "b", "c"), "expected OLD NEW, PATH, or git's seven"),
    (("diff", "-", "-"), "only one side"),
    (("diff", "--format", "html", str(EXAMPLE), str(EXAMPLE)), "--format"),
    (("diff",), "Missing argument"),
])
def test_unusable_input_exits_2(args: tuple[str, ...], message: str) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


def test_encoding_problem_exits_2(tmp_path: Path) -> None:
    utf16 = tmp_path / "plan.yaml"
    utf16.write_bytes(EXAMPLE.read_text("utf-8").encode("utf-16"))
    r = run("diff", "--lang", "vi", str(EXAMPLE), str(utf16))
    assert r.returncode == 2
    assert r.stderr.startswith(f"thidua: lỗi: {utf16}:1:1: ")


def _without_no_color(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "GIT_PAGER_IN_USE", "THIDUA_LANG")}
    env.update({"LANG": "C.UTF-8", **extra})
    return subprocess.run([sys.executable, "-m", "thidua_cli", "diff", OLD, NEW], cwd=ROOT,
                          capture_output=True, text=True, env=env, check=False)


def test_piped_output_is_plain_and_terminal_output_coloured() -> None:
    plain = _without_no_color()
    assert "\x1b[" not in plain.stdout
    for how in ({"FORCE_COLOR": "1"}, {"GIT_PAGER_IN_USE": "true"}):
        coloured = _without_no_color(**how)
        assert "\x1b[" in coloured.stdout
        # Colour codes aside, the text is the same, unwrapped.
        assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout


def test_command_does_not_import_heavy_modules() -> None:
    code = ("import sys\nfrom thidua_cli.__main__ import main\nsys.argv = ['thidua', 'diff', "
            f"{OLD!r}, {NEW!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', sorted(m for m in ('rich', 'jinja2', 'docx', 'docxtpl') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "NO_COLOR": "1"}, check=True).stdout
    assert out.splitlines()[-1] == "HEAVY []"
