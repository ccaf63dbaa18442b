"""Start-up stays light: what each command imports, read from ``-X importtime``.

Start-up is most of the time of a one-file command (see the README's
"Speed"), so heavy modules are imported inside the functions that need
them. These tests name the modules a command must not load when its output
is piped, the way CI and editors run it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from thidua_cli.cli.fast import SPECS as FAST

from .conftest import EXAMPLE, PLANS, ROOT

# openpyxl: only the `thidua scores` commands read and write spreadsheets.
RENDERING = ("jinja2", "docx", "docxtpl", "rich", "openpyxl")
LSP = ("pygls", "lsprotocol", "thidua_cli.lsp")


def imported(*args: str) -> set[str]:
    """Every module the command imports, by full name."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "THIDUA_DEBUG")}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "thidua_cli", *args],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    names = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
             if line.startswith("import time:") and "|" in line}
    assert "thidua_cli" in names  # the trace is there: an empty set would prove nothing
    return names


def loaded(names: set[str], package: str) -> bool:
    return any(n == package or n.startswith(package + ".") for n in names)


# A plain `thidua lint`, `render`, `diff` or `report` runs without typer (cli/fast.py):
# typer, its click and the typer app are not loaded at all.
TYPER = ("typer", "click", "thidua_cli.cli.app")
# pydantic's plugin loader imports it to scan for plugins; thidua runs with none
# (thidua_cli/plugins.py). The report package: only plans with awards need it.
# The render package: the rules that read document types and names of bodies
# (TD107, TD407) find them in thidua_cli.kinds and thidua_cli.text. The data
# files are Python data (thidua_cli/tables.py), and tomllib reads a
# configuration only when there is one; tempfile (and its shutil) only writes.
UNUSED = ("importlib.metadata", "thidua_cli.report", "thidua_cli.render", "importlib.resources",
          "tomllib", "tempfile")
# A plan without criteria (the example) has no tree to score: the scoring
# package is imported for a plan that has one, calendar for an event dated by
# its month.
SCORING = ("thidua_cli.scoring", "calendar")
# The modules of the cli package that are no command's: loaded by any command.
CLI_SHARED = {"thidua_cli.cli", "thidua_cli.cli.app", "thidua_cli.cli.fast",
              "thidua_cli.cli.options", "thidua_cli.cli.shared", "thidua_cli.cli.delivery",
              "thidua_cli.cli.progress"}


@pytest.mark.parametrize(("args", "forbidden"), [
    (("lint", str(EXAMPLE)), (*RENDERING, *LSP, *TYPER, *UNUSED, *SCORING)),
    (("lint", "--format", "json", str(EXAMPLE)),
     (*RENDERING, *LSP, *TYPER, *UNUSED, *SCORING)),
    (("lint", str(PLANS / "invalid" / "td101-unknown-lead.yaml")),
     (*RENDERING, *LSP, *TYPER, *UNUSED)),
    (("lint", "--select", "TD1", "--strict", "-f", "github", "--", str(EXAMPLE)),
     (*RENDERING, *LSP, *TYPER, *UNUSED)),
    # Findings of the rules that read document types, names of bodies and vote shares.
    (("lint", *(str(PLANS / "invalid" / f"{name}.yaml") for name in (
        "td107-issuer-not-head", "td407-unknown-basis-kind", "td601-below-threshold"))),
     (*RENDERING, *LSP, *TYPER, *UNUSED)),
    # render and diff take the fast path too; render needs Jinja and DOCX, not rich.
    (("render", "--today", "2020-01-01", "-o", "-", str(EXAMPLE)),
     ("rich", "openpyxl", *LSP, *TYPER, "importlib.metadata", "thidua_cli.report")),
    (("render", "--list"), (*RENDERING, *LSP, *TYPER, "pydantic")),
    (("diff", str(EXAMPLE), str(ROOT / "tests" / "diffs" / "plan-2022-issued.yaml")),
     (*RENDERING, *LSP, *TYPER, *UNUSED)),
    (("diff", "-f", "json", "--ignore-order", "--", str(EXAMPLE), str(EXAMPLE)),
     (*RENDERING, *LSP, *TYPER, *UNUSED)),
    (("report", "-f", "md", "-o", "-", "--as-of", "2022-12-31", str(EXAMPLE)),
     ("rich", "openpyxl", "docx", "docxtpl", *LSP, *TYPER, "importlib.metadata")),
    (("--version",), ("typer", "pydantic", "ruamel", "typing", *RENDERING)),
    (("import", str(ROOT / "tests" / "import" / "letterhead-table.docx"), "-o", "-"),
     ("jinja2", "docx", "docxtpl", "lxml")),
], ids=["lint", "lint-json", "lint-findings", "lint-options", "lint-kinds", "render",
        "render-list", "diff", "diff-options", "report", "version", "import"])
