"""Found by the tenth red-team pass on the writers, each run as a real process."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ..sheets import fill
from .common import ROOT, thidua

SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"

STYLES = {
    "a BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "Windows line ends": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("style", STYLES, ids=list(STYLES))
def test_scores_import_keeps_the_plans_bom_and_line_ends(style: str, tmp_path: Path) -> None:
    # `scores import` wrote the new text as it was made: the BOM went, and the
    # lines after the first comment got Unix line ends (a file of mixed ends).
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(STYLES[style](SCORING.read_text("utf-8")))
    sheets = tmp_path / "sh"
    assert thidua("scores", "sheets", str(plan), "-o", str(sheets)).returncode == 0
    fill(sheets / "bnv.xlsx", {"nhiem-vu": 58, "phong-trao": 27, "khoi": 9.5})
    run = thidua("scores", "import", str(plan), str(sheets / "bnv.xlsx"))
    assert run.returncode == 0, run.stderr
    written = plan.read_bytes()
    assert written != STYLES[style](SCORING.read_text("utf-8"))  # the score went in
    if style == "a BOM":
        assert written.startswith(codecs.BOM_UTF8)
    else:
        assert written.count(b"\n") == written.count(b"\r\n") > 10


def _filled(tmp_path: Path, cells: dict[str, str]) -> tuple[Path, Path]:
    """The scoring plan and bnv's sheet, filled in, with ``cells`` typed too."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCORING.read_text("utf-8"), "utf-8")
    sheets = tmp_path / "sh"
    assert thidua("scores", "sheets", str(plan), "-o", str(sheets)).returncode == 0
    fill(sheets / "bnv.xlsx", {"nhiem-vu": 58, "phong-trao": 27, "khoi": 9.5}, cells=cells)
    return plan, sheets / "bnv.xlsx"


def test_a_cell_on_excels_last_row_is_read_in_bounded_memory(tmp_path: Path) -> None:
    # openpyxl gives an empty row for every row before the one a sheet holds:
    # all million were kept, 300 MB and 20 s for a three-criteria sheet.
    plan, sheet = _filled(tmp_path, {"A1048576": "x"})
    run = thidua("scores", "import", str(plan), str(sheet))
    assert run.returncode == 0, run.stderr
    assert "nhiem-vu: {self: 58, final: 57}" in plan.read_text("utf-8")
    assert run.max_rss_mb < 150, run.max_rss_mb


def test_an_id_below_the_total_row_is_still_a_changed_row(tmp_path: Path) -> None:
    # Empty rows are no longer kept: a criterion id typed far below the total row
    # must still be found, at its row.
    plan, sheet = _filled(tmp_path, {"F5000": "khoi"})
    before = plan.read_bytes()
    run = thidua("scores", "import", str(plan), str(sheet))
    assert run.returncode == 1, run.stderr
    assert "bnv.xlsx:Tự chấm!A5000: error TD50" in run.stderr, run.stderr
    assert plan.read_bytes() == before
