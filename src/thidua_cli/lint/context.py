"""What a rule sees: the validated plan and where each value stands."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..loader import Parsed
from ..model import Plan


@dataclass
class Context:
    plan: Plan
    parsed: Parsed
    today: date

    @cached_property
    def member_ids(self) -> set[str]:
        return {m.id for m in self.plan.bloc.members}

    @cached_property
    def objective_ids(self) -> set[str]:
        return {o.id for o in self.plan.objectives}

    @cached_property
    def basis_ids(self) -> set[str]:
        return {b.id for b in self.plan.basis}

    @cached_property
    def criterion_ids(self) -> set[str]:
        return {c.id for c in self.plan.criteria}


def suggest(word: str, choices: set[str] | list[str]) -> str | None:
    """The closest known id to a mistyped one, if any is close."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None
