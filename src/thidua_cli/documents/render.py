"""One part of a kind laid out as Markdown or DOCX, with the kind's templates.

The same machinery as the plan's (``render/markdown.py``, ``render/docx.py``):
the template search, the sandboxed Jinja with its escaping, stable zips. The
kind adds its template names, its title in the Word file's properties
(``doc_title`` in the context, when the kind sets one) and its finishing step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .registry import Kind

if TYPE_CHECKING:
    from ..render.templates import TemplateSearch


def markdown(kind: Kind, context: Mapping[str, Any], search: TemplateSearch) -> str:
    from ..render.markdown import render_markdown

    return render_markdown(context, search, name=kind.markdown)


def docx(kind: Kind, context: Mapping[str, Any], search: TemplateSearch) -> bytes:
    from ..render.docx import render_docx

    step = kind.finisher()

    def finish(document: Any) -> None:
        if "doc_title" in context:
            from ..render.docx import set_title

            set_title(document, str(context["doc_title"]))
        if step is not None:
            step(document, context)

    fix_columns = None
    if step is not None:
        from ..report.layout import fits_every_column_loop

        def fix_columns(xml: str) -> bool:
            return not fits_every_column_loop(xml)

    return render_docx(context, search, name=kind.docx, finish=finish, fix_columns=fix_columns)
