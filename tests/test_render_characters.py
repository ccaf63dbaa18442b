"""Any character a plan can hold survives rendering, as a table of characters.

Characters a document can show appear as written, in the DOCX and the
Markdown of the plan and of its year-end report alike; control characters
(``text/control.py``) appear as U+FFFD, never silently dropped, and the
DOCX stays a document Word, LibreOffice and python-docx open.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.render.context import build_context
from thidua_cli.render.docx import render_docx
from thidua_cli.render.markdown import render_markdown
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes, json_text, markdown_text
from thidua_cli.text.control import printable

from .conftest import PLANS
from .documents import docx_text, yaml_quoted
from .helpers import run
from .rendering import shipped

SCORED = PLANS / "report" / "plan-2022-scored.yaml"
TASK_TITLE = "Đẩy mạnh công tác tuyên truyền nâng cao nhận thức về phong trào thi đua yêu nước"
ACHIEVEMENT = "Các thành viên hoàn thành xuất sắc nhiệm vụ chính trị được giao."
MEMBER = "Ngân hàng Nhà nước Việt Nam"
U_FFFD = "\ufffd"

# (what the plan holds, what the document shows, what the Markdown shows when
# its escaping differs). Each sits between "A" and "B" in the text.
CHARACTERS = [
    pytest.param("{{ 7*7 }}", "{{ 7*7 }}", "{{ 7\\*7 }}", id="jinja-expression"),
    pytest.param("{% if x %}", "{% if x %}", None, id="jinja-statement"),
    pytest.param("{# c #}", "{# c #}", None, id="jinja-comment"),
    pytest.param("&amp; &", "&amp; &", "\\&amp; &", id="ampersand"),
    pytest.param("<b>]]>", "<b>]]>", "\\<b>\\]\\]>", id="markup"),
    pytest.param("\u200f\u200e", "\u200f\u200e", None, id="rtl-ltr-marks"),
    pytest.param("\u202e\u2067\u2069", "\u202e\u2067\u2069", None, id="bidi-override-isolate"),
    pytest.param("😀", "😀", None, id="emoji"),
    pytest.param("👩\u200d👩\u200d👧🇻🇳", "👩\u200d👩\u200d👧🇻🇳", None, id="emoji-sequences"),
    pytest.param("\u00ad\u200b\ufeff", "\u00ad\u200b\ufeff", None, id="invisible-format"),
    pytest.param("\u2028\u2029", "\u2028\u2029", None, id="line-paragraph-separator"),
    pytest.param("\ufdd0\U0010fffd", "\ufdd0\U0010fffd", None, id="noncharacter-private-use"),
    pytest.param("𝔘", "𝔘", None, id="astral"),
    pytest.param("ho\u0300a", "hòa", None, id="nfd-to-nfc"),
    pytest.param("\t", " ", None, id="tab-as-space"),
    pytest.param("\x00", U_FFFD, None, id="nul"),
    pytest.param("\x01", U_FFFD, None, id="c0-soh"),
    pytest.param("\x07\x08", U_FFFD * 2, None, id="c0-bell-backspace"),
    pytest.param("\x0b\x0c", U_FFFD * 2, None, id="c0-vt-ff"),
    pytest.param("\x1b[31m", U_FFFD + "[31m", U_FFFD + "\\[31m", id="c0-escape"),
    pytest.param("\x1f", U_FFFD, None, id="c0-unit-separator"),
    pytest.param("\x7f", U_FFFD, None, id="del"),
    pytest.param("\x85", U_FFFD, None, id="c1-nel"),
    pytest.param("\x93\x94", U_FFFD * 2, None, id="c1-cp1252-quotes"),
    pytest.param("\x9b", U_FFFD, None, id="c1-csi"),
    pytest.param("\ufffe", U_FFFD, None, id="u-fffe"),
    pytest.param("\uffff", U_FFFD, None, id="u-ffff"),
    pytest.param("\ufffd", U_FFFD, None, id="replacement-itself"),
]


def plan_with(piece: str) -> str:
    """The scored 2022 plan with ``A<piece>B`` at the end of its title, a task title,
    a member's name and a review achievement."""
    text = SCORED.read_text("utf-8")
    for old in ("title: Tổ chức phong trào thi đua, khen thưởng năm 2022 của Khối thi đua "
                "các bộ, ngành tổng hợp", f"title: {TASK_TITLE}", f"name: {MEMBER}",
                f"- {ACHIEVEMENT}"):
        assert text.count(old) == 1, old
        head, value = old.split(" ", 1)
        text = text.replace(old, f"{head} {yaml_quoted(f'{value} A{piece}B')}")
    return text


def context_and_report(piece: str) -> tuple[dict[str, object], object]:
    result = lint_text(plan_with(piece), "plan.yaml", LintOptions())
    assert result.plan is not None, result.findings
    assert not [f for f in result.findings if f.severity == "error"], result.findings
    return build_context(result.plan), build_report(result.plan, as_of=date(2022, 12, 31),
                                                    path="plan.yaml")


