"""Rendering: a plan as the official documents (DOCX, PDF) and as Markdown.

``render_file`` is the one entry point: it lints the plan with the same
engine as ``thidua lint`` (a plan with errors is not rendered; a kind's gate
rules always run), builds the template context of the document kind asked
for (``..documents``: the plan itself by default), renders through the
templates found by ``templates.py`` (``markdown.py``, ``docx.py``, then
``pdf.py`` for PDF) and writes each result atomically (``..atomic``). It
returns what happened; the command decides what to print and the exit code.
``render_plan`` renders a plan already loaded, as it is.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, OutputError, UsageError
from ..i18n import Lang

if TYPE_CHECKING:
    from ..documents.registry import Kind, Request
    from ..lint.options import FileResult, LintOptions
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
    # The kind of document (data/documents.toml); the plan itself by default.
    doc: str = "ke-hoach"
    # For the kinds that take them: the day written at, one letter per member.
    as_of: date | None = None
    per_member: bool = False
    # How the plan is linted first (the bloc's configuration); default: every rule.
    lint: LintOptions | None = None


@dataclass(frozen=True)
class RenderResult:
    """The plan's lint result and, when it was rendered, where the output went
    (``outputs``: every file written, one per member with ``--per-member``)."""

    lint: FileResult
    format: Format
    output: str | None = None
    text: str | None = None
    outputs: tuple[str, ...] = ()

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


def output_path(plan: str, format: Format, output: str | None,
                suffix: str = "") -> Path | None:
    """Where to write: ``-o``, else the plan's path with the kind's ``suffix`` and the
    format's (``plan-2022.docx``, ``plan-2022-giao-uoc.docx``); None: stdout."""
    if output == STDOUT:
        return None
    if output is not None:
        from ..atomic import check_file_name, check_not_a_plans_name

        check_file_name(output)
        check_not_a_plans_name(output)
        return Path(output)
    if plan == STDOUT:
        raise UsageError("render.stdin_needs_output")
    path = Path(plan)
    return path.with_name(f"{path.stem}{suffix}.{format}")


def _names_folder(output: str | None) -> bool:
    from ..atomic import names_folder_by_dots

    return output not in (None, STDOUT) and (
        str(output).endswith(("/", os.sep)) or names_folder_by_dots(str(output))
        or os.path.isdir(str(output)))


def _in_folder(folder: Path, plan: str, format: Format, suffix: str) -> Path:
    stem = "stdin" if plan == STDOUT else Path(plan).stem
    return folder / f"{stem}{suffix}.{format}"


def part_path(target: Path, name: str | None) -> Path:
    """One member's letter beside the others: ``don-doc.docx`` → ``don-doc-btc.docx``."""
    return target if name is None else target.with_name(f"{target.stem}-{name}{target.suffix}")


def render_file(plan: str, options: RenderOptions, *, text: str | None = None) -> RenderResult:
    """Lint ``plan`` (or ``text``, named ``plan``) and, if it has no errors, render the
    kind asked for and write it."""
    from ..documents.registry import Request, get
    from ..lint.engine import LintOptions

    kind = get(options.doc)
    _check_options(kind, options)
    if options.output not in (None, STDOUT) and plan != STDOUT:
        from ..atomic import same_file

        if same_file(Path(str(options.output)), Path(plan)):
            raise OutputError("output.is_input", path=str(options.output))
    format = choose_format(options.format, options.output)
    folder = options.per_member and _names_folder(options.output)
    if folder:
        # `-o pm/`: the letters go inside the folder, named as beside the plan
        # (`pm/plan-don-doc-btc.md`); through `with_name` they went beside it.
        target: Path | None = _in_folder(Path(str(options.output)), plan, format,
                                         kind.output_suffix)
    else:
        target = output_path(plan, format, options.output, kind.output_suffix)
    search = _search(format, options)
    lint = gated(options.lint or LintOptions(lang=options.lang), kind.gate)
    result = _lint(plan, text, lint)
    as_of = options.as_of
    if as_of is None and kind.as_of is not None and result.plan is not None:
        # The kind's own day (so-ket: 30 June): deadlines are judged at it, as in the text.
        as_of = kind.default_day(result.plan.year)
        if as_of != lint.today:
            lint = replace(lint, today=as_of)
            result = _lint(plan, text, lint)
    if result.plan is None or any(f.severity == "error" for f in result.findings):
        return RenderResult(result, format)
    return _render(result.plan, result, kind, format, target, search,
                   Request(as_of, options.per_member, lint.awards, str(format)),
                   protect=[] if plan == STDOUT else [Path(plan)],
                   folder=target.parent if folder and target is not None else None)


