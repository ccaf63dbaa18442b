"""From a document's blocks to a plan draft: each part read, then tied together.

The blocks are cut at the type name (``KẾ HOẠCH``: the letterhead is above
it), at ``Nơi nhận`` or the signer's authority (the closing) and at ``PHỤ
LỤC`` (the appendix). The letterhead and the closing give the document
block, the summary the title and year; ``members`` turns names into ids and
``content`` reads the lists, both noting what they infer.
"""

from __future__ import annotations

import re
from typing import Any

from .body import Body, read_body, section_of
from .citation import key
from .content import Content
from .draft import Draft, one_line
from .letterhead import Closing, Letterhead, is_closing_start, read_closing, read_letterhead
from .members import INTRO, Known, Members
from .word import Block, Para, Table

TYPE_NAMES = ("kế hoạch",)
_THEME = re.compile(r"chủ đề\s*(?:thi đua)?\s*(?:là)?\s*:?\s*[“\"](?P<theme>[^”\"]+)[”\"]", re.I)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b")


def find_title(blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks):
        if isinstance(block, Para) and key(one_line(block.full)) in TYPE_NAMES:
            return i
    return None


def recognize(blocks: list[Block], *, year: int | None = None,
              known: Known | None = None) -> Draft:
    draft = Draft()
    start = find_title(blocks)
    if start is None:
        draft.note(("title",), "no 'KẾ HOẠCH' line: the document may not be a plan")
        head_blocks, rest = [], blocks
    else:
        head_blocks, rest = blocks[:start], blocks[start + 1:]
    head = read_letterhead(head_blocks)
    title, rest = _title(rest)
    closing_at = next((i for i, b in enumerate(rest) if _opens_closing(b)), len(rest))
    appendix_at = next((i for i in range(closing_at, len(rest))
                        if _is_appendix(rest[i])),
                       len(rest))
    body = read_body(rest[:closing_at] + rest[appendix_at:])
    closing = read_closing(rest[closing_at:appendix_at])
    _Builder(draft, head, title, body, closing, year, known).build()
    return draft


def _is_appendix(block: Block) -> bool:
    return isinstance(block, Para) and section_of(block) == "appendix"


def _opens_closing(block: Block) -> bool:
    if isinstance(block, Table):
        first = block.cell_texts()[0][0] if block.rows and block.rows[0] else ""
        return key(first).startswith("nơi nhận")
    return is_closing_start(one_line(block.full).split("\t")[0]) or \
        key(one_line(block.full)).startswith("nơi nhận")


def _title(blocks: list[Block]) -> tuple[str | None, list[Block]]:
    lines: list[str] = []
    i = 0
    for i, block in enumerate(blocks):
        if not isinstance(block, Para):
            break
        line = one_line(block.full)
        if not line:
            if lines:
                i += 1
                break
            continue
        if key(line).startswith("căn cứ") or section_of(block) is not None:
            break
        if lines and not (block.bold or block.center):
            break
        if re.fullmatch(r"[_\-–—=.*\s]+", line):
            i += 1
            break
        lines.append(line)
    else:
        i = len(blocks)
    return (" ".join(lines) or None), blocks[i:]


