"""``thidua scores sheets``, ``table`` and ``import``: the files, read back with openpyxl.

A sheet is judged by what a member's spreadsheet sees (protection, validation,
print setup, hidden data) and by what comes back from it: filled sheets
import into exactly the scores typed; every kind of damage is a finding at
its cell, and then nothing is written.
"""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from thidua_cli.sheets import layout

from .conftest import PLANS
from .helpers import run
from .sheets import fill, rows_by_id

TREE = PLANS / "valid" / "scoring-tree.yaml"
# btc's scores typed in its sheet: every points leaf, one bonus, one penalty.
BTC = {"ke-hoach": 29, "chat-luong": 10.5, "cai-cach": 18.25, "phat-dong": 20, "khoi": 19,
       "sang-kien": 3, "cham-bao-cao": 1}


@pytest.fixture()
def made(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the tree plan (with a comment to keep) and its members' sheets."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(TREE.read_text("utf-8"), "utf-8")
    r = run("scores", "sheets", str(plan), "-o", str(tmp_path / "sheets"))
    assert r.returncode == 0, r.stderr
    return plan, tmp_path / "sheets"


def test_one_sheet_per_member_with_the_tree_as_rows(made: tuple[Path, Path]) -> None:
    _, folder = made
    assert sorted(p.name for p in folder.iterdir()) == ["bnv.xlsx", "btc.xlsx", "ubdt.xlsx"]
    wb = openpyxl.load_workbook(folder / "btc.xlsx")
    ws = wb[layout.SHEET]
    assert [ws[f"A{r}"].value for r in (1, 2, 3)] == [
        "KHỐI THI ĐUA THỬ NGHIỆM", "BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2024", "Đơn vị: Bộ Tài chính"]
    assert [c.value for c in ws[layout.HEADER_ROW]][:5] == list(layout.HEADERS)
    numbers = [ws[f"A{r}"].value for r in range(layout.FIRST_ROW, layout.FIRST_ROW + 14)]
    assert numbers == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "2.2", "3", "3.1",
                       "3.2", "4", "4.1", "4.2"]
    rows = rows_by_id(folder / "btc.xlsx")
    assert ws[f"B{rows['ke-hoach']}"].alignment.indent == 4  # two levels down
    # Live formulas: each section, the bonus and penalty caps, the grand total.
    assert ws[f"D{rows['nhiem-vu']}"].value == "=D8+D11"
    assert ws[f"D{rows['thuong']}"].value == "=MIN(D16+D17,5)"
    assert ws[f"D{rows['__total__']}"].value == "=D7+D12+D15-D18"
    assert ws[f"C{rows['__total__']}"].value == 105


def test_protection_validation_print_setup_and_hidden_data(made: tuple[Path, Path]) -> None:
    _, folder = made
    wb = openpyxl.load_workbook(folder / "btc.xlsx")
    ws = wb[layout.SHEET]
    rows = rows_by_id(folder / "btc.xlsx")
    assert ws.protection.sheet and ws.protection.password is None
    leaf, section = rows["chat-luong"], rows["chuyen-mon"]
    assert not ws[f"D{leaf}"].protection.locked and not ws[f"E{leaf}"].protection.locked
    assert ws[f"D{section}"].protection.locked and ws[f"B{leaf}"].protection.locked
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    dv = rules[f"D{leaf}"]
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("decimal", "between", "0",
                                                                "10.5")
    assert dv.showErrorMessage and dv.error == (
        "Nhập một số từ 0 đến 10,5 (điểm tối đa của tiêu chí).")
    assert int(ws.page_setup.paperSize) == 9  # A4 in SpreadsheetML
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert {ws[ref].font.name for ref in ("A1", "A6", *(f"{c}{leaf}" for c in "ABCDE"))} == {
        "Times New Roman"}
    assert ws.column_dimensions[layout.COL_ID].hidden
    meta = wb[layout.META]
    assert meta.sheet_state == "veryHidden"
    assert {meta[f"A{i}"].value: meta[f"B{i}"].value for i in range(1, 6)} == {
        "format": layout.FORMAT, "bloc": "Khối thi đua thử nghiệm", "year": 2024,
        "member": "btc", "fingerprint": meta["B5"].value}


