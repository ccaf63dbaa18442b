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
