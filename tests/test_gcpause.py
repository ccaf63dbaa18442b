"""The garbage-collector pause: off inside, as before after, whatever happens."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from thidua_cli.gcpause import paused


@pytest.fixture(autouse=True)
def _restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_inside_and_restored_after(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not turn it back on
    assert gc.isenabled() is enabled


def test_restored_after_an_exception() -> None:
    gc.enable()
    with pytest.raises(ValueError), paused():
        raise ValueError
    assert gc.isenabled()


def test_as_a_decorator_each_call_pauses() -> None:
    gc.enable()

    @paused()
    def state() -> bool:
        return gc.isenabled()

    assert (state(), state(), gc.isenabled()) == (False, False, True)


def _run_and_report(env_value: str | None, *args: str) -> str:
    """Run ``thidua ARGS`` in a child; what it leaves set at exit, as text."""
    import os
    import subprocess
    import sys

    code = ("import atexit, gc, os, sys; atexit.register(lambda: sys.stderr.write("
            "'ENV=%s GC=%s\\n' % (os.environ.get('PYDANTIC_DISABLE_PLUGINS'), gc.isenabled())));"
            f" sys.argv = ['thidua', *{list(args)!r}];"
            " from thidua_cli.__main__ import main; main()")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if env_value is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = env_value
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    return done.stderr.strip().splitlines()[-1]


def test_a_command_runs_without_pydantic_plugins_and_the_collector() -> None:
    from .conftest import EXAMPLE

    assert _run_and_report(None, "lint", str(EXAMPLE)) == "ENV=__all__ GC=False"


def test_the_users_pydantic_plugin_setting_stands() -> None:
    from .conftest import EXAMPLE

    assert _run_and_report("logfire", "lint", str(EXAMPLE)) == "ENV=logfire GC=False"


class _Noisy:
    """Says so on stderr when it is freed."""

    def __del__(self) -> None:
        import sys

        sys.stderr.write("FREED\n")


def _kept_at_exit(command_line: bool) -> str:
    code = ("import sys; from thidua_cli import gcpause; from tests.test_gcpause import _Noisy;"
            f" {'gcpause.off_until_exit();' if command_line else ''}"
            " value = _Noisy(); gcpause.keep_until_exit(value); del value;"
            " sys.stderr.write('END\\n')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_a_command_keeps_what_it_is_given_until_the_process_ends() -> None:
    # Never freed piece by piece: not when dropped, nor at the interpreter's exit.
    assert _kept_at_exit(command_line=True) == "END\n"


def test_elsewhere_keep_until_exit_keeps_nothing() -> None:
    # The API and the language server free it as usual, when it is dropped.
    assert _kept_at_exit(command_line=False) == "FREED\nEND\n"
