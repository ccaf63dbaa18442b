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
    shipped = _shipped("texts", "text", parts)
    if isinstance(shipped, str):
        return shipped
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
    # Only a template Jinja got as text (docxtpl's parts, no file name): one read
    # from a file is named by its path, which differs from one installation to
    # the next, and is never among the prepared ones.
    shipped = _shipped("sources", "code", parts) if parts[2:3] == ("None",) else None
    if isinstance(shipped, list) and len(shipped) == 2:
        filename, source = shipped
        # As Jinja compiles the Python it generates (``Environment._compile``),
        # from a module without future imports.
        return compile(source, filename, "exec", dont_inherit=True)
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


# The shipped templates prepared when thidua was built (``prepared.json``, made
# by ``scripts/prepare_templates.py``): docxtpl's patched XML of each of their
# parts and the Python that Jinja generates from it, under a digest of all
# that the entry depends on (the text, docxtpl's or Jinja's version, the
# environment's options), as the cache above keeps them. The Python is still
# compiled on each run (the bytecode depends on the interpreter); what is saved
# is docxtpl's patching and Jinja's lexing, parsing and code generation, some
# 15% of the instructions of rendering the example plan. A template that is
# not one of them, or any other version of docxtpl or Jinja, finds no entry
# and is prepared as before; the result is the same either way
# (``tests/test_render_prepared.py``). With a cache folder (``THIDUA_CACHE_DIR``)
# the cache is used instead, as before: it keeps the bytecode too.
PREPARED = Path(__file__).with_name("prepared.json")


def _shipped_key(kind: str, parts: tuple[str, ...]) -> str:
    digest = hashlib.sha256(kind.encode())
    if kind == "code":
        import jinja2

        digest.update(b"\0" + jinja2.__version__.encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@cache
def _prepared() -> dict[str, dict[str, object]]:
    import json

    try:
        with PREPARED.open(encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _shipped(table: str, kind: str, parts: tuple[str, ...]) -> object:
    """The prepared entry for ``parts``, or None; none while a cache folder is in
    use, which keeps compiled code and is read instead."""
    if folder() is not None:
        return None
    entries = _prepared().get(table)
    return entries.get(_shipped_key(kind, parts)) if isinstance(entries, dict) else None


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
