"""The pre-commit hooks, run by pre-commit itself on a throwaway repository.

``pre-commit try-repo`` builds the hook's environment the way a user's
``pre-commit install`` does: a virtual environment with this repository
pip-installed into it (from the committed tree plus staged and tracked
changes). That takes half a minute and needs the package index, so this is the
slowest test; it skips when pre-commit or git is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PLANS, ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_manifest_is_valid_for_pre_commit() -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(HOOKS)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def test_manifest_offers_lint_and_fix() -> None:
    from thidua_cli.loader import parse

    hooks = {h["id"]: h for h in parse(HOOKS.read_text("utf-8")).data}
    assert hooks["thidua-lint"]["entry"] == "thidua lint"
    assert hooks["thidua-fix"]["entry"] == "thidua lint --fix"
    assert all(h["language"] == "python" and h["types"] == ["yaml"] for h in hooks.values())


@pytest.mark.slow
def test_lint_hook_runs_in_a_repository(tmp_path: Path) -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of thidua")
    repo = tmp_path / "plans-repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "good.yaml").write_bytes((PLANS / "valid" / "minimal.yaml").read_bytes())
    (repo / "plans" / "bad.yaml").write_bytes(
        (PLANS / "invalid" / "td101-unknown-lead.yaml").read_bytes())
    (repo / "README.md").write_text("not YAML: the hook must not receive it\n", "utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in ("THIDUA_LANG", "GITHUB_ACTIONS", "FORCE_COLOR")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1",
                "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")})
    for git in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *git], cwd=repo, check=True, env=env)

    r = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "thidua-lint",
         "--all-files", "--color", "never"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=600)

    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "thidua lint" in out and "Failed" in out
    assert ("plans/bad.yaml:22:11: error TD101 [unknown-member] tasks.lead: 'bnb' is not a "
            "member of the bloc (did you mean 'bnv'?)") in out
    # Both plans were checked, the README was not handed to the hook.
    assert "2 file(s) checked: 1 error(s), 0 warning(s)" in out
