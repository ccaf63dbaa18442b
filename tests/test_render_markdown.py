"""Markdown output: golden files, escaping, the Mermaid chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_cli.render.markdown import GANTT_MAX, escape, gantt

from .conftest import EXAMPLE, PLANS
from .rendering import SPECIAL, assert_golden, big_plan, context_of, markdown_of


@pytest.mark.parametrize(("plan", "golden"), [
    (EXAMPLE, "plan-2022.md"),
    (SPECIAL, "special-characters.md"),
    (PLANS / "valid" / "scoring-tree.yaml", "scoring-tree.md"),  # the criteria appendix as a tree
])
def test_markdown_matches_golden_file(plan: Path, golden: str) -> None:
    assert_golden(golden, markdown_of(plan))


@pytest.mark.parametrize(("text", "expected"), [
    ("Bộ Tài chính", "Bộ Tài chính"),
    ("kinh tế - xã hội (2021 - 2026).", "kinh tế - xã hội (2021 - 2026)."),
    ("*đậm* _nghiêng_", r"\*đậm\* \_nghiêng\_"),
    ("[liên kết](http://x)", r"\[liên kết\](http://x)"),
    ("<b>thẻ</b>", r"\<b>thẻ\</b>"),
    ("a | b", r"a \| b"),
    ("`mã`", r"\`mã\`"),
    ("$x$ ~~gạch~~", r"\$x\$ \~\~gạch\~\~"),
    (r"gạch \ ngược", r"gạch \\ ngược"),
    ("&amp; &#36; & và", r"\&amp; \&#36; & và"),
    ("# tiêu đề", r"\# tiêu đề"),
    ("- gạch đầu dòng", r"\- gạch đầu dòng"),
    ("+ cộng", r"\+ cộng"),
    ("> trích", r"\> trích"),
    ("1. danh sách", r"1\. danh sách"),
    ("12) danh sách", r"12\) danh sách"),
    ("năm 2022. Tiếp", "năm 2022. Tiếp"),
    ("{{ 7*7 }} {% raw %}", r"{{ 7\*7 }} {% raw %}"),
    ("dòng một\n# dòng hai", "dòng một\n\\# dòng hai"),
    ("    thụt lề", "thụt lề"),
])
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_gantt_shows_dated_items_and_month_spans() -> None:
    chart = gantt(context_of(SPECIAL))
    assert chart["omitted"] == 0
    sections = {s["name"]: s["lines"] for s in chart["sections"]}
    assert sections == {
        "Nhiệm vụ": [
            # From the document's date to the deadline (end exclusive).
            "Nhiệm vụ | có gạch đứng * và sao {{ 7*7 }} :active, 2025-02-05, 2025-03-01",
            "Nhiệm vụ thứ hai { raw }{{ x }}{ endraw } :2025-02-05, 2025-12-01",
        ],
        "Hoạt động chung": [
            "Hội nghị giao ước & ký kết :done, milestone, 2025-02-05, 0d",
            # Only a month: the whole month. The cancelled activity is left out.
            "Giải thể thao bóng đá cầu lông :2025-09-01, 30d",
        ],
    }


def test_gantt_is_left_out_when_nothing_has_a_date() -> None:
    text = markdown_of(EXAMPLE)
    assert text.count("```mermaid") == 1  # the example has one dated activity
    context = context_of(EXAMPLE)
    context["events"] = []
    assert gantt(context) == {"sections": [], "omitted": 0}


def test_big_plan_renders_every_task(tmp_path: Path) -> None:
    plan = tmp_path / "big.yaml"
    plan.write_text(big_plan(tasks=60, events=4), "utf-8")
    text = markdown_of(plan)
    # 60 tasks: past the 23 Vietnamese letters, points are numbered.
    assert "#### 60) Nhiệm vụ số 60 " in text
    assert "| 60 | Nhiệm vụ số 60 " in text


def test_gantt_of_a_big_plan_stays_under_mermaids_size_limit(tmp_path: Path) -> None:
    plan = tmp_path / "big.yaml"
    plan.write_text(big_plan(tasks=400, events=10), "utf-8")
    text = markdown_of(plan)
    chart = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert len(chart) < 50_000
    assert sum(1 for line in chart.splitlines() if " :" in line) == GANTT_MAX
    # every activity is kept, tasks fill the rest, the others are counted
    assert chart.count("Hoạt động chung số") == 10
    assert f"*Biểu đồ không hiện {410 - GANTT_MAX} mục có thời hạn khác" in text


def test_special_characters_plan_lints_clean() -> None:
    from datetime import date

    from thidua_cli.lint.engine import LintOptions, lint_file

    # Checked at the start of its year: later, its open tasks are overdue (TD204).
    assert lint_file(str(SPECIAL), LintOptions(today=date(2025, 1, 1))).findings == ()
