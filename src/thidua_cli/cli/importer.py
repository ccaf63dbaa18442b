"""``thidua import``: last year's Word plan as a plan file to check and finish."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..dates import EARLIEST_YEAR, LATEST_YEAR
from .app import ConfigOption, LangOption, app, set_lang


@app.command(name="import")
def import_(
    file: Annotated[str, typer.Argument(help="The Word plan: .docx (a .doc is converted with "
                                        "LibreOffice when it is installed).",
                                        metavar="FILE", show_default=False)],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="The plan file to write (default: FILE with .yaml); "
        "- writes to stdout.", metavar="PLAN.yaml", show_default=False)] = None,
    year: Annotated[int | None, typer.Option(
        "--year", help="The plan's year, when the document does not say it or says it wrong.",
        min=EARLIEST_YEAR, max=LATEST_YEAR, metavar="N", show_default=False)] = None,
    bloc_from: Annotated[str | None, typer.Option(
        "--bloc-from", help="A plan of the same bloc (last year's): member ids are taken "
        "from it, so they stay the same across years.", metavar="OTHER.yaml",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output if it "
                                        "exists.")] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Read a plan written in Word into a plan file, marking what to check, then lint it."""
    from .. import api, i18n
    from ..atomic import check_not_empty, write_atomic
    from ..errors import UsageError
    from ..formats.lint import REPORTERS, ReportOptions
    from ..lint.engine import LintResult

    language = set_lang(lang)
    if not file:  # Path("") is the current folder, which has no name to change the suffix of
        raise UsageError("api.empty_path", name="FILE")
    if output is not None:
        check_not_empty(output)
    out = output if output is not None else str(Path(file).with_suffix(".yaml"))
    # lexists: a dangling link is there too; an unusable name is left to the writer's message.
    if out != "-" and os.path.lexists(out) and not force:
        raise UsageError("import.exists", path=out)
    if out != "-":
        from ..atomic import check_writable

        check_writable(out, protect=[Path(file)])  # before the work, not after it
    result = api.import_plan(file, year=year, bloc_from=bloc_from, config=config,
                             lang=language, name=out)
    if out == "-":
        sys.stdout.write(result.text)
    else:
        write_atomic(out, result.text.encode("utf-8"), protect=[Path(file)],
                     exclusive=None if force else "import.exists")
        from ..atomic import is_standard_output
        from ..text.control import visible

        if not is_standard_output(out):
            sys.stdout.write(visible(out) + "\n")  # a name cannot reach the terminal raw
    sys.stderr.write(i18n.t("import.done", language, path=out, notes=result.notes,
                            unplaced=result.unplaced) + "\n")
    if result.lint.findings:
        color = sys.stderr.isatty() and "NO_COLOR" not in os.environ
        REPORTERS["text"](LintResult((result.lint,)), sys.stderr,
                          ReportOptions(lang=language, color=color))
    errors = sum(1 for f in result.lint.findings if f.severity == "error")
    raise typer.Exit(1 if errors else 0)
