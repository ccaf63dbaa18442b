"""One gate: every command that lints first reads the configuration as ``thidua lint`` does.

The plan below has one error (TD403, a symbol in lower case) that the bloc's
configuration turns off. Every command must then treat it as a clean plan;
with ``--config`` naming a file that keeps the rule, every command must stop.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE

COMMANDS = {
    "lint": ["lint", "plan.yaml"],
    "render": ["render", "plan.yaml", "-o", "plan.md"],
    "report": ["report", "plan.yaml", "-o", "report.md"],
    "new": ["new", "next.yaml", "--year", "2023", "--from", "plan.yaml", "--head", "btc",
            "--deputies", ""],
    "diff": ["diff", "--format", "json", "plan.yaml", "plan.yaml"],
}


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thidua_cli", *args], capture_output=True,
                          text=True, cwd=folder, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "THIDUA_LANG": "en"})


@pytest.fixture()
def bloc(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text("utf-8").replace("symbol: KH-LMHTXVN", "symbol: KH-lmhtxvn")
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    (tmp_path / ".thidua.toml").write_text('ignore = ["TD403"]\ntoday = 2022-06-01\n', "utf-8")
    (tmp_path / "strict.toml").write_text('today = 2022-06-01\n', "utf-8")
    return tmp_path


@pytest.mark.parametrize("command", COMMANDS)
def test_configuration_found_from_the_folder(bloc: Path, command: str) -> None:
    done = run(bloc, *COMMANDS[command])
    assert done.returncode == 0, done.stderr
    assert "TD403" not in done.stderr + done.stdout
    assert "diff.invalid_plan" not in done.stderr and "error(s)" not in done.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_config_option_names_the_file(bloc: Path, command: str) -> None:
    done = run(bloc, *COMMANDS[command], "--config", "strict.toml")
    if command == "diff":  # diff still compares; it warns that the side has an error
        assert done.returncode == 0, done.stderr
        assert "1 error(s)" in done.stderr
    else:
        assert done.returncode == 1, done.stderr
        assert "TD403" in done.stderr + done.stdout
