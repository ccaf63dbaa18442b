"""``docs/templates.md``: the keys a template sees, generated from ``contexts.py``.

Each ``TypedDict`` becomes a table (key, type, what it holds, from its
``Annotated`` text); the types it holds get tables of their own, in the order
they are first met. ``python -m thidua_cli.docs`` writes the page and the
tests fail when it is stale.
"""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

from . import contexts

REGENERATE = "python -m thidua_cli.docs"
INTRO = f"""\
# Template contexts

<!-- Generated from src/thidua_cli/render/contexts.py by `{REGENERATE}`; do not edit. -->

A template (the shipped ones in `templates/`, or yours in `./templates` or
`--template-dir`) sees one dictionary: `plan.md.j2` and `plan.docx` a `PlanContext`,
`report.md.j2` and `report.docx` a `ReportContext`. Text is NFC, with control characters
shown as U+FFFD; dates are `datetime.date`, months `Month` (`.year`, `.month`). The
Nghị định 30 filters (`long_date`, `cite`, `when`, ...) turn them into the document's forms.
How templates are found, overridden and sandboxed is in [writing templates](templating.md);
each name's value for the example plan, and every filter, is in
[template-context.md](template-context.md).
"""


def render_templates_markdown() -> str:
    """The whole of ``docs/templates.md``."""
    parts = [INTRO]
    queue: list[type] = list(contexts.CONTEXTS)
    done: set[type] = set()
    while queue:
        cls = queue.pop(0)
        if cls in done:
            continue
        done.add(cls)
        parts.append(_table(cls, queue))
    return "\n".join(parts)


def _table(cls: type, queue: list[type]) -> str:
    doc = " ".join((cls.__doc__ or "").split()).replace("``", "`")
    rows = [f"## {cls.__name__}", "", doc, "", "| key | type | holds |", "|---|---|---|"]
    base = contexts.EXTENDS.get(cls)
    inherited = set(get_type_hints(base)) if base is not None else set()
    for key, hint in get_type_hints(cls, include_extras=True).items():
        if key in inherited:  # listed under the base
            continue
        kind, text = _unwrap(hint)
        queue.extend(_nested(kind))
        rows.append(f"| `{key}` | {_shown(kind)} | {text} |")
    return "\n".join(rows) + "\n"


def _unwrap(hint: Any) -> tuple[Any, str]:
    """The type and the text of ``Annotated[type, text]`` (under ``NotRequired`` too)."""
    if get_origin(hint) is typing.NotRequired:
        kind, text = _unwrap(get_args(hint)[0])
        return kind, f"{text} (not always there)"
    if get_origin(hint) is typing.Annotated:
        kind, text = get_args(hint)[:2]
        return kind, str(text)
    return hint, ""


def _nested(kind: Any) -> list[type]:
    if is_typeddict(kind):
        return [kind]
    return [t for arg in get_args(kind) for t in _nested(arg)]


def _shown(kind: Any) -> str:
    if is_typeddict(kind):
        return f"[{kind.__name__}](#{kind.__name__.lower()})"
    origin = get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_shown(a) for a in get_args(kind))
    if origin is list:
        return f"list of {_shown(get_args(kind)[0])}"
    if kind is type(None):
        return "None"
    return str(getattr(kind, "__name__", kind))
