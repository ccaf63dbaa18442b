"""The kinds of document as files: golden Markdown, each kind's layout read back
from the DOCX (the elements Nghị định 30 draws for it), hostile text, OOXML
validity (openxml-audit), PDF through LibreOffice, deterministic bytes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua_cli.render.markdown import escape

from .documents import docx_text
from .documents_kinds import HOSTILE, KINDS, docx, markdown
from .helpers import run
from .rendering import assert_golden

BLANK = " " * 6


@cache
def opened(kind: str) -> Any:
    return Document(BytesIO(docx(kind)))


def plain(text: str) -> str:
    """``text`` with the no-break spaces the layout step puts before spaced
    hyphens (``Độc lập - Tự do``) read as spaces: those are tested with the
    plan's layout (tests/test_render_layout.py), these tests read the words."""
    return text.replace("\xa0", " ")


def body(kind: str) -> list[str]:
    return [plain(p.text) for p in opened(kind).paragraphs]


def cell_lines(kind: str, row: int, column: int, table: int = 0) -> list[str]:
    return [plain(p.text) for p in opened(kind).tables[table].cell(row, column).paragraphs]


def table_rows(kind: str, table: int) -> list[list[str]]:
    return [[plain(c.text) for c in r.cells] for r in opened(kind).tables[table].rows]


# ---------------------------------------------------------------- Markdown


@pytest.mark.parametrize("kind", [*KINDS, "tong-ket"])
def test_markdown_golden(kind: str) -> None:
    assert_golden(f"documents/{kind}.md", markdown(kind))


# ---------------------------------------------------------------- the letterhead

# (kind, the issuer, the number line, the place and date line)
LETTERHEADS = [
    ("giao-uoc", "KHỐI THI ĐUA CÁC BỘ, NGÀNH TỔNG HỢP", None,
     f"Hà Nội, ngày{BLANK}tháng{BLANK}năm 2022"),
    ("so-ket", "LIÊN MINH HỢP TÁC XÃ VIỆT NAM", f"Số:{BLANK}/BC-LMHTXVN",
     f"Hà Nội, ngày{BLANK}tháng{BLANK}năm 2022"),
    ("don-doc", "LIÊN MINH HỢP TÁC XÃ VIỆT NAM", f"Số:{BLANK}/LMHTXVN",
     f"Hà Nội, ngày{BLANK}tháng{BLANK}năm 2022"),
    ("phieu-bau", "KHỐI THI ĐUA CÁC BỘ, NGÀNH TỔNG HỢP", None,
     f"Hà Nội, ngày{BLANK}tháng{BLANK}năm 2022"),
    ("bien-ban", "LIÊN MINH HỢP TÁC XÃ VIỆT NAM", f"Số:{BLANK}/BB-LMHTXVN",
     "Hà Nội, ngày 15 tháng 12 năm 2022"),
    ("to-trinh", "LIÊN MINH HỢP TÁC XÃ VIỆT NAM", f"Số:{BLANK}/TTr-LMHTXVN",
     f"Hà Nội, ngày{BLANK}tháng{BLANK}năm 2022"),
]


@pytest.mark.parametrize(("kind", "issuer", "number", "dated"), LETTERHEADS)
def test_letterhead(kind: str, issuer: str, number: str | None, dated: str) -> None:
    assert issuer in cell_lines(kind, 0, 0)
    assert cell_lines(kind, 0, 1)[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                          "Độc lập - Tự do - Hạnh phúc"]
    left = [line for line in cell_lines(kind, 1, 0) if line]
    if number is None:
        assert not any(line.startswith("Số:") for line in left)
    else:
        assert left[0] == number
    assert cell_lines(kind, 1, 1)[0] == dated
    assert opened(kind).tables[0].cell(1, 1).paragraphs[0].runs[0].italic


