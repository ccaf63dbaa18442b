"""The server's standard input, read within bounds.

pygls reads a header line with ``readline()`` and then exactly as many bytes as
the ``Content-Length`` header says, in one ``read(n)``, which allocates ``n``
at once: ``Content-Length: 1000000000000`` stopped the server with a
``MemoryError``, and a header line that never ends grew without limit. Here a
header line is cut at ``MAX_HEADER`` bytes (pygls ignores a line it cannot
read) and a body larger than ``MAX_BODY`` is read and dropped in small
pieces, in its place an empty notification that every server ignores, so
the stream stays in step and the server answers the next message.
"""

from __future__ import annotations

import logging
from typing import BinaryIO

from ..source import DEFAULT_MAX_BYTES

log = logging.getLogger("thidua.lsp")

MAX_HEADER = 64 * 1024
#: A buffer ``thidua lint`` would read (20 MiB), even with every character
#: JSON-escaped as ``\uXXXX`` (6 bytes), and more: such a buffer is not linted
#: anyway (``server._too_big``).
MAX_BODY = 8 * DEFAULT_MAX_BYTES
DROPPED = b'{"jsonrpc": "2.0", "method": "$/thidua/dropped"}'


class BoundedInput:
    """``readline`` and ``read`` of ``raw``, each holding a bounded number of bytes."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw

    def readline(self) -> bytes:
        return self.raw.readline(MAX_HEADER)

    def read(self, n: int) -> bytes:
        if n <= MAX_BODY:
            return self.raw.read(n)
        left = n
        while left:
            chunk = self.raw.read(min(left, 1 << 20))
            if not chunk:
                return b""  # the client went away mid-message
            left -= len(chunk)
        log.warning("thidua lsp: a message of %d bytes (more than %d) was dropped", n, MAX_BODY)
        return DROPPED
