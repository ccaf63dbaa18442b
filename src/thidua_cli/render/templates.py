"""Where templates come from: ``--template-dir``, then ``./templates``, then the shipped ones.

The search is file by file, so a bloc can override only ``plan.docx`` (its own
letterhead) and keep the shipped Markdown template. The shipped templates are
the repository's top-level ``templates/`` folder, copied into the wheel as
``thidua_cli/templates``; from a source checkout (an editable install, which
does not copy it) the folder is found beside ``src/``.
"""

from __future__ import annotations

import os
import stat
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
        try:
            found = local.is_dir()
        except OSError as e:
            # A current folder whose path is longer than the system takes
            # (PATH_MAX, 4,096 bytes: folders made one inside another by their
            # own names) was `internal error: OSError: File name too long`.
            # With no ./templates there, nothing is lost; one that is there
            # cannot be used by its path, and is not passed over silently.
            if cwd is not None or os.path.lexists("templates"):
                raise UsageError("usage.cwd_too_long", length=len(os.fsencode(local.parent)),
                                 reason=e.strerror or str(e)) from None
            found = False
        if found and local.resolve() not in {d.resolve() for d in dirs}:
            _check_found(local)  # found, not named (named as --template-dir, it is used)
            dirs.append(local)
        shipped = shipped_dir()
        if shipped.resolve() not in {d.resolve() for d in dirs}:
            dirs.append(shipped)
        return cls(tuple(dirs))

    def find(self, name: str) -> Path:
        """The first ``name`` along the search path, refused if it leads outside its folder."""
        for folder in self.dirs:
            candidate = folder / name
            if is_template(candidate):
                return inside(folder, candidate)
        raise InputError("render.no_template", name=name,
                         places=", ".join(str(d) for d in self.dirs))


def _check_found(folder: Path) -> None:
    """Refuse ``./templates`` when someone else could have put it there, as a
    configuration found is refused: it is found, not named, and templates are
    code. Run from ``/tmp``, another user's ``/tmp/templates/plan.md.j2`` wrote
    every document (``PWNED``). ``--template-dir`` names any folder."""
    if not hasattr(os, "getuid"):
        return
    from ..config import placed_by_another, placed_steps

    if os.stat(folder).st_mode & stat.S_IWOTH:
        raise InputError("render.templates_found_writable", path=str(folder))
    hop = placed_by_another(placed_steps(folder))
    if hop is not None:
        raise InputError("render.templates_found_foreign", path=str(folder), target=hop)


def is_template(candidate: Path) -> bool:
    """Whether ``candidate`` is there to be used: a regular file (through links).

    Absent, or a folder, it is not, and the search goes on to the next folder.
    A device, FIFO or socket of that name is refused rather than passed over:
    the bloc meant it as its template, and silently rendering with the shipped
    one instead would hide that (reading a FIFO would wait for ever, a device
    such as ``/dev/zero`` never end).
    """
    try:
        mode = os.stat(candidate).st_mode
    except (OSError, ValueError):
        return False
    if stat.S_ISREG(mode):
        return True
    if stat.S_ISDIR(mode):
        return False
    raise InputError("render.template_not_a_file", path=str(candidate))


def inside(folder: Path, candidate: Path) -> Path:
    """``candidate``, once its links are followed, is inside ``folder``; else ``InputError``.
    It is noted as an input of the run (``atomic.note_input``).

    A bloc's template folder may hold a link to ``/proc/self/environ`` or
    ``~/.ssh``: the template would print what it reads into the document.
    """
    from ..atomic import note_input

    real, root = os.path.realpath(candidate), os.path.realpath(folder)
    if os.path.commonpath([real, root]) != root:
        raise InputError("render.template_outside", path=str(candidate), target=real)
    note_input(candidate)  # read by this run: `-o tpl/plan.md.j2` may not replace it
    return candidate


#: The largest text template (``plan.md.j2`` and what it includes).
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024


def read_template(path: Path) -> str:
    """A text template's text: UTF-8, of a bounded size, or an ``InputError``."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise InputError("render.template_too_large", path=str(path), size=size,
                             limit=MAX_TEMPLATE_BYTES)
        data = path.read_bytes()
    except OSError as e:
        raise InputError("input.unreadable", path=str(path),
                         reason=e.strerror or str(e)) from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError("render.template_encoding", path=str(path), offset=e.start) from e
