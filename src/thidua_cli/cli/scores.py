"""``thidua scores``: members' scoring sheets out, the bloc's table, filled sheets in.

openpyxl is imported by these commands only (inside ``thidua_cli.sheets``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from .app import ConfigOption, LangOption, app, set_lang

scores_app = typer.Typer(
    name="scores", help="Scoring sheets (bảng chấm điểm): out to members, back into the plan.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(scores_app)

PlanArg = Annotated[str, typer.Argument(help="The plan file.", metavar="PLAN",
                                        show_default=False)]


@scores_app.command("sheets")
def sheets(
    plan: PlanArg,
    output: Annotated[str, typer.Option("--output", "-o", help="The folder to write "
                                        "<member-id>.xlsx files into (created if missing).",
                                        metavar="DIR", show_default=False)],
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Write one scoring sheet per member, to fill in with Excel or LibreOffice."""
    from ..atomic import check_not_empty
    from ..sheets.commands import load_plan, write_sheets
    from ..text.control import visible

    language = set_lang(lang)
    check_not_empty(output)
    loaded = load_plan(plan, language, sys.stderr, config)
    for path in write_sheets(loaded, Path(output)):
        sys.stdout.write(f"{visible(str(path))}\n")


@scores_app.command("table")
def table(
    plan: PlanArg,
    output: Annotated[str, typer.Option("--output", "-o", help="The .xlsx file to write.",
                                        metavar="FILE", show_default=False)],
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Write the bloc's summary table: members by criteria, self and final, totals, ranks."""
    from ..atomic import is_standard_output
    from ..sheets.commands import load_plan, write_table
    from ..text.control import visible

    language = set_lang(lang)
    loaded = load_plan(plan, language, sys.stderr, config)
    written = write_table(loaded, output)
    if not is_standard_output(written):
        sys.stdout.write(f"{visible(str(written))}\n")


@scores_app.command("import")
def import_(
    plan: PlanArg,
    paths: Annotated[list[str], typer.Argument(help="Filled sheets, or folders of them.",
                                               metavar="FILE|DIR...", show_default=False)],
    field: Annotated[str, typer.Option("--field", help="Where the sheets' numbers go: self "
                                       "(tự chấm) or final (thẩm định).")] = "self",
    diff: Annotated[bool, typer.Option("--diff", help="Print the change to the plan as a "
                                       "unified diff; write nothing.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the sheets; write "
                                          "nothing.")] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Read filled sheets and write their scores into the plan (all or nothing)."""
    from ..sheets.commands import import_sheets

    language = set_lang(lang)
    if field not in ("self", "final"):
        from ..text.control import visible

        raise typer.BadParameter(f"'{visible(field)}' is not self or final", param_hint="--field")
    chosen: Literal["self", "final"] = "self" if field == "self" else "final"
    code = import_sheets(plan, paths, field=chosen, diff=diff, dry_run=dry_run,
                         lang=language, out=sys.stdout, err=sys.stderr, config=config)
    raise typer.Exit(code)
