"""The bloc's members found in the document, their ids, and references to them by name.

Names come from the members paragraph (``... gồm 9 thành viên: A, B, ...``)
or one per line under ``Thành viên``; failing both, from the bodies the tasks
name. Ids come from ``--bloc-from`` (last year's plan) by name, else from the
names' initials. A reference to a name that is no member keeps a generated id
and a note, so the linter points at it instead of the importer guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .body import Body, strip_label
from .citation import key
from .draft import Draft, one_line
from .letterhead import Letterhead
from .names import Ids, initials, split_names
from .tables import Row

ALL_NAMES = ("các thành viên khối", "các thành viên trong khối", "tất cả các thành viên",
             "các đơn vị thành viên", "các thành viên", "các đơn vị trong khối",
             "thành viên khối")
_MEMBERS = re.compile(r"^(?P<bloc>.+?)\s+năm\s+(?P<year>\d{4})\s+gồm\s+(?P<n>\d+)\s+thành viên"
                      r"\s*:\s*(?P<list>.+?)\.(?:\s+(?P<rest>Khối trưởng.*))?$", re.S)
_COUNTED = re.compile(r"gồm\s+(?P<n>\d+)\s+(?:cơ quan,?\s*)?(?:đơn vị\s+)?thành viên\s*:"
                      r"\s*(?P<list>.+?)\.?$")
INTRO = re.compile(r"^(?P<who>.+?)\s+ban hành\s+(?:Kế hoạch|kế hoạch)\b.*?năm\s+(?P<year>\d{4})")
# "..., Liên minh Hợp tác xã Việt Nam - Khối trưởng Khối thi đua ... ban hành Kế hoạch".
_HEAD_OF = re.compile(r"(?:^|[,;]\s*)(?P<head>[^,;]+?)\s+[-–]\s+Khối trưởng\s+"
                      r"(?P<bloc>Khối thi đua.+?)\s+ban hành\b")
_HEAD_LINE = re.compile(r"Khối trưởng(?:\s+năm\s+\d{4})?\s*:\s*(?P<head>[^;.]+)")
_DEPUTY_LINE = re.compile(r"Khối phó(?:\s+năm\s+\d{4})?\s*:\s*(?P<dep>.+?)\.?$")


@dataclass
class Known:
    """What last year's plan (``--bloc-from``) says: ids by member name."""

    ids: dict[str, str]
    short_names: dict[str, str]
    bloc: str | None = None


class Members:
    """Names to ids for one document; ``names`` in the document's order."""

    def __init__(self, draft: Draft, body: Body, head: Letterhead, title: str | None,
                 known: Known | None) -> None:
        self.draft, self.body, self.head, self.title, self.known = draft, body, head, title, known
        self.member_ids: dict[str, str] = {}
        self.member_names: list[str] = []
        self.ids = Ids()

    def build(self, rows: list[Row]) -> None:
        """``bloc``: name, head, deputies and members."""
        name, head, deputies = self._bloc_names()
        self._members(rows, head, deputies)
        self._bloc(name, head, deputies)

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
        for text in self.body.intro + self.body.bases:
            m = _HEAD_OF.search(one_line(text))
            if m:
                head = head or m.group("head").strip()
                bloc = bloc or m.group("bloc").strip()
        for text in self.body.intro:
            m = INTRO.match(text)
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
                # More digits than a bloc has members, or int() reads (an internal error).
                count = int(m.group("n")) if len(m.group("n")) <= 9 else None
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
        if not names and self.known is not None:
            names = list(self.known.ids)
            self.draft.note(("bloc", "members"),
                            "the document lists no members: these are --bloc-from's; check them")
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


def _is_all(name: str) -> bool:
    return key(name) in ALL_NAMES
