"""The JSON-RPC layer: every request gets an answer, even one that cannot be read.

pygls answers nothing to a message it cannot read: a body that is not JSON, a
request whose params do not fit its method's type, a JSON array (a batch, which
LSP does not use), an object without ``"jsonrpc": "2.0"``, or any request after
``shutdown``. It logs a line and goes on, and the client waits for ever for the
answer to that request's id (pytest-lsp, VS Code's client and Neovim's all
wait). JSON-RPC 2.0 and LSP say what to send instead: ``-32700`` (parse error)
with ``"id": null`` for a body that is not JSON, ``-32600`` (invalid request)
and ``-32602`` (invalid params) with the request's id when it can be read, and
``-32600`` for a request after ``shutdown``. Notifications get no answer, as
the protocol says, whatever is wrong with them.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from lsprotocol.types import (
    TEXT_DOCUMENT_DID_CHANGE,
    DidChangeTextDocumentParams,
    Position,
    ResponseError,
    ResponseErrorMessage,
)
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger("thidua.lsp")

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602


class Unreadable:
    """A request whose id could be read, but not the rest: answered with ``code``."""

    def __init__(self, request_id: int | str | None, code: int, message: str) -> None:
        self.request_id, self.code, self.message = request_id, code, message


class ThiduaProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            message = super().structure_message(data)
        except JsonRpcException as e:
            if "method" not in data or "id" not in data:
                raise  # a notification (or a response): nothing to answer
            if isinstance(e, JsonRpcInvalidParams):
                why, code = "its params do not fit", INVALID_PARAMS
            else:
                why, code = "not a request", INVALID_REQUEST
            return Unreadable(_id_of(data), code, f"cannot read the {_shown(data)} request: {why}")
        if getattr(message, "method", None) == TEXT_DOCUMENT_DID_CHANGE:
            _order_ranges(message.params)
        return message

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Unreadable):
            self.answer_error(message.request_id, message.code, message.message)
            return
        if not _is_message(message):
            # A batch, a number, an object without "jsonrpc": "2.0" (pygls raised
            # AttributeError on all but the last, and ignored that one).
            fields = message if isinstance(message, dict) else _fields(message)
            if "method" in fields and "id" not in fields:
                log.warning("thidua lsp: a notification that is not JSON-RPC 2.0 was ignored")
                return
            self.answer_error(_id_of(fields), INVALID_REQUEST, "not a JSON-RPC 2.0 request")
            return
        if self._shutdown and getattr(message, "method", "exit") != "exit" \
                and getattr(message, "id", None) is not None:
            # LSP: "requests after a shutdown request should error with InvalidRequest".
            self.answer_error(message.id, INVALID_REQUEST, "the server is shutting down")
            return
        super().handle_message(message)

    def answer_error(self, request_id: int | str | None, code: int, text: str) -> None:
        log.warning("thidua lsp: answered %s to a message it cannot serve: %s", code, text)
        # The converter leaves out an id of None; JSON-RPC wants "id": null.
        body = self._converter.unstructure(
            ResponseErrorMessage(id=request_id, error=ResponseError(code=code, message=text)))
        body.setdefault("id", None)
        self._send_data(body)


def strict_converter() -> Any:
    """lsprotocol's converter, with a text that is no JSON string refused.

    cattrs makes a ``str`` of anything (``str(value)``): a change whose
    ``"text"`` was ``null`` put the word ``None`` into the document, and
    ``[1]`` the text ``[1]``, linted as if the editor held it. Refused, such a
    message is one the server cannot read, as any other with the wrong shape.
    """
    from lsprotocol.converters import get_converter

    converter = get_converter()

    def text(value: Any, _: type) -> str:
        if not isinstance(value, str):
            raise TypeError(f"expected a JSON string, got {type(value).__name__}")
        return value

    converter.register_structure_hook(str, text)
    return converter


def answer_unparsable(protocol: ThiduaProtocol, error: Exception) -> bool:
    """Answer a body that is not JSON (or nested too deep to read, or holding a
    number of more digits than Python reads: ``"line": 99…9``, 5,000 nines,
    was left unanswered) with a parse error; True when ``error`` was one."""
    if isinstance(error, (json.JSONDecodeError, RecursionError, UnicodeDecodeError)):
        protocol.answer_error(None, PARSE_ERROR, "the message is not JSON")
        return True
    if isinstance(error, ValueError) and "integer string conversion" in str(error):
        protocol.answer_error(None, PARSE_ERROR,
                              "the message holds a number of more than 4,300 digits")
        return True
    return False


def _is_message(message: Any) -> bool:
    return getattr(message, "jsonrpc", None) == "2.0" and not isinstance(message, dict)


def _fields(message: Any) -> dict[str, Any]:
    """The id and method of a message pygls made an object of (``"jsonrpc": "1.0"``);
    nothing of anything else (a batch, a number, a text)."""
    return {name: getattr(message, name) for name in ("id", "method") if hasattr(message, name)}


def _id_of(data: dict[str, Any]) -> int | str | None:
    value = data.get("id")
    # JSON-RPC ids are numbers or strings; true is a number to Python, not to JSON.
    return value if isinstance(value, (int, str)) and not isinstance(value, bool) else None


def _shown(data: dict[str, Any]) -> str:
    method = data.get("method")
    return json.dumps(method[:100] if isinstance(method, str) else method)[:120]


def _order_ranges(params: DidChangeTextDocumentParams) -> None:
    """A change whose range ends before it starts is applied to the range between the two.

    LSP's range is "comparable to a selection in an editor", and a selection
    made backwards is the same text (VS Code's ``Range`` swaps such ends when it
    is built). pygls replaced the start's line from the start and the end's
    line from the end, keeping the lines between: the server's copy then
    differed from the editor's, and every finding after it with it. Ignoring
    the change would drift too (the protocol has no way to ask for the text again).
    """
    changes = getattr(params, "content_changes", None) or []
    for change in changes:
        span = getattr(change, "range", None)
        if span is None or not _before(span.end, span.start):
            continue
        log.warning("thidua lsp: a change's range ends (%d:%d) before it starts (%d:%d): "
                    "applied between the two", span.end.line, span.end.character,
                    span.start.line, span.start.character)
        span.start, span.end = span.end, span.start


def _before(a: Position, b: Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)
