"""Children of WordprocessingML property elements, put where the schema wants them.

ECMA-376 fixes the order of the children of ``w:pPr`` and ``w:tblPr`` (a
sequence, not a set): ``w:pBdr`` after ``w:ind`` or ``w:tblBorders`` after
``w:tblLook`` is invalid, and Word "repairs" or refuses such a file. python-docx
knows the order only for the elements it models, so the template builders and
the render step add everything else through ``set_child``.
"""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# ECMA-376 Part 1, 17.3.1.26 (CT_PPrBase, then pPr's own rPr, sectPr, pPrChange).
PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
       "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
       "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
       "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
       "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
       "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
# 17.4.60 (CT_TblPrBase, then tblPrChange).
TBLPR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
         "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
         "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")
# 17.4.70 (CT_TcPrBase).
TCPR = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
        "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns",
        "cellDel", "cellMerge", "tcPrChange")
ORDERS = {f"{W}pPr": PPR, f"{W}tblPr": TBLPR, f"{W}tcPr": TCPR}


def set_child(parent: Any, name: str, **attrs: str) -> Any:
    """``parent``'s child ``w:name`` (created, in schema order, when missing) with
    ``attrs`` set as ``w:`` attributes. ``w:trPr`` takes its children in any order."""
    tag = f"{W}{name}"
    child = parent.find(tag)
    if child is None:
        child = parent.makeelement(tag, {})
        order = ORDERS.get(parent.tag)
        if order is None:
            parent.append(child)
        else:
            rank = order.index(name)
            later = [c for c in parent if _rank(order, c.tag) > rank]
            if later:
                later[0].addprevious(child)
            else:
                parent.append(child)
    for key, value in attrs.items():
        child.set(f"{W}{key}", value)
    return child


def _rank(order: tuple[str, ...], tag: object) -> int:
    local = str(tag).removeprefix(W)
    return order.index(local) if local in order else len(order)


def properties(element: Any, name: str) -> Any:
    """The properties child (``w:pPr``, ``w:trPr``, ``w:tcPr``, ``w:tblPr``) of
    ``element``, created first in it when missing (they always come first)."""
    tag = f"{W}{name}"
    # First when present: looking there first spares a search on big tables.
    found = element[0] if len(element) and element[0].tag == tag else element.find(tag)
    if found is None:
        found = element.makeelement(tag, {})
        element.insert(0, found)
    return found
