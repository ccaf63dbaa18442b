"""Output formats: results laid out on a stream, one subpackage per kind of result.

``lint`` (text, json, github, sarif, gitlab), ``diff`` (text, md, json),
``report`` (what ``thidua report`` says besides the reports, and their JSON)
and ``newplan`` (what ``thidua new`` says). The library returns values; only
these modules and the command line write them. A format gets the result, a
text stream and ``FormatOptions``, and writes; it never decides the exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, TextIO

from ..i18n import Lang


class ReportOptions(NamedTuple):
    lang: Lang = "en"
    color: bool = False
    # The folder paths in CI reports are made relative to (default: the current one).
    root: str | None = None
    # Where docs/rules.md is published: each SARIF rule's helpUri is its section there.
    docs_url: str | None = None


def deferred(module: str) -> Callable[[Any, TextIO, ReportOptions], None]:
    """The ``report`` function of ``module``, imported when first called.

    A registry names every format, but a command loads only the one it writes.
    """

    def report(result: Any, stream: TextIO, options: ReportOptions) -> None:
        from importlib import import_module

        import_module(module, __name__).report(result, stream, options)

    return report
