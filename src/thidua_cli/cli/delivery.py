"""Where a lint report goes: the terminal, a file, or both.

Without ``--format`` the terminal gets text, or workflow annotations when
running under GitHub Actions (``GITHUB_ACTIONS=true``). ``--output FILE``
writes the report in the chosen format to the file, whole or not at all, and
the terminal still gets its usual output, so a CI log stays readable while
the SARIF or Code Quality file is uploaded.
"""

from __future__ import annotations

import io
import os
import sys

from ..errors import UsageError
from ..formats.lint import REPORTERS, ReportOptions
from ..i18n import Lang
from ..lint.engine import LintResult
from .shared import color_for


def console_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def deliver(result: LintResult, *, format: str | None, output: str | None, lang: Lang,
            docs_url: str | None = None) -> None:
    """Write ``result`` as asked: ``format`` to ``output`` (a path) or to standard output."""
    terminal = console_format()
    if output == "-":
        # Standard output, as `-o -` is for every command that takes it: the
        # report goes there in place of the terminal's text (a file named `-`
        # was written, and nothing said where the report went).
        output = None
    if output is not None:
        from ..atomic import check_not_a_plans_name, write_text_atomic

        _not_an_input(output, result)
        check_not_a_plans_name(output)

        buffer = io.StringIO()
        REPORTERS[format or terminal](result, buffer, ReportOptions(lang=lang, docs_url=docs_url))
        write_text_atomic(output, buffer.getvalue())
    else:
        terminal = format or terminal
    REPORTERS[terminal](result, sys.stdout, ReportOptions(
        lang=lang, color=color_for(terminal), docs_url=docs_url))


def _not_an_input(output: str, result: LintResult) -> None:
    """Refuse ``-o plans/plan.yaml``: the report would replace the plan it checked."""
    target = os.path.realpath(output)
    for checked in result.files:
        if checked.path != "-" and os.path.realpath(checked.path) == target:
            raise UsageError("output.report_is_plan", path=output)
