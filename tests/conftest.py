"""Shared helpers: the table-style assertions the rule tests use."""

from __future__ import annotations

import os
import signal
import textwrap
from datetime import date
from pathlib import Path

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text

ROOT = Path(__file__).resolve().parent.parent
PLANS = Path(__file__).resolve().parent / "plans"
EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
TODAY = date(2022, 6, 1)

# The tests run thidua as a user does: without the cache of compiled templates,
# which only THIDUA_CACHE_DIR turns on (tests/test_render_compiled.py sets it).
os.environ.pop("THIDUA_CACHE_DIR", None)


def pytest_configure(config: pytest.Config) -> None:
    # The signal tests send SIGINT, SIGTERM and SIGHUP to a thidua process and
    # expect it to end as a user's would. A test run started in the background
    # (`pytest &` ignores SIGINT) or under nohup passes the ignoring on to
    # every child, and thidua rightly keeps an ignoring it inherits: the
    # processes the tests start get the dispositions of an ordinary shell.
    del config
    for name in ("SIGHUP", "SIGTERM"):
        if signal.getsignal(getattr(signal, name)) is signal.SIG_IGN:
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def findings_of(text: str, lang: str = "en") -> list[tuple[int, str]]:
    """``(line, code)`` of every finding in a plan text."""
    result = lint_text(textwrap.dedent(text), "plan.yaml",
                       LintOptions(lang=lang, today=TODAY))  # type: ignore[arg-type]
    return [(f.line, f.code) for f in result.findings]


def assert_findings(text: str, expected: list[tuple[int, str]]) -> None:
    assert findings_of(text) == sorted(expected)


@pytest.fixture()
def minimal_plan() -> str:
    return (PLANS / "valid" / "minimal.yaml").read_text("utf-8")
