"""``thidua lint``: check plan files (and with ``--fix``, correct what is safe).

The typer command made from ``lintspec``'s declarations; ``fast.py`` runs the
same declarations and the same ``run`` without typer.
"""

from __future__ import annotations

from typing import Any

import typer

from .app import command, set_lang
from .lintspec import DOC, PARAMS, run


def _lint(*, lang: str | None, **values: Any) -> None:
    raise typer.Exit(run(language=set_lang(lang), **values))


command("lint", PARAMS, _lint, DOC)
