"""``tong-ket``: the year-end report, as ``thidua report`` writes it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..model import Plan
from .registry import Kind, Part, Request


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    from ..report.build import build_report
    from ..report.context import build_report_context

    report = build_report(plan, as_of=request.as_of or date.today(), awards=request.awards)
    return [Part(build_report_context(report))]
