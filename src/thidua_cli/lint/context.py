"""What a rule sees: the parsed data, and the validated plan when there is one.

Text rules need only the data (``DataContext``), so they run even on a file
that does not fit the schema; the plan rules get a ``Context`` with the plan.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..loader import Parsed, Path_
from ..model import Plan
from ..scoring.total import MemberTotal, member_total
from ..scoring.tree import Tree, build_tree

if TYPE_CHECKING:
    from ..votes.thresholds import AwardRule


@dataclass
class DataContext:
    parsed: Parsed
    today: date

    @cached_property
    def strings(self) -> list[tuple[Path_, str]]:
        """Every text value of the file with its path, in file order."""
        return list(_strings(self.parsed.data, ()))

    @cached_property
    def nfc_strings(self) -> list[tuple[Path_, str, bool]]:
        """``strings`` in NFC, and whether each was NFC as written."""
        out = []
        for path, text in self.strings:
            nfc = unicodedata.is_normalized("NFC", text)
            out.append((path, text if nfc else unicodedata.normalize("NFC", text), nfc))
        return out


@dataclass
class Context(DataContext):
    plan: Plan
    # None: the shipped rules (the configuration's, when it has any).
    awards: tuple[AwardRule, ...] | None = None

    @cached_property
    def award_rules(self) -> tuple[AwardRule, ...]:
        from ..votes.thresholds import shipped

        return self.awards if self.awards is not None else shipped()

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
    def tree(self) -> Tree:
        """The criteria tree, numbered, with kinds and maxima (``scoring.tree``)."""
        return build_tree(self.plan.criteria)

    @cached_property
    def criterion_ids(self) -> set[str]:
        return {n.id for n in self.tree.nodes}

    @cached_property
    def totals(self) -> dict[str, MemberTotal]:
        """Each scored member's final totals (``scoring.total``)."""
        out = {}
        for member, points in self.plan.scores.items():
            found = member_total(self.tree, points)
            if found is not None:
                out[member] = found
        return out


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    # A stack rather than recursion: plans have tens of thousands of values.
    stack: list[tuple[Path_, Any]] = [(path, value)]
    while stack:
        at, item = stack.pop()
        if isinstance(item, str):
            yield at, item
        elif isinstance(item, dict):
            stack.extend(((*at, k), v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend(((*at, i), v) for i, v in reversed(list(enumerate(item))))


def suggest(word: str, choices: set[str] | list[str]) -> str | None:
    """The closest known id to a mistyped one, if any is close."""
    import difflib  # here: only a mistyped id needs it, and lint's start-up pays for imports

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return close[0] if close else None
