"""``thidua lsp``: the language server, over stdin and stdout."""

from __future__ import annotations

from .app import LangOption, app, set_lang


@app.command()
def lsp(lang: LangOption = None) -> None:
    """Run the language server (LSP over stdio) for editors."""
    import sys

    from ..errors import UsageError

    language = set_lang(lang)
    try:
        from ..lsp.server import serve
    except ImportError as e:  # pygls is an extra: say how to get it
        raise UsageError("lsp.needs_extra", module=(e.name or "pygls").split(".")[0]) from None
    if sys.stdin is None:  # started with stdin closed (`thidua lsp <&-`)
        raise UsageError("lsp.stdin_closed")
    import signal

    if hasattr(signal, "SIGPIPE"):
        # The server answers a client gone away itself (a write that fails
        # ends the session); SIGPIPE is ignored again, as Python has it.
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    from ..source import waiting_reader

    serve(language, waiting_reader(sys.stdin.buffer), sys.stdout.buffer, sys.stderr)
