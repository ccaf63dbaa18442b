"""WordprocessingML read as what a reader sees: paragraphs and tables in order.

A secretariat's document says much of its structure through Word itself, not
its characters: a heading may be bold text or a heading style, a task's
``a)`` may be automatic numbering (``numPr``) that is in no ``w:t``, a
letterhead may sit in a table or in text boxes, a date in a field. So each
paragraph carries its numbering label as Word would print it, its style's
name and outline level, and whether all its text is bold or italic (by
style or by direct formatting). Text boxes become paragraphs of their own,
after the paragraph that anchors them; fields show their result, not their
code; deleted revisions are left out; soft line breaks are ``\\n`` and tabs
``\\t``, so a two-column signature typed with tabs can be split again. Text
typed in the old TCVN3 fonts (``.VnTime``, ``.VnTimeH``) is decoded from the
font's name, the surest sign there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ..text.legacy import decode
from .package import Package, W

_W = f"{{{W}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}delText", f"{_W}instrText", f"{_W}rPr",
         f"{_W}pPr", f"{_W}tblPr", f"{_W}trPr", f"{_W}tcPr", f"{_W}sectPr",
         f"{_W}footnoteReference", f"{_W}commentReference"}
_CONTAINERS = {f"{_W}{n}" for n in ("hyperlink", "smartTag", "ins", "moveTo", "fldSimple",
                                      "customXml", "sdt", "sdtContent", "bdo", "dir")}


@dataclass
class Para:
    """One paragraph as printed: its text and what Word says about it."""

    text: str
    style: str = ""
    label: str = ""
    bold: bool = False
    italic: bool = False
    center: bool = False
    outline: int | None = None
    #: Numbering level (0 for the outermost) when the label is Word's own.
    level: int | None = None

    @property
    def full(self) -> str:
        """The text with the numbering label in front, as a reader sees it."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class Table:
    rows: list[list[list[Para]]] = field(default_factory=list)

    def cell_texts(self) -> list[list[str]]:
        return [["\n".join(p.full for p in cell).strip() for cell in row] for row in self.rows]


Block = Para | Table


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    italic: bool | None
    center: bool | None
    outline: int | None
    num: tuple[str, int] | None


