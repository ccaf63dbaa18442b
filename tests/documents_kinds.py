"""Helpers for the tests of the kinds of document: render a plan as one kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from thidua_cli.documents import render
from thidua_cli.documents.registry import Part, Request, get
from thidua_cli.lint.engine import LintOptions, lint_file

from .conftest import PLANS
from .rendering import shipped

VOTES = PLANS / "documents" / "plan-2022-votes.yaml"
HOSTILE = PLANS / "documents" / "hostile.yaml"
#: The kinds this issue adds, and the day each is written at in the tests.
KINDS = ("giao-uoc", "so-ket", "don-doc", "phieu-bau", "bien-ban", "to-trinh")
AS_OF = {"don-doc": date(2022, 12, 1), "tong-ket": date(2022, 12, 31)}


def parts(kind: str, path: Path = VOTES, as_of: date | None = None,
          per_member: bool = False) -> list[Part]:
    result = lint_file(str(path), LintOptions(today=date(2022, 6, 1)))
    assert result.plan is not None, result.findings
    k = get(kind)
    day = as_of if as_of is not None else AS_OF.get(kind) if path == VOTES else None
    return list(k.builder()(result.plan, k, Request(day, per_member)))


def markdown(kind: str, path: Path = VOTES, as_of: date | None = None) -> str:
    return "".join(render.markdown(get(kind), p.context, shipped())
                   for p in parts(kind, path, as_of))


def docx(kind: str, path: Path = VOTES, as_of: date | None = None) -> bytes:
    (part,) = parts(kind, path, as_of)
    return render.docx(get(kind), part.context, shipped())
