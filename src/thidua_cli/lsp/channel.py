"""The server's standard input, read within bounds.

pygls reads a header line with ``readline()`` and then exactly as many bytes as
the ``Content-Length`` header says, in one ``read(n)``, which allocates ``n``
at once: ``Content-Length: 1000000000000`` stopped the server with a
``MemoryError``, and a header line that never ends grew without limit. Here a
header line is cut at ``MAX_HEADER`` bytes (pygls ignores a line it cannot
read) and a body larger than ``MAX_BODY`` is read and dropped in small
pieces, in its place an empty notification that every server ignores, so
the stream stays in step and the server answers the next message. A header
line that goes on for more than ``MAX_BODY`` bytes is no client's
(``thidua lsp < /dev/zero`` read for ever): the server ends, as at the end of
the stream, with one warning line.

A body that ends before its ``Content-Length`` (the client went away
mid-message) ends the server as the end of the stream does, with one warning
line: pygls would hand the cut body to its JSON parser and print a traceback.
"""

from __future__ import annotations

import contextlib
import logging
from typing import BinaryIO, TextIO

from ..source import DEFAULT_MAX_BYTES

log = logging.getLogger("thidua.lsp")

MAX_HEADER = 64 * 1024
#: A buffer ``thidua lint`` would read (20 MiB), even with every character
#: JSON-escaped as ``\uXXXX`` (6 bytes), and more: such a buffer is not linted
#: anyway (``server._too_big``).
MAX_BODY = 8 * DEFAULT_MAX_BYTES
DROPPED = b'{"jsonrpc": "2.0", "method": "$/thidua/dropped"}'
#: The longest ``Content-Length: N`` line believed: N of 18 digits (an exabyte).
_LONGEST_LENGTH = len(b"Content-Length: ") + 18


class BoundedInput:
    """``readline`` and ``read`` of ``raw``, each holding a bounded number of bytes."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.unended = 0  # bytes of the header line being read that had no line end yet

    def readline(self) -> bytes:
        line = self.raw.readline(MAX_HEADER)
        if line.endswith(b"\n") or not line:
            self.unended = 0
            if line.startswith(b"Content-Length: ") and len(line.strip()) > _LONGEST_LENGTH:
                # pygls reads the number with ``int``, which refuses more than
                # 4,300 digits: the server ended with an internal error. A body
                # of 10**18 bytes or more cannot be skipped either.
                log.warning("thidua lsp: a Content-Length of %d digits is no message's: "
                            "it is not the Language Server Protocol; ending",
                            len(line.strip()) - len(b"Content-Length: "))
                return b""
            return line
        self.unended += len(line)
        if self.unended > MAX_BODY:
            log.warning("thidua lsp: the input has a line of more than %d bytes, not a message "
                        "header: it is not the Language Server Protocol; ending", MAX_BODY)
            return b""  # pygls stops reading at the end of the stream
        return line

    def read(self, n: int) -> bytes:
        if n <= MAX_BODY:
            body = self.raw.read(n)
            if len(body) < n:
                return _cut(n, len(body))
            return body
        left = n
        while left:
            chunk = self.raw.read(min(left, 1 << 20))
            if not chunk:
                return _cut(n, n - left)
            left -= len(chunk)
        log.warning("thidua lsp: a message of %d bytes (more than %d) was dropped", n, MAX_BODY)
        return DROPPED


def _cut(promised: int, got: int) -> bytes:
    """The stream ended inside a message: end as at the end of the stream."""
    if got:
        log.warning("thidua lsp: the input ended %d bytes into a message of %d bytes",
                    got, promised)
    return b""  # pygls stops reading at an empty body


class GuardedOutput:
    """The server's standard output; when it fails (a full disk, ``/dev/full``,
    a client gone), the server ends with one message and exit 2. pygls logged
    every answer it could not send, went on, and ended with exit 0."""

    def __init__(self, raw: BinaryIO, err: TextIO) -> None:
        self.raw = raw
        self.err = err

    def write(self, data: bytes) -> None:
        try:
            self.raw.write(data)
        except OSError as e:
            _output_failed(e, self.err)

    def flush(self) -> None:
        try:
            self.raw.flush()
        except OSError as e:
            _output_failed(e, self.err)

    def close(self) -> None:
        with contextlib.suppress(OSError):  # the session's end: nothing more to say on it
            self.raw.close()


def _output_failed(e: OSError, err: TextIO) -> None:
    import os

    from ..i18n import resolve_lang, t

    lang = resolve_lang()
    with contextlib.suppress(OSError, ValueError):
        reason = t("report.stdout_failed", lang, reason=e.strerror or str(e))
        err.write(f"thidua: {t('report.error', lang)}: {reason}\n")
        err.flush()
    os._exit(2)  # pygls would catch an exception here and go on
