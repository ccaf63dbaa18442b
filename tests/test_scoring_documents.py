"""The criteria tree in the DOCX documents, read back: the plan's appendix and the
report's ranking table (the Markdown forms have golden files)."""

from __future__ import annotations

from datetime import date

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes

from .conftest import PLANS
from .documents import docx_document
from .rendering import docx_of, shipped

TREE = PLANS / "valid" / "scoring-tree.yaml"
NBSP4 = "\u00a0" * 4


def test_plan_appendix_is_the_numbered_tree() -> None:
    table = docx_document(docx_of(TREE)).tables[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["STT", "Nội dung tiêu chí", "Điểm tối đa"]
    assert rows[1:6] == [
        ["1", "Thực hiện nhiệm vụ chính trị", "60"],
        ["1.1", NBSP4 + "Nhiệm vụ chuyên môn", "40,5"],
        ["1.1.1", NBSP4 * 2 + "Hoàn thành kế hoạch năm", "30"],
        ["1.1.2", NBSP4 * 2 + "Chất lượng tham mưu", "10,5"],
        ["1.2", NBSP4 + "Cải cách hành chính", "19,5"]]
    assert ["3", "Điểm thưởng", "5"] in rows and ["4.2", NBSP4 + "Vi phạm kỷ luật", "-10"] in rows
    assert rows[-1][1:] == ["Tổng cộng (chưa gồm điểm thưởng, điểm trừ)", "100"]
    section = table.rows[1].cells[1].paragraphs[0]
    leaf = table.rows[3].cells[1].paragraphs[0]
    assert [r.bold for r in section.runs if r.text.strip()] == [True]  # a section: bold
    assert [r.bold for r in leaf.runs if r.text.strip()] == [None]


def test_report_ranking_by_top_level_criteria_and_the_tie_break() -> None:
    plan = lint_file(str(TREE), LintOptions()).plan
    assert plan is not None
    report = build_report(plan, as_of=date(2024, 12, 31), path=str(TREE))
    doc = docx_document(docx_bytes(report, shipped()))
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Xếp hạng")
    rows = [[c.text for c in r.cells] for r in table.rows]
    # a "Tự chấm" column: a member gave self scores for every criterion (ubdt)
    assert rows[0] == ["STT", "Đơn vị", "TC1", "TC2", "TC3", "TC4", "Tự chấm", "Tổng điểm",
                       "Xếp hạng"]
    assert rows[1] == ["1", "Bộ Tài chính", "57,75", "38", "3", "1", "-", "97,75", "1"]
    assert rows[3][-3:] == ["90", "90 (chưa thẩm định)", "3"]
    text = [p.text for p in doc.paragraphs]
    assert "- Tiêu chí 3 (TC3): Điểm thưởng (điểm thưởng, tối đa 5 điểm)." in text
    assert ("Khi bằng tổng điểm, xếp hạng theo điểm các tiêu chí: 1, 1.2; đơn vị bằng nhau "
            "ở cả các tiêu chí này đồng hạng.") in text
