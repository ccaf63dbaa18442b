"""thidua: the campaign plans of Vietnamese emulation blocs, as a library.

The ``thidua`` commands are made of these functions; a script gets the same
values (see docs/api.md). Nothing here prints, exits or reads the terminal.

Functions
    load(path_or_text) -> Plan            read and check a plan (TD001, TD002)
    lint(paths_or_text, ...) -> LintResult    every rule, the bloc's configuration
    fix_files(paths, ...) -> FixOutcome   what ``lint --fix`` corrects
    render(plan, format=..., doc=...) -> Path | str    the plan, or another document
                                          of its year, as DOCX, PDF or Markdown
    render_each(plan, doc="don-doc") -> (Path, ...)    one document per member
    report(plan, as_of=...) -> Report     the year-end report's data
    write_report(paths, ...) -> Job       year-end reports written to files
    diff(old, new, ...) -> DiffResult     what changed, item by item
    new_plan(year=..., ...) -> NewPlan    next year's plan (its text)
    import_plan(docx, ...) -> Imported    last year's Word plan as plan YAML
    rules(rule=None) -> (RuleDoc, ...)    the lint rules' documentation
    json_schema() -> str                  the plan format's JSON Schema

Values
    Plan, LintResult, FileResult, Finding, Report, Job, DiffResult, NewPlan,
    FixOutcome, Imported, RuleDoc: frozen, with short reprs; ``to_json()`` of ``LintResult``,
    ``Report`` and ``DiffResult`` is the command's ``--format json``.

Errors
    ThiduaError (``key``, ``path``, ``line``, ``column``, ``message()``) and its
    family: UsageError, InputError, ConfigError, OutputError, PlanHasErrors.

The API and its JSON shapes are versioned with the package (CHANGELOG.md).
"""

from __future__ import annotations

import sys
import types

# Not typing.TYPE_CHECKING: importing typing would double the time of
# `thidua --version`, which reads __version__ from here.
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = [
    "ConfigError", "DiffResult", "FileResult", "Finding", "FixOutcome", "Imported",
    "InputError", "Job", "LintResult", "NewPlan", "OutputError", "Plan", "PlanHasErrors",
    "Report", "RuleDoc", "ThiduaError", "UsageError", "__version__", "diff", "fix_files",
    "import_plan", "json_schema", "lint", "load", "new_plan", "render", "render_each",
    "report", "rules", "write_report",
]

# Where each public name lives. They are imported on first use, so that
# ``thidua --version`` and ``import thidua_cli`` stay as light as before.
_HOMES = {
    "diff": "api", "fix_files": "api", "lint": "api", "load": "api", "new_plan": "api",
    "render": "api", "render_each": "api", "import_plan": "api", "report": "api",
    "write_report": "api", "rules": "api",
    "json_schema": "api", "RuleDoc": "lint.catalog",
    "ConfigError": "errors", "InputError": "errors", "OutputError": "errors",
    "PlanHasErrors": "errors", "ThiduaError": "errors", "UsageError": "errors",
    "DiffResult": "diff.change", "FileResult": "lint.engine", "Finding": "lint.finding",
    "FixOutcome": "fix", "Imported": "importer", "Job": "report.job",
    "LintResult": "lint.engine",
    "NewPlan": "newplan", "Plan": "model", "Report": "report.result",
}

if TYPE_CHECKING:
    from typing import Any

    from .api import (
        diff,
        fix_files,
        import_plan,
        json_schema,
        lint,
        load,
        new_plan,
        render,
        render_each,
        report,
        rules,
        write_report,
    )
    from .diff.change import DiffResult
    from .errors import (
        ConfigError,
        InputError,
        OutputError,
        PlanHasErrors,
        ThiduaError,
        UsageError,
    )
    from .fix import FixOutcome
    from .importer import Imported
    from .lint.catalog import RuleDoc
    from .lint.engine import FileResult, LintResult
    from .lint.finding import Finding
    from .model import Plan
    from .newplan import NewPlan
    from .report.job import Job
    from .report.result import Report


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """Keeps ``thidua_cli.lint`` (and ``render``, ``report``, ``diff``) the function.

    Importing a subpackage sets it as an attribute of its parent, and four of
    them share a name with a function of the API; ``sys.modules`` still finds
    the subpackages: ``from thidua_cli.lint import engine`` works as before,
    ``import thidua_cli.lint.engine as engine`` does not (it reads the attribute).
    """

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _HOMES.get(name) == "api":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
