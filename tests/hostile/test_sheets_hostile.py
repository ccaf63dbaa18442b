"""Hostile input to ``thidua scores``: plan text that looks like a formula, workbooks that
are not what they claim, outputs that are not files. Each a real process: a message and
exit 2 (or the sheet written safely), never an internal error."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from ..conftest import PLANS
from .common import thidua

TREE = PLANS / "valid" / "scoring-tree.yaml"
LINK = '=HYPERLINK("http://evil.example/","Bấm")'


def _clean(r_stdout: str, r_stderr: str) -> None:
    output = r_stdout + r_stderr
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(TREE.read_text("utf-8"), "utf-8")
    return path


@pytest.fixture
def sheet(plan: Path) -> Path:
    r = thidua("scores", "sheets", "plan.yaml", "-o", "sheets", cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    return plan.parent / "sheets" / "btc.xlsx"


def _variant(sheet: Path, name: str, part: str, edit: bytes | None = None,
             add: bytes | None = None) -> Path:
    """``sheet`` with ``part`` replaced by ``edit`` (or a new ``part`` holding ``add``)."""
    out = sheet.parent.parent / name
    with zipfile.ZipFile(sheet) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, edit if info.filename == part and edit else data)
        if add is not None:
            dst.writestr(part, add)
    return out


def test_plan_text_that_looks_like_a_formula_is_written_as_text(plan: Path) -> None:
    from openpyxl import load_workbook

    text = plan.read_text("utf-8")
    text = text.replace("name: Bộ Nội vụ", 'name: "' + LINK.replace('"', '\\"') + '"')
    text = text.replace("title: Chất lượng tham mưu", 'title: "=1+2"')
    text = text.replace("name: Khối thi đua thử nghiệm", 'name: "=cmd|\' /C calc\'!A0"')
    plan.write_text(text, "utf-8")
    for args in (("table", "plan.yaml", "-o", "table.xlsx"), ("sheets", "plan.yaml", "-o", ".")):
        r = thidua("scores", *args, cwd=plan.parent)
        assert r.returncode == 0, r.stderr
    cells = {}
    for name in ("table.xlsx", "bnv.xlsx"):
        for ws in load_workbook(plan.parent / name):
            for row in ws.iter_rows():
                cells.update({(name, ws.title, c.coordinate): c for c in row
                              if isinstance(c.value, str) and c.value.startswith("=")})
    texts = {k: c.value for k, c in cells.items() if c.data_type == "s"}
    assert texts == {
        ("table.xlsx", "Tổng hợp", "A1"): "=CMD|' /C CALC'!A0",
        ("table.xlsx", "Tổng hợp", "B6"): LINK,
        ("bnv.xlsx", "Tự chấm", "A1"): "=CMD|' /C CALC'!A0",
        ("bnv.xlsx", "Tự chấm", "B10"): "=1+2",
        ("bnv.xlsx", "_thidua", "B2"): "=cmd|' /C calc'!A0",
    }
    assert all(c.quotePrefix for k, c in cells.items() if k in texts)
    # The plan's text never became a formula; thidua's own totals still are.
    formulas = [c.value for k, c in cells.items() if c.data_type == "f"]
    assert formulas and not any("HYPERLINK" in f or "cmd" in f.lower() for f in formulas)
    # And the sheet, its bloc name a formula-looking text, still imports.
    r = thidua("scores", "import", "--dry-run", "plan.yaml", "bnv.xlsx", cwd=plan.parent)
    _clean(r.stdout, r.stderr)
    assert "TD511" not in r.stderr and "TD507" not in r.stderr, r.stderr


DTD = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'


@pytest.mark.parametrize(("name", "part", "how", "message"), [
    ("laughs", "xl/worksheets/sheet1.xml", "dtd", "declares a DTD or entities"),
    ("xxe", "xl/workbook.xml", "xxe", "declares a DTD or entities"),
    ("shared", "xl/sharedStrings.xml", "add", "declares a DTD or entities"),
    ("cut", "xl/worksheets/sheet1.xml", "cut", "is not well-formed XML"),
    ("bool", "xl/worksheets/sheet1.xml", 't="b"><v>x</v>', "is damaged"),
    ("date", "xl/worksheets/sheet1.xml", 't="d"><v>someday</v>', "is damaged"),
    ("string", "xl/worksheets/sheet1.xml", 't="s"><v>99999</v>', "is damaged"),
])
def test_a_damaged_or_hostile_workbook_is_a_message(sheet: Path, name: str, part: str,
                                                    how: str, message: str) -> None:
    with zipfile.ZipFile(sheet) as z:
        data = z.read(part) if part in z.namelist() else b""
    add = None
    if how == "dtd":
        data = DTD + data.replace(b"<t>", b"<t>&b;", 1)
    elif how == "xxe":
        data = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]>' + data
    elif how == "add":
        add = DTD + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
                    b"<si><t>&b;</t></si></sst>"
    elif how == "cut":
        data = data[: len(data) // 2]
    else:  # a score cell whose value its type cannot hold
        data = data.replace(b'<c r="D9"', b'<c r="D9" ' + how.encode() + b'</c><c r="Z99"', 1)
    path = _variant(sheet, f"{name}.xlsx", part, data, add)
    r = thidua("scores", "import", "plan.yaml", path.name, "--lang", "en", cwd=path.parent)
    _clean(r.stdout, r.stderr)
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(f"thidua: error: {name}.xlsx") and message in r.stderr, r.stderr
    assert "hostname" not in r.stdout


@pytest.mark.parametrize("kind", ["device", "fifo"])
@pytest.mark.parametrize("command", ["scores", "import"])
def test_a_device_or_pipe_as_a_workbook_or_document(tmp_path: Path, plan: Path, kind: str,
                                                   command: str) -> None:
    """zipfile reads /dev/zero to its end (it ran out of memory); a FIFO waits for ever."""
    node = tmp_path / ("node.xlsx" if command == "scores" else "node.docx")
    if kind == "device":
        try:
            os.mknod(node, 0o644 | 0o020000, os.makedev(1, 5))  # a /dev/zero of our own
        except PermissionError:
            pytest.skip("making a device node needs root")
    else:
        os.mkfifo(node)
    args = ("scores", "import", "plan.yaml", node.name) if command == "scores" else (
        "import", node.name, "-o", "-")
    r = thidua(*args, "--lang", "en", cwd=tmp_path, timeout=60)
    _clean(r.stdout, r.stderr)
    assert (r.returncode, r.stderr) == (2, f"thidua: error: {node.name} is not a file but a "
                                           "device, pipe or socket: give the path of a saved "
                                           "file\n")
    assert r.max_rss_mb < 200


def test_outputs_that_are_not_folders_or_files(plan: Path) -> None:
    folder = plan.parent
    os.symlink("loop-b", folder / "loop-a")
    os.symlink("loop-a", folder / "loop-b")
    os.symlink(folder / "missing", folder / "dangling")
    long = "a" * 300
    cases = [
        (("sheets", "-o", "-"), "a workbook cannot go to standard output (-o -)"),
        (("table", "-o", "-"), "a workbook cannot go to standard output (-o -)"),
        (("table", "-o", "plan-2023.yaml"), "plan-2023.yaml ends in .yaml, the name of a plan "
                                            "or a document, but the table is an Excel workbook"),
        (("table", "-o", "t.csv"), "t.csv ends in .csv, but the table is an Excel workbook, "
                                   "which a program opening a .csv file cannot read: name it "
                                   "t.xlsx"),
        (("table", "-o", "t.ods"), "name it t.xlsx"),
        (("sheets", "-o", long), f"{long}: the name is too long for the file system"),
        (("sheets", "-o", "loop-a"), "cannot write loop-a: its symbolic links go round in a loop"),
        (("sheets", "-o", "dangling"), "cannot create the folder dangling: it is a symbolic "
                                       "link to"),
    ]
    for args, message in cases:
        r = thidua("scores", args[0], "plan.yaml", *args[1:], "--lang", "en", cwd=folder)
        _clean(r.stdout, r.stderr)
        assert r.returncode == 2, (args, r.stderr)
        assert message in r.stderr, (args, r.stderr)
        assert r.stdout == ""
    assert not (folder / "-").exists() and not (folder / "missing").exists()
    r = thidua("import", str(PLANS.parent / "import" / "letterhead-table.docx"), "-o",
               long + ".yaml", "--lang", "en", cwd=folder)
    _clean(r.stdout, r.stderr)
    assert r.returncode == 2 and "the name is too long for the file system" in r.stderr


def test_a_plan_on_standard_input_is_read_once_and_never_written(plan: Path,
                                                                 sheet: Path) -> None:
    """``scores import -`` read stdin twice and failed with an internal error."""
    from ..sheets import fill

    for member in ("btc", "bnv", "ubdt"):
        fill(sheet.parent / f"{member}.xlsx", {"ke-hoach": 20, "chat-luong": 5, "cai-cach": 10,
                                               "phat-dong": 10, "khoi": 10})
    text = plan.read_bytes()
    r = thidua("scores", "import", "-", "sheets", "--lang", "en", stdin=text, cwd=plan.parent)
    _clean(r.stdout, r.stderr)
    assert (r.returncode, r.stderr) == (
        2, "thidua: error: the scores are written into the plan file, and standard input (-) "
           "is not one: give the plan's file name, or --diff or --dry-run to write nothing\n")
    r = thidua("scores", "import", "-", "sheets", "--diff", stdin=text, cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    assert "+    khoi: {self: 10}\n" in r.stdout
    assert not (plan.parent / "-").exists() and plan.read_bytes() == text
