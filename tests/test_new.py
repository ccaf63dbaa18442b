"""``thidua new``: last year's plan moved to a new year, or the skeleton."""

from __future__ import annotations

import difflib
import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.model import Plan
from thidua_cli.newplan import make_plan
from thidua_cli.newplan.rollover import roll_over, shift_date_text, shift_month_text
from thidua_cli.newplan.roundtrip import delete, dump, guess_indent, load
from thidua_cli.newplan.skeleton import skeleton

from .conftest import EXAMPLE, PLANS

SCORED = PLANS / "report" / "plan-2022-scored.yaml"
ALL_PLANS = [EXAMPLE, SCORED, *sorted((PLANS / "valid").glob("*.yaml"))]
# The new plans are checked as of the start of their year: nothing is overdue yet.
START_2023 = LintOptions(today=date(2023, 1, 1))


@pytest.mark.parametrize(("text", "shift", "expected"), [
    ("2022-04-26", 1, "2023-04-26"),
    ("2022-4-6", 1, "2023-4-6"),          # the digits as written
    ("26/4/2022", 1, "26/4/2023"),
    ("05/02/2022", 1, "05/02/2023"),
    ("5/2/2022", 3, "5/2/2025"),
    ("2024-02-29", 1, "2025-02-28"),      # no 29 February in a common year
    ("29/2/2024", 1, "28/2/2025"),
    ("29/02/2020", 4, "29/02/2024"),      # leap to leap keeps the 29th
    ("2023-12-31", -1, "2022-12-31"),
    ("not a date", 1, "not a date"),
    # Full-width digits (a CJK input method) stay full-width: no mixed date.
    ("１５/１２/２０２２", 1, "１５/１２/２０２３"),
    ("２０２４-０２-２９", 1, "２０２５-０２-２８"),
    ("٢٩/٢/٢٠٢٤", 1, "٢٨/٢/٢٠٢٥"),         # any decimal digits, Arabic-Indic too
])
def test_shift_date_text(text: str, shift: int, expected: str) -> None:
    assert shift_date_text(text, shift) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("9/2022", "9/2023"), ("09/2022", "09/2023"), ("2022-09", "2023-09"), ("2022-9", "2023-9"),
    ("９/２０２２", "９/２０２３"), ("２０２２-０９", "２０２３-０９"),
])
def test_shift_month_text(text: str, expected: str) -> None:
    assert shift_month_text(text, 1) == expected


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_round_trip_is_byte_for_byte(path: Path) -> None:
    text = path.read_text("utf-8")
    data, yaml = load(text)
    assert dump(data, yaml) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("a:\n  b: 1\nc:\n  - x\n", (2, 4, 2)),
    ("a:\n    b: 1\nc:\n- x\n", (4, 2, 0)),
    ("a:\n  b:\n    - x\n", (2, 4, 2)),
    ("a: 1\n", (2, 4, 2)),
])
def test_guess_indent(text: str, expected: tuple[int, int, int]) -> None:
    assert guess_indent(text) == expected


def test_delete_keeps_the_comments_that_follow() -> None:
    text = textwrap.dedent("""\
        tasks:
          - id: a
            result: xong   # goes with its value
            # stays: about the next item
          - id: b
            result: >-
              folded

          - id: c
            result: |
              literal
            # stays too
        scores:
          a: {x: 1}
          b:
            x: 2
        # stays: about events
        events: []
        """)
    data, yaml = load(text)
    for task in data["tasks"]:
        delete(task, "result")
    delete(data, "scores")
    assert dump(data, yaml) == textwrap.dedent("""\
        tasks:
          - id: a
            # stays: about the next item
          - id: b

          - id: c
            # stays too
        # stays: about events
        events: []
        """)


def plan_of(text: str) -> Plan:
    result = lint_text(text, "new.yaml", LintOptions())
    assert result.plan is not None, result.findings
    return result.plan


def comments(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip().startswith("#")]


