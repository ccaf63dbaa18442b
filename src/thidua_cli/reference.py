"""Reference pages generated from the code: the commands and the template context.

``docs/commands.md`` is read from the typer app itself (every command, its
arguments and options with their help), and ``docs/template-context.md`` from
the context the templates really get: the example plan's, walked key by key,
with the filters' docstrings. ``python -m thidua_cli.docs`` writes both; the
tests fail when a checked-in copy is stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

COMMANDS_NOTE = ("<!-- Generated from the typer app by `python -m thidua_cli.docs`; "
                 "do not edit. -->")
CONTEXT_NOTE = ("<!-- Generated from the template context of plans/plan-2022.yaml by "
                "`python -m thidua_cli.docs`; do not edit. -->")


def commands_markdown() -> str:
    """The whole of ``docs/commands.md``."""
    import typer.main

    from .cli import app_for

    group: Any = typer.main.get_command(app_for())
    root = group.context_class(group, info_name="thidua")
    parts = ["# Command reference", COMMANDS_NOTE,
             "Every command of `thidua`, with its arguments and options as `thidua COMMAND "
             "--help` prints them. What each command does, with examples, is in the "
             "[README](../README.md#commands) and the pages it links to.",
             "| command | what it does |\n|---|---|\n" + "\n".join(
                 f"| [`thidua {name}`](#thidua-{name}) | {_cell(_first(_as_written(cmd.help)))} |"
                 for name, cmd in group.commands.items())]
    for name, command in group.commands.items():
        context = command.context_class(command, info_name=name, parent=root)
        usage = " ".join(command.collect_usage_pieces(context))
        usage = re.sub(r"[{\[]([^}\]]*)[}\]]", lambda m: m[0][0].replace("{", "")
                       + m[1].upper() + m[0][-1].replace("}", ""), usage)
        usage = re.sub(r"\.{4,}", "...", usage)
        rows = ["| argument or option | meaning |", "|---|---|"]
        for param in command.params:
            rows.append(f"| {_cell(_names(param))} | {_cell(_help(param))} |")
        parts.append(f"## thidua {name}\n\n{_first(_as_written(command.help))}.\n\n"
                     f"```text\nthidua {name} {usage}\n```\n\n" + "\n".join(rows))
    return "\n\n".join(parts) + "\n"


def _first(text: str | None) -> str:
    return (text or "").strip().split("\n")[0].rstrip(".")


def _names(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"`{(param.metavar or param.name or '').upper()}`"
    names = [*param.opts, *param.secondary_opts]
    return ", ".join(f"`{n}`" for n in names)


def _help(param: Any) -> str:
    text = _as_written(getattr(param, "help", None) or "")
    if param.param_type_name == "option" and not param.is_flag and param.default not in (
            None, (), [], False):
        text = f"{text} Default: `{param.default}`.".strip()
    if param.param_type_name == "argument" and param.required:
        text = f"{text} Required.".strip()
    return " ".join(text.split())


def _as_written(text: str) -> str:
    """A help text without the backslashes that keep rich from reading
    ``[tool.thidua]`` as a style (``cli.app.shown``)."""
    return text.replace("\\[", "[")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# The template context -----------------------------------------------------------

def context_markdown(plan_text: str) -> str:
    """The whole of ``docs/template-context.md``, from the context of ``plan_text``."""
    from .lint.engine import LintOptions, lint_text
    from .render.context import build_context
    from .render.environment import FILTERS

    result = lint_text(plan_text, "plans/plan-2022.yaml", LintOptions())
    assert result.plan is not None, "the example plan must be valid"
    context = build_context(result.plan)
    rows = ["| name | type | in the example plan |", "|---|---|---|"]
    rows += [f"| `{path}` | {kind} | {_cell(example)} |"
             for path, kind, example in _walk(context, "")]
    filters = ["| filter | what it gives |", "|---|---|"]
    filters += [f"| `{name}` | {_cell(' '.join((function.__doc__ or '').split()))} |"
                for name, function in FILTERS.items()]
    return "\n\n".join([
        "# What a template sees", CONTEXT_NOTE,
        "Every name the plan's templates (`plan.docx`, `plan.md.j2`) can use, with its "
        "type and its value for `plans/plan-2022.yaml` (the first item of each list). "
        "The report's templates see all of these and more: see [templates](templates.md) "
        "(their types) and [writing templates](templating.md).",
        "\n".join(rows), "## Filters", "\n".join(filters)]) + "\n"


def _walk(value: Any, path: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            yield name, _kind(item), _example(item)
            if isinstance(item, dict | list):
                yield from _walk(item, name)
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        yield from _walk(value[0], f"{path}[]")


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list of " + (_kind(value[0]) if value else "items")
    if value is None:
        return "none"
    return {"str": "text", "int": "number", "float": "number", "date": "date"}.get(
        type(value).__name__, type(value).__name__)


def _example(value: Any) -> str:
    if isinstance(value, dict | list):
        return f"{len(value)} item(s)" if isinstance(value, list) else ""
    text = "none" if value is None else str(value)
    text = " ".join(text.split())
    return f"`{text[:60]}{'…' if len(text) > 60 else ''}`"
