"""No import cycles where one was: the configuration does not import the engine it
configures, the worker pool does not import the engine that starts it, and a
report's document does not import the job that writes it.

Every import statement counts, at the top, inside functions and under
``TYPE_CHECKING`` alike: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "thidua_cli"


def imports(module: str) -> set[str]:
    """The thidua modules ``module`` (dotted, under thidua_cli) imports anywhere."""
    path = PACKAGE.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            if node.level == 0:
                if not (node.module or "").startswith("thidua_cli"):
                    continue
                base = (node.module or "").split(".")[1:]
            elif node.module:
                base = [*base, *node.module.split(".")]
            name = ".".join(base)
            out.add(name)
            out.update(f"{name}.{a.name}" if name else a.name for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name.removeprefix("thidua_cli.") for a in node.names
                       if a.name.startswith("thidua_cli"))
    return {m for m in out if PACKAGE.joinpath(*m.split(".")).with_suffix(".py").exists()
            or PACKAGE.joinpath(*m.split(".")).is_dir()}


@pytest.mark.parametrize(("module", "must_not"), [
    ("config", "lint.engine"),
    ("lint.options", "lint.engine"),
    ("lint.parallel", "lint.engine"),
    ("report.document", "report.job"),
])
def test_no_cycle(module: str, must_not: str) -> None:
    assert must_not not in imports(module)


def test_the_reader_sees_imports() -> None:
    # The other side of the table: the edges that do exist are found.
    assert "lint.engine" in imports("lint.parallel") or "lint.options" in imports(
        "lint.parallel")
    assert "config" in imports("gate") and "lint.options" in imports("gate")
    assert "report.document" in imports("report.job")
    assert "lint.parallel" in imports("lint.engine")
