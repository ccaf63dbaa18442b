"""The benchmark's generated plans: the same bytes every time, and clean.

A benchmark of plans with findings would time the error path; a generator
that drifted from the format would make the bench fail far from the cause.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from thidua_cli.lint.engine import LintOptions, lint_paths

from .conftest import ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


generate = _generator()


@pytest.mark.parametrize(("seed", "tasks", "members"), [(0, 60, 60), (1, 8, 6), (7, 16, 12)])
def test_same_arguments_same_text(seed: int, tasks: int, members: int) -> None:
    assert (generate.plan_text(seed, tasks=tasks, members=members)
            == generate.plan_text(seed, tasks=tasks, members=members))


def test_generated_inputs_lint_clean(tmp_path: Path) -> None:
    inputs = generate.write_inputs(tmp_path, files=20, big_tasks=100)
    files = [inputs.example, inputs.big, inputs.big_edited, inputs.many]
    # The small plans span several years; as of a day before all of them no
    # deadline has passed, so TD204 (overdue) cannot hide a real finding here.
    result = lint_paths([str(f) for f in files], LintOptions(today=date(1990, 1, 1)))
    assert len(result.files) == 3 + 20
    assert result.findings == []


def test_edited_plan_changes_one_task_in_twenty() -> None:
    text = generate.plan_text(0, tasks=100)
    changed = [(a, b) for a, b in zip(text.splitlines(), generate.edited(text).splitlines(),
                                      strict=True) if a != b]
    assert sum(b.endswith("(điều chỉnh)") for _, b in changed) == 5
