"""The programs thidua runs (git, LibreOffice), found in the absolute folders of PATH.

POSIX reads an empty entry of PATH (``PATH=:/usr/bin``, ``PATH=$PATH:``) and
``.`` as the current folder, and a program thidua runs has a current folder of
its own: ``thidua diff plans/p.yaml`` runs git in ``plans/``, and with such a
PATH ran the ``plans/git`` a repository held (a pull request's). As Go's
``exec.LookPath`` refuses since 1.19, a program is never taken from a folder
PATH names relatively; it is run by its absolute name.
"""

from __future__ import annotations

import os


def find(name: str) -> str | None:
    """The absolute name of the program ``name`` on PATH, or ``None``."""
    for folder in os.get_exec_path():
        if not os.path.isabs(folder):
            continue
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None
