"""Writing a member's scoring sheet and the bloc's summary table (openpyxl).

Totals are live formulas, built from the same rule as ``scoring.total``: a
section adds its children (penalty children subtract), a bonus or penalty
section adds at most its cap, the grand total adds the top level. Only the
score and explanation cells of leaves are unlocked; the sheet is protected
without a password, so nobody changes the structure by accident but anyone
who means to can. Every score cell accepts a number from 0 to its maximum.

Text from the plan (names, titles) is always written as text: openpyxl makes
any string that starts with ``=`` a formula, so a member named
``=HYPERLINK("http://…")`` would become a live link in every sheet
(formula injection). ``_text`` writes such a string as a string, quote-prefixed
as Excel marks text typed with a leading apostrophe.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import OutputError
from ..model import Member, Plan
from ..scoring.tree import Node, Tree
from . import layout as L

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
KIND_TEXT = {"bonus": "điểm thưởng", "penalty": "điểm trừ"}


def member_sheet(plan: Plan, tree: Tree, member: Member) -> bytes:
    """The ``.xlsx`` bytes of ``member``'s sheet."""
    return next(b for m, b in member_sheets(plan, tree, [member]))


def member_sheets(plan: Plan, tree: Tree,
                  members: Sequence[Member] | None = None) -> Iterator[tuple[Member, bytes]]:
    """Each member's sheet. The sheets differ only by the member's name and id,
    so the workbook is built and saved once, with a placeholder for each, and
    every member's file is that package with its own two texts put in: styling
    and saving the workbook is nearly all the work (``Placeheld``)."""
    from ..text.control import printable

    package: Placeheld | None = None
    for member in plan.bloc.members if members is None else members:
        # As ``_text`` puts it: a U+FFFF put in raw was ``&#65535;``, which no XML
        # reader (Excel, LibreOffice, openpyxl) takes; a C1 control stayed one.
        texts = (printable(member.name), member.id)
        if package is None:
            package = Placeheld(_member_workbook(plan, tree, _NAME, _ID), (_NAME, _ID))
        if package.fits(texts):
            yield member, package.filled(texts)
        else:  # a text the package cannot take as it is: openpyxl writes (or refuses) it
            yield member, _member_workbook(plan, tree, member.name, member.id)


