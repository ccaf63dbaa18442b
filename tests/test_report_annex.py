"""The report's annex of every leaf's score (a nested criteria tree), in the DOCX:
read back with python-docx, validated by openxml-audit, laid out by LibreOffice.

The annex follows the signature on landscape A4 pages, in tables of at most
twelve leaves; its header row repeats on every page and no row splits across
pages. A flat plan has no annex and stays portrait throughout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes

from .conftest import PLANS
from .documents import docx_document
from .rendering import shipped

TREE = PLANS / "valid" / "scoring-tree.yaml"
FLAT = PLANS / "report" / "plan-2022-scored.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SECTIONS, LEAVES, MEMBERS = 5, 6, 45


def report_docx(path: Path, as_of: date = date(2024, 12, 31)) -> bytes:
    result = lint_file(str(path), LintOptions())
    assert result.plan is not None, result.findings
    assert not [f for f in result.findings if f.severity == "error"], result.findings
    return docx_bytes(build_report(result.plan, as_of=as_of, path=str(path)), shipped())


def wide_plan(folder: Path) -> Path:
    """45 members with names that wrap, scored on 30 leaves in five sections."""
    lines = ["version: 1", "year: 2024", "title: Tổ chức phong trào thi đua năm 2024",
             "theme: Thi đua hoàn thành xuất sắc nhiệm vụ", "bloc:",
             "  name: Khối thi đua các tỉnh", "  head: m01", "  members:"]
    lines += [f"    - {{id: m{i:02d}, name: Ủy ban nhân dân tỉnh thành viên số {i}}}"
              for i in range(1, MEMBERS + 1)]
    lines += ["objectives:", "  - {id: o1, text: Hoàn thành xuất sắc nhiệm vụ năm 2024.}",
              "tasks:", "  - {id: t1, title: Thi đua hoàn thành nhiệm vụ, objectives: [o1], "
              "status: done}", "criteria:"]
    for s in range(1, SECTIONS + 1):
        lines += [f"  - id: s{s}", f"    title: Nhóm tiêu chí số {s}", "    children:"]
        lines += [f"      - {{id: s{s}-{k}, title: Tiêu chí thành phần {s}.{k}, max_points: 4}}"
                  for k in range(1, LEAVES + 1)]
    lines.append("scores:")
    for i in range(1, MEMBERS + 1):
        lines.append(f"  m{i:02d}:")
        lines += [f"    s{s}-{k}: {(i + s + k) % 5 * 0.75}"
                  for s in range(1, SECTIONS + 1) for k in range(1, LEAVES + 1)]
    path = folder / "wide.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def annex_tables(doc: object) -> list[object]:
    return [t for t in doc.tables  # type: ignore[attr-defined]
            if t._tbl.xpath('w:tblPr/w:tblCaption[@w:val="thidua-leaves"]')]


def test_the_annex_lists_every_leaf_on_a_landscape_page() -> None:
    doc = docx_document(report_docx(TREE))
    (table,) = annex_tables(doc)
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows == [
        ["STT", "Đơn vị", "1.1.1", "1.1.2", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2"],
        ["1", "Bộ Tài chính", "29,5", "10", "18,25", "19", "19", "3", "-", "1", "-"],
        ["2", "Bộ Nội vụ", "30", "9,5", "18,75", "19", "19", "-", "1", "0,5", "-"],
        ["3", "Ủy ban Dân tộc", "28", "9", "17", "18", "18", "-", "-", "-", "-"]]
    text = [p.text for p in doc.paragraphs]
    assert "ĐIỂM CHẤM TỪNG TIÊU CHÍ THÀNH PHẦN NĂM 2024" in text
    assert "- 1.1.2: Chất lượng tham mưu (tối đa 10,5 điểm)." in text
    assert "- 3.1: Sáng kiến được công nhận (điểm thưởng, tối đa 3 điểm)." in text
    assert "- 4.2: Vi phạm kỷ luật (điểm trừ, tối đa 10 điểm)." in text
    # The report portrait, its annex landscape A4 with the margins turned (the
    # bound edge on top), numbered from its first page.
    report, annex = doc.sections
    assert report.orientation == WD_ORIENT.PORTRAIT
    assert abs(report.page_width - Cm(21)) < Cm(0.01)
    assert report.different_first_page_header_footer
    assert annex.orientation == WD_ORIENT.LANDSCAPE
    assert (annex.page_width, annex.page_height) == (report.page_height, report.page_width)
    assert annex.top_margin == report.left_margin
    assert not annex.different_first_page_header_footer
    # The table fits the landscape text width; its header repeats, no row splits.
    grid = [int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid")]
    assert len(grid) == 11
    text_width = annex.page_width - annex.left_margin - annex.right_margin
    assert sum(grid) * 635 <= text_width  # twips to EMU
    first = table.rows[0]
    assert first._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r._tr.find(f"{W}trPr/{W}cantSplit") is not None for r in table.rows)


def test_a_flat_plan_has_no_annex_and_one_portrait_section() -> None:
    doc = docx_document(report_docx(FLAT, date(2022, 12, 31)))
    assert annex_tables(doc) == []
    (section,) = doc.sections
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert "PHỤ LỤC" not in [p.text for p in doc.paragraphs]


def test_thirty_leaves_make_three_tables_of_ten(tmp_path: Path) -> None:
    doc = docx_document(report_docx(wide_plan(tmp_path)))
    tables = annex_tables(doc)
    heads = [[c.text for c in t.rows[0].cells][2:] for t in tables]
    assert [len(h) for h in heads] == [10, 10, 10]
    assert [n for h in heads for n in h] == [f"{s}.{k}" for s in range(1, SECTIONS + 1)
                                             for k in range(1, LEAVES + 1)]
    assert all(len(t.rows) == MEMBERS + 1 for t in tables)


# ---------------------------------------------------------------- consumers

AUDIT = shutil.which("openxml-audit") or str(Path(sys.executable).with_name("openxml-audit"))


@pytest.mark.skipif(not Path(AUDIT).exists(), reason="needs openxml-audit (the test extra)")
def test_the_reports_with_an_annex_are_valid(tmp_path: Path) -> None:
    (tmp_path / "tree.docx").write_bytes(report_docx(TREE))
    (tmp_path / "wide.docx").write_bytes(report_docx(wide_plan(tmp_path)))
    done = subprocess.run([AUDIT, "--policy", "strict", "--recursive", str(tmp_path)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


HAS_TOOLS = bool((shutil.which("soffice") or shutil.which("libreoffice"))
                 and shutil.which("pdftotext") and shutil.which("pdfinfo"))
A4_LANDSCAPE = re.compile(r"^Page\s+(\d+) size:\s+841\.89 x 595\.30\d* pts", re.MULTILINE)
A4_PORTRAIT = re.compile(r"^Page\s+(\d+) size:\s+595\.30\d* x 841\.89 pts", re.MULTILINE)


@pytest.mark.skipif(not HAS_TOOLS, reason="needs LibreOffice and poppler-utils")
def test_libreoffice_lays_the_annex_out_on_landscape_pages(tmp_path: Path) -> None:
    from thidua_cli.render.pdf import docx_to_pdf

    pdf = tmp_path / "wide.pdf"
    pdf.write_bytes(docx_to_pdf(report_docx(wide_plan(tmp_path))))
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)], check=True,
                          capture_output=True, text=True).stdout
    landscape = [int(n) for n in A4_LANDSCAPE.findall(info)]
    portrait = [int(n) for n in A4_PORTRAIT.findall(info)]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    # The report portrait, then the annex: landscape pages only, several of them.
    assert portrait == list(range(1, len(portrait) + 1)) and len(landscape) >= 3
    assert landscape == list(range(len(portrait) + 1, len(pages) + 1))
    annex = pages[len(portrait):]
    assert "PHỤ LỤC" in annex[0]
    rows: dict[int, list[int]] = {}
    row = re.compile(r"\s*\d+\s+Ủy ban nhân dân tỉnh thành\s+(?:[\d,]+\s+){9}[\d,]+\s*$")
    for number, page in enumerate(annex):
        lines = page.splitlines()
        starts = [i for i, ln in enumerate(lines) if row.match(ln)]
        if not starts:
            continue
        # The header row on every page with rows: each table starts with it, and
        # a table that goes on to the next page repeats it there.
        assert any(re.match(r"\s*STT\s+Đơn vị\s+\d+\.\d+", ln)
                   for ln in lines[:starts[0]]), number
        for i in starts:
            # The name's second line ("viên số 12") right under the first, on the
            # same page: the row did not split.
            found = re.search(r"viên số (\d+)\s*$", lines[i + 1] if i + 1 < len(lines) else "")
            assert found, (number, lines[i])
            rows.setdefault(int(found.group(1)), []).append(number)
    # Every member's row in each of the three tables, its ten scores on one line.
    assert sorted(rows) == list(range(1, MEMBERS + 1))
    assert all(len(pages_of) == 3 for pages_of in rows.values())
