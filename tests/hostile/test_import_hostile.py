"""Hostile Word files given to ``thidua import``: a message and exit 2, memory bounded,
nothing fetched, nothing run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOOD = ROOT / "tests" / "import" / "letterhead-table.docx"
MACRO_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"


def run(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thidua_cli", "import", str(path), "-o", "-",
                           "--lang", "en", *args], capture_output=True, text=True, timeout=120)


def variant(tmp: Path, name: str, replace: dict[str, bytes], add: dict[str, bytes] | None = None,
            method: int = zipfile.ZIP_DEFLATED) -> Path:
    out = tmp / name
    with zipfile.ZipFile(GOOD) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for part, data in (add or {}).items():
            dst.writestr(part, data)
    return out


def document_xml() -> bytes:
    with zipfile.ZipFile(GOOD) as src:
        return src.read("word/document.xml")


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = b"<w:document" + b" " * (16 * 1024 * 1024) + b"/>"
    done = run(variant(tmp_path, "bomb.docx", {"word/document.xml": bomb}))
    assert done.returncode == 2
    assert "zip bomb" in done.stderr and "Traceback" not in done.stderr


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;">]>'
              + document_xml().split(b"?>", 1)[1])
    done = run(variant(tmp_path, "laughs.docx", {"word/document.xml": laughs}))
    assert done.returncode == 2
    assert "DTD" in done.stderr


def test_an_external_entity_is_refused(tmp_path: Path) -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           + document_xml().split(b"?>", 1)[1])
    done = run(variant(tmp_path, "xxe.docx", {"word/document.xml": xxe}))
    assert done.returncode == 2 and "root:" not in done.stdout + done.stderr


def test_external_references_are_listed_not_followed(tmp_path: Path) -> None:
    with zipfile.ZipFile(GOOD) as src:
        rels = src.read("word/_rels/document.xml.rels")
    link = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/attachedTemplate" Target="http://127.0.0.1:9/t.dotm" '
            b'TargetMode="External"/></Relationships>')
    path = variant(tmp_path, "external.docx",
                   {"word/_rels/document.xml.rels": rels.replace(b"</Relationships>", link)})
    done = run(path)
    assert done.returncode == 0, done.stderr
    assert "not followed: attachedTemplate: http://127.0.0.1:9/t.dotm" in done.stdout


def test_a_100_mb_image_is_never_inflated(tmp_path: Path) -> None:
    path = variant(tmp_path, "photo.docx", {}, {"word/media/image1.png": bytes(100 * 2**20)})
    # The import's own peak memory, reported by the process that ran it: the
    # high-water mark of its own memory map (VmHWM, in kB), which exec starts
    # afresh. (ru_maxrss keeps the parent's across exec: run after tests that
    # grew pytest past 200 MB, it measured pytest.)
    code = ("import sys\n"
            "from thidua_cli.importer import import_docx\n"
            "import_docx(sys.argv[1])\n"
            "print(next(line.split()[1] for line in open('/proc/self/status')\n"
            "           if line.startswith('VmHWM:')))")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < 200 * 1024  # KB: far below the picture's 100 MB


@pytest.mark.parametrize("how", ["content-type", "vba-project"])
def test_a_macro_enabled_document_is_refused(tmp_path: Path, how: str) -> None:
    with zipfile.ZipFile(GOOD) as src:
        types = src.read("[Content_Types].xml")
    if how == "content-type":
        main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        path = variant(tmp_path, "plan.docm", {"[Content_Types].xml":
                                               types.replace(main, MACRO_TYPE.encode())})
    else:
        path = variant(tmp_path, "plan.docx", {}, {"word/vbaProject.bin": b"\x00" * 64})
    done = run(path)
    assert done.returncode == 2
    assert "macro" in done.stderr


def test_not_a_zip_and_an_old_doc_get_messages(tmp_path: Path) -> None:
    text = tmp_path / "plan.docx"
    text.write_text("not a document")
    done = run(text)
    assert done.returncode == 2 and "not a Word document" in done.stderr
    old = tmp_path / "plan.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    done = run(old)
    assert done.returncode == 2
    assert "--convert-to docx" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_an_old_doc_is_converted_by_libreoffice(tmp_path: Path) -> None:
    """A real .doc (saved by LibreOffice from the corpus) imports through the conversion."""
    folder = tmp_path / "convert"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "doc", "--outdir", str(folder),
                    str(GOOD)], check=True, capture_output=True, timeout=180)
    old = folder / "letterhead-table.doc"
    assert old.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    done = run(old)
    assert done.returncode == 0, done.stderr
    assert "  name: Khối thi đua các bộ, ngành tổng hợp\n" in done.stdout
    assert sorted(p.name for p in folder.iterdir()) == ["letterhead-table.doc"]  # no leftovers


def test_nesting_thousands_deep_is_refused(tmp_path: Path) -> None:
    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    deep = 20_000
    xml = (b"<w:document " + ns + b"><w:body>" + b"<w:sdt><w:sdtContent>" * deep
           + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" + b"</w:sdtContent></w:sdt>" * deep
           + b"</w:body></w:document>")
    done = run(variant(tmp_path, "deep.docx", {"word/document.xml": xml}))
    assert done.returncode == 2, done.stderr
    assert "thousands deep" in done.stderr and "internal error" not in done.stderr
