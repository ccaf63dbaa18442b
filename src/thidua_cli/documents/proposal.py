"""``to-trinh``: the bloc head's proposal of awards to the Central Council.

Addressed to the Hội đồng Thi đua - Khen thưởng Trung ương; for each award,
the members proposed with their total, rank and votes; then the files the
dossier attaches (the minutes of the vote, the year-end report, each
nominee's achievement report).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Plan
from .common import AS_ONE, archive_line, base_context
from .registry import Kind, Part, Request
from .votes import award_lines

COUNCIL = "Hội đồng Thi đua - Khen thưởng Trung ương"


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    context = base_context(plan, kind)
    awards = [a for a in award_lines(plan, request.awards) if a["nominees"]]
    bloc = context["bloc"]["name"]
    meeting = plan.review.meeting if plan.review is not None else None
    recipients = list(context["plan_document"]["recipients"])
    context["document"]["recipients"] = [AS_ONE, *[
        r for r in recipients if r.startswith("Ban Thi đua")], archive_line(recipients)]
    nominees = list(dict.fromkeys(c["name"] for a in awards for c in a["nominees"]))
    files = []
    if meeting is not None:
        files.append(f"Biên bản họp bình xét, suy tôn thi đua, khen thưởng năm {plan.year} "
                     f"của {bloc}")
    files.append(f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {plan.year} của {bloc}")
    files += [f"Báo cáo thành tích của {name}" for name in nominees]
    context.update({
        "summary": f"Đề nghị khen thưởng năm {plan.year} cho các thành viên {bloc}",
        "addressees": [COUNCIL],
        "meeting_date": None if meeting is None else meeting.date,
        "awards": awards,
        "files": files,
    })
    return [Part(context)]
