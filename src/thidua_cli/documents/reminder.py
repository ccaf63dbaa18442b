"""``don-doc``: the letter (công văn) that reminds members of their overdue tasks.

As of a day (default today), a task is overdue when its deadline has passed
and it is neither done nor cancelled. One letter to every member that leads
one (a task led by ``all`` concerns every member), or with ``--per-member``
one letter each, listing only its own tasks. A letter has no type name: its
summary is the ``V/v`` line under the number, and it opens with
``Kính gửi:`` (Nghị định 30/2020/NĐ-CP, Phụ lục I, Mẫu 1.5).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..errors import InputError
from ..model import ALL, CLOSED, Plan
from .common import AS_ONE, archive_line, base_context
from .registry import Kind, Part, Request


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    as_of = request.as_of or date.today()
    overdue = [i for i, t in enumerate(plan.tasks)
               if t.due is not None and t.due < as_of and t.status not in CLOSED]
    if not overdue:
        raise InputError("documents.nothing_overdue", day=as_of.isoformat())

    def concerns(member: str, i: int) -> bool:
        return plan.tasks[i].lead in (member, ALL)

    if not request.per_member:
        every = any(plan.tasks[i].lead == ALL for i in overdue)
        leads = [m.id for m in plan.bloc.members if any(concerns(m.id, i) for i in overdue)]
        return [Part(_letter(plan, kind, as_of, overdue, None if every else leads))]
    return [Part(_letter(plan, kind, as_of, [i for i in overdue if concerns(m.id, i)], [m.id]),
                 m.id)
            for m in plan.bloc.members if any(concerns(m.id, i) for i in overdue)]


def _letter(plan: Plan, kind: Kind, as_of: date, tasks: list[int],
            to: list[str] | None) -> dict[str, Any]:
    """A letter about the tasks at indexes ``tasks`` to the members ``to`` (None: every
    member of the bloc)."""
    context = base_context(plan, kind)
    by_id = {m["id"]: m for m in context["bloc"]["members"]}
    addressees = ([f"Các thành viên {context['bloc']['name']}"] if to is None
                  else [str(by_id[m]["name"]) for m in to])
    context["document"]["recipients"] = [AS_ONE, archive_line(
        list(context["plan_document"]["recipients"]))]
    context.update({
        "as_of": as_of,
        "summary": f"V/v đôn đốc thực hiện nhiệm vụ thi đua năm {plan.year}",
        "addressees": addressees,
        "overdue": [context["tasks"][i] for i in tasks],
    })
    return context
