"""A plan turned into what a template sees: plain values, names instead of ids.

Templates get dictionaries, lists, strings, numbers, dates and months only:
no model objects with methods, so the sandbox has little to guard and a
template author sees the same shape in every format. Text is NFC, and its
control characters are shown as U+FFFD (``text/control.py``: XML 1.0 cannot
carry most of them, and none prints), the same in every format. The keys
are the types of ``contexts.py`` (documented in docs/templates.md).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from .. import points
from ..dates import Month
from ..model import ALL, Plan
from ..text.control import printable
from . import nd30
from .contexts import (
    Basis,
    Criterion,
    Document,
    Event,
    Member,
    Objective,
    PlanContext,
    Signer,
    Task,
)

#: How a task led by every member names its lead.
ALL_MEMBERS = "Các thành viên Khối"

STATUS_TEXT = {
    "planned": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Đã thực hiện",
    "cancelled": "Hủy bỏ",
}


def clean(text: str) -> str:
    """NFC, tabs as spaces, control characters as ``�``, no surrounding whitespace."""
    return printable(unicodedata.normalize("NFC", text)).strip()


def _opt(text: str | None) -> str | None:
    return None if text is None else clean(text)


def build_context(plan: Plan) -> PlanContext:
    """The template context of ``plan`` (a plan that lints without errors)."""
    members = {m.id: _member(m.id, m.name, m.short_name) for m in plan.bloc.members}

    def name(ref: str) -> str:
        return ALL_MEMBERS if ref == ALL else members[ref]["name"]

    head = members[plan.bloc.head]
    basis: dict[str, Basis] = {b.id: {"id": b.id, "number": clean(b.number),
                    "kind": nd30.document_kind(clean(b.number)), "date": b.date,
                    "issuer": clean(b.issuer), "title": clean(b.title)} for b in plan.basis}
    objectives: dict[str, Objective] = {o.id: {"id": o.id, "text": clean(o.text)}
                                        for o in plan.objectives}
    tasks: list[Task] = [{
        "id": t.id,
        "label": nd30.point_label(i, len(plan.tasks)),
        "title": clean(t.title),
        "details": [clean(d) for d in t.detail_list()],
        "objectives": [objectives[o]["text"] for o in t.objectives],
        "basis": [basis[b] for b in t.basis],
        "lead": name(t.lead),
        "lead_all": t.lead == ALL,
        "support": [name(s) for s in t.support],
        "due": t.due,
        "status": t.status,
        "status_text": STATUS_TEXT[t.status],
        "result": _opt(t.result),
    } for i, t in enumerate(plan.tasks, start=1)]
    events: list[Event] = [{
        "id": e.id,
        "title": clean(e.title),
        "date": e.date,
        "month": e.month,
        "host": None if e.host is None else name(e.host),
        "place": _opt(e.place),
        "status": e.status,
        "status_text": STATUS_TEXT[e.status],
        "result": _opt(e.result),
    } for e in plan.events]
    criteria: list[Criterion] = [{"id": c.id, "title": clean(c.title), "max_points": c.max_points}
                for c in plan.criteria]
    return {
        "year": plan.year,
        "title": clean(plan.title),
        "theme": clean(plan.theme),
        "document": _document(plan, head),
        "draft": plan.document is None or plan.document.number is None
        or plan.document.date is None,
        "bloc": {
            "name": clean(plan.bloc.name),
            "head": head,
            "deputies": [members[d] for d in plan.bloc.deputies],
            "members": list(members.values()),
        },
        "basis": list(basis.values()),
        "objectives": list(objectives.values()),
        "tasks": tasks,
        "events": events,
        "criteria": criteria,
        "criteria_total": points.total(c.max_points for c in plan.criteria),
    }


def _member(id: str, name: str, short_name: str | None) -> Member:
    return {"id": id, "name": clean(name), "short_name": _opt(short_name)}


def _document(plan: Plan, head: Member) -> Document:
    doc = plan.document
    if doc is None:
        # Still drafting: the bloc head issues the plan and the members receive it.
        short = head["short_name"]
        return {
            "issuer": head["name"].upper(), "parent": None, "number": None,
            "symbol": f"KH-{short}" if short else "KH", "place": None, "date": None,
            "signer": None,
            "recipients": [clean(m.name) for m in plan.bloc.members] + ["Lưu: VT"],
        }
    signer: Signer | None = None
    if doc.signer is not None:
        signer = {"authority": _opt(doc.signer.authority),
                  "position": clean(doc.signer.position), "name": clean(doc.signer.name)}
    return {
        "issuer": clean(doc.issuer), "parent": _opt(doc.parent), "number": doc.number,
        "symbol": clean(doc.symbol), "place": clean(doc.place), "date": doc.date,
        "signer": signer, "recipients": [clean(r) for r in doc.recipients],
    }


def when_long(item: Event) -> str:
    """An activity's date or month in words; empty when it has neither."""
    day: date | None = item.get("date")
    month: Month | None = item.get("month")
    if day is not None:
        return nd30.long_date(day)
    return nd30.long_month(month)


def when_short(item: Event) -> str:
    """An activity's date (``26/4/2022``) or month (``tháng 9/2022``) for tables."""
    day: date | None = item.get("date")
    month: Month | None = item.get("month")
    if day is not None:
        return nd30.short_date(day)
    return f"tháng {nd30.short_month(month)}" if month is not None else ""
