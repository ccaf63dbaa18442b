"""Writing files whole or not at all.

A report or generated file is written to a temporary file in the same folder
and moved over the target with ``os.replace`` (atomic on POSIX and Windows), so
a reader never sees half a file and a failed write leaves the old one intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``, replacing it in one step.

    Raises ``OutputError`` (with the OS's reason) when the folder does not
    exist or cannot be written.
    """
    target = Path(path)
    folder = target.parent
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise OutputError("output.cannot_write", path=str(path),
                          reason=e.strerror or str(e)) from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode the file had, or
        # the one a new file would get, so a report stays readable by the CI job.
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except OSError as e:
        Path(temp).unlink(missing_ok=True)
        raise OutputError("output.cannot_write", path=str(path),
                          reason=e.strerror or str(e)) from e
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