def render_plan(plan: Plan, options: RenderOptions) -> RenderResult:
    """Render a plan already loaded, as it is (not linted): ``-o`` is needed."""
    from ..documents.registry import Request, get
    from ..lint.engine import FileResult

    kind = get(options.doc)
    _check_options(kind, options)
    format = choose_format(options.format, options.output)
    if options.output is None:
        raise UsageError("render.stdin_needs_output")
    target = output_path(STDOUT, format, options.output, kind.output_suffix)
    as_of = options.as_of
    if as_of is None and kind.as_of is not None:
        as_of = kind.default_day(plan.year)
    awards = None if options.lint is None else options.lint.awards
    return _render(plan, FileResult(STDOUT, ()), kind, format, target,
                   _search(format, options),
                   Request(as_of, options.per_member, awards, str(format)),
                   protect=[])


def _lint(plan: str, text: str | None, lint: LintOptions) -> FileResult:
    from ..lint.engine import lint_file, lint_text

    return lint_file(plan, lint) if text is None else lint_text(text, plan, lint)


def _search(format: Format, options: RenderOptions) -> TemplateSearch:
    from .templates import TemplateSearch

    search = TemplateSearch.create(options.template_dir, options.cwd)
    if format == "pdf":
        from .pdf import find_office

        if find_office() is None:  # say so before any work is done
            raise UsageError("render.no_office")
    return search


def _render(plan: Plan, result: FileResult, kind: Kind, format: Format, target: Path | None,
            search: TemplateSearch, request: Request, protect: list[Path],
            folder: Path | None = None) -> RenderResult:
    """``folder``: the folder ``-o pm/`` names, made once the letters are known
    (it was made before, and stayed empty when there was no one to remind)."""
    from ..atomic import text_bytes, written_together
    from ..documents import render

    _check_requires(kind, plan)
    parts = kind.builder()(plan, kind, request)
    if format == "md" and target is None:
        text = "".join(render.markdown(kind, p.context, search) for p in parts)
        return RenderResult(result, format, text=text)
    assert target is not None
    from ..atomic import check_writable_all

    # Every member's file checked before the first is written: a refused one
    # left the earlier ones written, unnamed.
    check_writable_all((part_path(target, part.name) for part in parts), protect=protect)
    written: list[str] = []
    with contextlib.ExitStack() as stack:
        if folder is not None:
            from ..atomic import outputs_folder

            stack.enter_context(outputs_folder(folder))
        together = stack.enter_context(written_together())  # a full disk leaves the old set
        for part in parts:
            if format == "md":
                data = text_bytes(render.markdown(kind, part.context, search))
            else:
                data = render.docx(kind, part.context, search)
                if format == "pdf":
                    from .pdf import docx_to_pdf

                    data = docx_to_pdf(data)
            path = part_path(target, part.name)
            together.write(path, data, protect=protect)
            written.append(str(path))
    return RenderResult(result, format, output=written[0], outputs=tuple(written))


def gated(lint: LintOptions, gate: tuple[str, ...]) -> LintOptions:
    """``lint`` with the kind's gate rules on at their own severity, whatever the
    configuration says: the document states their results."""
    if not gate:
        return lint
    enabled = None if lint.enabled is None else lint.enabled | set(gate)
    severity = {code: level for code, level in lint.severity.items() if code not in gate}
    return replace(lint, enabled=enabled, severity=severity)


def _check_options(kind: Kind, options: RenderOptions) -> None:
    if options.as_of is not None and "as_of" not in kind.options:
        raise UsageError("render.option_not_for_kind", option="--as-of", kind=kind.slug,
                         kinds=_taking("as_of"))
    if options.per_member:
        if "per_member" not in kind.options:
            raise UsageError("render.option_not_for_kind", option="--per-member",
                             kind=kind.slug, kinds=_taking("per_member"))
        if options.output == STDOUT:
            raise UsageError("render.per_member_stdout")


def _taking(option: str) -> str:
    from ..documents.registry import kinds

    return ", ".join(k.slug for k in kinds() if option in k.options)


def _check_requires(kind: Kind, plan: Plan) -> None:
    """What the kind needs from the plan to say anything (``requires`` in its data)."""
    for need in kind.requires:
        value: object = plan
        for part in need.split("."):
            value = getattr(value, part, None) if value is not None else None
        if not value:
            raise InputError("render.kind_requires", kind=kind.slug, field=need)
