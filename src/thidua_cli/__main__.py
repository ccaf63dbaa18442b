"""Entry point: runs the command (``cli``) and turns thidua's errors into messages.

This is the one place where an exception becomes text and an exit code; no
traceback reaches a user unless ``THIDUA_DEBUG`` is set.
"""

from __future__ import annotations

import os
import sys

# Not typing's: `thidua --version` imports neither typing nor signal (nor contextlib).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class Interrupted(BaseException):
    """A signal that ends the run: raised where the program is, so every
    ``finally`` and the atomic writer clean up, then reported here.

    Not a ``KeyboardInterrupt``: typer would catch that and print only
    "Aborted!".
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: The signals that end a run: SIGTERM is what `timeout`, CI runners and service
#: managers send; SIGHUP a closed terminal or SSH session.
_ENDINGS = ("SIGINT", "SIGTERM", "SIGHUP")


def _signals() -> Any:
    """The signal functions, without the ``signal`` module's enums.

    ``_signal`` is the C module the interpreter loaded as it started: taking it
    costs nothing, where ``import signal`` builds its enums for 3 ms, a window
    in which SIGINT was a ``KeyboardInterrupt`` traceback (one run in thirty of
    a signal 10 ms after the start).
    """
    try:
        return __import__("_signal")
    except ImportError:  # an interpreter without it
        import signal

        return signal


#: The signals received, the first one first: the run's outcome once there is one.
_RECEIVED: list[int] = []
#: Whether the interruption was reported (its message printed, its exit code set).
_REPORTED: list[bool] = []
#: The ``sys.unraisablehook`` that ``_lost`` passes every other exception on to.
_PREVIOUS: list[Callable[[Any], object]] = [sys.__unraisablehook__]
#: The process that installed the handlers (a forked worker is not it).
_PID: list[int] = []
#: What a run whose reader went away exits with, as a program SIGPIPE kills.
READER_GONE = 128 + 13


def _interrupt(signum: int, frame: object) -> None:
    _RECEIVED.append(signum)
    if len(_RECEIVED) == 1:
        threading: Any = sys.modules.get("threading")
        if threading is not None:
            # A thread that fails as the run stops is no news: `lint --jobs 2`'s
            # pool, its workers stopped, printed `InvalidStateError: CANCELLED`
            # with a traceback from its manager thread (one run in thirty).
            threading.excepthook = _thread_failed
        raise Interrupted(signum)
    # Once is enough: a second signal while cleaning up must not cut the
    # cleanup short. It is let through, not ignored (SIG_IGN): one pending with
    # the first when the handler made them ignored was "OSError: Signal 15
    # ignored due to race condition", a traceback on stderr.


def _thread_failed(args: Any) -> None:
    """``threading.excepthook`` once a signal ends the run: silent; before, Python's."""
    if not _RECEIVED:
        import threading

        threading.__excepthook__(args)


def _reader_gone(signum: int, frame: object) -> None:
    """SIGPIPE: the reader of standard output, or of an output written in place
    (``-o /dev/stdout``, ``-o /dev/fd/1``, a FIFO), went away.

    Python ignores SIGPIPE, and a write to such a pipe was ``BrokenPipeError``
    where standard output was named ``-`` (exit 1, quietly), ``cannot write
    /dev/stdout: Broken pipe`` where it was named as a file (exit 2), or,
    when the reader left in the middle of a write, nothing: the short count
    was dropped, the rest of the output lost, exit 0. The signal comes in
    every case, so it ends the run in every case, as a signal does: every
    writer cleans up, and the exit is 141, quietly (``_report_interrupted``).
    A forked worker passes it over (its pipe to the parent says the rest).
    """
    if _PID and os.getpid() == _PID[0] and _reader_left():
        _interrupt(signum, frame)


def _reader_left() -> bool:
    """Whether an output's reader went away: standard output or error, or a
    device or FIFO being written in place (``atomic.WRITING``), is a pipe with
    no reader (poll says POLLERR of its writing end).

    SIGPIPE of a pipe of the run's own (``lint --jobs``'s queue to a worker
    SIGTERM stopped first) is no reader gone: the write that got it fails
    where it was (141 had replaced the run's own 143).
    """
    import select

    if not hasattr(select, "poll"):
        return True
    atomic = sys.modules.get(f"{__package__}.atomic")
    poll = select.poll()
    for fd in {1, 2, *getattr(atomic, "WRITING", ())}:
        poll.register(fd, 0)  # POLLERR and POLLHUP are always reported
    return any(events & select.POLLERR for _, events in poll.poll(0))


