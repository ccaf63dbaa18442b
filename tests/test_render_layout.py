"""What a secretariat would otherwise fix by hand in Word, read back from the DOCX:
rows that never split, section rows kept with their first row, columns sized to
their content, spaced hyphens bound, the signature kept with the text, the
two-line authority, the issuer in sentence case, section III.3, the report's
opening. Tables: input fragment → expected sentence or property."""

from __future__ import annotations

from datetime import date
from functools import cache
from io import BytesIO
from typing import Any

import pytest
from docx import Document
from lxml import etree

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.model import Plan
from thidua_cli.render import layout
from thidua_cli.render.context import build_context, issuer_name
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes, markdown_text

from .conftest import EXAMPLE, PLANS
from .rendering import docx_of, shipped

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PROVINCE = PLANS / "valid" / "province-bloc.yaml"
NBSP = "\u00a0"


@cache
def rendered(name: str) -> bytes:
    return docx_of({"province": PROVINCE, "example": EXAMPLE}[name])


def body(name: str = "province") -> Any:
    return etree.fromstring(_part(rendered(name)))


def _part(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(BytesIO(data)).read("word/document.xml")


def table(root: Any, caption: str) -> Any:
    for tbl in root.iter(f"{W}tbl"):
        found = tbl.find(f"{W}tblPr/{W}tblCaption")
        if found is not None and found.get(f"{W}val") == caption:
            return tbl
    raise AssertionError(f"no table {caption}")


def text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def plan_of(path: Any) -> Plan:
    result = lint_file(str(path), LintOptions())
    assert result.plan is not None, result.findings
    return result.plan


# ------------------------------------------------------------------ spaced hyphens


@pytest.mark.parametrize(("written", "printed"), [
    ("kinh tế - xã hội", f"kinh tế{NBSP}- xã hội"),
    ("giai đoạn 2021 - 2026", f"giai đoạn 2021{NBSP}- 2026"),
    ("Hội đồng Thi đua - Khen thưởng", f"Hội đồng Thi đua{NBSP}- Khen thưởng"),
    ("Độc lập - Tự do - Hạnh phúc", f"Độc lập{NBSP}- Tự do{NBSP}- Hạnh phúc"),
    ("2021 – 2026", f"2021{NBSP}– 2026"),
    ("- Như trên", "- Như trên"),             # a list dash starts its line on purpose
    ("34-CT/TW", "34-CT/TW"),                  # no spaces: not a spaced hyphen
    ("kinh tế -xã hội", "kinh tế -xã hội"),
])
def test_spaced_hyphen_gets_a_no_break_space(written: str, printed: str) -> None:
    element = etree.Element(f"{W}t")
    element.text = written
    layout.keep_hyphens([element])
    assert element.text == printed


def test_no_spaced_hyphen_is_left_breakable_in_the_document() -> None:
    xml = _part(rendered("province")).decode("utf-8")
    assert "kinh tế" + NBSP + "- xã hội" in xml
    assert "Độc lập" + NBSP + "- Tự do" in xml
    assert " - " not in "".join(t.text or "" for t in body().iter(f"{W}t"))


# ------------------------------------------------------------------ tables


@pytest.mark.parametrize("caption", ["thidua-tasks", "thidua-criteria", "thidua-closing"])
def test_no_row_splits_across_pages(caption: str) -> None:
    rows = table(body(), caption).findall(f"{W}tr")
    assert rows
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)


def test_header_repeats_and_section_rows_keep_with_their_first_row() -> None:
    rows = table(body(), "thidua-tasks").findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    sections = [r for r in rows if text(r) in ("A. NHIỆM VỤ TRỌNG TÂM", "B. HOẠT ĐỘNG CHUNG")]
    assert len(sections) == 2
    for row in sections:
        assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p"))


def widths(tbl: Any) -> list[float]:
    return [int(c.get(f"{W}w")) / layout.TWIPS_PER_CM
            for c in tbl.find(f"{W}tblGrid").findall(f"{W}gridCol")]


