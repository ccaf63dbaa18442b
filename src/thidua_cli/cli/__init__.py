"""The command line: thin typer commands over the library, one module each.

Each command parses its options, calls one library function, hands the result
to a reporter and picks the exit code (0 clean, 1 findings, 2 unusable input
or usage). Heavy modules are imported inside the commands that need them, so
``thidua lint`` never pays for Jinja or DOCX; and only the running command's
module is imported (``app_for``), so no command pays for the others' options.
Importing this package loads no typer (the fast path, ``fast.py``, needs it not).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .shared import State

if TYPE_CHECKING:
    import typer

__all__ = ["COMMANDS", "State", "app_for"]

#: Each command's module, which registers it on the app when imported; in the
#: order ``thidua --help`` lists them.
COMMANDS = {"lint": "lint", "render": "render", "diff": "diff", "report": "report",
            "new": "new", "import": "importer", "scores": "scores", "rules": "rules",
            "schema": "schema", "lsp": "lsp"}


def app_for(args: Sequence[str] = ()) -> typer.Typer:
    """The typer app to run ``thidua ARGS`` with: the named command's module only.

    Every command when there is none to name (``thidua --help``, a misspelt
    command that click suggests a name for, shell completion), for those list
    or look at all of them.
    """
    from .app import app

    named = args[0] if args else None
    completing = any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    wanted = [named] if named in COMMANDS and not completing else list(COMMANDS)
    for name in wanted:
        # __import__, not importlib.import_module: -X importtime (and the tests
        # that read it) sees only imports that go through it.
        __import__(f"{__name__}.{COMMANDS[name]}")
    # Registered in the order imported: a process that ran one command before
    # (tests do) lists them in the table's order all the same.
    order = [f"{__name__}.{module}" for module in COMMANDS.values()]
    app.registered_commands.sort(
        key=lambda c: order.index(c.callback.__module__) if c.callback else len(order))
    return app