@pytest.mark.parametrize(("piece", "shown", "markdown"), CHARACTERS)
def test_plan_docx_shows_it(piece: str, shown: str, markdown: str | None) -> None:
    context, _ = context_and_report(piece)
    text = docx_text(render_docx(context, shipped()))
    for value in (TASK_TITLE, MEMBER):
        assert f"{value} A{shown}B" in text
    assert text.count(f"A{shown}B") >= 3  # the task twice (content, table), the member
    assert U_FFFD not in text.replace(f"A{shown}B", "")  # nowhere else


@pytest.mark.parametrize(("piece", "shown", "markdown"), CHARACTERS)
def test_plan_markdown_shows_it(piece: str, shown: str, markdown: str | None) -> None:
    context, _ = context_and_report(piece)
    text = render_markdown(context, shipped())
    assert f"{TASK_TITLE} A{markdown or shown}B" in text
    assert f"{MEMBER} A{markdown or shown}B" in text


@pytest.mark.parametrize(("piece", "shown", "markdown"), CHARACTERS)
def test_report_docx_and_markdown_show_it(piece: str, shown: str,
                                          markdown: str | None) -> None:
    _, report = context_and_report(piece)
    text = docx_text(docx_bytes(report, shipped()))  # type: ignore[arg-type]
    assert f"{ACHIEVEMENT} A{shown}B" in text
    assert f"{TASK_TITLE} A{shown}B" in text
    md = markdown_text(report, shipped())  # type: ignore[arg-type]
    assert f"{ACHIEVEMENT} A{markdown or shown}B" in md


@pytest.mark.parametrize(("piece", "shown", "markdown"), CHARACTERS)
def test_report_json_keeps_the_text_as_written(piece: str, shown: str,
                                               markdown: str | None) -> None:
    # JSON is data for scripts, not a printed page: the text as the plan holds it.
    _, report = context_and_report(piece)
    data = json.loads(json_text([report], array=False))  # type: ignore[list-item]
    assert f"{ACHIEVEMENT} A{piece}B" in data["review"]["achievements"]


@pytest.mark.parametrize(("text", "expected"), [
    ("a\r\nb", "a\nb"),
    ("a\rb", "a\nb"),  # a line break, not a control character
    ("a\n\nb", "a\n\nb"),
    ("a\tb", "a b"),
    ("\x00\x01\x1f\x7f\x80\x9f\ufffe\uffff", U_FFFD * 8),
    ("\ud800", U_FFFD),  # a lone surrogate: no YAML file holds one, a plan built in code can
    ("\x20\x7e\xa0\ud7ff\ue000\ufffd\U00010000\U0010ffff",
     "\x20\x7e\xa0\ud7ff\ue000\ufffd\U00010000\U0010ffff"),  # the edges of what is kept
])
def test_printable(text: str, expected: str) -> None:
    assert printable(text) == expected


def test_a_line_break_written_as_cr_is_a_line_break_in_the_document() -> None:
    context, _ = context_and_report("1\r2")
    assert f"{TASK_TITLE} A1\n2B" in docx_text(render_docx(context, shipped()))


# ------------------------------------------------------------------ the command


ALL_AT_ONCE = "".join(p.values[0] for p in CHARACTERS)  # type: ignore[attr-defined]


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_with(ALL_AT_ONCE), "utf-8")
    return path


def test_render_and_report_succeed_on_every_character_at_once(hostile: Path) -> None:
    for command, suffix in (("render", ".docx"), ("render", ".md"), ("report", ".docx"),
                            ("report", ".md")):
        out = hostile.parent / f"{command}{suffix}"
        r = run(command, str(hostile), "-o", str(out))
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr
        if suffix == ".docx":
            assert TASK_TITLE in docx_text(out.read_bytes())


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="needs LibreOffice (soffice)")
def test_libreoffice_opens_the_document(hostile: Path) -> None:
    out = hostile.parent / "plan.docx"
    assert run("render", str(hostile), "-o", str(out)).returncode == 0
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{hostile.parent}/lo",
                    "--convert-to", "txt:Text", "--outdir", str(hostile.parent), str(out)],
                   capture_output=True, check=True, timeout=180)
    text = (hostile.parent / "plan.txt").read_text("utf-8-sig")
    shown = printable(ALL_AT_ONCE).replace("ho\u0300a", "hòa")
    flat = re.sub(r"\s+", " ", text)
    assert re.sub(r"\s+", " ", f"{TASK_TITLE} A{shown}B") in flat


def _expected(text: str) -> str:
    """The documented rule, from Unicode's categories rather than the code's pattern."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(" " if c == "\t" else c if c == "\n" else "\ufffd"
                   if unicodedata.category(c) in ("Cc", "Cs") or c in "\ufffe\uffff" else c
                   for c in text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_printable_replaces_exactly_the_documented_characters(text: str) -> None:
    assert printable(text) == _expected(text)
