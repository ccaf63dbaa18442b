"""The frame of the document: letterhead above the type name, recipients and signer below.

Secretariats lay both out in many ways: a borderless table of two columns
(the shipped template's), text boxes, one paragraph per side separated by
tabs, a two-column section. Each is read as two streams of lines, left and
right, and the lines are recognised by what they say (``Số: ...``, ``Hà Nội,
ngày ...``, ``Nơi nhận:``, ``KT. CHỦ TỊCH``), not by where they sit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .citation import key
from .draft import one_line, tidy
from .names import ascii_fold, initials
from .word import Block, Para, Table

NATIONAL = ("cộng hòa xã hội chủ nghĩa việt nam", "độc lập - tự do - hạnh phúc")
_NUMBER = re.compile(r"^Số\s*:?\s*(?P<number>\d*)\s*/\s*(?P<symbol>\S+)\s*$", re.I)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]+?)\s*,\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})\s*$")
_RULE = re.compile(r"^[\s_\-–—=.*]*$")
AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*\S")
_SIGNED = re.compile(r"^\(?\s*(đã ký|ký|kí)\b", re.I)


@dataclass
class Line:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Letterhead:
    parent: str | None = None
    issuer: str | None = None
    number: int | None = None
    symbol: str | None = None
    place: str | None = None
    date: date | None = None
    year: int | None = None
    draft_number: bool = False
    notes: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)


def _lines(para: Para) -> list[Line]:
    return [Line(one_line(part), para.bold, para.italic)
            for part in para.full.split("\n") if one_line(part)]


def columns(blocks: list[Block]) -> tuple[list[Line], list[Line]]:
    """The blocks' lines, left column then right, however the columns were made."""
    left: list[Line] = []
    right: list[Line] = []
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for i, cell in enumerate(row):
                    side = left if i == 0 or len(row) == 1 else right
                    for para in cell:
                        side.extend(_lines(para))
            continue
        for raw in block.full.split("\n"):
            parts = [p for p in re.split(r"\t+", raw) if one_line(p)]
            if len(parts) >= 2:
                left.append(Line(one_line(parts[0]), block.bold, block.italic))
                right.append(Line(one_line(" ".join(parts[1:])), block.bold, block.italic))
            elif parts:
                line = Line(one_line(parts[0]), block.bold, block.italic)
                # One side only: a tab before the text, or centred/right text, is the right side.
                (right if raw.startswith("\t") else left).append(line)
    return left, right


def read_letterhead(blocks: list[Block]) -> Letterhead:
    head = Letterhead()
    left, right = columns(blocks)
    bodies: list[Line] = []
    for line in left + right:
        text = line.text
        k = key(text)
        if any(k == n or k.replace(" ", "") == n.replace(" ", "") for n in NATIONAL) \
                or _RULE.match(text):
            continue
        number = _NUMBER.match(text)
        place = _PLACE_DATE.match(text)
        if place is not None and not place.group("place").strip(". …"):
            place = None
        if number is not None:
            head.symbol = number.group("symbol")
            digits = number.group("number")
            if len(digits) > 9:
                # Past any document's number (at most 999999), and past the
                # 4,300 digits int() reads: `Số: 99…9/KH` was an internal error.
                # Left blank, as a draft's, and said beside the symbol.
                head.draft_number = True
                head.notes["symbol"] = (f"the number before it, {digits[:12]}… "
                                        f"({len(digits)} digits), is no document's: left out")
            elif digits:
                head.number = int(digits)
            else:
                head.draft_number = True
        elif place is not None:
            head.place = place.group("place").strip()
            head.year = int(place.group("y"))
            if place.group("d") and place.group("m"):
                try:
                    head.date = date(head.year, int(place.group("m")), int(place.group("d")))
                except ValueError:
                    head.notes["date"] = f"not a day in the calendar: {text}"
        elif text.startswith(("...", "…")) and "ngày" in text:
            head.notes["place"] = "the document leaves the place blank"
            found = re.search(r"năm\s*(\d{4})", text)
            head.year = int(found.group(1)) if found else None
        elif text.upper() == text and any(c.isalpha() for c in text) and line in left:
            bodies.append(line)
        else:
            head.unplaced.append(text)
    _bodies(head, bodies)
    return head


def _bodies(head: Letterhead, bodies: list[Line]) -> None:
    """Parent body (regular) and issuing body (bold), as Nghị định 30 sets them."""
    if not bodies:
        return
    bold = [b for b in bodies if b.bold]
    if len(bodies) == 1:
        head.issuer = bodies[0].text
        return
    if bold and len(bold) < len(bodies):
        first_bold = bodies.index(bold[0])
        head.parent = " ".join(b.text for b in bodies[:first_bold]) or None
        head.issuer = " ".join(b.text for b in bodies[first_bold:] if b.bold)
        rest = [b.text for b in bodies[first_bold:] if not b.bold]
        head.unplaced.extend(rest)
        return
    if len(bold) == len(bodies):
        # All bold: one issuing body written on several lines.
        head.issuer = " ".join(b.text for b in bodies)
        head.notes["issuer"] = "the issuing body's lines joined (all bold, no parent body)"
        return
    # The symbol names the issuer (KH-LMHTXVN): one body over several lines, or the last.
    told = (head.symbol or "").rpartition("-")[2]
    if told and initials(" ".join(b.text for b in bodies)) == ascii_fold(told):
        head.issuer = " ".join(b.text for b in bodies)
        head.notes["issuer"] = f"the lines joined: the symbol's '{told}' names them all"
        return
    head.parent = " ".join(b.text for b in bodies[:-1])
    head.issuer = bodies[-1].text
    head.notes["issuer"] = ("parent and issuing body told apart by their order "
                            "(the document does not set the issuer in bold)")


@dataclass
class Closing:
    recipients: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    position: str | None = None
    name: str | None = None
    unplaced: list[str] = field(default_factory=list)


def is_closing_start(text: str) -> bool:
    return key(text).startswith("nơi nhận") or bool(AUTHORITY.match(text.strip()))


def read_closing(blocks: list[Block]) -> Closing:
    closing = Closing()
    left, right = columns(blocks)
    signer: list[str] = []
    in_recipients = False
    for line in left + right:
        text = tidy(line.text)
        if key(text).startswith("nơi nhận"):
            in_recipients = True
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                closing.recipients.append(_recipient(rest))
            continue
        if in_recipients and re.match(r"^[-–+•]\s*", text):
            closing.recipients.append(_recipient(text))
            continue
        if _SIGNED.match(text):
            continue
        in_recipients = False
        signer.append(text)
    _signer(closing, signer)
    return closing


def _recipient(text: str) -> str:
    text = re.sub(r"^[-–+•]\s*", "", text).strip()
    return re.sub(r"\s*[;.,]+$", "", text)


def _signer(closing: Closing, lines: list[str]) -> None:
    upper = [t for t in lines if t.upper() == t]
    names = [t for t in lines if t.upper() != t]
    if names:
        closing.name = names[-1]
        closing.unplaced.extend(names[:-1])
    if upper:
        # Above the position: the authority, one line or two ("TM. ..." / "KT. ...").
        closing.position = upper[-1]
        closing.authority = upper[:-1]
