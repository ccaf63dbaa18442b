"""``thidua import``: a kế hoạch written in Word read back into a plan file.

``import_docx`` returns the plan's text and its lint result; it writes
nothing. The steps are one module each: ``package`` opens the .docx within
bounds, ``word`` reads its paragraphs and tables as Word shows them,
``letterhead``, ``body``, ``tables``, ``citation`` and ``when`` recognise the
parts of a plan, ``recognize`` ties them into a draft (``members`` for the
names and ids, ``content`` for the lists) with a note on every inferred value
(``draft``), and ``writer`` writes it in the skeleton's style.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..lint.engine import FileResult, LintOptions, lint_text

if TYPE_CHECKING:
    from .recognize import Known


@dataclass(frozen=True)
class Imported:
    text: str
    lint: FileResult
    notes: int
    unplaced: int


def import_docx(path: str, *, year: int | None = None, bloc_from: str | None = None,
                out_name: str = "-", options: LintOptions | None = None) -> Imported:
    """The plan in the Word file ``path``, written and linted (as ``out_name``)."""
    from .package import OLE2, open_docx
    from .recognize import recognize
    from .word import read_blocks
    from .writer import write_plan

    options = options or LintOptions()
    source = Path(path)
    known = _known(bloc_from, options) if bloc_from is not None else None
    try:
        # zipfile reads a device such as /dev/zero to its end, which never comes,
        # and opening a FIFO waits for a writer: only a regular file is a document.
        if not stat.S_ISREG(source.stat().st_mode) and not source.is_dir():
            raise InputError("input.not_a_file", path=path)
        from ..atomic import note_input

        note_input(source)  # no output, standard output included, may replace it
        with source.open("rb") as stream:
            magic = stream.read(8)
            size = os.fstat(stream.fileno()).st_size
    except FileNotFoundError as e:
        raise InputError("input.not_found", path=path) from e
    except IsADirectoryError as e:
        raise InputError("input.is_directory", path=path) from e
    except PermissionError as e:
        raise InputError("input.permission", path=path) from e
    except OSError as e:
        raise InputError("input.unreadable", path=path, reason=e.strerror or str(e)) from e
    if magic == OLE2:
        from .convert import doc_to_docx
        from .package import MAX_TOTAL_BYTES

        # A .docx is bounded part by part; a .doc, which LibreOffice reads whole
        # (a 2 GB one was copied into TMPDIR, then held 6 GB for 48 s), by its size.
        if size > MAX_TOTAL_BYTES:
            raise InputError("import.doc_too_large", path=path, size=size,
                             limit=MAX_TOTAL_BYTES)

        package = open_docx(doc_to_docx(source, path), path)
    else:
        package = open_docx(source, path)
    try:
        draft = recognize(read_blocks(package), year=year, known=known)
    except RecursionError as e:  # tables in tables in content controls ... thousands deep
        raise InputError("import.too_deep", path=path) from e
    for link in package.external:
        draft.unplace(f"(external reference, not followed: {link})")
    text = write_plan(draft, source=source.name, schema=_schema_path(out_name))
    result = lint_text(text, out_name, options)
    notes = sum(len(v) for v in draft.notes.values())
    return Imported(text, result, notes, len(draft.unplaced))


def _known(path: str, options: LintOptions) -> Known:
    from ..lint.engine import lint_file
    from .citation import key
    from .recognize import Known

    result = lint_file(path, options)
    if result.plan is None:
        raise InputError("import.bad_bloc_from", path=path)
    members = result.plan.bloc.members
    return Known(ids={m.name: m.id for m in members},
                 short_names={key(m.name): m.short_name for m in members if m.short_name},
                 bloc=result.plan.bloc.name)


def _schema_path(out_name: str) -> str:
    """The plan schema's path relative to the output, if a ``schema/`` folder is above it."""
    # realpath, not Path.resolve: a link loop is left to the writer's message
    # (resolve raised RuntimeError, an internal error).
    folder = Path(os.path.realpath(out_name)).parent if out_name != "-" else Path.cwd()
    for parent in (folder, *folder.parents):
        candidate = parent / "schema" / "plan.schema.json"
        if os.path.isfile(candidate):  # (False, not OSError, past PATH_MAX's 4,096 bytes)
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return "schema/plan.schema.json"
