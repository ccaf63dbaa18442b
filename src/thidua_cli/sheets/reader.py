"""Reading a filled scoring sheet: what it says, checked against the plan.

openpyxl reads the workbook once, in its streaming read-only mode (every cell
read in one pass, styles not applied), formulas as written (``data_only=False``):
totals must still be the sheet's own formulas (TD508), while score cells hold
values. A score cell holding a formula (``=10+5``, a member's own
arithmetic) is read from the cached result that Excel or LibreOffice saved
with it; a file without one (never opened in a spreadsheet) has nothing to
read there, which is reported as an empty cell. Macros are never run; a
workbook with macros does not get this far (``guard``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from .. import i18n
from ..errors import InputError
from ..scoring.tree import Node, Tree, dec
from ..text.control import printable
from . import layout as L
from .finding import SheetFinding, make
from .guard import check_file

_TEXT_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


@dataclass(frozen=True)
class LeafEntry:
    score: Decimal | None
    note: str | None
    blank: bool = False


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class SheetResult:
    path: str
    member: str | None = None
    entries: dict[str, LeafEntry] = field(default_factory=dict)
    findings: list[SheetFinding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def read_sheet(path: Path, *, bloc: str, year: int, tree: Tree, members: set[str],
               lang: i18n.Lang, shown: str | None = None) -> SheetResult:
    """Read and check one sheet; ``InputError`` when the file is no workbook at all."""
    check_file(path)
    name = shown or str(path)
    result = SheetResult(name)
    wb = _open(path, name, data_only=False)
    try:
        if L.SHEET not in wb.sheetnames or L.META not in wb.sheetnames:
            result.findings.append(make(name, "not-a-scoring-sheet", lang))
            return result
        with _reading(name):
            meta = _meta(wb[L.META])

        if meta.get("format") != L.FORMAT:
            result.findings.append(make(name, "not-a-scoring-sheet", lang))
            return result
        # The sheet holds the bloc's name as a document shows it (`_text`).
        if meta.get("bloc") != printable(bloc) or str(meta.get("year")) != str(year):
            result.findings.append(make(name, "sheet-of-other-plan", lang,
                                        sheet_bloc=meta.get("bloc"), sheet_year=meta.get("year"),
                                        bloc=bloc, year=year))
            return result
        if meta.get("fingerprint") != tree.fingerprint():
            result.findings.append(make(name, "criteria-changed", lang))
            return result
        member = str(meta.get("member") or "")
        if member not in members:
            result.findings.append(make(name, "sheet-of-unknown-member", lang, member=member))
            return result
        result.member = member
        with _reading(name):
            grid = _grid(wb[L.SHEET])
        _rows(grid, path, tree, result, lang)
    finally:
        wb.close()
    return result


def _open(path: Path, name: str, *, data_only: bool) -> Any:
    import zipfile

    try:
        return _reader_class()(path, read_only=True, data_only=data_only, keep_vba=False,
                               keep_links=False).read()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError,
            IndexError) as e:
        raise InputError("sheets.corrupt", path=name) from e
    except MemoryError:  # the room, not a damaged sheet
        raise
    except Exception as e:  # openpyxl raises many kinds on damaged XML
        raise InputError("sheets.corrupt", path=name) from e


@contextmanager
def _reading(name: str) -> Iterator[None]:
    """openpyxl's read-only mode parses a sheet lazily, while its rows are read:
    a cell it cannot convert (``t="b"`` holding ``x``, a shared string that is not
    there, a reference like ``!!``) fails there, as whatever error its converter
    raised. Each is a damaged file, not an internal error."""
    try:
        yield
    except (InputError, MemoryError):
        raise
    except Exception as e:
        raise InputError("sheets.corrupt", path=name) from e


@cache
def _reader_class() -> type[Any]:
    """openpyxl's reader, reading what a sheet's values need and no more.

    ``load_workbook`` also builds every font, border and fill of the
    stylesheet as objects (a third of its time on a scoring sheet), the
    document properties and the theme: values read in read-only mode need
    only which cell styles are dates or durations, so that a date typed in
    a score cell reads as a date, as openpyxl reads it. That index is made
    here as openpyxl makes it (``Stylesheet._normalise_numbers``)."""
    from openpyxl.reader.excel import ExcelReader

    class ValuesReader(ExcelReader):
        def read(self) -> Any:
            self.read_manifest()
            self.read_strings()
            self.read_workbook()
            wb: Any = self.wb
            wb._date_formats, wb._timedelta_formats = _time_styles(self.archive)
            self.read_worksheets()
            self.parser.assign_names()
            return wb

    return ValuesReader


def _time_styles(archive: Any) -> tuple[set[int], set[int]]:
    """The indexes of the cell styles whose number format is a date, and a duration."""
    from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
    from openpyxl.xml.constants import ARC_STYLE, SHEET_MAIN_NS
    from openpyxl.xml.functions import fromstring

    dates: set[int] = set()
    durations: set[int] = set()
    try:
        root = fromstring(archive.read(ARC_STYLE))
    except KeyError:  # no stylesheet: openpyxl's defaults, no date styles
        return dates, durations
    ns = f"{{{SHEET_MAIN_NS}}}"
    custom = {int(f.get("numFmtId")): f.get("formatCode")
              for f in root.iterfind(f"{ns}numFmts/{ns}numFmt")}
    for i, xf in enumerate(root.iterfind(f"{ns}cellXfs/{ns}xf")):
        code = int(xf.get("numFmtId", 0))
        fmt = custom[code] if code in custom else builtin_format_code(code)
        if is_date_format(fmt):
            dates.add(i)
        if is_timedelta_format(fmt):
            durations.add(i)
    return dates, durations


def _meta(ws: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in ws.iter_rows(min_row=1, max_row=len(L.META_KEYS) + 5, max_col=2,
                            values_only=True):
        if row and isinstance(row[0], str):
            out[row[0]] = row[1]
    return out


def _grid(ws: Any) -> dict[int, tuple[Any, ...]]:
    """Columns A to F of every row from the first criterion on that holds a value,
    by row number.

    openpyxl's read-only rows fill every gap before a row the sheet holds with an
    empty row: one cell on Excel's last row gave a million rows, 20 s and 300 MB
    kept here. Empty rows are left out (``_at`` reads them back as empty); the
    pass over the gap remains (about a second), bounded by Excel's 1,048,576 rows."""
    width = ord(L.COL_ID) - ord("A") + 1
    out = {}
    for r, row in enumerate(ws.iter_rows(min_row=L.FIRST_ROW, max_col=width, values_only=True),
                            start=L.FIRST_ROW):
        if row.count(None) == len(row):
            continue
        out[r] = tuple(_cell(v) for v in row) + (None,) * (width - len(row))
    return out


