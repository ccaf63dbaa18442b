"""git's external diff driver: its arguments are file names, never options.

git runs ``diff.thidua.command`` with seven arguments (``path old-file
old-hex old-mode new-file new-hex new-mode``; nine with a rename) after the
words of the command. A plan named ``-x.yaml`` or ``--ignore-order.yaml``
reached the option parser as an option: "No such option", and git stopped
with "external diff died". git marks such a run by setting
``GIT_DIFF_PATH_TOTAL``; the arguments of that shape then get a ``--`` in
front of them, as a user would write ``thidua diff -- OLD NEW``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

_HEX = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?|\.")
_MODE = re.compile(r"[0-7]{6}|\.")


def _shaped(tail: Sequence[str]) -> bool:
    """Whether ``tail`` reads as git's seven (or nine) driver arguments."""
    return all(_HEX.fullmatch(tail[i]) for i in (2, 5)) and all(
        _MODE.fullmatch(tail[i]) for i in (3, 6))


def as_files(args: Sequence[str]) -> list[str]:
    """``thidua diff ARGS`` with ``--`` before git's driver arguments, when git runs it."""
    words = list(args)
    if "GIT_DIFF_PATH_TOTAL" not in os.environ or words[:1] != ["diff"]:
        return words
    for count in (9, 7):
        start = len(words) - count
        if start >= 1 and _shaped(words[start:]) and "--" not in words[1:start]:
            return [*words[:start], "--", *words[start:]]
    return words
