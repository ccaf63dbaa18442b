"""``thidua report``: the year-end report (báo cáo tổng kết) of one or more plans.

The typer command made from ``reportspec``'s declarations; ``fast.py`` runs the
same declarations and the same ``run`` without typer.
"""

from __future__ import annotations

from typing import Any

import typer

from .app import command, set_lang
from .reportspec import DOC, PARAMS, run


def _report(*, lang: str | None, **values: Any) -> None:
    raise typer.Exit(run(language=set_lang(lang), **values))


command("report", PARAMS, _report, DOC)
