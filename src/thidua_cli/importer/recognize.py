"""From a document's blocks to a plan draft: each part read, then tied together.

The letterhead gives the document block; the body its sections; the task
table and the members paragraph the names, which become ids (from last
year's plan when given, else generated). References are made by name: a
lead that names no member keeps a generated id and a note, so the linter
points at it instead of the importer guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..dates import Month
from .body import Body, Item, assignment, read_body, section_of, strip_label
from .citation import key, read_citation, split_bases
from .draft import Draft, one_line, tidy
from .letterhead import (
    AUTHORITY,
    Closing,
    Letterhead,
    is_closing_start,
    read_closing,
    read_letterhead,
)
from .names import Ids, basis_id, initials, slug, split_names
from .tables import Row, criteria_rows, points, task_rows
from .word import Block, Para, Table

TYPE_NAMES = ("kế hoạch",)
ALL_NAMES = ("các thành viên khối", "các thành viên trong khối", "tất cả các thành viên",
             "các đơn vị thành viên", "các thành viên", "các đơn vị trong khối",
             "thành viên khối")
_MEMBERS = re.compile(r"^(?P<bloc>.+?)\s+năm\s+(?P<year>\d{4})\s+gồm\s+(?P<n>\d+)\s+thành viên"
                      r"\s*:\s*(?P<list>.+?)\.(?:\s+(?P<rest>Khối trưởng.*))?$", re.S)
_COUNTED = re.compile(r"gồm\s+(?P<n>\d+)\s+(?:cơ quan,?\s*)?(?:đơn vị\s+)?thành viên\s*:"
                      r"\s*(?P<list>.+?)\.?$")
_INTRO = re.compile(r"^(?P<who>.+?)\s+ban hành\s+(?:Kế hoạch|kế hoạch)\b.*?năm\s+(?P<year>\d{4})")
_THEME = re.compile(r"chủ đề\s*(?:thi đua)?\s*(?:là)?\s*:?\s*[“\"](?P<theme>[^”\"]+)[”\"]", re.I)
_LONG_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_SHORT_DATE = re.compile(r"(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})", re.I)
_LONG_MONTH = re.compile(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_SHORT_MONTH = re.compile(r"tháng\s+(\d{1,2})/(\d{4})", re.I)
# "(do Bộ Nội vụ đăng cai)", ", do Bộ Nội vụ chủ trì" at the end of an activity.
_HOST = re.compile(r",?\s*\(?\s*do\s+(?P<host>.+?)\s+(?:đăng cai|chủ trì)(?:\s+tổ chức)?\s*\)?$")
# "Tháng 9/2022: ...", "Ngày 26/4/2022 - ..." at the start of an activity.
_LEADING_WHEN = re.compile(r"^(?P<when>(?:ngày|tháng)\s+[\d/]+(?:\s+(?:tháng|năm)\s+\d+)*)"
                           r"\s*[:,\-–]\s*", re.I)
_HEAD_LINE = re.compile(r"Khối trưởng(?:\s+năm\s+\d{4})?\s*:\s*(?P<head>[^;.]+)")
_DEPUTY_LINE = re.compile(r"Khối phó(?:\s+năm\s+\d{4})?\s*:\s*(?P<dep>.+?)\.?$")
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b")


@dataclass
class Known:
    """What last year's plan (``--bloc-from``) says: ids by member name."""

    ids: dict[str, str]
    short_names: dict[str, str]
    bloc: str | None = None


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
        self.member_ids: dict[str, str] = {}
        self.member_names: list[str] = []
        self.ids = Ids()

    def build(self) -> None:
        d = self.draft
        d.data["version"] = 1
        rows = self._task_table()
        self._year()
        if self.title:
            d.data["title"] = self.title
        else:
            d.note(("title",), "no summary (trích yếu) under 'KẾ HOẠCH': add `title:`")
        self._theme()
        self._document()
        bloc_name, head_name, deputies = self._bloc_names()
        self._members(rows, head_name, deputies)
        self._bloc(bloc_name, head_name, deputies)
        self._bases()
        self._objectives()
        self._tasks(rows)
        self._events(rows)
        self._criteria()
        for text in self.body.intro:
            if not _INTRO.match(text) and not _THEME.search(text):
                d.unplace(text)
        for text in self.body.unplaced + self.head.unplaced + self.closing.unplaced:
            d.unplace(text)

    # ------------------------------------------------------------ top

    def _year(self) -> None:
        found = None
        for text in (self.title or "", *self.body.intro):
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
            for text in self.body.intro + self.body.objectives:
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

    # ------------------------------------------------------------ members

    def _bloc_names(self) -> tuple[str | None, str | None, list[str]]:
        bloc = head = None
        deputies: list[str] = []
        for text in self.body.members:
            m = _MEMBERS.match(one_line(text))
            if m:
                bloc = m.group("bloc")
            found = _HEAD_LINE.search(one_line(text))
            if found:
                head = found.group("head").strip()
            found = _DEPUTY_LINE.search(one_line(text))
            if found:
                deputies = [found.group("dep")]
        for text in self.body.intro:
            m = _INTRO.match(text)
            if m:
                who = m.group("who")
                if " - Khối trưởng " in who or " – Khối trưởng " in who:
                    left, _, right = re.split(r" [-–] (Khối trưởng) ", who, maxsplit=1)
                    head = head or left.strip()
                    bloc = bloc or right.strip()
                else:
                    bloc = bloc or who.strip()
        if bloc is None and self.title:
            m = re.search(r"của\s+(Khối thi đua.+)$", self.title)
            if m:
                bloc = m.group(1).strip()
                self.draft.note(("bloc", "name"), "taken from the summary line")
        if bloc is None and self.known is not None and self.known.bloc:
            bloc = self.known.bloc
            self.draft.note(("bloc", "name"), "from --bloc-from")
        return bloc, head, deputies

    def _members(self, rows: list[Row], head: str | None, deputies: list[str]) -> None:
        named = [r.lead for r in rows if r.lead and not _is_all(r.lead)]
        named += [n for item in self.body.tasks for n in [item.lead] if n and not _is_all(n)]
        known_names = set(named) | ({head} if head else set())
        if self.known is not None:
            known_names |= set(self.known.ids)
        names: list[str] = []
        count = None
        for text in self.body.members:
            line = one_line(text)
            m = _MEMBERS.match(line) or _COUNTED.search(line)
            if m:
                count = int(m.group("n"))
                names = split_names(m.group("list"), known_names)
                break
        if not names:
            # One member per item ("- Bộ Tài chính;") under the members heading.
            names = [re.sub(r"[;.,]$", "", strip_label(t)) for t in self.body.members
                     if not _HEAD_LINE.search(one_line(t)) and not _DEPUTY_LINE.search(one_line(t))
                     and len(t.split()) <= 12 and not t.rstrip().endswith(":")]
            if names:
                self.draft.note(("bloc", "members"), "one member per line of 'Thành viên'")
        if deputies:
            deputies[:] = split_names(deputies[0], known_names | set(names))
        if not names:
            names = list(dict.fromkeys(named + ([head] if head else [])))
            if names:
                self.draft.note(("bloc", "members"),
                                "no list of members found: these are the bodies the tasks name")
        if count is not None and count != len(names):
            self.draft.note(("bloc", "members"),
                            f"the document says {count} members; {len(names)} were told apart")
        self.member_names = names
        for name in names:
            self._member_id(name)

    def _member_id(self, name: str) -> str:
        k = key(name)
        if k in self.member_ids:
            return self.member_ids[k]
        if self.known is not None:
            for known_name, known_id in self.known.ids.items():
                if key(known_name) == k and known_id not in self.ids.taken:
                    self.ids.taken.add(known_id)
                    self.member_ids[k] = known_id
                    return known_id
        made = self.ids.make(initials(name), "tv")
        self.member_ids[k] = made
        return made

    def ref(self, name: str, path: tuple[str | int, ...]) -> str:
        if _is_all(name):
            if key(name) != "các thành viên khối":
                self.draft.note(path, f"'{name}' read as every member")
            return "all"
        k = key(name)
        if k not in self.member_ids:
            made = self._member_id(name)
            self.draft.note(path, f"'{name}' is not among the members")
            return made
        return self.member_ids[k]

    def _bloc(self, name: str | None, head: str | None, deputies: list[str]) -> None:
        d = self.draft
        bloc: dict[str, Any] = {}
        if name:
            bloc["name"] = name
        else:
            d.note(("bloc", "name"), "the bloc's name was not found: add `name:`")
        issuer = (self.draft.data.get("document") or {}).get("issuer") or self.head.issuer
        if head is None and issuer:
            match = next((n for n in self.member_names if key(n) == key(issuer)), None)
            if match:
                head = match
                d.note(("bloc", "head"), "the issuing body, taken for the bloc head")
        if head:
            bloc["head"] = self.ref(head, ("bloc", "head"))
        else:
            d.note(("bloc", "head"), "the bloc head (khối trưởng) was not found: add `head:`")
        if deputies:
            bloc["deputies"] = [self.ref(n, ("bloc", "deputies")) for n in deputies]
        members = []
        for i, member in enumerate(self.member_names):
            mid = self.member_ids[key(member)]
            entry: dict[str, Any] = {"id": mid, "name": member}
            short = self.known.short_names.get(key(member)) if self.known else None
            if short:
                entry["short_name"] = short
            if self.known is not None and key(member) in {key(n) for n in self.known.ids}:
                pass
            else:
                d.note(("bloc", "members", i, "id"), "generated from the name")
            members.append(entry)
        bloc["members"] = members
        d.data["bloc"] = bloc

    # ------------------------------------------------------------ bases

    def _bases(self) -> None:
        bodies = [*self.member_names]
        if "bloc" in self.draft.data and "name" in self.draft.data["bloc"]:
            bodies.append(self.draft.data["bloc"]["name"])
        ids = Ids()
        out: list[dict[str, Any]] = []
        for paragraph in self.body.bases:
            for text in split_bases(tidy(paragraph)):
                cited = read_citation(one_line(text), bodies)
                if cited is None or (cited.title is None and cited.number is None):
                    self.draft.unplace(f"Căn cứ {one_line(text)}")
                    continue
                i = len(out)
                wanted = basis_id(cited.number) if cited.number else slug(cited.title or "")
                entry: dict[str, Any] = {"id": ids.make(wanted, "cc")}
                told = _kind_of(cited.number) if cited.number else None
                if cited.kind and told != cited.kind:
                    if basis_has_kind():
                        entry["kind"] = cited.kind
                    else:
                        self.draft.note(("basis", i, "number"),
                                        f"cited as '{cited.kind}', which its number does not say")
                values = {"number": cited.number,
                          "date": cited.date.isoformat() if cited.date else None,
                          "issuer": cited.issuer, "title": cited.title}
                for name, value in values.items():
                    if value is None:
                        self.draft.note(("basis", i), f"no {name} in the citation: add `{name}:`")
                    else:
                        entry[name] = value
                for name, note in cited.notes.items():
                    self.draft.note(("basis", i, name), note)
                out.append(entry)
        if out:
            self.draft.data["basis"] = out
            self.draft.note(("basis",), "ids generated from the numbers")

    # ------------------------------------------------------------ objectives, tasks

    def _objectives(self) -> None:
        ids = Ids()
        out = [{"id": ids.make(slug(text), "mt"), "text": text}
               for text in (one_line(t) for t in self.body.objectives) if text]
        if out:
            self.draft.data["objectives"] = out
            self.draft.note(("objectives",), "ids generated from the text; the document does "
                            "not say which task serves which objective")
        else:
            self.draft.note(("objectives",),
                            "no objectives (I. MỤC ĐÍCH, YÊU CẦU) found: add `objectives:`")

    def _task_table(self) -> list[Row]:
        rows: list[Row] = []
        for _, table in self.body.tables:
            found = task_rows(table)
            if found is not None:
                rows.extend(found)
            elif criteria_rows(table) is None:
                for row in table.cell_texts():
                    self.draft.unplace(" | ".join(row))
        return rows

    def _tasks(self, rows: list[Row]) -> None:
        table = [r for r in rows if r.group == "tasks"]
        items = list(self.body.tasks)
        from_table = not items
        if from_table:
            items = [Item(r.title) for r in table]
        ids = Ids()
        out = []
        by_title = {key(one_line(r.title)): r for r in table}
        basis = self.draft.data.get("basis", [])
        for i, item in enumerate(items):
            path = ("tasks", i)
            row = by_title.get(key(one_line(item.title)))
            if row is None and len(table) == len(items):
                row = table[i]
            task: dict[str, Any] = {"id": ids.make(slug(item.title), "nv"),
                                    "title": tidy(item.title)}
            details = [tidy(d) for d in item.details if tidy(d)]
            if details:
                task["details"] = details[0] if len(details) == 1 else details
            text = " ".join([item.title, *details])
            cited = [b["id"] for b in basis if b["number"] in text]
            if cited:
                task["basis"] = cited
                self.draft.note((*path, "basis"), "the text cites these bases")
            lead = item.lead or (row.lead if row else None)
            if lead:
                task["lead"] = self.ref(lead, (*path, "lead"))
            else:
                task["lead"] = "all"
                self.draft.note((*path, "lead"), "no lead (chủ trì) found: every member")
            support = item.support or (row.support if row else None)
            if support:
                known = [*self.member_names]
                task["support"] = [self.ref(n, (*path, "support"))
                                   for n in split_names(support, known)]
            due = _day(item.due) if item.due else None
            if due is None and row is not None and row.when:
                due = _day(row.when)
            if due is not None:
                task["due"] = due.isoformat()
            elif item.due or (row and row.when):
                shown = item.due or (row.when if row else "")
                self.draft.note((*path, "due"), f"not a day: '{shown}'")
            out.append(task)
        if out:
            self.draft.data["tasks"] = out
            how = "the task table" if from_table else "the text"
            self.draft.note(("tasks",), f"read from {how}; ids generated from the titles")
        else:
            self.draft.note(("tasks",), "no tasks found: add `tasks:`")

    # ------------------------------------------------------------ events

    def _events(self, rows: list[Row]) -> None:
        table = [r for r in rows if r.group == "events"]
        texts = list(self.body.events)
        ids = Ids()
        out = []
        if not texts:
            texts = []
            for r in table:
                texts.append(r.title)
        for i, text in enumerate(texts):
            row = table[i] if len(table) == len(texts) else None
            event = self._event(text, row, ("events", i))
            event = {"id": ids.make(slug(event["title"]), "hd"), **event}
            out.append(event)
        if out:
            self.draft.data["events"] = out
            self.draft.note(("events",), "ids generated from the titles")

    def _event(self, text: str, row: Row | None, path: tuple[str | int, ...]) -> dict[str, Any]:
        line = one_line(text).rstrip(".")
        event: dict[str, Any] = {}
        host = None
        m = re.search(r";\s*đơn vị đăng cai\s*:\s*(?P<host>.+)$", line)
        if m:
            host, line = m.group("host").strip(), line[:m.start()]
        elif row is not None and row.lead:
            host = row.lead
        m = _HOST.search(line)
        if host is None and m:
            host, line = m.group("host").strip(), line[:m.start()]
        elif m and key(m.group("host")) == key(host or ""):
            line = line[:m.start()]
        place = None
        title_cell = one_line(row.title) if row else ""
        m = re.search(r",\s*tại\s+(?P<place>.+)$", line)
        if m and (not title_cell or title_cell.endswith(f"(tại {m.group('place')})")):
            place, line = m.group("place").strip(), line[:m.start()]
        when: date | Month | None = None
        m = re.search(r":\s*(?P<when>(?:ngày|tháng)\s[^:]+)$", line)
        if m:
            when = _when(m.group("when"))
            if when is not None:
                line = line[:m.start()]
        m = _LEADING_WHEN.match(line)
        if when is None and m:
            when = _when(m.group("when"))
            if when is not None:
                line = line[m.end():]
        if when is None and row is not None and row.when:
            when = _when(row.when)
        event["title"] = tidy(line)
        if isinstance(when, date):
            event["date"] = when.isoformat()
        elif isinstance(when, Month):
            event["month"] = str(when)
        if host:
            event["host"] = self.ref(host, (*path, "host"))
        if place:
            event["place"] = place
        return event

    # ------------------------------------------------------------ appendix

    def _criteria(self) -> None:
        ids = Ids()
        out: list[dict[str, Any]] = []
        for block in self.body.appendix:
            if isinstance(block, Table):
                for row in criteria_rows(block) or []:
                    value = points(row.points)
                    i = len(out)
                    entry: dict[str, Any] = {"id": ids.make(slug(row.title), "tc"),
                                             "title": row.title}
                    if value is not None and value > 0:
                        entry["max_points"] = value
                    else:
                        self.draft.note(("criteria", i, "title"),
                                        f"no maximum points read from '{row.points}'")
                    out.append(entry)
            else:
                line = one_line(block.full)
                k = key(line)
                if line and not (k.startswith("phụ lục") or k.startswith("tiêu chí")
                                 or k.startswith("bảng") or k.startswith("(kèm theo")):
                    self.draft.unplace(line)
        if out:
            self.draft.data["criteria"] = out
            self.draft.note(("criteria",), "from the appendix; ids generated from the titles")


def basis_has_kind() -> bool:
    """Whether the plan format has the optional ``kind`` of a legal basis."""
    from ..model import Basis

    return "kind" in Basis.model_fields


def authority_takes_list() -> bool:
    """Whether the plan format takes a signer's authority as a list of lines."""
    from ..model import Signer

    return "list[" in str(Signer.model_fields["authority"].annotation)


def _is_all(name: str) -> bool:
    return key(name) in ALL_NAMES


def _kind_of(number: str) -> str | None:
    from ..render.nd30 import document_kind

    return document_kind(number)


def _day(text: str | None) -> date | None:
    if not text:
        return None
    for pattern in (_LONG_DATE, _SHORT_DATE):
        m = pattern.search(text)
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None


def _when(text: str) -> date | Month | None:
    day = _day(text)
    if day is not None:
        return day
    for pattern in (_LONG_MONTH, _SHORT_MONTH):
        m = pattern.search(text)
        if m and 1 <= int(m.group(1)) <= 12:
            return Month(int(m.group(2)), int(m.group(1)))
    return None


__all__ = ["AUTHORITY", "Known", "assignment", "recognize"]
