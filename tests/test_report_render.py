"""The report as documents: Markdown golden files, the DOCX read back, the template build."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from functools import cache
from io import BytesIO
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes, markdown_text
from thidua_cli.report.layout import CAPTION, FIXED_CM, TEXT_WIDTH_CM
from thidua_cli.report.result import Report

from .conftest import EXAMPLE, PLANS, ROOT
from .rendering import assert_golden, shipped

SCORED = PLANS / "report" / "plan-2022-scored.yaml"
PARTIAL = PLANS / "invalid" / "td303-member-without-score.yaml"
# The year-end report: written at the end of its plan's year (a day before
# 1 August is the mid-year review).
TWIPS_PER_CM = 1440 / 2.54


def report_of(path: Any) -> Report:
    result = lint_file(str(path), LintOptions())
    assert result.plan is not None, result.findings
    return build_report(result.plan, as_of=date(result.plan.year, 12, 31), path=str(path))


@pytest.mark.parametrize(("path", "golden"), [
    (SCORED, "report/plan-2022-scored.md"),     # numbered, signed, scored, ties
    (EXAMPLE, "report/plan-2022.md"),           # a draft: no scores, no review
    (PARTIAL, "report/member-without-score.md"),  # an unscored member, a missing score
    (PLANS / "valid" / "scoring-tree.yaml", "report/scoring-tree.md"),  # a tree, tie-break
])
def test_markdown_golden(path: Any, golden: str) -> None:
    assert_golden(golden, markdown_text(report_of(path), shipped()))


@cache
def docx_of(name: str) -> bytes:
    path = {"scored": SCORED, "example": EXAMPLE, "partial": PARTIAL}[name]
    return docx_bytes(report_of(path), shipped())


def document(name: str = "scored") -> Any:
    return Document(BytesIO(docx_of(name)))


def texts(doc: Any) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text]


def ranking(doc: Any) -> Any:
    for table in doc.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        if caption is not None and caption.get(qn("w:val")) == CAPTION:
            return table
    raise AssertionError("no ranking table")


def test_page_and_font_as_the_plan() -> None:
    doc = document()
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert section.different_first_page_header_footer


def test_letterhead_and_type_name() -> None:
    doc = document()
    head = doc.tables[0]
    assert [p.text for p in head.rows[0].cells[0].paragraphs if p.text] == [
        "LIÊN MINH HỢP TÁC XÃ VIỆT NAM"]
    assert head.rows[1].cells[0].text == "Số: 15/BC-LMHTXVN"
    date_line = head.rows[1].cells[1].paragraphs[0]
    assert date_line.text == "Hà Nội, ngày 20 tháng 12 năm 2022"
    assert all(run.italic for run in date_line.runs)
    body = texts(doc)
    assert body[0] == "BÁO CÁO"
    assert body[1] == ("Tổng kết công tác thi đua, khen thưởng năm 2022 và phương hướng, "
                       "nhiệm vụ năm 2023 của Khối thi đua các bộ, ngành tổng hợp")
    assert doc.core_properties.title == ("Báo cáo tổng kết công tác thi đua, khen thưởng "
                                         "năm 2022")


def test_draft_leaves_number_and_date_blank() -> None:
    head = document("example").tables[0]
    assert head.rows[1].cells[0].text == "Số:      /BC-LMHTXVN"
    assert head.rows[1].cells[1].text == "Hà Nội, ngày      tháng      năm 2022"


def test_parts_and_headings_in_order() -> None:
    body = texts(document())
    headings = [t for t in body if t.startswith(("Phần", "I.", "II.", "III.", "IV.", "V."))
                or t.isupper()]
    assert headings == [
        "BÁO CÁO", "Phần I", "KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2022",
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "II. HOẠT ĐỘNG CHUNG CỦA KHỐI",
        "III. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG", "IV. ĐỀ NGHỊ KHEN THƯỞNG", "V. ĐÁNH GIÁ CHUNG",
        "Phần II", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023"]


def test_task_tables() -> None:
    doc = document()
    counts = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert counts == [["Tình trạng", "Số nhiệm vụ", "Tỷ lệ"],
                      ["Chưa thực hiện", "2", "33,3%"], ["Đang thực hiện", "1", "16,7%"],
                      ["Đã thực hiện", "2", "33,3%"], ["Hủy bỏ", "1", "16,7%"],
                      ["Tổng cộng", "6", "100%"]]
    rows = [[c.text for c in row.cells] for row in doc.tables[2].rows]
    assert rows[0] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng",
                       "Kết quả"]
    report = report_of(SCORED)
    assert [r[1] for r in rows[1:]] == [t.title for t in report.tasks]
    assert rows[3][2:5] == ["Bộ Nội vụ", "30/11/2022", "Đang thực hiện (quá hạn)"]
    assert rows[4][3:] == ["31/12/2022", "Chưa thực hiện", "Chưa có kết quả"]
    assert rows[6][3] == "-"
    overdue = [t for t in texts(doc) if t.startswith("- ") and "thời hạn" in t]
    assert len(overdue) == 2


def test_ranking_table_one_column_per_criterion() -> None:
    table = ranking(document())
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Đơn vị", "TC1", "TC2", "TC3", "Tổng điểm", "Xếp hạng"]
    assert rows[4:6] == [["4", "Văn phòng Chính phủ", "57", "27,5", "9", "93,5", "4"],
                         ["5", "Văn phòng Quốc hội", "56,5", "28", "9", "93,5", "4"]]
    assert [r[6] for r in rows[1:]] == ["1", "2", "3", "4", "4", "6", "6", "8", "9"]


def test_ranking_table_with_an_unscored_member() -> None:
    table = ranking(document("partial"))
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Đơn vị", "TC1", "TC2", "Tổng điểm", "Xếp hạng"]
    assert rows[2] == ["2", "Bộ Nội vụ", "55", "-", "55", "2"]
    # The unscored member: one cell across criteria, total and rank.
    last = table._tbl.findall(qn("w:tr"))[-1]
    cells = last.findall(qn("w:tc"))
    assert len(cells) == 3
    assert cells[2].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == "4"
    assert rows[3][:3] == ["3", "Ủy ban Dân tộc", "Chưa có điểm chấm"]


@pytest.mark.parametrize("name", ["scored", "partial"])
def test_ranking_columns_fill_the_text_width(name: str) -> None:
    table = ranking(document(name))
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.find(qn("w:tblGrid"))]
    criteria = len(report_of(SCORED if name == "scored" else PARTIAL).criteria)
    assert len(grid) == criteria + 4
    assert grid[:2] == [round(w * TWIPS_PER_CM) for w in FIXED_CM]
    assert len(set(grid[2:])) == 1                          # the numbers share the rest
    assert abs(sum(grid) - TEXT_WIDTH_CM * TWIPS_PER_CM) < 10
    for tr in table._tbl.findall(qn("w:tr")):
        widths = [int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w")))
                  for tc in tr.findall(qn("w:tc"))]
        assert abs(sum(widths) - sum(grid)) < 10


def test_missing_data_is_said_plainly() -> None:
    body = texts(document("example"))
    assert "Chưa có điểm chấm." in body
    assert "Chưa có đề nghị khen thưởng." in body
    assert body.count("Chưa có nội dung.") == 4          # three review lists, next year
    assert "Không có nhiệm vụ quá hạn." in body


def test_awards_with_totals_and_ranks() -> None:
    body = texts(document())
    assert ("- Bằng khen của Thủ tướng Chính phủ: Liên minh Hợp tác xã Việt Nam (97 điểm, "
            "xếp thứ 2), Văn phòng Chủ tịch nước (95 điểm, xếp thứ 3).") in body


def test_closing_block() -> None:
    closing = document().tables[-1]
    left = [p.text for p in closing.rows[0].cells[0].paragraphs if p.text]
    assert left[0] == "Nơi nhận:" and left[-1] == "- Lưu: VT, TĐKT."
    right = [p.text for p in closing.rows[0].cells[1].paragraphs if p.text]
    assert right == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Nghị"]


def test_same_report_same_bytes() -> None:
    assert docx_bytes(report_of(SCORED), shipped()) == docx_of("scored")


def test_shipped_template_matches_its_build_script() -> None:
    script = ROOT / "scripts" / "build_report_template.py"
    r = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(("xml", "fits"), [
    # The ranking table (with its caption) is the only column loop: ours to repair.
    (f'<w:tbl><w:tblPr><w:tblCaption w:val="{CAPTION}"/></w:tblPr>{{%tc for c in x %}}'
     "</w:tbl><w:tbl>{%tr for t in tasks %}</w:tbl>", True),
    # A bloc's own template with another column loop: docxtpl must repair it.
    (f'<w:tbl><w:tblPr><w:tblCaption w:val="{CAPTION}"/></w:tblPr>{{%tc for c in x %}}'
     "</w:tbl><w:tbl>{%tc for m in y %}</w:tbl>", False),
    # Tags split across runs, as Word saves them, still count.
    ("<w:tbl><w:r><w:t>{%</w:t></w:r><w:r><w:t>tc for c in x %}</w:t></w:r></w:tbl>", False),
    ("<w:tbl>{%tr for t in tasks %}</w:tbl>", False),          # no loop at all
])
def test_which_column_loops_the_report_repairs(xml: str, fits: bool) -> None:
    from thidua_cli.report.layout import fits_every_column_loop

    assert fits_every_column_loop(xml) is fits


def test_shipped_template_needs_no_docxtpl_grid_repair() -> None:
    import zipfile

    from thidua_cli.report.layout import fits_every_column_loop

    xml = zipfile.ZipFile(ROOT / "templates" / "report.docx").read("word/document.xml")
    assert fits_every_column_loop(xml.decode("utf-8"))
