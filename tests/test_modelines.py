"""Schema modelines resolve, as yaml-language-server resolves them: relative to the plan file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT

SCHEMA = (ROOT / "schema" / "plan.schema.json").resolve()
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.M)
# Plans a user opens in an editor, which must name the schema.
MUST_HAVE = [EXAMPLE, ROOT / "tests" / "plans" / "report" / "plan-2022-scored.yaml"]


def repository_yaml() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "*.yaml", "*.yml",
                             "*.yaml.j2"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / name for name in listed.stdout.split() if (ROOT / name).is_file()]


def targets(path: Path) -> list[Path]:
    text = path.read_text("utf-8", errors="replace")
    return [(path.parent / m).resolve() for m in MODELINE.findall(text)]


def test_the_repository_has_yaml_to_check() -> None:
    files = repository_yaml()
    assert EXAMPLE in files and len(files) > 50


@pytest.mark.parametrize("path", repository_yaml(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_modeline_resolves_to_the_schema(path: Path) -> None:
    assert all(t == SCHEMA for t in targets(path)), targets(path)


@pytest.mark.parametrize("path", MUST_HAVE, ids=lambda p: p.name)
def test_plans_name_the_schema(path: Path) -> None:
    assert targets(path) == [SCHEMA]


@pytest.mark.parametrize(("out", "source"), [
    ("plan-2023.yaml", None), ("plans/2023/plan.yaml", None),
    ("plan-2023.yaml", EXAMPLE), ("plans/2023/plan.yaml", EXAMPLE),
], ids=["skeleton-root", "skeleton-deep", "from-root", "from-deep"])
def test_new_writes_a_modeline_relative_to_the_new_file(tmp_path: Path, out: str,
                                                        source: Path | None) -> None:
    (tmp_path / "schema").mkdir()
    shutil.copy(SCHEMA, tmp_path / "schema" / "plan.schema.json")
    (tmp_path / out).parent.mkdir(parents=True, exist_ok=True)
    args = ["new", out, "--year", "2023", "--today", "2023-01-01"]
    if source is not None:
        args += ["--from", str(source), "--head", "btc", "--deputies", ""]
    done = subprocess.run([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    written = tmp_path / out
    assert targets(written) == [(tmp_path / "schema" / "plan.schema.json").resolve()]


def test_new_writes_no_modeline_that_resolves_nowhere(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "thidua_cli", "new", "p.yaml", "--year", "2023"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert targets(tmp_path / "p.yaml") == []
