"""The printed page, as LibreOffice lays it out: render DOCX, convert to PDF, read it
back with ``pdftotext -layout``, page by page.

On the example plan, a 2,000-task plan and a provincial plan whose table crosses
pages: no line starts with a spaced hyphen's second half (``- xã hội``), dates,
months and row numbers are whole in their cells, a section row is never the last
line of a page, and the closing block never starts a page on its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest

from .conftest import EXAMPLE, PLANS
from .rendering import big_plan

pytestmark = pytest.mark.skipif(
    not ((shutil.which("soffice") or shutil.which("libreoffice")) and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and pdftotext (poppler-utils)")

PROVINCE = PLANS / "valid" / "province-bloc.yaml"
SECTIONS = ("A. NHIỆM VỤ TRỌNG TÂM", "B. HOẠT ĐỘNG CHUNG")
DATE = re.compile(r"\d{2}/\d{1,2}/\d{4}")
MONTH = re.compile(r"tháng \d{1,2}/\d{4}")
# A line that starts with a dash and a word: a list item ("- Phát huy ...") has a
# capital; the second half of a spaced hyphen ("- xã hội", "- 2026") has not.
DASHED = re.compile(r"^\s*[-–] (\S+)", re.MULTILINE)
# The example, 2,000 tasks, a provincial plan whose table crosses pages, and two
# small plans whose table ends where, without keep-with-next, LibreOffice leaves
# the "B." section row last on page 2 (6 tasks) or starts page 4 with the closing
# block alone (7 tasks): the checks below fail on them when the keeping is lost.
PLANS_ = ("example", "big", "province", "section-at-page-end", "closing-at-page-top")
SMALL = {"section-at-page-end": 6, "closing-at-page-top": 7}


@cache
def source(name: str, folder: Path) -> Path:
    if name == "example":
        return EXAMPLE
    if name == "province":
        return PROVINCE
    path = folder / f"{name}.yaml"
    path.write_text(big_plan(SMALL[name], 3) if name in SMALL else big_plan(2000, 100), "utf-8")
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@cache
def _rendered(name: str, folder: Path) -> tuple[bytes, str]:
    """The DOCX and its PDF's text, one string a page."""
    from thidua_cli.render import RenderOptions, render_file

    plan = source(name, folder)
    docx = folder / f"{name}.docx"
    assert render_file(str(plan), RenderOptions(output=str(docx))).rendered
    subprocess.run([shutil.which("soffice") or "libreoffice",
                    f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=600)
    text = subprocess.run(["pdftotext", "-layout", str(folder / f"{name}.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    return docx.read_bytes(), text


def pages(name: str, folder: Path) -> list[list[str]]:
    """Each page's lines with text, without the page number."""
    _, text = _rendered(name, folder)
    out = []
    for page in text.split("\f"):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if lines and re.fullmatch(r"\s*\d+\s*", lines[0]):
            lines = lines[1:]
        if lines:
            out.append(lines)
    return out


def docx_text(name: str, folder: Path) -> str:
    docx, _ = _rendered(name, folder)
    xml = zipfile.ZipFile(BytesIO(docx)).read("word/document.xml").decode("utf-8")
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


@pytest.mark.parametrize("name", PLANS_)
def test_no_line_starts_with_the_second_half_of_a_spaced_hyphen(name: str,
                                                                folder: Path) -> None:
    _, text = _rendered(name, folder)
    assert "\u00a0- " in docx_text(name, folder)   # there are spaced hyphens to break
    broken = [w for w in DASHED.findall(text) if w[0].islower() or w[0].isdigit()]
    assert broken == []


@pytest.mark.parametrize("name", PLANS_)
def test_dates_and_months_are_whole(name: str, folder: Path) -> None:
    _, text = _rendered(name, folder)
    written = docx_text(name, folder)
    assert len(DATE.findall(written)) > 0
    # Every date and month the document holds prints on one line.
    assert len(DATE.findall(text)) == len(DATE.findall(written))
    assert len(MONTH.findall(text)) == len(MONTH.findall(written))


@pytest.mark.parametrize("name", PLANS_)
def test_row_numbers_and_stt_are_whole(name: str, folder: Path) -> None:
    lines = [ln for page in pages(name, folder) for ln in page]
    assert not any(re.search(r"(^|\s)ST(\s|$)", ln) for ln in lines)
    assert sum(1 for ln in lines if ln.lstrip().startswith("STT")) >= 1
    if name == "big":
        leading = {int(m.group(1)) for ln in lines if (m := re.match(r"\s*(\d{1,4})\s", ln))}
        assert set(range(1, 2001)) <= leading


@pytest.mark.parametrize("name", PLANS_)
def test_a_section_row_is_never_last_on_a_page(name: str, folder: Path) -> None:
    found = pages(name, folder)
    assert any(SECTIONS[0] in ln for page in found for ln in page)
    for number, page in enumerate(found, start=1):
        assert not any(s in page[-1] for s in SECTIONS), f"page {number} ends with {page[-1]}"


@pytest.mark.parametrize("name", PLANS_)
def test_the_closing_block_never_starts_a_page(name: str, folder: Path) -> None:
    found = pages(name, folder)
    where = [i for i, page in enumerate(found) if any("Nơi nhận:" in ln for ln in page)]
    assert len(where) == 1
    assert "Nơi nhận:" not in found[where[0]][0]


def test_the_table_crosses_pages_with_its_header(folder: Path) -> None:
    found = pages("province", folder)
    with_table = [page for page in found if any(ln.lstrip().startswith("STT") for ln in page)]
    assert len(with_table) >= 2   # the header repeated on the next page


def test_a_two_line_authority_prints_on_two_lines(folder: Path) -> None:
    lines = [ln.strip() for page in pages("province", folder) for ln in page]
    signer = [ln for ln in lines if ln.endswith(("ỦY BAN NHÂN DÂN", "CHỦ TỊCH"))]
    assert [re.split(r"\s{2,}", ln)[-1] for ln in signer] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
