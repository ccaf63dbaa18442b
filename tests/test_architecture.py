"""The shape of the code, checked: no import cycles, and only the CLI and the formats write
to the terminal."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "thidua_cli"


def modules() -> dict[str, Path]:
    """Every module of thidua_cli by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements that run at import time, outside ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if test != "TYPE_CHECKING":
                yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody,
                          *(h.body for h in node.handlers)):
                yield from _top_level(block)
        else:
            yield node


def imports_at_load(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The thidua_cli modules that importing ``name`` imports first."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _top_level(ast.parse(path.read_text("utf-8")).body):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]
        else:
            continue
        for target in targets:
            if target in known and target != name:
                out.add(target)
            # Importing a.b.c runs a and a.b first (but a module's own packages
            # are running already: that is no edge).
            parts = target.split(".")
            for i in range(1, len(parts)):
                prefix = ".".join(parts[:i])
                if prefix in known and not name.startswith(prefix + "."):
                    out.add(prefix)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    known = modules()
    graph = {name: imports_at_load(name, path, known) for name, path in known.items()}
    assert sum(len(v) for v in graph.values()) > 100  # the walk does find the imports
    assert cycles(graph) == []


# The command line, and the output formats it hands results to.
MAY_WRITE = ("thidua_cli.__main__", "thidua_cli.cli", "thidua_cli.formats")
TERMINAL = {"sys.stdout", "sys.stderr", "sys.__stdout__", "sys.__stderr__", "sys.exit"}


def _entry_points(tree: ast.Module) -> set[str]:
    """Functions called under ``if __name__ == "__main__":`` (a module's own command line)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'":
            names |= {n.func.id for n in ast.walk(node)
                      if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return names


def terminal_uses(path: Path) -> list[str]:
    """``line: code`` of every print, write to sys.stdout/stderr or exit in a module."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = {id(n) for f in ast.walk(tree)
               if isinstance(f, ast.FunctionDef) and f.name in _entry_points(tree)
               for n in ast.walk(f)}
    skipped |= {id(n) for n in tree.body if isinstance(n, ast.If)
                and ast.unparse(n.test) == "__name__ == '__main__'" for n in ast.walk(n)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Attribute) and ast.unparse(node) in TERMINAL:
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in ("print", "input"):
            found.append(f"{node.lineno}: {ast.unparse(node.func)}()")
    return found


def test_only_the_cli_and_the_formats_write_to_the_terminal() -> None:
    uses = {name: terminal_uses(path) for name, path in modules().items()
            if not name.startswith(MAY_WRITE)}
    assert {name: found for name, found in uses.items() if found} == {}
    # The scan does see what it looks for.
    assert terminal_uses(PACKAGE / "cli" / "lintspec.py")
