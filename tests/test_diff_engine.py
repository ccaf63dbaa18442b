"""The diff engine: both sides read and parsed, in one process or two."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from thidua_cli.diff.engine import DiffOptions, diff_sides, diff_texts
from thidua_cli.diff.fork import both
from thidua_cli.diff.revision import Side
from thidua_cli.errors import InputError

from .conftest import EXAMPLE, PLANS
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


@pytest.mark.parametrize(("runnable", "load", "cpus", "spare"), [
    (1, 1.9, 2, True),  # only this process runs now (its own last runs made the load)
    (2, 0.1, 2, False),  # another one runs now: the other CPU is taken
    (3, 3.0, 4, True),
    (1, 0.0, 1, False),  # one CPU: a second process only adds
    # Without /proc/loadavg: the load average of the last minute.
    (None, 0.2, 2, True),
    (None, 0.99, 2, True),
    (None, 1.0, 2, False),  # one CPU's worth busy: the other is ours
    (None, 3.5, 2, False),
    (None, 0.0, 1, False),
    (None, 2.5, 4, True),
])
def test_a_cpu_is_spare_when_one_is_idle_beside_ours(
        monkeypatch: pytest.MonkeyPatch, runnable: int | None, load: float, cpus: int,
        spare: bool) -> None:
    from thidua_cli.diff import fork
    from thidua_cli.lint import parallel

    monkeypatch.setattr(fork, "_runnable", lambda: runnable)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(parallel, "cpus", lambda: cpus)
    assert fork.spare_cpu() is spare


def test_linux_says_how_many_processes_are_runnable() -> None:
    from thidua_cli.diff import fork

    if not os.path.exists("/proc/loadavg"):
        pytest.skip("no /proc/loadavg here")
    running = fork._runnable()
    assert running is not None and running >= 1  # this one at least


def test_on_a_busy_machine_the_diff_stays_in_one_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from thidua_cli.lint import parallel

    expected = diff_sides(_side(EXAMPLE), _side(ISSUED), SEQUENTIAL)
    from thidua_cli.diff import fork

    monkeypatch.setattr(fork, "_runnable", lambda: 3)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)

    def no_fork() -> int:
        raise AssertionError("forked on a busy machine")

    monkeypatch.setattr(os, "fork", no_fork)
    busy = DiffOptions(parallel_bytes=0, when_idle=True)
    assert diff_sides(_side(EXAMPLE), _side(ISSUED), busy) == expected


def test_with_a_cpu_idle_the_diff_takes_a_second_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from thidua_cli.diff import fork
    from thidua_cli.lint import parallel

    expected = diff_sides(_side(EXAMPLE), _side(ISSUED), SEQUENTIAL)
    monkeypatch.setattr(fork, "_runnable", lambda: 1)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counted)
    idle = DiffOptions(parallel_bytes=0, when_idle=True)
    assert diff_sides(_side(EXAMPLE), _side(ISSUED), idle) == expected
    assert forks == [1]


def test_thidua_diff_stays_in_one_process_even_with_a_cpu_idle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The second process costs more CPU than the wall-clock time it saves
    # (docs/speed.md): the command and api.diff never ask for it.
    import thidua_cli
    from thidua_cli.diff import fork
    from thidua_cli.lint import parallel

    from .rendering import big_plan

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(big_plan(tasks=400), "utf-8")
    new.write_text(old.read_text("utf-8").replace("Bộ Thành viên số 1", "Bộ Thành viên một"),
                   "utf-8")
    assert min(old.stat().st_size, new.stat().st_size) > 128 * 1024  # worth a fork before
    monkeypatch.setattr(fork, "_runnable", lambda: 1)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)

    def no_fork() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    assert thidua_cli.diff(old, new).differs


PLAN_FILES = sorted((PLANS / "valid").glob("*.yaml")) + sorted((PLANS / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("plan", PLAN_FILES, ids=lambda p: p.name)
def test_two_equal_texts_give_what_two_readings_give(plan: Path) -> None:
    """Equal sides are read once: the result is that of the same plan read twice
    (a final blank line changes no value, but makes the texts differ)."""
    text = plan.read_text("utf-8")
    try:
        twice = diff_texts(text, text + "\n", SEQUENTIAL)
    except InputError:  # not YAML: both ways refuse it alike
        with pytest.raises(InputError):
            diff_texts(text, text, SEQUENTIAL)
        return
    once = diff_texts(text, text, SEQUENTIAL)
    assert once == twice
    assert once.changes == () and once.old.label == "old" and once.new.label == "new"


def test_a_file_diffed_with_itself_counts_its_errors_on_both_sides() -> None:
    plan = PLANS / "invalid" / "td101-unknown-lead.yaml"
    result = diff_sides(_side(plan), _side(plan), SEQUENTIAL)
    assert result.old.errors == result.new.errors > 0
    assert result.changes == ()


def _kept_after_keeping(_: object) -> int:
    from thidua_cli.diff import fork

    fork.keep_until_exit(object())
    return len(fork._kept)


def test_only_a_child_keeps_what_it_made_until_it_ends() -> None:
    """The child ends with ``os._exit``, which frees its memory whole; the parent
    frees as usual, so nothing it makes is held."""
    assert both(_kept_after_keeping, None, None, parallel=True) == (0, 1)
    assert both(_kept_after_keeping, None, None, parallel=False) == (0, 0)
