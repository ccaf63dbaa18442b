"""The plan's lists read from the body: bases, objectives, tasks, activities, criteria.

Each list gets generated ids (noted once, on the list) and takes its names
through ``Members.ref``. A task's lead, support and deadline come from the
line under it (``Đơn vị chủ trì: ...``) or from its row in the task table; an
activity's date, place and host from its line or its row.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..dates import Month
from .body import Body, Item
from .citation import key, read_citation, split_bases
from .draft import Draft, one_line, tidy
from .members import Members
from .names import Ids, basis_id, slug, split_names
from .tables import Row, criteria_rows, points, task_rows
from .when import day_in, when_in
from .word import Table

# "(do Bộ Nội vụ đăng cai)", ", do Bộ Nội vụ chủ trì" at the end of an activity.
_HOST = re.compile(r",?\s*\(?\s*do\s+(?P<host>.+?)\s+(?:đăng cai|chủ trì)(?:\s+tổ chức)?\s*\)?$")
# "Tháng 9/2022: ...", "Ngày 26/4/2022 - ..." at the start of an activity.
_LEADING_WHEN = re.compile(r"^(?P<when>(?:ngày|tháng)\s+[\d/]+(?:\s+(?:tháng|năm)\s+\d+)*)"
                           r"\s*[:,\-–]\s*", re.I)


class Content:
    def __init__(self, draft: Draft, body: Body, members: Members) -> None:
        self.draft, self.body, self.members = draft, body, members

    def ref(self, name: str, path: tuple[str | int, ...]) -> str:
        return self.members.ref(name, path)

    def bases(self) -> None:
        bodies = [*self.members.member_names]
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

    def objectives(self) -> None:
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

    def task_table(self) -> list[Row]:
        rows: list[Row] = []
        for _, table in self.body.tables:
            found = task_rows(table)
            if found is not None:
                rows.extend(found)
            elif criteria_rows(table) is None:
                for row in table.cell_texts():
                    self.draft.unplace(" | ".join(row))
        return rows

    def tasks(self, rows: list[Row]) -> None:
        table = [r for r in rows if r.group == "tasks"]
        items = list(self.body.tasks)
        from_table = not items
        if from_table:
            items = [Item(r.title) for r in table]
        ids = Ids()
        out = []
        # Rows by title, each used once and in order: two tasks of the same
        # title take the table's two rows, not the first row twice.
        by_title: dict[str, list[Row]] = {}
        for r in table:
            by_title.setdefault(key(one_line(r.title)), []).append(r)
        basis = self.draft.data.get("basis", [])
        for i, item in enumerate(items):
            path = ("tasks", i)
            same = by_title.get(key(one_line(item.title)))
            row = same.pop(0) if same else None
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
                known = [*self.members.member_names]
                task["support"] = [self.ref(n, (*path, "support"))
                                   for n in split_names(support, known)]
            due = day_in(item.due) if item.due else None
            if due is None and row is not None and row.when:
                due = day_in(row.when)
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

    def events(self, rows: list[Row]) -> None:
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
            when = when_in(m.group("when"))
            if when is not None:
                line = line[:m.start()]
        m = _LEADING_WHEN.match(line)
        if when is None and m:
            when = when_in(m.group("when"))
            if when is not None:
                line = line[m.end():]
        if when is None and row is not None and row.when:
            when = when_in(row.when)
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

    def criteria(self) -> None:
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


def _kind_of(number: str) -> str | None:
    from ..kinds import document_kind

    return document_kind(number)
