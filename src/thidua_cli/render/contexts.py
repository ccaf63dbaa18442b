"""What a template sees, key by key: the template contexts as types.

``build_context`` (``context.py``) returns a ``PlanContext`` for
``plan.md.j2`` and ``plan.docx``; ``build_report_context`` returns a
``ReportContext`` for ``report.md.j2`` and ``report.docx``. Each key says what
it holds in its ``Annotated`` text, and ``docs/templates.md`` is generated
from these classes (``python -m thidua_cli.docs``), so the page and the code
cannot drift apart. Text is NFC with control characters shown as U+FFFD.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, NotRequired, TypedDict

from ..dates import Month


class Member(TypedDict):
    """A member of the bloc."""

    id: Annotated[str, "The member's id in the plan"]
    name: Annotated[str, "Full name (Bộ Tài chính)"]
    short_name: Annotated[str | None, "Short name (BTC), if the plan gives one"]


class Basis(TypedDict):
    """A legal basis (căn cứ)."""

    id: Annotated[str, "The basis's id in the plan"]
    number: Annotated[str, "Number and symbol (34-CT/TW)"]
    kind: Annotated[str | None, "Its kind of document, told from the symbol (Chỉ thị)"]
    date: Annotated[date, "Date of issue"]
    issuer: Annotated[str, "Who issued it"]
    title: Annotated[str, "Its summary line (trích yếu)"]
    law: Annotated[bool, "Whether it is a law (Luật, Pháp lệnh...): cited by type and name"]
    citation: Annotated[str, "How the documents cite it (Chỉ thị số 34-CT/TW ngày ... của ...)"]


class Objective(TypedDict):
    """A purpose of the plan (mục đích, yêu cầu)."""

    id: Annotated[str, "The objective's id in the plan"]
    text: Annotated[str, "What it says"]


class Signer(TypedDict):
    """Who signs the document."""

    authority: Annotated[str | None, "Signing on behalf (KT. CHỦ TỊCH), if any"]
    authority_lines: Annotated[list[str], "The authority, one line each (TM. ..., KT. ...)"]
    position: Annotated[str, "The signer's position"]
    name: Annotated[str, "The signer's name"]


class Document(TypedDict):
    """The letterhead and signature (thể thức văn bản)."""

    issuer: Annotated[str, "The issuing body (the bloc head's, upper case, in a draft)"]
    issuer_name: Annotated[str, "The issuing body as running text names it, in sentence case"]
    parent: Annotated[str | None, "The issuer's parent body, if any"]
    number: Annotated[int | None, "Document number; None in a draft"]
    symbol: Annotated[str, "Symbol (KH-LMHTXVN; BC-... for a report)"]
    place: Annotated[str | None, "Place of issue"]
    date: Annotated[date | None, "Date of issue; None in a draft"]
    signer: Annotated[Signer | None, "Who signs; None in a draft"]
    recipients: Annotated[list[str], "Nơi nhận, one line each"]


class Task(TypedDict):
    """A task of the plan."""

    id: Annotated[str, "The task's id in the plan"]
    label: Annotated[str, "Its point label in the document (1., a), ...)"]
    title: Annotated[str, "What is to be done"]
    details: Annotated[list[str], "Details, one paragraph each"]
    objectives: Annotated[list[str], "The texts of the objectives it serves"]
    basis: Annotated[list[Basis], "The legal bases it cites"]
    lead: Annotated[str, "The lead member's name (Các thành viên Khối for all)"]
    lead_all: Annotated[bool, "Whether every member leads it"]
    support: Annotated[list[str], "The supporting members' names"]
    due: Annotated[date | None, "Deadline"]
    status: Annotated[str, "planned, in_progress, done or cancelled"]
    status_text: Annotated[str, "The status in Vietnamese (Đã thực hiện)"]
    result: Annotated[str | None, "What came of it"]
    overdue: NotRequired[Annotated[bool, "Reports only: past due and not closed"]]


class Event(TypedDict):
    """A joint activity or milestone."""

    id: Annotated[str, "The activity's id in the plan"]
    title: Annotated[str, "What it is"]
    date: Annotated[date | None, "Its day, if fixed"]
    month: Annotated[Month | None, "Its month, if only that is known"]
    host: Annotated[str | None, "The host member's name"]
    place: Annotated[str | None, "Where"]
    status: Annotated[str, "planned, in_progress, done or cancelled"]
    status_text: Annotated[str, "The status in Vietnamese"]
    result: Annotated[str | None, "What came of it"]


class Criterion(TypedDict):
    """A scoring criterion: a node of the criteria tree, in document order."""

    id: Annotated[str, "The criterion's id in the plan"]
    number: Annotated[str, "Its number in the documents (1, 1.1, 1.1.2)"]
    title: Annotated[str, "What is scored"]
    max_points: Annotated[Decimal, "The most points a member can get"]
    kind: Annotated[str, "points, bonus (điểm thưởng) or penalty (điểm trừ)"]
    depth: Annotated[int, "0 for a top-level criterion, 1 for its children, ..."]
    leaf: Annotated[bool, "Whether it has no children (scores are given for leaves)"]


class Responsibilities(TypedDict):
    """Section III.3 (tổ chức thực hiện), when the plan writes it out."""

    head: Annotated[list[str], "The bloc head's duties"]
    deputies: Annotated[list[str], "The deputies' duties"]
    members: Annotated[list[str], "The members' duties"]
    reporting: Annotated[list[str], "Reporting duties and deadlines"]


class Bloc(TypedDict):
    """The emulation bloc (khối thi đua)."""

    name: Annotated[str, "The bloc's name"]
    head: Annotated[Member, "The bloc head (khối trưởng)"]
    deputies: Annotated[list[Member], "The deputies (khối phó)"]
    members: Annotated[list[Member], "Every member, head and deputies included, in order"]


class PlanContext(TypedDict):
    """What ``plan.md.j2`` and ``plan.docx`` see."""

    year: Annotated[int, "The plan's year"]
    title: Annotated[str, "Summary line (trích yếu)"]
    theme: Annotated[str, "Theme of the movement"]
    document: Annotated[Document, "Letterhead and signature"]
    draft: Annotated[bool, "Whether the number or the date is still missing"]
    bloc: Annotated[Bloc, "The bloc"]
    basis: Annotated[list[Basis], "Legal bases, in the plan's order"]
    objectives: Annotated[list[Objective], "Purposes"]
    tasks: Annotated[list[Task], "Tasks"]
    events: Annotated[list[Event], "Joint activities"]
    criteria: Annotated[list[Criterion], "Scoring criteria, every node of the tree"]
    criteria_total: Annotated[Decimal, "The top-level points criteria's maxima added up (exactly)"]
    criteria_nested: Annotated[bool, "Whether any criterion has children"]
    responsibilities: Annotated[Responsibilities | None, "Section III.3; None: the standard text"]


class StatusCount(TypedDict):
    """How many tasks have one status."""

    status: Annotated[str, "The status"]
    status_text: Annotated[str, "The status in Vietnamese"]
    count: Annotated[int, "How many tasks"]
    percent: Annotated[float, "Their share of all tasks (0-100, one decimal)"]


class Row(TypedDict):
    """A row of the scoring table."""

    id: Annotated[str, "The member's id"]
    name: Annotated[str, "The member's name"]
    short_name: Annotated[str | None, "Its short name"]
    scores: Annotated[list[Decimal | None], "Points per top-level criterion, in order"]
    total: Annotated[Decimal | None, "Final points added up (exactly); None when unscored"]
    rank: Annotated[int | None, "Place in the ranking (ties share one); None when unscored"]
    leaves: Annotated[list[Decimal | None], "Points per leaf criterion, in the tree's order"]
    self_total: Annotated[Decimal | None, "The member's own total (tự chấm), when given"]
    checked: Annotated[bool, "Whether the bloc set every final score (thẩm định)"]
    self_cell: Annotated[list[Decimal | None], "[self_total] when any member has one, else []"]
    decided_by: Annotated[Criterion | None, "The tie-break criterion that decided its place"]
    shared: Annotated[bool, "Whether it shares its rank with another member"]


class Vote(TypedDict):
    """A vote's tally as the documents print it."""

    agree: Annotated[int, "Votes for"]
    disagree: Annotated[int, "Votes against"]
    base: Annotated[int, "What the threshold is a share of (members, or valid votes)"]
    agree_percent: Annotated[float, "Votes for, in percent of the base, cut to two decimals"]
    disagree_percent: Annotated[float, "Votes against, likewise"]
    passed: Annotated[bool | None, "Whether it reached the threshold; None without one"]
    result: Annotated[str | None, "Đạt or Không đạt; None without a threshold"]


