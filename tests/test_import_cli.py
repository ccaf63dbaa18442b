"""``thidua import`` as a user runs it: the file written, the marks, refusals, exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import EXAMPLE, ROOT
from .helpers import run

CORPUS = ROOT / "tests" / "import"


def word_plan(tmp_path: Path, name: str = "letterhead-table") -> Path:
    path = tmp_path / "ke-hoach-2022.docx"
    shutil.copyfile(CORPUS / f"{name}.docx", path)
    return path


def test_import_writes_the_plan_beside_the_document_and_lints_it(tmp_path: Path) -> None:
    docx = word_plan(tmp_path)
    r = run("import", str(docx), "--lang", "en")
    out = tmp_path / "ke-hoach-2022.yaml"
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{out}\n"
    text = out.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# thidua import: generated from the name\n    - id: lmhtxvn\n" in text
    assert "TD301" in r.stderr  # the findings are printed: objectives not linked to tasks
    assert "value(s) marked 'thidua import:'" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [docx.name, out.name]
    assert run("lint", str(out)).returncode in (0, 1)


def test_an_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    docx = word_plan(tmp_path)
    out = tmp_path / "plan.yaml"
    out.write_text("mine\n")
    r = run("import", str(docx), "-o", str(out), "--lang", "en")
    assert r.returncode == 2 and "already exists" in r.stderr
    assert out.read_text() == "mine\n"
    assert run("import", str(docx), "-o", str(out), "--force").returncode == 0
    assert out.read_text("utf-8").startswith("# yaml-language-server")


def test_bloc_from_keeps_last_years_ids(tmp_path: Path) -> None:
    docx = word_plan(tmp_path)
    r = run("import", str(docx), "-o", "-", "--bloc-from", str(EXAMPLE))
    assert r.returncode == 0, r.stderr
    # The example's ids (bkhdt, nhnn), not generated ones (nhnnvn), and no mark on them.
    assert "  - id: nhnn\n      name: Ngân hàng Nhà nước Việt Nam\n      short_name: NHNN\n" in \
        r.stdout.replace("    - id", "  - id")
    assert "id: nhnnvn" not in r.stdout


def test_year_overrides_and_is_marked(tmp_path: Path) -> None:
    r = run("import", str(word_plan(tmp_path)), "-o", "-", "--year", "2023")
    assert "# thidua import: from --year; the document says 2022\nyear: 2023\n" in r.stdout


def test_messages_in_vietnamese(tmp_path: Path) -> None:
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    r = run("import", str(bad), "--lang", "vi")
    assert r.returncode == 2
    assert "không phải văn bản Word" in r.stderr


def test_a_missing_file(tmp_path: Path) -> None:
    r = run("import", str(tmp_path / "none.docx"), "--lang", "en")
    assert r.returncode == 2 and "none.docx" in r.stderr and "Traceback" not in r.stderr