@pytest.mark.parametrize(("caption", "column", "longest"), [
    ("thidua-tasks", 0, "STT"),
    ("thidua-tasks", 4, "tháng 10/2026"),      # the longest time in the table
    ("thidua-tasks", 4, "15/12/2026"),
    ("thidua-criteria", 0, "STT"),
])
def test_dates_months_and_numbers_fit_their_column(caption: str, column: int,
                                                   longest: str) -> None:
    tbl = table(body(), caption)
    assert longest in text(tbl)
    need = layout.text_width_cm(longest) + layout.CELL_PADDING_CM
    assert widths(tbl)[column] >= need
    # Every cell says the same as the grid (LibreOffice reads the cells).
    for row in tbl.findall(f"{W}tr"):
        cells = row.findall(f"{W}tc")
        if len(cells) == len(widths(tbl)):
            width = int(cells[column].find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
            assert abs(width / layout.TWIPS_PER_CM - widths(tbl)[column]) < 0.01


@pytest.mark.parametrize("caption", ["thidua-tasks", "thidua-criteria"])
def test_tables_span_the_text_width(caption: str) -> None:
    assert sum(widths(table(body(), caption))) == pytest.approx(layout.TEXT_WIDTH_CM, abs=0.01)


def test_widths_come_from_the_content() -> None:
    from thidua_cli.render.docx import render_docx

    context = build_context(plan_of(PROVINCE))
    with_months = widths(table(body(), "thidua-tasks"))
    context["events"] = [e for e in context["events"] if e["month"] is None]
    dates_only = widths(table(etree.fromstring(_part(render_docx(context, shipped()))),
                              "thidua-tasks"))
    # Without "tháng 10/2026" the time column narrows and the content column gains.
    assert dates_only[4] < with_months[4]
    assert dates_only[1] > with_months[1]
    # Names and titles share the rest: the content column is the widest.
    assert with_months[1] > with_months[2] == with_months[3] > 0


@pytest.mark.parametrize(("text_", "bold", "cm"), [
    ("15/12/2026", False, 1.93),       # 8 digits of 0.5 em and 2 slashes of 0.278 em, 12 pt
    ("STT", True, 0.79),
    ("Đắk Lắk", False, 1.48),          # diacritics measured as their base letters
])
def test_text_width(text_: str, bold: bool, cm: float) -> None:
    assert layout.text_width_cm(text_, bold=bold) == pytest.approx(cm, abs=0.02)


# ------------------------------------------------------------------ closing


def test_signature_keeps_with_the_text_before_it() -> None:
    closing = table(body(), "thidua-closing")
    before = closing.getprevious()
    while not text(before).strip():
        before = before.getprevious()
    assert before.tag == f"{W}p"
    assert before.find(f"{W}pPr/{W}keepNext") is not None
    assert text(before).startswith("- Báo cáo tổng kết năm")


def signer_lines(data: bytes) -> list[str]:
    doc = Document(BytesIO(data))
    for tbl in doc.tables:
        caption = tbl._tbl.tblPr.find(f"{W}tblCaption")
        if caption is not None and caption.get(f"{W}val") == "thidua-closing":
            return [p.text for p in tbl.rows[0].cells[1].paragraphs if p.text]
    raise AssertionError("no closing table")


def test_two_line_authority_each_on_its_own_line() -> None:
    assert signer_lines(rendered("province")) == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thiên Văn"]


@pytest.mark.parametrize(("authority", "lines"), [
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]),
    ("KT. CHỦ TỊCH", ["KT. CHỦ TỊCH"]),
    ("TM. BAN THƯỜNG VỤ\nKT. BÍ THƯ", ["TM. BAN THƯỜNG VỤ", "KT. BÍ THƯ"]),
    (None, []),
])
def test_authority_lines(authority: Any, lines: list[str]) -> None:
    context = build_context(plan_of(PROVINCE))
    plan = plan_of(PROVINCE)
    assert plan.document is not None and plan.document.signer is not None
    signer = plan.document.signer.model_copy(update={"authority": authority})
    assert signer.authority_lines() == lines
    assert context["document"]["signer"]["authority_lines"] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]


def test_markdown_authority_lines_stay_apart() -> None:
    from .rendering import markdown_of

    text_ = markdown_of(PROVINCE)
    assert "**TM. ỦY BAN NHÂN DÂN**<br>\n**KT. CHỦ TỊCH**<br>\n**PHÓ CHỦ TỊCH**<br>" in text_


