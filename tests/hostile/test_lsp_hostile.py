"""The language server given what no editor should send: each a real ``thidua lsp``
process fed raw bytes on stdin. It ends cleanly (exit 0, nothing on stderr), its memory
bounded, and answers the next well-formed request."""

from __future__ import annotations

import json

from .common import thidua

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}}}
SYMBOLS = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/documentSymbol",
           "params": {"textDocument": {"uri": "file:///tmp/none.yaml"}}}
END = [{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]


def frame(message: dict[str, object] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def answers(stdout: str) -> dict[int, object]:
    """The responses in the server's output, by id."""
    out: dict[int, object] = {}
    for part in stdout.split("\r\n\r\n")[1:]:
        try:
            message, _ = json.JSONDecoder().raw_decode(part)
        except json.JSONDecodeError:
            continue
        if isinstance(message, dict) and "id" in message and "method" not in message:
            out[message["id"]] = message.get("result", message.get("error"))
    return out


def test_shutdown_and_exit_end_with_0_and_no_message() -> None:
    """pygls closes stdout on `exit`; the flush after it said "internal error", exit 2."""
    r = thidua("lsp", stdin=b"".join(frame(m) for m in (INIT, *END)))
    assert (r.returncode, r.stderr) == (0, ""), r.stderr


def test_an_endless_content_length_is_no_memory_error() -> None:
    """``Content-Length: 10**12`` made pygls allocate a terabyte: MemoryError, exit 2."""
    r = thidua("lsp", stdin=frame(INIT) + b"Content-Length: 1000000000000\r\n\r\n{}")
    assert "internal error" not in r.stderr and "MemoryError" not in r.stderr, r.stderr
    assert r.returncode == 0
    assert r.max_rss_mb < 300


def test_an_oversized_message_is_dropped_and_the_next_answered() -> None:
    from thidua_cli.lsp.channel import MAX_BODY

    huge = b'{"jsonrpc": "2.0", "method": "x", "params": "' + b"a" * MAX_BODY + b'"}'
    endless_line = b"X" * (4 * MAX_BODY // 20) + b"\r\n"  # a header line that does not end
    stdin = b"".join([frame(INIT), frame(huge), endless_line, frame(SYMBOLS),
                      *(frame(m) for m in END)])
    r = thidua("lsp", stdin=stdin)
    assert r.returncode == 0, r.stderr
    assert "was dropped" in r.stderr and "internal error" not in r.stderr
    assert answers(r.stdout).get(7) == []  # the request after them was served
    assert r.max_rss_mb < 400
