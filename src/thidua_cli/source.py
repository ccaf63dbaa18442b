"""Reading a plan file's bytes as text.

Plans are UTF-8 (a BOM is accepted and dropped). Anything else is refused with
the encoding it most likely is, so the user knows what to convert from.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from .errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: The most ``--max-bytes`` (and the library's ``max_bytes=``) may ask for:
#: what is read is held in memory, and ``--max-bytes 10**30 /dev/zero`` read
#: until the machine ran out of it. A plan past a few dozen MiB holds more
#: values than the loader takes (``loader.MAX_VALUES``) anyway.
MOST_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


class EncodingProblem(NamedTuple):
    """Why the bytes are not usable text, and where the first bad byte is."""

    key: str
    line: int
    column: int
    encoding: str = ""


class SourceText(NamedTuple):
    """A file's text, or the reason it has none."""

    path: str
    text: str
    problem: EncodingProblem | None = None
    # ``text`` as UTF-8, when it was read from these bytes: libyaml reads
    # bytes, and a text handed to it is encoded again first (``loader.parse``).
    data: bytes | None = None


def read_source(path: Path | str, display: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read ``path`` (``-`` is standard input) and decode it as UTF-8."""
    shown = display or str(path)
    try:
        if str(path) == "-":
            if sys.stdin is None:  # started with stdin closed (`thidua lint - <&-`)
                raise InputError("input.stdin_closed", path=shown)
            _note_stdin()
            data = _read_at_most(sys.stdin.buffer, max_bytes + 1)
        else:
            import os

            from .atomic import note_input

            # One look at the file for both (a Path and a second stat were a
            # tenth of reading a small plan).
            st = note_input(path)
            st = st if st is not None else os.stat(path)
            if st.st_size > max_bytes:
                raise InputError("input.too_large", path=shown, size=st.st_size,
                                 limit=max_bytes)
            # A FIFO nobody writes to is not waited on for ever (`open_input`);
            # anything else is opened as it always was, at no cost of its own.
            with (open_input(Path(path)) if stat.S_ISFIFO(st.st_mode)
                  else open(path, "rb")) as f:
                data = _read_at_most(f, max_bytes + 1)
    except NoWriter as e:
        raise InputError("input.fifo_no_writer", path=shown, seconds=e.seconds) from e
    except IsADirectoryError as e:
        raise InputError("input.is_directory", path=shown) from e
    except FileNotFoundError as e:
        raise InputError("input.not_found", path=shown) from e
    except PermissionError as e:
        raise InputError("input.permission", path=shown) from e
    except OSError as e:
        raise InputError("input.unreadable", path=shown, reason=e.strerror or str(e)) from e
    if len(data) > max_bytes:
        raise InputError("input.too_large_stream", path=shown, limit=max_bytes)
    return decode(data, shown)


class NoWriter(Exception):
    """A FIFO given as an input got no writer within ``atomic.FIFO_WAIT`` seconds."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def open_input(path: Path) -> BinaryIO:
    """``path`` opened to be read, a FIFO nobody writes to refused after a wait.

    Opening a FIFO for reading waits until a program opens it for writing, for
    ever when none does (``thidua lint fifo`` hung until it was killed). It is
    opened without waiting, and given ``FIFO_WAIT`` seconds (the writers' wait
    for a reader, one constant) to bring its first bytes or its end; then it
    is read as usual, a slow writer waited for. An anonymous pipe
    (``<(git show HEAD:plan.yaml)``) has its writer from the start: it is
    read as it is, however long that writer takes.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode) and not _anonymous(fd):
            _wait_for_writer(fd)
        os.set_blocking(fd, True)  # a device or pipe is then read as `open` reads it
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _anonymous(fd: int) -> bool:
    """Whether ``fd`` is a pipe made by ``pipe()`` (a shell's ``<(...)``), not a named FIFO:
    the two live on different file systems (Linux's pipefs)."""
    global _PIPE_DEVICE
    if _PIPE_DEVICE is None:
        ends = os.pipe()
        try:
            _PIPE_DEVICE = os.fstat(ends[0]).st_dev
        finally:
            os.close(ends[0])
            os.close(ends[1])
    return os.fstat(fd).st_dev == _PIPE_DEVICE


_PIPE_DEVICE: int | None = None


def _wait_for_writer(fd: int) -> None:
    """Until the FIFO ``fd`` has bytes to read or a writer came and went, at most
    ``FIFO_WAIT`` seconds (a reader opened without waiting sees neither before)."""
    import select  # here: only a FIFO needs them
    import time

    from .atomic import FIFO_WAIT

    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    deadline = time.monotonic() + FIFO_WAIT
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise NoWriter(int(FIFO_WAIT))
        if poller.poll(max(1, int(left * 1000))):  # POLLIN, or POLLHUP: the writer left
            return


def _note_stdin() -> None:
    """A plan redirected from a file (``- < a.yaml``) is an input like a named one:
    ``-o /dev/stdin`` (or ``/proc/self/fd/0``) leads to that file, and replaced
    the plan read. A pipe or terminal is no file to protect."""
    import os
    import stat

    from .atomic import note_input

    try:
        fd = sys.stdin.fileno()
        if stat.S_ISREG(os.fstat(fd).st_mode):
            note_input(fd)
    except (OSError, ValueError):  # no descriptor (a library caller's stdin replaced)
        pass


def too_long(text: str, limit: int) -> bool:
    """Whether ``text`` takes more than ``limit`` bytes in UTF-8, encoding it only
    when its length cannot tell (a character takes one to four bytes; a lone
    surrogate, which a text built in code may hold, three)."""
    if len(text) > limit or len(text) * 4 <= limit:
        return len(text) > limit
    return len(text.encode("utf-8", "surrogatepass")) > limit


def _read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to ``limit`` bytes, whatever the size claims.

    stdin, pipes and devices (``/dev/zero``) report no size and a file can grow
    while it is read; reading in chunks also never allocates ``limit`` bytes
    ahead, however large ``--max-bytes`` is.
    """
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        try:
            chunk = stream.read(min(_CHUNK, limit - total))
        except BlockingIOError:
            chunk = None
        if chunk is None:
            # Nothing yet, from a descriptor inherited non-blocking (a parent's
            # pipe: Node.js's child_process sets O_NONBLOCK): taken for the end,
            # `lint -` said "the file is empty" and `--fix --diff -` "nothing to
            # fix" of a plan still coming. Waited for, as a blocking read waits.
            _wait_readable(stream)
            continue
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def waiting_reader(stream: BinaryIO) -> BinaryIO:
    """``stream`` (standard input) read as a blocking descriptor is, whatever its
    flags: one inherited non-blocking gives "nothing yet" (``None``), which a
    reader takes for the end. ``thidua lsp`` so started ended at once, silently,
    exit 0, before its editor's first message. The descriptor's flags are left
    as the parent set them; a read waits (``poll``) where it would have waited."""
    found = getattr(stream, "raw", None)
    if not isinstance(found, io.FileIO):
        return stream
    raw: io.FileIO = found

    class Waiting(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def fileno(self) -> int:
            return raw.fileno()

        def readinto(self, buffer: Any) -> int:
            while True:
                try:
                    got: int | None = raw.readinto(buffer)
                except BlockingIOError:
                    got = None
                if got is not None:
                    return got
                _wait_readable(raw)

    return io.BufferedReader(Waiting())


def _wait_readable(stream: BinaryIO | io.FileIO) -> None:
    import select

    poller = select.poll()
    poller.register(stream.fileno(), select.POLLIN | select.POLLPRI)
    poller.poll()  # POLLIN, or POLLHUP: the writer left (the read then says)


def decode(data: bytes, path: str) -> SourceText:
    """Decode plan bytes, naming the likely encoding when they are not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return SourceText(path, "", EncodingProblem("encoding.utf16", 1, 1, "UTF-32"))
    elif data.startswith(codecs.BOM_UTF16_LE):
        return SourceText(path, "", EncodingProblem("encoding.utf16", 1, 1, "UTF-16 LE"))
    elif data.startswith(codecs.BOM_UTF16_BE):
        return SourceText(path, "", EncodingProblem("encoding.utf16", 1, 1, "UTF-16 BE"))
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess:
            return SourceText(path, "", EncodingProblem("encoding.utf16", 1, 1, guess))
        line, col = _position(data, data.index(b"\x00"))
        return SourceText(path, "", EncodingProblem("encoding.binary", line, col))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = _position(data, e.start)
        return SourceText(path, "", EncodingProblem("encoding.legacy", line, col,
                                                    _legacy_guess(data)))
    return SourceText(path, text, data=data)


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 text of mostly ASCII has a NUL in every other byte (UTF-32, in
    three bytes of four: it was "binary data")."""
    sample = data[:4096]
    if len(sample) < 4:
        return ""
    quarter = len(sample) // 4
    zeros = [sample[i::4].count(0) for i in range(4)]
    if quarter and min(zeros[1:]) > quarter * 0.9 and zeros[0] < quarter * 0.05:
        return "UTF-32 LE"
    if quarter and min(zeros[:3]) > quarter * 0.9 and zeros[3] < quarter * 0.05:
        return "UTF-32 BE"
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "UTF-16 LE"
    if even > half * 0.3 and odd < half * 0.05:
        return "UTF-16 BE"
    return ""


# Bytes that TCVN3 (ABC) uses for Vietnamese letters but that are control
# codes or rare symbols in Windows-1258; seeing them tips the guess to TCVN3.
_TCVN3_MARKERS = frozenset(b"\xb5\xb8\xb6\xb7\xb9\xa8\xbb\xbe\xbc\xbd\xc6\xa9\xc7\xca\xc8"
                           b"\xc9\xcb\xae\xcc\xd0\xce\xcf\xd1\xaa\xd2\xd5\xd3\xd4\xd6")


def _legacy_guess(data: bytes) -> str:
    high = [b for b in data if b >= 0x80]
    if not high:
        return "Windows-1258"
    tcvn = sum(1 for b in high if b in _TCVN3_MARKERS)
    return "TCVN3 (ABC)" if tcvn > len(high) * 0.5 else "Windows-1258"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte, the column counted in characters as editors do."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1
