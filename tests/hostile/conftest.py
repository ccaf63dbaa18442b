"""Fixtures shared by the hostile tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT


@pytest.fixture(scope="session")
def long_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan of 1,000 tasks that lints clean at ``--today 2020-01-01``, whose PDF
    takes LibreOffice seconds: the example's took it under one on a fast machine,
    and a signal meant for the conversion came after it had ended (exit 0)."""
    folder = tmp_path_factory.mktemp("long")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--files", "1",
                    "--tasks", "1000", str(folder)], check=True, capture_output=True)
    return folder / "big" / "plan-1000.yaml"
