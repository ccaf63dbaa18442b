"""``thidua lint FILE...`` without typer: the same declarations, the same ``run``.

Building the typer app (typer, click, the command's parameters) is a seventh of
a one-plan lint. A command line that ``options.parse`` reads for certain runs
here; any other (help, completion, a mistake, an option it does not know)
goes to typer, which answers as it always has (``tests/test_fast_path.py``
holds both to the same answers).
"""

from __future__ import annotations

import os
from collections.abc import Sequence


def run(args: Sequence[str]) -> int | None:
    """The exit code of ``thidua ARGS`` run here, or ``None``: typer's to run."""
    if args[:1] != ["lint"] or os.name == "nt" or any(
            k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        # Shell completion is asked through _THIDUA_COMPLETE; on Windows click
        # expands wildcards in the arguments itself.
        return None
    from .lintspec import PARAMS
    from .lintspec import run as lint
    from .options import parse
    from .shared import State, lang_of

    values = parse(PARAMS, args[1:])
    if values is None:
        return None
    language = lang_of(values.pop("lang"))
    if language is None:
        return None
    State.lang = language
    return lint(language=language, **values)
