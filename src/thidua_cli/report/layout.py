"""What the report's DOCX needs beyond Jinja: column widths, the annex's page.

The ranking table has one column per criterion, so its number of columns is
known only at render time (docxtpl's ``{%tc %}`` loop makes them). docxtpl
then gives the new columns an average width; here the fixed columns (number,
member) keep theirs and the rest of the text width is shared equally by the
criteria, total and rank columns, in the grid and in every cell (Word reads
the one, LibreOffice the other).

A nested criteria tree adds an annex: every leaf's score, in tables of at most
``ANNEX_COLUMNS`` leaves, on landscape pages. The template ends the report's
section before the annex (a paragraph's ``w:sectPr``, a copy of the page's);
the annex is the last section, whose properties are the body's own, which the
report without an annex also uses: so it is turned here, only when the annex
is there.
"""

from __future__ import annotations

from typing import Any

# The table is found by its caption (w:tblCaption), set by the template builder.
CAPTION = "thidua-ranking"
TEXT_WIDTH_CM = 16.5
FIXED_CM = (1.3, 4.5)
_TWIPS_PER_CM = 1440 / 2.54
# The annex's tables, by caption: STT and member fixed, the leaves share the rest
# of a landscape page's text width (29.7 cm less 2 cm each side). Twelve leaves
# leave 1.6 cm each, room for "1.10.12" and "29,75" on one line.
ANNEX_CAPTION = "thidua-leaves"
ANNEX_COLUMNS = 12
ANNEX_FIXED_CM = (1.2, 5.5)


def fits_every_column_loop(xml: str) -> bool:
    """Whether the template's only column loops are in the ranking table, which
    ``fit_ranking_table`` repairs (a bloc's own template may have others)."""
    import re

    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.DOTALL)
    looped = [t for t in tables if re.search(r"\{%-?\s*tc\s", re.sub(r"<[^>]+>", "", t))]
    captions = (f'w:val="{CAPTION}"', f'w:val="{ANNEX_CAPTION}"')
    return bool(looped) and all(any(c in t for c in captions) for t in looped)


def finish(document: Any, context: dict[str, Any]) -> None:
    """The finishing step of the kinds with a ranking table (``data/documents.toml``)."""
    # One column per top-level criterion, and the Tự chấm column when members
    # gave their own scores.
    fit_ranking_table(document, len(context["ranking_criteria"]) + len(context["self_column"]))
    fit_annex(document)


def fit_annex(document: Any) -> None:
    """The annex's tables sized to a landscape page, and its section turned."""
    from docx.oxml.ns import qn

    body = document.element.body
    tables = [t for t in body.iter(qn("w:tbl")) if _caption(t) == ANNEX_CAPTION]
    if not tables:
        return
    # The section before the annex must have ended, or turning the last one
    # would turn the whole report (a bloc's template without the break).
    before = [e for e in tables[0].itersiblings(preceding=True)
              if e.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    sect = body.find(qn("w:sectPr"))
    if not before or sect is None:
        return
    width_cm = _landscape(sect)
    for table in tables:
        # The header row's cells: the grid still has the template's columns.
        columns = len(table.find(qn("w:tr")).findall(qn("w:tc")))
        # Shared to the hundredth of a cm below, so rounding never overflows the page.
        rest = (width_cm - sum(ANNEX_FIXED_CM)) / max(columns - len(ANNEX_FIXED_CM), 1)
        rest = int(rest * 100) / 100
        _set_widths(table, [*ANNEX_FIXED_CM, *([rest] * (columns - len(ANNEX_FIXED_CM)))])


def _landscape(sect: Any) -> float:
    """Turn the section ``sect`` describes to landscape; its text width in cm.
    The margins turn with the page: the bound edge (the portrait's left) is the
    landscape page's top. Its first page is numbered like the others."""
    from docx.oxml.ns import qn

    size = sect.find(qn("w:pgSz"))
    width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    if width < height:
        size.set(qn("w:w"), str(height))
        size.set(qn("w:h"), str(width))
        size.set(qn("w:orient"), "landscape")
        margins = sect.find(qn("w:pgMar"))
        sides = {k: margins.get(qn(f"w:{k}")) for k in ("top", "right", "bottom", "left")}
        for new, old in (("top", "left"), ("right", "top"), ("bottom", "right"),
                         ("left", "bottom")):
            margins.set(qn(f"w:{new}"), sides[old])
    title_page = sect.find(qn("w:titlePg"))
    if title_page is not None:
        sect.remove(title_page)
    margins = sect.find(qn("w:pgMar"))
    text = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(
        margins.get(qn("w:right")))
    return text / _TWIPS_PER_CM


def fit_ranking_table(document: Any, criteria: int) -> None:
    from docx.oxml.ns import qn

    for table in document.element.body.iter(qn("w:tbl")):
        if _caption(table) != CAPTION:
            continue
        rest = (TEXT_WIDTH_CM - sum(FIXED_CM)) / (criteria + 2)
        _set_widths(table, [*FIXED_CM, *([rest] * (criteria + 2))])


def _caption(table: Any) -> str | None:
    from docx.oxml.ns import qn

    caption = table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
    return None if caption is None else str(caption.get(qn("w:val")))


def _set_widths(table: Any, widths: list[float]) -> None:
    """The grid and every cell's width, in cm."""
    from docx.oxml.ns import qn

    twips = [str(round(w * _TWIPS_PER_CM)) for w in widths]
    grid = table.find(qn("w:tblGrid"))
    for col in grid.findall(qn("w:gridCol")):
        grid.remove(col)
    for width in twips:
        col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): width})
        grid.append(col)
    tbl_w = table.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
    if tbl_w is not None:
        tbl_w.set(qn("w:w"), str(sum(int(t) for t in twips)))
        tbl_w.set(qn("w:type"), "dxa")
    for row in table.findall(qn("w:tr")):
        position = 0
        for cell in row.findall(qn("w:tc")):
            pr = cell.find(qn("w:tcPr"))
            span_el = None if pr is None else pr.find(qn("w:gridSpan"))
            span = 1 if span_el is None else int(span_el.get(qn("w:val")))
            width_el = None if pr is None else pr.find(qn("w:tcW"))
            if width_el is not None:
                total = sum(round(w * _TWIPS_PER_CM) for w in widths[position:position + span])
                width_el.set(qn("w:w"), str(total))
                width_el.set(qn("w:type"), "dxa")
            position += span
