"""The language server given what no editor should send: each a real ``thidua lsp``
process fed raw bytes on stdin. It ends cleanly (exit 0, nothing on stderr), its memory
bounded, and answers the next well-formed request."""

from __future__ import annotations

import json

import pytest

from .common import thidua

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": None, "rootUri": None, "capabilities": {}}}
SYMBOLS = {"jsonrpc": "2.0", "id": 7, "method": "textDocument/documentSymbol",
           "params": {"textDocument": {"uri": "file:///tmp/none.yaml"}}}
END = [{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]


def frame(message: dict[str, object] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def did_open(uri: str, text: str) -> dict[str, object]:
    """The notification that opens ``uri`` holding ``text`` (version 1)."""
    return {"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                        "text": text}}}


def did_change(uri: str, version: int, changes: list[object]) -> dict[str, object]:
    """The notification that changes ``uri`` to ``version`` by ``changes``."""
    return {"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version},
                       "contentChanges": changes}}


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


def errors(stdout: str) -> list[tuple[object, int]]:
    """The error answers in the server's output: (id, code), in order."""
    out = []
    for part in stdout.split("\r\n\r\n")[1:]:
        message, _ = json.JSONDecoder().raw_decode(part)
        if isinstance(message, dict) and "error" in message:
            out.append((message["id"], message["error"]["code"]))
    return out


HOVER = {"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover",
         "params": {"textDocument": {"uri": "file:///tmp/none.yaml"},
                    "position": {"line": 0, "character": 0}}}


# Every request is answered, even one that cannot be read: pygls answered nothing
# and the client waited for ever for its id. Notifications get no answer.
@pytest.mark.parametrize(("body", "expected"), [
    pytest.param(b"{not json}", (None, -32700), id="not-json"),
    pytest.param(b"[" * 100_000, (None, -32700), id="nested-too-deep"),
    pytest.param(b"\xff\xfe{}", (None, -32700), id="not-utf8"),
    pytest.param({**HOVER, "params": {"bad": 1}}, (5, -32602), id="params-do-not-fit"),
    pytest.param({**HOVER, "params": {**HOVER["params"], "position": {"line": -1}}},
                 (5, -32602), id="params-out-of-range"),
    pytest.param([HOVER, HOVER], (None, -32600), id="a-batch"),
    pytest.param(42, (None, -32600), id="a-number"),
    pytest.param({k: v for k, v in HOVER.items() if k != "jsonrpc"}, (5, -32600),
                 id="no-jsonrpc"),
    pytest.param({**HOVER, "jsonrpc": "1.0"}, (5, -32600), id="jsonrpc-1.0"),
    pytest.param({**HOVER, "id": True, "params": {}}, (None, -32602), id="id-not-a-number"),
])
def test_a_request_that_cannot_be_read_is_answered(body: object, expected: tuple[object, int]
                                                   ) -> None:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    r = thidua("lsp", stdin=b"".join([frame(INIT), frame(raw), frame(SYMBOLS),
                                      *(frame(m) for m in END)]))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert errors(r.stdout) == [expected]
    assert answers(r.stdout).get(7) == []  # and the next request is served


@pytest.mark.parametrize("body", [
    {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"bad": 1}},
    {"method": "textDocument/didOpen", "params": {}},
], ids=["params-do-not-fit", "no-jsonrpc"])
def test_a_notification_that_cannot_be_read_gets_no_answer(body: dict[str, object]) -> None:
    r = thidua("lsp", stdin=b"".join([frame(INIT), frame(body), frame(SYMBOLS),
                                      *(frame(m) for m in END)]))
    assert r.returncode == 0, r.stderr
    assert errors(r.stdout) == []
    assert answers(r.stdout).get(7) == []


def test_a_request_after_shutdown_is_refused_not_left_waiting() -> None:
    """LSP: "requests after a shutdown request should error with InvalidRequest"."""
    stdin = b"".join([frame(INIT), frame(END[0]), frame(HOVER), frame(END[1])])
    r = thidua("lsp", stdin=stdin)
    assert r.returncode == 0, r.stderr
    assert errors(r.stdout) == [(5, -32600)]
