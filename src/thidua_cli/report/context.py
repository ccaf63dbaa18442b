"""A year-end report turned into what its templates see.

The report's templates see everything the plan's templates see (the render
context: letterhead, bloc, tasks and activities with member names ...), with
the letterhead made the report's and the report's own values added. Like the
plan's, the context holds plain values only: dictionaries, lists, text,
numbers, dates. The keys are the types of ``render/contexts.py``
(documented in docs/templates.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from ..documents.period import period
from ..documents.votes import threshold, vote_line
from ..model import CLOSED
from ..render.context import STATUS_TEXT, clean, plan_values
from ..votes.tally import Judged
from .build import report_symbol
from .result import Report, ScoreRow

if TYPE_CHECKING:
    from ..render.contexts import ReportContext


def build_report_context(report: Report) -> ReportContext:
    """The template context of ``report``."""
    plan = report.plan
    context = plan_values(plan)
    plan_document = context["document"]
    review = plan.review
    document = {
        **plan_document,
        "symbol": report_symbol(str(plan_document["symbol"])),
        "number": review.number if review else None,
        "date": review.date if review else None,
    }
    # The render context lists tasks and activities in the plan's order, as the report does.
    tasks = context["tasks"]
    for task, line in zip(tasks, report.tasks, strict=True):
        task["overdue"] = line.overdue
    events = context["events"]
    nodes = {n["id"]: n for n in context["criteria"]}
    self_totals = any(r.self_total is not None for r in report.ranking)
    ranked = [_row(r, nodes, self_totals) for r in report.ranking if r.scored]
    context.update({
        # The plan's own letterhead, to cite it ("Kế hoạch số 05/KH-...").
        "plan_document": plan_document,
        "plan_citation": plan_citation(plan_document, str(context["title"])),
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
        "unscored": [_row(r, nodes, self_totals) for r in report.ranking if not r.scored],
        # The ranking table's columns: the top-level criteria; every leaf's score
        # goes to a table of its own when the tree is nested.
        "ranking_criteria": [nodes[n.id] for n in report.criteria],
        "leaves": [nodes[n.id] for n in report.leaves],
        "leaves_annex": any(n.depth for n in report.leaves),
        "tie_break": [nodes[n.id] for n in report.tie_break],
        "self_totals": self_totals,
        # For the DOCX table's column loop: one "Tự chấm" column, or none.
        "self_column": ["Tự chấm"] if self_totals else [],
        "awards": [{
            "title": clean(a.title),
            "note": None if a.note is None else clean(a.note),
            "threshold": threshold(a.rule),
            "members": [{"id": n.member, "name": clean(n.name), "total": n.total,
                         "rank": n.rank, "votes": _votes(n.votes)} for n in a.nominees],
        } for a in report.awards],
        "doc_title": period(plan.year, report.as_of, "", False)["name"],
        "period": period(plan.year, report.as_of, str(context["bloc"]["name"]),
                         bool(report.next_year)),
        "second_half": [t for t in tasks if t["status"] not in CLOSED],
        "review": {
            "achievements": [clean(x) for x in report.achievements],
            "shortcomings": [clean(x) for x in report.shortcomings],
            "lessons": [clean(x) for x in report.lessons],
        },
        "next_year": [clean(x) for x in report.next_year],
    })
    return cast("ReportContext", context)


def plan_citation(document: dict[str, Any], title: str) -> str:
    """The plan as the report's opening cites it: ``Kế hoạch số 05/KH-NHNN ngày
    05/02/2025 của Ngân hàng Nhà nước Việt Nam về tổ chức ...``; a draft plan
    says it has no number or date yet."""
    from ..render import nd30
    from ..render.citation import joined

    number, day = document["number"], document["date"]
    head = "Kế hoạch"
    if number is not None:
        head += f" số {nd30.doc_number(number, str(document['symbol']))}"
    if day is not None:
        head += f" ngày {nd30.short_date(day)}"
    text = f"{head} của {document['issuer_name']}{joined(title)}"
    if number is None and day is None:
        return f"{text} (kế hoạch chưa có số, ngày ban hành)"
    return text


def _row(r: ScoreRow, nodes: dict[str, dict[str, Any]], self_totals: bool) -> dict[str, Any]:
    return {"id": r.member, "name": clean(r.name),
            "short_name": None if r.short_name is None else clean(r.short_name),
            "scores": list(r.scores), "total": r.total, "rank": r.rank,
            "leaves": list(r.leaves), "self_total": r.self_total, "checked": r.checked,
            "self_cell": [r.self_total] if self_totals else [],
            "decided_by": None if r.decided_by is None else nodes[r.decided_by],
            "shared": r.shared}


def _votes(judged: Judged | None) -> dict[str, Any] | None:
    return None if judged is None else vote_line(judged)
