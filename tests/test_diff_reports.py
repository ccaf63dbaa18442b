"""What the text and Markdown reports show beside each change."""

from __future__ import annotations

import io
import textwrap

import pytest

from thidua_cli.diff.engine import DiffOptions, diff_texts
from thidua_cli.formats.diff.labels import flow, shorten
from thidua_cli.formats.diff.md import report as md_report
from thidua_cli.formats.diff.text import report as text_report
from thidua_cli.formats.lint import ReportOptions

from .conftest import EXAMPLE

OLD = """\
bloc:
  members:
    - {id: btc, name: Bộ Tài chính}
    - {id: bnv, name: Bộ Nội vụ}
criteria:
  - {id: khoi, title: Tham gia hoạt động chung của Khối, max_points: 20}
scores:
  bnv: {khoi: 9.5}
tasks:
  - {id: t1, title: Tuyên truyền, status: planned}
  - {id: t2, title: Sơ kết, status: planned}
"""


def text(new: str, lang: str = "en", old: str = OLD) -> list[str]:
    result = diff_texts(old, textwrap.dedent(new), DiffOptions())
    out = io.StringIO()
    text_report(result, out, ReportOptions(lang=lang))  # type: ignore[arg-type]
    return out.getvalue().splitlines()[3:-2]  # the section and its changes


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("khoi: 9.5", "khoi: 9", ["Scores", "  changed scores.bnv.khoi (Bộ Nội vụ / Tham gia hoạt "
                              "động chung của Khối): 9.5 → 9"]),
    ("title: Sơ kết,", "title: Sơ kết giữa năm,",
     ["Tasks", "  changed tasks[t2].title: Sơ kết → Sơ kết giữa năm"]),
    ("{id: t2,", "{id: t3,", ["Tasks", "  renamed tasks[t2] → t3 (Sơ kết)"]),
    ("status: planned}\n  - {id: t2", "status: done}\n  - {id: t2",
     ["Tasks", "  changed tasks[t1].status (Tuyên truyền): planned → done"]),
    ("title: Sơ kết,", "title: Sơ kết 6 tháng đầu năm phong trào thi đua của Khối,",
     ["Tasks", "  changed tasks[t2].title:", "          - Sơ kết",
      "          + Sơ kết 6 tháng đầu năm phong trào thi đua của Khối"]),
    ("status: planned}\n  - {id: t2", "status: planned, support: [btc, \"Lưu: VT\"]}\n  - {id: t2",
     ["Tasks", "  added   tasks[t1].support (Tuyên truyền): [btc, \"Lưu: VT\"]"]),
], ids=["score: member and criterion", "title changed: no title beside it",
        "renamed: the item's title", "field: the item's title", "long values: own lines",
        "lists in flow style"])
def test_text_lines(old: str, new: str, expected: list[str]) -> None:
    assert text(OLD.replace(old, new)) == expected


def test_vietnamese_labels_line_up() -> None:
    new = OLD.replace("planned}\n  - {id: t2", "done}\n  - {id: t3")
    lines = text(new, "vi")
    assert lines == ["Nhiệm vụ (tasks)",
                     "  sửa        tasks[t1].status (Tuyên truyền): planned → done",
                     "  đổi mã     tasks[t2] → t3 (Sơ kết)"]


def test_markdown_cells_are_safe() -> None:
    new = OLD.replace("title: Sơ kết,", 'title: "a | b <b>x</b>\\nc",')
    result = diff_texts(OLD, new, DiffOptions())
    out = io.StringIO()
    md_report(result, out, ReportOptions(lang="en"))
    row = out.getvalue().splitlines()[-1]
    assert row == "| changed | `tasks[t2].title` | Sơ kết | a \\| b &lt;b&gt;x&lt;/b&gt;<br>c |"


def test_markdown_without_changes() -> None:
    plan = EXAMPLE.read_text("utf-8")
    out = io.StringIO()
    md_report(diff_texts(plan, plan, DiffOptions(), ("a.yaml", "b.yaml")), out,
              ReportOptions(lang="vi"))
    assert out.getvalue() == ("### thidua diff: `a.yaml` → `b.yaml`\n\n"
                              "**Không có khác biệt.**\n")


@pytest.mark.parametrize(("value", "shown"), [
    (["btc", "bnv"], "[btc, bnv]"),
    ({"id": "khoi", "max_points": 20}, "{id: khoi, max_points: 20}"),
    (["2022", "yes", "a: b", "-x", " x", "a #b", "x#y", "Bộ Tài chính"],
     '["2022", "yes", "a: b", "-x", " x", "a #b", x#y, Bộ Tài chính]'),
    ([True, None, 1.5], "[true, null, 1.5]"),
])
def test_flow(value: object, shown: str) -> None:
    assert flow(value) == shown


@pytest.mark.parametrize(("text", "width", "shown"), [
    ("Sơ kết", 10, "Sơ kết"),
    ("Sơ kết 6 tháng đầu năm", 12, "Sơ kết 6…"),
    ("Tuyêntruyền", 6, "Tuyên…"),
])
def test_shorten(text: str, width: int, shown: str) -> None:
    assert shorten(text, width) == shown
