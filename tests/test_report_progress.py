"""The progress bar: only for many plans, only on a terminal."""

from __future__ import annotations

import io
import sys

import pytest

from thidua_cli.cli.progress import Bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "total", "shown"), [
    (Terminal(), 5, True),
    (Terminal(), 4, False),          # a few plans: no bar
    (io.StringIO(), 50, False),      # piped: no bar
])
def test_bar_shows_only_for_many_plans_on_a_terminal(
        monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, total: int, shown: bool) -> None:
    monkeypatch.setattr(sys, "stderr", stream)
    bar = Bar(5, "Writing reports")
    bar.start(total)
    assert (bar._progress is not None) == shown
    bar.stop()
    assert bar._progress is None
