"""``bien-ban``: the minutes of the bình xét (review and vote) meeting.

Time and place, chair and secretary, who attended and who was absent (the
absent members' written votes are counted with the others), the scoring
results, each award's tally with its percentages, the threshold with its
source and the result, the conclusion (who is proposed), and the signatures
of the secretary and the chair.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Plan
from ..render.context import clean
from .common import base_context, names
from .registry import Kind, Part, Request
from .votes import award_lines


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    from ..report.build import build_report
    from ..report.context import build_report_context

    assert plan.review is not None and plan.review.meeting is not None  # the kind's gate
    meeting = plan.review.meeting
    report = build_report(plan, as_of=meeting.date, awards=request.awards)
    scoring = build_report_context(report)
    context = base_context(plan, kind, day=meeting.date)
    member = names(plan)
    awards = award_lines(plan, request.awards)
    context.update({
        "summary": f"Họp bình xét, suy tôn thi đua, khen thưởng năm {plan.year} "
                   f"của {context['bloc']['name']}",
        "meeting": {
            "date": meeting.date, "place": clean(meeting.place),
            "chair": _person(meeting.chair), "secretary": _person(meeting.secretary),
            "present": [member[m] for m in meeting.present if m in member],
            "absent": [member[m] for m in meeting.absent if m in member],
        },
        "voters": len(plan.bloc.members),
        "criteria": scoring["criteria"],
        "scored": scoring["scored"],
        "ranked": scoring["ranked"],
        "unscored": scoring["unscored"],
        "awards": awards,
        "conclusion": [{"title": a["title"], "members": [
            c for c in a["nominees"] if c["votes"] is None or c["votes"]["passed"] is not False]}
            for a in awards],
    })
    return [Part(context)]


def _person(person: Any) -> dict[str, str]:
    return {"name": clean(person.name), "position": clean(person.position)}
