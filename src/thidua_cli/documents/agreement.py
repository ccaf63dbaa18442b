"""``giao-uoc``: the emulation agreement the members sign at the launch conference.

No legal form exists for it (unconfirmed practice): the bloc's name heads it,
then the year and theme, the commitments (the plan's ``pledges``, else the
titles of its tasks), and a signature table with every member's
representative, two to a row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Plan
from ..render.context import clean
from .common import base_context
from .registry import Kind, Part, Request


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    context = base_context(plan, kind)
    context["document"]["issuer"] = clean(plan.bloc.name).upper()
    pledges = [clean(p) for p in plan.pledges] or [
        t["title"] for t in context["tasks"] if t["status"] != "cancelled"]
    signers = [_signer(m.name, m.representative) for m in plan.bloc.members]
    context.update({
        "pledges": pledges,
        "signers": signers,
        "signature_rows": [signers[i:i + 2] + [None] * (2 - len(signers[i:i + 2]))
                           for i in range(0, len(signers), 2)],
    })
    return [Part(context)]


def _signer(member: str, representative: Any) -> dict[str, Any]:
    return {"member": clean(member),
            "position": None if representative is None else clean(representative.position),
            "name": None if representative is None else clean(representative.name)}
