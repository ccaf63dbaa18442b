"""Build templates/plan.docx, the shipped DOCX template, from code.

    python scripts/build_docx_template.py           # write templates/plan.docx
    python scripts/build_docx_template.py --check   # exit 1 if it is out of date

The template is a real Word document laid out as Nghị định 30/2020/NĐ-CP,
Phụ lục I wants an administrative document (a "kế hoạch"), with docxtpl's
Jinja tags where the plan's content goes: ``{{ ... }}`` in a run,
``{%p ... %}`` alone in a paragraph (the paragraph is replaced by the tag),
``{%tr ... %}`` alone in a table row. Building it from code keeps its origin
reviewable; the output is byte for byte the same on every run (fixed zip
timestamps and document properties), and a test checks that the checked-in
file matches this script. A bloc that wants its own letterhead can open the
result in Word or LibreOffice, edit it, and put it in its templates/ folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from thidua_cli.render.docx import stable_zip
from thidua_cli.render.ooxml import set_child

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "templates" / "plan.docx"

FONT = "Times New Roman"
# A4, margins inside Nghị định 30's ranges: top/bottom 20-25 mm, left 30-35 mm,
# right 15-20 mm. The text is 21 - 3 - 1.5 = 16.5 cm wide.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
TOP, BOTTOM, LEFT, RIGHT = Cm(2), Cm(2), Cm(3), Cm(1.5)
TEXT_WIDTH = 16.5
# The letterhead: the issuing body on the left third, the national title on the right.
HEAD_COLUMNS = (6.6, 9.9)
CLOSE_COLUMNS = (7.0, 9.5)
TASK_COLUMNS = (1.3, 6.4, 3.3, 3.3, 2.2)
CRITERIA_COLUMNS = (1.3, 12.2, 3.0)
FIXED_TIME = datetime(2024, 1, 1)

# Styles this template defines (name, based on, size pt, bold, italic, alignment,
# first-line indent, space before/after pt, keep with next, outline level).
BODY = "Normal"
TITLE = "Thidua Title"
LETTERHEAD = "Thidua Letterhead"
HEADING_1 = "Thidua Heading 1"
HEADING_2 = "Thidua Heading 2"
HEADING_3 = "Thidua Heading 3"
BASIS = "Thidua Basis"
TABLE = "Thidua Table"
TABLE_HEAD = "Thidua Table Heading"
RECIPIENTS = "Thidua Recipients"
SIGNATURE = "Thidua Signature"
RULE = "Thidua Rule"
PAGE_NUMBER = "Thidua Page Number"

J, C, L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
STYLES: list[tuple[str, int, bool, bool, Any, float, float, float, bool, int | None]] = [
    # name          size bold  italic align indent before after keep outline
    (TITLE,          14, True, False, C, 0, 0, 0, True, None),
    (LETTERHEAD,     13, False, False, C, 0, 0, 0, False, None),
    (HEADING_1,      14, True, False, J, 1.27, 6, 6, True, 0),
    (HEADING_2,      14, True, False, J, 1.27, 0, 6, True, 1),
    (HEADING_3,      14, False, True, J, 1.27, 0, 6, True, 2),
    (BASIS,          14, False, True, J, 1.27, 0, 6, False, None),
    (TABLE,          12, False, False, L, 0, 2, 2, False, None),
    (TABLE_HEAD,     12, True, False, C, 0, 2, 2, False, None),
    (RECIPIENTS,     11, False, False, L, 0, 0, 0, False, None),
    (SIGNATURE,      14, True, False, C, 0, 0, 0, False, None),
    (RULE,            2, False, False, C, 0, 0, 0, False, None),
    (PAGE_NUMBER,    14, False, False, C, 0, 0, 0, False, None),
]


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    _lean_package(doc)
    _styles(doc)
    _page(doc)
    _letterhead(doc)
    _opening(doc)
    _purpose(doc)
    _content(doc)
    _organisation(doc)
    _closing(doc)
    _appendix(doc)
    return finish(doc)


def finish(doc: Any, title: str | None = None) -> bytes:
    """Properties set, spaces kept, the package saved with fixed zip metadata."""
    _properties(doc)
    if title is not None:
        doc.core_properties.title = title
    for text in doc.element.body.iter(qn("w:t")):
        # Keep the draft blanks ("Số:      /KH-...") and spaces around tags.
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    out = BytesIO()
    doc.save(out)
    return stable_zip(out.getvalue())


# ---------------------------------------------------------------- package


def _lean_package(doc: Any) -> None:
    """Drop what python-docx's default document carries but a template should not:
    its thumbnail (a picture of another document), the custom XML and the
    second copy of the styles; and every style this template does not use."""
    drop = ("thumbnail", "customXml", "stylesWithEffects")
    package_rels = doc.part.package.rels
    for rid in [r for r, rel in package_rels.items() if rel.reltype.endswith(drop)]:
        del package_rels[rid]
    part_rels = doc.part.rels
    for rid in [r for r, rel in part_rels.items() if rel.reltype.endswith(drop)]:
        del part_rels[rid]
    styles = doc.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    keep = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in keep:
            styles.remove(style)


def _fonts(rpr: Any) -> None:
    """Times New Roman for every script, so Vietnamese, Asian and complex-script
    text all print in it; theme fonts are removed because they would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        fonts.attrib.pop(attr)
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)


