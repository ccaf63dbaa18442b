"""What a rendered DOCX needs beyond Jinja: column widths, pagination, spacing.

Run on the python-docx document after docxtpl has filled it, so everything is
computed from what the plan put in it:

- **widths**: a column holding dates, months or numbers (``15/12/2026``,
  ``tháng 10/2026``, ``STT``) is made as wide as its longest text on one line,
  measured with Times New Roman's metrics (``metrics.toml``); names and titles
  share the rest of the text width. Tables are found by their caption
  (``w:tblCaption``, set by the template builders), so a bloc's own template
  without them is left as it is.
- **pagination**: the paragraph (or the last table row) just before the
  closing block keeps with it, so a signature never stands alone on a page
  (rows that never split and section rows kept with their first row are set
  in the templates: ``w:cantSplit``, ``w:keepNext``).
- **spaced hyphens**: ``kinh tế - xã hội``, ``2021 - 2026`` get a no-break
  space before the hyphen, so a line never starts with ``- xã hội``.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .ooxml import W, properties, set_child

TEXT_WIDTH_CM = 16.5
TWIPS_PER_CM = 1440 / 2.54
# Word's default cell margins (0.19 cm each side) and room for rounding and
# kerning differences between Word and LibreOffice.
CELL_PADDING_CM = 0.38
SAFETY = 1.08
TABLE_FONT_PT = 12
_PT_PER_CM = 72 / 2.54


@dataclass(frozen=True)
class Column:
    """``fit``: as wide as its longest text, on one line; else a ``share`` of the rest."""

    fit: bool = False
    share: float = 0.0
    minimum_cm: float = 0.0


FIT = Column(fit=True)

#: The shipped templates' tables, by caption.
TABLES: dict[str, tuple[Column, ...]] = {
    # Plan, II.2 (phân công và tiến độ): STT, content, lead, support, time.
    "thidua-tasks": (FIT, Column(share=2.0), Column(share=1.0), Column(share=1.0), FIT),
    # Plan appendix: STT, criterion, most points.
    "thidua-criteria": (FIT, Column(share=1.0), Column(fit=True, minimum_cm=2.2)),
    # Report, I.2: STT, task, lead, deadline, status, result.
    "thidua-report-tasks": (FIT, Column(share=3.0), Column(share=2.0), FIT,
                            Column(share=1.6), Column(share=2.4)),
}
CLOSING = "thidua-closing"


# ------------------------------------------------------------------ metrics


@cache
def _metrics() -> tuple[dict[str, int], dict[str, int], int]:
    text = resources.files("thidua_cli.render").joinpath("metrics.toml").read_text("utf-8")
    data = tomllib.loads(text)
    chars = [chr(c) for c in range(0x20, 0x7F)]
    regular = dict(zip(chars, data["regular"], strict=True))
    bold = dict(zip(chars, data["bold"], strict=True))
    for char, width in data["extra"].items():
        regular[char] = bold[char] = int(width)
    return regular, bold, int(data["other"])


def text_width_cm(text: str, *, bold: bool = True, size_pt: float = TABLE_FONT_PT) -> float:
    """How wide ``text`` prints on one line, in centimetres."""
    regular, heavy, other = _metrics()
    table = heavy if bold else regular
    units = 0
    for char in text:
        if char not in table:
            base = unicodedata.normalize("NFD", char)[:1]
            char = base if base in table else char
        units += table.get(char, 0 if unicodedata.combining(char) else other)
    return units / 1000 * size_pt / _PT_PER_CM


# ------------------------------------------------------------------ widths


def fit_columns(document: Any) -> None:
    """Set the widths of every table ``TABLES`` knows, from its content."""
    for table in _tables(document):
        caption = _caption(table)
        columns = TABLES.get(caption or "")
        if columns is not None and _column_count(table) == len(columns):
            set_widths(table, widths_for(table, columns))


def widths_for(table: Any, columns: tuple[Column, ...]) -> list[float]:
    """Column widths in cm: fitted columns first, the rest shared by weight."""
    longest = [0.0] * len(columns)
    fitted = {i for i, c in enumerate(columns) if c.fit}
    seen: set[tuple[int, str]] = set()  # a table repeats its dates: measure each once
    for row in table.iter(f"{W}tr"):
        position = 0
        for cell in row.findall(f"{W}tc"):
            span = _span(cell)
            if span == 1 and position in fitted:
                for paragraph in cell.iter(f"{W}p"):
                    text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
                    if (position, text) not in seen:
                        seen.add((position, text))
                        longest[position] = max(longest[position], text_width_cm(text))
            position += span
    widths = [0.0] * len(columns)
    for i, column in enumerate(columns):
        if column.fit:
            widths[i] = max(column.minimum_cm, longest[i] * SAFETY + CELL_PADDING_CM)
    rest = TEXT_WIDTH_CM - sum(widths)
    shares = sum(c.share for c in columns if not c.fit) or 1.0
    for i, column in enumerate(columns):
        if not column.fit:
            widths[i] = max(column.minimum_cm, rest * column.share / shares)
    return widths


def set_widths(table: Any, widths: list[float]) -> None:
    """The grid and every cell's width (Word reads the one, LibreOffice the other)."""
    twips = [round(w * TWIPS_PER_CM) for w in widths]
    grid = table.find(f"{W}tblGrid")
    for col in list(grid):
        grid.remove(col)
    for width in twips:
        grid.append(grid.makeelement(f"{W}gridCol", {f"{W}w": str(width)}))
    tbl_pr = table.find(f"{W}tblPr")
    if tbl_pr is not None:
        set_child(tbl_pr, "tblW", w=str(sum(twips)), type="dxa")
    for row in table.iter(f"{W}tr"):
        position = 0
        for cell in row.findall(f"{W}tc"):
            span = _span(cell)
            cell_width = str(sum(twips[position:position + span]))
            pr = properties(cell, "tcPr")
            tcw = next((c for c in pr if c.tag == _TCW), None)
            if tcw is None:
                set_child(pr, "tcW", w=cell_width, type="dxa")
            else:
                tcw.set(f"{W}w", cell_width)
                tcw.set(f"{W}type", "dxa")
            position += span


