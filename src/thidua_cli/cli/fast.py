"""``thidua lint``, ``render``, ``diff`` and ``report`` without typer.

The same declarations, the same ``run``.

Building the typer app (typer, click, the command's parameters) is a seventh of
a one-plan lint. A command line that ``options.parse`` reads for certain runs
here; any other (help, completion, a mistake, an option it does not know)
goes to typer, which answers as it always has (``tests/test_fast_path.py``
holds both to the same answers).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

#: Each command the fast path runs, and the module of its declarations
#: (``PARAMS``, ``run``, and optionally ``typer_only``: values only typer answers).
SPECS = {"lint": "lintspec", "render": "renderspec", "diff": "diffspec",
         "report": "reportspec"}


def run(args: Sequence[str]) -> int | None:
    """The exit code of ``thidua ARGS`` run here, or ``None``: typer's to run."""
    name = args[0] if args else None
    if name not in SPECS or os.name == "nt" or any(
            k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        # Shell completion is asked through _THIDUA_COMPLETE; on Windows click
        # expands wildcards in the arguments itself.
        return None
    from .options import parse
    from .shared import State, lang_of

    spec = __import__(f"{__package__}.{SPECS[name]}", fromlist=["PARAMS"])
    values = parse(spec.PARAMS, args[1:])
    if values is None or getattr(spec, "typer_only", _never)(values):
        return None
    language = lang_of(values.pop("lang"))
    if language is None:
        return None
    State.lang = language
    code: int = spec.run(language=language, **values)
    return code


def _never(values: object) -> bool:
    return False
