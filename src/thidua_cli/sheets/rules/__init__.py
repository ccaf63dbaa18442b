"""The TD5xx rules: findings of ``thidua scores import``, one module each.

They have no ``check``: the sheet reader (``sheets.reader``) produces their
findings while it reads a workbook. They are not plan rules (``thidua lint``
never reports them), so they are kept apart from the lint catalog;
``docs/rules.md`` documents them from these docstrings all the same.
"""

from __future__ import annotations

from types import ModuleType

from ...lint.rules import Rule
from . import (
    criteria_changed,
    decimal_comma,
    duplicate_sheet,
    empty_score,
    formula_overwritten,
    not_a_number,
    not_a_scoring_sheet,
    rows_changed,
    sheet_member,
    sheet_of_other_plan,
    sheet_score_out_of_range,
)

MODULES: tuple[ModuleType, ...] = (
    sheet_of_other_plan, criteria_changed, sheet_member, duplicate_sheet,
    sheet_score_out_of_range, decimal_comma, not_a_number, formula_overwritten,
    rows_changed, empty_score, not_a_scoring_sheet,
)


def sheet_rules() -> tuple[Rule, ...]:
    """The TD5xx rules, in the catalog's shape (for the docs and the reader)."""
    return tuple(Rule(m.CODE, m.NAME, m.SEVERITY, m.__doc__ or "", None) for m in MODULES)


BY_NAME: dict[str, ModuleType] = {m.NAME: m for m in MODULES}