def _styles(doc: Any) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), "28")
    lang = rpr.find(qn("w:lang"))
    for attr in list(lang.attrib):
        lang.attrib.pop(attr)
    lang.set(qn("w:val"), "vi-VN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "276")  # 1.15 lines, inside Nghị định 30's 1 to 1.5

    normal = doc.styles[BODY]
    normal.font.size = Pt(14)
    _fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.alignment = J
    fmt.first_line_indent = Cm(1.27)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15

    for name, size, bold, italic, align, indent, before, after, keep, outline in STYLES:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        _fonts(style.element.get_or_add_rPr())
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = Cm(indent)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.keep_with_next = keep
        if name in (LETTERHEAD, TABLE, TABLE_HEAD, RECIPIENTS, SIGNATURE, RULE, PAGE_NUMBER):
            fmt.line_spacing = 1.0
        if outline is not None:
            level = OxmlElement("w:outlineLvl")
            level.set(qn("w:val"), str(outline))
            style.element.get_or_add_pPr().append(level)


def _properties(doc: Any) -> None:
    props = doc.core_properties
    props.title = "Kế hoạch tổ chức phong trào thi đua, khen thưởng"
    props.subject = ""
    props.author = "thidua"
    props.last_modified_by = "thidua"
    props.comments = "Mẫu văn bản theo Nghị định 30/2020/NĐ-CP, tạo bởi thidua"
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME


# ---------------------------------------------------------------- page


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Cm(1)
    section.footer_distance = Cm(1)
    # Page numbers centred in the top margin from page 2 on: the first page
    # has its own, empty header.
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = doc.styles[PAGE_NUMBER]
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = doc.styles[PAGE_NUMBER]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# ---------------------------------------------------------------- helpers


def _para(container: Any, text: str = "", style: str = BODY, *, bold: bool | None = None,
          italic: bool | None = None, size: float | None = None) -> Any:
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        if bold is not None:
            run.bold = bold
        if italic is not None:
            run.italic = italic
        if size is not None:
            run.font.size = Pt(size)
    return paragraph


def _tag(container: Any, tag: str) -> None:
    """A docxtpl paragraph tag (``{%p ... %}``): the paragraph disappears on render."""
    _para(container, tag, TABLE if hasattr(container, "width") else BODY)


def _rule(container: Any, width_cm: float, column_cm: float) -> None:
    """A centred horizontal rule ``width_cm`` long: an empty paragraph with a bottom
    border, narrowed by equal indents (works the same in Word and LibreOffice)."""
    paragraph = container.add_paragraph(style=RULE)
    side = Cm(max((column_cm - 0.4 - width_cm) / 2, 0))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    borders = set_child(paragraph._p.get_or_add_pPr(), "pBdr")
    set_child(borders, "bottom", val="single", sz="6", space="1", color="000000")


def _table(doc: Any, widths: tuple[float, ...], rows: int, *, borders: bool,
           caption: str | None = None) -> Any:
    """A fixed-layout table; ``caption`` names it for the render step
    (thidua_cli/render/layout.py sets its column widths from the content)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed: the widths below, not the content's
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int(sum(widths) / 2.54 * 1440)))
    edges = set_child(tbl_pr, "tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
        set_child(edges, edge, **(line if borders else {"val": "nil"}))
    if caption is not None:
        set_child(tbl_pr, "tblCaption", val=caption)
    for i, w in enumerate(widths):
        table.columns[i].width = Cm(w)
        for cell in table.columns[i].cells:
            cell.width = Cm(w)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def _cell_text(cell: Any, text: str, style: str = TABLE, **run: Any) -> Any:
    """Put ``text`` in the cell's first (empty) paragraph."""
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    if text:
        r = paragraph.add_run(text)
        for key, value in run.items():
            setattr(r, key, value)
    return paragraph


def _row_tag(table: Any, tag: str) -> None:
    """A docxtpl row tag (``{%tr ... %}``): the row disappears on render."""
    row = table.add_row()
    _cell_text(row.cells[0], tag)


def _repeat_header(row: Any) -> None:
    set_child(row._tr.get_or_add_trPr(), "tblHeader")


def _unsplit(table: Any) -> None:
    """No row of ``table`` breaks across a page (docxtpl copies the row's
    properties to every row a loop makes)."""
    for row in table.rows:
        set_child(row._tr.get_or_add_trPr(), "cantSplit")


# ---------------------------------------------------------------- body


def _letterhead(doc: Any) -> None:
    table = _table(doc, HEAD_COLUMNS, 2, borders=False)
    left, right = table.rows[0].cells
    _cell_text(left, "{%p if document.parent %}", LETTERHEAD)
    _para(left, "{{ document.parent | upper }}", LETTERHEAD, size=12)
    _para(left, "{%p endif %}", LETTERHEAD)
    _para(left, "{{ document.issuer | upper }}", LETTERHEAD, bold=True, size=12)
    _rule(left, 2.4, HEAD_COLUMNS[0])
    national = _cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", LETTERHEAD, bold=True)
    national.runs[0].font.size = Pt(12)
    _para(right, "Độc lập - Tự do - Hạnh phúc", LETTERHEAD, bold=True, size=13)
    _rule(right, 5.6, HEAD_COLUMNS[1])
    left, right = table.rows[1].cells
    number = _cell_text(left, "{{ document | number_line }}", LETTERHEAD)
    number.paragraph_format.space_before = Pt(6)
    date = _cell_text(right, "{{ document | place_date(year) }}", LETTERHEAD, italic=True)
    date.paragraph_format.space_before = Pt(6)
    date.runs[0].font.size = Pt(14)


def _opening(doc: Any) -> None:
    heading = _para(doc, "KẾ HOẠCH", TITLE)
    heading.paragraph_format.space_before = Pt(18)
    _para(doc, "{{ title }}", TITLE)
    _rule(doc, 3.5, TEXT_WIDTH + 0.4)
    gap = _para(doc, "", RULE)
    gap.paragraph_format.space_after = Pt(12)
    _tag(doc, "{%p for b in basis %}")
    _para(doc, 'Căn cứ {{ b | cite }}{{ "." if loop.last else ";" }}', BASIS)
    _tag(doc, "{%p endfor %}")
    _para(doc, "{{ bloc.name }} ban hành Kế hoạch tổ chức phong trào thi đua, khen thưởng "
               "năm {{ year }} như sau:")


def _purpose(doc: Any) -> None:
    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", HEADING_1)
    _tag(doc, "{%p for o in objectives %}")
    _para(doc, "- {{ o.text }}")
    _tag(doc, "{%p endfor %}")


def _content(doc: Any) -> None:
    _para(doc, "II. NỘI DUNG", HEADING_1)
    _para(doc, "1. Chủ đề thi đua", HEADING_2)
    _para(doc, "“{{ theme }}”", bold=True, italic=True)
    _para(doc, "2. Nhiệm vụ trọng tâm", HEADING_2)
    _tag(doc, "{%p for t in tasks %}")
    _para(doc, "{{ t.label }}) {{ t.title }}", HEADING_3)
    _tag(doc, "{%p for d in t.details %}")
    _para(doc, "- {{ d }}")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Đơn vị chủ trì: {{ t.lead }}."
               '{% if t.support %} Đơn vị phối hợp: {{ t.support | join(", ") }}.{% endif %}'
               "{% if t.due %} Thời hạn: {{ t.due | long_date }}.{% endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if events %}")
    _para(doc, "3. Hoạt động chung của Khối", HEADING_2)
    _tag(doc, "{%p for e in events %}")
    _para(doc, "- {{ e.title }}{% if e.date or e.month %}: {{ e | when }}{% endif %}"
               "{% if e.place %}, tại {{ e.place }}{% endif %}"
               "{% if e.host %}; đơn vị đăng cai: {{ e.host }}{% endif %}.")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")