def _member_workbook(plan: Plan, tree: Tree, name: str, member_id: str) -> bytes:
    """The sheet of the member ``name`` (``member_id``), saved by openpyxl."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = L.SHEET
    _title(ws, plan)
    rows = {n.id: L.FIRST_ROW + i for i, n in enumerate(tree.nodes)}
    total_row = L.FIRST_ROW + len(tree.nodes)
    for node in tree.nodes:
        _criterion_row(ws, tree, node, rows)
    _total_row(ws, tree, rows, total_row)
    _finish(ws, last_row=total_row)
    meta = _meta(wb, plan, tree)
    _text(ws[MEMBER_CELL], f"Đơn vị: {name}")
    meta[MEMBER_META] = member_id
    return _bytes(wb, plan.year)


MEMBER_CELL = "A3"
MEMBER_META = f"B{L.META_KEYS.index('member') + 1}"
# Placeholders: ASCII, no XML markup, found nowhere else in a sheet.
_NAME, _ID = "@@thidua-member-name@@", "@@thidua-member-id@@"


class Placeheld:
    """A saved workbook package with placeholder texts, filled per member.

    openpyxl writes a cell's text inline, XML-escaped, every non-ASCII
    character as a character reference (``&#272;``); a text put in the same
    way gives the bytes openpyxl would have written for it (a test compares
    them), so each member's file costs a zip, not a save. A text with
    surrounding spaces (openpyxl marks those ``xml:space``) or characters XML
    cannot hold does not ``fit``: the caller saves that one with openpyxl.
    """

    def __init__(self, data: bytes, placeholders: Sequence[str]) -> None:
        import zipfile

        self.placeholders = [p.encode("ascii") for p in placeholders]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.parts = [(info, archive.read(info)) for info in archive.infolist()]
        # Each placeholder exactly once in the package, or nothing fits.
        self.usable = all(sum(body.count(p) for _, body in self.parts) == 1
                          for p in self.placeholders)

    def fits(self, texts: Sequence[str]) -> bool:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return self.usable and all(t == t.strip() and t and not ILLEGAL_CHARACTERS_RE.search(t)
                                   for t in texts)

    def filled(self, texts: Sequence[str]) -> bytes:
        import copy
        import zipfile
        from xml.sax.saxutils import escape

        values = [escape(t).encode("ascii", "xmlcharrefreplace") for t in texts]
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, body in self.parts:
                for placeholder, value in zip(self.placeholders, values, strict=True):
                    if placeholder in body:
                        body = body.replace(placeholder, value)
                # writestr sets sizes and offsets on the entry: a copy each time.
                archive.writestr(copy.copy(info), body)
        return out.getvalue()


def _title(ws: Worksheet, plan: Plan) -> None:
    lines = [(plan.bloc.name.upper(), True, 13),
             (f"BẢNG CHẤM ĐIỂM THI ĐUA NĂM {plan.year}", True, 14),
             ("Đơn vị:", False, 13),
             ("Nhập điểm tự chấm và giải trình vào các ô trắng; các ô tổng tự tính.", False,
              11)]
    for i, (text, bold, size) in enumerate(lines, start=1):
        ws.merge_cells(f"A{i}:E{i}")
        cell = ws[f"A{i}"]
        _text(cell, text)
        cell.font = Font(name=L.FONT, bold=bold, size=size, italic=i == 4)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, text in zip("ABCDE", L.HEADERS, strict=True):
        cell = ws[f"{col}{L.HEADER_ROW}"]
        cell.value = text
        cell.font = Font(name=L.FONT, bold=True, size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    ws[f"{L.COL_ID}{L.HEADER_ROW}"] = "id"


def criterion_title(node: Node) -> str:
    """A criterion's title as its row shows it: a bonus or penalty section says so."""
    title = node.title
    kind = KIND_TEXT.get(node.kind)
    if kind and (node.depth == 0 or not node.leaf) and kind.split()[-1] not in title.lower():
        title = f"{title} ({kind})"
    return title


#: The most characters a cell holds (Excel's limit; openpyxl cuts a longer text silently).
CELL_MAX = 32767
#: The most characters of a formula, and the columns of a sheet (Excel's limits;
#: openpyxl writes past both, and Excel finds the workbook damaged).
FORMULA_MAX = 8192
COLUMNS_MAX = 16384


def table_columns(tree: Tree, tie_break: Sequence[str] = ()) -> int:
    """The columns of ``summary_table``: two a leaf, five more, and one (hidden) for
    each criterion of the tie-break order."""
    return 5 + 2 * len(tree.leaves) + len(_deciders(tree, tie_break))


def formulas(tree: Tree, members: int, *, table: bool,
             tie_break: Sequence[str] = ()) -> Iterator[tuple[tuple[str | int, ...], int]]:
    """The length of each formula a member's sheet (or, ``table``, the summary
    table) would hold, with the plan's path of the criteria it adds up."""
    if table:
        r = 4 + max(members, 1)
        cols = _Columns(tree, tie_break)
        yield ("criteria",), max(len(_final_total(tree, cols, r)),
                                 len(_self_total(tree, cols, r)))
        yield ("ranking", "tie_break"), len(_rank(cols, r, 5, r))
        for node in cols.deciders:
            yield ("ranking", "tie_break"), len(_decider(tree, node, cols, r))
        return
    rows = {n.id: L.FIRST_ROW + i for i, n in enumerate(tree.nodes)}
    for node in tree.nodes:
        if not node.leaf:
            yield node.path, len(section_formula(tree, node, rows, L.COL_SCORE))
    yield ("criteria",), len(total_formula(tree, rows, L.COL_SCORE))


def cell_texts(plan: Plan, tree: Tree) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text from the plan that a sheet or the table puts in one cell, with
    the place in the plan's data it comes from."""
    yield ("bloc", "name"), plan.bloc.name.upper()
    for i, m in enumerate(plan.bloc.members):
        yield ("bloc", "members", i, "name"), f"Đơn vị: {m.name}"
        yield ("bloc", "members", i, "id"), m.id
    for node in tree.nodes:
        yield (*node.path, "title"), criterion_title(node)
        yield (*node.path, "id"), node.id


def _criterion_row(ws: Worksheet, tree: Tree, node: Node, rows: dict[str, int]) -> None:
    r = rows[node.id]
    title = criterion_title(node)
    bold = not node.leaf
    values: list[Any] = [node.number, title, _number(node.max_points), None, None]
    for col, value in zip("ABCDE", values, strict=True):
        cell = ws[f"{col}{r}"]
        _text(cell, value)
        cell.font = Font(name=L.FONT, bold=bold, size=12)
        cell.border = BOX
        cell.alignment = Alignment(vertical="center", wrap_text=col in "BE",
                                   indent=node.depth * 2 if col == "B" else 0,
                                   horizontal="center" if col in "ACD" else None)
    ws[f"{L.COL_ID}{r}"] = node.id
    score = ws[f"{L.COL_SCORE}{r}"]
    if node.leaf:
        score.protection = Protection(locked=False)
        ws[f"{L.COL_NOTE}{r}"].protection = Protection(locked=False)
        _validate(ws, f"{L.COL_SCORE}{r}", node.max_points)
    else:
        score.value = section_formula(tree, node, rows, L.COL_SCORE)


def section_formula(tree: Tree, node: Node, rows: dict[str, int], col: str) -> str:
    """``=D8+D9-D10``, capped with ``MIN`` for a bonus or penalty section."""
    by_id = tree.by_id
    terms = _terms([by_id[c] for c in node.children], node.kind, rows, col)
    if node.kind != "points":
        return f"=MIN({terms},{_number(node.max_points)})"
    return f"={terms}"


def total_formula(tree: Tree, rows: dict[str, int], col: str) -> str:
    return f"={_terms(list(tree.top), 'points', rows, col)}"


def _terms(children: Sequence[Node], kind: str, rows: dict[str, int], col: str) -> str:
    out = ""
    for c in children:
        sign = "+" if c.kind in (kind, "bonus") else "-"
        out += f"{sign}{col}{rows[c.id]}"
    return out.lstrip("+") or "0"


def _total_row(ws: Worksheet, tree: Tree, rows: dict[str, int], r: int) -> None:
    ws.merge_cells(f"A{r}:B{r}")
    ws[f"A{r}"] = "TỔNG ĐIỂM"
    ws[f"C{r}"] = _number(tree.maximum())
    ws[f"{L.COL_SCORE}{r}"] = total_formula(tree, rows, L.COL_SCORE)
    ws[f"{L.COL_ID}{r}"] = L.TOTAL_ID
    for col in "ABCDE":
        cell = ws[f"{col}{r}"]
        cell.font = Font(name=L.FONT, bold=True, size=12)
        cell.border = BOX
        cell.alignment = Alignment(horizontal="center", vertical="center")


def _validate(ws: Worksheet, ref: str, maximum: Decimal) -> None:
    top = _number(maximum)
    dv = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(top),
                        allow_blank=True, showErrorMessage=True, errorStyle="stop",
                        errorTitle="Điểm không hợp lệ",
                        error=f"Nhập một số từ 0 đến {_vn(maximum)} (điểm tối đa của tiêu chí).",
                        promptTitle="Điểm tự chấm",
                        prompt=f"Từ 0 đến {_vn(maximum)} điểm", showInputMessage=True)
    dv.add(ref)
    ws.add_data_validation(dv)


