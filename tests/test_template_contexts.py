"""The template contexts are what their types say, and docs/templates.md is generated from
the types."""

from __future__ import annotations

import datetime
import decimal
import types
import typing
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from thidua_cli import docs
from thidua_cli.dates import Month
from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.render.context import build_context
from thidua_cli.render.contexts import PlanContext, ReportContext
from thidua_cli.render.reference import render_templates_markdown
from thidua_cli.report import build_report
from thidua_cli.report.context import build_report_context

from .conftest import EXAMPLE, PLANS, ROOT

SCORED = PLANS / "report" / "plan-2022-scored.yaml"


def conforms(value: Any, kind: Any, where: str) -> list[str]:
    """Where ``value`` is not of ``kind`` (keys of TypedDicts included), as text."""
    if get_origin(kind) is typing.Annotated:
        return conforms(value, get_args(kind)[0], where)
    if is_typeddict(kind):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a mapping"]
        hints = get_type_hints(kind, include_extras=True)
        problems = [f"{where}.{k}: not in the type" for k in value if k not in hints]
        # (__required_keys__ would do, but not under `from __future__ import annotations`)
        problems += [f"{where}.{k}: missing" for k, h in hints.items()
                     if get_origin(h) is not typing.NotRequired and k not in value]
        for key, hint in hints.items():
            if get_origin(hint) is typing.NotRequired:
                hint = get_args(hint)[0]
            if key in value:
                problems += conforms(value[key], hint, f"{where}.{key}")
        return problems
    origin = get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        options = [conforms(value, a, where) for a in get_args(kind)]
        return [] if any(not o for o in options) else options[0]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__}, not a list"]
        return [p for i, v in enumerate(value) for p in conforms(v, get_args(kind)[0],
                                                                 f"{where}[{i}]")]
    if kind is type(None):
        return [] if value is None else [f"{where}: {value!r} is not None"]
    if kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else [f"{where}: {value!r} is not a number"]
    if kind in (str, int, bool, datetime.date, Month, decimal.Decimal):
        return [] if isinstance(value, kind) else [f"{where}: {value!r} is not {kind}"]
    raise AssertionError(f"{where}: no check for {kind}")


@pytest.mark.parametrize("path", [EXAMPLE, SCORED, PLANS / "valid" / "minimal.yaml"],
                         ids=lambda p: p.name)
def test_the_contexts_have_the_keys_and_types_their_types_say(path: Any) -> None:
    plan = lint_file(str(path), LintOptions()).plan
    assert plan is not None
    assert conforms(build_context(plan), PlanContext, "context") == []
    report = build_report(plan, as_of=datetime.date(2022, 12, 20), path=str(path))
    assert conforms(build_report_context(report), ReportContext, "context") == []


def test_docs_templates_md_is_generated_from_the_types() -> None:
    path = ROOT / "docs" / "templates.md"
    assert path.read_text("utf-8") == render_templates_markdown(), (
        "docs/templates.md is stale: run `python -m thidua_cli.docs` and commit the result")
    assert docs.stale_files(ROOT) == []
    for name in ("PlanContext", "ReportContext", "Task", "Document", "Row"):
        assert f"\n## {name}\n" in path.read_text("utf-8")