class Threshold(TypedDict):
    """The share of votes an award needs, with its source."""

    percent: Annotated[float, "The share, in percent (80)"]
    of: Annotated[str, "members (of the bloc) or votes (valid ballots)"]
    of_text: Annotated[str, "The base in words (tổng số thành viên Khối)"]
    source: Annotated[str | None, "The regulation that sets it"]
    verified: Annotated[bool, "Whether the source was checked against the text"]
    note: Annotated[str | None, "A note on it"]
    quota: Annotated[int | None, "How many members at most may get it"]


class Nominee(TypedDict):
    """A member nominated for an award."""

    id: Annotated[str, "The member's id"]
    name: Annotated[str, "The member's name"]
    total: Annotated[Decimal | None, "Its points"]
    rank: Annotated[int | None, "Its place in the ranking"]
    votes: Annotated[Vote | None, "Its vote, when the plan records one"]


class Award(TypedDict):
    """A year-end nomination (đề nghị khen thưởng)."""

    title: Annotated[str, "The award"]
    note: Annotated[str | None, "A note on it"]
    threshold: Annotated[Threshold | None, "The share of votes it needs; None if not known"]
    members: Annotated[list[Nominee], "Who is nominated"]


class Period(TypedDict):
    """What the report covers: the year, or its first half."""

    mid_year: Annotated[bool, "Whether it is the mid-year review (sơ kết 6 tháng)"]
    title: Annotated[str, "The summary line (trích yếu)"]
    name: Annotated[str, "The document's name (Báo cáo tổng kết ...)"]
    part_one: Annotated[str, "The heading of part I (results)"]
    part_two: Annotated[str, "The heading of part II (directions)"]


