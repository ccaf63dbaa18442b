"""A year-end report at scale: 2,000 tasks and 60 scored members, laid out in full.

``scored_plan`` is also what the speed figure in the README was measured on
(``thidua report -o report.docx`` of its output); no time is asserted here.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes

from .rendering import shipped

STATUSES = ("planned", "in_progress", "done", "cancelled")


def scored_plan(tasks: int = 2000, members: int = 60, criteria: int = 5) -> str:
    """A valid plan with ``tasks`` tasks in every status, ``members`` members all
    scored on ``criteria`` criteria (with ties), nominations and a review."""
    ids = [f"m{i:02d}" for i in range(members)]
    lines = [
        "version: 1", "year: 2022",
        "title: Tổ chức phong trào thi đua, khen thưởng năm 2022 của Khối thi đua lớn",
        "theme: Thi đua hoàn thành xuất sắc nhiệm vụ",
        "document:", "  issuer: BỘ THÀNH VIÊN SỐ 0", "  symbol: KH-BTV0", "  place: Hà Nội",
        "  signer: {authority: KT. BỘ TRƯỞNG, position: THỨ TRƯỞNG, name: Nguyễn Văn An}",
        '  recipients: [Các thành viên Khối, "Lưu: VT, TĐKT"]',
        "bloc:", "  name: Khối thi đua lớn", "  head: m00", "  deputies: [m01]", "  members:",
        *[f"    - {{id: {m}, name: Bộ Thành viên số {i}}}" for i, m in enumerate(ids)],
        "objectives:", "  - {id: o1, text: Hoàn thành xuất sắc nhiệm vụ năm 2022.}",
        "tasks:",
    ]
    for i in range(tasks):
        status = STATUSES[i % 4]
        lines += [f"  - id: t{i}",
                  f"    title: Nhiệm vụ số {i} về thi đua, khen thưởng và cải cách hành chính",
                  "    objectives: [o1]", f"    lead: {ids[i % members]}",
                  f"    due: {(i % 28) + 1}/{(i % 12) + 1}/2022", f"    status: {status}"]
        if status == "done":
            lines.append("    result: Đã hoàn thành đúng tiến độ.")
    lines += ["events:", *[f"  - {{id: e{i}, title: Hoạt động chung số {i}, "
                           f"month: {i % 12 + 1}/2022, host: {ids[i % members]}, "
                           f"status: {STATUSES[i % 4]}}}" for i in range(40)]]
    lines += ["criteria:", *[f"  - {{id: c{c}, title: Tiêu chí số {c}, max_points: 20}}"
                             for c in range(criteria)]]
    lines += ["scores:", *[f"  {m}: {{" + ", ".join(f"c{c}: {10 + (i * 7 + c) % 11}"
                                                     for c in range(criteria)) + "}"
                           for i, m in enumerate(ids)]]
    lines += ["awards:", "  - {title: Cờ thi đua của Chính phủ, members: [m00, m01]}",
              "review:", "  number: 15", "  date: 2022-12-20", "  achievements: [Hoàn thành.]",
              "  next_year: [Tiếp tục.]"]
    return "\n".join(lines) + "\n"


def test_a_big_report_is_complete() -> None:
    result = lint_text(scored_plan(), "big.yaml", LintOptions(today=date(2022, 1, 1)))
    assert result.plan is not None
    assert [f for f in result.findings if f.severity == "error"] == []
    report = build_report(result.plan, as_of=date(2022, 12, 31))
    assert [c.count for c in report.by_status] == [500, 500, 500, 500]
    assert len(report.overdue) == 1000          # the planned and in-progress ones
    doc = Document(BytesIO(docx_bytes(report, shipped())))
    tables = {len(t.rows): t for t in doc.tables}
    assert 2001 in tables                        # every task, and the heading row
    ranking = tables[61]
    grid = ranking._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    assert len(grid) == 5 + 4
    ranks = [int(row.cells[-1].text) for row in ranking.rows[1:]]
    assert ranks == sorted(ranks) and ranks[0] == 1 and len(set(ranks)) < 60   # ties share