def _raise_again(signum: int, frame: object) -> None:
    """The alarm ``_lost`` set: raise the interruption that a finalizer swallowed."""
    if _RECEIVED and not _REPORTED:
        raise Interrupted(_RECEIVED[0])


def _lost(unraisable: object) -> None:
    """``sys.unraisablehook``: an exception Python could not raise, printed and dropped.

    The exception a signal's handler raises lands wherever the program is; in
    a finalizer (a ``__del__``, a weak reference's callback: ``ZipFile.__del__``
    as each sheet's workbook was dropped, the import system's module-lock
    callbacks) Python prints it as "Exception ignored" and goes on. The run
    went on to the end and exited 0, its signal lost, every later one ignored.
    Here the interruption is raised again a moment later, from an alarm,
    outside the finalizer (again if it lands in another one).
    """
    import signal

    if isinstance(getattr(unraisable, "exc_value", None), Interrupted):
        if hasattr(signal, "setitimer"):
            signal.signal(signal.SIGALRM, _raise_again)
            signal.setitimer(signal.ITIMER_REAL, 0.005)
        return  # and where there is no alarm, the end of the run reports it
    _PREVIOUS[0](unraisable)


def _report_interrupted(signum: int) -> None:
    """Print that the run was interrupted by ``signum`` and exit with 128 + it.

    Whatever the program was doing: the module that gives messages may be
    half-imported (the signal came while it was imported), then the English
    message is printed.
    """
    import signal
    from contextlib import suppress

    _REPORTED.append(True)
    if hasattr(signal, "setitimer"):  # no alarm now (one already due finds this reported)
        signal.setitimer(signal.ITIMER_REAL, 0)
    if signum == getattr(signal, "SIGPIPE", None):
        # The reader went away: nobody is left to tell, nor is it an error
        # of the run (`thidua lint | head`). 141, as for a program SIGPIPE kills.
        _silence_stdout()
        sys.exit(READER_GONE)
    name = signal.Signals(signum).name
    try:
        from .i18n import resolve_lang, t

        cli = sys.modules.get(f"{__package__}.cli")
        lang = getattr(getattr(cli, "State", None), "lang", None) or resolve_lang()
        text = t("report.interrupted", lang, signal=name)
    except Exception:
        text = f"interrupted ({name}): stopped, no file left half-written"
    with suppress(OSError, ValueError, AttributeError):  # AttributeError: stderr closed
        sys.stderr.write(f"thidua: {text}\n")
        sys.stderr.flush()
    _silence_stdout()
    sys.exit(128 + signum)


def _no_bytecode_under_a_size_limit() -> None:
    """Write no bytecode cache when the size of the files written is limited (``ulimit -f``).

    Python ignores SIGXFSZ, and its cache writer takes the short count of a
    write cut at the limit for the whole: a truncated ``.pyc`` took the place of
    the cache of each module imported, and every later run, limited or not,
    stopped with ``internal error: EOFError: marshal data too short``.
    """
    try:
        import resource
    except ImportError:  # not on Windows
        return
    if resource.getrlimit(resource.RLIMIT_FSIZE)[0] == resource.RLIM_INFINITY:
        return
    sys.dont_write_bytecode = True
    # The modules imported before this line (the package, this one) had
    # theirs written already: one cut short is removed, to be written again.
    import marshal

    for module in list(sys.modules.values()):
        cached = getattr(module, "__cached__", None)
        name = getattr(getattr(module, "__spec__", None), "name", None) or ""
        if name.partition(".")[0] != __package__ or not cached:  # (`-m`: __main__'s spec)
            continue
        try:
            with open(cached, "rb") as file:
                marshal.loads(file.read()[16:])  # after the header: magic, flags, source
        except FileNotFoundError:
            continue
        except (OSError, EOFError, ValueError, TypeError):
            from contextlib import suppress

            with suppress(OSError):
                os.unlink(cached)