def test_filled_sheet_imports_keeping_comments_and_layout(made: tuple[Path, Path]) -> None:
    plan, folder = made
    before = plan.read_text("utf-8")
    fill(folder / "btc.xlsx", BTC, {"khoi": "Bổ sung minh chứng"})
    r = run("scores", "import", str(plan), str(folder / "btc.xlsx"))
    assert r.returncode == 0, r.stderr
    after = plan.read_text("utf-8")
    assert after.splitlines()[:3] == before.splitlines()[:3]  # the header comment stays
    assert "  tie_break: [nhiem-vu, cai-cach]\n" in after  # flow style kept
    assert "    ke-hoach: {self: 29, final: 29.5}\n" in after
    assert "    cai-cach: {self: 18.25, final: 18.25}\n" in after  # a bare number was final
    assert "    khoi: {self: 19, final: 19, note: Bổ sung minh chứng}\n" in after
    # bnv and ubdt had no sheet: their lines did not move.
    assert before[before.index("  bnv:"):] == after[after.index("  bnv:"):]
    assert "1 sheet(s) imported" in r.stderr


def test_field_final_and_a_new_member_entry(made: tuple[Path, Path], tmp_path: Path) -> None:
    plan, folder = made
    text = plan.read_text("utf-8")
    plan.write_text(text[:text.index("scores:")] + "scores: {}\n", "utf-8")
    fill(folder / "btc.xlsx", BTC)
    r = run("scores", "import", str(plan), str(folder / "btc.xlsx"), "--field", "final")
    assert r.returncode == 0, r.stderr
    assert plan.read_text("utf-8").endswith(
        "scores:\n  btc:\n    ke-hoach: 29\n    chat-luong: 10.5\n    cai-cach: 18.25\n"
        "    phat-dong: 20\n    khoi: 19\n    sang-kien: 3\n    cham-bao-cao: 1\n")
    lint = run("lint", str(plan))
    assert "error" not in lint.stdout.replace("0 error(s)", "")


def test_diff_and_dry_run_write_nothing(made: tuple[Path, Path]) -> None:
    plan, folder = made
    before = plan.read_bytes()
    fill(folder / "btc.xlsx", BTC)
    r = run("scores", "import", str(plan), str(folder / "btc.xlsx"), "--diff")
    assert r.returncode == 0
    assert r.stdout.startswith(f"--- {plan}\n+++ {plan}\n@@")
    assert "\n-    ke-hoach: {self: 30, final: 29.5}\n" in r.stdout
    assert "\n+    ke-hoach: {self: 29, final: 29.5}\n" in r.stdout
    r = run("scores", "import", str(plan), str(folder / "btc.xlsx"), "--dry-run")
    assert r.returncode == 0 and r.stdout == ""
    assert plan.read_bytes() == before


@pytest.mark.parametrize(("scores", "cells", "expected"), [
    # text with a decimal comma is read, with a warning; the import goes ahead
    ({"chat-luong": "10,5"}, {}, [("D10", "warning TD506 [decimal-comma]")]),
    ({"chat-luong": "mười"}, {}, [("D10", "error TD507 [not-a-number]")]),
    ({"chat-luong": 11}, {}, [("D10", "error TD505 [sheet-score-out-of-range]")]),
    ({"chat-luong": -1}, {}, [("D10", "error TD505 [sheet-score-out-of-range]")]),
    ({"chat-luong": 10.125}, {}, [("D10", "error TD505 [sheet-score-out-of-range]")]),
    ({"chat-luong": None}, {}, [("D10", "error TD510 [empty-score]")]),
    ({"chat-luong": True}, {}, [("D10", "error TD507 [not-a-number]")]),
    # an empty bonus or penalty cell is no bonus, no deduction: fine
    ({"sang-kien": None, "cham-bao-cao": None}, {}, []),
    ({}, {"D12": 39}, [("D12", "error TD508 [formula-overwritten]")]),
    ({}, {"D21": "=SUM(D7:D20)"}, [("D21", "error TD508 [formula-overwritten]")]),
    ({}, {"F9": "chat-luong", "F10": "ke-hoach"}, [("A9", "error TD509 [rows-changed]")]),
    ({}, {"F22": "them"}, [("A22", "error TD509 [rows-changed]")]),
], ids=["comma", "words", "over", "negative", "decimals", "empty", "bool", "bonus-empty",
        "total-typed", "total-changed", "rows-moved", "row-added"])
