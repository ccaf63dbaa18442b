"""The garbage collector, paused while thidua builds data that stays alive.

Reading a plan allocates an object for every YAML node, value and position,
and almost none of them becomes garbage before the command ends. CPython's
collector does not know that: it traverses the growing heap again and again
(a full pass each time the survivors grow by a quarter), which cost a quarter
of the time of linting a 2,000-task plan and nearly half of linting 1,000
plans in one process. The data thidua builds holds no reference cycles, so
pausing the collector loses nothing; whatever cyclic garbage appears in the
meantime is collected once it runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def off_until_exit() -> None:
    """No collection for the rest of a command-line run, nor at its end.

    A command builds its data and exits; cyclic garbage is rare and the
    process's end frees it all. Re-enabling the collector after the work
    walked everything built (0.3-0.4 s per 1,000 plans), and so does the
    interpreter's own collection at exit unless the survivors are frozen
    first (``gc.freeze``, run at exit before it). Not for a long-running
    server (``thidua lsp``), which pauses it per document instead.
    """
    import atexit

    global _exiting_soon
    gc.disable()
    atexit.register(gc.freeze)
    _exiting_soon = True


# What ``keep_until_exit`` keeps: a list that holds itself, so that neither the
# interpreter's clearing of modules at exit (which drops the module's reference)
# nor its last collection (the list is frozen by then) frees it piece by piece.
_exiting_soon = False
_kept: list[object] = []
_kept.append(_kept)


def keep_until_exit(value: object) -> None:
    """In a command-line run (``off_until_exit``), keep ``value`` alive to the end
    of the process, which returns its memory whole; anywhere else (the API, the
    language server), nothing: it is freed as usual.

    Freeing a 2,000-task plan's parse object by object (node tree, data, plan
    model) takes some 15-25 ms, which a command that is about to exit need not
    spend.
    """
    if _exiting_soon:
        _kept.append(value)


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block; the previous state after it.

    Nests: an inner block inside an outer one changes nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
