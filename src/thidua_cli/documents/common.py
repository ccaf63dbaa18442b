"""What every kind's context starts from: the plan's context, with the letterhead
made the kind's (its symbol, its number and date) and the kind itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import Plan
from ..render.context import clean, plan_values
from .registry import Kind

#: The recipient line every document ends its list with when the plan gives none.
ARCHIVE = "Lưu: VT"
#: A letter's first recipient: those it is addressed to (Kính gửi), "as above".
AS_ONE = "Như trên"


def issuer_code(symbol: str) -> str:
    """The issuer's part of a symbol: ``KH-LMHTXVN`` → ``LMHTXVN``; none in a bare
    type (``KH``, a draft whose head has no short name)."""
    _, dash, issuer = symbol.partition("-")
    if dash:
        return issuer
    from ..kinds import document_types

    return "" if symbol in document_types() else symbol


def kind_symbol(kind: Kind, plan_symbol: str) -> str:
    """The kind's symbol from the plan's: ``BB-LMHTXVN``; a letter's is the issuer's alone."""
    issuer = issuer_code(plan_symbol)
    if not kind.symbol:
        return issuer
    return f"{kind.symbol}-{issuer}" if issuer else kind.symbol


def base_context(plan: Plan, kind: Kind, *, number: int | None = None,
                 day: date | None = None) -> dict[str, Any]:
    """The plan's context with the kind's letterhead (a draft unless given a number
    and a day) and ``kind``, ``plan_document`` (to cite the plan) and ``draft``."""
    context = plan_values(plan)
    plan_document = context["document"]
    document = {**plan_document, "symbol": kind_symbol(kind, str(plan_document["symbol"])),
                "number": number, "date": day, "numbered": kind.numbered}
    context.update({
        "kind": {"slug": kind.slug, "name": kind.name, "type_name": kind.type_name,
                 "layout": kind.layout},
        "plan_document": plan_document,
        "document": document,
        "draft": kind.numbered and (number is None or day is None),
        # File > Properties > Title: the document's own, not the plan's summary line.
        "doc_title": f"{kind.name} năm {plan.year}",
    })
    return context


def archive_line(recipients: list[str]) -> str:
    """The plan's own ``Lưu: ...`` line (the records office's copy), else ``Lưu: VT``."""
    return next((r for r in recipients if r.startswith("Lưu")), ARCHIVE)


def names(plan: Plan) -> dict[str, str]:
    """Member id → its name as documents print it."""
    return {m.id: clean(m.name) for m in plan.bloc.members}