def test_piped_command_does_not_import(args: tuple[str, ...], forbidden: tuple[str, ...]) -> None:
    names = imported(*args)
    assert [p for p in forbidden if loaded(names, p)] == []


@pytest.mark.parametrize(("args", "module"), [
    (("lint", str(EXAMPLE)), "lint"),
    (("lint", "--help"), "lint"),  # typer's, with lint's module only
    (("rules", "-f", "json"), "rules"),
    (("schema",), "schema"),
    (("report", "-f", "json", "-o", "-", str(EXAMPLE)), "report"),
    (("diff", str(EXAMPLE), str(EXAMPLE)), "diff"),
    (("diff", "--help"), "diff"),
    (("render", "--list"), "render"),
    (("render", "-h"), "render"),
], ids=["lint", "lint-help", "rules", "schema", "report", "diff", "diff-help", "render",
        "render-help"])
def test_a_command_imports_no_other_commands_module(args: tuple[str, ...], module: str) -> None:
    names = imported(*args)
    commands = {n for n in names if n.startswith("thidua_cli.cli.")} - CLI_SHARED
    # lint, render and diff declare their options in a module of their own (lintspec ...).
    allowed = {f"thidua_cli.cli.{module}", f"thidua_cli.cli.{module}spec"}
    assert commands - allowed == set()
    # The fast path runs the declarations, not the typer command's module; help is typer's.
    typer_ran = any(a in ("--help", "-h") for a in args) or args[0] not in FAST
    assert (f"thidua_cli.cli.{module}" in names) == typer_ran


def test_help_lists_every_command() -> None:
    # The other side: with no command named, every command's module is there.
    from thidua_cli.cli import COMMANDS

    names = imported("--help")
    assert {f"thidua_cli.cli.{m}" for m in COMMANDS.values()} <= names


def test_lint_imports_what_it_needs() -> None:
    # The other side of the table above: the trace does show the real work.
    names = imported("lint", str(EXAMPLE))
    assert loaded(names, "pydantic")
    assert loaded(names, "yaml")  # PyYAML reads plans (composer.py)
    # ruamel.yaml writes files back (--fix, new); reading does not load it.
    assert not loaded(names, "ruamel")
    # A plan with criteria and scores gets the scoring rules' modules.
    assert loaded(imported("lint", str(PLANS / "valid" / "scoring.yaml")), "thidua_cli.scoring")


def test_report_does_not_import_openpyxl() -> None:
    names = imported("report", "-f", "json", "-o", "-", str(EXAMPLE))
    assert not loaded(names, "openpyxl")
    assert loaded(names, "thidua_cli.scoring")  # the totals came from there


def test_scores_commands_import_openpyxl(tmp_path: object) -> None:
    names = imported("scores", "sheets", str(PLANS / "valid" / "scoring-tree.yaml"), "-o",
                     str(tmp_path))
    assert loaded(names, "openpyxl")


def test_lsp_without_its_extra_says_how_to_install_it() -> None:
    # pygls missing, as after `pip install thidua-cli` without the [lsp] extra.
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['thidua', 'lsp']; "
            "from thidua_cli.__main__ import main; main()")
    env = {k: v for k, v in os.environ.items() if k != "THIDUA_DEBUG"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**env, "THIDUA_LANG": "en"}, cwd=ROOT, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == ("thidua: error: thidua lsp needs the language server library "
                           "(pygls); install it with: pip install 'thidua-cli[lsp]'\n")
