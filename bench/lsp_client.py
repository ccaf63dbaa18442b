"""A small LSP client over stdio, standard library only, for timing ``thidua lsp``.

It speaks JSON-RPC with ``Content-Length`` framing like any editor: a thread
reads the server's messages into queues (responses by id, notifications by
method), so a test of latency measures the server and the pipe, nothing else.

Last measured (``bench/run.py``, the ``lsp-*`` cases; 2 CPUs at load 6.7-7.0;
docs/speed.md): a change of the 2,000-task plan 414 ms from ``didChange`` to
its ``publishDiagnostics``, 127 ms of server CPU (aim: under 500 ms), and
183 ms, 142 ms CPU at load 2.5-2.9; before the server parsed only the changed
list item, 2.74 s and 1,006 ms CPU at load 7.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any


class Client:
    def __init__(self, argv: list[str], env: dict[str, str], root: Path) -> None:
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env)
        self._next = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.diagnostics: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                    "capabilities": {}})
        self.notify("initialized", {})
        self.versions: dict[str, int] = {}

    # -- protocol ---------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        with self._lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _read(self) -> None:
        stdout: IO[bytes] | None = self.process.stdout
        assert stdout is not None
        while True:
            length = None
            while True:
                line = stdout.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            message = json.loads(stdout.read(length))
            arrived = time.perf_counter()
            if "id" in message and "method" not in message:
                self._responses.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.put((arrived, message["params"]))
            elif "id" in message:  # a request from the server: answer it empty
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})

    def request(self, method: str, params: Any, timeout: float = 120) -> Any:
        self._next += 1
        number = self._next
        waiting = self._responses.setdefault(number, queue.Queue())
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        answer = waiting.get(timeout=timeout)
        del self._responses[number]
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    # -- documents --------------------------------------------------------------

    def open(self, uri: str, text: str) -> list[Any]:
        self.versions[uri] = 1
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        return self.wait(uri)[1]

    def change(self, uri: str, text: str) -> tuple[float, list[Any]]:
        """Replace the text; the seconds until its diagnostics arrived, and them."""
        self.versions[uri] += 1
        sent = time.perf_counter()
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": self.versions[uri]},
            "contentChanges": [{"text": text}]})
        arrived, found = self.wait(uri)
        return arrived - sent, found

    def wait(self, uri: str, timeout: float = 120) -> tuple[float, list[Any]]:
        while True:
            arrived, params = self.diagnostics.get(timeout=timeout)
            if params["uri"] == uri and params.get("version") == self.versions[uri]:
                return arrived, params["diagnostics"]

    def cpu_seconds(self) -> float:
        """The server's CPU time so far (user + system), from /proc (Linux)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        import os

        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(timeout=30)
