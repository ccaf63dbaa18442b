"""Build tests/import/: Word plans written the way secretariats write them.

    python scripts/build_import_corpus.py            # write tests/import/*.docx
    python scripts/build_import_corpus.py --office   # and LibreOffice's copies (lo/)

Each document is made by python-docx (and raw WordprocessingML where
python-docx has no API: text boxes, fields, TCVN3 fonts) from a plan in
``tests/import/*.expected.yaml``, the truth its import is measured against.
The layouts differ the way real files do: a letterhead table, text boxes or
tabs; headings in styles, in bold text or in Word's numbering; tasks as
paragraphs or in a table; bases one per line or run together; a signature
in a table or in two tab-separated columns; Unicode or TCVN3 (.VnTime).
``--office`` saves each through LibreOffice (``soffice --headless
--convert-to docx``) into ``tests/import/lo/``, as a user re-saving the file
would. The output is the same on every run (fixed dates, stable zip).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.model import ALL, Plan
from thidua_cli.render.docx import stable_zip
from thidua_cli.render.nd30 import long_date, number_line, place_date, short_date
from thidua_cli.text.legacy import _tables

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "import"


@dataclass(frozen=True)
class Layout:
    letterhead: str = "table"  # table, tabs, boxes
    headings: str = "bold"  # bold, styles, numbering
    tasks: str = "paragraphs"  # paragraphs, table
    bases: str = "lines"  # lines, together
    signature: str = "table"  # table, tabs
    encoding: str = "unicode"  # unicode, tcvn3
    fields: bool = False
    wording: str = "thidua"  # thidua (the shipped template's sentences), variants


LAYOUTS = {
    "letterhead-table": Layout(),
    "styles-headings": Layout(headings="styles"),
    "word-numbering": Layout(headings="numbering"),
    "tasks-in-table": Layout(tasks="table"),
    "bases-together": Layout(bases="together", letterhead="tabs"),
    "signature-tabs": Layout(signature="tabs", letterhead="tabs"),
    "text-boxes-fields": Layout(letterhead="boxes", fields=True),
    "tcvn3": Layout(encoding="tcvn3"),
    # Other words for the same things: "Mục đích"/"Yêu cầu" sub-headings, bold
    # tasks without labels, "- Chủ trì:"/"- Phối hợp:" lines, activities as
    # "Tháng 9/2022: ... (do X đăng cai)", members one per line, an issuer on
    # two bold lines.
    "wording-variants": Layout(wording="variants"),
    "wording-variants-full": Layout(wording="variants", signature="tabs"),
}


def _plan(name: str) -> Plan:
    result = lint_file(str(CORPUS / f"{name}.expected.yaml"), LintOptions())
    assert result.plan is not None, result.findings
    return result.plan


# ------------------------------------------------------------ text


def _tcvn3_table() -> dict[str, str]:
    return {v: k for k, v in _tables()["TCVN3"].items()}


def _runs(paragraph: Any, text: str, layout: Layout, *, bold: bool = False,
          italic: bool = False) -> None:
    if layout.encoding != "tcvn3":
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        return
    table = _tcvn3_table()
    pieces: list[tuple[str, str]] = []  # (font, encoded)
    for char in text:
        if char in table:
            font, code = ".VnTime", table[char]
        elif char.lower() in table and char != char.lower():
            font, code = ".VnTimeH", table[char.lower()]
        else:
            font, code = ".VnTime", char
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + code)
        else:
            pieces.append((font, code))
    for font, code in pieces:
        run = paragraph.add_run(code)
        run.bold, run.italic = bold or None, italic or None
        fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:ascii"), font)
        fonts.set(qn("w:hAnsi"), font)


def _para(container: Any, text: str, layout: Layout, *, bold: bool = False,
          italic: bool = False, style: str | None = None, center: bool = False) -> Any:
    paragraph = container.add_paragraph(style=style)
    if center:
        paragraph.alignment = 1
    _runs(paragraph, text, layout, bold=bold, italic=italic)
    return paragraph


# ------------------------------------------------------------ parts


def _letterhead(doc: Any, plan: Plan, layout: Layout) -> None:
    d = plan.document
    assert d is not None
    left = [(d.parent.upper(), False)] if d.parent else []
    words = d.issuer.upper().split()
    if layout.wording == "variants" and not d.parent and len(words) > 3:
        left += [(" ".join(words[:len(words) // 2 + 1]), True),
                 (" ".join(words[len(words) // 2 + 1:]), True)]
    else:
        left.append((d.issuer.upper(), True))
    number = number_line(d.number, d.symbol, blank="      ")
    when = place_date(d.place, d.date, plan.year)
    national = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True), ("Độc lập - Tự do - Hạnh phúc", True)]
    if layout.letterhead == "table":
        table = doc.add_table(rows=2, cols=2)
        a, b = table.rows[0].cells
        a.paragraphs[0].text = ""
        for text, bold in left:
            _para(a, text, layout, bold=bold, center=True)
        for text, bold in national:
            _para(b, text, layout, bold=bold, center=True)
        _para(table.rows[1].cells[0], number, layout, center=True)
        _para(table.rows[1].cells[1], when, layout, italic=True, center=True)
    elif layout.letterhead == "tabs":
        rows = max(len(left), 2)
        for i in range(rows):
            p = doc.add_paragraph()
            if i < len(left):
                _runs(p, left[i][0], layout, bold=left[i][1])
            p.add_run("\t\t")
            _runs(p, national[i][0] if i < 2 else "", layout, bold=True)
        p = doc.add_paragraph()
        _runs(p, number, layout)
        p.add_run("\t\t")
        _runs(p, when, layout, italic=True)
    else:  # text boxes, the number in a field
        for lines in ([*left, (number, False)], [*national, (when, False)]):
            anchor = doc.add_paragraph()
            body = "".join(_box_paragraph(text, bold, layout) for text, bold in lines)
            anchor._p.append(parse_xml(
                f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
                '<v:shape style="width:200pt;height:80pt">'
                f"<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox>"
                "</v:shape></w:pict></w:r>"))


def _box_paragraph(text: str, bold: bool, layout: Layout) -> str:
    from xml.sax.saxutils import escape

    b = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if layout.fields and text.startswith("Số:"):
        number, _, symbol = text.partition("/")
        digits = number.replace("Số:", "").strip()
        return (f"<w:p><w:r><w:t xml:space=\"preserve\">Số: </w:t></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                "<w:r><w:instrText xml:space=\"preserve\"> DOCPROPERTY number </w:instrText></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                f"<w:r><w:t>{escape(digits)}</w:t></w:r>"
                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                f"<w:r><w:t>/{escape(symbol)}</w:t></w:r></w:p>")
    return f"<w:p><w:r>{b}<w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"


def _heading(doc: Any, text: str, level: int, layout: Layout, number: str) -> None:
    if layout.headings == "styles":
        _para(doc, f"{number} {text}", layout, style=f"Heading {level}")
    elif layout.headings == "numbering" and level == 2:
        # Word's automatic numbering: the "1." is in numbering.xml, not the text.
        p = _para(doc, text, layout, bold=True, style="List Number")
        p.paragraph_format.left_indent = Pt(0)
    else:
        _para(doc, f"{number} {text}", layout, bold=True)


def _body(doc: Any, plan: Plan, layout: Layout) -> None:
    names = {m.id: m.name for m in plan.bloc.members}

    def who(ref: str) -> str:
        return "Các thành viên Khối" if ref == ALL else names[ref]

    _para(doc, "KẾ HOẠCH", layout, bold=True, center=True)
    title = _para(doc, "", layout, bold=True, center=True)
    words = plan.title.split(" ")
    half = len(words) // 2
    _runs(title, " ".join(words[:half]), layout, bold=True)
    title.add_run().add_break()  # a soft line break inside the summary
    _runs(title, " ".join(words[half:]), layout, bold=True)
    doc.add_paragraph("")
    cites = [f"Căn cứ {b.number and _cite(b)}" for b in plan.basis]
    if layout.bases == "together" and cites:
        _para(doc, "; ".join(cites) + ".", layout, italic=True)
    else:
        for i, cite in enumerate(cites):
            _para(doc, cite + ("." if i == len(cites) - 1 else ";"), layout, italic=True)
    _para(doc, f"{plan.bloc.name} ban hành Kế hoạch tổ chức phong trào thi đua, khen thưởng "
               f"năm {plan.year} như sau:", layout)
    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", layout, bold=True)
    if layout.wording == "variants":
        _variants(doc, plan, layout, who)
        return
    for o in plan.objectives:
        _para(doc, f"- {o.text}", layout)
    _para(doc, "II. NỘI DUNG", layout, bold=True)
    _heading(doc, "Chủ đề thi đua", 2, layout, "1.")
    _para(doc, f"“{plan.theme}”", layout, bold=True, italic=True)
    _heading(doc, "Nhiệm vụ trọng tâm", 2, layout, "2.")
    if layout.tasks == "table":
        table = doc.add_table(rows=1, cols=5)
        for cell, text in zip(table.rows[0].cells, ("STT", "Nội dung", "Đơn vị chủ trì",
                                                    "Đơn vị phối hợp", "Thời hạn"), strict=True):
            cell.text = text
        for i, t in enumerate(plan.tasks, start=1):
            cells = table.add_row().cells
            values = (str(i), t.title, who(t.lead), ", ".join(who(s) for s in t.support),
                      short_date(t.due))
            for cell, text in zip(cells, values, strict=True):
                cell.paragraphs[0].text = ""
                _runs(cell.paragraphs[0], text, layout)
    else:
        for i, t in enumerate(plan.tasks):
            _para(doc, f"{'abcdeghiklmnopq'[i]}) {t.title}", layout, italic=True)
            for d in t.detail_list():
                _para(doc, f"- {d}", layout)
            line = f"Đơn vị chủ trì: {who(t.lead)}."
            if t.support:
                line += f" Đơn vị phối hợp: {', '.join(who(s) for s in t.support)}."
            if t.due:
                line += f" Thời hạn: {long_date(t.due)}."
            _para(doc, line, layout)
    if plan.events:
        _heading(doc, "Hoạt động chung của Khối", 2, layout, "3.")
        for e in plan.events:
            line = f"- {e.title}"
            if e.date:
                line += f": {long_date(e.date)}"
            if e.place:
                line += f", tại {e.place}"
            if e.host:
                line += f"; đơn vị đăng cai: {names[e.host]}"
            _para(doc, line + ".", layout)
    _para(doc, "III. TỔ CHỨC THỰC HIỆN", layout, bold=True)
    _heading(doc, "Thành viên của Khối", 2, layout, "1.")
    members = ", ".join(m.name for m in plan.bloc.members)
    line = (f"{plan.bloc.name} năm {plan.year} gồm {len(plan.bloc.members)} thành viên: "
            f"{members}. Khối trưởng: {names[plan.bloc.head]}")
    if plan.bloc.deputies:
        line += "; Khối phó: " + ", ".join(names[d] for d in plan.bloc.deputies)
    _para(doc, line + ".", layout)


def _variants(doc: Any, plan: Plan, layout: Layout, who: Any) -> None:
    """The body in other words than thidua's template (see LAYOUTS)."""
    half = (len(plan.objectives) + 1) // 2
    for heading, items in (("1. Mục đích", plan.objectives[:half]),
                           ("2. Yêu cầu", plan.objectives[half:])):
        if items:
            _para(doc, heading, layout, bold=True)
            for o in items:
                _para(doc, f"+ {o.text}", layout)
    _para(doc, "II. NỘI DUNG", layout, bold=True)
    _para(doc, "1. Chủ đề thi đua", layout, bold=True)
    _para(doc, f"“{plan.theme}”.", layout, italic=True)
    _para(doc, "2. Các nhiệm vụ trọng tâm", layout, bold=True)
    for t in plan.tasks:
        _para(doc, t.title, layout, bold=True)
        for d in t.detail_list():
            _para(doc, f"+ {d}", layout)
        if t.lead != ALL:
            _para(doc, f"- Chủ trì: {who(t.lead)};", layout)
        if t.support:
            _para(doc, f"- Phối hợp: {', '.join(who(s) for s in t.support)}.", layout)
        if t.due:
            _para(doc, f"- Thời gian hoàn thành: {short_date(t.due)}.", layout)
    if plan.events:
        _para(doc, "3. Các hoạt động chung", layout, bold=True)
        for e in plan.events:
            line = "- "
            if e.date:
                line += f"Ngày {short_date(e.date)}: "
            elif e.month:
                line += f"Tháng {e.month.month}/{e.month.year}: "
            line += e.title
            if e.place:
                line += f", tại {e.place}"
            if e.host:
                line += f" (do {who(e.host)} đăng cai)"
            _para(doc, line + ".", layout)
    _para(doc, "III. TỔ CHỨC THỰC HIỆN", layout, bold=True)
    _para(doc, "1. Thành viên của Khối", layout, bold=True)
    _para(doc, f"{plan.bloc.name} năm {plan.year} gồm các thành viên sau:", layout)
    for i, m in enumerate(plan.bloc.members):
        _para(doc, f"- {m.name}{'.' if i == len(plan.bloc.members) - 1 else ';'}", layout)
    _para(doc, f"Khối trưởng: {who(plan.bloc.head)}.", layout)
    if plan.bloc.deputies:
        _para(doc, f"Khối phó: {', '.join(who(d) for d in plan.bloc.deputies)}.", layout)


