"""``phieu-bau``: the ballot of the bình xét, one page per voter.

No legal form exists (unconfirmed practice): each page lists every award
with its candidates (the members proposed, and any other member voted on),
with an agree and a disagree column to mark. There are as many pages as the
bloc has members: every member votes, an absent one in writing. Ballots are
secret, so a page names no voter; it is numbered only.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InputError
from ..model import Plan
from ..render.context import clean
from .common import base_context
from .registry import Kind, Part, Request
from .votes import award_lines


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    awards = [a for a in award_lines(plan, request.awards) if a["candidates"]]
    if not awards:
        raise InputError("documents.nothing_to_vote")
    context = base_context(plan, kind)
    context["document"]["issuer"] = clean(plan.bloc.name).upper()
    voters = len(plan.bloc.members)
    context.update({
        "summary": f"Suy tôn, đề nghị khen thưởng năm {plan.year} của {context['bloc']['name']}",
        "awards": awards,
        "ballots": [{"number": i, "of": voters, "last": i == voters}
                    for i in range(1, voters + 1)],
    })
    return [Part(context)]
