"""``thidua schema``: the JSON Schema of the plan format, for editors."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .app import app


@app.command()
def schema(
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write the schema to this file instead of printing it "
        "(- prints it).",
        show_default=False)] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of plan files, for editors.

    Its descriptions are in Vietnamese and English, for completion and checking."""
    from .. import api

    text = api.json_schema()
    if output is None or output == "-":  # `-`: standard output, as for every -o (not a file)
        sys.stdout.write(text)
        return
    from ..atomic import write_text_atomic

    write_text_atomic(output, text)
