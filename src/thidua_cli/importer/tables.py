"""Tables of a plan: the task table (phân công và tiến độ) and the criteria table.

A table is recognised by its header row (``Nội dung``, ``Đơn vị chủ trì``,
``Điểm tối đa`` ...), whatever its column order; a row of one merged cell
(``A. NHIỆM VỤ TRỌNG TÂM``, ``B. HOẠT ĐỘNG CHUNG``) says whether the rows below
are tasks or joint activities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .citation import key
from .draft import tidy
from .word import Table

_COLUMNS = (
    ("stt", ("stt", "tt", "số tt")),
    ("title", ("nội dung", "nhiệm vụ", "tên nhiệm vụ", "nội dung công việc", "hoạt động",
               "nội dung tiêu chí", "tiêu chí")),
    ("lead", ("đơn vị chủ trì", "chủ trì", "đơn vị thực hiện", "đơn vị đăng cai")),
    ("support", ("đơn vị phối hợp", "phối hợp")),
    ("when", ("thời gian", "thời hạn", "tiến độ", "thời gian thực hiện", "thời gian hoàn thành")),
    ("points", ("điểm tối đa", "điểm", "điểm chuẩn", "thang điểm")),
)


@dataclass
class Row:
    group: str  # "tasks" or "events"
    title: str
    lead: str = ""
    support: str = ""
    when: str = ""
    points: str = ""


def _header(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        k = key(cell)
        for name, words in _COLUMNS:
            if name not in found and any(k == w or k.startswith(w + " ") for w in words):
                found[name] = i
                break
    return found


def task_rows(table: Table) -> list[Row] | None:
    """The rows of a task table; None when ``table`` is not one."""
    texts = table.cell_texts()
    if not texts:
        return None
    columns = _header(texts[0])
    if "title" not in columns or not ({"lead", "when"} & set(columns)) or "points" in columns:
        return None
    rows: list[Row] = []
    group = "tasks"
    for cells in texts[1:]:
        if len(cells) == 1 or len(set(cells)) == 1:
            k = key(cells[0])
            if "hoạt động" in k:
                group = "events"
            elif "nhiệm vụ" in k or "nội dung" in k:
                group = "tasks"
            continue

        def get(name: str, cells: list[str] = cells) -> str:
            i = columns.get(name)
            return tidy(cells[i]) if i is not None and i < len(cells) else ""

        if not get("title"):
            continue
        rows.append(Row(group, get("title"), get("lead"), get("support"), get("when")))
    return rows


def criteria_rows(table: Table) -> list[Row] | None:
    """The rows of a criteria table (``Nội dung tiêu chí | Điểm tối đa``)."""
    texts = table.cell_texts()
    if not texts:
        return None
    columns = _header(texts[0])
    if "title" not in columns or "points" not in columns:
        return None
    rows = []
    for cells in texts[1:]:
        title = tidy(cells[columns["title"]]) if columns["title"] < len(cells) else ""
        points = tidy(cells[columns["points"]]) if columns["points"] < len(cells) else ""
        if not title or key(title) in ("tổng cộng", "tổng", "cộng", "tổng điểm"):
            continue
        rows.append(Row("criteria", title, points=points))
    return rows


def points(text: str) -> float | int | None:
    """``10``, ``2,5``, ``1.000`` (Vietnamese number forms) as a number."""
    text = text.strip().rstrip("đ").strip()
    if not re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:[.,]\d+)?", text):
        return None
    if "," in text:
        whole, frac = text.split(",")
        value = float(whole.replace(".", "") + "." + frac)
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        value = float(text.replace(".", ""))
    else:
        value = float(text)
    return int(value) if value.is_integer() else value
