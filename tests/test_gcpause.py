"""The garbage-collector pause: off inside, as before after, whatever happens."""

from __future__ import annotations

import gc
from collections.abc import Iterator

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