class _Builder:
    def __init__(self, draft: Draft, head: Letterhead, title: str | None, body: Body,
                 closing: Closing, year: int | None, known: Known | None) -> None:
        self.draft, self.head, self.title, self.body = draft, head, title, body
        self.closing, self.year, self.known = closing, year, known
        self.members = Members(draft, body, head, title, known)
        self.content = Content(draft, body, self.members)

    def build(self) -> None:
        d = self.draft
        d.data["version"] = 1
        rows = self.content.task_table()
        self._year()
        if self.title:
            d.data["title"] = self.title
        else:
            d.note(("title",), "no summary (trích yếu) under 'KẾ HOẠCH': add `title:`")
        self._theme()
        self._document()
        self.members.build(rows)
        self.content.bases()
        self.content.objectives()
        self.content.tasks(rows)
        self.content.events(rows)
        self.content.criteria()
        for text in self.body.intro:
            if not INTRO.match(text) and not _THEME.search(text):
                d.unplace(text)
        for text in self.body.unplaced + self.head.unplaced + self.closing.unplaced:
            d.unplace(text)

    def _year(self) -> None:
        found = None
        # "... ban hành Kế hoạch ... năm 2022" names the plan's year; a title
        # may name another ("... giai đoạn đến năm 2030"), so it comes first.
        for text in self.body.intro:
            m = INTRO.search(text)
            if m:
                found = int(m.group("year"))
                break
        for text in () if found is not None else (self.title or "", *self.body.intro):
            m = _YEAR.search(text)
            if m:
                found = int(m.group(1))
                break
        if found is None:
            found = self.head.year
        if self.year is not None:
            if found is not None and found != self.year:
                self.draft.note(("year",), f"from --year; the document says {found}")
            self.draft.data["year"] = self.year
        elif found is not None:
            self.draft.data["year"] = found
        else:
            self.draft.note(("year",), "the document names no year: give --year")

    def _theme(self) -> None:
        lines = self.body.theme
        theme = None
        if lines:
            theme = " ".join(lines).strip()
            theme = re.sub(r'^[“"\'‘]\s*|\s*[”"\'’]\.?$', "", theme)
        else:
            for text in self.body.intro + self.body.bases + self.body.objectives:
                m = _THEME.search(text)
                if m:
                    theme = m.group("theme").strip()
                    self.draft.note(("theme",), "taken from the running text ('chủ đề: ...')")
                    break
        if theme:
            self.draft.data["theme"] = theme
        else:
            self.draft.note(("theme",), "no theme (chủ đề thi đua) found: add `theme:`")

    def _document(self) -> None:
        h, c = self.head, self.closing
        doc: dict[str, Any] = {}
        if h.parent:
            doc["parent"] = h.parent
        if h.issuer:
            doc["issuer"] = h.issuer
        if h.number is not None:
            doc["number"] = h.number
        if h.symbol:
            doc["symbol"] = h.symbol
        if h.place:
            doc["place"] = h.place
        if h.date is not None:
            doc["date"] = h.date.isoformat()
        if c.name and c.position:
            signer: dict[str, Any] = {}
            if c.authority:
                # One line, or the two-line form ("TM. ..." over "KT. ...") as a list
                # where the plan format takes one.
                signer["authority"] = (c.authority if len(c.authority) > 1
                                       and authority_takes_list() else "\n".join(c.authority))
            signer["position"] = c.position
            signer["name"] = c.name
            doc["signer"] = signer
        if c.recipients:
            doc["recipients"] = c.recipients
        for name, text in h.notes.items():
            self.draft.note(("document", name), text)
        if not doc:
            return
        if not h.place and not h.date and "signer" not in doc:
            # What thidua renders for a plan without a document block: keep it as a comment.
            lines = [f"{k}: {v}" for k, v in doc.items() if k != "recipients"]
            lines += ["recipients:"] + [f"  - {r}" for r in doc.get("recipients", [])]
            self.draft.commented.append(("document", lines))
            return
        for name in ("issuer", "symbol", "place"):
            if name not in doc:
                self.draft.note(("document", name), f"not found in the document: add `{name}:`")
        if h.draft_number:
            self.draft.note(("document", "number"), "left blank in the document (a draft)")
        if "date" not in doc and h.place:
            self.draft.note(("document", "date"), "left blank in the document (a draft)")
        self.draft.data["document"] = doc

    # ------------------------------------------------------------ bases

    # ------------------------------------------------------------ objectives, tasks

def authority_takes_list() -> bool:
    """Whether the plan format takes a signer's authority as a list of lines."""
    from ..model import Signer

    return "list[" in str(Signer.model_fields["authority"].annotation)


__all__ = ["Known", "recognize"]
