"""``thidua diff`` with git: revisions, ``PATH`` against HEAD, the external diff driver.

Each test gets a fresh repository in ``tmp_path`` with two commits of
``plans/plan-2022.yaml`` (the example, then the issued version) and one
uncommitted edit in the working copy.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE
from .helpers import run
from .test_diff_cli import ISSUED

# Hermetic git: no user or system configuration, a fixed identity.
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vanthu@example.org",
           "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vanthu@example.org"}
PLAN = "plans/plan-2022.yaml"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q")
    plan = root / PLAN
    plan.write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Dự thảo kế hoạch 2022")
    plan.write_text(ISSUED.read_text("utf-8"), "utf-8")
    git(root, "commit", "-qam", "Kế hoạch ban hành")
    plan.write_text(plan.read_text("utf-8").replace("    due: 2022-07-15\n",
                                                    "    due: 2022-07-31\n"), "utf-8")
    return root


def summary(*args: str, cwd: Path) -> dict[str, int]:
    r = run("diff", "--format", "json", *args, cwd=cwd, env=GIT_ENV)
    assert r.returncode == 0, r.stderr
    counts: dict[str, int] = json.loads(r.stdout)["summary"]
    return {op: n for op, n in counts.items() if n}


def test_path_alone_is_the_working_copy_against_head(repo: Path) -> None:
    r = run("diff", "--format", "json", PLAN, cwd=repo, env=GIT_ENV)
    data = json.loads(r.stdout)
    assert (data["old"], data["new"]) == (f"HEAD:{PLAN}", PLAN)
    assert data["changes"] == [{"op": "changed", "path": "tasks[so-ket].due",
                                "old": "2022-07-15", "new": "2022-07-31"}]


@pytest.mark.parametrize("where", ["plans", "outside"])
def test_path_alone_from_another_directory(repo: Path, where: str) -> None:
    cwd = repo / "plans" if where == "plans" else repo.parent
    path = "plan-2022.yaml" if where == "plans" else str(repo / PLAN)
    assert summary(path, cwd=cwd) == {"changed": 1}


@pytest.mark.parametrize(("old", "new", "cwd"), [
    (f"HEAD~1:{PLAN}", f"HEAD:{PLAN}", "."),
    ("HEAD~1:./plan-2022.yaml", "HEAD:./plan-2022.yaml", "plans"),
    (f"HEAD~1:{PLAN}", str(ISSUED), "."),
])
def test_revisions(repo: Path, old: str, new: str, cwd: str) -> None:
    assert summary(old, new, cwd=repo / cwd) == {"added": 7, "removed": 1, "changed": 2,
                                                 "moved": 1, "renamed": 1}


@pytest.mark.parametrize(("args", "message"), [
    ((f"HEAD~5:{PLAN}", PLAN), f"cannot read HEAD~5:{PLAN} from git: invalid object name"),
    (("HEAD:plans/khong-co.yaml", PLAN), "does not exist in 'HEAD'"),
    (("plans/khong-co.yaml",), "error: plans/khong-co.yaml does not exist"),
])
def test_bad_revision_exits_2(repo: Path, args: tuple[str, ...], message: str) -> None:
    r = run("diff", *args, cwd=repo, env=GIT_ENV)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_new_file_is_not_in_head(repo: Path) -> None:
    (repo / "plans" / "plan-2023.yaml").write_text("version: 1\n", "utf-8")
    r = run("diff", "plans/plan-2023.yaml", cwd=repo, env=GIT_ENV)
    assert r.returncode == 2
    assert "exists on disk, but not in 'HEAD'" in r.stderr


def test_outside_a_repository_exits_2(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    r = run("diff", str(plan), cwd=tmp_path, env={**GIT_ENV, "GIT_CEILING_DIRECTORIES":
                                                   str(tmp_path.parent)})
    assert r.returncode == 2
    assert "not a git repository" in r.stderr


def test_seven_argument_form() -> None:
    r = run("diff", "--format", "json", PLAN, str(EXAMPLE), "a8926a52d8dcba5c4386945476ab6a2ad"
            "008afd4", "100644", str(ISSUED), "0" * 40, "100644")
    data = json.loads(r.stdout)
    assert (data["old"], data["new"]) == (f"{PLAN} (a8926a5)", PLAN)
    assert len(data["changes"]) == 12


def test_seven_argument_form_for_an_added_file() -> None:
    r = run("diff", "--format", "json", PLAN, "/dev/null", ".", ".", str(ISSUED),
            "9dfc208dffa85f841e9202337485b96367a625ee", "100644")
    data = json.loads(r.stdout)
    assert (data["old"], data["new"]) == ("/dev/null", f"{PLAN} (9dfc208)")
    assert data["changes"][0] == {"op": "added", "path": "version", "old": None, "new": 1}
    assert r.stderr == ""  # an empty side is not an invalid plan


def _driver(repo: Path) -> list[str]:
    (repo / ".gitattributes").write_text("plans/*.yaml diff=thidua\n", "utf-8")
    command = f"{shlex.quote(sys.executable)} -m thidua_cli diff --lang en"
    return ["-c", f"diff.thidua.command={command}"]


def test_git_diff_uses_thidua_as_external_driver(repo: Path) -> None:
    out = git(repo, *_driver(repo), "diff", "HEAD~1", "HEAD")
    first = git(repo, "rev-parse", f"HEAD~1:{PLAN}").strip()[:7]
    second = git(repo, "rev-parse", f"HEAD:{PLAN}").strip()[:7]
    assert out.startswith(f"--- {PLAN} ({first})\n+++ {PLAN} ({second})\n")
    assert "renamed events[tap-huan] → tap-huan-nghiep-vu" in out
    assert out.endswith("12 change(s): 7 added, 1 removed, 2 changed, 1 moved, 1 renamed\n")


def test_git_diff_of_the_working_copy_and_of_a_rename(repo: Path) -> None:
    out = git(repo, *_driver(repo), "diff")
    assert f"+++ {PLAN}\n" in out
    assert "changed tasks[so-ket].due (Sơ kết 6 tháng đầu năm" in out
    git(repo, "commit", "-qam", "Lùi hạn sơ kết")
    git(repo, "mv", PLAN, "plans/ke-hoach-2022.yaml")
    out = git(repo, *_driver(repo), "diff", "--cached", "-M", "HEAD")
    assert "+++ plans/ke-hoach-2022.yaml" in out
    assert out.endswith("No differences.\n")
