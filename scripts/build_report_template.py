"""Build templates/report.docx, the shipped DOCX template of the year-end report.

    python scripts/build_report_template.py           # write templates/report.docx
    python scripts/build_report_template.py --check   # exit 1 if it is out of date

The report is laid out like the plan (scripts/build_docx_template.py, whose
page, styles, letterhead and closing block it reuses): Nghị định 30/2020/NĐ-CP,
Phụ lục I, a document with a type name, here ``BÁO CÁO``. Phần I gives the
year's results (tasks, activities, the ranking, the nominations, the review),
Phần II next year's tasks. The ranking table has one column per top-level criterion:
docxtpl's ``{%tc %}`` loop makes them, and the report's renderer sets their
widths (thidua_cli/report/layout.py finds the table by its caption).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

from build_docx_template import (  # type: ignore[import-not-found]
    BASIS,
    BODY,
    HEADING_1,
    HEADING_2,
    HEADING_3,
    LETTERHEAD,
    RULE,
    TABLE,
    TABLE_HEAD,
    TEXT_WIDTH,
    TITLE,
    C,
    _cell_text,
    _closing,
    _group_row,
    _lean_package,
    _letterhead,
    _page,
    _para,
    _repeat_header,
    _row_tag,
    _rule,
    _styles,
    _table,
    _tag,
    _unsplit,
    finish,
    run,
)
from docx import Document
from docx.shared import Pt

from thidua_cli.render.ooxml import set_child
from thidua_cli.report.layout import ANNEX_CAPTION, ANNEX_FIXED_CM, CAPTION, FIXED_CM

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "templates" / "report.docx"

COUNT_COLUMNS = (8.5, 4.0, 4.0)
TASK_COLUMNS = (1.0, 4.9, 2.6, 2.6, 2.2, 3.2)
# The ranking's widths are set at render time; these only give Word a start.
RANKING_COLUMNS = (*FIXED_CM, 2.1, 2.1, 2.1, 2.1, 2.1, 2.1, 2.1, 2.2)
ANNEX_COLUMNS = (*ANNEX_FIXED_CM, 1.6, 1.6, 1.6)


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    _lean_package(doc)
    _styles(doc)
    _page(doc)
    _letterhead(doc)
    _opening(doc)
    _tasks(doc)
    _events(doc)
    _ranking(doc)
    _awards(doc)
    _review(doc)
    _next_year(doc)
    _closing(doc)
    _annex(doc)
    _para(doc, "", BODY)
    return finish(doc, title="Báo cáo tổng kết công tác thi đua, khen thưởng")


def _list(doc: Any, items: str, empty: str, *, numbered: bool = False) -> None:
    """A paragraph per item of ``items``, or ``empty`` said plainly when there are none."""
    _tag(doc, f"{{%p for x in {items} %}}")
    _para(doc, "{{ loop.index }}. {{ x }}" if numbered else "- {{ x }}")
    _tag(doc, "{%p else %}")
    _para(doc, empty)
    _tag(doc, "{%p endfor %}")


def _opening(doc: Any) -> None:
    heading = _para(doc, "BÁO CÁO", TITLE)
    heading.paragraph_format.space_before = Pt(18)
    _para(doc, "{{ period.title }}", TITLE)
    _rule(doc, 3.5, TEXT_WIDTH + 0.4)
    gap = _para(doc, "", BASIS)
    gap.paragraph_format.space_after = Pt(6)
    _para(doc, "Thực hiện {{ plan_citation }}, {{ bloc.head.name }} "
               "(đơn vị Khối trưởng) báo cáo kết quả như sau:")
    _para(doc, "Phần I", TITLE).paragraph_format.space_before = Pt(12)
    _para(doc, "{{ period.part_one }}", TITLE)
    _para(doc, "", BASIS)


def _tasks(doc: Any) -> None:
    _para(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", HEADING_1)
    _para(doc, "1. Tổng hợp", HEADING_2)
    _para(doc, "Kế hoạch có {{ tasks | length }} nhiệm vụ:")
    table = _table(doc, COUNT_COLUMNS, 1, borders=True)
    for cell, text in zip(table.rows[0].cells, ("Tình trạng", "Số nhiệm vụ", "Tỷ lệ"),
                          strict=True):
        _cell_text(cell, text, TABLE_HEAD)
    _row_tag(table, "{%tr for c in status_counts %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ c.status_text }}")
    _cell_text(row[1], "{{ c.count }}").alignment = C
    _cell_text(row[2], "{{ c.percent | number }}%").alignment = C
    _row_tag(table, "{%tr endfor %}")
    row = table.add_row().cells
    _cell_text(row[0], "Tổng cộng", TABLE, bold=True)
    _cell_text(row[1], "{{ tasks | length }}", TABLE_HEAD)
    _cell_text(row[2], "100%", TABLE_HEAD)
    _unsplit(table)

    _para(doc, "2. Kết quả từng nhiệm vụ", HEADING_2).paragraph_format.space_before = Pt(6)
    table = _table(doc, TASK_COLUMNS, 1, borders=True, caption="thidua-report-tasks")
    heads = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_text(cell, text, TABLE_HEAD)
    _repeat_header(table.rows[0])
    _row_tag(table, "{%tr for t in tasks %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ t.title }}")
    _cell_text(row[2], "{{ t.lead }}")
    _cell_text(row[3], '{{ t.due | short_date or "-" }}').alignment = C
    _cell_text(row[4], "{{ t.status_text }}{% if t.overdue %} (quá hạn){% endif %}")
    _cell_text(row[5], '{{ t.result or "Chưa có kết quả" }}')
    _row_tag(table, "{%tr endfor %}")
    _unsplit(table)

    _para(doc, "3. Nhiệm vụ quá hạn (tính đến {{ as_of | long_date }})",
          HEADING_2).paragraph_format.space_before = Pt(6)
    _tag(doc, "{%p for t in overdue %}")
    _para(doc, "- {{ t.title }}: thời hạn {{ t.due | short_date }}, đơn vị chủ trì: "
               "{{ t.lead }}; tình trạng: {{ t.status_text | lower }}.")
    _tag(doc, "{%p else %}")
    _para(doc, "Không có nhiệm vụ quá hạn.")
    _tag(doc, "{%p endfor %}")


def _events(doc: Any) -> None:
    _para(doc, "II. HOẠT ĐỘNG CHUNG CỦA KHỐI", HEADING_1)
    _para(doc, "1. Các hoạt động đã tổ chức", HEADING_2)
    _tag(doc, "{%p for e in events_held %}")
    _para(doc, "- {{ e.title }}{% if e.date or e.month %}: {{ e | when }}{% endif %}"
               "{% if e.place %}, tại {{ e.place }}{% endif %}"
               "{% if e.host %}; đơn vị đăng cai: {{ e.host }}{% endif %}."
               "{% if e.result %} {{ e.result }}{% endif %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Chưa tổ chức hoạt động chung nào.")
    _tag(doc, "{%p endfor %}")
    _para(doc, "2. Các hoạt động chưa tổ chức", HEADING_2)
    _tag(doc, "{%p for e in events_not_held %}")
    _para(doc, "- {{ e.title }}{% if e.date or e.month %} ({{ e | when }}){% endif %}: "
               "{{ e.status_text | lower }}.{% if e.result %} {{ e.result }}{% endif %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Không có.")
    _tag(doc, "{%p endfor %}")


def _ranking(doc: Any) -> None:
    _para(doc, "III. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG", HEADING_1)
    _tag(doc, "{%p if scored %}")
    _tag(doc, "{%p for c in ranking_criteria %}")
    _para(doc, _criterion_line("Tiêu chí {{ c.number }} (TC{{ c.number }})"))
    _tag(doc, "{%p endfor %}")
    table = _table(doc, RANKING_COLUMNS, 1, borders=True)
    set_child(table._tbl.tblPr, "tblCaption", val=CAPTION)
    head = table.rows[0].cells
    _score_columns(head, "ranking_criteria", "TC{{ c.number }}")
    # The members' own totals, when they gave self scores: a loop over a list of
    # one column or none, which the layout step sizes like the criteria.
    _cell_text(head[5], "{%tc for t in self_column %}", TABLE_HEAD)
    _cell_text(head[6], "{{ t }}", TABLE_HEAD)
    _cell_text(head[7], "{%tc endfor %}", TABLE_HEAD)
    _cell_text(head[8], "Tổng điểm", TABLE_HEAD)
    _cell_text(head[9], "Xếp hạng", TABLE_HEAD)
    _repeat_header(table.rows[0])
    _row_tag(table, "{%tr for r in ranked %}")
    row = table.add_row().cells
    _score_cells(row)
    _cell_text(row[5], "{%tc for t in r.self_cell %}")
    _cell_text(row[6], '{{ t | number if t is not none else "-" }}').alignment = C
    _cell_text(row[7], "{%tc endfor %}")
    _cell_text(row[8], "{{ r.total | number }}{% if not r.checked %} (chưa thẩm định)"
               "{% endif %}", TABLE_HEAD)
    _cell_text(row[9], "{{ r.rank }}").alignment = C
    _row_tag(table, "{%tr endfor %}")
    _row_tag(table, "{%tr for r in unscored %}")
    row = table.add_row()
    cells = row.cells
    _cell_text(cells[0], "{{ ranked | length + loop.index }}").alignment = C
    _cell_text(cells[1], "{{ r.name }}")
    # One cell across the criteria, total and rank: docxtpl's colspan tag sets
    # its span when the number of criteria is known.
    _cell_text(cells[2], "{% colspan ranking_criteria | length + self_column | length + 2 %}"
               "Chưa có điểm chấm").alignment = C
    for cell in cells[3:]:
        row._tr.remove(cell._tc)
    _row_tag(table, "{%tr endfor %}")
    _unsplit(table)
    # Which rule decided between equal totals (the bloc's tie-break order).
    _tag(doc, "{%p for r in ranked if r.decided_by %}")
    _para(doc, "- {{ r.name }} bằng tổng điểm với đơn vị xếp trên, xếp sau do điểm tiêu chí "
               "{{ r.decided_by.number }} ({{ r.decided_by.title }}) thấp hơn.")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if tie_break %}")
    _para(doc, "Khi bằng tổng điểm, xếp hạng theo điểm các tiêu chí: {% for c in tie_break %}"
               "{{ c.number }}{% if not loop.last %}, {% endif %}{% endfor %}; đơn vị bằng nhau "
               "ở cả các tiêu chí này đồng hạng.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Chưa có điểm chấm.")
    _tag(doc, "{%p endif %}")


def _awards(doc: Any) -> None:
    _para(doc, "IV. ĐỀ NGHỊ KHEN THƯỞNG", HEADING_1).paragraph_format.space_before = Pt(12)
    _tag(doc, "{%p for a in awards %}")
    _para(doc, "- {{ a.title }}: {% for m in a.members %}{{ m.name }}{% if m.rank %} "
               "({{ m.total | number }} điểm, xếp thứ {{ m.rank }}{% else %} "
               "(chưa có điểm chấm{% endif %}{% if m.votes %}; {{ m.votes.agree }}/"
               "{{ m.votes.base }} phiếu đồng ý, đạt {{ m.votes.agree_percent | number }}%"
               "{% endif %}){% if not loop.last %}, {% endif %}{% else %}"
               "chưa có đơn vị được đề nghị{% endfor %}."
               "{% if a.threshold %} Tỷ lệ phiếu đồng ý cần đạt: từ "
               "{{ a.threshold.percent | number }}% {{ a.threshold.of_text }} trở lên "
               "({{ a.threshold.source }}).{% endif %}{% if a.note %} {{ a.note }}{% endif %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Chưa có đề nghị khen thưởng.")
    _tag(doc, "{%p endfor %}")


def _review(doc: Any) -> None:
    _para(doc, "V. ĐÁNH GIÁ CHUNG", HEADING_1)
    _para(doc, "1. Kết quả đạt được", HEADING_2)
    _list(doc, "review.achievements", "Chưa có nội dung.")
    _para(doc, "2. Tồn tại, hạn chế và nguyên nhân", HEADING_2)
    _list(doc, "review.shortcomings", "Chưa có nội dung.")
    _para(doc, "3. Bài học kinh nghiệm", HEADING_2)
    _list(doc, "review.lessons", "Chưa có nội dung.")


def _next_year(doc: Any) -> None:
    _para(doc, "Phần II", TITLE).paragraph_format.space_before = Pt(12)
    _para(doc, "{{ period.part_two }}", TITLE)
    _para(doc, "", BASIS)
    _tag(doc, "{%p if period.mid_year %}")
    _tag(doc, "{%p for t in second_half %}")
    _para(doc, "{{ loop.index }}. {{ t.title }}{% if t.due %} (thời hạn "
               "{{ t.due | short_date }}){% endif %}.")
    _tag(doc, "{%p else %}")
    _para(doc, "Các nhiệm vụ của Kế hoạch đã hoàn thành.")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _list(doc, "next_year", "Chưa có nội dung.", numbered=True)
    _tag(doc, "{%p endif %}")


def _annex(doc: Any) -> None:
    """Every leaf's score when the tree is nested, after the signature, on
    landscape pages: a paragraph ends the report's section with a copy of its
    page (the annex's own section is the body's last, which the report's
    renderer turns; thidua_cli/report/layout.py)."""
    _tag(doc, "{%p if leaf_tables %}")
    end = _para(doc, "", RULE)
    end._p.set_sectPr(copy.deepcopy(doc.element.body.sectPr))
    _para(doc, "PHỤ LỤC", TITLE)
    _para(doc, "ĐIỂM CHẤM TỪNG TIÊU CHÍ THÀNH PHẦN NĂM {{ year }}", TITLE)
    note = _para(doc, "(Kèm theo Báo cáo số {{ document | doc_number }} "
                      "{{ document.date | long_date(year) }} của {{ document.issuer_name }})",
                 LETTERHEAD, italic=True)
    note.paragraph_format.space_after = Pt(6)
    _tag(doc, "{%p for c in leaves %}")
    _para(doc, _criterion_line("{{ c.number }}"), TABLE)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for g in leaf_tables %}")
    gap = _para(doc, "", RULE)
    gap.paragraph_format.space_after = Pt(6)
    table = _table(doc, ANNEX_COLUMNS, 1, borders=True, caption=ANNEX_CAPTION)
    head = table.rows[0].cells
    _score_columns(head, "g.leaves", "{{ c.number }}")
    _repeat_header(table.rows[0])
    _row_tag(table, "{%tr for r in g.rows %}")
    _score_cells(table.add_row().cells)
    _row_tag(table, "{%tr endfor %}")
    _unsplit(table)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


def _criterion_line(name: str) -> str:
    """A criterion in a table's legend: its name, kind and maximum."""
    return (f"- {name}: {{{{ c.title }}}} "
            '({% if c.kind == "bonus" %}điểm thưởng, {% elif c.kind == "penalty" %}điểm trừ, '
            "{% endif %}tối đa {{ c.max_points | number }} điểm).")


def _score_columns(head: Any, criteria: str, label: str) -> None:
    """A score table's first header cells: STT, the member, one column per criterion."""
    _cell_text(head[0], "STT", TABLE_HEAD)
    _cell_text(head[1], "Đơn vị", TABLE_HEAD)
    _cell_text(head[2], f"{{%tc for c in {criteria} %}}", TABLE_HEAD)
    _cell_text(head[3], label, TABLE_HEAD)
    _cell_text(head[4], "{%tc endfor %}", TABLE_HEAD)


def _score_cells(row: Any) -> None:
    """A member's first cells under ``_score_columns``: number, name, its scores."""
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ r.name }}")
    _cell_text(row[2], "{%tc for s in r.scores %}")
    _cell_text(row[3], '{{ s | number if s is not none else "-" }}').alignment = C
    _cell_text(row[4], "{%tc endfor %}")


# HEADING_3 and _group_row are part of the shared vocabulary; unused here.
_ = (HEADING_3, _group_row)


def main(argv: list[str] | None = None) -> int:
    return run(argv, build, OUTPUT, __doc__ or "", Path(__file__).name)


if __name__ == "__main__":
    sys.exit(main())
