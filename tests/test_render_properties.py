"""Properties of render, report, diff and new on generated valid plans.

The plans come from ``tests/strategies.py``: valid, with any Unicode in their
texts (``{{``, ``{%``, ``&``, ``<``, bidi marks, emoji, control characters).
Whatever they hold, the Markdown and the DOCX are written, the DOCX is a
valid document python-docx opens, and every task title is in both, as the
documented rule (``text/control.py``) prints it; a plan compared with
itself, even written in another YAML style, has no changes; next year's
plan made from it lints without errors.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings

from thidua_cli.diff.engine import DiffOptions, diff_texts
from thidua_cli.lint.engine import FileResult, LintOptions, lint_text
from thidua_cli.lint.rules import RULES
from thidua_cli.newplan import make_plan
from thidua_cli.render.context import build_context, clean
from thidua_cli.render.docx import render_docx
from thidua_cli.render.markdown import cell, escape, render_markdown
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes, markdown_text

from .documents import docx_text
from .rendering import shipped
from .strategies import NEVER_OVERDUE, WORD_RULES, FlowStyle, dump, flow_styles, plans

# Structure decides whether a plan renders; the rules about the words of free
# text (strategies.WORD_RULES) judge generated text, which trips them at will.
OPTIONS = LintOptions(today=NEVER_OVERDUE,
                      enabled=frozenset(r.code for r in RULES) - WORD_RULES)
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def linted(text: str) -> FileResult:
    result = lint_text(text, "plan.yaml", OPTIONS)
    errors = [(f.code, f.line, f.message) for f in result.findings if f.severity == "error"]
    assert errors == []
    assert result.plan is not None
    return result


def titles(data: dict[str, Any]) -> list[str]:
    """Every task title as the documents print it."""
    return [clean(task["title"]) for task in data["tasks"]]


@SETTINGS
@given(plans())
def test_a_valid_plan_renders_to_markdown_and_docx(data: dict[str, Any]) -> None:
    plan = linted(dump(data)).plan
    assert plan is not None
    context = build_context(plan)
    markdown = render_markdown(context, shipped())
    document = docx_text(render_docx(context, shipped()))
    for title in titles(data):
        assert escape(title) in markdown
        assert title in document


@SETTINGS
@given(plans())
def test_a_valid_plan_gives_its_report(data: dict[str, Any]) -> None:
    plan = linted(dump(data)).plan
    assert plan is not None
    report = build_report(plan, as_of=date(plan.year, 12, 31), path="plan.yaml")
    markdown = markdown_text(report, shipped())
    document = docx_text(docx_bytes(report, shipped()))
    for title in titles(data):
        assert cell(title) in markdown  # the report lists tasks in a table
        assert title in document


@SETTINGS
@given(plans(), flow_styles(), flow_styles())
def test_a_plan_compared_with_itself_has_no_changes(data: dict[str, Any], old: FlowStyle,
                                                    new: FlowStyle) -> None:
    result = diff_texts(dump(data, old), dump(data, new), DiffOptions())
    assert result.changes == ()


@SETTINGS
@given(plans(max_tasks=4))
def test_next_years_plan_lints_without_errors(data: dict[str, Any]) -> None:
    # A plan of 2100 moves into 2101, past the years a plan can mean (TD205's
    # window), where an error is the right answer (tests/hostile cover it).
    assume(data["year"] < 2100)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.yaml"
        source.write_text(dump(data), "utf-8")
        made = make_plan(year=data["year"] + 1, source=str(source), options=OPTIONS)
    assert made.text is not None, made.source and made.source.findings
    assert made.result is not None
    assert [(f.code, f.line, f.message) for f in made.result.findings
            if f.severity == "error"] == []
    linted(made.text)
