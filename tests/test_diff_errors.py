"""``thidua diff`` counts each side's errors as ``thidua lint`` does, running fewer rules.

The diff runs only the rules that can give an error under the bloc's
configuration (``errors_only``). Each row is a side and a configuration; the
count the diff reports, in one process and in two, must be the lint's, and
the lint's the one the row states (so a row cannot pass by counting nothing).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from thidua_cli.diff.engine import DiffOptions, diff_sides, diff_texts
from thidua_cli.diff.revision import Side
from thidua_cli.gate import lint_options
from thidua_cli.lint.engine import errors_only, lint_text

from .conftest import EXAMPLE

TITLE = "title: Tổ chức phong trào thi đua"
EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
# TD204 (a warning): tasks due in March, still planned at the year's end.
OPEN = "    objectives: [phoi-hop-phong-trao]\n    lead: all\n    status: planned\n"
CLEAN = EXAMPLE_TEXT.replace(OPEN, OPEN.replace("    lead:", "    due: 2022-03-31\n    lead:"))
# TD403 (an error): the symbol in lower case.
BAD_SYMBOL = CLEAN.replace("symbol: KH-LMHTXVN", "symbol: KH-lmhtxvn")
# TD401 (a warning): the title in NFD, besides the symbol's error.
BOTH = BAD_SYMBOL.replace(TITLE, unicodedata.normalize("NFD", TITLE))
# An ignore comment for a warning rule that finds nothing there (TD402), and
# one that silences the title's warning (TD401).
COMMENTED = BOTH.replace("symbol: KH-lmhtxvn", "symbol: KH-lmhtxvn  # thidua: ignore[TD402]")
COMMENTED = "# thidua: ignore-file[TD401]\n" + COMMENTED

LATE = "today = 2022-12-31\n"  # the tasks due in March are overdue (TD204)

# plan, configuration, the errors lint counts
ROWS = {
    "clean": (EXAMPLE_TEXT, "today = 2022-06-01\n", 0),
    "clean, overdue warnings": (CLEAN, LATE, 0),
    "overdue raised to error": (CLEAN, LATE + '[severity]\nTD204 = "error"\n', 3),
    "error and warnings": (BOTH, LATE, 1),
    "nfc warning raised to error": (BOTH, LATE + '[severity]\nnot-nfc = "error"\n', 2),
    "two warning rules raised to error": (
        BOTH, LATE + '[severity]\nmisspelling = "error"\nTD401 = "error"\n', 2),
    "error rule ignored": (BOTH, LATE + 'ignore = ["TD403"]\n', 0),
    "error rule off by severity": (BOTH, LATE + '[severity]\nTD403 = "off"\n', 0),
    "error rule lowered to warning": (BOTH, LATE + '[severity]\nTD403 = "warning"\n', 0),
    "only the text rules": (BOTH, LATE + 'select = ["TD4"]\n', 1),
    "ignore comments": (COMMENTED, LATE, 1),
    "unused ignore raised to error": (COMMENTED, LATE + '[severity]\nTD900 = "error"\n', 2),
    "unused ignore and nfc raised": (
        COMMENTED, LATE + '[severity]\nTD900 = "error"\nTD401 = "error"\n', 2),
    "schema error": (CLEAN.replace("\nyear: 2022", "\nyear: hai nghìn", 1), LATE, 1),
}


def _options(tmp_path: Path, config: str) -> DiffOptions:
    (tmp_path / ".thidua.toml").write_text(config, "utf-8")
    return DiffOptions(lint=lint_options(lang="en", cwd=tmp_path))


@pytest.mark.parametrize("row", ROWS)
def test_the_diff_counts_the_errors_lint_counts(tmp_path: Path, row: str) -> None:
    text, config, expected = ROWS[row]
    options = _options(tmp_path, config)
    linted = lint_text(text, "plan.yaml", options.lint)
    errors = linted.count("error")
    assert errors == expected, linted.findings
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, "utf-8")
    side = Side(str(plan), path=str(plan))
    assert diff_texts(text, CLEAN, options).old.errors == errors
    for parallel_bytes in (0, 10**12):  # two processes, one
        two = diff_sides(side, side, DiffOptions(lint=options.lint,
                                                 parallel_bytes=parallel_bytes))
        assert (two.old.errors, two.new.errors) == (errors, errors)


def test_the_rules_that_can_only_warn_are_off(tmp_path: Path) -> None:
    lint = _options(tmp_path, LATE + '[severity]\nTD401 = "error"\nTD403 = "warning"\n').lint
    enabled = errors_only(lint).enabled
    assert enabled is not None
    assert {"TD001", "TD002", "TD401", "TD101"} <= enabled
    assert not {"TD204", "TD402", "TD403", "TD900"} & enabled
    # Only errors come out; the warnings lint finds are gone.
    assert lint_text(BOTH, "plan.yaml", lint).count("warning") > 1
    assert lint_text(BOTH, "plan.yaml", errors_only(lint)).count("warning") == 0


def test_with_unused_ignore_an_error_every_rule_runs(tmp_path: Path) -> None:
    lint = _options(tmp_path, '[severity]\nTD900 = "error"\n').lint
    assert errors_only(lint) == lint
