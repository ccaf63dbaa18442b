"""``thidua render``: the plan, or another document of its year, as DOCX, PDF or Markdown.

The typer command made from ``renderspec``'s declarations; ``fast.py`` runs the
same declarations and the same ``run`` without typer.
"""

from __future__ import annotations

from typing import Any

import typer

from ..i18n import t
from .app import command, set_lang
from .renderspec import DOC, PARAMS, run, typer_only


def _render(*, lang: str | None, **values: Any) -> None:
    language = set_lang(lang)
    if typer_only(values):
        raise typer.BadParameter(t("render.plan_missing", language), param_hint="PLAN")
    raise typer.Exit(run(language=language, **values))


command("render", PARAMS, _render, DOC)
