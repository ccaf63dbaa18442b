"""A finding in a sheet: the file, the cell, the rule, the message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import i18n
from . import layout as L
from .rules import BY_NAME


@dataclass(frozen=True, order=True)
class SheetFinding:
    """``sheets/btc.xlsx:Tự chấm!D7: error TD505 [sheet-score-out-of-range] ...``"""

    path: str
    row: int
    column: str
    code: str
    rule: str
    severity: str
    message: str
    sheet: str = L.SHEET

    @property
    def place(self) -> str:
        if not self.row:
            return self.path
        return f"{self.path}:{self.sheet}!{self.column}{self.row}"

    def line(self) -> str:
        from ..text.control import visible

        # Escaped as lint's file names are: a workbook's name (or a sheet's)
        # cannot forge a finding line or reach the terminal.
        return f"{visible(self.place)}: {self.severity} {self.code} [{self.rule}] {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sheet": self.sheet if self.row else None,
                "cell": f"{self.column}{self.row}" if self.row else None, "code": self.code,
                "rule": self.rule, "severity": self.severity, "message": self.message}


def make(path: str, rule: str, lang: i18n.Lang, cell: tuple[str, int] | None = None,
         **args: Any) -> SheetFinding:
    module = BY_NAME[rule]
    column, row = cell if cell is not None else ("", 0)
    from ..lint.engine import visible

    return SheetFinding(path, row, column, module.CODE, rule, module.SEVERITY,
                        visible(i18n.t(f"sheetrule.{rule}", lang, **args)))
