"""Scoring-sheet inputs and the openpyxl peer for ``bench/run.py``.

    python bench/sheets.py fill SHEETS_DIR       # type scores into thidua's sheets
    python bench/sheets.py write OUT_DIR N       # peer: N small workbooks with openpyxl
    python bench/sheets.py read DIR              # peer: load every workbook in DIR

Needs openpyxl (a dependency of thidua); run with thidua's interpreter. The
peers do with bare openpyxl about what ``thidua scores`` does with a file (a
workbook of the sheet's size written; a workbook loaded), without thidua's
checks: the ratio is thidua's overhead over the library it is built on.
"""

from __future__ import annotations

import sys
from pathlib import Path


def fill(folder: Path) -> None:
    import openpyxl

    for i, path in enumerate(sorted(folder.glob("*.xlsx"))):
        wb = openpyxl.load_workbook(path)
        ws = wb["Tự chấm"]
        for row in range(7, ws.max_row + 1):
            max_points, score, ident = ws.cell(row, 3).value, ws.cell(row, 4), \
                ws.cell(row, 6).value
            if ident and ident != "__total__" and score.value is None:
                # Half of each maximum: bonus and penalty sections then stay within
                # their caps (their sub-criteria may add up to more than the cap).
                score.value = max(0, float(max_points) / 2 - (i + row) % 4 * 0.25)
                ws.cell(row, 5).value = "Có minh chứng kèm theo" if row % 3 == 0 else None
        wb.save(path)


def write(folder: Path, count: int) -> None:
    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        wb = openpyxl.Workbook()
        ws = wb.active
        assert ws is not None
        for r in range(1, 30):
            for c in range(1, 7):
                ws.cell(r, c, f"=D{r}+{c}" if c == 4 else r * c)
        wb.save(folder / f"{i}.xlsx")


def read(folder: Path) -> None:
    import openpyxl

    for path in sorted(folder.glob("*.xlsx")):
        openpyxl.load_workbook(path).close()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "fill":
        fill(Path(args[0]))
    elif command == "write":
        write(Path(args[0]), int(args[1]))
    else:
        read(Path(args[0]))
