"""``thidua new``: next year's plan, from last year's (``--from``) or a skeleton."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..dates import EARLIEST_YEAR, LATEST_YEAR
from .app import ConfigOption, LangOption, app, parse_day, set_lang


@app.command()
def new(
    out: Annotated[str, typer.Argument(help="The plan file to create; - writes to stdout.",
                                       metavar="OUT", show_default=False)],
    year: Annotated[int | None, typer.Option(
        "--year", help="The new plan's year (default with --from: the year after PLAN's).",
        min=EARLIEST_YEAR, max=LATEST_YEAR, metavar="N", show_default=False)] = None,
    source: Annotated[str | None, typer.Option(
        "--from", help="Last year's plan to start from (default: a commented skeleton).",
        metavar="PLAN", show_default=False)] = None,
    head: Annotated[str | None, typer.Option(
        "--head", help="Member id of the new bloc head (khối trưởng).",
        show_default=False)] = None,
    deputies: Annotated[list[str] | None, typer.Option(
        "--deputies", help="Member ids of the new deputies (khối phó), comma-separated; "
        "'' for none.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUT if it exists.")] = False,
    today: Annotated[str | None, typer.Option(
        "--today", help="The date the new plan is checked against (default: today).",
        show_default=False)] = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Start a year's plan: last year's moved forward, or a skeleton to fill in."""
    from .. import api
    from ..atomic import write_atomic
    from ..errors import UsageError
    from ..formats.newplan import print_outcome

    language = set_lang(lang)
    if year is None and source is None:
        raise UsageError("new.year_missing")
    if out != "-":
        from ..atomic import check_file_name, same_file

        check_file_name(out)  # before the work, not after it
        if source is not None and same_file(Path(out), Path(source)):
            raise UsageError("new.own_source", path=out)
        if os.path.lexists(out) and not force:
            raise UsageError("new.exists", path=out)
    ids = None if deputies is None else [d.strip() for v in deputies for d in v.split(",")
                                         if d.strip()]
    plan = api.new_plan(year=year, source=source, head=head, deputies=ids,
                        today=parse_day(today), config=config, lang=language, name=out)
    def outcome() -> bool:
        return print_outcome(plan, sys.stderr, language, head_given=head is not None,
                             deputies_given=deputies is not None)

    if not plan.ok:
        outcome()
        raise typer.Exit(1)
    assert plan.text is not None
    if out == "-":
        outcome()
        sys.stdout.write(plan.text)
    else:
        # Written before its warnings and notes are printed: they name lines
        # of OUT, and a write that fails (a full disk) leaves no OUT to name,
        # only its one message (they were printed first, then the failure).
        write_atomic(out, plan.text.encode("utf-8"),
                     protect=[Path(source)] if source is not None else [],
                     exclusive=None if force else "new.exists")
        outcome()
        from ..atomic import is_standard_output
        from ..text.control import visible

        if not is_standard_output(out):
            sys.stdout.write(visible(out) + "\n")
