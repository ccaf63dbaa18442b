"""The values a year-end report is made of: frozen, computed once, laid out many ways."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..dates import Month
from ..model import Document, Plan, Status
from ..scoring.tree import Node

if TYPE_CHECKING:
    from ..votes.tally import Judged
    from ..votes.thresholds import AwardRule


@dataclass(frozen=True)
class MemberRef:
    """A member as the report names it."""

    id: str
    name: str
    short_name: str | None = None


@dataclass(frozen=True)
class TaskLine:
    """A task with who leads it and how it ended. ``lead`` is ``all`` or a member id."""

    id: str
    title: str
    lead: str
    lead_name: str | None
    due: date | None
    status: Status
    result: str | None
    overdue: bool


@dataclass(frozen=True)
class StatusCount:
    """How many tasks have one status, and their share of all tasks (0-100, one decimal)."""

    status: Status
    count: int
    percent: float


@dataclass(frozen=True)
class EventLine:
    """A joint activity; held when its status is ``done``."""

    id: str
    title: str
    date: date | None
    month: Month | None
    host: str | None
    host_name: str | None
    place: str | None
    status: Status
    result: str | None

    @property
    def held(self) -> bool:
        return self.status == "done"


@dataclass(frozen=True)
class ScoreRow:
    """One row of the scoring table. ``scores`` follows ``Report.criteria`` (the
    top-level criteria), ``leaves`` ``Report.leaves``; a member without any
    score has ``total`` and ``rank`` ``None``. ``self_total`` is the member's own
    total when it gave self scores; ``checked`` whether every score is final;
    ``decided_by`` the tie-break criterion that placed it below an equal total,
    ``shared`` whether it shares its rank."""

    member: str
    name: str
    short_name: str | None
    scores: tuple[Decimal | None, ...]
    total: Decimal | None
    rank: int | None
    leaves: tuple[Decimal | None, ...] = ()
    self_total: Decimal | None = None
    checked: bool = True
    decided_by: str | None = None
    shared: bool = False

    @property
    def scored(self) -> bool:
        return self.total is not None


@dataclass(frozen=True)
class Nominee:
    """A nominated member with its place in the ranking (``None`` when unscored)."""

    member: str
    name: str
    total: Decimal | None
    rank: int | None
    # The nominee's vote, judged against the award's threshold; None: no tally.
    votes: Judged | None = None


@dataclass(frozen=True)
class AwardLine:
    title: str
    note: str | None
    nominees: tuple[Nominee, ...]
    # The vote's rule for the award (threshold, source); None: none known.
    rule: AwardRule | None = None


@dataclass(frozen=True)
class Report:
    """Everything Phần I and Phần II of the report say, for one plan."""

    plan: Plan
    path: str
    as_of: date
    # The report's own letterhead: the plan's, with BC- for KH- and the
    # review's number and date (blank in a draft).
    document: Document | None
    head: MemberRef
    deputies: tuple[MemberRef, ...]
    tasks: tuple[TaskLine, ...]
    by_status: tuple[StatusCount, ...]
    overdue: tuple[TaskLine, ...]
    events_held: tuple[EventLine, ...]
    events_not_held: tuple[EventLine, ...]
    # The top-level criteria (the ranking table's columns), then every leaf
    # (its annex), as numbered tree nodes.
    criteria: tuple[Node, ...]
    leaves: tuple[Node, ...]
    tie_break: tuple[Node, ...]
    ranking: tuple[ScoreRow, ...]
    awards: tuple[AwardLine, ...]
    achievements: tuple[str, ...]
    shortcomings: tuple[str, ...]
    lessons: tuple[str, ...]
    next_year: tuple[str, ...]
    # The vote's rules the report was built with; None: the shipped ones.
    award_rules: tuple[AwardRule, ...] | None = None

    def __repr__(self) -> str:
        return (f"Report({self.path!r}, year={self.year}, as_of={self.as_of.isoformat()}, "
                f"tasks={len(self.tasks)}, overdue={len(self.overdue)}, "
                f"ranked={len(self.ranking)})")

    def to_json(self) -> str:
        """The text of ``thidua report --format json`` for this plan."""
        from ..formats.report.json import dumps

        return dumps([self], array=False)

    @property
    def year(self) -> int:
        return self.plan.year

    @property
    def events(self) -> tuple[EventLine, ...]:
        return self.events_held + self.events_not_held

    @property
    def scored(self) -> bool:
        """Whether any member has a score: otherwise the table says "chưa có điểm chấm"."""
        return any(row.scored for row in self.ranking)
