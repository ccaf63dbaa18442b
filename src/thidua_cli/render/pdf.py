"""PDF through LibreOffice: the rendered DOCX converted by a real word processor.

LibreOffice runs headless with a profile of its own in a temporary folder:
with the user's profile, a LibreOffice window already open would take the job
over and the conversion would silently produce nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import OutputError, UsageError

OFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT = 180


def find_office() -> str | None:
    """The LibreOffice program on PATH, if any."""
    for name in OFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert a .docx (bytes) to PDF (bytes)."""
    office = find_office()
    if office is None:
        raise UsageError("render.no_office")
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as work:
        folder = Path(work)
        source = folder / "plan.docx"
        source.write_bytes(docx)
        command = [office, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "pdf",
                   "--outdir", str(folder), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            raise OutputError("render.pdf_failed",
                              reason=f"no answer after {TIMEOUT} s") from e
        except OSError as e:
            raise OutputError("render.pdf_failed", reason=e.strerror or str(e)) from e
        result = folder / "plan.pdf"
        if done.returncode != 0 or not result.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise OutputError("render.pdf_failed",
                              reason=detail[-1] if detail else f"exit {done.returncode}")
        return result.read_bytes()
