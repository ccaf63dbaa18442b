"""``thidua report``'s work: which plans, where each report goes, lint first, then write.

The command hands over paths and options and gets back one ``Outcome`` per
plan; it prints nothing itself. A plan with lint errors is not reported
(its findings are in its outcome); the others still are, so a job building
every bloc's reports does not stop at the first bad file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError, UsageError
from ..i18n import Lang
from ..lint.engine import FileResult, LintOptions, collect, lint_file
from .build import build_report
from .document import FORMATS, TEXT_FORMATS, Format
from .result import Report

if TYPE_CHECKING:
    from ..render.templates import TemplateSearch

__all__ = ["FORMATS", "Format", "Job", "JobOptions", "Outcome", "run"]
STDOUT = "-"


@dataclass(frozen=True)
class JobOptions:
    format: Format | None = None
    output: str | None = None
    as_of: date = field(default_factory=date.today)
    # How plans are linted first (the bloc's configuration); default: every rule.
    lint: LintOptions | None = None
    lang: Lang = "en"
    template_dir: str | None = None


@dataclass(frozen=True)
class Outcome:
    """One plan: its lint result, its report unless blocked, and where it went
    (``None``: to standard output, or not at all)."""

    lint: FileResult
    report: Report | None
    written: str | None = None

    def __repr__(self) -> str:
        return f"Outcome({self.lint.path!r}, written={self.written!r}, blocked={self.blocked})"

    @property
    def blocked(self) -> bool:
        return self.report is None


@dataclass(frozen=True)
class Job:
    format: Format
    outcomes: tuple[Outcome, ...]
    # What the command prints (``-o -``, or JSON without ``-o``); None: files only.
    text: str | None = None
    # Several JSON reports collected in one file, as an array.
    array_file: str | None = None

    @property
    def blocked(self) -> int:
        return sum(1 for o in self.outcomes if o.blocked)

    @property
    def reports(self) -> tuple[Report, ...]:
        """The reports made, in the order of the plans."""
        return tuple(o.report for o in self.outcomes if o.report is not None)

    def __repr__(self) -> str:
        return (f"Job(format={str(self.format)!r}, plans={len(self.outcomes)}, "
                f"blocked={self.blocked})")


# ``progress(done, total)``: 0 done before the first plan, then after each.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Targets:
    """Where each plan's report goes: ``None`` for standard output."""

    format: Format
    files: dict[str, str | None]
    array_file: str | None = None
    # The folder of ``-o DIR``, created when missing.
    folder: str | None = None


def resolve(plans: Sequence[str], options: JobOptions) -> Targets:
    """The output of each plan, or a ``UsageError`` before anything is written."""
    out = options.output
    fmt = options.format or _format_of(out) or (Format.md if out == STDOUT else Format.docx)
    several = len(plans) > 1
    if (out is None and fmt == "json") or out == STDOUT:
        if fmt not in TEXT_FORMATS:
            raise UsageError("report_cmd.stdout_binary", format=fmt)
        if several and fmt != "json":
            raise UsageError("report_cmd.several_to_stdout")
        return Targets(fmt, dict.fromkeys(plans))
    if out is not None and fmt == "json" and several and not _is_dir(out):
        return Targets(fmt, dict.fromkeys(plans), array_file=out)
    files: dict[str, str | None] = {}
    if out is None:
        if STDOUT in plans:
            raise UsageError("render.stdin_needs_output")
        files = {p: str(_beside(p, fmt)) for p in plans}
    elif several or _is_dir(out):
        if not _is_dir(out) and _format_of(out) is not None:
            # "-o all.docx" for several plans: a file name, not a folder to create.
            raise UsageError("report_cmd.several_to_file", path=out)
        files = {p: str(Path(out) / _name(p, fmt)) for p in plans}
        _check_targets(files)
        return Targets(fmt, files, folder=out)
    else:
        files = {plans[0]: out}
    _check_targets(files)
    return Targets(fmt, files)