# ------------------------------------------------------------------ names and sentences


@pytest.mark.parametrize(("document", "name"), [
    # The issuing member, found by its name in any case or by its own letterhead.
    ({"issuer": "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"}, "Ủy ban nhân dân tỉnh Đắk Lắk"),
    ({"issuer": "Ủy ban nhân dân tỉnh Gia Lai"}, "Ủy ban nhân dân tỉnh Gia Lai"),
    # Not a member: issuer_name, else the issuer as written.
    ({"issuer": "VĂN PHÒNG UBND TỈNH", "issuer_name": "Văn phòng Ủy ban nhân dân tỉnh"},
     "Văn phòng Ủy ban nhân dân tỉnh"),
    ({"issuer": "SỞ NỘI VỤ"}, "SỞ NỘI VỤ"),
])
def test_issuer_in_running_text(document: dict[str, str], name: str) -> None:
    plan = plan_of(PROVINCE)
    assert plan.document is not None
    changed = plan.model_copy(update={"document": plan.document.model_copy(update=document)})
    assert issuer_name(changed) == name


def test_appendix_names_the_issuer_in_sentence_case() -> None:
    paragraphs = [p.text for p in Document(BytesIO(rendered("province"))).paragraphs]
    assert ("(Kèm theo Kế hoạch số 12/KH-UBND ngày 10 tháng 3 năm 2026 của Ủy ban nhân dân "
            "tỉnh Đắk Lắk)") in paragraphs


def test_responsibilities_make_section_three() -> None:
    paragraphs = [p.text for p in Document(BytesIO(rendered("province"))).paragraphs]
    start = paragraphs.index("3. Trách nhiệm thực hiện")
    assert [p for p in paragraphs[start + 1:] if p][:10] == [
        "a) Khối trưởng (Ủy ban nhân dân tỉnh Đắk Lắk)",
        "- Chủ trì xây dựng, ban hành và tổ chức thực hiện Kế hoạch này.",
        "- Tổng hợp kết quả, chấm điểm và đề nghị khen thưởng cuối năm.",
        "b) Khối phó (Ủy ban nhân dân tỉnh Gia Lai)",
        "- Phối hợp với Khối trưởng tổ chức các hoạt động chung của Khối.",
        "c) Các thành viên Khối",
        "- Xây dựng kế hoạch cụ thể của tỉnh, tham gia đầy đủ các hoạt động của Khối.",
        "d) Chế độ báo cáo",
        "- Báo cáo sơ kết 6 tháng gửi Khối trưởng trước ngày 15/6/2026.",
        "- Báo cáo tổng kết năm gửi Khối trưởng trước ngày 15/11/2026.",
    ]


def test_without_responsibilities_the_standard_sentence_stays() -> None:
    paragraphs = [p.text for p in Document(BytesIO(rendered("example"))).paragraphs]
    start = paragraphs.index("3. Trách nhiệm thực hiện")
    assert paragraphs[start + 1].startswith("Các thành viên Khối căn cứ Kế hoạch này")


@pytest.mark.parametrize(("plan", "opening"), [
    (PROVINCE, "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh "
               "Đắk Lắk về tổ chức phong trào thi đua, khen thưởng năm 2026 của Khối thi đua "
               "các tỉnh Tây Nguyên, Ủy ban nhân dân tỉnh Đắk Lắk (đơn vị Khối trưởng) báo cáo "
               "kết quả như sau:"),
    (EXAMPLE, "Thực hiện Kế hoạch của Liên minh Hợp tác xã Việt Nam về tổ chức phong trào "
              "thi đua, khen thưởng năm 2022 của Khối thi đua các bộ, ngành tổng hợp (kế hoạch "
              "chưa có số, ngày ban hành), Liên minh Hợp tác xã Việt Nam (đơn vị Khối trưởng) "
              "báo cáo kết quả như sau:"),
])
def test_report_opening_cites_the_plan_in_full(plan: Any, opening: str) -> None:
    report = build_report(plan_of(plan), as_of=date(2026, 12, 31), path=str(plan))
    paragraphs = [p.text for p in Document(BytesIO(docx_bytes(report, shipped()))).paragraphs]
    assert opening in paragraphs
    assert opening in markdown_text(report, shipped()).splitlines()