# (kind, its type name, its summary line): Mẫu 1.4, both bold and centred.
HEADINGS = [
    ("giao-uoc", "GIAO ƯỚC THI ĐUA", "Năm 2022"),
    ("so-ket", "BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022 công tác thi đua, khen thưởng và "
     "phương hướng, nhiệm vụ 6 tháng cuối năm 2022 của Khối thi đua các bộ, ngành tổng hợp"),
    ("phieu-bau", "PHIẾU BẦU", "Suy tôn, đề nghị khen thưởng năm 2022 của Khối thi đua các "
     "bộ, ngành tổng hợp"),
    ("bien-ban", "BIÊN BẢN", "Họp bình xét, suy tôn thi đua, khen thưởng năm 2022 của Khối "
     "thi đua các bộ, ngành tổng hợp"),
    ("to-trinh", "TỜ TRÌNH", "Đề nghị khen thưởng năm 2022 cho các thành viên Khối thi đua "
     "các bộ, ngành tổng hợp"),
]


@pytest.mark.parametrize(("kind", "type_name", "summary"), HEADINGS)
def test_type_name_and_summary(kind: str, type_name: str, summary: str) -> None:
    paragraphs = opened(kind).paragraphs
    at = [plain(p.text) for p in paragraphs].index(type_name)
    for p in paragraphs[at:at + 2]:
        assert p.style.font.bold
        assert (p.alignment or p.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER
    assert plain(paragraphs[at + 1].text) == summary


# ---------------------------------------------------------------- the letter


def test_letter_has_no_type_name_and_its_summary_under_the_number() -> None:
    assert cell_lines("don-doc", 1, 0)[:2] == [
        f"Số:{BLANK}/LMHTXVN", "V/v đôn đốc thực hiện nhiệm vụ thi đua năm 2022"]
    texts = body("don-doc")
    assert not any(t in ("CÔNG VĂN", "BÁO CÁO", "KẾ HOẠCH") for t in texts)
    kinh = texts.index("Kính gửi:")
    assert texts[kinh + 1:kinh + 3] == ["- Văn phòng Quốc hội;", "- Bộ Nội vụ."]
    assert texts[kinh + 3].startswith("Thực hiện Kế hoạch")


def test_letter_lists_each_overdue_task() -> None:
    rows = table_rows("don-doc", 1)
    assert rows[0] == ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"]
    assert [r[2:] for r in rows[1:]] == [["Bộ Nội vụ", "30/11/2022", "Đang thực hiện"],
                                         ["Văn phòng Quốc hội", "31/10/2022", "Chưa thực hiện"]]


def test_letter_recipients_start_with_nhu_tren() -> None:
    lines = [t for t in docx_text(docx("don-doc")).split("\n") if t.startswith("- ")]
    assert lines[-2:] == ["- Như trên;", "- Lưu: VT, TĐKT."]


def test_one_addressee_on_the_kinh_gui_line() -> None:
    texts = body("to-trinh")
    assert "Kính gửi: Hội đồng Thi đua - Khen thưởng Trung ương." in texts


# ---------------------------------------------------------------- each kind's body


def test_agreement_signature_table_has_every_representative() -> None:
    rows = opened("giao-uoc").tables[1].rows
    assert len(rows) == 5  # nine members, two to a row
    first = [plain(p.text) for p in rows[0].cells[0].paragraphs if plain(p.text)]
    assert first == ["VĂN PHÒNG CHỦ TỊCH NƯỚC", "PHÓ CHỦ NHIỆM", "Nguyễn Văn An"]
    assert [plain(p.text) for p in rows[4].cells[1].paragraphs if plain(p.text)] == []
    assert "1. Đẩy mạnh công tác tuyên truyền nâng cao nhận thức về phong trào thi đua " \
           "yêu nước" in body("giao-uoc")


def test_midyear_review_sections() -> None:
    texts = body("so-ket")
    for heading in ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "II. HOẠT ĐỘNG CHUNG CỦA KHỐI",
                    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022"):
        assert heading in texts
    assert any("(tính đến ngày 30 tháng 6 năm 2022)" in t for t in texts)


def test_ballots_one_page_per_voter() -> None:
    doc = opened("phieu-bau")
    xml = doc.element.body.xml
    assert xml.count('w:type="page"') == 8  # nine pages
    texts = body("phieu-bau")
    assert [t[:13] for t in texts if t.startswith("Phiếu số")] == [
        f"Phiếu số {i}/9." for i in range(1, 10)]
    assert table_rows("phieu-bau", 1) == [["STT", "Đơn vị", "Đồng ý", "Không đồng ý"],
                                          ["1", "Bộ Nội vụ", "", ""],
                                          ["2", "Liên minh Hợp tác xã Việt Nam", "", ""]]


def test_minutes_attendance_tally_threshold_result_and_signatures() -> None:
    texts = body("bien-ban")
    assert "- Chủ trì: Lê Văn Nghị, Phó Chủ tịch Liên minh Hợp tác xã Việt Nam." in texts
    assert "- Vắng mặt 1 thành viên, có ý kiến bằng văn bản được tính vào kết quả bỏ " \
           "phiếu: Ủy ban Dân tộc." in texts
    assert ("Tỷ lệ phiếu đồng ý cần đạt: từ 80% tổng số thành viên Khối trở lên (Nghị định "
            "98/2023/NĐ-CP, Điều 30 khoản 7; Luật Thi đua, khen thưởng 2022, Điều 26).") in texts
    assert table_rows("bien-ban", 2)[1:] == [
        ["1", "Bộ Nội vụ", "9/9", "100%", "0/9", "0%", "Đạt"],
        ["2", "Liên minh Hợp tác xã Việt Nam", "6/9", "66,66%", "3/9", "33,33%", "Không đạt"]]
    assert "- Cờ thi đua của Chính phủ: Bộ Nội vụ." in texts
    signatures = [[plain(p.text) for p in c.paragraphs if plain(p.text)]
                  for c in opened("bien-ban").tables[-1].rows[0].cells]
    assert signatures == [["THƯ KÝ", "Nguyễn Thị Lan"], ["CHỦ TỌA", "Lê Văn Nghị"]]


def test_proposal_lists_nominees_with_total_rank_votes_and_files() -> None:
    assert table_rows("to-trinh", 1) == [
        ["STT", "Đơn vị", "Tổng điểm", "Xếp hạng", "Phiếu đồng ý"],
        ["1", "Bộ Nội vụ", "98", "1", "9/9 (100%)"]]
    texts = body("to-trinh")
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in texts
    assert "3. Báo cáo thành tích của Bộ Nội vụ." in texts
    assert texts[texts.index("Hồ sơ kèm theo:") + 1].startswith("1. Biên bản họp bình xét")


@pytest.mark.parametrize("kind", KINDS)
def test_page_and_title_property(kind: str) -> None:
    doc = opened(kind)
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm, 1), round(section.right_margin.cm, 1)) == (3.0, 1.5)
    from thidua_cli.documents.registry import get

    assert doc.core_properties.title == f"{get(kind).name} năm 2022"
    assert "{{" not in docx_text(docx(kind)) and "{%" not in docx_text(docx(kind))


