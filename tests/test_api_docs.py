"""docs/api.md runs as it is: its ``>>>`` examples and its script, through the API alone."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT

DOC = ROOT / "docs" / "api.md"


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", DOC.read_text("utf-8"), re.M | re.S)


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the examples run in: ``plans/`` with the example and a broken copy."""
    plans = tmp_path / "plans"
    plans.mkdir()
    text = EXAMPLE.read_text("utf-8")
    (plans / "plan-2022.yaml").write_text(text, "utf-8")
    (plans / "bad.yaml").write_text(text.replace("    lead: all", "    lead: bnb", 1), "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("THIDUA_LANG", "en")
    return tmp_path


def test_the_examples_print_what_the_page_says(folder: Path) -> None:
    failed, tried = doctest.testfile(str(DOC), module_relative=False, verbose=False,
                                     optionflags=doctest.ELLIPSIS, encoding="utf-8")
    assert tried > 20
    assert failed == 0
    assert (folder / "plan-2022.docx").read_bytes()[:2] == b"PK"


def test_the_script_lints_renders_and_collects_reports(folder: Path) -> None:
    (script,) = blocks("python")
    (expected,) = blocks("text")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=folder, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
    # What the commands write for the same plan.
    markdown = thidua(folder, "render", "plans/plan-2022.yaml", "-o", "-")
    assert (folder / "out" / "plan-2022.md").read_text("utf-8") == markdown
    report = thidua(folder, "report", "plans/plan-2022.yaml", "--format", "json",
                    "--as-of", "2022-12-20")
    reports = (folder / "out" / "reports.json").read_text("utf-8")
    assert json.loads(reports) == [json.loads(report)]


def thidua(cwd: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "thidua_cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout
