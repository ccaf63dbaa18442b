"""``thidua diff`` skips the TCVN3/VNI rule (TD405) only where it could find nothing.

A diff counts each side's errors as ``thidua lint`` does. Looking for legacy
text in every value is the costliest of the rules that give errors, so the
diff first searches the whole file for what the rule looks for
(``legacy.suspect_anywhere``) and skips the rule when nothing is there, the
text has no escapes and no ignore comments. Each row writes a value in one
YAML spelling; the count must be lint's whatever the spelling, and the rule
must be skipped exactly where the file holds nothing suspect.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from thidua_cli.diff.engine import DiffOptions, _error_rules, diff_texts
from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.text import legacy

from .conftest import PLANS

MINIMAL = (PLANS / "valid" / "minimal.yaml").read_text("utf-8")
TITLE = "    title: Thi đua hoàn thành nhiệm vụ chính trị được giao\n"
LINT = LintOptions(lang="en")
TD405 = "TD405"


def with_title(spelled: str) -> str:
    """The minimal plan with its task's title written as ``spelled`` (YAML)."""
    assert TITLE in MINIMAL
    return MINIMAL.replace(TITLE, f"    title: {spelled}\n")


def counts(text: str) -> tuple[int, int, bool]:
    """Lint's errors, the diff's errors for the text, and whether TD405 ran there."""
    linted = lint_text(text, "plan.yaml", LINT).count("error")
    diffed = diff_texts(text, MINIMAL, DiffOptions(lint=LINT)).old.errors
    return linted, diffed, _error_rules(text, LINT).is_on(TD405)


# title as written, errors lint counts, whether the rule runs
ROWS = {
    "unicode": ("Ủy ban nhân dân", 0, False),
    "plain tcvn3": ("Uû ban nh©n d©n", 1, True),
    "plain vni": ("UÛy ban nhaân daân", 1, True),
    "single quoted": ("'Uû ban nh©n d©n'", 1, True),
    "single quoted, quote doubled": ("'Uû ban nh©n d''©n'", 1, True),
    "double quoted": ('"Uû ban nh©n d©n"', 1, True),
    "escaped, no suspect as written": (r'"U\u00fb ban nh\u00a9n d\u00a9n"', 1, True),
    "escaped vni pair": (r'"UÛy ban nha\u00e2n da\u00e2n"', 1, True),
    "escaped line break joins a pair": ('"nha\\\n      ân daân"', 1, True),
    "folded": (">\n      Uû ban\n      nh©n d©n", 1, True),
    "literal": ("|\n      Uû ban\n      nh©n d©n", 1, True),
    "plain over two lines": ("Uû ban\n      nh©n d©n", 1, True),
    "a pair split by a line break": ("nha\n      ân", 0, False),
    "flow": ("[Uû ban nh©n d©n]", 2, True),  # not text (TD002) and legacy in the item
    "ignore comment": ("Uû ban nh©n d©n  # thidua: ignore[TD405]", 0, True),
    "ignore comment, nothing to ignore": ("Ủy ban  # thidua: ignore[TD405]", 0, True),
    "a backslash in unicode text": (r'"Ủy ban \\ nhân dân"', 0, True),
    "foreign Latin-1": ("Tham quan München, © 2022", 0, True),
}


@pytest.mark.parametrize("row", ROWS)
def test_the_diff_counts_legacy_text_as_lint_does(row: str) -> None:
    spelled, errors, runs = ROWS[row]
    text = with_title(spelled)
    assert counts(text) == (errors, errors, runs)


def test_an_alias_of_legacy_text_is_counted() -> None:
    text = MINIMAL.replace("name: Bộ Nội vụ", "name: &n Uû ban nh©n d©n").replace(
        TITLE, "    title: *n\n")
    assert counts(text) == (2, 2, True)


SUSPECTS = sorted(legacy._suspects())
PIECES = st.sampled_from([*SUSPECTS, "a", "â", "à", "o", "ø", "U", "Û", "y", " ", "ư", "ệ",
                          "đ", "nh", "ban", "Hµ", "Néi", "'", "\\", "\n", "©", "é"])


@given(st.lists(PIECES, max_size=12).map("".join))
def test_a_suspect_anywhere_is_one_somewhere(text: str) -> None:
    assert legacy.suspect_anywhere(text) is any(k in text for k in SUSPECTS)


def _spellings(value: str) -> list[str]:
    one_line = value.replace("\n", " ")
    return [
        one_line,
        "'" + one_line.replace("'", "''") + "'",
        json.dumps(value, ensure_ascii=False),
        json.dumps(value, ensure_ascii=True),
        ">\n" + "".join(f"      {line}\n" for line in value.split("\n")),
        "|\n" + "".join(f"      {line}\n" for line in value.split("\n")),
        one_line.replace(" ", "\n      "),
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=10).map("".join), st.integers(0, 6))
def test_the_diff_counts_any_spelling_of_any_text_as_lint_does(value: str, style: int) -> None:
    text = with_title(_spellings(value)[style].rstrip("\n"))
    linted = lint_text(text, "plan.yaml", LINT)
    assume(not any(f.code == "TD001" for f in linted.findings))  # YAML, or the diff refuses it
    assert diff_texts(text, MINIMAL, DiffOptions(lint=LINT)).old.errors == linted.count("error")
