"""The schema modeline of a new plan, pointing at the schema from where the plan is written.

Editors using yaml-language-server (VS Code's YAML extension, among others)
read ``# yaml-language-server: $schema=PATH`` with PATH relative to the plan
file. A plan copied from last year's keeps last year's line, right only if
the new file sits in the same folder; so the line is rewritten for the new
file: the nearest ``schema/plan.schema.json`` in its folder or above (as
``thidua schema -o schema/plan.schema.json`` puts it in a plans repository).
Without one, no line is written: a modeline that resolves nowhere only makes
the editor complain.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

SCHEMA = Path("schema") / "plan.schema.json"
PREFIX = "# yaml-language-server: $schema="
_LINE = re.compile(r"^# yaml-language-server: \$schema=.*(?:\r?\n|$)", re.M)


def schema_path(folder: Path) -> str | None:
    """The schema's path relative to ``folder``, from the nearest folder that has one."""
    start = folder.resolve()
    for base in (start, *start.parents):
        candidate = base / SCHEMA
        try:
            found = candidate.is_file()
        except OSError:
            # A name past the system's limit (is_file raises ENAMETOOLONG): no
            # schema there; writing the plan says what is wrong with the name.
            continue
        if found:
            return Path(os.path.relpath(candidate, start)).as_posix()
    return None


def retarget(text: str, out_name: str, cwd: Path | None = None) -> str:
    """``text`` with its modeline for a file written at ``out_name`` (``-``: ``cwd``)."""
    here = cwd or Path.cwd()
    folder = here if out_name == "-" else (here / out_name).parent
    target = schema_path(folder)
    line = f"{PREFIX}{target}\n" if target is not None else ""
    head_end = _comment_head(text)
    found = _LINE.search(text, 0, head_end)
    if found is not None:
        return text[:found.start()] + line + text[found.end():]
    return line + text


def _comment_head(text: str) -> int:
    """Where the comment lines at the top of ``text`` end."""
    offset = 0
    for row in text.splitlines(keepends=True):
        if not row.startswith("#"):
            break
        offset += len(row)
    return offset
