"""The DOCX read back: page, fonts, letterhead, headings, tables, closing block.

Each check is what Nghị định 30/2020/NĐ-CP, Phụ lục I asks of an
administrative document (see the domain notes), read from the rendered file
with python-docx and, where python-docx does not reach, from the raw XML.
"""

from __future__ import annotations

import re
import zipfile
from functools import cache
from io import BytesIO
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from lxml import etree

from .conftest import EXAMPLE
from .rendering import SPECIAL, context_of, docx_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TNR = "Times New Roman"


@cache
def rendered(name: str) -> bytes:
    return docx_of(EXAMPLE if name == "example" else SPECIAL)


def document(name: str = "example") -> Any:
    return Document(BytesIO(rendered(name)))


def part(name: str, member: str) -> bytes:
    return zipfile.ZipFile(BytesIO(rendered(name))).read(member)


def effective(paragraph: Any, attr: str) -> Any:
    """A run formatting attribute as Word shows it: the run's own, else its style's."""
    values = set()
    for run in paragraph.runs:
        value = getattr(run.font, attr)
        style = paragraph.style
        while value is None and style is not None:
            value = getattr(style.font, attr)
            style = style.base_style
        values.add(value)
    assert len(values) == 1, f"mixed {attr} in {paragraph.text!r}"
    return values.pop()


def nb(text: str) -> str:
    """``text`` as the document prints it: a spaced hyphen after a no-break space."""
    return re.sub(r"(?<=\S) ([-–]) ", "\u00a0\\1 ", text)


def paragraph(doc: Any, text: str) -> Any:
    for p in doc.paragraphs:
        if p.text == nb(text):
            return p
    raise AssertionError(f"no paragraph {text!r}")


def cell_paragraphs(cell: Any) -> list[Any]:
    return [p for p in cell.paragraphs if p.text]


# ------------------------------------------------------------------ page


def test_page_is_a4_portrait_with_nd30_margins() -> None:
    section = document().sections[0]
    # Word stores twentieths of a point: compare to a tenth of a millimetre.
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210, 297)
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20


def test_page_numbers_centred_in_the_header_from_page_two() -> None:
    section = document().sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    number = section.header.paragraphs[0]
    assert number.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    fields = number._p.findall(f"{W}fldSimple")
    assert [f.get(f"{W}instr").strip() for f in fields] == ["PAGE"]


# ------------------------------------------------------------------ fonts


@pytest.mark.parametrize("member", ["word/styles.xml", "word/document.xml",
                                    "word/header1.xml", "word/header2.xml"])
def test_times_new_roman_for_every_script(member: str) -> None:
    names = zipfile.ZipFile(BytesIO(rendered("example"))).namelist()
    if member not in names:
        pytest.skip(f"{member} not in this package")
    root = etree.fromstring(part("example", member))
    for fonts in root.iter(f"{W}rFonts"):
        assert {k.removeprefix(W): v for k, v in fonts.attrib.items()} == {
            "ascii": TNR, "hAnsi": TNR, "eastAsia": TNR, "cs": TNR}


def test_default_font_and_language() -> None:
    root = etree.fromstring(part("example", "word/styles.xml"))
    defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults is not None
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == TNR
    assert defaults.find(f"{W}lang").get(f"{W}val") == "vi-VN"


def test_body_paragraphs() -> None:
    body = paragraph(document(), "- " + str(context_of(EXAMPLE)["objectives"][0]["text"]))
    fmt = body.style.paragraph_format
    assert body.style.name == "Normal"
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent == Cm(1.27)
    assert fmt.space_after >= Pt(6)
    assert 1 <= fmt.line_spacing <= 1.5
    assert Pt(13) <= effective(body, "size") <= Pt(14)


# ------------------------------------------------------------------ letterhead


def test_letterhead_is_a_borderless_two_column_table() -> None:
    table = document().tables[0]
    assert (len(table.rows), len(table.columns)) == (2, 2)
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} == {"nil"}


@pytest.mark.parametrize(("row", "column", "texts"), [
    (0, 0, ["LIÊN MINH HỢP TÁC XÃ VIỆT NAM"]),
    (0, 1, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]),
    (1, 0, ["Số:      /KH-LMHTXVN"]),                      # a draft: number blank
    (1, 1, ["Hà Nội, ngày      tháng      năm 2022"]),     # and date blank
])
def test_letterhead_text_of_a_draft(row: int, column: int, texts: list[str]) -> None:
    cell = document().tables[0].cell(row, column)
    assert [p.text for p in cell_paragraphs(cell)] == [nb(t) for t in texts]


@pytest.mark.parametrize(("row", "column", "texts"), [
    (0, 0, ["BỘ <TÀI> & CHÍNH", "VỤ THI ĐUA - KHEN THƯỞNG {{ ISSUER }}"]),
    (1, 0, ["Số: 05/KH-TĐKT"]),
    (1, 1, ["Hà Nội, ngày 05 tháng 02 năm 2025"]),
])
def test_letterhead_text_of_an_issued_plan(row: int, column: int, texts: list[str]) -> None:
    cell = document("special").tables[0].cell(row, column)
    assert [p.text for p in cell_paragraphs(cell)] == [nb(t) for t in texts]


