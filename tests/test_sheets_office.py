"""LibreOffice as the judge of the sheets: it recalculates their formulas, and a
sheet it saved imports.

A filled sheet converted to CSV headless shows LibreOffice's own totals; they
must equal thidua's (``scoring.total``) for a three-level tree with a bonus
section, a penalty section and decimals. The summary table's totals and
ranks are checked the same way.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.scoring.ranking import standings
from thidua_cli.scoring.total import member_total
from thidua_cli.scoring.tree import build_tree

from .conftest import PLANS
from .helpers import run
from .sheets import OFFICE, fill, office_convert

pytestmark = pytest.mark.skipif(OFFICE is None, reason="needs LibreOffice (soffice)")

TREE = PLANS / "valid" / "scoring-tree.yaml"
# Comma-separated, quoted, UTF-8 (character set 76).
CSV = "csv:Text - txt - csv (StarCalc):44,34,76"
FILLED = {
    "btc": {"ke-hoach": 29.5, "chat-luong": 10.25, "cai-cach": 18.75, "phat-dong": 20,
            "khoi": 19, "sang-kien": 3, "dot-xuat": 2.5, "cham-bao-cao": 1.5},
    "bnv": {"ke-hoach": 30, "chat-luong": 9.5, "cai-cach": 18.25, "phat-dong": 19.5,
            "khoi": 19, "dot-xuat": 1, "vi-pham": 0.25},
    "ubdt": {"ke-hoach": 28, "chat-luong": 9, "cai-cach": 17, "phat-dong": 18, "khoi": 18},
}


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _imported(tmp_path: Path, filled: dict[str, dict[str, float]] = FILLED
              ) -> tuple[Path, Path]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(TREE.read_text("utf-8"), "utf-8")
    folder = tmp_path / "sheets"
    assert run("scores", "sheets", str(plan), "-o", str(folder)).returncode == 0
    for member, scores in filled.items():
        fill(folder / f"{member}.xlsx", scores)
    r = run("scores", "import", str(plan), str(folder), "--field", "final")
    assert r.returncode == 0, r.stderr
    return plan, folder


def test_libreoffice_totals_equal_thiduas(tmp_path: Path) -> None:
    plan_path, folder = _imported(tmp_path)
    plan = lint_file(str(plan_path), LintOptions()).plan
    assert plan is not None
    tree = build_tree(plan.criteria)
    for member in FILLED:
        rows = _csv(office_convert(folder / f"{member}.xlsx", tmp_path / "csv", CSV))
        office = {row[5]: row[3] for row in rows[6:] if len(row) > 5 and row[5]}
        ours = member_total(tree, plan.scores[member])
        assert ours is not None
        sections = [n.id for n in tree.nodes if not n.leaf]
        assert {s: Decimal(office[s]) for s in sections} == {s: ours.values[s] for s in sections}
        assert Decimal(office["__total__"]) == ours.total, member
    # The bonus cap took effect (3 + 2.5 capped at 5) and the penalty subtracted.
    btc = member_total(tree, plan.scores["btc"])
    assert btc is not None and btc.values["thuong"] == 5 and btc.total == Decimal("101")


def test_libreoffice_recalculates_the_summary_table(tmp_path: Path) -> None:
    # Within the bonus cap here: the plan must lint clean for the table.
    plan_path, _ = _imported(tmp_path, {**FILLED, "btc": {**FILLED["btc"], "dot-xuat": 2}})
    table = tmp_path / "bang-tong-hop.xlsx"
    assert run("scores", "table", str(plan_path), "-o", str(table)).returncode == 0
    rows = _csv(office_convert(table, tmp_path / "csv", CSV))
    plan = lint_file(str(plan_path), LintOptions()).plan
    assert plan is not None
    names = {m.name: m.id for m in plan.bloc.members}
    office = {names[row[1]]: (Decimal(row[-2]), int(row[-1])) for row in rows[4:] if row[1]}
    ours = {s.member: (s.final.total, s.rank) for s in standings(plan) if s.final}
    assert office == ours


def test_a_sheet_saved_by_libreoffice_imports(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(TREE.read_text("utf-8"), "utf-8")
    folder = tmp_path / "sheets"
    assert run("scores", "sheets", str(plan), "-o", str(folder)).returncode == 0
    fill(folder / "btc.xlsx", FILLED["btc"], {"khoi": "Đã gửi minh chứng"})
    saved = office_convert(folder / "btc.xlsx", tmp_path / "saved",
                           "xlsx:Calc MS Excel 2007 XML")
    r = run("scores", "import", str(plan), str(saved))
    assert r.returncode == 0, r.stderr
    text = plan.read_text("utf-8")
    assert "    chat-luong: {self: 10.25, final: 10}\n" in text
    assert "    khoi: {self: 19, final: 19, note: Đã gửi minh chứng}\n" in text
    assert "    dot-xuat: {self: 2.5}\n" in text
