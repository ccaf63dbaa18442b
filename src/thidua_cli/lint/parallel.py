"""Linting many files in several processes.

One process lints 1,000 small plans in about 4 s, most of it the YAML
composer calling back into Python for every node: CPU-bound work that
threads cannot share. Worker processes can. They are forked (POSIX), so
they start with thidua already imported and the options already in memory,
and each returns only the findings of its files, never the parsed plans:
sending those back would cost more than parsing them again. Results come
back in the order of the files, so the output is the same as with one
process.

Where fork is unavailable (Windows), linting stays in one process: a
spawned worker would import thidua again, which costs more than it saves
on the small batches people lint there.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .options import FileResult

if TYPE_CHECKING:
    from .finding import Finding
    from .options import LintOptions

# How one file is linted (the engine's ``lint_file``), handed in by the engine
# so that this module needs nothing of it.
LintOne = Callable[[str, "LintOptions"], FileResult]

# Below this many files a pool costs more than it saves (forking, pickling,
# the catalogs loaded once per worker): lint in one process.
AUTO_MIN_FILES = 50

# How many chunks each worker gets: several, so one slow chunk (a big plan)
# does not leave the other workers idle at the end.
CHUNKS_PER_WORKER = 4

# What a pool that cannot start fails with: descriptors (EMFILE, ENFILE),
# processes or memory (EAGAIN, ENOMEM) run out.
_NO_ROOM = frozenset({errno.EMFILE, errno.ENFILE, errno.EAGAIN, errno.ENOMEM})

_options: LintOptions | None = None  # set in each worker by _start
_lint_one: LintOne | None = None


def cpus() -> int:
    """The CPUs this process may run on (its affinity), else all of them."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def worker_count(jobs: int | None, files: int) -> int:
    """How many processes lint ``files`` files: ``jobs``, or decided when None.

    Never more processes than files, and one when fork is not available.
    """
    if jobs is None:
        jobs = cpus() if files > AUTO_MIN_FILES else 1
    jobs = min(jobs, files)
    return jobs if jobs > 1 and can_fork() else 1


def lint_files(files: Sequence[str], options: LintOptions, workers: int,
               lint_file: LintOne) -> list[FileResult]:
    """``files`` linted by ``workers`` forked processes, in the order given.

    The results carry findings only (``plan`` and ``parsed`` are None).
    Standard input (``-``) is read here, in the parent, which owns it.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ..errors import UsageError

    # The first file is linted here, before the fork: the message catalogs,
    # the text rules' tables and their regexes (about 45 ms of loading) are
    # then built once and inherited by every worker instead of built by each.
    done = {0: lint_file(files[0], options).findings}
    others = [i for i, f in enumerate(files) if i not in done and f != "-"]
    chunk = max(1, len(others) // (workers * CHUNKS_PER_WORKER))
    context = multiprocessing.get_context("fork")
    try:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                                   initargs=(options, lint_file, os.getpid()))
        try:
            done.update(zip(others, pool.map(_findings, [files[i] for i in others],
                                             chunksize=chunk), strict=True))
        except BrokenProcessPool as e:
            # A worker killed by another program (the kernel's out-of-memory
            # killer, `kill -9`): it was `internal error: BrokenProcessPool`.
            # The other workers are stopped, and the run says what happened.
            how = _how_ended(pool)
            for worker in list((getattr(pool, "_processes", None) or {}).values()):
                worker.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
            raise UsageError("usage.worker_lost", how=how) from e
        except BaseException:
            # A signal (or a failure) ends the run now: the workers, which write
            # nothing, are stopped, not waited for until each has linted its files
            # (a SIGTERM took as long as the slowest file's lint).
            for worker in list((getattr(pool, "_processes", None) or {}).values()):
                worker.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
    except OSError as e:
        if e.errno not in _NO_ROOM:
            raise
        # No descriptor or process left for a pool (`ulimit -n 8`, `ulimit -u`):
        # `lint --jobs 2` was an internal error. The files are linted here.
        done = {0: done[0]}
    for i, f in enumerate(files):
        if i not in done:  # standard input, which the parent owns (all, without a pool)
            done[i] = lint_file(f, options).findings
    return [FileResult(f, done[i]) for i, f in enumerate(files)]


def _how_ended(pool: object) -> str:
    """How the pool's workers that are gone ended: ``SIGKILL`` (a signal's
    name), ``exit 3`` (a code), ``?`` when none is known yet."""
    import signal

    ends = []
    for worker in list((getattr(pool, "_processes", None) or {}).values()):
        code = worker.exitcode
        if code is None or code == 0:
            continue
        try:
            ends.append(signal.Signals(-code).name if code < 0 else f"exit {code}")
        except ValueError:
            ends.append(f"signal {-code}")
    return ", ".join(sorted(set(ends))) or "?"


def _start(options: LintOptions, lint_file: LintOne, parent: int) -> None:
    import signal

    _end_with(parent)

    # With fork the arguments are inherited, not pickled.
    global _options, _lint_one
    _options, _lint_one = options, lint_file
    # The parent handles the signals that end a run (it cleans up and says so);
    # a worker, which writes nothing, just stops, quietly: Ctrl-C reaches the
    # whole process group, and the parent's handler would print a traceback here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _end_with(parent: int) -> None:
    """End this worker when ``parent`` ends, however it ends (Linux).

    A parent killed by SIGKILL (the out-of-memory killer, `timeout -s KILL`,
    a CI job cancelled) left its workers waiting for work for ever: each holds
    the writing end of the queue it reads (inherited at the fork), so the
    queue never closes. The kernel now sends the worker SIGKILL when its parent
    dies (``PR_SET_PDEATHSIG``; a worker writes nothing, so nothing is left
    half-done); a parent gone before that was set is looked for once.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError, ImportError):
        return
    if os.getppid() != parent:  # it died before the call: nobody would send it
        os._exit(0)


def _findings(path: str) -> tuple[Finding, ...]:
    assert _options is not None and _lint_one is not None, "worker used before _start"
    return _lint_one(path, _options).findings
