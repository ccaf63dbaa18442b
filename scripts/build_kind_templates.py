"""Build the shipped DOCX templates of the year's other documents, from code.

    python scripts/build_kind_templates.py           # write templates/<kind>.docx
    python scripts/build_kind_templates.py --check   # exit 1 if one is out of date

One template per kind of the registry (src/thidua_cli/data/documents.toml)
besides the plan's and the report's: giao-uoc, so-ket, don-doc, phieu-bau,
bien-ban, to-trinh. They share the plan's page, styles and closing block
(scripts/build_docx_template.py) and are laid out as Nghị định 30/2020/NĐ-CP,
Phụ lục I draws them: a document with a type name (Mẫu 1.4: BÁO CÁO, BIÊN
BẢN, TỜ TRÌNH ...), or a letter (công văn, Mẫu 1.5) with no type name, its
summary as a ``V/v ...`` line under the number and ``Kính gửi: ...`` before
the text. Like the other builders the output is byte for byte the same on
every run, and its XML keeps the order the OOXML schema requires
(``schema_order``), so ``openxml-audit --policy strict`` passes it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_docx_template import (  # type: ignore[import-not-found]
    BASIS,
    BODY,
    CLOSE_COLUMNS,
    HEAD_COLUMNS,
    HEADING_1,
    HEADING_2,
    LETTERHEAD,
    RECIPIENTS,
    RULE,
    SIGNATURE,
    TABLE_HEAD,
    TEXT_WIDTH,
    TITLE,
    C,
    L,
    _cell_text,
    _closing,
    _lean_package,
    _page,
    _para,
    _repeat_header,
    _row_tag,
    _rule,
    _styles,
    _table,
    _tag,
    finish,
)
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def build_all() -> dict[str, bytes]:
    """Every kind's template: file name → bytes."""
    return {f"{slug}.docx": make() for slug, make in BUILDERS.items()}


def _new() -> Any:
    doc = Document()
    _lean_package(doc)
    _styles(doc)
    _page(doc)
    return doc


def _done(doc: Any, title: str) -> bytes:
    schema_order(doc)
    return finish(doc, title=title)


# ---------------------------------------------------------------- shared parts


def _letterhead(doc: Any, *, letter: bool = False, numbered: bool = True) -> None:
    """The two-column letterhead; a letter adds its V/v line under the number."""
    table = _table(doc, HEAD_COLUMNS, 2, borders=False)
    left, right = table.rows[0].cells
    _cell_text(left, "{%p if document.parent %}", LETTERHEAD)
    _para(left, "{{ document.parent | upper }}", LETTERHEAD, size=12)
    _para(left, "{%p endif %}", LETTERHEAD)
    _para(left, "{{ document.issuer | upper }}", LETTERHEAD, bold=True, size=12)
    _rule(left, 2.4, HEAD_COLUMNS[0])
    national = _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", LETTERHEAD, bold=True)
    national.runs[0].font.size = Pt(12)
    _para(right, "Độc lập - Tự do - Hạnh phúc", LETTERHEAD, bold=True, size=13)
    _rule(right, 5.6, HEAD_COLUMNS[1])
    left, right = table.rows[1].cells
    number = _cell_text(left, "{{ document | number_line }}" if numbered else "", LETTERHEAD)
    number.paragraph_format.space_before = Pt(6)
    if letter:
        # Phụ lục I: the summary of a letter, "V/v ...", 12-13 pt, regular, centred
        # under the number.
        _para(left, "{{ summary }}", LETTERHEAD, size=12)
    date = _cell_text(right, "{{ document | place_date(year) }}", LETTERHEAD, italic=True)
    date.paragraph_format.space_before = Pt(6)
    date.runs[0].font.size = Pt(14)


def _heading(doc: Any, type_name: str, summary: str) -> None:
    """The type name and the summary under it, bold and centred, a short rule below."""
    heading = _para(doc, type_name, TITLE)
    heading.paragraph_format.space_before = Pt(18)
    _para(doc, summary, TITLE)
    _rule(doc, 3.5, TEXT_WIDTH + 0.4)
    gap = _para(doc, "", RULE)
    gap.paragraph_format.space_after = Pt(12)


