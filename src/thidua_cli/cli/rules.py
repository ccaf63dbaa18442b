"""``thidua rules``: the rule catalog, or one rule in full."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import Lang
from .app import LangOption, app, choice, set_lang

if TYPE_CHECKING:
    from ..lint.catalog import RuleDoc


class RulesFormat(StrEnum):
    """``thidua rules --format``: a table or the rule (text), JSON, Markdown (docs/rules.md)."""

    text = "text"
    json = "json"
    md = "md"


@app.command()
def rules(
    rule: Annotated[str | None, typer.Argument(
        help="A rule's code (TD101) or name (unknown-member) to print in full.",
        show_default=False)] = None,
    format: Annotated[RulesFormat, typer.Option(
        "--format", "-f", parser=choice(RulesFormat), metavar="FORMAT",
        help="text (a table, or the rule in full), json, or md (docs/rules.md)."
    )] = RulesFormat.text,
    lang: LangOption = None,
) -> None:
    """List the lint rules (code, name, severity, summary) or explain one."""
    from .. import api, docs

    language = set_lang(lang)
    found = api.rules(rule)
    chosen = None if rule is None else found[0]
    out = sys.stdout
    if format == "json":
        out.write(docs.rules_json(found))
    elif format == "md":
        out.write(docs.rule_markdown(chosen) + "\n" if chosen else docs.render_rules_markdown())
    elif chosen is not None:
        out.write(docs.rule_text(chosen))
    elif out.isatty():
        _print_table(found, language)
    else:
        out.write(docs.rules_table_text(language))


def _print_table(found: Sequence[RuleDoc], lang: Lang) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .. import docs, i18n
    table = Table(*(i18n.t(f"rules.{c}", lang) for c in ("code", "name", "severity", "summary")),
                  box=None, header_style="bold")
    for d in found:
        style = "red" if d.rule.severity == "error" else "yellow"
        table.add_row(Text(d.rule.code, style="bold"), Text(d.rule.name),
                      Text(d.rule.severity, style=style), Text(docs.summary_in(d, lang)))
    Console(emoji=False, highlight=False, markup=False).print(table)