def _cite(b: Any) -> str:
    from thidua_cli.render.nd30 import document_kind

    return (f"{document_kind(b.number) or 'văn bản'} số {b.number} ngày {short_date(b.date)} "
            f"của {b.issuer} {b.title}")


def _closing(doc: Any, plan: Plan, layout: Layout) -> None:
    d = plan.document
    assert d is not None
    left = ["Nơi nhận:"] + [f"- {r}{'.' if i == len(d.recipients) - 1 else ';'}"
                            for i, r in enumerate(d.recipients)]
    right: list[str] = []
    if d.signer is not None:
        right = ([d.signer.authority.upper()] if d.signer.authority else []) + [
            d.signer.position.upper(), "", "", d.signer.name]
    if layout.signature == "table":
        table = doc.add_table(rows=1, cols=2)
        a, b = table.rows[0].cells
        for text in left:
            _para(a, text, layout, bold=text == "Nơi nhận:")
        for text in right:
            _para(b, text, layout, bold=True, center=True)
    else:
        for i in range(max(len(left), len(right))):
            p = doc.add_paragraph()
            if i < len(left):
                _runs(p, left[i], layout)
            p.add_run("\t\t\t")
            if i < len(right):
                _runs(p, right[i], layout, bold=True)


def _appendix(doc: Any, plan: Plan, layout: Layout) -> None:
    from thidua_cli.render.nd30 import number

    doc.add_page_break()
    _para(doc, "PHỤ LỤC", layout, bold=True, center=True)
    _para(doc, f"BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA NĂM {plan.year}", layout, bold=True,
          center=True)
    _para(doc, f"(Kèm theo Kế hoạch của {plan.bloc.name})", layout, italic=True, center=True)
    table = doc.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("TT", "Tiêu chí", "Điểm chuẩn"), strict=True):
        cell.text = text
    for i, c in enumerate(plan.criteria, start=1):
        for cell, text in zip(table.add_row().cells, (str(i), c.title, number(c.max_points)),
                              strict=True):
            cell.paragraphs[0].text = ""
            _runs(cell.paragraphs[0], text, layout)
    total = table.add_row().cells
    total[1].text, total[2].text = "Tổng cộng", number(sum(c.max_points for c in plan.criteria))


