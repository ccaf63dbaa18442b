"""pydantic's plugins, which a thidua run has none of, looked for without ``importlib.metadata``.

With ``PYDANTIC_DISABLE_PLUGINS`` set to one of ``OFF`` (``thidua`` sets it
for its run unless the user did), pydantic's ``get_plugins()`` answers "none"
at once; but the module it lives in, ``pydantic.plugin._loader``, imports
``importlib.metadata`` to be ready to scan, and that import (the email
package, zipfile, importlib.resources) is about 3% of a one-plan
lint. ``without_plugins`` puts a module with the same answer in its place
before pydantic first asks. If the variable stops saying "off" (a program
that changes it), the stand-in gives way to pydantic's own loader.

A private module of pydantic: ``tests/test_plugins.py`` fails when pydantic
changes where or how it looks for plugins, and the import-time tests when
``importlib.metadata`` comes back into a lint by another way.
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any

VARIABLE = "PYDANTIC_DISABLE_PLUGINS"
#: The values for which pydantic's ``get_plugins()`` returns no plugins.
OFF = ("__all__", "1", "true")
LOADER = "pydantic.plugin._loader"


def without_plugins() -> None:
    """Stand in for pydantic's plugin loader while the variable says "off"."""
    if os.environ.get(VARIABLE) not in OFF or LOADER in sys.modules:
        return
    stand_in = types.ModuleType(LOADER, "pydantic's plugin loader while plugins are off.")
    stand_in.get_plugins = _get_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = stand_in


def _get_plugins() -> Any:
    if os.environ.get(VARIABLE) in OFF:
        return ()
    # Plugins may be on now: pydantic's own loader decides (pydantic imports
    # get_plugins afresh from the module each time it builds a validator).
    import importlib

    del sys.modules[LOADER]
    return importlib.import_module(LOADER).get_plugins()
