"""Inline ignore comments, and TD900 for the ones that silence nothing."""

from __future__ import annotations

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text

from .conftest import TODAY
from .test_text_rules import HEAD, START


def lint(body: str, head: str = "", **options: object) -> list[tuple[int, int, str, str | None]]:
    text = head + HEAD + body
    offset = START + head.count("\n")
    result = lint_text(text, "plan.yaml", LintOptions(today=TODAY, **options))  # type: ignore[arg-type]
    return [(f.line - offset, f.column, f.code, f.hint) for f in result.findings]


TASK = "tasks:\n  - id: t1\n    title: {title}\n    objectives: [o1]\n"


@pytest.mark.parametrize("comment", [
    "# thidua: ignore[TD402]",
    "# thidua: ignore[misspelling]",
    "# thidua: ignore[TD4]",
    "#thidua:ignore[ TD402 , misspelling ]",
    "# the title quotes the old text  # thidua: ignore[td402]",
])
def test_line_comment_silences_its_line(comment: str) -> None:
    assert lint(TASK.format(title=f"Bổ xung kế hoạch  {comment}")) == []


def test_line_comment_silences_only_its_line() -> None:
    body = (TASK.format(title="Bổ xung kế hoạch")
            + "    details: [bổ xung]  # thidua: ignore[TD402]\n")
    assert [(line, code) for line, _, code, _ in lint(body)] == [(3, "TD402")]


def test_file_comment_in_the_header_silences_the_file() -> None:
    head = "# Kế hoạch thử\n\n# thidua: ignore-file[TD402]\n"
    body = TASK.format(title="Bổ xung kế hoạch") + "    details: [sơ xuất]\n"
    assert lint(body, head) == []


def test_file_comment_below_the_header_silences_nothing() -> None:
    body = TASK.format(title="Bổ xung kế hoạch") + "    # thidua: ignore-file[TD402]\n"
    assert lint(body) == [
        (3, 12, "TD402", "write 'Bổ sung'"),
        (5, 5, "TD900", "move it to the comment lines at the top of the file"),
    ]


@pytest.mark.parametrize("title", [
    '"Bổ xung # thidua: ignore[TD402]"',
    "'Bổ xung # thidua: ignore[TD402]'",
])
def test_comment_inside_quoted_text_is_text(title: str) -> None:
    assert [code for _, _, code, _ in lint(TASK.format(title=title))] == ["TD402"]


def test_comment_inside_block_text_is_text() -> None:
    body = TASK.format(title="Tiêu đề") + "    details: |\n      bổ xung # thidua: ignore[TD402]\n"
    assert [(line, code) for line, _, code, _ in lint(body)] == [(5, "TD402")]


@pytest.mark.parametrize(("comment", "hint"), [
    ("# thidua: ignore[TD402]", None),
    ("# thidua: ignore[TD999]", None),
    ("# thidua: ignore[misspeling]", "did you mean 'misspelling'?"),
    ("# thidua: ignore", "name the rules, as in # thidua: ignore[TD201]"),
    ("# thidua: ignore[]", "name the rules, as in # thidua: ignore[TD201]"),
])
def test_comment_that_silences_nothing(comment: str, hint: str | None) -> None:
    assert lint(TASK.format(title=f"Bổ sung kế hoạch  {comment}")) == [(3, 30, "TD900", hint)]


def test_comment_alone_on_its_line_gets_a_hint() -> None:
    body = TASK.format(title="Bổ sung").replace(
        "    title:", "    # thidua: ignore[TD402]\n    title:")
    assert lint(body) == [(3, 5, "TD900", "an ignore comment applies to its own line: "
                                          "write it at the end of the line it should silence")]


def test_each_unused_name_is_reported() -> None:
    title = "Bổ xung  # thidua: ignore[TD402, TD404]"
    assert [(code, hint) for _, _, code, hint in lint(TASK.format(title=title))] == [
        ("TD900", None)]


def test_unused_ignore_can_itself_be_silenced() -> None:
    head = "# thidua: ignore-file[TD900]\n"
    assert lint(TASK.format(title="Bổ sung  # thidua: ignore[TD402]"), head) == []


def test_rules_that_did_not_run_are_not_judged() -> None:
    # The plan does not fit the schema (no objectives), so TD301 never ran.
    body = TASK.format(title="Bổ sung  # thidua: ignore[TD301]").replace("    objectives: [o1]\n",
                                                                        "    lead: 5\n")
    assert [code for _, _, code, _ in lint(body)] == ["TD002"]


def test_rules_turned_off_are_not_judged() -> None:
    enabled = frozenset({"TD001", "TD002", "TD900"})
    assert lint(TASK.format(title="Bổ sung  # thidua: ignore[TD402]"), enabled=enabled) == []


def test_yaml_errors_are_never_silenced() -> None:
    text = "# thidua: ignore-file[TD001]\nversion: 1\nyear: [2022\n"
    codes = [f.code for f in lint_text(text, "p.yaml", LintOptions(today=TODAY)).findings]
    assert codes == ["TD001"]