def test_findings_at_their_cells(made: tuple[Path, Path], scores: dict[str, object],
                                 cells: dict[str, object],
                                 expected: list[tuple[str, str]]) -> None:
    plan, folder = made
    sheet = folder / "btc.xlsx"
    before = plan.read_bytes()
    fill(sheet, {**BTC, **scores}, cells=cells)
    r = run("scores", "import", str(plan), str(sheet))
    found = [ln.split(": ", 1) for ln in r.stderr.splitlines() if " TD5" in ln]
    assert [(place, text.rsplit("]", 1)[0] + "]") for place, text in found] == [
        (f"{sheet}:Tự chấm!{cell}", what) for cell, what in expected]
    errors = any(what.startswith("error") for _, what in expected)
    assert r.returncode == (1 if errors else 0)
    if errors:
        assert plan.read_bytes() == before, "a sheet had an error: nothing may be written"


def test_one_bad_sheet_blocks_all(made: tuple[Path, Path]) -> None:
    plan, folder = made
    before = plan.read_bytes()
    fill(folder / "btc.xlsx", BTC)
    fill(folder / "bnv.xlsx", {**BTC, "khoi": "mười"})
    fill(folder / "ubdt.xlsx", BTC)
    r = run("scores", "import", str(plan), str(folder))
    assert r.returncode == 1
    assert f"{folder / 'bnv.xlsx'}:Tự chấm!D14: error TD507" in r.stderr
    assert plan.read_bytes() == before


@pytest.mark.parametrize(("change", "code"), [
    ("year: 2024", "TD501"), ("id: vi-pham", "TD502"), ("id: btc", "TD503")],
    ids=["other-year", "tree-changed", "member-gone"])
def test_sheet_of_another_plan(made: tuple[Path, Path], change: str, code: str) -> None:
    plan, folder = made
    fill(folder / "btc.xlsx", BTC)
    text = plan.read_text("utf-8")
    new = {"year: 2024": "year: 2025", "id: vi-pham": "id: vi-pham-ky-luat",
           "id: btc": "id: btc2"}[change]
    text = text.replace(change, new, 1)
    if code == "TD503":
        text = text.replace("head: btc", "head: btc2").replace("  btc:\n", "  btc2:\n")
    if code == "TD501":
        text = text.replace("2024", "2025")
    plan.write_text(text, "utf-8")
    r = run("scores", "import", str(plan), str(folder / "btc.xlsx"))
    assert r.returncode == 1, r.stderr
    assert f"{folder / 'btc.xlsx'}: error {code}" in r.stderr


def test_two_sheets_for_one_member(made: tuple[Path, Path], tmp_path: Path) -> None:
    plan, folder = made
    fill(folder / "btc.xlsx", BTC)
    copy = tmp_path / "btc (1).xlsx"
    shutil.copy(folder / "btc.xlsx", copy)
    r = run("scores", "import", str(plan), str(folder / "btc.xlsx"), str(copy))
    assert r.returncode == 1
    assert f"{copy}: error TD504 [duplicate-member]" in r.stderr


def test_a_workbook_not_made_by_thidua(made: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = made
    other = tmp_path / "tu-lam.xlsx"
    openpyxl.Workbook().save(other)
    r = run("scores", "import", str(plan), str(other))
    assert r.returncode == 1
    assert f"{other}: error TD511 [not-a-scoring-sheet]" in r.stderr


def _bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))


