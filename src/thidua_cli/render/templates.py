"""Where templates come from: ``--template-dir``, then ``./templates``, then the shipped ones.

The search is file by file, so a bloc can override only ``plan.docx`` (its own
letterhead) and keep the shipped Markdown template. The shipped templates are
the repository's top-level ``templates/`` folder, copied into the wheel as
``thidua_cli/templates``; from a source checkout (an editable install, which
does not copy it) the folder is found beside ``src/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError

MARKDOWN = "plan.md.j2"
DOCX = "plan.docx"


def shipped_dir() -> Path:
    """The templates that come with thidua."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "templates"
    if installed.is_dir():
        return installed
    return package.parent.parent / "templates"


@dataclass(frozen=True)
class TemplateSearch:
    """The folders searched for a template, first match wins."""

    dirs: tuple[Path, ...]

    @classmethod
    def create(cls, template_dir: str | None = None, cwd: Path | None = None) -> TemplateSearch:
        dirs: list[Path] = []
        if template_dir is not None:
            given = Path(template_dir)
            if not given.is_dir():
                key = ("render.template_dir_not_folder" if given.exists()
                       else "render.template_dir_missing")
                raise UsageError(key, path=template_dir)
            dirs.append(given)
        local = (cwd or Path.cwd()) / "templates"
        if local.is_dir():
            dirs.append(local)
        shipped = shipped_dir()
        if shipped.resolve() not in {d.resolve() for d in dirs}:
            dirs.append(shipped)
        return cls(tuple(dirs))

    def find(self, name: str) -> Path:
        """The first ``name`` along the search path."""
        for folder in self.dirs:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise InputError("render.no_template", name=name,
                         places=", ".join(str(d) for d in self.dirs))