def _addressees(doc: Any, items: str) -> None:
    """``Kính gửi: X.`` for one addressee; ``Kính gửi:`` then ``- X;`` lines for several."""
    _tag(doc, f"{{%p if {items} | length == 1 %}}")
    one = _para(doc, f"Kính gửi: {{{{ {items}[0] }}}}.", BODY)
    _indent(one)
    _tag(doc, "{%p else %}")
    many = _para(doc, "Kính gửi:", BODY)
    _indent(many)
    _tag(doc, f"{{%p for a in {items} %}}")
    line = _para(doc, '- {{ a }}{{ "." if loop.last else ";" }}', BODY)
    _indent(line, Cm(4.5))
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


def _indent(paragraph: Any, left: Any = None) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = L
    fmt.first_line_indent = Cm(0)
    fmt.left_indent = left if left is not None else Cm(2.5)
    fmt.space_after = Pt(6)


def _list(doc: Any, items: str, line: str, empty: str) -> None:
    _tag(doc, f"{{%p for x in {items} %}}")
    _para(doc, line)
    _tag(doc, "{%p else %}")
    _para(doc, empty)
    _tag(doc, "{%p endfor %}")


def _header_row(table: Any, heads: tuple[str, ...]) -> None:
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_text(cell, text, TABLE_HEAD)
    _repeat_header(table.rows[0])


def _page_break(doc: Any) -> None:
    paragraph = _para(doc, "", RULE)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


# ---------------------------------------------------------------- the kinds


