"""Shell completion (typer's): the script bash sources completes commands and options."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(shutil.which("bash") is None or not (BIN / "thidua").exists(),
                                reason="needs bash and the thidua console script")


def complete(words: str) -> list[str]:
    """What bash offers after ``words`` once the completion script is sourced."""
    script = (
        'source <(thidua --show-completion)\n'
        f'COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n'
        '_thidua_completion thidua\n'  # bash passes the command's name

        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "SHELL": "/bin/bash", "PATH": f"{BIN}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_show_completion_prints_a_bash_function() -> None:
    # Run from bash, as a user would: typer detects the shell from its parent.
    env = {**os.environ, "SHELL": "/bin/bash", "PATH": f"{BIN}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-c", "thidua --show-completion"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0
    assert "_thidua_completion()" in done.stdout
    assert "complete " in done.stdout


def test_commands_complete() -> None:
    assert complete("thidua re") == ["render", "report"]


def test_options_complete() -> None:
    assert "--today" in complete("thidua render plan.yaml --t")
    assert complete("thidua lint --con") == ["--config"]