@pytest.mark.parametrize(("row", "column", "index", "bold", "italic", "size"), [
    (0, 0, 0, False, False, 12),   # parent body: regular
    (0, 0, 1, True, False, 12),    # issuing body: bold
    (0, 1, 0, True, False, 12),    # national title: bold, 12-13 pt
    (0, 1, 1, True, False, 13),    # motto: bold, 13-14 pt
    (1, 0, 0, False, False, 13),   # number: 13 pt
    (1, 1, 0, False, True, 14),    # place and date: italic, 13-14 pt
])
def test_letterhead_formatting(row: int, column: int, index: int, bold: bool, italic: bool,
                               size: int) -> None:
    p = cell_paragraphs(document("special").tables[0].cell(row, column))[index]
    assert (bool(effective(p, "bold")), bool(effective(p, "italic"))) == (bold, italic)
    assert effective(p, "size") == Pt(size)


def test_rules_under_issuer_motto_and_title() -> None:
    doc = document()

    def ruled(paragraphs: list[Any]) -> list[Any]:
        return [p for p in paragraphs
                if p._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None]

    issuer, national = doc.tables[0].rows[0].cells
    assert len(ruled(issuer.paragraphs)) == 1
    assert len(ruled(national.paragraphs)) == 1
    assert len(ruled(doc.paragraphs)) == 1  # under the title
    title = paragraph(doc, str(context_of(EXAMPLE)["title"]))
    following = title._p.getnext()
    assert following.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None


# ------------------------------------------------------------------ body


def test_type_name_and_title_bold_and_centred() -> None:
    doc = document()
    for text in ("KẾ HOẠCH", str(context_of(EXAMPLE)["title"])):
        p = paragraph(doc, text)
        assert effective(p, "bold") is True
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_legal_bases_italic_semicolons_then_full_stop() -> None:
    bases = [p for p in document().paragraphs if p.text.startswith("Căn cứ ")]
    assert [p.text for p in bases] == [
        "Căn cứ Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới "
        "công tác thi đua, khen thưởng;",
        "Căn cứ Chỉ thị số 07/CT-TTg ngày 19/3/2014 của Thủ tướng Chính phủ về việc đẩy mạnh "
        "phòng, chống tiêu cực trong quản lý công chức, viên chức và thi đua, khen thưởng.",
    ]
    assert all(effective(p, "italic") for p in bases)


@pytest.mark.parametrize("heading", ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG",
                                     "III. TỔ CHỨC THỰC HIỆN", "1. Chủ đề thi đua",
                                     "2. Nhiệm vụ trọng tâm", "3. Hoạt động chung của Khối"])
def test_headings_bold(heading: str) -> None:
    assert effective(paragraph(document(), heading), "bold") is True


def test_every_task_with_its_lead_and_every_member_by_name() -> None:
    doc = document()
    text = "\n".join(p.text for p in doc.paragraphs)
    context = context_of(EXAMPLE)
    for i, task in enumerate(context["tasks"]):
        assert nb(f"{'abcdđe'[i]}) {task['title']}") in text
        for detail in task["details"]:
            assert nb(f"- {detail}") in text
    assert text.count("Đơn vị chủ trì: Các thành viên Khối.") == len(context["tasks"])
    for member in context["bloc"]["members"]:
        assert member["name"] in text
    assert "Khối trưởng: Liên minh Hợp tác xã Việt Nam." in text
    assert ("- Hội nghị triển khai Kế hoạch công tác thi đua, khen thưởng năm 2022 của Khối "
            "thi đua các bộ, ngành tổng hợp: ngày 26 tháng 4 năm 2022, tại Trụ sở Liên minh "
            "Hợp tác xã Việt Nam; đơn vị đăng cai: Liên minh Hợp tác xã Việt Nam.") in text


def test_task_with_support_and_deadline() -> None:
    text = "\n".join(p.text for p in document("special").paragraphs)
    assert ("Đơn vị chủ trì: Bộ Tài chính <BTC>. Đơn vị phối hợp: Bộ Nội vụ & Cải cách, "
            "Ủy ban {% if true %}Dân tộc{% endif %}. Thời hạn: ngày 28 tháng 02 năm 2025."
            ) in text