def giao_uoc() -> bytes:
    doc = _new()
    _letterhead(doc, numbered=False)
    _heading(doc, "{{ kind.type_name }}", "Năm {{ year }}")
    _para(doc, "Thực hiện Kế hoạch tổ chức phong trào thi đua, khen thưởng năm {{ year }} "
               "của {{ bloc.name }}, với chủ đề “{{ theme }}”, các thành viên của Khối cùng "
               "giao ước thi đua:")
    _para(doc, "I. MỤC ĐÍCH", HEADING_1)
    _list(doc, "objectives", "- {{ x.text }}", "")
    _para(doc, "II. NỘI DUNG GIAO ƯỚC", HEADING_1)
    _tag(doc, "{%p for p in pledges %}")
    _para(doc, "{{ loop.index }}. {{ p }}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "III. TỔ CHỨC THỰC HIỆN", HEADING_1)
    _para(doc, "Các thành viên Khối thống nhất ký Giao ước thi đua này; {{ bloc.head.name }} "
               "(đơn vị Khối trưởng) theo dõi, tổng hợp kết quả thực hiện, báo cáo tại Hội "
               "nghị tổng kết năm {{ year }} của Khối.")
    title = _para(doc, "ĐẠI DIỆN CÁC THÀNH VIÊN KHỐI", TITLE)
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(6)
    table = _table(doc, (TEXT_WIDTH / 2, TEXT_WIDTH / 2), 0, borders=False)
    _row_tag(table, "{%tr for row in signature_rows %}")
    cells = table.add_row().cells
    for i, cell in enumerate(cells):
        _cell_text(cell, f"{{%p if row[{i}] %}}", SIGNATURE)
        _para(cell, f"{{{{ row[{i}].member | upper }}}}", SIGNATURE, size=13)
        _para(cell, f"{{{{ (row[{i}].position or 'ĐẠI DIỆN') | upper }}}}", SIGNATURE,
              size=13)
        for _ in range(3):
            _para(cell, "", SIGNATURE)
        _para(cell, f'{{{{ row[{i}].name or "" }}}}', SIGNATURE)
        _para(cell, "", SIGNATURE)
        _para(cell, "{%p endif %}", SIGNATURE)
        _para(cell, "", SIGNATURE)
    _row_tag(table, "{%tr endfor %}")
    _para(doc, "", RULE)
    return _done(doc, "Giao ước thi đua")


def so_ket() -> bytes:
    doc = _new()
    _letterhead(doc)
    _heading(doc, "{{ kind.type_name }}", "{{ summary }}")
    _para(doc, "Thực hiện Kế hoạch {% if plan_document.number %}số "
               "{{ plan_document | doc_number }} {% endif %}tổ chức phong trào thi đua, khen "
               "thưởng năm {{ year }} của {{ bloc.name }}, {{ bloc.head.name }} (đơn vị Khối "
               "trưởng) báo cáo kết quả 6 tháng đầu năm {{ year }} (tính đến "
               "{{ as_of | long_date }}) như sau:")
    _para(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", HEADING_1)
    _para(doc, "Kế hoạch có {{ tasks | length }} nhiệm vụ: {{ done | length }} đã hoàn thành, "
               "{{ in_progress | length }} đang thực hiện, {{ late | length }} quá hạn, "
               "{{ not_started | length }} chưa đến hạn thực hiện{% if cancelled %}, "
               "{{ cancelled | length }} đã hủy bỏ{% endif %}.")
    _para(doc, "1. Nhiệm vụ đã hoàn thành", HEADING_2)
    _list(doc, "done", "- {{ x.title }}{% if x.result %}: {{ x.result }}{% endif %}",
          "Chưa có nhiệm vụ hoàn thành.")
    _para(doc, "2. Nhiệm vụ đang thực hiện", HEADING_2)
    _list(doc, "in_progress", "- {{ x.title }} (đơn vị chủ trì: {{ x.lead }}{% if x.due %}; "
                              "thời hạn {{ x.due | short_date }}{% endif %}).", "Không có.")
    _para(doc, "3. Nhiệm vụ quá hạn", HEADING_2)
    _list(doc, "late", "- {{ x.title }}: thời hạn {{ x.due | short_date }}, đơn vị chủ trì: "
                       "{{ x.lead }}; tình trạng: {{ x.status_text | lower }}.",
          "Không có nhiệm vụ quá hạn.")
    _para(doc, "II. HOẠT ĐỘNG CHUNG CỦA KHỐI", HEADING_1)
    _list(doc, "events_held", "- {{ x.title }}{% if x.date or x.month %}: {{ x | when }}"
                              "{% endif %}{% if x.place %}, tại {{ x.place }}{% endif %}"
                              "{% if x.host %}; đơn vị đăng cai: {{ x.host }}{% endif %}."
                              "{% if x.result %} {{ x.result }}{% endif %}",
          "Chưa tổ chức hoạt động chung nào.")
    _para(doc, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {{ year }}", HEADING_1)
    _list(doc, "second_half", "{{ loop.index }}. {{ x.title }}{% if x.due %} (thời hạn "
                              "{{ x.due | short_date }}){% endif %}.",
          "Các nhiệm vụ của Kế hoạch đã hoàn thành.")
    _tag(doc, "{%p if events_ahead %}")
    _para(doc, "Các hoạt động chung còn lại:")
    _tag(doc, "{%p for x in events_ahead %}")
    _para(doc, "- {{ x.title }}{% if x.date or x.month %} ({{ x | when }}){% endif %}.")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _closing(doc)
    _para(doc, "", RULE)
    return _done(doc, "Báo cáo sơ kết công tác thi đua, khen thưởng")


OVERDUE_COLUMNS = (1.2, 6.9, 3.4, 2.6, 2.4)


def don_doc() -> bytes:
    doc = _new()
    _letterhead(doc, letter=True)
    gap = _para(doc, "", RULE)
    gap.paragraph_format.space_after = Pt(12)
    _addressees(doc, "addressees")
    _para(doc, "Thực hiện Kế hoạch {% if plan_document.number %}số "
               "{{ plan_document | doc_number }} {% endif %}tổ chức phong trào thi đua, khen "
               "thưởng năm {{ year }} của {{ bloc.name }}, đến {{ as_of | long_date }}, các "
               "nhiệm vụ sau đã quá thời hạn nhưng chưa hoàn thành:")
    table = _table(doc, OVERDUE_COLUMNS, 1, borders=True)
    _header_row(table, ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"))
    _row_tag(table, "{%tr for t in overdue %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ t.title }}")
    _cell_text(row[2], "{{ t.lead }}")
    _cell_text(row[3], "{{ t.due | short_date }}").alignment = C
    _cell_text(row[4], "{{ t.status_text }}")
    _row_tag(table, "{%tr endfor %}")
    after = _para(doc, "{{ bloc.head.name }} (đơn vị Khối trưởng) đề nghị "
                       "{% if addressees | length == 1 %}Quý cơ quan{% else %}các đơn vị"
                       "{% endif %} khẩn trương thực hiện các nhiệm vụ trên và báo cáo kết quả "
                       "về {{ bloc.head.name }} để tổng hợp, báo cáo Khối.")
    after.paragraph_format.space_before = Pt(6)
    _closing(doc)
    _para(doc, "", RULE)
    return _done(doc, "Công văn đôn đốc thực hiện nhiệm vụ")


BALLOT_COLUMNS = (1.3, 9.2, 3.0, 3.0)


def phieu_bau() -> bytes:
    doc = _new()
    _tag(doc, "{%p for ballot in ballots %}")
    _letterhead(doc, numbered=False)
    _heading(doc, "{{ kind.type_name }}", "{{ summary }}")
    note = _para(doc, "Phiếu số {{ ballot.number }}/{{ ballot.of }}. Đồng ý: đánh dấu (X) vào "
                      "cột “Đồng ý”; không đồng ý: đánh dấu (X) vào cột “Không đồng ý”.",
                 BASIS)
    note.paragraph_format.space_after = Pt(6)
    _tag(doc, "{%p for a in awards %}")
    _para(doc, "{{ loop.index }}. {{ a.title }}", HEADING_2).paragraph_format.space_before = Pt(6)
    table = _table(doc, BALLOT_COLUMNS, 1, borders=True)
    _header_row(table, ("STT", "Đơn vị", "Đồng ý", "Không đồng ý"))
    _row_tag(table, "{%tr for c in a.candidates %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ c.name }}")
    _cell_text(row[2], "")
    _cell_text(row[3], "")
    _row_tag(table, "{%tr endfor %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if not ballot.last %}")
    _page_break(doc)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "", RULE)
    return _done(doc, "Phiếu bầu suy tôn, đề nghị khen thưởng")


RANKING_COLUMNS = (1.3, 9.2, 3.0, 3.0)
VOTE_COLUMNS = (1.2, 4.9, 1.9, 1.9, 1.9, 1.9, 2.8)


def bien_ban() -> bytes:
    doc = _new()
    _letterhead(doc)
    _heading(doc, "{{ kind.type_name }}", "{{ summary }}")
    _para(doc, "I. THỜI GIAN, ĐỊA ĐIỂM", HEADING_1)
    _para(doc, "- Thời gian: {{ meeting.date | long_date }}.")
    _para(doc, "- Địa điểm: {{ meeting.place }}.")
    _para(doc, "II. THÀNH PHẦN", HEADING_1)
    _para(doc, "- Chủ trì: {{ meeting.chair.name }}, {{ meeting.chair.position }}.")
    _para(doc, "- Thư ký: {{ meeting.secretary.name }}, {{ meeting.secretary.position }}.")
    _para(doc, "- Có mặt {{ meeting.present | length }}/{{ voters }} thành viên Khối: "
               '{{ meeting.present | join(", ") }}.')
    _para(doc, "- Vắng mặt{% if meeting.absent %} {{ meeting.absent | length }} thành viên, có "
               "ý kiến bằng văn bản được tính vào kết quả bỏ phiếu: "
               '{{ meeting.absent | join(", ") }}{% else %}: không{% endif %}.')
    _para(doc, "III. NỘI DUNG", HEADING_1)
    _para(doc, "1. Kết quả chấm điểm, xếp hạng", HEADING_2)
    _tag(doc, "{%p if scored %}")
    table = _table(doc, RANKING_COLUMNS, 1, borders=True)
    _header_row(table, ("STT", "Đơn vị", "Tổng điểm", "Xếp hạng"))
    _row_tag(table, "{%tr for r in ranked %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ r.name }}")
    _cell_text(row[2], "{{ r.total | number }}").alignment = C
    _cell_text(row[3], "{{ r.rank }}").alignment = C
    _row_tag(table, "{%tr endfor %}")
    _row_tag(table, "{%tr for r in unscored %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ ranked | length + loop.index }}").alignment = C
    _cell_text(row[1], "{{ r.name }}")
    _cell_text(row[2], "Chưa có điểm chấm")
    _cell_text(row[3], "")
    _row_tag(table, "{%tr endfor %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Chưa có điểm chấm.")
    _tag(doc, "{%p endif %}")
    _para(doc, "2. Kết quả bỏ phiếu", HEADING_2).paragraph_format.space_before = Pt(6)
    _para(doc, "Tổng số thành viên bỏ phiếu: {{ voters }} (kể cả ý kiến bằng văn bản của "
               "thành viên vắng mặt).")
    _tag(doc, "{%p for a in awards %}")
    _para(doc, "{{ loop.index }}. {{ a.title }}", HEADING_2)
    _tag(doc, "{%p if a.threshold %}")
    _para(doc, "Tỷ lệ phiếu đồng ý cần đạt: từ {{ a.threshold.percent | number }}% "
               "{{ a.threshold.of_text }} trở lên ({{ a.threshold.source }}).")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if a.voted %}")
    table = _table(doc, VOTE_COLUMNS, 1, borders=True)
    _header_row(table, ("STT", "Đơn vị", "Đồng ý", "Tỷ lệ", "Không đồng ý", "Tỷ lệ",
                        "Kết quả"))
    _row_tag(table, "{%tr for c in a.candidates %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ c.name }}")
    _cell_text(row[2], '{% if c.votes %}{{ c.votes.agree }}/{{ c.votes.base }}{% endif %}'
               ).alignment = C
    _cell_text(row[3], "{% if c.votes %}{{ c.votes.agree_percent | number }}%{% endif %}"
               ).alignment = C
    _cell_text(row[4], "{% if c.votes %}{{ c.votes.disagree }}/{{ c.votes.base }}{% endif %}"
               ).alignment = C
    _cell_text(row[5], "{% if c.votes %}{{ c.votes.disagree_percent | number }}%{% endif %}"
               ).alignment = C
    _cell_text(row[6], '{% if c.votes %}{{ c.votes.result or "-" }}{% else %}Chưa bỏ phiếu'
                       "{% endif %}").alignment = C
    _row_tag(table, "{%tr endfor %}")
    _tag(doc, "{%p for c in a.candidates if c.votes %}")
    line = _para(doc, "- {{ c.name }}: {{ c.votes.agree }}/{{ c.votes.base }} phiếu đồng ý "
                      "({{ c.votes.agree_percent | number }}%){% if c.votes.result %}, "
                      "{{ c.votes.result | lower }}{% endif %}.")
    line.paragraph_format.space_before = Pt(6)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Chưa bỏ phiếu.")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "IV. KẾT LUẬN", HEADING_1)
    _tag(doc, "{%p for a in conclusion %}")
    _para(doc, "- {{ a.title }}: {% for m in a.members %}{{ m.name }}{% if not loop.last %}, "
               "{% endif %}{% else %}không có đơn vị đủ điều kiện đề nghị{% endfor %}.")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Biên bản được thông qua tại cuộc họp và được các thành viên dự họp nhất trí.")
    table = _table(doc, CLOSE_COLUMNS, 1, borders=False)
    for cell, role, person in zip(table.rows[0].cells, ("THƯ KÝ", "CHỦ TỌA"),
                                  ("secretary", "chair"), strict=True):
        top = _cell_text(cell, role, SIGNATURE)
        top.paragraph_format.space_before = Pt(12)
        for _ in range(4):
            _para(cell, "", SIGNATURE)
        _para(cell, f"{{{{ meeting.{person}.name }}}}", SIGNATURE)
    _para(doc, "", RULE)
    return _done(doc, "Biên bản họp bình xét, suy tôn thi đua, khen thưởng")


PROPOSAL_COLUMNS = (1.2, 6.8, 2.6, 2.4, 3.5)


def to_trinh() -> bytes:
    doc = _new()
    _letterhead(doc)
    _heading(doc, "{{ kind.type_name }}", "{{ summary }}")
    _addressees(doc, "addressees")
    _para(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", BASIS)
    _tag(doc, "{%p for b in basis %}")
    _para(doc, "Căn cứ {{ b | cite }};", BASIS)
    _tag(doc, "{%p endfor %}")
    _para(doc, "Căn cứ Kế hoạch {% if plan_document.number %}số {{ plan_document | doc_number }} "
               "{% endif %}tổ chức phong trào thi đua, khen thưởng năm {{ year }} của "
               "{{ bloc.name }}{% if meeting_date %};{% else %}.{% endif %}", BASIS)
    _tag(doc, "{%p if meeting_date %}")
    _para(doc, "Căn cứ kết quả bình xét, suy tôn tại cuộc họp ngày "
               "{{ meeting_date | short_date }} của {{ bloc.name }}.", BASIS)
    _tag(doc, "{%p endif %}")
    _para(doc, "{{ bloc.head.name }} (đơn vị Khối trưởng) kính đề nghị "
               '{{ addressees | join(", ") }} xem xét, trình cấp có thẩm quyền khen thưởng '
               "cho các thành viên của Khối như sau:")
    _tag(doc, "{%p for a in awards %}")
    _para(doc, "{{ loop.index }}. {{ a.title }}", HEADING_2)
    table = _table(doc, PROPOSAL_COLUMNS, 1, borders=True)
    _header_row(table, ("STT", "Đơn vị", "Tổng điểm", "Xếp hạng", "Phiếu đồng ý"))
    _row_tag(table, "{%tr for c in a.nominees %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ c.name }}")
    _cell_text(row[2], '{{ (c.total | number) if c.total is not none else "-" }}').alignment = C
    _cell_text(row[3], '{{ c.rank or "-" }}').alignment = C
    _cell_text(row[4], "{% if c.votes %}{{ c.votes.agree }}/{{ c.votes.base }} "
                       "({{ c.votes.agree_percent | number }}%){% else %}-{% endif %}"
               ).alignment = C
    _row_tag(table, "{%tr endfor %}")
    _tag(doc, "{%p if a.threshold %}")
    after = _para(doc, "Tỷ lệ phiếu đồng ý cần đạt: từ {{ a.threshold.percent | number }}% "
                       "{{ a.threshold.of_text }} trở lên ({{ a.threshold.source }}).")
    after.paragraph_format.space_before = Pt(6)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Hồ sơ kèm theo:", bold=True).paragraph_format.space_before = Pt(6)
    _tag(doc, "{%p for f in files %}")
    _para(doc, "{{ loop.index }}. {{ f }}.")
    _tag(doc, "{%p endfor %}")
    _closing(doc)
    _para(doc, "", RULE)
    return _done(doc, "Tờ trình đề nghị khen thưởng")


BUILDERS: dict[str, Callable[[], bytes]] = {
    "giao-uoc": giao_uoc, "so-ket": so_ket, "don-doc": don_doc, "phieu-bau": phieu_bau,
    "bien-ban": bien_ban, "to-trinh": to_trinh,
}

# Unused names kept in the shared vocabulary.
_ = (RECIPIENTS,)


# ---------------------------------------------------------------- OOXML order

# The child order the WordprocessingML schema requires (ECMA-376 Part 1, §17.3.1.26
# CT_PPrBase and §17.4.60 CT_TblPr); python-docx and the shared helpers append
# elements at the end, which Word tolerates and strict validators do not.
_PPR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
        "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
        "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
        "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
        "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_TBLPR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
          "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
          "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")


def schema_order(doc: Any) -> None:
    """Put the children of every paragraph's and table's properties in schema order,
    each once (``autofit = False`` and the shared ``_table`` both add a tblLayout)."""
    roots = [doc.element.body, doc.styles.element]
    for section in doc.sections:
        roots += [section.header._element, section.first_page_header._element]
    for root in roots:
        for tag, order in (("w:pPr", _PPR), ("w:tblPr", _TBLPR)):
            rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
            for props in root.iter(qn(tag)):
                children = list(props)
                children.sort(key=lambda child: rank.get(child.tag, len(order)))
                seen = set()
                for child in children:
                    props.remove(child)
                    if child.tag not in seen:
                        props.append(child)
                    seen.add(child.tag)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that the templates in templates/ are up to date")
    parser.add_argument("-o", "--output", type=Path, default=TEMPLATES,
                        help="the folder to write them to (default: templates/)")
    args = parser.parse_args(argv)
    stale = []
    for name, data in build_all().items():
        path = args.output / name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path)
            continue
        path.write_bytes(data)
        sys.stdout.write(f"{path}\n")
    for path in stale:
        sys.stderr.write(f"{path} is out of date: run {Path(__file__).name}\n")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
