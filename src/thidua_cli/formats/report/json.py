"""``thidua report --format json``: a stable structure for scripts (documented in README).

Version 1. Keys are only ever added; a change of meaning would be version 2.
Dates are ISO (``2022-12-20``), months ``2022-09``; absent values are
``null``, never left out, so a script can rely on every key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from ...report.result import EventLine, Report, TaskLine
from ...text.control import dump_json

VERSION = 1


def stdout_encoding() -> str | None:
    """The encoding of the standard output the reports are printed to (``None``
    when it has none): JSON is ASCII with escapes on one that is not UTF-8."""
    import sys

    return getattr(sys.stdout, "encoding", None)


def as_dict(report: Report) -> dict[str, Any]:
    plan = report.plan
    doc = report.document
    return {
        "version": VERSION,
        "plan": report.path,
        "year": plan.year,
        "as_of": report.as_of.isoformat(),
        "title": plan.title,
        "document": None if doc is None else {
            "symbol": doc.symbol, "number": doc.number, "date": _date(doc.date),
        },
        "bloc": {
            "name": plan.bloc.name,
            "head": report.head.id,
            "deputies": [d.id for d in report.deputies],
            "members": [{"member": m.id, "name": m.name} for m in plan.bloc.members],
        },
        "tasks": {
            "total": len(report.tasks),
            "by_status": {c.status: {"count": c.count, "percent": _num(c.percent)}
                          for c in report.by_status},
            "overdue": [_task(t) for t in report.overdue],
            "items": [_task(t) for t in report.tasks],
        },
        "events": {
            "total": len(report.events),
            "held": [_event(e) for e in report.events_held],
            "not_held": [_event(e) for e in report.events_not_held],
        },
        "criteria": [{"id": c.id, "title": c.title, "max_points": _num(c.max_points),
                      "number": c.number, "kind": c.kind} for c in report.criteria],
        "ranking": [
            {"member": row.member, "name": row.name, "total": _num(row.total), "rank": row.rank,
             "scores": {c.id: _num(s) for c, s in zip(report.criteria, row.scores, strict=True)},
             "leaves": {c.id: _num(s) for c, s in zip(report.leaves, row.leaves, strict=True)},
             "self_total": _num(row.self_total), "checked": row.checked,
             "decided_by": row.decided_by, "shared": row.shared}
            for row in report.ranking
        ],
        "awards": [
            {"title": a.title, "note": a.note,
             "members": [{"member": n.member, "name": n.name, "total": _num(n.total),
                          "rank": n.rank,
                          "votes": None if n.votes is None else {
                              "agree": n.votes.agree, "disagree": n.votes.disagree,
                              "of": n.votes.base, "passed": n.votes.passed}}
                         for n in a.nominees],
             "threshold": None if a.rule is None or a.rule.threshold is None else {
                 "percent": _num(float(a.rule.threshold)), "of": a.rule.of,
                 "source": a.rule.source}}
            for a in report.awards
        ],
        "review": {
            "achievements": list(report.achievements),
            "shortcomings": list(report.shortcomings),
            "lessons": list(report.lessons),
        },
        "next_year": list(report.next_year),
        # Added with the criteria tree (#13): every leaf, and the tie-break order.
        "leaves": [{"id": c.id, "title": c.title, "max_points": _num(c.max_points),
                    "number": c.number, "kind": c.kind} for c in report.leaves],
        "tie_break": [c.id for c in report.tie_break],
    }


def dumps(reports: Sequence[Report], *, array: bool) -> str:
    """What ``write`` writes, as a string."""
    import io

    buffer = io.StringIO()
    write(reports, buffer, array=array)
    return buffer.getvalue()


def write(reports: Sequence[Report], stream: TextIO, *, array: bool) -> None:
    """One report as an object, or several (``array``) as a JSON array."""
    data: Any = [as_dict(r) for r in reports] if array else as_dict(reports[0])
    dump_json(data, stream)
    stream.write("\n")


def _task(t: TaskLine) -> dict[str, Any]:
    return {"id": t.id, "title": t.title, "lead": t.lead, "lead_name": t.lead_name,
            "due": _date(t.due), "status": t.status, "result": t.result, "overdue": t.overdue}


def _event(e: EventLine) -> dict[str, Any]:
    return {"id": e.id, "title": e.title, "date": _date(e.date),
            "month": None if e.month is None else str(e.month), "host": e.host,
            "host_name": e.host_name, "place": e.place, "status": e.status, "result": e.result}


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _num(value: float | Decimal | None) -> float | int | None:
    """Whole numbers as integers (``60``, not ``60.0``): what a person wrote.
    Totals are exact decimals of at most two places, so their float is exact
    to print (97.5, never 97.49999)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)
