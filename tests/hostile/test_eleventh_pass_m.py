"""Found by the eleventh red-team pass on the days commands are given, each run as a
real process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from .common import ROOT, thidua

PLAN = ROOT / "plans" / "plan-2022.yaml"

# `--as-of 0001-01-01` wrote "tính đến ngày 01 tháng 01 năm 1" into the sơ kết of
# 2022; `--today 9999-12-31` counted every deadline overdue. A day outside the
# years TD205 allows in a plan is refused, as a date in the plan is flagged.
DAYS = {
    "render --as-of year 1": ["render", str(PLAN), "--doc", "so-ket", "--as-of", "0001-01-01"],
    "render --as-of 2101": ["render", str(PLAN), "--doc", "tong-ket", "--as-of", "2101-01-01"],
    "lint --today 9999": ["lint", str(PLAN), "--today", "9999-12-31"],
    "report --as-of 1899": ["report", str(PLAN), "--as-of", "31/12/1899", "-f", "md"],
}


@pytest.mark.parametrize("name", DAYS, ids=list(DAYS))
def test_a_day_outside_the_plans_years_is_refused(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    run = thidua(*DAYS[name], "-o", str(out))
    assert run.returncode == 2, run.stderr
    assert "outside the years a plan can mean (1900 to 2100)" in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()


@pytest.mark.parametrize("day", ["1900-01-01", "2100-12-31"])
def test_the_window_holds_its_ends(day: str, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    run = thidua("render", str(PLAN), "--doc", "so-ket", "--as-of", day, "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert out.exists()


@pytest.mark.parametrize("value", ["0001-01-01", '"9999-12-31"'])
def test_a_configured_today_outside_the_window_is_a_located_error(value: str,
                                                                  tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(f"# days\ntoday = {value}\n", "utf-8")
    run = thidua("lint", "--config", str(config), str(PLAN))
    assert run.returncode == 2, run.stderr
    assert f"{config}:2: 'today' is " in run.stderr
    assert "outside the years a plan can mean" in run.stderr


def test_the_library_refuses_such_a_day_naming_the_argument() -> None:
    import thidua_cli
    from thidua_cli.errors import UsageError

    with pytest.raises(UsageError) as caught:
        thidua_cli.lint([str(PLAN)], today=date(1, 1, 1))
    assert caught.value.key == "api.day_out_of_range"
    assert caught.value.params["name"] == "today"
