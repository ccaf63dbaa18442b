"""The diff engine: both sides read and parsed, in one process or two."""

from __future__ import annotations

import os

import pytest

from thidua_cli.diff.engine import DiffOptions, diff_sides
from thidua_cli.diff.fork import both
from thidua_cli.diff.revision import Side
from thidua_cli.errors import InputError

from .conftest import EXAMPLE
from .test_diff_cli import DIFFS, ISSUED

SEQUENTIAL = DiffOptions(parallel_bytes=10**12)
PARALLEL = DiffOptions(parallel_bytes=0)


def _side(path: os.PathLike[str]) -> Side:
    return Side(str(path), path=str(path))


def test_two_processes_give_the_same_result() -> None:
    one = diff_sides(_side(EXAMPLE), _side(ISSUED), SEQUENTIAL)
    two = diff_sides(_side(EXAMPLE), _side(ISSUED), PARALLEL)
    assert two == one
    assert len(two.changes) == 12


@pytest.mark.parametrize("options", [SEQUENTIAL, PARALLEL], ids=["one process", "two"])
def test_an_error_in_the_second_side_is_raised_with_its_place(options: DiffOptions) -> None:
    with pytest.raises(InputError) as caught:
        diff_sides(_side(EXAMPLE), _side(DIFFS / "bad-syntax.yaml"), options)
    assert (caught.value.key, caught.value.line, caught.value.column) == ("yaml.syntax", 5, 2)


def _square_or_fail(n: int) -> int:
    if n < 0:
        raise ValueError(n)
    return n * n


def test_both_runs_the_second_in_a_child() -> None:
    assert both(lambda _: os.getpid(), None, None, parallel=False) == (os.getpid(),) * 2
    parent, child = both(lambda _: os.getpid(), None, None, parallel=True)
    assert parent == os.getpid() != child


def test_a_failing_child_is_redone_in_the_parent() -> None:
    assert both(_square_or_fail, 3, 4, parallel=True) == (9, 16)
    with pytest.raises(ValueError, match="-4"):
        both(_square_or_fail, 3, -4, parallel=True)
