"""``thidua render`` as a user runs it: outputs, exit codes, messages, templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from .conftest import EXAMPLE, PLANS
from .helpers import run
from .rendering import GOLDEN

INVALID = PLANS / "invalid"
HAS_OFFICE = bool(shutil.which("soffice") or shutil.which("libreoffice"))
HAS_PDFTOTEXT = bool(shutil.which("pdftotext"))


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    copy = tmp_path / "plan-2022.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    return copy


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ------------------------------------------------------------------ outputs


def test_default_is_docx_beside_the_plan(plan: Path) -> None:
    r = run("render", str(plan))
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{plan.with_suffix('.docx')}\n"
    assert listing(plan.parent) == ["plan-2022.docx", "plan-2022.yaml"]  # no temp file
    assert Document(str(plan.with_suffix(".docx"))).tables[0].cell(0, 1).paragraphs[0].text \
        == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.mark.parametrize(("args", "written"), [
    (("--format", "md"), "plan-2022.md"),
    (("-o", "{dir}/ke-hoach.md"), "ke-hoach.md"),
    (("-o", "{dir}/ke-hoach.markdown"), "ke-hoach.markdown"),
    (("--format", "md", "-o", "{dir}/ke-hoach.txt"), "ke-hoach.txt"),
])
def test_markdown_to_a_file(plan: Path, args: tuple[str, ...], written: str) -> None:
    r = run("render", str(plan), *(a.format(dir=plan.parent) for a in args))
    assert r.returncode == 0, r.stderr
    out = plan.parent / written
    assert r.stdout == f"{out}\n"
    assert out.read_text("utf-8") == (GOLDEN / "plan-2022.md").read_text("utf-8")


def test_dash_o_dash_prints_markdown(plan: Path) -> None:
    r = run("render", str(plan), "-o", "-")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (GOLDEN / "plan-2022.md").read_text("utf-8")
    assert listing(plan.parent) == ["plan-2022.yaml"]


def test_plan_from_stdin(tmp_path: Path) -> None:
    r = run("render", "-", "-o", "-", stdin=EXAMPLE.read_text("utf-8"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("<!--")


def test_rerendering_replaces_the_output(plan: Path) -> None:
    out = plan.with_suffix(".md")
    out.write_text("old", "utf-8")
    out.chmod(0o640)
    assert run("render", str(plan), "-f", "md").returncode == 0
    assert out.read_text("utf-8").startswith("<!--")
    assert out.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("spelling", ["{plan}", "{dir}/./plan-2022.yaml"])
def test_refuses_to_write_over_the_plan(plan: Path, spelling: str) -> None:
    before = plan.read_bytes()
    target = spelling.format(plan=plan, dir=plan.parent)
    r = run("render", str(plan), "--format", "md", "-o", target)
    assert r.returncode == 2
    assert "refusing to write over" in r.stderr
    assert plan.read_bytes() == before
    assert listing(plan.parent) == ["plan-2022.yaml"]


# ------------------------------------------------------------------ lint first


def test_plan_with_errors_is_not_rendered(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes((INVALID / "td101-unknown-lead.yaml").read_bytes())
    r = run("render", str(bad))
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert lines[0].startswith(f"{bad}:22:11: error TD101 [unknown-member] ")
    assert lines[-1] == f"{bad} was not rendered: fix the errors above first"
    assert r.stdout == ""
    assert listing(tmp_path) == ["bad.yaml"]


def test_warnings_do_not_block(tmp_path: Path) -> None:
    plan = tmp_path / "warn.yaml"
    plan.write_bytes((INVALID / "td301-objective-without-task.yaml").read_bytes())
    r = run("render", str(plan), "-f", "md")
    assert r.returncode == 0
    assert " warning TD301 [objective-without-task] " in r.stderr
    assert (tmp_path / "warn.md").is_file()


# ------------------------------------------------------------------ usage


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "html"), "'html' is not a format: use docx, md or pdf"),
    (("-o", "out.txt"), "cannot tell the format from the name out.txt"),
    (("--format", "docx", "-o", "out.md"), "--format docx does not match the output name"),
    (("--format", "docx", "-o", "-"), "only Markdown can go to standard output"),
    (("--template-dir", "no/such/dir"), "the template folder no/such/dir does not exist"),
    (("-o", "no/such/dir/plan.docx"), "the folder no/such/dir does not exist"),
])
def test_usage_problems_exit_2(plan: Path, args: tuple[str, ...], message: str) -> None:
    r = run("render", str(plan), *args, cwd=plan.parent)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr
    assert listing(plan.parent) == ["plan-2022.yaml"]


def test_missing_plan_exit_2(tmp_path: Path) -> None:
    r = run("render", str(tmp_path / "khong-co.yaml"))
    assert r.returncode == 2
    assert r.stderr == f"thidua: error: {tmp_path / 'khong-co.yaml'} does not exist\n"


@pytest.mark.parametrize("extra", [(), ("--doc", "don-doc", "--per-member")])
def test_an_empty_plan_name_is_refused(tmp_path: Path, extra: tuple[str, ...]) -> None:
    # Not the current folder (Path('') is '.'), and no internal error.
    r = run("render", "", *extra, cwd=tmp_path)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "thidua: error: plan is empty: give the path of a file or folder\n"
    assert listing(tmp_path) == []


def test_stdin_needs_an_output_name() -> None:
    r = run("render", "-", stdin=EXAMPLE.read_text("utf-8"))
    assert r.returncode == 2
    assert "needs -o" in r.stderr


def test_messages_in_vietnamese(plan: Path) -> None:
    r = run("render", str(plan), "--lang", "vi", "--format", "html")
    assert r.stderr == ("thidua: lỗi: 'html' không phải là định dạng: "
                        "hãy dùng docx, md hoặc pdf\n")


# ------------------------------------------------------------------ templates


def write_template(folder: Path, text: str, name: str = "plan.md.j2") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_template_dir_overrides_file_by_file(plan: Path) -> None:
    custom = plan.parent / "custom"
    write_template(custom, "Kế hoạch: {{ title }} ({{ bloc.head.name }})\n")
    r = run("render", str(plan), "-o", "-", "--template-dir", str(custom))
    assert r.stdout == ("Kế hoạch: Tổ chức phong trào thi đua, khen thưởng năm 2022 của "
                        "Khối thi đua các bộ, ngành tổng hợp (Liên minh Hợp tác xã Việt Nam)\n")
    # plan.docx is not in the folder: the shipped one is used.
    assert run("render", str(plan), "--template-dir", str(custom)).returncode == 0


def test_templates_folder_in_the_working_directory(plan: Path) -> None:
    write_template(plan.parent / "templates", "{{ year }}|{{ document | number_line }}\n")
    r = run("render", str(plan), "-o", "-", cwd=plan.parent)
    assert r.stdout == "2022|Số:      /KH-LMHTXVN\n"
    # --template-dir comes first.
    write_template(plan.parent / "mine", "mine\n")
    r = run("render", str(plan), "-o", "-", "--template-dir", "mine", cwd=plan.parent)
    assert r.stdout == "mine\n"


@pytest.mark.parametrize(("template", "message"), [
    ("{{ title }}\n{{ titel }}\n", "plan.md.j2:2: the template uses a value the plan does "
                                   "not have: 'titel' is undefined"),
    ("{{ title }}\n\n{% for t in tasks %}\n", "plan.md.j2:3: template syntax error: "),
    ("{{ tasks[0].lead | long_date }}\n", "plan.md.j2:1: the template failed: AttributeError"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
     "plan.md.j2:1: the template tried something the sandbox forbids: access to attribute "
     "'__class__' of 'str' object is unsafe."),
    ("{{ title.__init__.__globals__ }}\n", "the sandbox forbids"),
    ("{% for i in range(10**9) %}{% endfor %}\n", "MAX_RANGE"),
])
def test_template_errors_are_messages_with_a_place(plan: Path, template: str,
                                                   message: str) -> None:
    custom = plan.parent / "custom"
    write_template(custom, template)
    r = run("render", str(plan), "-o", "-", "--template-dir", str(custom))
    assert r.returncode == 2
    assert message in r.stderr
    assert r.stderr.startswith(f"thidua: error: {custom / 'plan.md.j2'}")
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


def test_docx_template_typo_names_the_template_and_its_words(plan: Path) -> None:
    custom = plan.parent / "custom"
    custom.mkdir()
    doc = Document()
    doc.add_paragraph("Tiêu đề: {{ title }}")
    doc.add_paragraph("Năm: {{ nam }}")
    doc.save(str(custom / "plan.docx"))
    r = run("render", str(plan), "--template-dir", str(custom))
    assert r.returncode == 2
    assert r.stderr == (f"thidua: error: {custom / 'plan.docx'}: the template uses a value "
                        "the plan does not have: 'nam' is undefined (“Năm: {{ nam }}”)\n")
    assert listing(plan.parent) == ["custom", "plan-2022.yaml"]


def test_docx_template_that_breaks_the_xml(plan: Path) -> None:
    custom = plan.parent / "custom"
    custom.mkdir()
    doc = Document()
    doc.add_paragraph("{{ '<w:p>' | safe }}")  # a template may mark text safe, and break XML
    doc.save(str(custom / "plan.docx"))
    r = run("render", str(plan), "--template-dir", str(custom))
    assert r.returncode == 2
    assert "produced a document that is not well-formed XML" in r.stderr
    assert "Traceback" not in r.stderr


def test_docx_template_that_is_not_a_docx(plan: Path) -> None:
    custom = plan.parent / "custom"
    write_template(custom, "not a zip", name="plan.docx")
    r = run("render", str(plan), "--template-dir", str(custom))
    assert r.returncode == 2
    assert "is not a usable DOCX template" in r.stderr
    assert "Traceback" not in r.stderr


# ------------------------------------------------------------------ PDF


def test_pdf_without_libreoffice_says_how_to_install_it(plan: Path) -> None:
    r = run("render", str(plan), "--format", "pdf", env={"PATH": str(plan.parent)})
    assert r.returncode == 2
    assert "apt-get install libreoffice-writer-nogui" in r.stderr
    assert listing(plan.parent) == ["plan-2022.yaml"]


@pytest.mark.skipif(not (HAS_OFFICE and HAS_PDFTOTEXT),
                    reason="needs LibreOffice (soffice) and pdftotext (poppler-utils)")
def test_pdf_through_libreoffice(plan: Path) -> None:
    r = run("render", str(plan), "-o", str(plan.parent / "ke-hoach.pdf"))
    assert r.returncode == 0, r.stderr
    pdf = plan.parent / "ke-hoach.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "Văn phòng Chủ tịch nước",
                     "Ủy ban Dân tộc", "Lê Văn Nghị", "Lưu: VT, TĐKT."):
        assert expected in flat
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "pts (A4)" in info
    # No number on page 1; "2" alone on the first line of page 2.
    first, second = (subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                    capture_output=True, text=True).stdout.split()
                     for n in (1, 2))
    assert first[0] != "1"
    assert second[0] == "2"


# ------------------------------------------------------------------ start-up


def test_lint_does_not_import_the_renderer() -> None:
    code = ("import runpy, sys\n"
            f"sys.argv = ['thidua', 'lint', {str(EXAMPLE)!r}]\n"
            "try:\n    runpy.run_module('thidua_cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "heavy = [m for m in ('jinja2', 'docx', 'docxtpl') if m in sys.modules]\n"
            "sys.stderr.write(repr(heavy))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "NO_COLOR": "1"}, timeout=60)
    assert r.stderr == "[]"
