"""What the ``thidua scores`` commands do, between the typer layer and the sheets."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import i18n
from ..atomic import (
    check_file_name,
    check_writable_all,
    make_folder,
    remove_folders,
    write_atomic,
    written_together,
)
from ..errors import OutputError, UsageError
from ..model import Plan
from ..scoring.tree import Tree, build_tree
from ..text.control import visible

if TYPE_CHECKING:
    from ..loader import Parsed

    # The import's merge loads ruamel's round-trip machinery: not for the sheets out.
    from .merge import Field


@dataclass(frozen=True)
class Loaded:
    path: str
    text: str
    plan: Plan
    tree: Tree
    parsed: Parsed | None = None  # where each value stands, for located messages


class Blocked(Exception):
    """The plan does not fit the format: its findings were printed."""


def load_plan(path: str, lang: i18n.Lang, err: TextIO, config: Path | None = None) -> Loaded:
    """The plan, validated; its errors printed and ``typer.Exit(1)`` when it has any."""
    import typer

    from ..formats.lint.text import line
    from ..gate import lint_options
    from ..lint.engine import lint_file
    from ..source import read_source

    options = lint_options(lang=lang, config=config)
    # Read once: a plan on standard input (-) cannot be read a second time.
    source = read_source(path, max_bytes=options.max_bytes)
    result = lint_file(path, options, source)
    errors = [f for f in result.findings if f.severity == "error"]
    if result.plan is None or errors:
        for f in result.findings:
            err.write(line(f) + "\n")
        err.write(i18n.t("scores_cmd.plan_blocked", lang, path=path, errors=len(errors)) + "\n")
        raise typer.Exit(1)
    return Loaded(path, source.text, result.plan, build_tree(result.plan.criteria),
                  result.parsed)


def write_sheets(loaded: Loaded, folder: Path) -> list[Path]:
    from .writer import member_sheets

    _need_criteria(loaded)
    _fit_cells(loaded)
    _fit_sheet(loaded, table=False)
    if str(folder) == "-":
        raise OutputError("sheets.no_stdout")
    # Every workbook checked before the first is written: a refused one left the
    # earlier ones written, unnamed.
    check_writable_all((folder / f"{m.id}.xlsx" for m in loaded.plan.bloc.members),
                       protect=[Path(loaded.path)], named_by_data=True)
    try:
        made = make_folder(folder)
    except OutputError as e:
        if e.key == "output.not_a_folder":
            raise OutputError("sheets.out_not_dir", path=e.path or str(folder)) from e
        raise
    written = []
    try:
        with written_together() as together:  # a full disk at the last leaves the old set
            for member, data in member_sheets(loaded.plan, loaded.tree):
                target = folder / f"{member.id}.xlsx"
                together.write(target, data, protect=[Path(loaded.path)])
                written.append(target)
    except BaseException:
        remove_folders(made)  # the folder made for sheets none of which was written
        raise
    return written


def write_table(loaded: Loaded, output: str | os.PathLike[str]) -> Path:
    from .writer import summary_table

    _need_criteria(loaded)
    _fit_cells(loaded)
    _fit_sheet(loaded, table=True)
    if os.fspath(output) == "-":
        raise OutputError("sheets.no_stdout")
    check_file_name(output)  # `-o tables/` wrote a file named `tables`
    target = Path(output)
    if target.suffix.lower() in _NOT_A_WORKBOOK:
        # `-o plan-2023.yaml` (a slip) would put a workbook over another plan.
        raise UsageError("sheets.table_suffix", path=str(target), suffix=target.suffix)
    if target.suffix and target.suffix.lower() != ".xlsx":
        # `-o table.csv` or `.ods`: the program that opens such a name cannot read an
        # .xlsx workbook under it. A name with no suffix (a FIFO, a device, a name
        # from mktemp) is the user's choice and is written as named.
        raise UsageError("sheets.table_not_xlsx", path=str(target), suffix=target.suffix,
                         name=target.with_suffix(".xlsx").name)
    write_atomic(target, summary_table(loaded.plan, loaded.tree), protect=[Path(loaded.path)])
    return target


#: Names of plans and of the documents thidua writes: never a workbook's.
_NOT_A_WORKBOOK = (".yaml", ".yml", ".docx", ".pdf", ".md", ".json", ".toml")


def _need_criteria(loaded: Loaded) -> None:
    if not loaded.tree.nodes:
        from ..errors import InputError

        raise InputError("sheets.no_criteria", path=loaded.path)


def _fit_cells(loaded: Loaded) -> None:
    """Every text fits its cell, or an ``InputError`` at the value that does not
    (openpyxl would cut it at 32,767 characters without a word)."""
    from ..errors import InputError
    from .writer import CELL_MAX, cell_texts

    for where, text in cell_texts(loaded.plan, loaded.tree):
        if len(text) > CELL_MAX:
            line, column = loaded.parsed.value_pos(where) if loaded.parsed else (None, None)
            raise InputError("sheets.text_too_long", path=loaded.path, line=line,
                             column=column, length=len(text), limit=CELL_MAX)


def _fit_sheet(loaded: Loaded, *, table: bool) -> None:
    """Every formula fits Excel's 8,192 characters and the table its 16,384 columns,
    or an ``InputError`` at the criteria that do not: openpyxl wrote a total of
    1,500 criteria (11,638 characters) and columns up to ``XFY`` without a word,
    and Excel finds such a workbook damaged."""
    from ..errors import InputError
    from .writer import COLUMNS_MAX, FORMULA_MAX, formulas, table_columns

    def where(path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        return loaded.parsed.value_pos(path) if loaded.parsed else (None, None)

    order = loaded.plan.ranking.tie_break if loaded.plan.ranking else ()
    if table and table_columns(loaded.tree, order) > COLUMNS_MAX:
        line, column = where(("criteria",))
        raise InputError("sheets.too_many_columns", path=loaded.path, line=line,
                         column=column, leaves=len(loaded.tree.leaves),
                         columns=table_columns(loaded.tree, order), limit=COLUMNS_MAX)
    for path, length in formulas(loaded.tree, len(loaded.plan.bloc.members), table=table,
                                 tie_break=order):
        if length > FORMULA_MAX:
            line, column = where(path)
            raise InputError("sheets.formula_too_long", path=loaded.path, line=line,
                             column=column, length=length, limit=FORMULA_MAX)


def import_sheets(plan_path: str, paths: list[str], *, field: Field, diff: bool,
                  dry_run: bool, lang: i18n.Lang, out: TextIO, err: TextIO,
                  config: Path | None = None) -> int:
    """Run the import; the exit code (0 written or nothing to do, 1 findings)."""
    from .importer import run_import

    if plan_path == "-" and not (diff or dry_run):
        # The scores go into the plan file; standard input is no file to write.
        raise UsageError("scores_cmd.stdin_plan")
    if not (diff or dry_run):
        from ..atomic import check_rewritable

        check_rewritable(plan_path)
    loaded = load_plan(plan_path, lang, err, config)
    result = run_import(loaded.plan, loaded.text, paths, field=field, lang=lang,
                        plan_path=plan_path, parsed=loaded.parsed)
    for f in sorted(result.findings):
        err.write(f.line() + "\n")
    errors = sum(1 for f in result.findings if f.severity == "error")
    warnings = len(result.findings) - errors
    if result.new_text is None:
        err.write(i18n.t("scores_cmd.not_written", lang, path=plan_path, errors=errors) + "\n")
        return 1
    changed = result.new_text != result.old_text
    if diff:
        shown = visible(plan_path)  # a name holding ESC or a line break reached the terminal
        out.writelines(difflib.unified_diff(
            result.old_text.splitlines(keepends=True),
            result.new_text.splitlines(keepends=True), shown, shown))
    elif not dry_run and changed:
        from ..fix import write_text

        # The plan is this run's input and its output: rewritten on purpose, as
        # --fix does, and the same way: its BOM and line ends kept, and not over
        # an edit saved while the sheets were read.
        write_text(Path(plan_path), result.new_text, before=loaded.text,
                   changed="scores_cmd.changed")
    key = "scores_cmd.checked" if diff or dry_run else (
        "scores_cmd.imported" if changed else "scores_cmd.unchanged")
    err.write(i18n.t(key, lang, sheets=len(result.sheets), path=plan_path,
                     warnings=warnings) + "\n")
    return 0
