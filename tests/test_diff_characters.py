"""What ``thidua diff`` prints for text holding control, bidi or invisible characters.

The text and Markdown reports go to terminals and pull-request comments:
there such characters could drive the terminal, reorder a line or make a
change invisible, so they are shown as Python escapes. The JSON report is
data and keeps the text as it is.
"""

from __future__ import annotations

import io
import json
import unicodedata

import pytest

from thidua_cli.diff.engine import DiffOptions, diff_texts
from thidua_cli.formats.diff.json import report as json_report
from thidua_cli.formats.diff.md import report as md_report
from thidua_cli.formats.diff.text import report as text_report
from thidua_cli.formats.lint import ReportOptions

from .documents import yaml_quoted

OLD = "tasks:\n  - {id: t1, title: Tuyên truyền}\n"


def new_with(piece: str) -> str:
    return f"tasks:\n  - {{id: t1, title: {yaml_quoted(f'Tuyên truyền {piece}')}}}\n"


def reported(piece: str, report: object, color: bool = False) -> str:
    out = io.StringIO()
    report(diff_texts(OLD, new_with(piece), DiffOptions()), out,  # type: ignore[operator]
           ReportOptions(color=color))  # type: ignore[call-arg]
    return out.getvalue()


def raw_invisible(out: str) -> list[str]:
    """Control and format characters in ``out``, line breaks aside."""
    return [c for c in out if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]


@pytest.mark.parametrize(("piece", "shown"), [
    ("\x1b[2J", "\\x1b[2J"),  # would clear the terminal
    ("\x07", "\\x07"),
    ("\x9b31m", "\\x9b31m"),  # the one-byte CSI
    ("\u202eevil", "\\u202eevil"),  # right-to-left override
    ("\u2066x\u2069", "\\u2066x\\u2069"),  # bidi isolates
    ("a\u200bb", "a\\u200bb"),  # a zero-width space: the only change in the title
    ("\ufeff", "\\ufeff"),
    ("\u00ad", "\\xad"),  # soft hyphen
    ("\t", "\\t"),
    ("đ 😀 {{ x }} <b>", "đ 😀 {{ x }} <b>"),  # visible text stays as written
])
@pytest.mark.parametrize("color", [False, True])
def test_text_report_shows_escapes(piece: str, shown: str, color: bool) -> None:
    out = reported(piece, text_report, color)
    assert f"Tuyên truyền {shown}" in out
    if shown != piece:
        assert piece not in out
    if not color:  # (rich's colours are escape sequences of their own)
        assert raw_invisible(out) == []


@pytest.mark.parametrize(("piece", "shown"), [
    ("\x1b[2J", "\\x1b[2J"),
    ("\u202eevil", "\\u202eevil"),
    ("a\u200bb", "a\\u200bb"),
])
def test_markdown_report_shows_escapes(piece: str, shown: str) -> None:
    out = reported(piece, md_report)
    assert f"Tuyên truyền {shown}" in out
    assert raw_invisible(out) == []


def test_a_line_break_in_a_value_still_makes_lines() -> None:
    lines = reported("một\ndòng hai dài hơn bốn mươi ký tự để không ở trên một dòng",
                     text_report).splitlines()
    assert "          + Tuyên truyền một" in lines
    assert "            dòng hai dài hơn bốn mươi ký tự để không ở trên một dòng" in lines


def test_json_report_keeps_the_text() -> None:
    data = json.loads(reported("\x1b\u202e", json_report))
    assert data["changes"][0]["new"] == "Tuyên truyền \x1b\u202e"
