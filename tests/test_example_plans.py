"""Every file in tests/plans/ is a test case.

A valid plan must produce no finding at all; an invalid plan states on its
first line what it must produce, as ``# expect: TD101@14 TD002@3``. A plan
with a ``.toml`` file of the same name beside it is linted with that
configuration (for rules that need one, such as a quota).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thidua_cli.lint.engine import LintOptions, lint_file

from .conftest import EXAMPLE, PLANS, TODAY

VALID = sorted((PLANS / "valid").glob("*.yaml"))
INVALID = sorted((PLANS / "invalid").glob("*.yaml"))
_EXPECT = re.compile(r"^# expect:((?:\s+TD\d{3}@\d+)+)\s*$")


def expected(path: Path) -> list[tuple[str, int]]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    match = _EXPECT.match(first)
    assert match, f"{path.name}: first line must be '# expect: TDnnn@line ...'"
    pairs = (item.split("@") for item in match.group(1).split())
    return sorted((code, int(line)) for code, line in pairs)


def found(path: Path) -> list[tuple[str, int]]:
    config = path.with_suffix(".toml")
    if config.is_file():
        from thidua_cli.gate import lint_options

        options = lint_options(lang="en", today=TODAY, config=config)
    else:
        options = LintOptions(today=TODAY)
    result = lint_file(str(path), options)
    return sorted((f.code, f.line) for f in result.findings)


@pytest.mark.parametrize("path", [EXAMPLE, *VALID], ids=lambda p: p.name)
def test_valid_plan_has_no_findings(path: Path) -> None:
    assert found(path) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_plan_has_exactly_its_findings(path: Path) -> None:
    assert found(path) == expected(path)


def test_every_rule_has_an_invalid_example() -> None:
    from thidua_cli.lint.rules import RULES

    covered = {code for path in INVALID for code, _ in expected(path)}
    assert {r.code for r in RULES} <= covered