def _macro(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/vbaProject.bin", b"\0" * 10)


@pytest.mark.parametrize(("name", "make", "words"), [
    ("btc.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
     "save it as .xlsx"),
    ("btc.xlsm", lambda p: p.write_bytes(b"PK"), "never runs macros"),
    ("btc.xlsx", _macro, "never runs macros"),
    ("btc.xlsx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
     "password"),
    ("btc.xlsx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "damaged"),
    ("btc.xlsx", _bomb, "unpacks to far more"),
    ("btc.xlsx", lambda p: p.open("wb").truncate(100 * 1024 * 1024), "100 MB"),
    ("btc.ods", lambda p: p.write_bytes(b"PK"), "not an .xlsx"),
], ids=["xls", "xlsm", "vba-inside", "password", "corrupt", "zip-bomb", "100MB", "ods"])
def test_files_that_are_not_sheets_exit_2(made: tuple[Path, Path], tmp_path: Path, name: str,
                                          make: object, words: str) -> None:
    plan, _ = made
    path = tmp_path / "in" / name
    path.parent.mkdir()
    make(path)  # type: ignore[operator]
    before = plan.read_bytes()
    r = run("scores", "import", str(plan), str(path))
    assert r.returncode == 2, r.stderr
    assert words in r.stderr and str(path) in r.stderr
    assert "Traceback" not in r.stderr
    assert plan.read_bytes() == before


def test_summary_table(made: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = made
    out = tmp_path / "bang-tong-hop.xlsx"
    r = run("scores", "table", str(plan), "-o", str(out))
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(out)["Tổng hợp"]
    header = [c.value for c in ws[4]]
    assert header[:4] == ["STT", "Đơn vị", "1.1.1 tự chấm", "1.1.1 thẩm định"]
    assert header[-3:] == ["Tổng tự chấm", "Tổng điểm", "Xếp hạng"]
    btc = [c.value for c in ws[5]]
    assert btc[1] == "Bộ Tài chính" and btc[2:4] == [30, 29.5]
    assert str(btc[-2]).startswith("=") and str(btc[-1]).startswith("=IF(")


def test_plan_with_errors_is_refused(tmp_path: Path) -> None:
    bad = PLANS / "invalid" / "td304-score-on-parent.yaml"
    r = run("scores", "sheets", str(bad), "-o", str(tmp_path / "out"))
    assert r.returncode == 1
    assert "error TD304" in r.stderr and not (tmp_path / "out").exists()


def test_exact_totals_in_the_report_after_import(made: tuple[Path, Path]) -> None:
    plan, folder = made
    fill(folder / "btc.xlsx", {**BTC, "ke-hoach": 29.1, "chat-luong": 0.2})
    assert run("scores", "import", str(plan), str(folder / "btc.xlsx"), "--field",
               "final").returncode == 0
    import json

    data = json.loads(run("report", "-f", "json", "-o", "-", str(plan)).stdout)
    btc = next(r for r in data["ranking"] if r["member"] == "btc")
    # 29.1 + 0.2 + 18.25 + 20 + 19 + 3 - 1: exact, not 88.55000000000001
    assert btc["total"] == float(Decimal("88.55"))


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "sheets"
    target.write_text("", "utf-8")
    r = run("scores", "sheets", str(TREE), "-o", str(target))
    assert r.returncode == 2
    assert f"{target} is a file, not a folder" in r.stderr and "Traceback" not in r.stderr


def test_messages_in_vietnamese(made: tuple[Path, Path]) -> None:
    plan, folder = made
    fill(folder / "btc.xlsx", {**BTC, "khoi": "mười"})
    r = run("scores", "import", str(plan), str(folder / "btc.xlsx"), "--lang", "vi")
    assert f"{folder / 'btc.xlsx'}:Tự chấm!D14: error TD507 [not-a-number] 'mười' không phải " \
        "là số (điểm của tiêu chí 'khoi')" in r.stderr
    assert "không được ghi" in r.stderr


def test_a_deleted_row(made: tuple[Path, Path]) -> None:
    plan, folder = made
    sheet = folder / "btc.xlsx"
    fill(sheet, BTC)
    wb = openpyxl.load_workbook(sheet)
    wb[layout.SHEET].protection.sheet = False  # as a member who unprotects it would
    wb[layout.SHEET].delete_rows(11)  # 1.2 cai-cach
    wb.save(sheet)
    r = run("scores", "import", str(plan), str(sheet))
    assert r.returncode == 1
    assert f"{sheet}:Tự chấm!A11: error TD509 [rows-changed]" in r.stderr
