"""``thidua lint`` with configuration, rule selection and ``--fix``, as a user runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .helpers import run
from .test_text_rules import HEAD

PLAN = HEAD + ("tasks:\n  - id: t1\n    title: Bổ xung kế hoạch\n    objectives: [o1]\n"
               "    due: 2022-05-01\n")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.yaml").write_text(PLAN, "utf-8")
    return tmp_path


def codes(stdout: str) -> list[str]:
    return [f["code"] for f in json.loads(stdout)["findings"]]


def lint(project: Path, *args: str) -> list[str]:
    r = run("lint", "--format", "json", "--today", "2022-06-01", *args, "plans", cwd=project)
    assert r.returncode in (0, 1), r.stderr
    return codes(r.stdout)


def test_every_rule_by_default(project: Path) -> None:
    assert lint(project) == ["TD402", "TD204"]


@pytest.mark.parametrize(("args", "expected"), [
    (("--select", "TD4"), ["TD402"]),
    (("--select", "overdue,misspelling"), ["TD402", "TD204"]),
    (("--ignore", "TD402"), ["TD204"]),
    (("--ignore", "TD2", "--ignore", "misspelling"), []),
])
def test_select_and_ignore(project: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert lint(project, *args) == expected


def test_configuration_found_from_a_subfolder(project: Path) -> None:
    (project / ".thidua.toml").write_text(
        'ignore = ["TD204"]\n[severity]\nmisspelling = "error"\n', "utf-8")
    r = run("lint", "--today", "2022-06-01", "plan.yaml", cwd=project / "plans")
    assert r.returncode == 1
    assert "error TD402 [misspelling]" in r.stdout
    assert "TD204" not in r.stdout


def test_pyproject_configuration_and_today(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "plans"\n\n[tool.thidua]\ntoday = 2022-04-01\n', "utf-8")
    r = run("lint", "--format", "json", "plans", cwd=project)
    assert codes(r.stdout) == ["TD402"]  # not overdue on 1 April


def test_config_option_and_exclude(project: Path) -> None:
    (project / "plans" / "drafts").mkdir()
    shutil.copy(project / "plans" / "plan.yaml", project / "plans" / "drafts" / "d.yaml")
    config = project / "ci.toml"
    config.write_text('exclude = ["drafts"]\nselect = ["TD4"]\n', "utf-8")
    r = run("lint", "--config", str(config), "plans", cwd=project)
    assert "1 file(s) checked" in r.stdout
    assert "drafts" not in r.stdout


@pytest.mark.parametrize(("config", "message"), [
    ('select = ["TD4"]\nignor = ["TD301"]\n',
     ".thidua.toml:2: unknown configuration key 'ignor'"),
    ('[severity]\nTD204 = "loud"\n', ".thidua.toml:2: the severity of 'TD204' is 'loud'"),
])
def test_bad_configuration_exits_2_with_its_place(project: Path, config: str,
                                                  message: str) -> None:
    (project / ".thidua.toml").write_text(config, "utf-8")
    r = run("lint", "plans", cwd=project)
    assert r.returncode == 2
    assert r.stderr.startswith("thidua: error: ")
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_configuration_in_vietnamese(project: Path) -> None:
    (project / ".thidua.toml").write_text('ignore = ["TD999"]\n', "utf-8")
    r = run("lint", "--lang", "vi", "plans", cwd=project)
    assert r.returncode == 2
    assert "'TD999' trong 'ignore' không phải là mã" in r.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--select", "TD499"), "'TD499' in --select is not a rule"),
    (("--ignore", "misspeling"), "did you mean 'misspelling'?"),
    (("--ignore", "TD001"), "TD001 (yaml-syntax) cannot be turned off"),
    (("--config", "missing.toml"), "missing.toml: configuration file not found"),
    (("--fix", "-"), "--fix cannot rewrite standard input"),
])
def test_usage_mistakes_exit_2(project: Path, args: tuple[str, ...], message: str) -> None:
    r = run("lint", *args, "plans", cwd=project)
    assert r.returncode == 2
    assert message in r.stderr


def test_fix_in_place_then_report_what_remains(project: Path) -> None:
    r = run("lint", "--fix", "--today", "2022-06-01", "plans", cwd=project)
    assert r.returncode == 0  # the overdue task is a warning
    assert "fixed 1 problem(s) in 1 file(s)" in r.stderr
    assert "TD402" not in r.stdout and "TD204" in r.stdout
    assert "Bổ sung kế hoạch" in (project / "plans" / "plan.yaml").read_text("utf-8")
    again = run("lint", "--fix", "plans", cwd=project)
    assert "nothing to fix" in again.stderr


def test_fix_diff_shows_and_writes_nothing(project: Path) -> None:
    r = run("lint", "--fix", "--diff", "plans", cwd=project)
    assert r.returncode == 1
    assert r.stdout.startswith("--- plans/plan.yaml\n+++ plans/plan.yaml\n")
    assert "-    title: Bổ xung kế hoạch\n+    title: Bổ sung kế hoạch\n" in r.stdout
    assert "Bổ xung" in (project / "plans" / "plan.yaml").read_text("utf-8")


def test_diff_of_standard_input(project: Path) -> None:
    r = run("lint", "--fix", "--diff", "-", stdin=PLAN, cwd=project)
    assert r.returncode == 1
    assert "+    title: Bổ sung kế hoạch" in r.stdout


def test_example_plan_is_clean_today() -> None:
    from .conftest import EXAMPLE

    r = run("lint", "--strict", str(EXAMPLE))
    assert r.returncode == 0, r.stdout


def test_configuration_error_names_the_file_as_seen_from_here(project: Path) -> None:
    (project / ".thidua.toml").write_text('select = ["TD4"]\nignore = ["TD999"]\n', "utf-8")
    r = run("lint", "plans", cwd=project)
    assert r.stderr == ("thidua: error: .thidua.toml:2: 'TD999' in 'ignore' is not a rule code, "
                        "rule name or code prefix\n")
