"""``thidua scores import``: sheets read, checked, and merged into the plan, or nothing.

All sheets are read before anything is written; one error in any of them
and the plan stays as it was. The new text is written atomically, or shown
as a unified diff (``--diff``), or only checked (``--dry-run``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n
from ..errors import InputError, UsageError
from ..loader import Parsed
from ..model import Plan
from ..scoring.tree import build_tree
from .finding import SheetFinding, make
from .merge import Field, merge
from .reader import SheetResult, read_sheet

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xltx", ".xltm", ".xlsb")


@dataclass
class ImportResult:
    findings: list[SheetFinding] = field(default_factory=list)
    sheets: list[SheetResult] = field(default_factory=list)
    old_text: str = ""
    new_text: str | None = None

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def collect_sheets(paths: Sequence[str]) -> list[Path]:
    """The files named, and the workbooks in the folders named (sorted, not recursive
    into hidden folders); Excel's lock files (``~$btc.xlsx``) are skipped."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file()
                           and f.suffix.lower() in SUFFIXES and not f.name.startswith("~$"))
            if not found:
                raise UsageError("sheets.no_sheets", path=raw)
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise UsageError("usage.no_such_path", path=raw)
    from ..atomic import note_input

    for sheet in out:
        # Inputs of the run, as plans are: `>> btc.xlsx` may not append to one.
        note_input(sheet)
    return out


def run_import(plan: Plan, plan_text: str, paths: Sequence[str], *, field: Field,
               lang: i18n.Lang, plan_path: str | None = None,
               parsed: Parsed | None = None) -> ImportResult:
    """The sheets read and checked, and the plan's new text when none has an
    error; ``plan_path`` and ``parsed`` (the plan's) place a message about the text."""
    tree = build_tree(plan.criteria)
    if not tree.nodes:
        raise InputError("sheets.no_criteria")
    members = {m.id for m in plan.bloc.members}
    result = ImportResult(old_text=plan_text)
    seen: dict[str, str] = {}
    for path in collect_sheets(paths):
        sheet = read_sheet(path, bloc=plan.bloc.name, year=plan.year, tree=tree,
                           members=members, lang=lang)
        if sheet.member is not None and sheet.member in seen:
            sheet.findings.append(make(sheet.path, "duplicate-member", lang,
                                       member=sheet.member, first=seen[sheet.member]))
        elif sheet.member is not None:
            seen[sheet.member] = sheet.path
        result.sheets.append(sheet)
        result.findings.extend(sheet.findings)
    if result.ok:
        result.new_text = merge(plan_text, ((s.member, s.entries) for s in result.sheets
                                            if s.member is not None), field,
                                path=plan_path, parsed=parsed)
    return result
