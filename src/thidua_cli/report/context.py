"""A year-end report turned into what its templates see.

The report's templates see everything the plan's templates see (the render
context: letterhead, bloc, tasks and activities with member names ...), with
the letterhead made the report's and the report's own values added. Like the
plan's, the context holds plain values only: dictionaries, lists, text,
numbers, dates. The keys are the types of ``render/contexts.py``
(documented in docs/templates.md).
"""

from __future__ import annotations

from ..render.context import STATUS_TEXT, build_context, clean
from ..render.contexts import Document, ReportContext, Row
from .build import report_symbol
from .result import Report, ScoreRow


def build_report_context(report: Report) -> ReportContext:
    """The template context of ``report``."""
    plan = report.plan
    context = build_context(plan)
    plan_document = context["document"]
    review = plan.review
    document: Document = {
        **plan_document,
        "symbol": report_symbol(plan_document["symbol"]),
        "number": review.number if review else None,
        "date": review.date if review else None,
    }
    # The render context lists tasks and activities in the plan's order, as the report does.
    tasks = context["tasks"]
    for task, line in zip(tasks, report.tasks, strict=True):
        task["overdue"] = line.overdue
    events = context["events"]
    ranked = [_row(r) for r in report.ranking if r.scored]
    return {
        **context,
        # The plan's own letterhead, to cite it ("Kế hoạch số 05/KH-...").
        "plan_document": plan_document,
        "document": document,
        "draft": document["number"] is None or document["date"] is None,
        "as_of": report.as_of,
        "next_year_number": plan.year + 1,
        "status_counts": [{"status": c.status, "status_text": STATUS_TEXT[c.status],
                           "count": c.count, "percent": c.percent} for c in report.by_status],
        "overdue": [t for t in tasks if t["overdue"]],
        "events_held": [e for e in events if e["status"] == "done"],
        "events_not_held": [e for e in events if e["status"] != "done"],
        "scored": bool(ranked),
        "ranked": ranked,
        "unscored": [_row(r) for r in report.ranking if not r.scored],
        "awards": [{
            "title": clean(a.title),
            "note": None if a.note is None else clean(a.note),
            "members": [{"id": n.member, "name": clean(n.name), "total": n.total,
                         "rank": n.rank} for n in a.nominees],
        } for a in report.awards],
        "review": {
            "achievements": [clean(x) for x in report.achievements],
            "shortcomings": [clean(x) for x in report.shortcomings],
            "lessons": [clean(x) for x in report.lessons],
        },
        "next_year": [clean(x) for x in report.next_year],
    }


def _row(r: ScoreRow) -> Row:
    return {"id": r.member, "name": clean(r.name),
            "short_name": None if r.short_name is None else clean(r.short_name),
            "scores": list(r.scores), "total": r.total, "rank": r.rank}
