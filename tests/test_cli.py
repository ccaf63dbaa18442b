"""The command as a user runs it: output, exit codes, languages, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thidua_cli import __version__

from .conftest import EXAMPLE, PLANS, ROOT
from .helpers import run, run_process

INVALID = PLANS / "invalid"


def test_clean_plan_exits_0() -> None:
    r = run("lint", str(EXAMPLE))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no problems" in r.stdout


def test_folder_of_plans() -> None:
    r = run("lint", "plans/", "tests/plans/valid")
    assert r.returncode == 0
    count = (len(list((ROOT / "plans").glob("*.yaml")))
             + len(list((PLANS / "valid").glob("*.yaml"))))
    assert count == 9   # the example and the valid plans, scoring-tree.yaml among them
    assert f"{count} file(s) checked" in r.stdout


def test_findings_exit_1_with_location_rule_and_hint() -> None:
    r = run("lint", str(INVALID / "td101-unknown-lead.yaml"))
    assert r.returncode == 1
    line = r.stdout.splitlines()[0]
    assert line.startswith(f"{INVALID / 'td101-unknown-lead.yaml'}:22:11: error TD101 "
                           "[unknown-member] ")
    assert "did you mean 'bnv'?" in line
    assert "Traceback" not in r.stderr


def test_warnings_exit_0_unless_strict() -> None:
    path = str(INVALID / "td301-objective-without-task.yaml")
    assert run("lint", path).returncode == 0
    assert run("lint", "--strict", path).returncode == 1


def test_json_format() -> None:
    r = run("lint", "--format", "json", str(INVALID / "td302-score-negative.yaml"))
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    (finding,) = data["findings"]
    assert set(finding) >= {"path", "line", "column", "code", "rule", "severity", "message"}
    assert (finding["code"], finding["rule"], finding["line"]) == (
        "TD302", "score-out-of-range", 30)


@pytest.mark.parametrize(("how", "expected"), [
    (("--lang", "vi"), "không phải là thành viên của Khối"),
    (("--lang", "en"), "is not a member of the bloc"),
])
def test_lang_option(how: tuple[str, str], expected: str) -> None:
    r = run("lint", *how, str(INVALID / "td101-unknown-head.yaml"))
    assert expected in r.stdout


@pytest.mark.parametrize(("env", "expected"), [
    ({"THIDUA_LANG": "vi"}, "không phải là thành viên"),
    ({"LANG": "vi_VN.UTF-8"}, "không phải là thành viên"),
    ({"LANG": "en_US.UTF-8"}, "is not a member"),
    ({"THIDUA_LANG": "en", "LANG": "vi_VN.UTF-8"}, "is not a member"),
])
def test_lang_from_environment(env: dict[str, str], expected: str) -> None:
    r = run("lint", str(INVALID / "td101-unknown-head.yaml"), env=env)
    assert expected in r.stdout


def test_stdin() -> None:
    r = run("lint", "-", stdin=EXAMPLE.read_text("utf-8"))
    assert r.returncode == 0, r.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("lint", "no/such/plan.yaml"), "does not exist"),
    (("lint", "src/thidua_cli/locale"), "contains no plan files"),
    (("lint", "--format", "xml", "plans"), "--format"),
    (("lint", "--lang", "fr", "plans"), "--lang"),
    (("lint", "--today", "31/9/2022", "plans"), "is not a date"),
    (("lint",), "Missing argument"),
])
def test_usage_problems_exit_2(args: tuple[str, ...], message: str) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_usage_message_in_vietnamese() -> None:
    r = run("lint", "--lang", "vi", "khong-co.yaml")
    assert r.returncode == 2
    assert r.stderr.strip() == "thidua: lỗi: không tồn tại khong-co.yaml"


def test_piped_output_is_plain_and_unwrapped(tmp_path: Path) -> None:
    long_dir = tmp_path / ("x" * 90)
    long_dir.mkdir()
    plan = long_dir / "plan.yaml"
    plan.write_text((INVALID / "td101-unknown-head.yaml").read_text("utf-8"), "utf-8")
    r = run_process("lint", str(plan), env={"NO_COLOR": ""})
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"{plan}:9:9: error TD101")
    assert "\x1b[" not in r.stdout


@pytest.mark.parametrize("args", [("--version",), ("--version", "lint")],
                         ids=["fast-path", "through-typer"])
def test_version(args: tuple[str, ...]) -> None:
    r = run_process(*args)
    assert r.returncode == 0
    assert r.stdout == f"thidua {__version__}\n"


@pytest.mark.parametrize(("content", "key"), [
    (b"", "empty"),
    (b"\xff\xfev\x00e\x00r\x00", "UTF-16"),
    (b"- a\n- b\n", "top level is a list"),
    (b"a: [1, 2\n", "YAML syntax error"),
])
def test_unusable_files_are_findings_not_tracebacks(tmp_path: Path, content: bytes,
                                                    key: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    r = run_process("lint", str(path))
    assert r.returncode == 1
    assert key in r.stdout
    assert r.stdout.startswith(f"{path}:")
    assert "Traceback" not in r.stderr