def build(name: str, layout: Layout) -> bytes:
    plan = _plan(name)
    doc = Document()
    _letterhead(doc, plan, layout)
    _body(doc, plan, layout)
    _closing(doc, plan, layout)
    if plan.criteria:
        _appendix(doc, plan, layout)
    props = doc.core_properties
    from datetime import datetime

    props.created = props.modified = datetime(2024, 1, 1)
    props.author = props.last_modified_by = "thidua"
    props.revision = 1
    out = BytesIO()
    doc.save(out)
    return stable_zip(out.getvalue())


def office_copy(source: Path, target: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("LibreOffice (soffice) is needed for --office")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        copy = folder / source.name
        shutil.copyfile(source, copy)
        out = folder / "out"
        subprocess.run([office, f"-env:UserInstallation={(folder / 'p').as_uri()}",
                        "--headless", "--norestore", "--convert-to", "docx", "--outdir",
                        str(out), str(copy)], check=True, capture_output=True, timeout=180)
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(out / source.name, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--office", action="store_true",
                        help="also save LibreOffice's copies into tests/import/lo/")
    args = parser.parse_args(argv)
    for name, layout in LAYOUTS.items():
        path = CORPUS / f"{name}.docx"
        path.write_bytes(build(name, layout))
        sys.stdout.write(f"{path.relative_to(ROOT)}\n")
        if args.office:
            office_copy(path, CORPUS / "lo" / f"{name}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
