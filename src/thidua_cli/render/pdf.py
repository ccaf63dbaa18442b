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

LibreOffice fetches what a document links to when it converts it: a ``.doc``
given to ``import`` with a picture linked to ``http://…`` made it ask that
server (a beacon, or a request to a machine on the user's network). So it runs
in a network namespace of its own, where no interface is up, whenever the
system allows one (``_offline``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError, UsageError

OFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT = 180


def find_office() -> str | None:
    """The LibreOffice program on PATH, if any, by its absolute name (``programs``:
    never a ``./soffice`` of the current folder that PATH's ``.`` names)."""
    from ..programs import find

    for name in OFFICE_NAMES:
        found = find(name)
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
        return _run(command, {**os.environ, "TMPDIR": str(scratch)}, timeout, folder)
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


def _run(command: list[str], env: dict[str, str], timeout: float,
         folder: Path | None = None) -> tuple[int, str, str]:
    """Run LibreOffice in a process group of its own; the group is gone when this returns.

    It runs in ``folder`` (every path it is given is absolute): in a current
    folder whose path is longer than the system takes (4,096 bytes), the
    ``soffice`` script's own ``cd`` failed and so did every PDF.
    """
    # Its own files (profile, the converted document) are private to this run
    # and must be usable by it: under `umask 0277` or `0777` as another user
    # than root, LibreOffice could not write inside the profile it made.
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=env, umask=0o077, preexec_fn=_offline(),
                            cwd=None if folder is None else str(folder))
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        return proc.returncode, stdout, stderr
    finally:
        # Whatever it left running (it forks), on every way out.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()


_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def _offline() -> Callable[[], None] | None:
    """What the child runs before LibreOffice: a network namespace of its own (no
    interface up, so nothing linked from a document can be fetched), as root
    directly, else inside a user namespace that maps the user to itself (its
    pipe keeps the name ``office_pipes`` gives it). Where the system allows
    neither (no user namespaces, a container's seccomp), it runs as before.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        unshare = ctypes.CDLL(None, use_errno=True).unshare
    except (OSError, AttributeError):
        return None
    uid, gid = os.getuid(), os.getgid()

    def offline() -> None:  # in the child, between fork and exec: nothing may raise
        try:
            if unshare(_CLONE_NEWNET) == 0:
                return
            if unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
                return
            for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                               ("gid_map", f"{gid} {gid} 1")):
                fd = os.open(f"/proc/self/{name}", os.O_WRONLY)
                try:
                    os.write(fd, text.encode())
                finally:
                    os.close(fd)
        except Exception:  # the child runs LibreOffice as before
            pass

    return offline