_TCPR, _GRIDSPAN, _TCW = f"{W}tcPr", f"{W}gridSpan", f"{W}tcW"


def _span(cell: Any) -> int:
    # tcPr is a cell's first child: looking there directly is several times
    # faster than a path search, which counts on a table of 2,000 rows.
    pr = cell[0] if len(cell) and cell[0].tag == _TCPR else None
    if pr is not None:
        for child in pr:
            if child.tag == _GRIDSPAN:
                return int(child.get(f"{W}val"))
    return 1


def _column_count(table: Any) -> int:
    grid = table.find(f"{W}tblGrid")
    return 0 if grid is None else len(grid.findall(f"{W}gridCol"))


def _caption(table: Any) -> str | None:
    caption = table.find(f"{W}tblPr/{W}tblCaption")
    return None if caption is None else str(caption.get(f"{W}val"))


def _tables(document: Any) -> Iterator[Any]:
    yield from document.element.body.iter(f"{W}tbl")


# ------------------------------------------------------------------ pagination


def keep_signature_with_text(document: Any) -> None:
    """Keep the closing block (recipients, signature) with what precedes it."""
    closing = next((t for t in _tables(document) if _caption(t) == CLOSING), None)
    if closing is None:
        return
    before = closing.getprevious()
    while before is not None and before.tag == f"{W}p" and not _text(before).strip():
        before = before.getprevious()
    if before is None:
        return
    if before.tag == f"{W}p":
        _keep_next(before)
    elif before.tag == f"{W}tbl":
        rows = before.findall(f"{W}tr")
        if rows:
            for paragraph in rows[-1].iter(f"{W}p"):
                _keep_next(paragraph)


def _keep_next(paragraph: Any) -> None:
    set_child(properties(paragraph, "pPr"), "keepNext")


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


# ------------------------------------------------------------------ hyphens

NBSP = "\u00a0"
# A hyphen or dash with a space on each side, after a word: the space before
# it becomes a no-break space, so the hyphen ends a line, never starts one.
_SPACED = re.compile(r"(?<=\S) ([-–—]) ")


def keep_hyphens(texts: Iterable[Any]) -> None:
    for element in texts:
        text = element.text
        if text and ("- " in text or "– " in text or "— " in text):
            element.text = _SPACED.sub(NBSP + r"\1 ", text)


def finish_document(document: Any) -> None:
    """Everything above, on a rendered document."""
    fit_columns(document)
    keep_signature_with_text(document)
    keep_hyphens(document.element.body.iter(f"{W}t"))
