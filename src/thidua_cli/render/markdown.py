"""The plan as Markdown, through ``plan.md.j2``.

Every value a template prints is escaped for Markdown on the way out (Jinja's
``finalize`` hook, the Markdown counterpart of DOCX autoescaping), so a plan
that says ``*``, ``<b>``, ``[x](y)`` or ``{{ 7*7 }}`` shows exactly that on a
repository host. Text the renderer builds itself in Markdown syntax (table
cells, the Mermaid chart) is marked ``Markdown`` and passes unchanged.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, cast

from ..text.markdown import escape
from .contexts import Event, PlanContext, Task
from .environment import make_environment, template_errors, template_loader
from .templates import MARKDOWN, TemplateSearch


class Markdown(str):
    """Text that is already Markdown: printed as it is."""

    __slots__ = ()


def finalize(value: Any) -> Any:
    """Escape what a template prints, unless it is already Markdown."""
    if isinstance(value, str) and not isinstance(value, Markdown):
        return escape(value)
    return value


def cell(value: Any) -> Markdown:
    """A value for a table cell: escaped, on one line (a line break is ``<br>``)."""
    text = finalize("" if value is None else str(value))
    return Markdown("<br>".join(part for part in str(text).split("\n")))


def raw(value: Any) -> Markdown:
    """Template text meant as Markdown, e.g. a literal ``**`` built in the template."""
    return Markdown(str(value))


def render_markdown(context: Mapping[str, Any], search: TemplateSearch, *,
                    name: str = MARKDOWN) -> str:
    """Render the template ``name`` (``plan.md.j2``) with ``context`` (from ``build_context``)."""
    path = search.find(name)
    env = make_environment(loader=template_loader(search),
                           finalize=finalize, tidy=True)
    env.filters.update({"cell": cell, "raw": raw})
    with template_errors(str(path), str(path)):
        template = env.get_template(name)
        return template.render({**context, "gantt": gantt(cast("PlanContext", context))})


# Mermaid's gantt syntax reads ":" as the start of the task data, "#" and ";"
# as comment and statement breaks; a long label pushes the chart off screen.
_MERMAID_UNSAFE = re.compile(r"[:;#`\n\r%<>]+")
_LABEL_MAX = 60


def _label(text: str) -> str:
    label = " ".join(_MERMAID_UNSAFE.sub(" ", text).split())
    if len(label) > _LABEL_MAX:
        label = label[:_LABEL_MAX - 1].rstrip() + "…"
    return label


_STATE = {"done": "done, ", "in_progress": "active, "}


# Mermaid refuses a diagram longer than 50,000 characters (its default
# maxTextSize, kept by repository hosts); 250 lines stay well below it.
GANTT_MAX = 250


def gantt(context: PlanContext) -> dict[str, Any]:
    """The Mermaid ``gantt`` chart: dated tasks and activities (cancelled ones left out).

    A task runs from the document's date (or 1 January) to its deadline; an
    activity with a day is a milestone; one with only a month spans that month.
    Returns ``sections`` ({``name``, ``lines``}) and how many items were
    ``omitted`` to keep the chart under ``GANTT_MAX`` lines (activities first:
    they are few and mark the year).
    """
    year = int(context["year"])
    issued: date | None = context["document"]["date"]
    start_of_plan = issued if issued is not None and issued.year == year else date(year, 1, 1)
    tasks: list[Markdown] = []
    for task in context["tasks"]:
        due: date | None = task["due"]
        if due is None or task["status"] == "cancelled":
            continue
        start = min(start_of_plan, due)
        if start == due:
            data = f"milestone, {due.isoformat()}, 0d"
        else:
            data = f"{start.isoformat()}, {(due + timedelta(days=1)).isoformat()}"
        tasks.append(_line(task, data))
    events: list[Markdown] = []
    for event in context["events"]:
        if event["status"] == "cancelled":
            continue
        if event["date"] is not None:
            data = f"milestone, {event['date'].isoformat()}, 0d"
        elif event["month"] is not None:
            month = event["month"]
            days = calendar.monthrange(month.year, month.month)[1]
            data = f"{month.first_day().isoformat()}, {days}d"
        else:
            continue
        events.append(_line(event, data))
    kept_events = events[:GANTT_MAX]
    kept_tasks = tasks[:GANTT_MAX - len(kept_events)]
    sections = (("Nhiệm vụ", kept_tasks), ("Hoạt động chung", kept_events))
    return {
        "sections": [{"name": Markdown(name), "lines": lines}
                     for name, lines in sections if lines],
        "omitted": len(tasks) + len(events) - len(kept_tasks) - len(kept_events),
    }


def _line(item: Task | Event, data: str) -> Markdown:
    return Markdown(f"{_label(item['title'])} :{_STATE.get(item['status'], '')}{data}")