def test_new_from_the_example() -> None:
    # Written beside the example, so its schema modeline stays as it is (test_modelines.py).
    made = make_plan(year=2023, source=str(EXAMPLE), options=START_2023, out_name=str(EXAMPLE))
    assert made.text is not None and made.result is not None
    assert made.result.findings == ()              # lints clean, warnings included
    source = EXAMPLE.read_text("utf-8")
    assert comments(made.text) == comments(source)  # every comment, in order
    old, new = plan_of(source), plan_of(made.text)
    assert new.year == 2023
    assert new.title == old.title.replace("2022", "2023")
    assert [e.date for e in new.events] == [
        None if e.date is None else e.date.replace(year=2023) for e in old.events]
    assert new.basis == old.basis                   # laws keep their dates
    assert {e.status for e in new.events} == {t.status for t in new.tasks} == {"planned"}
    assert all(e.result is None for e in new.events)
    assert new.bloc == old.bloc and new.objectives == old.objectives
    # Only what had to change did: the year, the title, a date, a status, a result.
    diff = [ln for ln in difflib.ndiff(source.splitlines(), made.text.splitlines())
            if ln[:1] in "+-"]
    assert [ln for ln in diff if ln.startswith("+")] == [
        "+ year: 2023",
        "+ title: Tổ chức phong trào thi đua, khen thưởng năm 2023 của Khối thi đua các bộ, "
        "ngành tổng hợp",
        "+     date: 2023-04-26",
        "+     status: planned",
    ]
    assert len([ln for ln in diff if ln.startswith("-")]) == 4 + 4   # and the 4-line result


def test_new_from_a_year_end_plan_clears_the_outcomes() -> None:
    made = make_plan(year=2023, source=str(SCORED), options=START_2023, out_name=str(SCORED))
    assert made.text is not None and made.result is not None
    assert made.result.findings == ()
    new, old = plan_of(made.text), plan_of(SCORED.read_text("utf-8"))
    assert (new.scores, new.awards, new.review) == ({}, [], None)
    assert new.criteria == old.criteria
    assert [t.due for t in new.tasks] == [
        None if t.due is None else t.due.replace(year=2023) for t in old.tasks]
    assert all(t.status == "planned" and t.result is None for t in new.tasks)
    assert "due: 30/6/2023" in made.text and "month: 9/2023" in made.text
    assert "due: 2023-12-15" in made.text
    assert comments(made.text) == comments(SCORED.read_text("utf-8"))


def test_new_clears_the_document_number_and_date() -> None:
    path = PLANS / "valid" / "document-full.yaml"
    made = make_plan(year=2024, source=str(path), options=LintOptions(today=date(2024, 1, 1)))
    assert made.text is not None and made.result is not None
    assert made.result.findings == ()
    new = plan_of(made.text)
    assert new.document is not None
    assert (new.document.number, new.document.date, new.document.symbol) == (
        None, None, "KH-TĐKT")


def test_new_keeps_vietnamese_date_forms() -> None:
    path = PLANS / "valid" / "vietnamese-dates.yaml"
    made = make_plan(year=2023, source=str(path))
    assert made.text is not None
    # Document date cleared; bases kept; activities moved, each in its own form.
    assert re.findall(r"(?:date|month|due): (\S+)", made.text) == re.findall(
        r"(?:date|month|due): (\S+)", path.read_text("utf-8").replace(
            "  date: 26/4/2022\n", "", 1).replace("/2022", "/2023").replace(
            "2022-", "2023-"))


def test_29_february() -> None:
    text = skeleton(2024).replace("due: 2024-06-30", "due: 2024-02-29")
    text = text.replace("date: 2024-04-20", "date: 29/02/2024")
    data, yaml = load(text)
    roll_over(data, 2025)
    out = dump(data, yaml)
    assert "due: 2025-02-28" in out and "date: 28/02/2025" in out
    assert plan_of(out).tasks[0].due == date(2025, 2, 28)


@pytest.mark.parametrize("year", [1999, 2023, 2024, 2100])
def test_skeleton_lints_without_errors_its_placeholders_flagged(year: int) -> None:
    made = make_plan(year=year, options=LintOptions(today=date(year, 1, 1)))
    assert made.text is not None and made.result is not None
    # Only the example values still to replace (TD409), each one a warning.
    assert {(f.code, f.severity) for f in made.result.findings} == {("TD409", "warning")}
    flagged = {f.line for f in made.result.findings}
    for needle in ("TÊN CƠ QUAN KHỐI TRƯỞNG", "Khối thi đua ...", "Cơ quan thành viên 1"):
        line = next(i for i, ln in enumerate(made.text.splitlines(), 1)
                    if needle in ln and not ln.lstrip().startswith("#"))
        assert line in flagged, needle
    assert plan_of(made.text).year == year


def test_skeleton_shows_every_section() -> None:
    text = skeleton(2023)
    for key in Plan.model_fields:
        assert re.search(rf"^(# )?{key}:", text, re.MULTILINE), key
    for key in ("parent", "number", "date", "signer", "recipients"):
        assert re.search(rf"^  (# )?{key}:", text, re.MULTILINE), key
