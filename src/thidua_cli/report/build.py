"""Plan + day → ``Report``: the numbers and lists of the year-end report."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from ..model import CLOSED, STATUSES, Document, Event, Plan, Status, Tally, Task
from ..scoring.tree import build_tree
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

if TYPE_CHECKING:
    from ..votes.thresholds import AwardRule


def build_report(plan: Plan, *, as_of: date, path: str = "",
                 awards: tuple[AwardRule, ...] | None = None) -> Report:
    """The report of ``plan`` as of ``as_of`` (tasks due before that day and not
    done or cancelled are overdue); ``awards``: the vote's rule for each award
    (None: the shipped ones)."""
    from ..votes.tally import judge
    from ..votes.thresholds import rule_for, shipped

    members = {m.id: m for m in plan.bloc.members}

    def ref(member_id: str) -> MemberRef:
        m = members.get(member_id)
        return MemberRef(member_id, m.name, m.short_name) if m else MemberRef(member_id, member_id)

    def name(member_id: str | None) -> str | None:
        m = members.get(member_id) if member_id else None
        return m.name if m else None

    tasks = tuple(_task(t, name(t.lead), as_of) for t in plan.tasks)
    events = [_event(e, name(e.host)) for e in plan.events]
    tree = build_tree(plan.criteria)
    ranking = rank(plan, tree)
    by_member = {row.member: row for row in ranking}
    rules = shipped() if awards is None else awards
    voters = len(plan.bloc.members)

    def nominee(award_rule: AwardRule | None, votes: dict[str, Tally], m: str) -> Nominee:
        tally = votes.get(m)
        judged = None if tally is None else judge(tally.agree, tally.disagree, award_rule,
                                                   voters)
        return Nominee(m, ref(m).name, by_member[m].total, by_member[m].rank, judged)

    lines = []
    for a in plan.awards:
        award_rule = rule_for(a.title, rules)
        lines.append(AwardLine(a.title, a.note, tuple(
            nominee(award_rule, a.votes, m) for m in a.members if m in by_member), award_rule))
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
        criteria=tree.top,
        leaves=tree.leaves,
        tie_break=tuple(tree.by_id[c] for c in (plan.ranking.tie_break if plan.ranking else ())
                        if c in tree.by_id),
        ranking=ranking,
        awards=tuple(lines),
        achievements=tuple(review.achievements) if review else (),
        shortcomings=tuple(review.shortcomings) if review else (),
        lessons=tuple(review.lessons) if review else (),
        next_year=tuple(review.next_year) if review else (),
        award_rules=awards,
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
