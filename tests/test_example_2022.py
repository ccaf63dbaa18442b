"""The example plan captures the 2022 article: members, head, theme, bases, activities."""

from __future__ import annotations

from datetime import date

from thidua_cli.lint.engine import LintOptions, lint_file

from .conftest import EXAMPLE


def test_example_plan_content() -> None:
    plan = lint_file(str(EXAMPLE), LintOptions()).plan
    assert plan is not None
    assert plan.year == 2022
    assert plan.theme == (
        "Chủ động, sáng tạo, thích ứng an toàn, thi đua hoàn thành xuất sắc nhiệm vụ")
    names = {m.name for m in plan.bloc.members}
    assert {"Văn phòng Chủ tịch nước", "Văn phòng Chính phủ", "Văn phòng Quốc hội",
            "Bộ Tài chính", "Bộ Nội vụ", "Bộ Kế hoạch và Đầu tư", "Ủy ban Dân tộc",
            "Liên minh Hợp tác xã Việt Nam"} <= names
    assert len(plan.bloc.members) == 9
    assert plan.member_names()[plan.bloc.head] == "Liên minh Hợp tác xã Việt Nam"
    bases = {b.number: b.date for b in plan.basis}
    assert bases == {"34-CT/TW": date(2014, 4, 7), "07/CT-TTg": date(2014, 3, 19)}
    assert any(e.date == date(2022, 4, 26) for e in plan.events)
    assert len(plan.tasks) >= 6
    assert plan.document is not None and plan.document.symbol == "KH-LMHTXVN"


def test_example_plan_starts_with_schema_modeline() -> None:
    first = EXAMPLE.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
