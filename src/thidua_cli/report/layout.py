"""What the report's DOCX needs beyond Jinja: column widths of the ranking table.

The ranking table has one column per criterion, so its number of columns is
known only at render time (docxtpl's ``{%tc %}`` loop makes them). docxtpl
then gives the new columns an average width; here the fixed columns (number,
member) keep theirs and the rest of the text width is shared equally by the
criteria, total and rank columns, in the grid and in every cell (Word reads
the one, LibreOffice the other).
"""

from __future__ import annotations

from typing import Any

# The table is found by its caption (w:tblCaption), set by the template builder.
CAPTION = "thidua-ranking"
TEXT_WIDTH_CM = 16.5
FIXED_CM = (1.3, 4.5)
_TWIPS_PER_CM = 1440 / 2.54


def fits_every_column_loop(xml: str) -> bool:
    """Whether the template's only column loops are in the ranking table, which
    ``fit_ranking_table`` repairs (a bloc's own template may have others)."""
    import re

    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.DOTALL)
    looped = [t for t in tables if re.search(r"\{%-?\s*tc\s", re.sub(r"<[^>]+>", "", t))]
    return bool(looped) and all(f'w:val="{CAPTION}"' in t for t in looped)


def finish(document: Any, context: dict[str, Any]) -> None:
    """The finishing step of the kinds with a ranking table (``data/documents.toml``)."""
    # One column per top-level criterion, and the Tự chấm column when members
    # gave their own scores.
    fit_ranking_table(document, len(context["ranking_criteria"]) + len(context["self_column"]))


def fit_ranking_table(document: Any, criteria: int) -> None:
    from docx.oxml.ns import qn

    for table in document.element.body.iter(qn("w:tbl")):
        caption = table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        if caption is None or caption.get(qn("w:val")) != CAPTION:
            continue
        rest = (TEXT_WIDTH_CM - sum(FIXED_CM)) / (criteria + 2)
        widths = [*FIXED_CM, *([rest] * (criteria + 2))]
        twips = [str(round(w * _TWIPS_PER_CM)) for w in widths]
        grid = table.find(qn("w:tblGrid"))
        for col in grid.findall(qn("w:gridCol")):
            grid.remove(col)
        for width in twips:
            col = grid.makeelement(qn("w:gridCol"), {qn("w:w"): width})
            grid.append(col)
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
