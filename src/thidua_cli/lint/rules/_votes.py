"""Shared by the vote rules (TD6xx): each award with its rule for the vote."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import Award
from ..context import Context

if TYPE_CHECKING:
    from ...votes.thresholds import AwardRule


def awards(ctx: Context) -> Iterator[tuple[int, Award, AwardRule | None]]:
    """``(index, award, its rule or None)`` for every award of the plan."""
    return iter(ctx.award_list)


def share_text(value: float) -> str:
    """``77,77``: a percentage in the Vietnamese number form, as the documents write it."""
    from ...points import number

    return number(value)
