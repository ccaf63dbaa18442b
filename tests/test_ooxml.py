"""Every shipped template and every rendered document is valid Office Open XML.

The judge is a schema validator, ``openxml-audit --policy strict`` (a test
dependency): an element out of the schema's order is what makes Word "repair"
a file or refuse it. The validator is young; an error it reports wrongly is
named in ``KNOWN_FALSE`` (part, path, message) with the reason, and nothing
else is accepted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from thidua_cli.lint.engine import LintOptions, lint_file
from thidua_cli.report import build_report
from thidua_cli.report.document import docx_bytes

from .conftest import EXAMPLE, PLANS, ROOT
from .rendering import docx_of, shipped

SCORED = PLANS / "report" / "plan-2022-scored.yaml"
PROVINCE = PLANS / "valid" / "province-bloc.yaml"

#: Errors the validator reports on files that are valid: (message, path, reason).
#: None concerns what thidua writes itself; this one comes with a template saved
#: by LibreOffice, as a bloc's own letterhead often is.
KNOWN_FALSE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("Invalid value for attribute 'val': Value 'true' is not in allowed values: "
     "['off', 'on']",
     re.compile(r"^/document\[1\]/body\[1\]/tbl\[\d+\]/tr\[\d+\]/trPr\[1\]/"
                r"(cantSplit|tblHeader)\[1\]$"),
     "LibreOffice writes <w:cantSplit w:val=\"true\"/>; ISO/IEC 29500-1 types these "
     "CT_OnOff, whose ST_OnOff allows true/false/on/off/1/0, and Word opens the file "
     "without repair. The validator follows the Open XML SDK, which narrows them to "
     "on/off."),
)


def audit(path: Path) -> list[dict[str, str]]:
    """The validator's errors for ``path`` (its JSON report, read back)."""
    exe = shutil.which("openxml-audit") or str(Path(sys.executable).with_name("openxml-audit"))
    done = subprocess.run([exe, "--policy", "strict", "--max-errors", "0", "--output", "json",
                           str(path)], capture_output=True, text=True, timeout=300)
    (report,) = json.loads(done.stdout)
    errors: list[dict[str, str]] = report["errors"]
    assert (done.returncode == 0) == (not errors), done.stderr
    return errors


def known_false(error: dict[str, str]) -> bool:
    return error["part_uri"] == "/word/document.xml" and any(
        error["description"] == message and path.match(error["path"])
        for message, path, _ in KNOWN_FALSE)


def unexpected(path: Path) -> list[str]:
    return [f"{e['part_uri']} {e['path']}: {e['description']}" for e in audit(path)
            if not known_false(e)]


def report_docx(plan: Path) -> bytes:
    result = lint_file(str(plan), LintOptions())
    assert result.plan is not None, result.findings
    return docx_bytes(build_report(result.plan, as_of=date(2022, 12, 31), path=str(plan)),
                      shipped())


@pytest.mark.parametrize("name", ["plan.docx", "report.docx"])
def test_shipped_template_is_valid(name: str) -> None:
    assert unexpected(ROOT / "templates" / name) == []


@pytest.mark.parametrize(("name", "make"), [
    ("example-plan", lambda: docx_of(EXAMPLE)),
    ("scored-plan", lambda: docx_of(SCORED)),
    ("province-plan", lambda: docx_of(PROVINCE)),
    ("scored-report", lambda: report_docx(SCORED)),
    ("example-report", lambda: report_docx(EXAMPLE)),
])
def test_rendered_document_is_valid(name: str, make: object, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(make())  # type: ignore[operator]
    assert unexpected(path) == []


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="needs LibreOffice (soffice)")
def test_a_template_saved_by_libreoffice_renders_valid(tmp_path: Path) -> None:
    """A bloc edits the letterhead in LibreOffice and renders with it: nothing but
    the one named false error."""
    from thidua_cli.render import RenderOptions, render_file

    office = shutil.which("soffice") or str(shutil.which("libreoffice"))
    saved = tmp_path / "templates"
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(saved), str(ROOT / "templates" / "plan.docx")],
                   check=True, capture_output=True, timeout=300)
    out = tmp_path / "plan.docx"
    assert render_file(str(PROVINCE), RenderOptions(output=str(out),
                                                    template_dir=str(saved))).rendered
    errors = audit(out)
    assert any(known_false(e) for e in errors)     # the allowance is needed ...
    assert unexpected(out) == []                    # ... and nothing else is allowed


def test_the_validator_sees_an_element_out_of_order(tmp_path: Path) -> None:
    """The check can fail: a rule (w:pBdr) moved after w:ind is reported."""
    import zipfile

    source = ROOT / "templates" / "plan.docx"
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:pBdr>")
                end = text.index("</w:pBdr>") + len("</w:pBdr>")
                border = text[start:end]
                text = text[:start] + text[end:]
                close = text.index("</w:pPr>", start)
                text = text[:close] + border + text[close:]
                data = text.encode("utf-8")
            zout.writestr(item, data)
    assert any("pBdr" in e for e in unexpected(broken))
