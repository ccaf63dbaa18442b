"""PDF through LibreOffice: the rendered DOCX converted by a real word processor.

LibreOffice runs headless with a profile of its own in a temporary folder:
with the user's profile, a LibreOffice window already open would take the job
over and the conversion would silently produce nothing.

LibreOffice starts a process of its own (``soffice.bin``) that outlives the
one thidua runs; left behind by an interrupted run it would go on writing in
the temporary folder after thidua removed it. So it runs in a process group
of its own, killed and waited for on every way out: done, failed, timed out,
interrupted. Its one file outside that folder, the socket it listens on for
a second instance (``/tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<hash>``, which it
removes only when it ends by itself), is removed after it too.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
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
    from ..atomic import temporary_folder, write_private

    with temporary_folder("thidua-pdf-") as folder:
        source = folder / "plan.docx"
        write_private(source, docx)
        command = [office, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "pdf",
                   "--outdir", str(folder), str(source)]
        try:
            returncode, stdout, stderr = run_office(command, folder, TIMEOUT)
        except subprocess.TimeoutExpired as e:
            raise OutputError("render.pdf_failed",
                              reason=f"no answer after {TIMEOUT} s") from e
        except OSError as e:
            raise OutputError("render.pdf_failed", reason=e.strerror or str(e)) from e
        result = folder / "plan.pdf"
        if returncode != 0 or not result.is_file():
            detail = (stderr or stdout).strip().splitlines()
            raise OutputError("render.pdf_failed",
                              reason=detail[-1] if detail else f"exit {returncode}")
        return result.read_bytes()


def run_office(command: list[str], folder: Path, timeout: float) -> tuple[int, str, str]:
    """Run LibreOffice's ``command`` for a conversion in ``folder`` (a temporary
    folder the caller removes): exit code, stdout, stderr.

    Every conversion goes through here (the PDF of ``render``, the .doc of
    ``import``): in a process group of its own, gone when this returns, its
    own temporary files inside ``folder`` too, even when it is killed before it
    could remove them itself. (The importer ran it apart: a SIGTERM left
    ``soffice.bin`` running, and it recreated the removed folder.)
    """
    scratch = folder / "tmp"
    scratch.mkdir(mode=0o700, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(scratch, 0o700)  # whatever the umask: LibreOffice writes there
    try:
        return _run(command, {**os.environ, "TMPDIR": str(scratch)}, timeout)
    finally:
        for pipe in office_pipes(command):
            _remove_socket(pipe)


#: Where LibreOffice puts its pipe (``sal/osl/unx/pipe.cxx``): the first it may write to.
PIPE_FOLDERS = ("/tmp", "/var/tmp")
_PROFILE = "-env:UserInstallation="


def office_pipes(command: list[str]) -> list[Path]:
    """The socket LibreOffice run as ``command`` listens on, in each folder it may use.

    Its name holds the MD5 of the profile's URL as UTF-16 code units, each
    byte in hex without its leading zero (``CreateMD5FromString`` in
    ``desktop/source/app/officeipcthread.cxx``); TMPDIR does not move it.
    A profile of thidua's own temporary folder makes the name this run's alone.
    """
    profiles = [arg[len(_PROFILE):] for arg in command if arg.startswith(_PROFILE)]
    if not profiles or not hasattr(os, "getuid"):
        return []
    digest = hashlib.md5(profiles[-1].encode("utf-16-le"), usedforsecurity=False).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{b:x}' for b in digest)}"
    return [Path(folder) / name for folder in PIPE_FOLDERS]


def _remove_socket(path: Path) -> None:
    """Remove ``path`` if it is a socket of this user's (never anything else)."""
    import stat

    with contextlib.suppress(OSError):
        info = path.lstat()
        if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
            path.unlink()


def _run(command: list[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    """Run LibreOffice in a process group of its own; the group is gone when this returns."""
    # Its own files (profile, the converted document) are private to this run
    # and must be usable by it: under `umask 0277` or `0777` as another user
    # than root, LibreOffice could not write inside the profile it made.
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=env, umask=0o077)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        return proc.returncode, stdout, stderr
    finally:
        # Whatever it left running (it forks), on every way out.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
