"""Plan + day → ``Report``: the numbers and lists of the year-end report."""

from __future__ import annotations

from datetime import date
from typing import cast

from ..model import CLOSED, STATUSES, Document, Event, Plan, Status, Task
from .ranking import rank
from .result import (
    AwardLine,
    EventLine,
    MemberRef,
    Nominee,
    Report,
    StatusCount,
    TaskLine,
)


def build_report(plan: Plan, *, as_of: date, path: str = "") -> Report:
    """The report of ``plan`` as of ``as_of`` (tasks due before that day and not
    done or cancelled are overdue)."""
    members = {m.id: m for m in plan.bloc.members}

    def ref(member_id: str) -> MemberRef:
        m = members.get(member_id)
        return MemberRef(member_id, m.name, m.short_name) if m else MemberRef(member_id, member_id)

    def name(member_id: str | None) -> str | None:
        m = members.get(member_id) if member_id else None
        return m.name if m else None

    tasks = tuple(_task(t, name(t.lead), as_of) for t in plan.tasks)
    events = [_event(e, name(e.host)) for e in plan.events]
    ranking = rank(plan)
    by_member = {row.member: row for row in ranking}
    awards = tuple(
        AwardLine(a.title, a.note, tuple(
            Nominee(m, ref(m).name, by_member[m].total, by_member[m].rank)
            for m in a.members if m in by_member))
        for a in plan.awards)
    review = plan.review
    return Report(
        plan=plan,
        path=path,
        as_of=as_of,
        document=report_document(plan),
        head=ref(plan.bloc.head),
        deputies=tuple(ref(d) for d in plan.bloc.deputies),
        tasks=tasks,
        by_status=_counts(tasks),
        overdue=tuple(t for t in tasks if t.overdue),
        events_held=tuple(e for e in events if e.held),
        events_not_held=tuple(e for e in events if not e.held),
        criteria=tuple(plan.criteria),
        ranking=ranking,
        awards=awards,
        achievements=tuple(review.achievements) if review else (),
        shortcomings=tuple(review.shortcomings) if review else (),
        lessons=tuple(review.lessons) if review else (),
        next_year=tuple(review.next_year) if review else (),
    )


def report_symbol(symbol: str) -> str:
    """The report's symbol from the plan's: the document type before the first
    ``-`` becomes ``BC`` (``KH-LMHTXVN`` → ``BC-LMHTXVN``); a symbol without a
    type gets one (``LMHTXVN`` → ``BC-LMHTXVN``)."""
    _, dash, issuer = symbol.partition("-")
    return f"BC-{issuer}" if dash else f"BC-{symbol}"


def report_document(plan: Plan) -> Document | None:
    """The plan's letterhead made the report's: symbol, and the review's number and
    date (left blank, as in a draft, when the review has none)."""
    if plan.document is None:
        return None
    review = plan.review
    return plan.document.model_copy(update={
        "symbol": report_symbol(plan.document.symbol),
        "number": review.number if review else None,
        "date": review.date if review else None,
    })


def _task(task: Task, lead_name: str | None, as_of: date) -> TaskLine:
    overdue = task.due is not None and task.due < as_of and task.status not in CLOSED
    return TaskLine(task.id, task.title, task.lead, lead_name, task.due, task.status,
                    task.result, overdue)


def _event(event: Event, host_name: str | None) -> EventLine:
    return EventLine(event.id, event.title, event.date, event.month, event.host, host_name,
                     event.place, event.status, event.result)


def _counts(tasks: tuple[TaskLine, ...]) -> tuple[StatusCount, ...]:
    total = len(tasks)
    out = []
    for status in cast(tuple[Status, ...], STATUSES):
        count = sum(1 for t in tasks if t.status == status)
        out.append(StatusCount(status, count, round(100 * count / total, 1) if total else 0.0))
    return tuple(out)
