"""Templates prepared once per version, not once per run: a cache, when one is asked for.

Before a DOCX template renders, docxtpl patches each part's XML (some twenty
regular expressions over the whole text) and Jinja lexes, parses and compiles
the result to Python; for ``plan.docx`` that is about a sixth of the
instructions of ``thidua render`` of the example plan, the same work on every
run for the same template. Both results are kept here, under a name made from
everything they depend on (the text, the versions of docxtpl, Jinja and
Python, and for compiled code the environment's options, filters and tests),
as Jinja's own bytecode cache keeps templates: marshalled code, read only
from a folder this user owns and nobody else can write to, and only from a
regular file of the same kind (no link, FIFO or device; at most 256 MiB).

The cache is off unless ``THIDUA_CACHE_DIR`` names its folder (an absolute
path): by default no command writes, reads or runs anything beyond what it
was given (docs/robustness.md), and code read back from a cache is code that
runs. A secretariat or a CI job that renders often turns it on; ``thidua
render`` of a small plan is then a sixth quicker. A cache that cannot be
made, read or written only means the work is done as before; an entry is
written whole (a temporary file, then renamed) or not at all, and read only
if whole (its digest comes first).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import signal
import stat
import sys
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path
from types import CodeType

from ..atomic import _HELD, note_input


def text(parts: tuple[str, ...], make: Callable[[], str]) -> str:
    """``make()``, which makes a text from what ``parts`` name the same way every time,
    or the text it made before."""
    key = _key("text", *parts)
    data = _load(key)
    if data is not None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    made = make()
    _store(key, made.encode("utf-8"))
    return made


def code(parts: tuple[str, ...], make: Callable[[], CodeType]) -> CodeType:
    """``make()``, which compiles what ``parts`` name, or the code compiled before."""
    key = _key("code", *parts)
    data = _load(key)
    if data is not None:
        try:
            loaded = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            loaded = None
        if isinstance(loaded, CodeType):
            return loaded
    made = make()
    _store(key, marshal.dumps(made))
    return made


@cache
def _versions() -> str:
    import jinja2

    return f"{sys.version}|{jinja2.__version__}"


def _key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256(f"{kind}\0{_versions()}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return f"{kind}-{digest.hexdigest()}"


@cache
def folder() -> Path | None:
    """The cache folder, made if need be; ``None`` when there is none to trust."""
    if not hasattr(os, "getuid"):
        return None  # no owner to check (Windows)
    chosen = os.environ.get("THIDUA_CACHE_DIR")
    if not chosen or not os.path.isabs(chosen):
        return None
    path = Path(chosen) / "templates"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return None
    # Code read from here runs: only from a real folder of ours that no one else can write to.
    if (not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid()
            or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
        return None
    return path


def _load(key: str) -> bytes | None:
    """The entry's payload, if it is there whole (its digest comes first)."""
    where = folder()
    if where is None:
        return None
    try:
        # Only a regular file, not followed through a link, opened without
        # waiting: a FIFO planted as an entry held ``render`` for ever.
        fd = os.open(where / key, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        # Ours alone, as the folder is: the folder is checked once a run, and
        # whoever can swap a folder on its path (a world-writable THIDUA_CACHE_DIR
        # or one above it) could put another's entries under the same name, code
        # that runs. Nobody else can make a file ours.
        if (not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_ENTRY
                or st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return None
        # Read by this run like a template: `-o` naming it is refused (it was
        # replaced by the document).
        note_input(fd)
        with os.fdopen(fd, "rb", closefd=False) as entry:
            data = entry.read(_MAX_ENTRY + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    payload = data[_DIGEST:]
    return payload if hashlib.sha256(payload).digest() == data[:_DIGEST] else None


_DIGEST = 32
# No entry thidua writes is larger: a DOCX part is at most 64 MiB (render/package.py),
# its patched text about as long.
_MAX_ENTRY = 256 * 1024 * 1024


def _store(key: str, data: bytes) -> None:
    where = folder()
    if where is None:
        return
    import tempfile

    # As in atomic.py: SIGINT, SIGTERM and SIGHUP (an exception, raised by
    # __main__) wait until the temporary file exists and is noted for removal;
    # a signal while it was written left ``.tmp-…`` in the cache.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        fd, temporary = tempfile.mkstemp(dir=where, prefix=".tmp-")
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        with os.fdopen(fd, "wb") as out:
            out.write(hashlib.sha256(data).digest() + data)
        os.replace(temporary, where / key)
        note_input(where / key)
    except BaseException as e:
        with suppress(OSError):
            os.unlink(temporary)
        if not isinstance(e, OSError):
            raise
