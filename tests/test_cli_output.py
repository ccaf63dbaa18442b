"""Where ``thidua lint`` sends its report: --format, --output, GitHub Actions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import EXAMPLE, PLANS
from .helpers import run

BAD = str(PLANS / "invalid" / "td101-unknown-lead.yaml")


@pytest.mark.parametrize(("env", "args", "first"), [
    ({}, (), f"{BAD}:22:11: error TD101"),
    ({"GITHUB_ACTIONS": "true"}, (), "::error file="),
    ({"GITHUB_ACTIONS": "false"}, (), f"{BAD}:22:11: error TD101"),
    ({"GITHUB_ACTIONS": ""}, (), f"{BAD}:22:11: error TD101"),
    ({"GITHUB_ACTIONS": "true"}, ("--format", "text"), f"{BAD}:22:11: error TD101"),
    ({"GITHUB_ACTIONS": "true"}, ("--format", "json"), "{"),
    ({}, ("--format", "github"), "::error file="),
    ({}, ("-f", "gitlab"), "["),
    ({}, ("-f", "sarif"), "{"),
])
def test_format_and_its_default(env: dict[str, str], args: tuple[str, ...], first: str) -> None:
    r = run("lint", *args, BAD, env=env)
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith(first)


@pytest.mark.parametrize(("format", "check"), [
    ("sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("gitlab", lambda text: json.loads(text)[0]["check_name"] == "TD101"),
    ("json", lambda text: json.loads(text)["summary"]["errors"] == 1),
    ("github", lambda text: text.startswith("::error ")),
])
def test_output_file_gets_the_report_and_the_terminal_the_text(
        tmp_path: Path, format: str, check: Callable[[str], bool]) -> None:
    report = tmp_path / f"report.{format}"
    r = run("lint", "--format", format, "--output", str(report), BAD,
)
    assert r.returncode == 1
    assert check(report.read_text("utf-8"))
    assert r.stdout.startswith(f"{BAD}:22:11: error TD101 [unknown-member]")
    assert r.stdout.endswith("1 file(s) checked: 1 error(s), 0 warning(s)\n")


def test_output_under_github_actions_keeps_the_annotations_on_the_terminal(
        tmp_path: Path) -> None:
    report = tmp_path / "thidua.sarif"
    r = run("lint", "-f", "sarif", "-o", str(report), BAD, env={"GITHUB_ACTIONS": "true"})
    assert r.stdout.startswith("::error file=")
    assert json.loads(report.read_text("utf-8"))["runs"][0]["results"]


def test_output_of_a_clean_run_exits_0(tmp_path: Path) -> None:
    report = tmp_path / "gl-code-quality-report.json"
    r = run("lint", "-f", "gitlab", "-o", str(report), str(EXAMPLE),
)
    assert r.returncode == 0
    assert json.loads(report.read_text("utf-8")) == []
    assert "no problems" in r.stdout


def test_unwritable_output_exits_2_with_a_message(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.sarif"
    r = run("lint", "-f", "sarif", "-o", str(target), BAD)
    assert r.returncode == 2
    assert r.stderr.startswith(f"thidua: error: cannot write {target}: ")
    assert "Traceback" not in r.stderr
    assert not target.parent.exists()


def test_unwritable_output_message_in_vietnamese(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.sarif"
    r = run("lint", "--lang", "vi", "-f", "sarif", "-o", str(target), BAD)
    assert r.returncode == 2
    assert r.stderr.startswith(f"thidua: lỗi: không ghi được {target}: ")


def test_output_onto_a_checked_plan_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    original = EXAMPLE.read_bytes()
    plan.write_bytes(original)
    r = run("lint", "-f", "sarif", "-o", str(plan), str(tmp_path))
    assert r.returncode == 2
    assert "is one of the plans being checked" in r.stderr
    assert plan.read_bytes() == original
