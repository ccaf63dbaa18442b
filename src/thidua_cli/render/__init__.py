"""Rendering: a plan as the official document (DOCX, PDF) and as Markdown.

``render_file`` is the one entry point: it lints the plan with the same
engine as ``thidua lint`` (a plan with errors is not rendered), builds the
template context (``context.py``), renders through the templates found by
``templates.py`` (``markdown.py``, ``docx.py``, then ``pdf.py`` for PDF) and
writes the result atomically (``..atomic``). It returns what happened; the
command decides what to print and the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError, UsageError
from ..i18n import Lang

if TYPE_CHECKING:
    from ..lint.engine import FileResult
    from ..model import Plan
    from .templates import TemplateSearch

class Format(StrEnum):
    """``thidua render --format``."""

    docx = "docx"
    md = "md"
    pdf = "pdf"


FORMATS: tuple[Format, ...] = tuple(Format)
SUFFIXES: dict[str, Format] = {".docx": Format.docx, ".md": Format.md, ".markdown": Format.md,
                               ".pdf": Format.pdf}
STDOUT = "-"


@dataclass(frozen=True)
class RenderOptions:
    format: Format | None = None
    output: str | None = None
    template_dir: str | None = None
    lang: Lang = "en"
    cwd: Path | None = None


@dataclass(frozen=True)
class RenderResult:
    """The plan's lint result and, when it was rendered, where the output went."""

    lint: FileResult
    format: Format
    output: str | None = None
    text: str | None = None

    @property
    def rendered(self) -> bool:
        return self.output is not None or self.text is not None


def format_named(name: str) -> Format:
    """The format called ``name`` (any case); a ``UsageError`` for any other name."""
    try:
        return Format(name.lower())
    except ValueError:
        raise UsageError("render.unknown_format", value=name) from None


def choose_format(chosen: Format | None, output: str | None) -> Format:
    """``--format``, else the output's suffix, else DOCX; ``-o -`` means Markdown."""
    if output == STDOUT:
        if chosen not in (None, Format.md):
            raise UsageError("render.stdout_markdown_only", format=chosen)
        return Format.md
    if output is not None:
        suffix = Path(output).suffix.lower()
        implied = SUFFIXES.get(suffix)
        if chosen is None:
            if implied is None:
                raise UsageError("render.format_from_suffix", path=output)
            return implied
        if implied is not None and implied != chosen:
            raise UsageError("render.format_conflict", format=chosen, path=output)
    return chosen or Format.docx


def output_path(plan: str, format: Format, output: str | None) -> Path | None:
    """Where to write: ``-o``, else the plan's path with the format's suffix; None: stdout."""
    if output == STDOUT:
        return None
    if output is not None:
        return Path(output)
    if plan == STDOUT:
        raise UsageError("render.stdin_needs_output")
    return Path(plan).with_suffix(f".{format}")


def render_file(plan: str, options: RenderOptions, *, text: str | None = None) -> RenderResult:
    """Lint ``plan`` (or ``text``, named ``plan``) and, if it has no errors, render and write it."""
    from ..lint.engine import LintOptions, lint_file, lint_text

    if options.output not in (None, STDOUT) and plan != STDOUT:
        from ..atomic import same_file

        if same_file(Path(str(options.output)), Path(plan)):
            raise OutputError("output.is_input", path=str(options.output))
    format = choose_format(options.format, options.output)
    target = output_path(plan, format, options.output)
    search = _search(format, options)
    lint = LintOptions(lang=options.lang)
    result = lint_file(plan, lint) if text is None else lint_text(text, plan, lint)
    if result.plan is None or any(f.severity == "error" for f in result.findings):
        return RenderResult(result, format)
    return _render(result.plan, result, format, target, search,
                   protect=[] if plan == STDOUT else [Path(plan)])


def render_plan(plan: Plan, options: RenderOptions) -> RenderResult:
    """Render a plan already loaded, as it is (not linted): ``-o`` is needed."""
    from ..lint.engine import FileResult

    format = choose_format(options.format, options.output)
    if options.output is None:
        raise UsageError("render.stdin_needs_output")
    target = output_path(STDOUT, format, options.output)
    return _render(plan, FileResult(STDOUT, ()), format, target, _search(format, options),
                   protect=[])


def _search(format: Format, options: RenderOptions) -> TemplateSearch:
    from .templates import TemplateSearch

    search = TemplateSearch.create(options.template_dir, options.cwd)
    if format == "pdf":
        from .pdf import find_office

        if find_office() is None:  # say so before any work is done
            raise UsageError("render.no_office")
    return search


def _render(plan: Plan, result: FileResult, format: Format, target: Path | None,
            search: TemplateSearch, protect: list[Path]) -> RenderResult:
    from ..atomic import write_atomic
    from .context import build_context

    context = build_context(plan)
    if format == "md":
        from .markdown import render_markdown

        text = render_markdown(context, search)
        if target is None:
            return RenderResult(result, format, text=text)
        data = text.encode("utf-8")
    else:
        from .docx import render_docx

        data = render_docx(context, search)
        if format == "pdf":
            from .pdf import docx_to_pdf

            data = docx_to_pdf(data)
    assert target is not None
    write_atomic(target, data, protect=protect)
    return RenderResult(result, format, output=str(target))
