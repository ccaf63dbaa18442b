"""Paths as CI systems want them: relative to the project, with forward slashes.

GitHub, GitLab and SARIF viewers match a report's paths against the files of
the repository, so ``C:\\plans\\2022.yaml`` or ``/home/ci/plans/2022.yaml`` must
become ``plans/2022.yaml``. A file outside the project keeps its full path
(SARIF: a ``file://`` URI); standard input stays ``-``.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def relative(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the current folder), with ``/``."""
    if path == "-":
        return path
    base = os.path.abspath(root or os.getcwd())
    full = os.path.abspath(path)
    try:
        inside = os.path.commonpath([base, full]) == base
    except ValueError:  # another drive on Windows
        inside = False
    if not inside:
        return Path(full).as_posix()
    return Path(os.path.relpath(full, base)).as_posix()


def uri(path: str, root: str | None = None) -> str:
    """A SARIF ``artifactLocation.uri``: relative and percent-encoded inside ``root``."""
    rel = relative(path, root)
    if path != "-" and Path(rel).is_absolute():
        return Path(rel).as_uri()
    # Vietnamese file names and spaces are not allowed raw in a URI. A name
    # that is not UTF-8 (``b\\xff.yaml``) is encoded as its bytes: ``b%FF.yaml``.
    return quote(os.fsencode(rel), safe="/")
