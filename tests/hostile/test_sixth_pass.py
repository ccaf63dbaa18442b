"""What a sixth red-team pass found: each case a real ``thidua`` process, each
fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import pytest

from ..conftest import ROOT
from .common import thidua

EXAMPLE = str(ROOT / "plans" / "plan-2022.yaml")
HUGE = "9" * 5000  # more digits than Python's int() converts


@pytest.mark.parametrize("args", [
    ("lint", "--max-bytes", HUGE, EXAMPLE),
    ("lint", "--jobs", HUGE, EXAMPLE),
    ("diff", f"--max-bytes={HUGE}", EXAMPLE, EXAMPLE),
])
def test_a_number_of_5000_digits_is_a_usage_error(args: tuple[str, ...]) -> None:
    run = thidua(*args)
    assert run.returncode == 2, run.stderr
    assert "internal error" not in run.stderr and "Invalid value" in run.stderr


@pytest.mark.parametrize("args", [
    ("diff", "", EXAMPLE),
    ("diff", EXAMPLE, ""),
    ("diff", ""),
])
def test_an_empty_diff_argument_is_named_empty_not_a_directory(args: tuple[str, ...]) -> None:
    run = thidua(*args)
    assert run.returncode == 2, run.stderr
    assert "directory" not in run.stderr and "an empty argument" in run.stderr


@pytest.mark.parametrize("command", ["lint", "render", "report", "diff"])
def test_help_shows_the_pyproject_table_as_written(command: str) -> None:
    # rich read "[tool.thidua]" as a style tag and left it out of --help.
    run = thidua(command, "--help", env={"COLUMNS": "250"})
    assert run.returncode == 0, run.stderr
    assert "pyproject.toml [tool.thidua]" in run.stdout and "\\[" not in run.stdout