class Review(TypedDict):
    """The year's review."""

    achievements: Annotated[list[str], "Kết quả đạt được"]
    shortcomings: Annotated[list[str], "Tồn tại, hạn chế"]
    lessons: Annotated[list[str], "Bài học kinh nghiệm"]


class ReportContext(PlanContext):
    """What ``report.md.j2`` and ``report.docx`` see: the plan's context (tasks with
    ``overdue``, the letterhead the report's), and these keys."""

    plan_document: Annotated[Document, "The plan's own letterhead, to cite it"]
    plan_citation: Annotated[str, "The plan as the report's opening cites it (Kế hoạch số ...)"]
    doc_title: Annotated[str, "The document's name, for the file's properties"]
    period: Annotated[Period, "What the report covers"]
    as_of: Annotated[date, "The day overdue tasks are counted at"]
    next_year_number: Annotated[int, "The year after the plan's"]
    status_counts: Annotated[list[StatusCount], "Tasks per status"]
    overdue: Annotated[list[Task], "Tasks past due and not closed"]
    events_held: Annotated[list[Event], "Activities done"]
    events_not_held: Annotated[list[Event], "The other activities"]
    scored: Annotated[bool, "Whether any member has a score"]
    ranked: Annotated[list[Row], "Scored members, best first"]
    unscored: Annotated[list[Row], "Members without scores"]
    ranking_criteria: Annotated[list[Criterion], "The ranking table's columns"]
    leaves: Annotated[list[Criterion], "The leaf criteria, for the annex of every leaf's score"]
    leaves_annex: Annotated[bool, "Whether the leaves get an annex (the tree is nested)"]
    tie_break: Annotated[list[Criterion], "The plan's tie-break order (ranking.tie_break)"]
    self_totals: Annotated[bool, "Whether any member gave its own total (tự chấm)"]
    self_column: Annotated[list[str], "['Tự chấm'] when self_totals, else [] (a DOCX column loop)"]
    second_half: Annotated[list[Task], "Tasks not closed, for the directions"]
    awards: Annotated[list[Award], "Nominations"]
    review: Annotated[Review, "The year's review"]
    next_year: Annotated[list[str], "Directions for next year"]


CONTEXTS: tuple[type, ...] = (PlanContext, ReportContext)
# What a context extends (Python 3.11 keeps no trace of a TypedDict's bases).
EXTENDS: dict[type, type] = {ReportContext: PlanContext}
