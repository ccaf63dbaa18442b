"""The importer's parts, as tables: citations, ids, name lists, the forms of rendering."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_cli.importer.citation import read_citation, split_bases
from thidua_cli.importer.names import Ids, basis_id, initials, split_names
from thidua_cli.importer.recognize import recognize
from thidua_cli.importer.tables import points
from thidua_cli.importer.word import Para, Table

MEMBERS = ["Bộ Tài chính", "Bộ Nội vụ", "Khối thi đua các bộ, ngành tổng hợp"]


@pytest.mark.parametrize(("text", "kind", "number", "day", "issuer", "title"), [
    ("Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi "
     "đua, khen thưởng", "Chỉ thị", "34-CT/TW", date(2014, 4, 7), "Bộ Chính trị",
     "về tiếp tục đổi mới công tác thi đua, khen thưởng"),
    ("Chỉ thị số 07/CT-TTg ngày 19/3/2014 của Thủ tướng Chính phủ về việc đẩy mạnh phòng, "
     "chống tiêu cực", "Chỉ thị", "07/CT-TTg", date(2014, 3, 19), "Thủ tướng Chính phủ",
     "về việc đẩy mạnh phòng, chống tiêu cực"),
    ("Nghị định số 152/2025/NĐ-CP ngày 26 tháng 6 năm 2025 của Chính phủ quy định chi tiết",
     "Nghị định", "152/2025/NĐ-CP", date(2025, 6, 26), "Chính phủ", "quy định chi tiết"),
    ("Báo cáo số 20/BC-TĐKT ngày 15/3/2023 của Khối thi đua các bộ, ngành tổng hợp tổng kết "
     "năm 2022", "Báo cáo", "20/BC-TĐKT", date(2023, 3, 15),
     "Khối thi đua các bộ, ngành tổng hợp", "tổng kết năm 2022"),
    ("văn bản số 12/2022/QH15 ngày 01/02/2022 của Quốc hội về thí điểm", None, "12/2022/QH15",
     date(2022, 2, 1), "Quốc hội", "về thí điểm"),
    # A law is cited by name and date (the newer rendering): number and issuer from the list.
    ("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Luật", "06/2022/QH15",
     date(2022, 6, 15), "Quốc hội", "Luật Thi đua, khen thưởng"),
    ("Luật Thi đua, khen thưởng", "Luật", "06/2022/QH15", date(2022, 6, 15), "Quốc hội",
     "Luật Thi đua, khen thưởng"),
    # An issuer nobody knows: cut before the word that starts a summary.
    ("Quyết định số 5/QĐ-UBND ngày 2/1/2024 của Ủy ban nhân dân tỉnh X ban hành quy chế",
     "Quyết định", "5/QĐ-UBND", date(2024, 1, 2), "Ủy ban nhân dân tỉnh X",
     "ban hành quy chế"),
])
def test_a_citation_is_read(text: str, kind: str | None, number: str, day: date, issuer: str,
                            title: str) -> None:
    cited = read_citation(text, MEMBERS)
    assert cited is not None
    assert (cited.kind, cited.number, cited.date, cited.issuer, cited.title) == (
        kind, number, day, issuer, title)


def test_a_guessed_split_is_marked_and_a_known_one_is_not() -> None:
    guessed = read_citation("Quyết định số 5/QĐ-UBND ngày 2/1/2024 của Sở X về Y", [])
    known = read_citation("Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về Y", [])
    assert guessed is not None and "issuer" in guessed.notes
    assert known is not None and known.notes == {}


@pytest.mark.parametrize(("text", "pieces"), [
    ("Căn cứ A số 1/KH-X ngày 1/1/2022 của B về C;", ["A số 1/KH-X ngày 1/1/2022 của B về C"]),
    ("Căn cứ A; Căn cứ B; căn cứ C.", ["A", "B", "C"]),
    ("Căn cứ A;\nCăn cứ vào B.", ["A", "B"]),
])
def test_bases_run_together_are_split(text: str, pieces: list[str]) -> None:
    assert split_bases(text) == pieces


@pytest.mark.parametrize(("name", "wanted"), [
    ("Bộ Tài chính", "btc"), ("Bộ Kế hoạch và Đầu tư", "bkhdt"),
    ("Văn phòng Chủ tịch nước", "vpctn"), ("Liên minh Hợp tác xã Việt Nam", "lmhtxvn"),
    ("Ủy ban Dân tộc", "ubdt"), ("Ngân hàng Nhà nước Việt Nam", "nhnnvn"),
    ("Bộ Lao động - Thương binh và Xã hội", "bldtbxh"), ("Đài Tiếng nói Việt Nam", "dtnvn"),
])
def test_member_ids_are_vietnamese_initials(name: str, wanted: str) -> None:
    assert initials(name) == wanted


def test_ids_never_collide() -> None:
    ids = Ids()
    assert [ids.make(initials(n)) for n in ("Bộ Tài chính", "Ban Tổ chức", "Bộ Tư pháp",
                                            "Bộ Công an")] == ["btc", "btc-2", "btp", "bca"]
    assert Ids().make("all") == "all-2"


@pytest.mark.parametrize(("number", "wanted"), [
    ("34-CT/TW", "ct-34-tw"), ("07/CT-TTg", "ct-07-ttg"), ("152/2025/NĐ-CP", "nd-152-2025-cp"),
])
def test_basis_ids_turn_the_number_around(number: str, wanted: str) -> None:
    assert basis_id(number) == wanted


@pytest.mark.parametrize(("text", "known", "names"), [
    ("Bộ Tài chính, Bộ Nội vụ", [], ["Bộ Tài chính", "Bộ Nội vụ"]),
    ("Bộ Kế hoạch và Đầu tư, Bộ Nội vụ", [], ["Bộ Kế hoạch và Đầu tư", "Bộ Nội vụ"]),
    ("Bộ Nội vụ, Bộ Tài chính và Bộ Kế hoạch và Đầu tư", [],
     ["Bộ Nội vụ", "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"]),
    ("Bộ Nội vụ, Bộ Tài chính và Ban Tổ chức", [], ["Bộ Nội vụ", "Bộ Tài chính", "Ban Tổ chức"]),
    ("Trường A, B, Bộ Nội vụ", ["Trường A, B"], ["Trường A, B", "Bộ Nội vụ"]),
])
def test_name_lists_split_at_known_names_first(text: str, known: list[str],
                                               names: list[str]) -> None:
    assert split_names(text, known) == names


@pytest.mark.parametrize(("text", "value"), [
    ("10", 10), ("2,5", 2.5), ("1.000", 1000), ("0,25", 0.25), ("mười", None),
])
def test_points_in_vietnamese_number_forms(text: str, value: float | None) -> None:
    assert points(text) == value


def p(text: str, **kw: object) -> Para:
    return Para(text=text, **kw)  # type: ignore[arg-type]


def test_the_newer_rendering_forms_are_read() -> None:
    """No-break spaces before spaced hyphens, a law cited by name, a two-line authority."""
    nb = "\u00a0"
    blocks = [
        Table([[[p("BỘ TÀI CHÍNH"), p(f"VỤ THI ĐUA{nb}- KHEN THƯỞNG", bold=True)],
                [p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True),
                 p(f"Độc lập{nb}- Tự do{nb}- Hạnh phúc", bold=True)]],
               [[p("Số: 05/KH-TĐKT")], [p("Hà Nội, ngày 15 tháng 3 năm 2023")]]]),
        p("KẾ HOẠCH", bold=True, center=True),
        p("Tổ chức phong trào thi đua năm 2023", bold=True, center=True),
        p(""),
        p("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022.", italic=True),
        p("Khối thi đua thử nghiệm ban hành Kế hoạch tổ chức phong trào thi đua, khen thưởng "
          "năm 2023 như sau:"),
        p("I. MỤC ĐÍCH, YÊU CẦU", bold=True), p("- Hoàn thành nhiệm vụ."),
        p("II. NỘI DUNG", bold=True), p("1. Chủ đề thi đua", bold=True), p("“Đoàn kết”"),
        p("2. Nhiệm vụ trọng tâm", bold=True), p("a) Thi đua"),
        p(f"Đơn vị chủ trì: Bộ Tài chính. Đơn vị phối hợp: Hội đồng Thi đua{nb}- Khen thưởng."),
        p("III. TỔ CHỨC THỰC HIỆN", bold=True), p("1. Thành viên của Khối", bold=True),
        p("Khối thi đua thử nghiệm năm 2023 gồm 2 thành viên: Bộ Tài chính, Hội đồng Thi đua"
          f"{nb}- Khen thưởng. Khối trưởng: Bộ Tài chính."),
        Table([[[p("Nơi nhận:"), p("- Bộ Tài chính;"), p("- Lưu: VT.")],
                [p("TM. BAN CÁN SỰ ĐẢNG"), p("KT. VỤ TRƯỞNG"), p("PHÓ VỤ TRƯỞNG"), p(""),
                 p("Nguyễn Văn An")]]]),
    ]
    draft = recognize(blocks)
    data = draft.data
    assert data["document"]["issuer"] == "VỤ THI ĐUA - KHEN THƯỞNG"
    assert data["document"]["signer"]["position"] == "PHÓ VỤ TRƯỞNG"
    authority = data["document"]["signer"]["authority"]
    assert authority in ("TM. BAN CÁN SỰ ĐẢNG\nKT. VỤ TRƯỞNG",
                         ["TM. BAN CÁN SỰ ĐẢNG", "KT. VỤ TRƯỞNG"])
    law = data["basis"][0]
    assert (law["number"], law["date"], law["issuer"], law["title"]) == (
        "06/2022/QH15", "2022-06-15", "Quốc hội", "Luật Thi đua, khen thưởng")
    assert [m["name"] for m in data["bloc"]["members"]] == [
        "Bộ Tài chính", "Hội đồng Thi đua - Khen thưởng"]
    assert data["tasks"][0]["support"] == ["hdtdkt"]
    assert data["document"]["recipients"] == ["Bộ Tài chính", "Lưu: VT"]


def test_a_plan_written_as_running_text_gives_its_head_theme_and_issuer() -> None:
    """The issuer over two regular lines, named whole by the symbol; the head, the bloc
    and the theme inside a long "Căn cứ ..." sentence (as the 2022 article tells it)."""
    blocks = [
        Table([[[p("LIÊN MINH HỢP TÁC XÃ\nVIỆT NAM"), p("Số: 15/KH-LMHTXVN")],
                [p("Hà Nội, ngày 26 tháng 4 năm 2022")]]]),
        p("KẾ HOẠCH", bold=True), p("Tổ chức phong trào thi đua năm 2022", bold=True), p(""),
        p("Căn cứ Báo cáo tổng kết năm 2021; sau khi thống nhất với các thành viên, Liên minh "
          "Hợp tác xã Việt Nam – Khối trưởng Khối thi đua các bộ, ngành tổng hợp ban hành Kế "
          "hoạch năm 2022, với chủ đề: “Chủ động, sáng tạo”."),
        p("I. MỤC ĐÍCH, YÊU CẦU", bold=True), p("Phối hợp."),
        p("II. NỘI DUNG", bold=True), p("1. Đẩy mạnh công tác tuyên truyền."),
    ]
    draft = recognize(blocks)
    assert draft.data["document"]["issuer"] == "LIÊN MINH HỢP TÁC XÃ VIỆT NAM"
    assert "parent" not in draft.data["document"]
    assert draft.data["theme"] == "Chủ động, sáng tạo"
    assert draft.data["bloc"]["name"] == "Khối thi đua các bộ, ngành tổng hợp"
    assert draft.data["bloc"]["head"] == "lmhtxvn"
    assert draft.data["tasks"][0]["title"] == "Đẩy mạnh công tác tuyên truyền."
    assert any("Báo cáo tổng kết năm 2021" in text for text in draft.unplaced)  # never dropped