@pytest.mark.parametrize("kind", KINDS)
def test_same_plan_same_bytes(kind: str) -> None:
    assert docx(kind) == docx(kind)


# ---------------------------------------------------------------- hostile text

# What each kind prints of the hostile plan: every text must come out as written.
HOSTILE_TEXTS = {
    "giao-uoc": ["Giao ước <một> & {{ 1+1 }}", "# không phải tiêu đề | [liên kết](x)",
                 "Nguyễn *Văn* An", "THỨ TRƯỞNG & <PHÓ>", "{{ CHUC_VU }}",
                 "BỘ TÀI CHÍNH <BTC>", "Trần | Thị Bình"],
    "so-ket": ["Nhiệm vụ | có gạch đứng * và sao {{ 7*7 }}", "Hội nghị <giao ước> & ký kết",
               "Khối thi đua & kiểm tra"],
    "don-doc": ["Nhiệm vụ | có gạch đứng * và sao {{ 7*7 }}", "Bộ Tài chính <BTC>",
                "Nhiệm vụ thứ hai: {% raw %}{{ x }}{% endraw %}"],
    "phieu-bau": ["Bằng khen <của> Thủ tướng & \"Chính phủ\"", "Bộ Tài chính <BTC>",
                  "Bộ Nội vụ & Cải cách"],
    "bien-ban": ["Phòng họp <số 1> & {{ phong }}", "Lê *Văn* Nghị", "Nguyễn Thị <Lan>",
                 "Chánh {% raw %}Văn phòng", "Vụ trưởng | Chủ tịch", "Bộ Tài chính <BTC>",
                 "Bằng khen <của> Thủ tướng & \"Chính phủ\""],
    "to-trinh": ["Bằng khen <của> Thủ tướng & \"Chính phủ\"", "Bộ Tài chính <BTC>",
                 "Báo cáo thành tích của Bộ Nội vụ & Cải cách",
                 "Trần Thị <Bình> & Cộng sự"],
}
HOSTILE_AS_OF = date(2025, 6, 1)


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_appears_as_written_in_the_docx(kind: str) -> None:
    text = docx_text(docx(kind, HOSTILE, HOSTILE_AS_OF if kind == "don-doc" else None))
    for expected in HOSTILE_TEXTS[kind]:
        assert expected in text, expected


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_is_escaped_in_the_markdown(kind: str) -> None:
    text = markdown(kind, HOSTILE, HOSTILE_AS_OF if kind == "don-doc" else None)
    for expected in HOSTILE_TEXTS[kind]:
        assert escape(expected) in text, escape(expected)