def _on(element: Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(f"{_W}val", "true") not in ("0", "false", "off", "none")


class Reader:
    """Turns a package's document part into blocks."""

    def __init__(self, package: Package) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_style = ""
        self.default_run_style = ""
        if package.styles is not None:
            self._read_styles(package.styles)
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if package.numbering is not None:
            self._read_numbering(package.numbering)
        self.document = package.document

    # ------------------------------------------------------------ styles

    def _read_styles(self, root: Element) -> None:
        for style in root.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId", "")
            name_el = style.find(f"{_W}name")
            name = name_el.get(f"{_W}val", sid) if name_el is not None else sid
            based = style.find(f"{_W}basedOn")
            ppr = style.find(f"{_W}pPr")
            rpr = style.find(f"{_W}rPr")
            outline = center = None
            num = None
            if ppr is not None:
                level = ppr.find(f"{_W}outlineLvl")
                found = _decimal(None if level is None else level.get(f"{_W}val"), -1, 9)
                if found >= 0:
                    outline = found
                jc = ppr.find(f"{_W}jc")
                if jc is not None:
                    center = jc.get(f"{_W}val") == "center"
                num = _num_pr(ppr)
            bold = _on(rpr.find(f"{_W}b")) if rpr is not None else None
            italic = _on(rpr.find(f"{_W}i")) if rpr is not None else None
            self.styles[sid] = _Style(name, based.get(f"{_W}val") if based is not None else None,
                                      bold, italic, center, outline, num)
            if style.get(f"{_W}default") in ("1", "true"):
                if style.get(f"{_W}type") == "paragraph":
                    self.default_style = sid
                elif style.get(f"{_W}type") == "character":
                    self.default_run_style = sid

    def _style_value(self, sid: str, attr: str) -> object:
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            value = getattr(self.styles[sid], attr)
            if value is not None:
                return value
            sid = self.styles[sid].based_on or ""
        return None

    # ------------------------------------------------------------ numbering

    def _read_numbering(self, root: Element) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for item in root.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in item.iter(f"{_W}lvl"):
                ilvl = _decimal(lvl.get(f"{_W}ilvl"), 0, _LEVELS - 1)
                fmt = _val(lvl.find(f"{_W}numFmt"), "decimal")
                text = _val(lvl.find(f"{_W}lvlText"), "")
                levels[ilvl] = (fmt, text, _decimal(_val(lvl.find(f"{_W}start"), "1"), 1,
                                                    _START_MOST))
            abstract[item.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(_val(ref, ""), {}))
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = _decimal(override.get(f"{_W}ilvl"), 0, _LEVELS - 1)
                restart = override.find(f"{_W}startOverride")
                if restart is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _decimal(_val(restart, "1"), 1, _START_MOST))
            self.levels[num.get(f"{_W}numId", "")] = levels

    def _label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        ilvl = min(ilvl, 9)
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl][2]
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def level(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            if not 0 <= i <= 9:
                return ""
            value = counters[i] or (levels.get(i, ("decimal", "", 1))[2])
            return _format(levels.get(i, ("decimal", "", 1))[0], value)

        return re.sub(r"%(\d)", level, text).strip()

    # ------------------------------------------------------------ body

    def blocks(self) -> list[Block]:
        body = self.document.find(f"{_W}body")
        return list(self._blocks(body)) if body is not None else []

    def _blocks(self, parent: Element) -> Iterator[Block]:
        for child in parent:
            tag = child.tag
            if tag == f"{_W}p":
                yield from self._paragraph(child)
            elif tag == f"{_W}tbl":
                yield self._table(child)
            elif tag in _CONTAINERS:
                yield from self._blocks(child)

    def _table(self, element: Element) -> Table:
        table = Table()
        for tr in _children(element, f"{_W}tr"):
            table.rows.append([self._cell(tc) for tc in _children(tr, f"{_W}tc")])
        return table

    def _cell(self, tc: Element) -> list[Para]:
        paras: list[Para] = []
        for block in self._blocks(tc):
            if isinstance(block, Para):
                paras.append(block)
            else:  # a table in a cell: its text, row by row
                paras.extend(p for row in block.rows for cell in row for p in cell)
        return paras

    def _paragraph(self, p: Element) -> Iterator[Block]:
        ppr = p.find(f"{_W}pPr")
        sid = self.default_style
        center = None
        num = None
        if ppr is not None:
            style = ppr.find(f"{_W}pStyle")
            if style is not None:
                sid = style.get(f"{_W}val", sid)
            jc = ppr.find(f"{_W}jc")
            if jc is not None:
                center = jc.get(f"{_W}val") == "center"
            num = _num_pr(ppr)
        if num is None:
            found = self._style_value(sid, "num")
            num = found if isinstance(found, tuple) else None
        if center is None:
            center = bool(self._style_value(sid, "center"))
        style_bold = bool(self._style_value(sid, "bold"))
        style_italic = bool(self._style_value(sid, "italic"))
        outline = self._style_value(sid, "outline")
        runs: list[tuple[str, bool, bool]] = []
        boxes: list[Element] = []
        self._runs(p, runs, boxes, style_bold, style_italic, [0])
        text = "".join(t for t, _, _ in runs)
        visible = [(b, i) for t, b, i in runs if t.strip()]
        label = ""
        level = None
        if num is not None and text.strip():
            label = self._label(*num)
            level = num[1] if label else None
        name = self.styles[sid].name if sid in self.styles else sid
        yield Para(text=text, style=name, label=label,
                   bold=bool(visible) and all(b for b, _ in visible),
                   italic=bool(visible) and all(i for _, i in visible),
                   center=center, outline=outline if isinstance(outline, int) else None,
                   level=level)
        for box in boxes:
            yield from self._blocks(box)

    def _runs(self, parent: Element, out: list[tuple[str, bool, bool]], boxes: list[Element],
              bold: bool, italic: bool, field_state: list[int]) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{_W}r":
                self._run(child, out, boxes, bold, italic, field_state)
            elif tag in _CONTAINERS:
                self._runs(child, out, boxes, bold, italic, field_state)
            elif tag == f"{MC}AlternateContent":
                self._alternate(child, boxes)

    def _run(self, r: Element, out: list[tuple[str, bool, bool]], boxes: list[Element],
             bold: bool, italic: bool, field_state: list[int]) -> None:
        rpr = r.find(f"{_W}rPr")
        legacy = None
        if rpr is not None:
            rstyle = rpr.find(f"{_W}rStyle")
            if rstyle is not None:
                sid = rstyle.get(f"{_W}val", "")
                found = self._style_value(sid, "bold")
                bold = bold if found is None else bool(found)
                found = self._style_value(sid, "italic")
                italic = italic if found is None else bool(found)
            b = _on(rpr.find(f"{_W}b"))
            bold = bold if b is None else b
            i = _on(rpr.find(f"{_W}i"))
            italic = italic if i is None else i
            fonts = rpr.find(f"{_W}rFonts")
            if fonts is not None:
                face = fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or ""
                if face.lower().startswith(".vn"):
                    legacy = "upper" if face.lower().endswith("h") else "lower"
        # field_state[0]: 1 inside a field's code (skipped), 0 in its result or outside.
        for child in r:
            tag = child.tag
            piece = ""
            if tag == f"{_W}fldChar":
                kind = child.get(f"{_W}fldCharType")
                if kind == "begin":
                    field_state[0] = 1
                elif kind in ("separate", "end"):
                    field_state[0] = 0
                continue
            if field_state[0]:
                continue
            if tag == f"{_W}t":
                piece = child.text or ""
                if legacy is not None:
                    piece = decode(piece, "TCVN3")
                    piece = piece.upper() if legacy == "upper" else piece
            elif tag == f"{_W}tab" or tag == f"{_W}ptab":
                piece = "\t"
            elif tag in (f"{_W}br", f"{_W}cr"):
                kind = child.get(f"{_W}type", "textWrapping")
                piece = "\t\t" if kind == "column" else "" if kind == "page" else "\n"
            elif tag == f"{_W}noBreakHyphen":
                piece = "-"
            elif tag == f"{_W}softHyphen" and legacy is not None:
                # Byte 0xAD is "ư" in TCVN3; Word and LibreOffice store it as a soft hyphen.
                piece = decode("\u00ad", "TCVN3")
                piece = piece.upper() if legacy == "upper" else piece
            elif tag == f"{_W}sym":
                code = child.get(f"{_W}char", "")
                font = child.get(f"{_W}font", "")
                # Not a surrogate (D800-DFFF): no character, so no text of a plan
                # can hold one, and the plan written was TD001 at its name.
                if re.fullmatch(r"[0-9A-Fa-f]{4}", code) and "symbol" not in font.lower() \
                        and "wingdings" not in font.lower() \
                        and not 0xD800 <= int(code, 16) < 0xE000:
                    piece = chr(int(code, 16))
            elif tag == f"{MC}AlternateContent":
                self._alternate(child, boxes)
            elif tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object"):
                boxes.extend(_text_boxes(child))
            if piece:
                out.append((piece, bold, italic))

    def _alternate(self, element: Element, boxes: list[Element]) -> None:
        # Word writes a text box twice: the DrawingML choice and a VML fallback.
        for branch in element:
            found = _text_boxes(branch)
            if found:
                boxes.extend(found)
                return


def _text_boxes(element: Element) -> list[Element]:
    found = [e for e in element.iter(f"{_W}txbxContent")]
    # Only the outermost: a box inside a box is read with its parent.
    inner = {id(d) for e in found for d in e.iter(f"{_W}txbxContent") if d is not e}
    return [e for e in found if id(e) not in inner]


def _children(element: Element, tag: str) -> Iterator[Element]:
    """The ``tag`` children of ``element``, through content controls and revisions."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _num_pr(ppr: Element) -> tuple[str, int] | None:
    num = ppr.find(f"{_W}numPr")
    if num is None:
        return None
    num_id = _val(num.find(f"{_W}numId"), "")
    level = _val(num.find(f"{_W}ilvl"), "0")
    if not num_id:
        return None
    return num_id, _decimal(level, 0, _LEVELS - 1)


#: A list's levels (Word's nine, 0-8, and one more the reader has always kept).
_LEVELS = 10
#: The largest number Word lets a list start at.
_START_MOST = 32767


def _decimal(text: str | None, default: int, most: int) -> int:
    """An attribute of Word's decimal numbers (a level, a list's start) from 0
    to ``most``, as Word writes it: ASCII digits. Anything else is ``default``:
    ``int`` took ``²`` for a digit and failed, refused 5,000 digits and ``x``
    (internal errors), and a start of 4*10**8 made every label of an
    ``upperRoman`` list 400,000 letters (8 s, 340 MB; a lowerLetter one of
    10**12 ran out of memory)."""
    if text and text.isascii() and text.isdigit() and len(text) <= len(str(most)):
        value = int(text)
        if value <= most:
            return value
    return default


def _val(element: Element | None, default: str) -> str:
    if element is None:
        return default
    return element.get(f"{_W}val", default)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _format(fmt: str, value: int) -> str:
    # A count grows by one a paragraph: past what these forms write (Roman
    # numerals end at 3999; 30 letters of one kind), the number in digits.
    if fmt in ("upperRoman", "lowerRoman") and value <= 3999:
        out = ""
        for amount, letters in _ROMAN:
            while value >= amount:
                out += letters
                value -= amount
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("lowerLetter", "upperLetter") and value <= 26 * 30:
        letters = "abcdefghijklmnopqrstuvwxyz"
        text = letters[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return text if fmt == "lowerLetter" else text.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def read_blocks(package: Package) -> list[Block]:
    """The document's paragraphs and tables, in reading order."""
    return Reader(package).blocks()
