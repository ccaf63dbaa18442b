"""The command line: thin typer commands over the library, one module each.

Each command parses its options, calls one library function, hands the result
to a reporter and picks the exit code (0 clean, 1 findings, 2 unusable input
or usage). Heavy modules are imported inside the commands that need them, so
``thidua lint`` never pays for Jinja or DOCX.
"""

from __future__ import annotations

from .app import ConfigOption, LangOption, State, app, color_for, parse_day, set_lang

__all__ = ["ConfigOption", "LangOption", "State", "app", "color_for", "parse_day", "set_lang"]

# Each command module registers itself on ``app`` when imported; the order
# here is the order ``thidua --help`` lists them in.
# isort: off
from . import lint as _lint  # noqa: F401
from . import render as _render  # noqa: F401
from . import diff as _diff  # noqa: F401
from . import report as _report  # noqa: F401
from . import new as _new  # noqa: F401
from . import importer as _importer  # noqa: F401
from . import scores as _scores  # noqa: F401
from . import rules as _rules  # noqa: F401
from . import schema as _schema  # noqa: F401
from . import lsp as _lsp  # noqa: F401
# isort: on
