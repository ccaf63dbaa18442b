"""Legal bases as the plan cites them (Nghị định 30/2020/NĐ-CP, Phụ lục I): basis in,
sentence out, for every kind."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thidua_cli.kinds import abbreviations
from thidua_cli.model import BASIS_KINDS, LAW_KINDS, Basis
from thidua_cli.render import citation
from thidua_cli.render.environment import FILTERS

LAW = {"number": "06/2022/QH15", "date": date(2022, 6, 15), "issuer": "Quốc hội"}


def sentence(**basis: Any) -> str:
    """"Căn cứ ...;" as the templates write it, through the render context."""
    from thidua_cli.render.context import _basis

    item = _basis("b", basis["number"], basis.get("date"), basis["issuer"], basis["title"],
                  basis.get("kind"))
    assert item["citation"] == FILTERS["cite"](item)
    return f"Căn cứ {item['citation']};"


CASES: list[tuple[dict[str, Any], str]] = [
    # Laws and ordinances: type and name, with the date of adoption.
    ({**LAW, "title": "Luật Thi đua, khen thưởng"},
     "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    ({**LAW, "title": "Luật Thi đua, khen thưởng", "date": None},
     "Căn cứ Luật Thi đua, khen thưởng;"),
    ({**LAW, "title": "Thi đua, khen thưởng", "kind": "Luật"},
     "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    ({"number": "45/2019/QH14", "date": date(2019, 11, 20), "issuer": "Quốc hội",
      "title": "Bộ luật Lao động"},
     "Căn cứ Bộ luật Lao động ngày 20 tháng 11 năm 2019;"),
    ({"number": "02/2022/UBTVQH15", "date": date(2022, 8, 15),
      "issuer": "Ủy ban Thường vụ Quốc hội", "title": "Pháp lệnh Chi phí tố tụng"},
     "Căn cứ Pháp lệnh Chi phí tố tụng ngày 15 tháng 8 năm 2022;"),
    ({"number": "HP2013", "date": date(2013, 11, 28), "issuer": "Quốc hội",
      "title": "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "kind": "Hiến pháp"},
     "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam ngày 28 tháng 11 năm 2013;"),
    # A National Assembly resolution: its number does not say, its kind does.
    ({"number": "176/2025/QH15", "date": date(2025, 2, 18), "issuer": "Quốc hội",
      "title": "về cơ cấu tổ chức của Chính phủ nhiệm kỳ khóa XV", "kind": "Nghị quyết"},
     "Căn cứ Nghị quyết số 176/2025/QH15 ngày 18/02/2025 của Quốc hội về cơ cấu tổ chức "
     "của Chính phủ nhiệm kỳ khóa XV;"),
    # Types from the symbol.
    ({"number": "152/2025/NĐ-CP", "date": date(2025, 6, 24), "issuer": "Chính phủ",
      "title": "quy định chi tiết một số điều của Luật Thi đua, khen thưởng"},
     "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 24/6/2025 của Chính phủ quy định chi tiết "
     "một số điều của Luật Thi đua, khen thưởng;"),
    ({"number": "15/2025/TT-BNV", "date": date(2025, 7, 1), "issuer": "Bộ Nội vụ",
      "title": "Hướng dẫn thi hành Nghị định số 152/2025/NĐ-CP"},
     "Căn cứ Thông tư số 15/2025/TT-BNV ngày 01/7/2025 của Bộ Nội vụ hướng dẫn thi hành "
     "Nghị định số 152/2025/NĐ-CP;"),
    ({"number": "1526/QĐ-TTg", "date": date(2023, 12, 6), "issuer": "Thủ tướng Chính phủ",
      "title": "Phê duyệt Đề án tổ chức phong trào thi đua"},
     "Căn cứ Quyết định số 1526/QĐ-TTg ngày 06/12/2023 của Thủ tướng Chính phủ phê duyệt "
     "Đề án tổ chức phong trào thi đua;"),
    ({"number": "07/CT-TTg", "date": date(2014, 3, 19), "issuer": "Thủ tướng Chính phủ",
      "title": "về việc đẩy mạnh phòng, chống tiêu cực"},
     "Căn cứ Chỉ thị số 07/CT-TTg ngày 19/3/2014 của Thủ tướng Chính phủ về việc đẩy mạnh "
     "phòng, chống tiêu cực;"),
    ({"number": "34-CT/TW", "date": date(2014, 4, 7), "issuer": "Bộ Chính trị",
      "title": "Tiếp tục đổi mới công tác thi đua, khen thưởng"},
     "Căn cứ Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới "
     "công tác thi đua, khen thưởng;"),
    ({"number": "01/NQ-CP", "date": date(2026, 1, 8), "issuer": "Chính phủ",
      "title": "về nhiệm vụ, giải pháp chủ yếu năm 2026"},
     "Căn cứ Nghị quyết số 01/NQ-CP ngày 08/01/2026 của Chính phủ về nhiệm vụ, giải pháp "
     "chủ yếu năm 2026;"),
    ({"number": "57-NQ/TW", "date": date(2024, 12, 22), "issuer": "Bộ Chính trị",
      "title": "về đột phá phát triển khoa học, công nghệ"},
     "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
     "triển khoa học, công nghệ;"),
    ({"number": "122-KL/TW", "date": date(2025, 1, 24), "issuer": "Bộ Chính trị",
      "title": "Công tác thi đua, khen thưởng trong tình hình mới"},
     "Căn cứ Kết luận số 122-KL/TW ngày 24/01/2025 của Bộ Chính trị về công tác thi đua, "
     "khen thưởng trong tình hình mới;"),
    ({"number": "1013/HD-TĐKT", "date": date(2025, 3, 3),
      "issuer": "Ban Thi đua - Khen thưởng Trung ương",
      "title": "hướng dẫn công tác thi đua, khen thưởng năm 2025"},
     "Căn cứ Hướng dẫn số 1013/HD-TĐKT ngày 03/3/2025 của Ban Thi đua - Khen thưởng Trung "
     "ương hướng dẫn công tác thi đua, khen thưởng năm 2025;"),
    ({"number": "05/KH-UBND", "date": date(2026, 1, 15), "issuer": "Ủy ban nhân dân tỉnh",
      "title": "Tổ chức phong trào thi đua năm 2026"},
     "Căn cứ Kế hoạch số 05/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh về tổ chức "
     "phong trào thi đua năm 2026;"),
    ({"number": "12/QC-UBND", "date": date(2025, 5, 2), "issuer": "Ủy ban nhân dân tỉnh",
      "title": "Quy chế thi đua, khen thưởng của tỉnh"},
     "Căn cứ Quy chế số 12/QC-UBND ngày 02/5/2025 của Ủy ban nhân dân tỉnh về Quy chế "
     "thi đua, khen thưởng của tỉnh;"),
    # Without a date, and with nothing known of the type.
    ({"number": "34-CT/TW", "issuer": "Bộ Chính trị", "title": "về công tác thi đua"},
     "Căn cứ Chỉ thị số 34-CT/TW của Bộ Chính trị về công tác thi đua;"),
    ({"number": "12/2022/QH15", "date": date(2022, 11, 14), "issuer": "Quốc hội",
      "title": "về thí điểm"},
     "Căn cứ văn bản số 12/2022/QH15 ngày 14/11/2022 của Quốc hội về thí điểm;"),
]


@pytest.mark.parametrize(("basis", "expected"), CASES, ids=[c[1][7:40] for c in CASES])
def test_basis_sentence(basis: dict[str, Any], expected: str) -> None:
    assert sentence(**basis) == expected


@pytest.mark.parametrize("kind", BASIS_KINDS)
def test_every_kind_has_a_sentence(kind: str) -> None:
    text = sentence(number="01/XX-YY", date=date(2024, 1, 2), issuer="Cơ quan A",
                    title="về việc B", kind=kind)
    if kind in LAW_KINDS:
        assert text == f"Căn cứ {kind} về việc B ngày 02 tháng 01 năm 2024;"
    else:
        assert text == f"Căn cứ {kind} số 01/XX-YY ngày 02/01/2024 của Cơ quan A về việc B;"


def test_the_symbol_table_names_only_known_kinds() -> None:
    assert set(abbreviations().values()) <= set(BASIS_KINDS)


def test_kind_is_a_closed_list_in_the_schema() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Basis.model_validate({"id": "b", "number": "1/QH15", "issuer": "Quốc hội",
                              "title": "x", "kind": "Luật lệ"})
    from thidua_cli.schema import plan_schema

    schema = plan_schema()
    kinds = schema["$defs"]["Basis"]["properties"]["kind"]["anyOf"][0]["enum"]
    assert kinds == list(BASIS_KINDS)


@pytest.mark.parametrize(("title", "joined"), [
    ("về công tác thi đua", " về công tác thi đua"),
    ("quy định chi tiết", " quy định chi tiết"),
    ("Quy định chi tiết", " quy định chi tiết"),
    ("Về công tác thi đua", " về công tác thi đua"),
    ("Công tác thi đua", " về công tác thi đua"),
    ("UBND tỉnh và công tác thi đua", " về UBND tỉnh và công tác thi đua"),
])
def test_title_joined_to_the_issuer(title: str, joined: str) -> None:
    assert citation.joined(title) == joined
