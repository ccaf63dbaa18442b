"""What a seventh red-team pass (its second half) found: each case a real
``thidua`` process, each fixed at its root (see docs/robustness.md)."""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ..conftest import ROOT
from .common import thidua

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
SHIPPED_DOCX = ROOT / "templates" / "plan.docx"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0

DTD = (b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
       b'<xml xmlns:o="urn:schemas-microsoft-com:office:office"><o:p>&x;</o:p></xml>')
VML_TYPE = b"application/vnd.openxmlformats-officedocument.vmlDrawing"


# -- a part is XML by its content type, not only by its name (docx templates, filled sheets)


def _rezip(source: Path, target: Path, edit: Callable[[str, bytes], tuple[str, bytes]],
           extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(*edit(info.filename, src.read(info)))
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target


def _related(rels: bytes, rel_id: str, kind: str, target: str, *, external: bool = False) -> bytes:
    """A relationships part with one more relationship of type ``kind``."""
    mode = ' TargetMode="External"' if external else ""
    return rels.replace(b"</Relationships>", (
        f'<Relationship Id="{rel_id}" Type="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships/{kind}" Target="{target}"{mode}/>'
        '</Relationships>').encode())


def _with_vml_part(name: str, content_type: bytes | None) -> Callable[[Path], Path]:
    """The shipped template with a part ``name`` holding a DTD, linked from the document."""
    def make(tpl: Path) -> Path:
        def edit(part: str, data: bytes) -> tuple[str, bytes]:
            if part == "[Content_Types].xml" and content_type is not None:
                extension = name.rpartition(".")[2].encode()
                data = data.replace(b"</Types>", b'<Default Extension="' + extension
                                    + b'" ContentType="' + content_type + b'"/></Types>')
            if part == "word/_rels/document.xml.rels":
                data = _related(data, "rId99", "vmlDrawing", name[5:])
            return part, data
        return _rezip(SHIPPED_DOCX, tpl / "plan.docx", edit, {name: DTD})
    return make


def _styles_renamed(tpl: Path) -> Path:
    """``word/styles.xml`` as ``word/styles.bin`` (its type says XML), with a DTD."""
    def edit(part: str, data: bytes) -> tuple[str, bytes]:
        if part == "[Content_Types].xml":
            data = data.replace(b"/word/styles.xml", b"/word/styles.bin")
        if part == "word/_rels/document.xml.rels":
            data = data.replace(b'Target="styles.xml"', b'Target="styles.bin"')
        if part == "word/styles.xml":
            part, data = "word/styles.bin", data.replace(
                b"?>", b'?><!DOCTYPE w:styles [<!ENTITY x "x">]>', 1)
        return part, data
    return _rezip(SHIPPED_DOCX, tpl / "plan.docx", edit)


@pytest.mark.parametrize(("make", "part"), [
    # A VML drawing: XML Word still writes, with a suffix of its own. Rendered
    # with exit 0 before, the DTD copied into the document.
    (_with_vml_part("word/vmlDrawing1.vml", VML_TYPE), "word/vmlDrawing1.vml"),
    (_with_vml_part("word/drawing.bin", VML_TYPE), "word/drawing.bin"),
    (_with_vml_part("word/item9.dat", b"application/xml"), "word/item9.dat"),
    (_styles_renamed, "word/styles.bin"),
], ids=["vml", "vml-typed-bin", "xml-typed-dat", "styles-renamed"])
def test_a_docx_template_part_xml_by_its_type_is_checked(
        make: Callable[[Path], Path], part: str, tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    make(tpl)
    r = thidua("render", "plan.yaml", "-o", "out.docx", "--template-dir", "tpl", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"its part {part} declares a DTD or entities" in r.stderr
    assert not (tmp_path / "out.docx").exists()


def test_a_worksheet_named_otherwise_is_checked_for_a_dtd(tmp_path: Path) -> None:
    shutil.copy(SCORING, tmp_path / "plan.yaml")
    assert thidua("scores", "sheets", "plan.yaml", "-o", "out", cwd=tmp_path).returncode == 0
    sheet = sorted((tmp_path / "out").glob("*.xlsx"))[0]

    def edit(part: str, data: bytes) -> tuple[str, bytes]:
        if part == "xl/worksheets/sheet1.xml":
            part, data = "xl/worksheets/sheet1.dat", b'<!DOCTYPE w [<!ENTITY s "5">]>' + data
        if part in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
            data = data.replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.dat")
        return part, data

    _rezip(sheet, tmp_path / "filled.xlsx", edit)
    before = (tmp_path / "plan.yaml").read_bytes()
    r = thidua("scores", "import", "plan.yaml", "filled.xlsx", cwd=tmp_path)
    # openpyxl reads the worksheet through the workbook's relationships,
    # whatever its name: it went through with its DTD (exit 1, scores read).
    assert r.returncode == 2, r.stdout + r.stderr
    assert "the part xl/worksheets/sheet1.dat declares a DTD or entities" in r.stderr
    assert (tmp_path / "plan.yaml").read_bytes() == before


# -- `new` whose write fails says only that


def test_new_that_cannot_write_prints_no_findings_of_the_file_not_written(
        tmp_path: Path) -> None:
    full = tmp_path / "full.yaml"
    try:
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # as /dev/full
    except PermissionError:
        pytest.skip("making a device node needs root")
    r = thidua("new", "--from", str(EXAMPLE), "--year", "2023", "--force", "full.yaml",
               cwd=tmp_path)
    # The new plan's warnings (`full.yaml:198:11: warning TD204`) and notes
    # came first, naming lines of a file that was never written.
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith("thidua: error: cannot write full.yaml: No space left"), r.stderr
    assert r.stderr.count("\n") == 1 and r.stdout == ""
    ok = thidua("new", "--from", str(EXAMPLE), "--year", "2023", "new.yaml", cwd=tmp_path)
    assert ok.returncode == 0 and "warning TD204" in ok.stderr and ok.stdout == "new.yaml\n"


# -- `-f github` escapes file names like the text format


@pytest.mark.parametrize("name", [
    "p\x1b[2Jx.yaml",          # ESC: clears the terminal the log is shown in
    "p\u202ex.yaml",           # a bidi override reorders the line
    "p\x85x.yaml",             # NEL
])
def test_a_github_annotation_shows_the_file_name_escaped(name: str, tmp_path: Path) -> None:
    (tmp_path / name).write_text(
        EXAMPLE.read_text("utf-8").replace("    lead: all", "    lead: zz", 1), "utf-8")
    r = thidua("lint", "-f", "github", name, cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith("::error file=p\\"), first
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", r.stdout)


# -- `--fix` and `scores import` keep extended attributes and the ACL


def _acl(uid: int) -> bytes:
    """A POSIX access ACL (the kernel's xattr form) letting ``uid`` read."""
    def entry(tag: int, perm: int, who: int = 0xFFFFFFFF) -> bytes:
        return struct.pack("<HHI", tag, perm, who)
    return struct.pack("<I", 2) + b"".join([
        entry(0x01, 6), entry(0x02, 4, uid), entry(0x04, 4), entry(0x10, 4), entry(0x20, 0)])


def _set_attributes(path: Path) -> dict[str, bytes]:
    wanted = {"user.thidua-test": b"kept", "system.posix_acl_access": _acl(4321)}
    try:
        for key, value in wanted.items():
            os.setxattr(path, key, value)
    except OSError as e:
        if e.errno in (errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
            pytest.skip(f"this file system keeps no {key}")
        raise
    return wanted


def _fix(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.yaml"
    plan.write_text(unicodedata.normalize("NFD", EXAMPLE.read_text("utf-8")), "utf-8")
    return plan


@pytest.mark.skipif(not hasattr(os, "setxattr"), reason="extended attributes: Linux")
@pytest.mark.parametrize("writer", ["lint --fix", "render"])
def test_a_rewritten_file_keeps_its_extended_attributes_and_acl(
        writer: str, tmp_path: Path) -> None:
    if writer == "lint --fix":
        target = _fix(tmp_path)
        args: tuple[str, ...] = ("lint", "--fix", "--today", "2022-01-01", "plan.yaml")
    else:
        shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
        target = tmp_path / "plan.md"
        target.write_text("old\n", "utf-8")
        args = ("render", "plan.yaml", "-o", "plan.md")
    wanted = _set_attributes(target)
    before = target.read_bytes()
    r = thidua(*args, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert target.read_bytes() != before
    # The temporary file renamed over it had none: the ACL's reader lost access.
    assert {k: os.getxattr(target, k) for k in wanted} == wanted


# -- control characters a plan may hold (TD406, a warning) in a score sheet


@pytest.mark.parametrize(("old", "new"), [
    ("name: Bộ Nội vụ", 'name: "Bộ\\x00 Nội\\x1b[2J vụ"'),                        # a member
    ("title: Tổ chức phong trào thi đua\n", 'title: "Tổ\\x1b]0;pwn\\x07 chức"\n'),  # a criterion
    ("name: Khối thi đua thử nghiệm", 'name: "Khối\\x01 thử"'),                    # the bloc
], ids=["member", "criterion", "bloc"])
def test_control_characters_reach_a_sheet_as_replacement_characters(
        old: str, new: str, tmp_path: Path) -> None:
    text = SCORING.read_text("utf-8")
    assert old in text
    (tmp_path / "plan.yaml").write_text(text.replace(old, new, 1), "utf-8")
    # openpyxl refused the character: an internal error, ESC ] 0 ; printed raw.
    for args in (("sheets", "plan.yaml", "-o", "out"), ("table", "plan.yaml", "-o", "t.xlsx")):
        r = thidua("scores", *args, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert "internal error" not in r.stderr and "\x1b" not in r.stderr
    sheets = sorted((tmp_path / "out").glob("*.xlsx"))
    assert len(sheets) == 3
    # The sheets are still this plan's (the bloc's name compared as written).
    r = thidua("scores", "import", "plan.yaml", *map(str, sheets), "--dry-run", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "TD510" in r.stderr and "sheet-of-other-plan" not in r.stderr


# -- `diff -f md` (a pull-request comment): no HTML, image or link from a name or value


def test_a_markdown_diff_shows_names_and_values_as_text(tmp_path: Path) -> None:
    old = "a`<img src=x>`![i](https:e.x.p.png).yaml"  # a backtick ended the code span
    text = EXAMPLE.read_text("utf-8")
    (tmp_path / old).write_text(text, "utf-8")
    (tmp_path / "new.yaml").write_text(text.replace(
        "name: Lê Văn Nghị", 'name: "![y](https://e.x/q.png) [z](https://e.x)"'), "utf-8")
    r = thidua("diff", "-f", "md", old, "new.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    heading, row = r.stdout.splitlines()[0], r.stdout.splitlines()[-1]
    assert heading == f"### thidua diff: ``{old}`` → `new.yaml`", heading
    assert "![y\\](https://e.x/q.png) [z\\](https://e.x)" in row, row


# -- `-o -` is standard output for `lint` and `schema` too


@pytest.mark.parametrize(("args", "start"), [
    (("lint", "-f", "json", "-o", "-", str(EXAMPLE)), '{\n  "findings"'),
    (("schema", "-o", "-"), '{\n  "$schema"'),
], ids=["lint", "schema"])
def test_output_dash_is_standard_output(args: tuple[str, ...], start: str,
                                        tmp_path: Path) -> None:
    r = thidua(*args, cwd=tmp_path)
    # Both wrote a file named `-` in the current folder, as no other command does.
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(start), r.stdout[:200]
    assert list(tmp_path.iterdir()) == []


# -- a long title (256 characters or more) in a Word document's properties


@pytest.mark.parametrize("args", [
    ("render", "plan.yaml", "-o", "out.docx"),
    ("render", "plan.yaml", "--doc", "tong-ket", "-o", "out.docx"),
    ("report", "plan.yaml", "-o", "out.docx"),
], ids=["render", "render-doc", "report"])
def test_a_title_longer_than_a_word_property_renders(args: tuple[str, ...],
                                                     tmp_path: Path) -> None:
    title = "Tổ chức phong trào thi đua, khen thưởng " * 8  # 320 characters
    text = re.sub(r"^title: .*$", lambda _: f"title: {title.strip()}",
                  EXAMPLE.read_text("utf-8"), count=1, flags=re.M)
    (tmp_path / "plan.yaml").write_text(text, "utf-8")
    r = thidua(*args, cwd=tmp_path)
    # python-docx refused a core property over 255 characters: an internal error.
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "out.docx") as docx:
        core = docx.read("docProps/core.xml").decode("utf-8")
    shown = re.search("<dc:title>([^<]*)</dc:title>", core)
    # The plan's title cut (a report's own title is short).
    assert shown is not None and len(shown[1]) <= 255, core


# -- an option value a usage error echoes is escaped


@pytest.mark.parametrize("args", [
    ("lint", "--lang", "\x1b]0;pwn\x07", str(EXAMPLE)),
    ("scores", "import", str(SCORING), "x.xlsx", "--field", "\x1b[2J"),
], ids=["lang", "field"])
def test_a_usage_error_shows_the_value_escaped(args: tuple[str, ...]) -> None:
    r = thidua(*args)
    assert r.returncode == 2, r.stderr
    assert "Invalid value" in r.stderr and "\\x1b" in r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr


# -- `-o /dev/stdout` into a pipe: written, and holding the document alone


@pytest.mark.parametrize("args", [
    ("render", str(EXAMPLE), "-f", "md", "-o"),
    ("render", str(EXAMPLE), "-f", "docx", "-o"),
    ("new", "--from", str(EXAMPLE), "--year", "2023", "--force"),
    ("scores", "table", str(SCORING), "-o"),
], ids=["render-md", "render-docx", "new", "scores-table"])
def test_dev_stdout_into_a_pipe_is_the_document_alone(args: tuple[str, ...],
                                                      tmp_path: Path) -> None:
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    r = thidua(*args, "/dev/stdout", cwd=tmp_path)  # the helper reads stdout from a pipe
    # It was refused: "a symbolic link to /proc/self/fd/1, which does not exist"
    # (realpath cannot follow /proc's link to `pipe:[…]`, open() does).
    assert r.returncode == 0, r.stderr
    assert r.stdout and not r.stdout.endswith("/dev/stdout\n"), r.stdout[-200:]
    assert list(tmp_path.iterdir()) == []


# -- an outside hyperlink used as a picture is refused


_PICTURE = (
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/'
    '2006/wordprocessingDrawing"><wp:extent cx="914400" cy="914400"/><wp:docPr id="99" '
    'name="p"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
    '<pic:cNvPr id="99" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'r:link="rIdH"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>'
    '</wp:inline></w:drawing></w:r></w:p>')


def test_an_outside_hyperlink_used_as_a_picture_is_refused(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    (tmp_path / "tpl").mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")

    def edit(part: str, data: bytes) -> tuple[str, bytes]:
        if part == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body>" + _PICTURE.encode(), 1)
        if part == "word/_rels/document.xml.rels":
            data = _related(data, "rIdH", "hyperlink", secret.as_uri(), external=True)
        return part, data

    _rezip(SHIPPED_DOCX, tmp_path / "tpl" / "plan.docx", edit)
    r = thidua("render", "plan.yaml", "-o", "out.docx", "--template-dir", "tpl", cwd=tmp_path)
    # A relationship typed as a hyperlink passed; the picture naming it made
    # LibreOffice put the local file into the PDF (checked by hand: a 50×50
    # image from file:///… in the PDF, none without the template).
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"its part word/document.xml links to {secret.as_uri()}" in r.stderr
    assert not (tmp_path / "out.docx").exists()