def _organisation(doc: Any) -> None:
    _para(doc, "III. TỔ CHỨC THỰC HIỆN", HEADING_1)
    _para(doc, "1. Thành viên của Khối", HEADING_2)
    _para(doc, '{{ bloc.name }} năm {{ year }} gồm {{ bloc.members | length }} thành viên: '
               '{{ bloc.members | map(attribute="name") | join(", ") }}. '
               "Khối trưởng: {{ bloc.head.name }}"
               '{% if bloc.deputies %}; Khối phó: '
               '{{ bloc.deputies | map(attribute="name") | join(", ") }}{% endif %}.')
    _para(doc, "2. Phân công và tiến độ", HEADING_2)
    table = _table(doc, TASK_COLUMNS, 1, borders=True, caption="thidua-tasks")
    heads = ("STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_text(cell, text, TABLE_HEAD)
    _repeat_header(table.rows[0])
    _group_row(table, "A. NHIỆM VỤ TRỌNG TÂM")
    _row_tag(table, "{%tr for t in tasks %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ t.title }}")
    _cell_text(row[2], "{{ t.lead }}")
    _cell_text(row[3], '{{ t.support | join(", ") }}')
    _cell_text(row[4], "{{ t.due | short_date }}").alignment = C
    _row_tag(table, "{%tr endfor %}")
    _row_tag(table, "{%tr if events %}")
    _group_row(table, "B. HOẠT ĐỘNG CHUNG")
    _row_tag(table, "{%tr for e in events %}")
    row = table.add_row().cells
    _cell_text(row[0], "{{ loop.index }}").alignment = C
    _cell_text(row[1], "{{ e.title }}{% if e.place %} (tại {{ e.place }}){% endif %}")
    _cell_text(row[2], '{{ e.host or "" }}')
    _cell_text(row[4], "{{ e | when_short }}").alignment = C
    _row_tag(table, "{%tr endfor %}")
    _row_tag(table, "{%tr endif %}")
    _unsplit(table)
    _para(doc, "3. Trách nhiệm thực hiện", HEADING_2).paragraph_format.space_before = Pt(6)
    _tag(doc, "{%p if responsibilities %}")
    for key, label in RESPONSIBILITIES:
        _tag(doc, f"{{%p if responsibilities.{key} %}}")
        _para(doc, label, HEADING_3)
        _tag(doc, f"{{%p for x in responsibilities.{key} %}}")
        _para(doc, "- {{ x }}")
        _tag(doc, "{%p endfor %}")
        _tag(doc, "{%p endif %}")
    _tag(doc, "{%p else %}")
    _para(doc, "Các thành viên Khối căn cứ Kế hoạch này xây dựng kế hoạch cụ thể của đơn vị, "
               "tổ chức thực hiện và gửi báo cáo kết quả về {{ bloc.head.name }} "
               "(đơn vị Khối trưởng) để tổng hợp.")
    _tag(doc, "{%p endif %}")


# Section III.3 when the plan has `responsibilities`: one point a group.
RESPONSIBILITIES = (
    ("head", "a) Khối trưởng ({{ bloc.head.name }})"),
    ("deputies", "b) Khối phó{% if bloc.deputies %} "
                 '({{ bloc.deputies | map(attribute="name") | join(", ") }}){% endif %}'),
    ("members", "c) Các thành viên Khối"),
    ("reporting", "d) Chế độ báo cáo"),
)


def _group_row(table: Any, text: str) -> None:
    """A section row across the table (``A. NHIỆM VỤ TRỌNG TÂM``), kept on the
    page of the row after it."""
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    _cell_text(merged, text, TABLE, bold=True).paragraph_format.keep_with_next = True


def _closing(doc: Any) -> None:
    # Level with each other, never split: recipients left, signature right.
    table = _table(doc, CLOSE_COLUMNS, 1, borders=False, caption="thidua-closing")
    _unsplit(table)
    left, right = table.rows[0].cells
    label = _cell_text(left, "Nơi nhận:", RECIPIENTS, bold=True, italic=True)
    label.runs[0].font.size = Pt(12)
    label.paragraph_format.space_before = Pt(12)
    _para(left, "{%p for r in document.recipients %}", RECIPIENTS)
    _para(left, '- {{ r }}{{ "." if loop.last else ";" }}', RECIPIENTS)
    _para(left, "{%p endfor %}", RECIPIENTS)
    _cell_text(right, "{%p if document.signer %}", SIGNATURE)
    # Level with "Nơi nhận:" (12 pt before it) whatever the authority's lines.
    gap = _para(right, "", RULE)
    gap.paragraph_format.space_before = Pt(10)
    # One paragraph a line of the authority ("TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH").
    _para(right, "{%p for a in document.signer.authority_lines %}", SIGNATURE)
    _para(right, "{{ a | upper }}", SIGNATURE)
    _para(right, "{%p endfor %}", SIGNATURE)
    _para(right, "{{ document.signer.position | upper }}", SIGNATURE)
    for _ in range(4):  # room for the signature and the seal
        _para(right, "", SIGNATURE)
    _para(right, "{{ document.signer.name }}", SIGNATURE)
    _para(right, "{%p endif %}", SIGNATURE)
    # A table cell must end with a paragraph, whatever the tags removed.
    _para(right, "", SIGNATURE)


INDENT = "{{ '\u00a0\u00a0\u00a0\u00a0' * c.depth }}"
KIND = ('{% if c.kind == "bonus" and "thưởng" not in c.title | lower %} (điểm thưởng)'
        '{% elif c.kind == "penalty" and "trừ" not in c.title | lower %} (điểm trừ){% endif %}')


def _appendix(doc: Any) -> None:
    _tag(doc, "{%p if criteria %}")
    heading = _para(doc, "PHỤ LỤC", TITLE)
    heading.paragraph_format.page_break_before = True
    _para(doc, "TIÊU CHÍ CHẤM ĐIỂM THI ĐUA NĂM {{ year }}", TITLE)
    note = _para(doc, "(Kèm theo Kế hoạch số {{ document | doc_number }} "
                      "{{ document.date | long_date(year) }} của {{ document.issuer_name }})",
                 LETTERHEAD, italic=True)
    note.paragraph_format.space_after = Pt(12)
    table = _table(doc, CRITERIA_COLUMNS, 1, borders=True, caption="thidua-criteria")
    for cell, text in zip(table.rows[0].cells, ("STT", "Nội dung tiêu chí", "Điểm tối đa"),
                          strict=True):
        _cell_text(cell, text, TABLE_HEAD)
    _repeat_header(table.rows[0])
    _row_tag(table, "{%tr for c in criteria %}")
    row = table.add_row().cells
    # The tree: numbered 1, 1.1, 1.1.2; sections bold, each level indented by
    # no-break spaces (Word keeps them); bonus and penalty sections named so.
    _cell_text(row[0], "{{ c.number }}").alignment = C
    title = _cell_text(row[1], INDENT + "{% if not c.leaf %}{{ c.title }}" + KIND + "{% endif %}",
                       bold=True)
    title.add_run("{% if c.leaf %}{{ c.title }}{% endif %}")
    _cell_text(row[2], '{% if c.kind == "penalty" %}-{% endif %}{{ c.max_points | number }}'
               ).alignment = C
    _row_tag(table, "{%tr endfor %}")
    row = table.add_row().cells
    _cell_text(row[1], "Tổng cộng{% if criteria | selectattr('kind', 'ne', 'points') | list %}"
               " (chưa gồm điểm thưởng, điểm trừ){% endif %}", TABLE, bold=True)
    _cell_text(row[2], "{{ criteria_total | number }}", TABLE_HEAD)
    _unsplit(table)
    _tag(doc, "{%p endif %}")
    # The body must end with a paragraph, not a table.
    _para(doc, "", RULE)


def main(argv: list[str] | None = None) -> int:
    return run(argv, build, OUTPUT, __doc__ or "", Path(__file__).name)


def run(argv: list[str] | None, make: Callable[[], bytes], default: Path, doc: str,
        script: str) -> int:
    """The command line every template builder shares: write, or ``--check``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help=f"only check that {default.relative_to(ROOT)} is up to date")
    parser.add_argument("-o", "--output", type=Path, default=default)
    args = parser.parse_args(argv)
    data = make()
    if args.check:
        if not args.output.is_file() or args.output.read_bytes() != data:
            sys.stderr.write(f"{args.output} is out of date: run {script}\n")
            return 1
        return 0
    args.output.write_bytes(data)
    sys.stdout.write(f"{args.output}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
