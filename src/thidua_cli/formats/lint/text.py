"""Human text, one finding a line: ``path:line:col: severity code [rule] message``.

Plain when piped (parsable, no wrapping, no markup); coloured with rich on a
terminal. rich is imported only then: it costs start-up time, and when output
is not a terminal it would wrap at 80 columns and read ``:100:`` as an emoji.
"""

from __future__ import annotations

from typing import TextIO

from ... import i18n
from ...lint.engine import LintResult
from ...lint.finding import Finding
from ...text.control import visible
from . import ReportOptions

_STYLES = {"error": "bold red", "warning": "yellow"}


def line(f: Finding) -> str:
    hint = f" ({f.hint})" if f.hint else ""
    # A file name gets the escaping its values get (the message is escaped already).
    where = f"{visible(f.path)}:{f.line}:{f.column}"
    return f"{where}: {f.severity} {f.code} [{f.rule}] {f.message}{hint}"


def summary(result: LintResult, lang: i18n.Lang) -> str:
    errors, warnings = result.count("error"), result.count("warning")
    files = len(result.files)
    if not errors and not warnings:
        return i18n.t("report.clean", lang, files=files)
    return i18n.t("report.summary", lang, files=files, errors=errors, warnings=warnings)


def report(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    if options.color:
        _report_rich(result, stream, options)
        return
    for finding in result.findings:
        stream.write(line(finding) + "\n")
    stream.write(summary(result, options.lang) + "\n")


def _report_rich(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, soft_wrap=True, emoji=False, markup=False, highlight=False)
    for f in result.findings:
        text = Text()
        text.append(f"{visible(f.path)}:{f.line}:{f.column}:", style="bold")
        text.append(" ")
        text.append(f.severity, style=_STYLES[f.severity])
        text.append(f" {f.code} ", style="bold")
        text.append(f"[{f.rule}]", style="dim")
        text.append(f" {f.message}")
        if f.hint:
            text.append(f" ({f.hint})", style="cyan")
        console.print(text)
    style = "bold red" if result.count("error") else "green"
    console.print(Text(summary(result, options.lang), style=style))