def run(paths: Sequence[str], options: JobOptions, progress: Progress | None = None) -> Job:
    """Lint, build and write the report of every plan under ``paths``."""
    from ..render.templates import TemplateSearch
    from .document import stdout_text, write_json_array

    lint_options = options.lint or LintOptions(lang=options.lang, today=options.as_of)
    plans = collect(paths, lint_options.exclude)
    targets = resolve(plans, options)
    search = TemplateSearch.create(options.template_dir)
    if targets.format == "pdf":
        from ..render.pdf import find_office

        if find_office() is None:  # say so before any work is done
            raise UsageError("render.no_office")
    outcomes: list[Outcome] = []
    if progress is not None:
        progress(0, len(plans))
    for plan_path in plans:
        target = None if targets.array_file else targets.files[plan_path]
        outcomes.append(_one(plan_path, target, targets.format, lint_options, options, search,
                             targets.folder))
        if progress is not None:
            progress(len(outcomes), len(plans))
    done = tuple(outcomes)
    if targets.array_file is not None:
        from ..atomic import check_not_a_plans_name, check_writable

        check_writable(targets.array_file)  # an input is refused as such first
        check_not_a_plans_name(targets.array_file)
        reports = [o.report for o in done if o.report is not None]
        write_json_array(reports, targets.array_file)
        return Job(targets.format, done, array_file=targets.array_file)
    if all(v is None for v in targets.files.values()):
        reports = [o.report for o in done if o.report is not None]
        return Job(targets.format, done, text=stdout_text(reports, targets.format,
                                                          several=len(done) > 1, search=search))
    return Job(targets.format, done)


def _one(plan_path: str, target: str | None, fmt: Format, lint_options: LintOptions,
         options: JobOptions, search: TemplateSearch, folder: str | None = None) -> Outcome:
    from .document import write_report

    result = lint_file(plan_path, lint_options)
    if result.plan is None or any(f.severity == "error" for f in result.findings):
        return Outcome(result, None)
    report = build_report(result.plan, as_of=options.as_of, path=plan_path)
    if target is not None:
        # `-o out/`'s folder, made for the first report written (it was made
        # first, and stayed empty when no plan could be reported), and removed
        # again if that report could not be written.
        made = [] if folder is None else _make_folder(folder)
        try:
            write_report(report, fmt, target, search)
        except BaseException:
            from ..atomic import remove_folders

            remove_folders(made)
            raise
    return Outcome(result, report, target)


def _make_folder(folder: str) -> list[Path]:
    from ..atomic import make_folder

    try:
        return make_folder(Path(folder))
    except OutputError as e:
        if e.key != "output.failed":
            raise
        raise OutputError("report_cmd.cannot_create", path=folder,
                          reason=str(e.params.get("reason", ""))) from e


def _format_of(output: str | None) -> Format | None:
    if output is None or output == STDOUT:
        return None
    suffix = Path(output).suffix.lower().lstrip(".")
    return Format(suffix) if suffix in FORMATS else None


def _is_dir(output: str) -> bool:
    from ..atomic import names_folder_by_dots

    # `-o out/.` names the folder `out` as `-o out/` does (it wrote a file `out`).
    return output.endswith(("/", "\\")) or names_folder_by_dots(output) or os.path.isdir(output)


def _name(plan: str, fmt: Format) -> str:
    # A plan read from standard input has no name of its own: "stdin-report.docx".
    stem = "stdin" if plan == STDOUT else Path(plan).stem
    return f"{stem}-report.{fmt}"


def _beside(plan: str, fmt: Format) -> Path:
    return Path(plan).with_name(_name(plan, fmt))


def _check_targets(files: dict[str, str | None]) -> None:
    # Every report checked before the first is written (a link to a plan, a
    # read-only file, `p.yaml` and `P.yaml` into one folder...): a refused one
    # left the earlier ones written, unnamed.
    from ..atomic import check_not_a_plans_name, check_writable_all

    seen: dict[str, str] = {}
    for plan, target in files.items():
        if target is None:
            continue
        key = os.path.realpath(target)
        if plan != STDOUT and key == os.path.realpath(plan):
            raise UsageError("report_cmd.own_input", path=target)
        check_not_a_plans_name(target)
        if key in seen:
            raise UsageError("report_cmd.same_output", path=target, first=seen[key], second=plan)
        seen[key] = plan
    check_writable_all((Path(t) for t in files.values() if t is not None and t != STDOUT),
                       protect=[Path(p) for p in files if p != STDOUT])