_EMPTY: tuple[Any, ...] = (None,) * (ord(L.COL_ID) - ord("A") + 1)


def _at(grid: dict[int, tuple[Any, ...]], r: int) -> tuple[Any, ...]:
    return grid.get(r, _EMPTY)


def _cell(value: Any) -> Any:
    """A cell's value, an array formula (Ctrl+Shift+Enter) as its text like any
    formula's: openpyxl gives an ``ArrayFormula`` object, which was read as the
    text ``<openpyxl.worksheet.formula.ArrayFormula object at 0x…>``, a score
    that is not a number and a note that went into the plan."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    if isinstance(value, ArrayFormula):
        text = value.text if isinstance(value.text, str) else ""
        return text if text.startswith("=") else "=" + text
    if isinstance(value, DataTableFormula):
        return "=TABLE()"
    return value


def _rows(grid: dict[int, tuple[Any, ...]], path: Path, tree: Tree, result: SheetResult,
          lang: i18n.Lang) -> None:
    from .writer import section_formula, total_formula

    nodes = tree.nodes
    expected = [n.id for n in nodes] + [L.TOTAL_ID]
    score_i, note_i, id_i = (ord(c) - ord("A") for c in (L.COL_SCORE, L.COL_NOTE, L.COL_ID))
    end = L.FIRST_ROW + len(expected)
    found = [_at(grid, r)[id_i] for r in range(L.FIRST_ROW, end)]
    beyond = [r for r, row in grid.items() if r >= end and row[id_i] is not None]
    if found != expected or beyond:
        at = next((i for i, (a, b) in enumerate(zip(found, expected, strict=True)) if a != b),
                  min(beyond, default=end) - L.FIRST_ROW)
        result.findings.append(make(result.path, "rows-changed", lang,
                                    ("A", L.FIRST_ROW + at), row=L.FIRST_ROW + at))
        return
    rows = {n.id: L.FIRST_ROW + i for i, n in enumerate(nodes)}
    cached: dict[int, tuple[Any, ...]] | None = None
    for node in nodes:
        r = rows[node.id]
        ref = (L.COL_SCORE, r)
        value = _at(grid, r)[score_i]
        if not node.leaf:
            _formula(result, ref, value, section_formula(tree, node, rows, L.COL_SCORE), lang)
            continue
        if isinstance(value, str) and value.startswith("="):
            if cached is None:
                book = _open(path, result.path, data_only=True)
                try:
                    with _reading(result.path):
                        cached = _grid(book[L.SHEET])
                finally:
                    book.close()
            value = _at(cached, r)[score_i]
        score = _score(result, ref, value, node, lang)
        note = _at(grid, r)[note_i]
        text = None if note is None else str(note).strip() or None
        if score is None and node.kind != "points" and _blank(value):
            # An empty bonus or penalty cell: none this year. It replaces a value the
            # plan had (as 0), and adds nothing where the plan had none.
            result.entries[node.id] = LeafEntry(Decimal(0), text, blank=True)
        elif score is not None or text is not None:
            result.entries[node.id] = LeafEntry(score, text)
    total_row = L.FIRST_ROW + len(nodes)
    _formula(result, (L.COL_SCORE, total_row), _at(grid, total_row)[score_i],
             total_formula(tree, rows, L.COL_SCORE), lang)


def _formula(result: SheetResult, ref: tuple[str, int], value: Any, expected: str,
             lang: i18n.Lang) -> None:
    if _squash(value) != _squash(expected):
        result.findings.append(make(result.path, "formula-overwritten", lang, ref,
                                    found=_shown(value), expected=expected))


def _squash(value: Any) -> str:
    return re.sub(r"\s+|\$", "", str(value)).upper() if value is not None else ""


def _score(result: SheetResult, ref: tuple[str, int], value: Any, node: Node,
           lang: i18n.Lang) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if node.kind == "points":
            result.findings.append(make(result.path, "empty-score", lang, ref,
                                        criterion=node.id))
        return None
    number: Decimal | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | float):
        try:
            number = dec(value)
        except (InvalidOperation, ValueError):
            number = None
        if number is not None and not number.is_finite():
            number = None
    elif isinstance(value, str) and _TEXT_NUMBER.match(value.strip()):
        number = Decimal(value.strip().replace(",", "."))
        result.findings.append(make(result.path, "decimal-comma", lang, ref,
                                    text=value.strip(), value=_plain(number)))
    if number is None:
        result.findings.append(make(result.path, "not-a-number", lang, ref,
                                    value=_shown(value), criterion=node.id))
        return None
    if number < 0 or number > node.max_points or number.as_tuple().exponent < -2:  # type: ignore[operator]
        result.findings.append(make(result.path, "sheet-score-out-of-range", lang, ref,
                                    value=_plain(number), max=_plain(node.max_points),
                                    criterion=node.id))
        return None
    return number


def _plain(value: Decimal) -> str:
    """``value`` as a person writes it (``12.5``); a number no sheet means (``1e308``,
    ``1e-301``) in scientific form, not its 300 digits."""
    text = format(value.normalize(), "f")
    return text if len(text) <= 20 else format(value.normalize(), "g")


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:39] + "…"
