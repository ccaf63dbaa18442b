"""Helpers for the render tests: render a plan file, compare with golden files,
generate a big plan."""

from __future__ import annotations

import os
from pathlib import Path

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.render.context import build_context
from thidua_cli.render.docx import render_docx
from thidua_cli.render.markdown import render_markdown
from thidua_cli.render.templates import TemplateSearch

from .conftest import ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
SPECIAL = GOLDEN / "special-characters.yaml"
# Set THIDUA_UPDATE_GOLDEN=1 to rewrite the golden files from the current output
# (then read the diff before committing it).
UPDATE = os.environ.get("THIDUA_UPDATE_GOLDEN") == "1"


def context_of(path: Path | str) -> dict[str, object]:
    result = lint_file(str(path), LintOptions())
    assert result.plan is not None, result.findings
    return build_context(result.plan)


def shipped() -> TemplateSearch:
    """Only the shipped templates (not a ./templates of the directory tests run in)."""
    return TemplateSearch.create(cwd=ROOT / "tests")


def markdown_of(path: Path | str) -> str:
    return render_markdown(context_of(path), shipped())


def docx_of(path: Path | str) -> bytes:
    return render_docx(context_of(path), shipped())


def assert_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(text, "utf-8")
    assert golden.is_file(), f"{golden} is missing: run with THIDUA_UPDATE_GOLDEN=1"
    assert text == golden.read_text("utf-8"), (
        f"output differs from {golden.name}; if the change is intended, "
        "regenerate with THIDUA_UPDATE_GOLDEN=1 pytest and review the diff")


def big_plan(tasks: int = 2000, events: int = 100) -> str:
    """A valid plan with ``tasks`` tasks (details, support, due dates) and ``events``
    activities, for speed measurements and scale tests."""
    members = [(f"m{i:02d}", f"Bộ Thành viên số {i}") for i in range(1, 21)]
    lines = [
        "version: 1", "year: 2024",
        "title: Tổ chức phong trào thi đua, khen thưởng năm 2024 của Khối thi đua lớn",
        "theme: Đoàn kết, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ",
        "document:", "  issuer: BỘ THÀNH VIÊN SỐ 1", "  number: 7", "  symbol: KH-BTV1",
        "  place: Hà Nội", "  date: 2024-03-15",
        "  signer: {authority: KT. BỘ TRƯỞNG, position: THỨ TRƯỞNG, name: Nguyễn Văn An}",
        "  recipients:", *[f"    - {name}" for _, name in members], '    - "Lưu: VT, TĐKT"',
        "bloc:", "  name: Khối thi đua lớn", "  head: m01", "  deputies: [m02]", "  members:",
        *[f"    - {{id: {mid}, name: {name}}}" for mid, name in members],
        "objectives:", "  - {id: o1, text: Hoàn thành xuất sắc nhiệm vụ năm 2024.}",
        "tasks:",
    ]
    for i in range(1, tasks + 1):
        lead = members[i % len(members)][0]
        support = members[(i + 1) % len(members)][0]
        lines += [
            f"  - id: t{i}",
            f"    title: Nhiệm vụ số {i} về thi đua, khen thưởng và cải cách hành chính",
            "    details:",
            f"      - Triển khai nội dung thứ nhất của nhiệm vụ {i} tại các đơn vị.",
            f"      - Báo cáo kết quả thực hiện nhiệm vụ {i} về Khối trưởng.",
            "    objectives: [o1]", f"    lead: {lead}", f"    support: [{support}]",
            f"    due: 2024-{(i % 9) + 4:02d}-{(i % 28) + 1:02d}",
        ]
    if events:
        lines.append("events:")
    for i in range(1, events + 1):
        when = (f"date: 2024-{(i % 9) + 4:02d}-15" if i % 2 else
                f"month: 2024-{(i % 9) + 4:02d}")
        lines.append(f"  - {{id: e{i}, title: Hoạt động chung số {i}, {when}, "
                     f"host: {members[i % len(members)][0]}}}")
    return "\n".join(lines) + "\n"
