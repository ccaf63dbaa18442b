"""The year-end report (báo cáo tổng kết): a plan and a day → a frozen result.

``build_report`` computes everything the report says (task counts, overdue
tasks, activities held, the ranking, nominations, the review); the output
formats (JSON, Markdown, DOCX) only lay that value out.
"""

from __future__ import annotations

from .build import build_report
from .result import (
    AwardLine,
    EventLine,
    MemberRef,
    Nominee,
    Report,
    ScoreRow,
    StatusCount,
    TaskLine,
)

__all__ = [
    "AwardLine", "EventLine", "MemberRef", "Nominee", "Report", "ScoreRow", "StatusCount",
    "TaskLine", "build_report",
]
