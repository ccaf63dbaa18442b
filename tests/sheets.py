"""Helpers for the scoring-sheet tests: make sheets, fill them as a member would,
convert them with LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from thidua_cli.sheets import layout

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def rows_by_id(path: Path) -> dict[str, int]:
    import openpyxl

    ws = openpyxl.load_workbook(path)[layout.SHEET]
    col = ord(layout.COL_ID) - ord("A") + 1
    return {ws.cell(r, col).value: r for r in range(layout.FIRST_ROW, ws.max_row + 1)
            if ws.cell(r, col).value}


def fill(path: Path, scores: dict[str, Any], notes: dict[str, str] | None = None,
         cells: dict[str, Any] | None = None) -> None:
    """Type ``scores`` (by criterion id) and ``notes`` into the sheet, and any raw
    ``cells`` (``{"D12": 55}``), then save it as Excel would."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[layout.SHEET]
    rows = rows_by_id(path)
    for leaf, value in scores.items():
        ws[f"{layout.COL_SCORE}{rows[leaf]}"] = value
    for leaf, text in (notes or {}).items():
        ws[f"{layout.COL_NOTE}{rows[leaf]}"] = text
    for ref, value in (cells or {}).items():
        ws[ref] = value
    wb.save(path)


def office_convert(path: Path, out: Path, target: str) -> Path:
    """``soffice --headless --convert-to target``, with a profile of its own (so that
    tests running at once, or a desktop LibreOffice, do not share one)."""
    assert OFFICE is not None
    out.mkdir(parents=True, exist_ok=True)
    profile = (out / "profile").as_uri()
    subprocess.run([OFFICE, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", target, "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    ext = target.split(":")[0]
    converted = out / f"{path.stem}.{ext}"
    assert converted.is_file(), f"LibreOffice wrote no {converted}"
    return converted