def main() -> None:
    # The handlers first, before anything else (`--version` included): a signal
    # before them killed the run with no message (SIGTERM) or a traceback
    # (SIGINT's KeyboardInterrupt), and one between them and the block below
    # that reports it printed a traceback, exit 1.
    signals = _signals()
    _RECEIVED.clear()  # a run of its own (tests call main() again and again)
    _REPORTED.clear()
    for name in _ENDINGS:
        ending = getattr(signals, name, None)
        if ending is not None and signals.getsignal(ending) != signals.SIG_IGN:
            signals.signal(ending, _interrupt)  # (nohup's SIG_IGN stands)
    _PID[:] = [os.getpid()]
    if hasattr(signals, "SIGPIPE"):
        # (The language server answers a client gone away on its own: `thidua
        # lsp` ignores SIGPIPE again once it serves. Its `--help` and usage
        # errors are a command's output like any other: `lsp --help | head`
        # exited 1, rich's code for a broken pipe, the code of findings.)
        signals.signal(signals.SIGPIPE, _reader_gone)
    _PREVIOUS[:] = [sys.unraisablehook]
    sys.unraisablehook = _lost
    try:
        try:
            _no_bytecode_under_a_size_limit()
            if sys.argv[1:] != ["--version"] or not _version():
                _main()
        except BaseException:
            # A signal decides the outcome (as in ``_run_deciding``), also when it
            # came before the command ran: Python wrapped it (``RuntimeError`` from
            # ``__set_name__`` while a module was imported), or it was swallowed.
            if _RECEIVED and not _REPORTED:
                _report_interrupted(_RECEIVED[0])
            if _for_want_of_memory(sys.exc_info()[1]):
                # Out of memory where the message's own modules could not be
                # loaded either (a traceback, exit 1): said in English.
                from contextlib import suppress

                with suppress(BaseException):
                    sys.stderr.write("thidua: error: out of memory: the run needed more memory "
                                     "than it may have; no file was left half-written\n")
                sys.exit(2)
            if isinstance(sys.exc_info()[1], OSError):
                # Every other failure became a message in `_main`: this one is
                # the message's own, standard error on /dev/full or a full disk
                # (with stdout there too it was a traceback nobody saw, exit 1).
                # The exit code still says the run failed.
                _silence_stdout()
                sys.exit(2)
            raise
        if _RECEIVED and not _REPORTED:  # swallowed where no alarm raised it again
            _report_interrupted(_RECEIVED[0])
    finally:
        sys.unraisablehook = _PREVIOUS[0]


