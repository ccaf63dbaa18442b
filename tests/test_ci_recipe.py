"""The pull-request comment recipe of docs/ci.md, run on a real repository.

The step's script is taken from the documentation itself (the workflow's
"Diff the plans this pull request changes" step), so the recipe users copy
is the one tested: a renamed plan is compared with its old self, an added
one with nothing, a deleted one with nothing, an edited one with its base.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import EXAMPLE, ROOT

BIN = Path(sys.executable).parent
STEP = "Diff the plans this pull request changes"


def recipe() -> str:
    from .docexamples import blocks

    for block in blocks(ROOT / "docs" / "ci.md"):
        if block.language != "yaml":
            continue
        workflow = YAML(typ="safe", pure=True).load(block.text)
        for job in (workflow or {}).get("jobs", {}).values():
            for step in job.get("steps", []):
                if step.get("name") == STEP:
                    return str(step["run"])
    raise AssertionError(f"docs/ci.md has no step named {STEP!r}")


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "VP", "GIT_AUTHOR_EMAIL": "vp@khoi.vn",
           "GIT_COMMITTER_NAME": "VP", "GIT_COMMITTER_EMAIL": "vp@khoi.vn",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture()
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose HEAD renames, adds, deletes and edits a plan against BASE."""
    repo = tmp_path / "plans-repo"
    (repo / "plans").mkdir(parents=True)
    text = EXAMPLE.read_text("utf-8")
    scored = ROOT / "tests" / "plans" / "report" / "plan-2022-scored.yaml"
    # Three different plans, so git pairs the rename with its own file.
    (repo / "plans" / "renamed.yaml").write_text(text, "utf-8")
    shutil.copy(scored, repo / "plans" / "deleted.yaml")
    (repo / "plans" / "edited.yaml").write_text(
        (ROOT / "tests" / "diffs" / "plan-2022-issued.yaml").read_text("utf-8"), "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "mv", "plans/renamed.yaml", "plans/moved-2022.yaml")
    git(repo, "rm", "-q", "plans/deleted.yaml")
    edited = repo / "plans" / "edited.yaml"
    edited.write_text(edited.read_text("utf-8").replace("head: lmhtxvn", "head: btc"), "utf-8")
    # Unlike the deleted plan, so git does not take the pair for a rename.
    shutil.copy(ROOT / "tests" / "plans" / "valid" / "minimal.yaml", repo / "plans" / "added.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the pull request")
    return repo, base


def test_recipe_reports_each_plan_as_it_changed(pull_request: tuple[Path, str]) -> None:
    repo, base = pull_request
    env = {**os.environ, "BASE": base, "PATH": f"{BIN}:{os.environ['PATH']}",
           "GIT_CONFIG_GLOBAL": "/dev/null", "THIDUA_LANG": "vi"}
    done = subprocess.run(["bash", "-e", "-c", recipe()], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    comment = (repo / "plan-diff.md").read_text("utf-8")
    sections = comment.split("\n### ")
    # One report per plan: the renamed one under its old and new names.
    assert sum(f"{base}:plans/renamed.yaml" in s and "plans/moved-2022.yaml" in s
               for s in sections) == 1, comment
    renamed = next(s for s in sections if "plans/moved-2022.yaml" in s)
    assert "Không có khác biệt" in renamed, renamed
    edited = next(s for s in sections if "plans/edited.yaml" in s)
    assert "bloc.head" in edited and "lmhtxvn" in edited and "btc" in edited
    added = next(s for s in sections if "plans/added.yaml" in s)
    assert "/dev/null" in added
    deleted = next(s for s in sections if "plans/deleted.yaml" in s)
    assert "/dev/null" in deleted
    assert len([s for s in sections if "plans/" in s]) == 4, comment
