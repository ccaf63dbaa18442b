"""The body of a kế hoạch: bases, then sections I, II, III, then the appendix.

Headings are told by what they are (``I.``/``II.`` and upper case, a
numbering label, a heading style, bold text), items by their labels
(``a)``, ``1.``, ``-``, Word's own numbering), and a paragraph's role by the
section and sub-section it is in: under ``I. MỤC ĐÍCH, YÊU CẦU`` every item
is an objective; under ``II. NỘI DUNG`` there is the theme, the tasks (each
followed by its details and its ``Đơn vị chủ trì/phối hợp`` line) and the
joint activities; under ``III. TỔ CHỨC THỰC HIỆN`` the members and the task
table. What is in none of these places is kept as unplaced text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .citation import key
from .draft import one_line, tidy
from .word import Block, Para, Table

Section = Literal["preamble", "objectives", "content", "organisation", "other", "appendix"]
Part = Literal["", "theme", "tasks", "events", "members", "table", "duty", "other"]

_ROMAN = re.compile(r"^(?P<n>[IVX]{1,4})\s*[.)/-]\s*(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?P<text>\S.*)$", re.S)
_LETTERED = re.compile(r"^(?P<n>[a-zđ])\s*[.)]\s*(?P<text>\S.*)$", re.S)
_DASH = re.compile(r"^[-–+•*]\s*")
_LEAD = re.compile(r"(?:Đơn vị\s+)?chủ trì\s*:", re.I)
_SUPPORT = re.compile(r"(?:Đơn vị\s+)?phối hợp\s*:", re.I)
_DUE = re.compile(r"Thời (?:hạn|gian)(?: hoàn thành)?\s*:", re.I)

#: The sentence ``thidua render`` writes under "Trách nhiệm thực hiện".
RENDERED_DUTY = "Các thành viên Khối căn cứ Kế hoạch này xây dựng kế hoạch cụ thể của đơn vị"

#: The sentence ``thidua render`` writes under "Trách nhiệm thực hiện".
RENDERED_DUTY = "Các thành viên Khối căn cứ Kế hoạch này xây dựng kế hoạch cụ thể của đơn vị"

SECTION_WORDS: tuple[tuple[str, Section], ...] = (
    ("mục đích", "objectives"), ("mục tiêu", "objectives"), ("nội dung", "content"),
    ("tổ chức thực hiện", "organisation"), ("phụ lục", "appendix"),
)
#: How sub-section headings begin (after their ``1.``), and what they open.
PART_WORDS: tuple[tuple[str, Part], ...] = (
    ("chủ đề", "theme"), ("nhiệm vụ", "tasks"), ("các nhiệm vụ", "tasks"),
    ("nội dung", "tasks"), ("chỉ tiêu", "tasks"), ("các chỉ tiêu", "tasks"),
    ("hoạt động", "events"), ("các hoạt động", "events"), ("thành viên", "members"),
    ("phân công", "table"), ("tiến độ", "table"), ("trách nhiệm", "duty"),
    ("mục đích", ""), ("yêu cầu", ""),
)


@dataclass
class Item:
    """A task or activity as written: its title line and what follows it."""

    title: str
    details: list[str] = field(default_factory=list)
    lead: str | None = None
    support: str | None = None
    due: str | None = None


@dataclass
class Body:
    bases: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    tasks: list[Item] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    tables: list[tuple[Section, Table]] = field(default_factory=list)
    appendix: list[Block] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def section_of(para: Para) -> Section | None:
    """The section a paragraph opens, if it is a section heading."""
    text = one_line(para.full)
    match = _ROMAN.match(text)
    words = match.group("text") if match else text
    if (not match and not (para.bold or para.outline == 0)) or len(words.split()) > 12:
        return None
    if words.upper() != words:
        return None
    k = key(words)
    for word, section in SECTION_WORDS:
        if k.startswith(word) or (word != "nội dung" and word in k):
            return section
    return "other" if match else None


def _part_of(para: Para, text: str, section: Section) -> Part | None:
    """The sub-section a numbered heading (``1. Chủ đề thi đua``) opens."""
    match = _NUMBERED.match(text)
    if match is None or len(text.split()) > 9 or text.rstrip().endswith((".", ";", ":")):
        return None
    if not (para.bold or para.outline is not None or "heading" in para.style.lower()):
        return None
    k = key(match.group("text"))
    for word, part in PART_WORDS:
        if k == word or k.startswith(word + " "):
            if section == "content" and part in ("members", "table", "duty"):
                continue
            if section == "organisation" and part in ("theme", "tasks", "events"):
                continue
            if section == "objectives" and part != "":
                continue
            return part
    return None


def read_body(blocks: list[Block]) -> Body:
    body = Body()
    section: Section = "preamble"
    part: Part = ""
    for block in blocks:
        if section == "appendix":
            body.appendix.append(block)
            continue
        if isinstance(block, Table):
            body.tables.append((section, block))
            continue
        text = tidy(block.full)
        line = one_line(text)
        if not line or re.fullmatch(r"[_\-–—=.*\s]+", line):
            continue
        opened = section_of(block)
        if opened is not None:
            section, part = opened, ""
            if section == "appendix":
                body.appendix.append(block)
            elif section == "other":
                body.unplaced.append(line)
            continue
        if section == "preamble":
            if key(line).startswith("căn cứ"):
                body.bases.append(text)
            else:
                body.intro.append(line)
            continue
        found = _part_of(block, line, section)
        if found is not None:
            part = found
            continue
        _place(body, block, text, section, part)
    return body


def _place(body: Body, para: Para, text: str, section: Section, part: Part) -> None:
    line = one_line(text)
    if section == "objectives":
        body.objectives.append(strip_label(text))
    elif section == "content":
        if part == "theme":
            body.theme.append(line)
        elif part == "events":
            body.events.append(strip_label(text))
        elif part in ("tasks", ""):
            _task_line(body, para, text)
        else:
            body.unplaced.append(line)
    elif section == "organisation":
        if part in ("members", ""):
            body.members.append(strip_label(text))
        elif part == "duty" and line.startswith(RENDERED_DUTY):
            pass  # thidua's own sentence, made from the bloc head's name
        else:
            body.unplaced.append(line)
    else:
        body.unplaced.append(line)


def strip_label(text: str) -> str:
    """``- text``, ``+ text``, ``a) text``, ``1. text`` → ``text``."""
    text = tidy(text)
    text = _DASH.sub("", text, count=1)
    return tidy(text)


def _is_item(para: Para, text: str) -> bool:
    if para.label and para.label not in ("-", "•") and para.level is not None:
        return True
    if _LETTERED.match(text) or _NUMBERED.match(text):
        return True
    return para.bold and not _DASH.match(text) and not _LEAD.match(text)


def _task_line(body: Body, para: Para, text: str) -> None:
    duty = assignment(text)
    if duty is not None and body.tasks:
        task = body.tasks[-1]
        task.lead = duty[0] or task.lead
        task.support = duty[1] or task.support
        task.due = duty[2] or task.due
        return
    if _is_item(para, text) and not (para.label == "-" or _DASH.match(text)):
        title = text
        if not para.label:
            match = _LETTERED.match(text) or _NUMBERED.match(text)
            title = match.group("text") if match else text
        body.tasks.append(Item(tidy(title)))
    elif body.tasks:
        body.tasks[-1].details.append(strip_label(text))
    else:
        body.unplaced.append(one_line(text))


def assignment(text: str) -> tuple[str | None, str | None, str | None] | None:
    """``Đơn vị chủ trì: A. Đơn vị phối hợp: B, C. Thời hạn: ...`` as (lead, support, due)."""
    line = strip_label(one_line(text))
    marks = [(m.start(), m.end(), name) for pattern, name in
             ((_LEAD, "lead"), (_SUPPORT, "support"), (_DUE, "due"))
             for m in [pattern.search(line)] if m is not None]
    if not marks or min(m[0] for m in marks) != 0:
        return None
    marks.sort()
    found: dict[str, str] = {}
    for i, (_, end, name) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(line)
        found[name] = line[end:stop].strip().rstrip(".;").strip()
    return found.get("lead"), found.get("support"), found.get("due")