def _version() -> bool:
    """Answer ``thidua --version`` before typer loads (four fifths of the time it
    takes otherwise): scripts and CI jobs ask it often. Same text as the option.
    False where there is no standard output to answer on (typer's then)."""
    if sys.stdout is None:
        return False
    from . import __version__

    try:
        sys.stdout.write(f"thidua {__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `thidua --version | true`: the reader went away
        _silence_stdout()
        sys.exit(READER_GONE)
    except OSError as e:  # stdout on a full disk or /dev/full
        from .i18n import resolve_lang, t

        lang = resolve_lang()
        why = t("report.stdout_failed", lang, reason=e.strerror or str(e))
        _silence_stdout()
        if sys.stderr is not None:
            sys.stderr.write(f"thidua: {t('report.error', lang)}: {why}\n")
        sys.exit(2)
    return True


def _main() -> None:
    """The run, once the signals are handled."""
    # pydantic looks for plugins through importlib.metadata (every installed
    # package's entry points, about 13 ms of each run) when it builds the plan
    # model; thidua uses none. A user's own setting of the variable stands.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .plugins import without_plugins

    without_plugins()  # nor does it load importlib.metadata to be ready to look
    if sys.argv[1:2] != ["lsp"]:  # the server runs for hours: it collects per document
        from .gcpause import off_until_exit

        off_until_exit()
    if not os.environ.get("THIDUA_DEBUG"):
        import warnings

        # A library's warning is no message for a user: thidua reports what
        # matters as findings or errors.
        warnings.simplefilter("ignore")
    if sys.stderr is None:
        # Started with stderr closed (`2>&-`): messages have nowhere to go, but
        # the exit code still says what happened (it was 1, from a failed write,
        # whatever the error).
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the whole run
    if sys.stdout is None:  # started with stdout closed (`thidua lint p.yaml >&-`)
        if sys.stderr is not None:
            from .i18n import resolve_lang, t

            lang = resolve_lang()
            sys.stderr.write(f"thidua: {t('report.error', lang)}: "
                             f"{t('report.stdout_closed', lang)}\n")
        sys.exit(2)
    sys.stdout, sys.stderr = _written_whole(sys.stdout), _written_whole(sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot show Vietnamese (LANG=C on an old
        # system, PYTHONIOENCODING=ascii) gets escapes, not a crash.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        os.getcwd()
    except FileNotFoundError:  # run in a folder deleted meanwhile (`rm -r` from another shell)
        from .i18n import resolve_lang, t

        lang = resolve_lang()
        sys.stderr.write(f"thidua: {t('report.error', lang)}: {t('usage.cwd_gone', lang)}\n")
        sys.exit(2)
    _sane_terminal_size()
    _sane_completion()
    from .atomic import guard_standard_output
    from .cli import State
    from .errors import ThiduaError

    # `thidua report -f json -o - 1<>plan.yaml` (or `>> plan.yaml`): standard
    # output that is a file this run reads is refused like `-o plan.yaml`.
    guard_standard_output()

    try:
        try:
            _run_deciding(sys.argv[1:])
        except SystemExit as e:
            # What was printed must reach its reader now, while a failure can
            # still be reported (stdout on a full disk, /dev/full). The language
            # server's `exit` closes stdout itself: nothing is left to flush.
            if not sys.stdout.closed:
                sys.stdout.flush()
            raise e
    except ThiduaError as e:
        from .i18n import resolve_lang, t
        from .text.control import visible

        lang = State.lang or resolve_lang()
        # Escaped like the message's own arguments: a file named with an ESC or
        # a newline reaches the terminal through neither.
        where = visible(e.location())
        text = e.message(lang, command=True)
        # Most messages name their file already; add the location only when not.
        prefix = f"{where}: " if where and visible(e.path or "") not in text else ""
        sys.stderr.write(f"thidua: {t('report.error', lang)}: {prefix}{text}\n")
        sys.exit(e.exit_code)
    except (KeyboardInterrupt, Interrupted) as e:
        import signal

        _report_interrupted(e.signum if isinstance(e, Interrupted) else signal.SIGINT)
    except BrokenPipeError:
        # The reader went away (`thidua lint | head`): not an error of ours.
        # (SIGPIPE ends such a run first; this is where it could not.)
        _silence_stdout()
        sys.exit(READER_GONE)
    except OSError as e:
        if not _is_stdout_failure(e):
            if os.environ.get("THIDUA_DEBUG"):
                raise
            _internal(e)
        from .i18n import resolve_lang, t

        lang = State.lang or resolve_lang()
        _silence_stdout()
        sys.stderr.write(f"thidua: {t('report.error', lang)}: "
                         f"{t('report.stdout_failed', lang, reason=e.strerror or str(e))}\n")
        sys.exit(2)
    except Exception as e:  # the promise: never a traceback
        if os.environ.get("THIDUA_DEBUG"):
            raise
        if _for_want_of_memory(e):
            # A memory limit (`ulimit -v`, RLIMIT_AS) reached: `internal error:
            # MemoryError`, "please report", where nothing is wrong but the room.
            _out_of_memory()
        _internal(e)


def _written_whole(stream: Any) -> Any:
    """``stream`` (standard output or error) over a writer that writes all it is given.

    Unbuffered (``PYTHONUNBUFFERED=1``, as many container images and CI jobs
    set, or ``python -u``), Python's text layer writes to the descriptor's
    ``FileIO`` and takes no notice of its count: a write to a pipe that a
    signal cut part way (the process stopped and continued, SIGSTOP/SIGTSTP
    and SIGCONT; a debugger attaching) lost the rest, and `render -o - |
    less` gave the first 64 KiB of the document, exit 0. (Buffered, Python
    writes the rest itself.) Only for descriptors 1 and 2 as Python made them.

    Buffered too, the writer is put under Python's buffer: a descriptor
    inherited non-blocking (``O_NONBLOCK`` on an open file shared with the
    parent: Node.js's `child_process`, some CI runners and editors set it on
    their pipes) made a reader slower than thidua end the run with `internal
    error: BlockingIOError: Resource temporarily unavailable` after 64 KiB,
    the rest of the document lost. The writer waits until the pipe takes more.
    """
    import io

    if type(stream) is not io.TextIOWrapper or stream not in (sys.__stdout__, sys.__stderr__):
        # Not Python's own: the /dev/null put in place of a closed stderr has
        # descriptor 2 too, and a wrapper of its descriptor let the file be
        # dropped, closing 2 under the wrapper (exit 120 at the final flush).
        return stream
    buffer = stream.buffer
    raw = buffer if type(buffer) is io.FileIO else getattr(buffer, "raw", None) \
        if type(buffer) is io.BufferedWriter else None
    if type(raw) is not io.FileIO or raw.fileno() not in (1, 2):
        return stream
    stream.flush()
    whole = _whole(raw)
    newline = "\n" if os.name == "posix" else None
    if buffer is raw:
        return io.TextIOWrapper(whole, encoding=stream.encoding, errors=stream.errors,
                                newline=newline, line_buffering=stream.line_buffering,
                                write_through=True)
    return io.TextIOWrapper(io.BufferedWriter(whole), encoding=stream.encoding,
                            errors=stream.errors, newline=newline,
                            line_buffering=stream.line_buffering)


def _whole_writer() -> type:
    import io

    class WholeWriter(io.RawIOBase):
        """A descriptor's writer that writes everything, however the system cuts it."""

        def __init__(self, raw: io.FileIO) -> None:
            super().__init__()
            self._raw = raw  # kept: the descriptor stays open, as Python made it
            self._fd = raw.fileno()

        def writable(self) -> bool:
            return True

        def fileno(self) -> int:
            return self._fd

        def isatty(self) -> bool:
            return self._raw.isatty()

        def write(self, data: Any) -> int:
            view = memoryview(data).cast("B")
            done = 0
            while done < len(view):
                try:
                    done += os.write(self._fd, view[done:])
                except BlockingIOError:  # inherited non-blocking: wait, as a write would
                    self._wait()
            return done

        def _wait(self) -> None:
            import select

            poll = select.poll()
            poll.register(self._fd, select.POLLOUT)
            poll.poll()  # until it takes more, or its reader is gone (the write then says)

    return WholeWriter


def _whole(raw: Any) -> Any:
    if not _WHOLE:
        _WHOLE.append(_whole_writer())
    return _WHOLE[0](raw)


#: The class of ``_whole``'s writer once made (io is not imported for --version).
_WHOLE: list[type] = []


def _run_deciding(args: list[str]) -> None:
    """``_run``, and a signal received decides its outcome before any message is printed.

    Whatever the program made of the signal's exception: a library's cleanup
    that failed on the way out (``ZipFile.__exit__``'s "Can't close the ZIP
    file while there is an open writing handle" replaced it: an internal
    error, exit 2), a message, or nothing (swallowed in a finalizer).
    """
    try:
        _run(args)
    except BaseException:
        if _RECEIVED:
            _report_interrupted(_RECEIVED[0])
        raise
    if _RECEIVED:
        _report_interrupted(_RECEIVED[0])


def _run(args: list[str]) -> None:
    """``thidua ARGS``: a plain lint without typer, anything else through the typer app."""
    from .api import for_the_command_line
    from .cli.fast import run

    for_the_command_line()

    if args[:1] == ["diff"]:
        from .diff.driver import as_files

        args = as_files(args)
        sys.argv[1:] = args
    code = run(args)
    if code is not None:
        sys.exit(code)
    from .cli import app_for

    app_for(args)()


def _for_want_of_memory(e: BaseException | None) -> bool:
    """Whether ``e`` is the system refusing memory: a ``MemoryError``, or a C
    module that could not be loaded for it (``failed to map segment from
    shared object``, lxml's under ``ulimit -v``)."""
    if isinstance(e, MemoryError):
        return True
    words = str(e)
    if isinstance(e, ImportError):
        return "failed to map segment" in words or "Cannot allocate memory" in words
    # A C extension (libyaml's) whose allocation failed returns NULL without an
    # exception, which Python reports as this SystemError: out of memory when
    # the process came to its limit of address space.
    return isinstance(e, SystemError) and "without" in words and _near_memory_limit()


def _near_memory_limit() -> bool:
    """Whether the process's largest size (``VmPeak``) came within a tenth of its
    address-space limit (``ulimit -v``); False where there is none or no /proc."""
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        if limit == resource.RLIM_INFINITY or limit <= 0:
            return False
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmPeak:"):
                    return int(line.split()[1]) * 1024 > limit * 0.9
    except (ImportError, OSError, ValueError, IndexError):
        return False
    return False


def _out_of_memory() -> None:
    from .cli import State
    from .i18n import resolve_lang, t

    lang = State.lang or resolve_lang()
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    except (ImportError, OSError, ValueError):
        limit = -1
    if limit > 0 and limit != getattr(resource, "RLIM_INFINITY", -1):
        text = t("report.out_of_memory_limited", lang, mib=limit // (1024 * 1024))
    else:
        text = t("report.out_of_memory", lang)
    sys.stderr.write(f"thidua: {t('report.error', lang)}: {text}\n")
    sys.exit(2)


def _internal(e: BaseException) -> None:
    from .text.control import visible

    # Escaped like every message: an exception's words may quote plan text
    # (openpyxl's IllegalCharacterError quoted a title holding ESC ] 0 ;).
    sys.stderr.write(
        f"thidua: internal error: {type(e).__name__}: {visible(str(e))}\n"
        "Please report this with the input that caused it "
        "(set THIDUA_DEBUG=1 for the traceback).\n")
    sys.exit(2)


#: The widest and tallest terminal believed from ``COLUMNS`` and ``LINES``.
TERMINAL_MOST = 1000


def _sane_terminal_size() -> None:
    """``COLUMNS``/``LINES`` past ``TERMINAL_MOST`` taken as that many.

    rich (typer's help, ``rules``) pads every line to ``COLUMNS``:
    ``COLUMNS=999999999 thidua --help`` ran until it was killed, and 22 digits
    were ``internal error: OverflowError``. A value that is no whole number, or
    is 0 or less, is left alone: rich and ``shutil`` ignore it and ask the
    terminal (or take 80).
    """
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name, "").strip()
        # (the length first: ``int`` refuses more than 4,300 digits)
        if value.isascii() and value.isdigit() and (len(value) > 9 or int(value) > TERMINAL_MOST):
            os.environ[name] = str(TERMINAL_MOST)


def _sane_completion() -> None:
    """bash's completion words given as bash gives them, or a message and exit 2.

    Under ``_THIDUA_COMPLETE=complete_bash`` typer reads ``COMP_WORDS`` and
    ``int(COMP_CWORD)``: one missing, or a ``COMP_CWORD`` that is no whole
    number (``abc``, empty), was ``internal error: KeyError: 'COMP_WORDS'`` or
    ``ValueError``. Only bash's completion function sets them, so either is
    a variable left set by hand.
    """
    for variable, mode in os.environ.items():
        if not (variable.startswith("_") and variable.endswith("_COMPLETE")
                and mode.startswith("complete_bash")):
            continue
        digits = os.environ.get("COMP_CWORD", "").lstrip("-")
        if "COMP_WORDS" in os.environ and digits.isascii() and digits.isdigit():
            continue
        from .i18n import resolve_lang, t
        from .text.control import visible

        lang = resolve_lang()
        words, cword = os.environ.get("COMP_WORDS"), os.environ.get("COMP_CWORD")
        shown = {name: t("usage.not_set", lang) if value is None else repr(visible(value[:40]))
                 for name, value in (("words", words), ("cword", cword))}
        sys.stderr.write(f"thidua: {t('report.error', lang)}: "
                         f"{t('usage.completion_env', lang, variable=variable, **shown)}\n")
        sys.exit(2)


def _is_stdout_failure(e: OSError) -> bool:
    """Whether ``e`` is standard output failing (a full disk, /dev/full, a lost device).

    Every file thidua opens itself reports its errors as an ``OutputError`` or
    ``InputError``; what still reaches here with one of these is stdout's.
    """
    import errno

    return e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the exit's own flush cannot fail again."""
    from contextlib import suppress

    with suppress(OSError, ValueError, AttributeError):  # AttributeError: stdout closed
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    main()
