"""``so-ket``: the mid-year review (báo cáo sơ kết 6 tháng đầu năm).

As of a day (default 30 June of the plan's year: ``as_of`` in its data): the
tasks done, in progress
and late, the activities held, and what is left for the second half of the
year (tasks not done or cancelled, activities not yet held).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import CLOSED, Plan
from .common import base_context
from .period import mid_year_title
from .registry import Kind, Part, Request


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    as_of = request.as_of or kind.default_day(plan.year)
    context = base_context(plan, kind)
    tasks = context["tasks"]
    for task in tasks:
        task["overdue"] = (task["due"] is not None and task["due"] < as_of
                           and task["status"] not in CLOSED)
    events = context["events"]
    context.update({
        "as_of": as_of,
        "summary": mid_year_title(plan.year, str(context["bloc"]["name"])),
        "done": [t for t in tasks if t["status"] == "done"],
        "in_progress": [t for t in tasks if t["status"] == "in_progress" and not t["overdue"]],
        "late": [t for t in tasks if t["overdue"]],
        "not_started": [t for t in tasks if t["status"] == "planned" and not t["overdue"]],
        "cancelled": [t for t in tasks if t["status"] == "cancelled"],
        "events_held": [e for e in events if e["status"] == "done"],
        "second_half": [t for t in tasks if t["status"] not in CLOSED],
        "events_ahead": [e for e in events if e["status"] not in CLOSED],
    })
    return [Part(context)]
