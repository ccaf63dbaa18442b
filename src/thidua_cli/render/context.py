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
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from ..dates import Month
from ..kinds import kind_of
from ..model import ALL, Plan
from ..text import fold
from ..text.control import printable
from . import citation, nd30

if TYPE_CHECKING:
    from .contexts import PlanContext

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
    """The context of the plan's templates (``plan.docx``, ``plan.md.j2``)."""
    return cast("PlanContext", plan_values(plan))


def plan_values(plan: Plan) -> dict[str, Any]:
    """The template context of ``plan`` (a plan that lints without errors)."""
    members = {m.id: _member(m.id, m.name, m.short_name) for m in plan.bloc.members}

    def name(ref: str) -> str:
        return ALL_MEMBERS if ref == ALL else str(members[ref]["name"])

    head = members[plan.bloc.head]
    basis = {b.id: _basis(b.id, clean(b.number), b.date, clean(b.issuer), clean(b.title),
                          b.kind) for b in plan.basis}
    objectives = {o.id: {"id": o.id, "text": clean(o.text)} for o in plan.objectives}
    tasks = [{
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
    events = [{
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
    from ..scoring.tree import build_tree

    tree = build_tree(plan.criteria)
    # Every node of the tree in document order, numbered as documents number
    # them (1, 1.1, 1.1.2); a flat plan's criteria are all depth 0 leaves.
    criteria = [{"id": n.id, "number": n.number, "title": clean(n.title),
                 "max_points": n.max_points, "kind": n.kind, "depth": n.depth,
                 "leaf": n.leaf} for n in tree.nodes]
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
        # The points a member can score without bonus (bonus and penalty sections
        # are listed apart in the appendix).
        "criteria_total": sum((n.max_points for n in tree.top if n.kind == "points"),
                              start=Decimal(0)),
        "criteria_nested": tree.nested,
        "responsibilities": _responsibilities(plan),
    }


def _basis(id: str, number: str, day: date | None, issuer: str, title: str,
           kind: str | None) -> dict[str, Any]:
    found = kind_of(number, title, kind)
    return {"id": id, "number": number, "kind": found, "law": citation.is_law(found),
            "date": day, "issuer": issuer, "title": title,
            "citation": citation.cite(found, number, day, issuer, title)}


def _responsibilities(plan: Plan) -> dict[str, list[str]] | None:
    """Section III.3's lists, or None for the standard sentence."""
    given = plan.responsibilities
    if given is None:
        return None
    return {"head": [clean(x) for x in given.head],
            "deputies": [clean(x) for x in given.deputies],
            "members": [clean(x) for x in given.members],
            "reporting": [clean(x) for x in given.reporting]}


def issuer_name(plan: Plan) -> str:
    """The issuing body as running text names it, in sentence case: the
    document's ``issuer_name``, else the member the letterhead names (by its
    name or its own letterhead), else the issuer as the letterhead prints it."""
    doc = plan.document
    if doc is None:
        return clean(next(m.name for m in plan.bloc.members if m.id == plan.bloc.head))
    if doc.issuer_name:
        return clean(doc.issuer_name)
    wanted = fold(doc.issuer)
    for m in plan.bloc.members:
        if fold(m.name) == wanted or (m.letterhead and fold(m.letterhead.issuer) == wanted):
            return clean(m.name)
    return clean(doc.issuer)


def _member(id: str, name: str, short_name: str | None) -> dict[str, Any]:
    return {"id": id, "name": clean(name), "short_name": _opt(short_name)}


def _document(plan: Plan, head: dict[str, Any]) -> dict[str, Any]:
    doc = plan.document
    if doc is None:
        # Still drafting: the bloc head issues the plan and the members receive it.
        short = head["short_name"]
        return {
            "issuer": str(head["name"]).upper(), "issuer_name": head["name"], "parent": None,
            "number": None, "symbol": f"KH-{short}" if short else "KH", "place": None,
            "date": None, "signer": None,
            "recipients": [clean(m.name) for m in plan.bloc.members] + ["Lưu: VT"],
        }
    signer = None
    if doc.signer is not None:
        lines = [clean(line) for line in doc.signer.authority_lines()]
        signer = {"authority": "\n".join(lines) or None, "authority_lines": lines,
                  "position": clean(doc.signer.position), "name": clean(doc.signer.name)}
    return {
        "issuer": clean(doc.issuer), "issuer_name": issuer_name(plan),
        "parent": _opt(doc.parent), "number": doc.number,
        "symbol": clean(doc.symbol), "place": clean(doc.place), "date": doc.date,
        "signer": signer, "recipients": [clean(r) for r in doc.recipients],
    }


def when_long(item: dict[str, Any]) -> str:
    """An activity's date or month in words; empty when it has neither."""
    day: date | None = item.get("date")
    month: Month | None = item.get("month")
    if day is not None:
        return nd30.long_date(day)
    return nd30.long_month(month)


def when_short(item: dict[str, Any]) -> str:
    """An activity's date (``26/4/2022``) or month (``tháng 9/2022``) for tables."""
    day: date | None = item.get("date")
    month: Month | None = item.get("month")
    if day is not None:
        return nd30.short_date(day)
    return f"tháng {nd30.short_month(month)}" if month is not None else ""