def _finish(ws: Worksheet, last_row: int) -> None:
    widths = {"A": 8, "B": 60, "C": 11, "D": 12, "E": 40}
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    ws.column_dimensions[L.COL_ID].hidden = True
    ws.freeze_panes = f"A{L.FIRST_ROW}"
    ws.print_title_rows = f"{L.HEADER_ROW}:{L.HEADER_ROW}"
    ws.print_area = f"A1:E{last_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    _fit_to_page(ws)
    ws.page_margins.left, ws.page_margins.right = 1.18, 0.6  # inches: 30 mm, 15 mm
    # No password: the protection guards the layout against slips, not people.
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is fine
    ws.protection.formatRows = False


def _fit_to_page(ws: Worksheet) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _meta(wb: Workbook, plan: Plan, tree: Tree) -> Worksheet:
    meta: Worksheet = wb.create_sheet(L.META)
    values: dict[str, str | int] = {"format": L.FORMAT, "bloc": plan.bloc.name,
                                    "year": plan.year, "member": "",
                                    "fingerprint": tree.fingerprint()}
    for i, key in enumerate(L.META_KEYS, start=1):
        meta.cell(i, 1, key)
        _text(meta.cell(i, 2), values[key])
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    return meta


def summary_table(plan: Plan, tree: Tree) -> bytes:
    """The bloc's table: members by leaves (self and final), totals and ranks, live.

    Its formulas rank as ``scoring.ranking`` does, so the table and the report
    never disagree: totals rounded to the two decimals every score has (a sum
    of floats is not exact: 0.1 + 0.2 ranked below 0.3), a member without
    scores left blank and unranked (its total was 0, ranked last), a self
    total only when every scored leaf has a self score, and members with equal
    totals ranked by the plan's tie-break criteria, from hidden columns that
    hold each one's points (``RANK`` alone gave them one rank).
    """
    from ..scoring.total import leaf_value

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tổng hợp"
    leaves = tree.leaves
    order = plan.ranking.tie_break if plan.ranking else ()
    cols = _Columns(tree, order)
    _text(ws["A1"], plan.bloc.name.upper())
    ws["A2"] = f"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {plan.year}"
    for ref in ("A1", "A2"):
        ws[ref].font = Font(name=L.FONT, bold=True, size=13)
    header = 4
    heads = ["STT", "Đơn vị"]
    for n in leaves:
        heads += [f"{n.number} tự chấm", f"{n.number} thẩm định"]
    heads += [f"{n.number} (xét khi bằng điểm)" for n in cols.deciders]
    heads += ["Tổng tự chấm", "Tổng điểm", "Xếp hạng"]
    for i, text in enumerate(heads, start=1):
        cell = ws.cell(header, i, text)
        cell.font = Font(name=L.FONT, bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    ws.cell(header - 1, 3, "Điểm tối đa:").font = Font(name=L.FONT, italic=True, size=11)
    for j, n in enumerate(leaves):
        ws.cell(header - 1, 3 + 2 * j + 1, _number(n.max_points))
    first = header + 1
    last = first + len(plan.bloc.members) - 1
    for i, m in enumerate(plan.bloc.members):
        r = first + i
        ws.cell(r, 1, i + 1)
        _text(ws.cell(r, 2), m.name)
        points = plan.scores.get(m.id, {})
        for j, n in enumerate(leaves):
            sc, fc = 3 + 2 * j, 4 + 2 * j
            score = points.get(n.id)
            own = leaf_value(score, "self") if score is not None else None
            final = leaf_value(score, "final") if score is not None else None
            ws.cell(r, sc, None if own is None else _number(own))
            # While not checked, the final column shows the self score, as the ranking counts it.
            ws.cell(r, fc, None if final is None else _number(final))
        ws.cell(r, cols.self_total, _self_total(tree, cols, r))
        ws.cell(r, cols.total, _final_total(tree, cols, r))
        ws.cell(r, cols.rank, _rank(cols, r, first, last))
        for k, node in enumerate(cols.deciders):
            ws.cell(r, cols.decider(k), _decider(tree, node, cols, r))
        for c in range(1, cols.rank + 1):
            ws.cell(r, c).font = Font(name=L.FONT, size=11, bold=c in (cols.total, cols.rank))
            ws.cell(r, c).border = BOX
    for k in range(len(cols.deciders)):
        ws.column_dimensions[get_column_letter(cols.decider(k))].hidden = True
    ws.column_dimensions["B"].width = 36
    ws.freeze_panes = f"C{first}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    _fit_to_page(ws)
    return _bytes(wb, plan.year)


class _Columns:
    """Where the summary table keeps each leaf's scores, the totals, the rank and
    the hidden tie-break columns."""

    def __init__(self, tree: Tree, tie_break: Sequence[str]) -> None:
        leaves = tree.leaves
        self.own = {n.id: get_column_letter(3 + 2 * j) for j, n in enumerate(leaves)}
        self.final = {n.id: get_column_letter(4 + 2 * j) for j, n in enumerate(leaves)}
        self.first_leaf, self.last_leaf = "C", get_column_letter(2 + 2 * max(len(leaves), 1))
        # The tie-break columns (hidden) come before the totals, which stay last.
        self.deciders = _deciders(tree, tie_break)
        self.after_leaves = 3 + 2 * len(leaves)
        self.self_total = self.after_leaves + len(self.deciders)
        self.total, self.rank = self.self_total + 1, self.self_total + 2

    def decider(self, k: int) -> int:
        return self.after_leaves + k

    def leaf_range(self, r: int) -> str:
        return f"{self.first_leaf}{r}:{self.last_leaf}{r}"


def _deciders(tree: Tree, tie_break: Sequence[str]) -> tuple[Node, ...]:
    """The tie-break criteria that can decide, each once: an id the tree does not
    hold counts 0 for everyone (as in ``scoring.ranking``), which decides nothing."""
    by_id = tree.by_id
    seen: dict[str, Node] = {}
    for c in tie_break:
        if c in by_id and c not in seen:
            seen[c] = by_id[c]
    return tuple(seen.values())


def _final_total(tree: Tree, cols: _Columns, r: int) -> str:
    """A member's total, blank when it has no score at all (unranked, as in the report)."""
    body = _row_total(tree, cols.final, r).removeprefix("=")
    return f'=IF(COUNT({cols.leaf_range(r)})=0,"",ROUND({body},2))'


def _self_total(tree: Tree, cols: _Columns, r: int) -> str:
    """The self total, only when every scored leaf has a self score: self scores sit
    in the odd columns, and a scored leaf's final column is never empty."""
    body = _row_total(tree, cols.own, r).removeprefix("=")
    span = cols.leaf_range(r)
    return (f'=IF(COUNT({span})=0,"",IF(2*SUMPRODUCT(ISNUMBER({span})*(MOD(COLUMN({span}),2)=1))'
            f'<>COUNT({span}),"",ROUND({body},2)))')


def _decider(tree: Tree, node: Node, cols: _Columns, r: int) -> str:
    """One tie-break criterion's final points for the member (a section's added up)."""
    return f"=ROUND({_node_total(tree, node, cols.final, r)},2)"


def _rank(cols: _Columns, r: int, first: int, last: int) -> str:
    """Standard competition ranking (1, 2, 2, 4) on the total, then on each tie-break
    criterion in order: one plus the members ahead, those with a higher total and those
    with the same total that come first on the criteria (compared as nested terms, so
    the formula grows by one term a criterion)."""
    t = get_column_letter(cols.total)
    if not cols.deciders:
        return f"=IF(COUNT({t}{r})=0,\"\",RANK({t}{r},{t}${first}:{t}${last},0))"
    totals = f"{t}${first}:{t}${last}"
    ahead = ""
    for k in reversed(range(len(cols.deciders))):
        c = get_column_letter(cols.decider(k))
        span, mine = f"{c}${first}:{c}${last}", f"{c}{r}"
        ahead = f"({span}>{mine})" + (f"+({span}={mine})*({ahead})" if ahead else "")
    return (f'=IF(COUNT({t}{r})=0,"",1+COUNTIF({totals},">"&{t}{r})'
            f"+SUMPRODUCT(ISNUMBER({totals})*({totals}={t}{r})*({ahead})))")


def _row_total(tree: Tree, leaf_cols: dict[str, str], r: int) -> str:
    """One member's total as a single formula over its leaf cells, section by section."""
    return "=" + _join([(n, _node_total(tree, n, leaf_cols, r)) for n in tree.top], "points")


def _node_total(tree: Tree, node: Node, leaf_cols: dict[str, str], r: int) -> str:
    """What ``node`` adds up to over the member's leaf cells in row ``r``."""
    by_id = tree.by_id

    def expr(node: Node) -> str:
        if node.leaf:
            return f"N({leaf_cols[node.id]}{r})"
        inner = _join([(by_id[c], expr(by_id[c])) for c in node.children], node.kind)
        return f"MIN({inner},{_number(node.max_points)})" if node.kind != "points" else \
            f"({inner})"

    return expr(node)


def _join(parts: list[tuple[Node, str]], kind: str) -> str:
    out = ""
    for node, text in parts:
        out += ("+" if node.kind in (kind, "bonus") else "-") + text
    return out.lstrip("+") or "0"


def _text(cell: Cell | MergedCell, value: Any) -> None:
    """``value`` into ``cell``; a string always as text, never as a formula.

    A string gets the rule of every document thidua makes: a control character
    (which lint warns of, TD406) as ``�``. A cell cannot hold C0 controls, and
    openpyxl raised at the first (an internal error, for a warning).
    """
    if isinstance(value, str):
        from ..text.control import printable

        value = printable(value)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _vn(value: Decimal) -> str:
    from ..points import number

    return number(value)  # type: ignore[arg-type]


def _bytes(wb: Workbook, year: int) -> bytes:
    """The workbook's file, built in memory, the same bytes for the same plan.

    openpyxl writes each sheet's XML to a temporary file in TMPDIR first: one
    that cannot be written (`ulimit -f`, a full TMPDIR) was an internal error,
    lxml's ``SerialisationError: IO_EFBIG``. It also stamps the workbook and
    every zip entry with the clock: two runs on one plan gave two files, so a
    table kept in git changed at every run although nothing in it had. The
    dates are fixed (1 January of the plan's year, as a rendered document's
    template fixes its own), and the author is thidua, as in the documents.
    """
    import datetime
    import tempfile

    from lxml import etree  # type: ignore[import-untyped]

    from ..archive import stable_zip
    from ..atomic import owner_usable_umask

    day = datetime.datetime(year, 1, 1)
    wb.properties.created = wb.properties.modified = day
    wb.properties.creator = wb.properties.lastModifiedBy = "thidua"
    out = io.BytesIO()
    try:
        with owner_usable_umask():  # openpyxl writes its file, then opens it again
            wb.save(out)
    except (OSError, etree.SerialisationError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else _io_reason(str(e))
        raise OutputError("output.scratch_failed", folder=tempfile.gettempdir(),
                          reason=reason) from e
    # openpyxl's save sets `modified` to the clock whatever the workbook says.
    stamp = day.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")

    def fixed(core: bytes) -> bytes:
        return re.sub(rb"(<dcterms:modified\b[^>]*>)[^<]*", lambda m: m.group(1) + stamp, core)

    return stable_zip(out.getvalue(), edit={"docProps/core.xml": fixed})


def _io_reason(said: str) -> str:
    """lxml's ``IO_EFBIG`` as the system says it (``File too large``)."""
    import errno
    import os

    code = getattr(errno, said.removeprefix("IO_"), None)
    return os.strerror(code) if isinstance(code, int) else said