# ---------------------------------------------------------------- consumers

AUDIT = shutil.which("openxml-audit")


@pytest.mark.skipif(AUDIT is None, reason="needs openxml-audit (the test extra)")
def test_openxml_audit_strict_passes_every_kind(tmp_path: Path) -> None:
    """Each kind rendered from the example and from the hostile plan, and each shipped
    template, validated in one run of the validator (it names the file at fault)."""
    from .conftest import ROOT

    for kind in KINDS:
        (tmp_path / f"{kind}.docx").write_bytes(docx(kind))
        as_of = HOSTILE_AS_OF if kind == "don-doc" else None
        (tmp_path / f"hostile-{kind}.docx").write_bytes(docx(kind, HOSTILE, as_of))
        shutil.copyfile(ROOT / "templates" / f"{kind}.docx", tmp_path / f"template-{kind}.docx")
    done = subprocess.run([str(AUDIT), "--policy", "strict", "--recursive", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(list(tmp_path.glob("*.docx"))) == 3 * len(KINDS)


HAS_OFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
HAS_PDFTOTEXT = bool(shutil.which("pdftotext"))

# (kind, options, words the PDF must show)
PDFS = [
    ("giao-uoc", (), ["GIAO ƯỚC THI ĐUA", "ĐẠI DIỆN CÁC THÀNH VIÊN KHỐI"]),
    ("so-ket", (), ["BÁO CÁO", "Sơ kết 6 tháng đầu năm 2022"]),
    ("don-doc", ("--as-of", "2022-12-01"), ["V/v đôn đốc thực hiện nhiệm vụ", "Kính gửi:"]),
    ("phieu-bau", (), ["PHIẾU BẦU", "Phiếu số 9/9"]),
    ("bien-ban", (), ["BIÊN BẢN", "Không đạt"]),
    ("to-trinh", (), ["TỜ TRÌNH", "Hồ sơ kèm theo"]),
]


@pytest.mark.skipif(not (HAS_OFFICE and HAS_PDFTOTEXT),
                    reason="needs LibreOffice (soffice) and pdftotext (poppler-utils)")
@pytest.mark.parametrize(("kind", "options", "words"), PDFS)
def test_pdf_through_libreoffice(kind: str, options: tuple[str, ...], words: list[str],
                                 tmp_path: Path) -> None:
    from .documents_kinds import VOTES

    pdf = tmp_path / f"{kind}.pdf"
    r = run("render", str(VOTES), "--doc", kind, *options, "-o", str(pdf))
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{pdf}\n"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for word in words:
        assert word in flat, word
