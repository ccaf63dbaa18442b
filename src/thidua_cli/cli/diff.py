"""``thidua diff``: what changed between two versions of a plan.

The typer command made from ``diffspec``'s declarations; ``fast.py`` runs the
same declarations and the same ``run`` without typer.
"""

from __future__ import annotations

from typing import Any

import typer

from .app import command, set_lang
from .diffspec import DOC, PARAMS, run


def _diff(*, lang: str | None, **values: Any) -> None:
    raise typer.Exit(run(language=set_lang(lang), **values))


command("diff", PARAMS, _diff, DOC)
