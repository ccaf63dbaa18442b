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

#: What a page costs besides its candidates (letterhead, title, award headings), and
#: each candidate's line besides the name, in characters of the shipped templates'
#: output, Markdown and DOCX (its XML: about 5,000 and 610 measured): generous.
COSTS = {"md": (2_000, 40), "docx": (6_000, 650)}


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    awards = [a for a in award_lines(plan, request.awards) if a["candidates"]]
    if not awards:
        raise InputError("documents.nothing_to_vote")
    context = base_context(plan, kind)
    context["document"]["issuer"] = clean(plan.bloc.name).upper()
    voters = len(plan.bloc.members)
    # Every page lists every candidate: 3,000 members voting on 3,000 ran 15 s, then
    # blamed the shipped template for writing more than a document may.
    from ..render.bounds import MAX_OUTPUT

    candidates = sum(len(a["candidates"]) for a in awards)
    # The bloc's name is on every page twice (the issuer, the summary).
    page_cost, line_cost = COSTS["md" if request.format == "md" else "docx"]
    page = page_cost + 2 * len(plan.bloc.name) + sum(
        len(a["title"]) + sum(line_cost + len(c["name"]) for c in a["candidates"])
        for a in awards)
    if voters * page > MAX_OUTPUT:
        raise InputError("documents.ballots_too_large", voters=voters, candidates=candidates,
                         size=f"{voters * page:,}", limit=f"{MAX_OUTPUT:,}")
    context.update({
        "summary": f"Suy tôn, đề nghị khen thưởng năm {plan.year} của {context['bloc']['name']}",
        "awards": awards,
        "ballots": [{"number": i, "of": voters, "last": i == voters}
                    for i in range(1, voters + 1)],
    })
    return [Part(context)]
