"""Writing output files so that a reader never sees half of one.

The bytes go to a temporary file in the target's own folder (same file
system, so the rename is atomic), are flushed to disk, and replace the target
in one ``os.replace``. An interrupted run leaves the old file or the new one,
never a mix; the temporary file is removed on any failure. A file that is
replaced keeps its permissions; a new one gets the usual ones (the umask's).
A read-only file is not replaced. Two processes writing the same path each
write their own temporary file: the last rename wins, whole.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (through links and ``..`` alike)."""
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:  # one of them does not exist (yet)
        pass
    return a.resolve() == b.resolve()


def write_atomic(path: Path, data: bytes, *, protect: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace any of ``protect``."""
    for kept in protect:
        if same_file(path, kept):
            raise OutputError("output.is_input", path=str(path))
    # Writing through a symbolic link keeps the link and changes its target.
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise OutputError("output.is_dir", path=str(path))
    folder = target.parent
    if not folder.is_dir():
        raise OutputError("output.no_dir", path=str(path), folder=str(folder))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    except OSError as e:
        raise _error(path, e) from e
    else:
        # The rename below would replace a read-only file as easily as any other
        # (the folder's permissions decide): respect the file's own, as cp does.
        if not os.access(target, os.W_OK):
            raise OutputError("output.read_only", path=str(path))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except PermissionError as e:
        raise OutputError("output.folder_permission", path=str(path),
                          folder=str(folder)) from e
    except OSError as e:
        raise _error(path, e) from e
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(e, OSError):
            raise _error(path, e) from e
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str, *,
                      protect: Iterable[Path] = ()) -> None:
    """``write_atomic`` for text, in UTF-8 with the line ends as given."""
    write_atomic(Path(path), text.encode("utf-8"), protect=protect)


def _default_mode() -> int:
    # mkstemp creates 0600; a rendered document should be as readable as any
    # file the user creates, so apply the umask to 0666 as open() would.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _error(path: Path, e: OSError) -> OutputError:
    if isinstance(e, PermissionError):
        return OutputError("output.permission", path=str(path))
    return OutputError("output.failed", path=str(path), reason=e.strerror or str(e))