def test_tasks_and_activities_table() -> None:
    table = document().tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    context = context_of(EXAMPLE)
    assert rows[0] == ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"]
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None  # repeats
    assert rows[1] == ["A. NHIỆM VỤ TRỌNG TÂM"] * 5                      # merged row
    tasks = rows[2:2 + len(context["tasks"])]
    assert [r[:3] for r in tasks] == [[str(i), t["title"], "Các thành viên Khối"]
                                      for i, t in enumerate(context["tasks"], start=1)]
    assert rows[2 + len(tasks)] == ["B. HOẠT ĐỘNG CHUNG"] * 5
    activities = rows[3 + len(tasks):]
    assert len(activities) == len(context["events"])
    assert activities[0][2:] == ["Liên minh Hợp tác xã Việt Nam", "", "26/4/2022"]
    assert activities[3][1:3] == ["Tham quan một số lưu trữ tài liệu quốc gia của Bộ Nội vụ",
                                  "Bộ Nội vụ"]


def test_tasks_table_dates_and_months() -> None:
    rows = [[c.text for c in row.cells] for row in document("special").tables[1].rows]
    assert [r[4] for r in rows[2:4]] == ["28/02/2025", "30/11/2025"]
    assert [r[4] for r in rows[5:]] == ["05/02/2025", "tháng 9/2025", "tháng 10/2025"]


# ------------------------------------------------------------------ closing


def test_recipients_and_signer() -> None:
    left, right = document().tables[2].rows[0].cells
    paragraphs = cell_paragraphs(left)
    label, recipients = paragraphs[0], paragraphs[1:]
    assert label.text == "Nơi nhận:"
    assert (effective(label, "bold"), effective(label, "italic")) == (True, True)
    assert effective(label, "size") == Pt(12)
    assert recipients[0].text == "- Văn phòng Chủ tịch nước;"
    assert all(p.text.startswith("- ") and p.text.endswith(";") for p in recipients[:-1])
    assert recipients[-1].text == "- Lưu: VT, TĐKT."
    assert {effective(p, "size") for p in recipients} == {Pt(11)}
    signer = cell_paragraphs(right)
    assert [p.text for p in signer] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Nghị"]
    assert all(effective(p, "bold") for p in signer)
    # room to sign between the position and the name
    texts = [p.text for p in right.paragraphs]
    gap = texts.index("Lê Văn Nghị") - texts.index("PHÓ CHỦ TỊCH") - 1
    assert gap >= 3


def test_closing_table_is_borderless_two_columns() -> None:
    table = document().tables[2]
    assert (len(table.rows), len(table.columns)) == (1, 2)
    assert {b.get(f"{W}val") for b in table._tbl.tblPr.find(f"{W}tblBorders")} == {"nil"}


# ------------------------------------------------------------------ appendix


def test_appendix_only_when_there_are_criteria() -> None:
    assert "PHỤ LỤC" not in [p.text for p in document().paragraphs]
    doc = document("special")
    heading = paragraph(doc, "PHỤ LỤC")
    assert heading.paragraph_format.page_break_before
    assert paragraph(doc, "(Kèm theo Kế hoạch số 05/KH-TĐKT ngày 05 tháng 02 năm 2025 của "
                          "VỤ THI ĐUA - KHEN THƯỞNG {{ issuer }})")
    rows = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert rows == [
        ["STT", "Nội dung tiêu chí", "Điểm tối đa"],
        ["1", "Tham gia hoạt động & phong trào <chung>", "60"],
        ["2", "Công tác {{ khen_thuong }}", "40,5"],
        ["", "Tổng cộng", "100,5"],
    ]


# ------------------------------------------------------------------ escaping


def test_special_characters_appear_as_written() -> None:
    doc = document("special")
    context = context_of(SPECIAL)
    assert paragraph(doc, str(context["title"])).text == (
        "Kế hoạch <b>thử</b> & kiểm tra \"ngoặc kép\" 'đơn' {{ 7*7 }} {% raw %}")
    text = "\n".join(p.text for p in doc.paragraphs)
    for expected in ("{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>",
                     "{% raw %}{{ x }}{% endraw %}", "&amp; giữ nguyên",
                     "<!-- không phải chú thích --> {# không phải chú thích Jinja #}"):
        assert expected in text
    assert "49" not in text
    # Still one well-formed XML document, parsed strictly.
    etree.fromstring(part("special", "word/document.xml"))


def test_no_template_tag_left_in_the_output() -> None:
    xml = part("example", "word/document.xml").decode("utf-8")
    assert not re.search(r"\{[{%#]|[}%#]\}", xml)


def test_document_title_property_is_the_plans() -> None:
    assert document("special").core_properties.title == str(context_of(SPECIAL)["title"])


def test_rendering_twice_gives_the_same_bytes() -> None:
    assert docx_of(EXAMPLE) == rendered("example")


def test_line_breaks_in_plan_text_become_word_line_breaks() -> None:
    from thidua_cli.render.docx import render_docx

    from .rendering import shipped

    context = context_of(SPECIAL)
    context["tasks"][0]["details"] = ["dòng một\ndòng hai"]
    doc = Document(BytesIO(render_docx(context, shipped())))
    (detail,) = [p for p in doc.paragraphs if p.text.startswith("- dòng một")]
    assert detail.text == "- dòng một\ndòng hai"
    assert detail._p.find(f".//{W}br") is not None
