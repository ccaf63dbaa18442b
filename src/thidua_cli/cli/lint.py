"""``thidua lint``: check plan files (and with ``--fix``, correct what is safe)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..formats.lint import LintFormat
from .app import ConfigOption, LangOption, app, choice, choices, parse_day, set_lang

if TYPE_CHECKING:
    from ..fix import FixOutcome
    from ..i18n import Lang


@app.command()
def lint(
    paths: Annotated[list[str], typer.Argument(
        help="Plan files or folders (searched for *.yaml and *.yml); - reads stdin.",
        show_default=False)],
    format: Annotated[LintFormat | None, typer.Option(
        "--format", "-f", parser=choice(LintFormat), metavar="FORMAT",
        help=f"Output format: {choices(LintFormat)} (default: text; github under "
             "GitHub Actions).",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write the report to this file; the terminal still gets text.",
        show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 on warnings too.")] = False,
    today: Annotated[str | None, typer.Option(
        "--today", help="The date to check deadlines against (default: today).",
        show_default=False)] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", help="Refuse plan files larger than this.", min=1)] = 20 * 1024 * 1024,
    select: Annotated[list[str] | None, typer.Option(
        "--select", help="Only these rules (codes, names or code prefixes, comma-separated); "
        "replaces the configuration's select.", show_default=False)] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", help="Not these rules (comma-separated); added to the configuration's.",
        show_default=False)] = None,
    config: ConfigOption = None,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Correct what is safe in place (NFC, known misspellings).")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="With --fix: print what would change as a diff, write nothing.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes to lint in (default: one per CPU when there "
        "are more than 50 files, else 1).", show_default=False)] = None,
    lang: LangOption = None,
) -> None:
    """Check plan files against the format and the bloc's rules."""
    from .. import api
    from ..config import split_items
    from .delivery import console_format, deliver

    language = set_lang(lang)
    day, chosen, ignored = parse_day(today), split_items(select), split_items(ignore) or ()
    if fix or diff:
        outcome = api.fix_files(paths, write=not diff, config=config, today=day, lang=language,
                          select=chosen, ignore=ignored, max_bytes=max_bytes)
        _tell_fixes(outcome, diff, language)
        if diff:  # the diff is the output; exit 1 when there is something to fix
            raise typer.Exit(1 if outcome.fixed else 0)
        result = outcome.result
    else:
        result = api.lint(paths, config=config, today=day, lang=language, select=chosen,
                          ignore=ignored, max_bytes=max_bytes, jobs=jobs)
    docs_url = None
    if "sarif" in (format, console_format()):
        from ..gate import configuration

        docs_url = configuration(config).docs_url
    deliver(result, format=format, output=output, lang=language, docs_url=docs_url)
    failed = result.count("error") or (strict and result.count("warning"))
    raise typer.Exit(1 if failed else 0)


def _tell_fixes(outcome: FixOutcome, diff: bool, lang: Lang) -> None:
    """Diffs on stdout (with --diff); what was fixed, or refused, on stderr."""
    from ..i18n import t

    for change in outcome.changes:
        if change.refused:
            sys.stderr.write(f"thidua: {t('fix.refused', lang, path=change.path)}\n")
        elif diff:
            sys.stdout.write(change.diff())
    files = sum(1 for c in outcome.changes if not c.refused)
    key = "fix.nothing" if not outcome.fixed else "fix.would_fix" if diff else "fix.fixed"
    sys.stderr.write(f"thidua: {t(key, lang, count=outcome.fixed, files=files)}\n")
