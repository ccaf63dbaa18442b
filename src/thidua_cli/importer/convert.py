"""The old binary Word format (.doc), converted by LibreOffice when it is there.

thidua does not read .doc itself (a different, binary format). When
LibreOffice is installed it converts the file to .docx, headless, with a
profile of its own, in a temporary folder that is removed afterwards, and is
stopped after ``TIMEOUT`` seconds (``render.pdf.run_office``: in a process
group of its own, gone on every way out, a signal included); otherwise the
message says how to convert.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import InputError
from ..render.pdf import find_office, run_office

TIMEOUT = 120
COMMAND = "soffice --headless --convert-to docx"


def doc_to_docx(path: Path, shown: str) -> bytes:
    """The .docx bytes of the .doc at ``path``."""
    office = find_office()
    if office is None:
        raise InputError("import.doc_format", path=shown, command=f"{COMMAND} {shown}")
    from ..atomic import temporary_folder, write_private

    with temporary_folder("thidua-import-") as folder:
        source = folder / "plan.doc"
        write_private(source, path.read_bytes())  # LibreOffice must read it, whatever the umask
        command = [office, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "docx",
                   "--outdir", str(folder), str(source)]
        try:
            returncode, stdout, stderr = run_office(command, folder, TIMEOUT)
        except (subprocess.TimeoutExpired, OSError) as e:
            raise InputError("import.doc_failed", path=shown, reason=str(e),
                             command=f"{COMMAND} {shown}") from e
        result = folder / "plan.docx"
        if returncode != 0 or not result.is_file():
            detail = (stderr or stdout).strip().splitlines()
            raise InputError("import.doc_failed", path=shown,
                             reason=detail[-1] if detail else f"exit {returncode}",
                             command=f"{COMMAND} {shown}")
        return result.read_bytes()
