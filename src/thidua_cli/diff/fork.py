"""Work on both sides of a diff at once, in a forked child, where fork exists.

Parsing is most of a big diff's time (about 0.2 s of CPU for a 2,000-task
plan) and the two sides are independent, so on a machine with two cores the
second side can be parsed in a child process while the parent parses the
first: when ``DiffOptions.parallel_bytes`` asks for it, which ``thidua diff``
no longer does (below: it costs more CPU than the time it saves).
The child sends its result back pickled through a pipe (some 20 ms for such a
plan). If the child fails in any way, the parent does the work itself, so
errors are raised, with their messages, exactly as without the child.

A second process saves time only on a CPU nobody else wants, and always costs
some (the fork, the pages both processes fill at once where one process
would reuse the first side's, the pickle): on a 2,000-task diff some 60-100 ms
of CPU more than one process. ``spare_cpu`` says whether the machine has a
CPU idle besides this process's.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def spare_cpu() -> bool:
    """Whether a CPU is idle beside this process's, so that a child would have one.

    On Linux: right now, by the number of runnable processes (this one
    included) that ``/proc/loadavg`` gives. The load average of the last minute
    would count this command's own previous runs (a loop over files, a
    benchmark) as load. Elsewhere, by that average all the same.
    """
    from ..lint.parallel import cpus

    running = _runnable()
    if running is not None:
        return running < cpus()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average here (Windows has no fork either)
        return False
    return load < cpus() - 1


def _runnable() -> int | None:
    """The processes (threads) running or waiting for a CPU now, where Linux says."""
    try:
        with open("/proc/loadavg", "rb") as f:
            return int(f.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return None


# What a child holds until it ends: ``os._exit`` drops its memory whole, where
# freeing a parsed plan object by object costs some 20 ms of CPU.
_kept: list[object] = []
_in_child = False


def keep_until_exit(value: object) -> None:
    """In the child of ``both``, keep ``value`` alive until the child ends (it is
    never freed piece by piece); in a command-line run, until the process ends
    (``gcpause.keep_until_exit``); anywhere else, nothing: it is freed as usual."""
    if _in_child:
        _kept.append(value)
    else:
        from ..gcpause import keep_until_exit as keep

        keep(value)


def both(work: Callable[[T], R], first: T, second: T, *, parallel: bool) -> tuple[R, R]:
    """``(work(first), work(second))``, the second in a child process when ``parallel``."""
    if not parallel or not hasattr(os, "fork"):
        return work(first), work(second)
    import pickle  # only here: most diffs are small and stay in one process

    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return work(first), work(second)
    if pid == 0:  # pragma: no cover - the child; its result is checked by the parent
        global _in_child
        _in_child = True
        os.close(read_end)
        try:
            done = work(second)
            keep_until_exit(done)
            payload = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload = b""
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_end)
    try:
        mine = work(first)
    finally:
        # Read before waiting: the child blocks until its result is read.
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(pid, 0)
    theirs: R = pickle.loads(payload) if payload else work(second)
    return mine, theirs
