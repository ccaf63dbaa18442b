"""``ke-hoach``: the plan itself (the context ``thidua render`` has always used)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Plan
from ..render.context import build_context
from .registry import Kind, Part, Request


def build(plan: Plan, kind: Kind, request: Request) -> Sequence[Part]:
    return [Part(build_context(plan))]
