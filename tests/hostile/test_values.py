"""Values that are ordinary, not internal errors: dates far from any plan,
points that would overflow a total. Each is a located finding in ``lint``
and a message (never "internal error") in the commands that use it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua

MINIMAL = ROOT / "tests" / "plans" / "valid" / "minimal.yaml"
EXAMPLE = ROOT / "plans" / "plan-2022.yaml"

SCORED = MINIMAL.read_text("utf-8") + """\
criteria:
  - {id: x, title: Nhiệm vụ, max_points: MAX}
  - {id: y, title: Phong trào, max_points: MAX}
scores:
  btc: {x: A, y: B}
  bnv: {x: C, y: D}
"""


def scored(tmp: Path, max_points: str, a: str, b: str, c: str = "1", d: str = "1") -> Path:
    path = tmp / "plan.yaml"
    text = SCORED.replace("MAX", max_points)
    for name, value in (("A", a), ("B", b), ("C", c), ("D", d)):
        text = text.replace(f"{{x: {name}", f"{{x: {value}").replace(f"y: {name}}}",
                                                                     f"y: {value}}}")
    path.write_text(text, "utf-8")
    return path


# -- 12. dates outside 1900..2100


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "31/12/1899", "1/1/2101"])
def test_lint_locates_a_date_no_plan_can_mean(value: str, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.read_text("utf-8") + f"    due: {value}\n", "utf-8")
    r = thidua("lint", "--today", "2022-01-01", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "TD205@22:10" in r.findings(columns=True)
    assert "is outside the years a plan can mean (1900 to 2100)" in r.stdout


def test_the_window_edges_are_inside(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = MINIMAL.read_text("utf-8")
    plan.write_text(text + "    due: 2100-12-31\nbasis:\n  - {id: b, number: 1/SL, "
                    "date: 1900-01-01, issuer: Chủ tịch nước, title: về thi đua}\n", "utf-8")
    r = thidua("lint", "--today", "2022-01-01", "--select", "TD205", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stdout


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01"])
def test_new_from_says_which_date_it_cannot_move(value: str, tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(EXAMPLE.read_text("utf-8").replace("date: 2022-04-26", f"date: {value}"),
                      "utf-8")
    line = next(i for i, text in enumerate(source.read_text("utf-8").splitlines(), 1)
                if value in text)
    # As it comes: the source has an error, so no new plan is made from it.
    r = thidua("new", "new.yaml", "--year", "2023", "--from", "plan.yaml",
               "--today", "2022-01-01", cwd=tmp_path)
    assert r.returncode == 1
    assert f"plan.yaml:{line}:11: error TD205" in r.stderr
    # With the rule turned off, the move itself refuses, naming the date.
    (tmp_path / ".thidua.toml").write_text('ignore = ["TD205", "TD201", "TD204"]\n', "utf-8")
    year = "2023" if value.startswith("9999") else "1900"
    r = thidua("new", "new.yaml", "--year", year, "--from", "plan.yaml",
               "--today", "2022-01-01", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    if value.startswith("9999"):
        assert r.stderr == (f"thidua: error: plan.yaml:{line}:11: the date {value} cannot be "
                            f"moved to the plan of {year}: it would leave the calendar (fix "
                            "the date first: thidua lint reports it as TD205)\n")
    else:
        # Moving 0001-01-01 back 122 years, to the plan of 1900, would leave the
        # calendar too; but a plan is never moved back: that --year is refused first.
        assert re.match(r"thidua: error: plan\.yaml:\d+:7: --year 1900 is not after the year "
                        r"of the source plan \(2022\)", r.stderr), r.stderr
    assert not (tmp_path / "new.yaml").exists()


# -- 13. points: finite, at most 1,000,000, two decimals; totals exact


@pytest.mark.parametrize(("max_points", "a", "message"), [
    ("1e308", "1e308", "must be at most 1000000"),
    ("1000000.01", "1", "must be at most 1000000"),
    ("100", "1.005", "1.005 has more than 2 decimals"),
    ("100.125", "1", "100.125 has more than 2 decimals"),
    ("100", "-1e9", "must be at least -1000000"),
    ("100", ".inf", "expected a finite number"),
])
def test_points_out_of_bounds_are_schema_errors(max_points: str, a: str, message: str,
                                                tmp_path: Path) -> None:
    scored(tmp_path, max_points, a, a)
    r = thidua("lint", "--today", "2022-01-01", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert all(f.startswith("TD002@") for f in r.findings()), r.stdout
    assert message in r.stdout
    for command in (("render", "plan.yaml", "-o", "plan.md"),
                    ("report", "-f", "json", "plan.yaml", "-o", "r.json")):
        r = thidua(*command, cwd=tmp_path)
        assert r.returncode == 1, r.stderr
        assert "internal error" not in r.stderr and "Traceback" not in r.stderr
        assert "TD002" in r.stdout + r.stderr


def test_the_largest_points_add_up_exactly(tmp_path: Path) -> None:
    scored(tmp_path, "1000000", "999999.99", "0.01", "0.1", "0.2")
    r = thidua("report", "-f", "json", "--as-of", "2022-12-31", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    ranking = {row["member"]: row["total"] for row in json.loads(r.stdout)["ranking"]}
    assert ranking == {"btc": 1000000, "bnv": 0.3}
    r = thidua("render", "plan.yaml", "-o", "plan.md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r"**2\.000.000**" in (tmp_path / "plan.md").read_text("utf-8")


def test_the_shipped_example_still_scores(tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests" / "plans" / "valid" / "scoring.yaml", tmp_path / "plan.yaml")
    r = thidua("report", "-f", "json", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr


# -- 15. sizes that looked like a hang: the fix diff is linear, and so is --fix


def _nfd_plan(tmp: Path, tasks: int) -> tuple[Path, str]:
    import unicodedata

    from .common import big_plan

    nfc = big_plan(tasks)
    path = tmp / "plan.yaml"
    path.write_text(unicodedata.normalize("NFD", nfc), "utf-8")
    return path, nfc


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_the_fix_diff_of_2000_tasks_is_quick_and_applies(tmp_path: Path) -> None:
    import subprocess

    plan, nfc = _nfd_plan(tmp_path, 2_000)
    r = thidua("lint", "--fix", "--diff", "plan.yaml", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("--- plan.yaml\n+++ plan.yaml\n@@ -")
    assert r.seconds < 60, r.seconds  # 33 s before, most of it in difflib
    # GNU patch, a real consumer of the diff, turns the plan into the fixed one.
    subprocess.run(["patch", "-s", "plan.yaml"], input=r.stdout, text=True, cwd=tmp_path,
                   check=True)
    assert plan.read_text("utf-8") == nfc


def test_fix_of_20000_tasks_is_linear(tmp_path: Path) -> None:
    plan, nfc = _nfd_plan(tmp_path, 20_000)
    r = thidua("lint", "--fix", "--today", "2022-01-01", "plan.yaml", cwd=tmp_path,
               timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert plan.read_text("utf-8") == nfc
    assert r.seconds < 300, r.seconds
