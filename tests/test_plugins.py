"""The stand-in for pydantic's plugin loader (``thidua_cli/plugins.py``).

It replaces a private module of pydantic, so these tests fail when pydantic
changes what the stand-in relies on: where pydantic asks for plugins, the
name of the function, the values that switch plugins off, and that its own
loader answers "none" for them. Each runs in a fresh interpreter: the module
table is what is being tested.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from thidua_cli.plugins import LOADER, OFF, VARIABLE


def python(code: str, env_value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != VARIABLE}
    if env_value is not None:
        env[VARIABLE] = env_value
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_pydantic_asks_the_loader_module_each_time_it_builds_a_validator() -> None:
    import inspect

    from pydantic.plugin import _schema_validator

    source = inspect.getsource(_schema_validator.create_schema_validator)
    assert "from ._loader import get_plugins" in source
    assert f"{_schema_validator.__package__}._loader" == LOADER


@pytest.mark.parametrize("value", OFF)
def test_pydantic_itself_has_no_plugins_for_these_values(value: str) -> None:
    code = f"import {LOADER} as loader; print(list(loader.get_plugins()))"
    assert python(code, value) == "[]"


def test_models_build_and_validate_with_the_stand_in_and_no_importlib_metadata() -> None:
    code = ("import sys; from thidua_cli.plugins import without_plugins; without_plugins(); "
            "from thidua_cli.model import Signer; "
            "s = Signer.model_validate({'position': 'CHỦ TỊCH', 'name': 'A'}); "
            "print(s.name, 'importlib.metadata' in sys.modules)")
    assert python(code, "__all__") == "A False"


def test_the_stand_in_gives_way_when_plugins_are_switched_back_on() -> None:
    code = ("import os, sys; from thidua_cli.plugins import without_plugins, LOADER; "
            "without_plugins(); stand_in = sys.modules[LOADER]; "
            "os.environ.pop('PYDANTIC_DISABLE_PLUGINS'); "
            # (The models are built on first use: `defer_build`.)
            "from thidua_cli.model import Signer; "
            "Signer.model_validate({'position': 'CHỦ TỊCH', 'name': 'A'}); "
            "print(sys.modules[LOADER] is not stand_in, hasattr(sys.modules[LOADER], "
            "'entry_points'))")
    assert python(code, "__all__") == "True True"


@pytest.mark.parametrize("value", [None, "logfire", ""])
def test_without_the_setting_pydantic_looks_for_plugins(value: str | None) -> None:
    code = ("import sys; from thidua_cli.plugins import without_plugins, LOADER; "
            "without_plugins(); print(LOADER in sys.modules)")
    assert python(code, value) == "False"
