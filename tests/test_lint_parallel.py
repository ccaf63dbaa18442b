"""Linting in several processes gives exactly what one process gives."""

from __future__ import annotations

import pytest

from thidua_cli.lint import parallel
from thidua_cli.lint.engine import LintOptions, lint_paths
from thidua_cli.lint.parallel import worker_count

from .conftest import EXAMPLE, PLANS, TODAY
from .helpers import run, run_process


@pytest.mark.parametrize(("jobs", "files", "cpus", "expected"), [
    (None, 1, 2, 1),      # auto: a few files stay in one process
    (None, 50, 4, 1),
    (None, 51, 4, 4),     # auto: one process per CPU above 50 files
    (None, 51, 1, 1),
    (1, 1000, 4, 1),      # --jobs 1 forces one process
    (3, 1000, 4, 3),      # an explicit count is taken as given
    (8, 2, 4, 2),         # never more processes than files
])
def test_worker_count(monkeypatch: pytest.MonkeyPatch, jobs: int | None, files: int,
                      cpus: int, expected: int) -> None:
    monkeypatch.setattr(parallel, "cpus", lambda: cpus)
    assert worker_count(jobs, files) == expected


def test_without_fork_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert worker_count(4, 1000) == 1


def test_same_findings_in_the_same_order() -> None:
    options = LintOptions(today=TODAY)
    one = lint_paths([str(PLANS), str(EXAMPLE)], options, jobs=1)
    two = lint_paths([str(PLANS), str(EXAMPLE)], options, jobs=2)
    assert [r.path for r in two.files] == [r.path for r in one.files]
    assert [r.findings for r in two.files] == [r.findings for r in one.files]
    assert two.findings, "the invalid fixtures have findings"


def test_only_one_process_keeps_the_plans() -> None:
    options = LintOptions(today=TODAY)
    assert lint_paths([str(EXAMPLE)], options).files[0].plan is not None
    several = lint_paths([str(EXAMPLE), str(EXAMPLE)], options, jobs=2)
    assert [r.plan for r in several.files] == [None, None]


def test_without_plans_the_same_findings_and_nothing_kept() -> None:
    options = LintOptions(today=TODAY)
    kept = lint_paths([str(PLANS), str(EXAMPLE)], options)
    light = lint_paths([str(PLANS), str(EXAMPLE)], options, plans=False)
    assert [(r.path, r.findings) for r in light.files] == [
        (r.path, r.findings) for r in kept.files]
    assert {(r.plan, r.parsed) for r in light.files} == {(None, None)}
    assert any(r.plan is not None for r in kept.files)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_cli_output_identical_with_one_and_two_processes(fmt: str) -> None:
    args = ("lint", "--today", TODAY.isoformat(), "--format", fmt, str(PLANS), "-",
            str(EXAMPLE))
    stdin = (PLANS / "invalid" / "td101-unknown-lead.yaml").read_text("utf-8")
    # Real processes: what forks here is the command, not the test runner.
    one = run_process(*args, "--jobs", "1", stdin=stdin)
    two = run_process(*args, "--jobs", "2", stdin=stdin)
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout
    assert ('"path": "-"' if fmt == "json" else "\n-:22:11: ") in one.stdout


def test_jobs_must_be_positive() -> None:
    r = run("lint", "--jobs", "0", str(EXAMPLE))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
