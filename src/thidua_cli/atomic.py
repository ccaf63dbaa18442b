"""Writing output files so that a reader never sees half of one.

The bytes go to a temporary file in the target's own folder (same file
system, so the rename is atomic), are flushed to disk, and replace the target
in one ``os.replace``. An interrupted run leaves the old file or the new one,
never a mix; the temporary file is removed on any failure, a signal included
(``__main__`` turns SIGINT, SIGTERM and SIGHUP into an exception). Two
processes writing the same path each write their own temporary file: the last
rename wins, whole.

The rules every writer inherits, because they live here and not in commands:

- **Inputs are never outputs.** Every file a run names or reads is noted
  (``note_input``) by device and inode; writing one of them is refused,
  whatever path, link or ``..`` leads to it.
- **What is not a regular file is not replaced.** A character device or a
  FIFO (``-o /dev/null``, a pipe made with ``mkfifo``) is opened and written,
  as a shell's ``>`` would; a socket, a folder or a block device (a disk) is
  refused.
- **A replaced file stays itself**: its permissions, and its owner and group
  as far as the process may set them (root keeps another user's file theirs).
  A read-only file is not replaced.
- **A dangling symbolic link is refused**, not written through: its target,
  wherever it points, is a file nobody named (as GNU ``cp`` refuses).
- **A file with several hard links is refused**: a rename would give the
  path a new file and leave the other names on the old one, splitting them
  silently; writing in place could leave it half-written.
- **A new file is made as any other**: the kernel gives it the umask's mode
  or the folder's default access control list, as for ``>`` or ``touch``.
- **A mount point is refused** (a file bind-mounted over the name): no rename
  may replace it, and writing it in place could leave it half-written.
- **A FIFO nobody reads is not waited on for ever**: ``FIFO_WAIT`` seconds
  for a reader to come, then a message.
- **A set of files is replaced whole** (``written_together``: a sheet or a
  letter for each member, the plans of one ``lint --fix``): all are written
  before any takes its name.
- **The kernel's files are no documents**: a name on ``/proc``, ``/sys`` and
  their kind is refused; so is a file or folder marked immutable or
  append-only (``chattr``), and another user's file in a sticky folder.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import OutputError

# (device, inode) of every file this run named or read.
_INPUTS: set[tuple[int, int]] = set()
# Signals held off between creating the temporary file and the block that
# removes it again (``__main__`` makes them exceptions). SIGALRM too: it raises
# again a signal's exception that a finalizer swallowed (``__main__._lost``), and
# raised between the two, it left ``.NAME.….tmp`` behind (``scores sheets``).
_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM}
# (device, inode) of the command line's standard output when it is a regular
# file (``guard_standard_output``); None for a library call, a pipe, a terminal.
_STDOUT: tuple[int, int] | None = None
#: Seconds a FIFO given as the output may take to get a reader (``cat FIFO``
#: started after thidua): opening one for writing waits until it has one. A
#: FIFO given as an input (a plan, a configuration) gets as long for a writer
#: (``source.open_input``).
FIFO_WAIT = 10.0
#: The descriptors of the devices and FIFOs being written in place: a SIGPIPE
#: whose pipe is one of them is the output's reader gone away (``__main__``).
WRITING: set[int] = set()
#: The extended attribute holding a file's access control list.
_ACL = "system.posix_acl_access"


def note_input(path: str | os.PathLike[str] | int) -> os.stat_result | None:
    """Remember ``path`` (through links; an ``int``: an open descriptor) as an
    input: no writer may replace it. Its status, for a caller that needs it
    too (None when it has none: the caller's own look says why)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    key = (st.st_dev, st.st_ino)
    _INPUTS.add(key)
    if key == _STDOUT:
        # Refused when the input is first read, before anything is printed:
        # `report -f json -o - 1<>plan.yaml` (or `>> plan.yaml`) wrote the
        # report over the plan, exit 0.
        raise OutputError("output.stdout_is_input",
                          path="-" if isinstance(path, int) else os.fspath(path))
    return st


def guard_standard_output() -> None:
    """Make standard output an output of the run like ``-o FILE``: when it is a
    regular file, noting that file as an input is refused (the command line's
    start calls this; a library call prints nothing and is not guarded)."""
    global _STDOUT
    try:
        st = os.fstat(1)
    except OSError:
        return
    if stat.S_ISREG(st.st_mode):
        _STDOUT = (st.st_dev, st.st_ino)


def forget_inputs() -> None:
    """Start a new run (a call of the library): the inputs noted so far are not its own."""
    _INPUTS.clear()


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (through links and ``..`` alike)."""
    try:
        if os.path.samefile(a, b):
            return True
    except (OSError, ValueError):  # one of them does not exist (yet)
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def is_input(path: Path) -> bool:
    """Whether ``path`` is a file this run named or read."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino) in _INPUTS


def check_not_empty(name: str) -> None:
    """Refuse an output named by an empty word (``-o "$OUT"`` with ``OUT`` unset):
    ``Path("")`` is the current folder, where ``scores sheets`` wrote its
    workbooks, and every other writer said ``. is a folder``, a name never given."""
    if name == "":
        from .errors import UsageError

        raise UsageError("output.empty_name")


def check_file_name(name: str | os.PathLike[str]) -> None:
    """Refuse a name ending in ``/`` for an output that is one file, unless it is a folder.

    ``Path`` drops the slash: ``-o out/`` wrote a file named ``out``, a file
    nobody named where a folder was meant (``cp`` says "Not a directory").
    An existing folder is refused by the writer as a folder.
    """
    named = os.fspath(name)
    check_not_empty(named)
    if named.endswith(("/", os.sep)) and not os.path.isdir(named):
        raise OutputError("output.names_folder", path=named)
    if names_folder_by_dots(named) and not os.path.isdir(named):
        # `-o out/.` wrote a file named `out` (Path drops the `.` as it drops `/`).
        raise OutputError("output.names_folder_dots", path=named)


#: The suffixes of a plan's name: no document or report is written under one.
PLAN_SUFFIXES = (".yaml", ".yml")


def check_not_a_plans_name(name: str | os.PathLike[str]) -> None:
    """Refuse a document or report named as a plan is (``.yaml``, ``.yml``):
    ``report p.yaml -o plan-2023.yaml`` (a slip of the completion) replaced
    another plan with a DOCX, ``render -f md`` and ``lint -o`` with their text.
    ``scores table`` refused such a name already."""
    suffix = os.path.splitext(os.fspath(name))[1]
    if suffix.lower() in PLAN_SUFFIXES:
        raise OutputError("output.plan_suffix", path=os.fspath(name), suffix=suffix)


def names_folder_by_dots(name: str) -> bool:
    """Whether ``name`` ends in ``.`` or ``..`` (``out/.``, ``a/..``), a name only a
    folder can have, whether it exists or not."""
    last = name.replace(os.sep, "/").rsplit("/", 1)[-1]
    return last in (".", "..")


def write_atomic(path: str | os.PathLike[str], data: bytes, *, protect: Iterable[Path] = (),
                 rewrite: bool = False, unchanged: tuple[bytes, str] | None = None,
                 exclusive: str | None = None,
                 _ready: list[_Ready] | None = None,
                 _folders: dict[str, int | None] | None = None) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace an input or any of ``protect``.

    ``rewrite``: ``path`` is the input being corrected (``lint --fix``), the
    one input a run may write. ``unchanged``: the bytes ``path`` must still
    hold when the new file takes its name, and the message when it does not
    (another program saved it meanwhile: its change is not thrown away).
    ``exclusive``: ``path`` must not exist when the new file takes its name
    (``new`` and ``import`` without ``--force``), the message's key if it does.
    ``_ready``: a ``Together``'s list, where the written temporary file waits
    for its rename; ``_folders``: its folders held open, by name.
    """
    check_file_name(path)  # on the name as given: Path drops a final `/`
    path = Path(path)
    st = _checked(path, protect, rewrite=rewrite)
    if exclusive is not None and os.path.lexists(path):  # there since the command looked
        from .errors import UsageError

        raise UsageError(exclusive, path=str(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_in_place(path, path, st, data)
        return
    # Writing through a symbolic link keeps the link and replaces its target.
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    folder = target.parent
    if not folder.is_dir():
        raise OutputError("output.no_dir", path=str(path), folder=str(folder))
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    # The folder, held open: the temporary file is made, renamed and removed
    # in it, whatever its name leads to meanwhile. By name, a folder moved
    # away (and a link to another put in its place) while the file was being
    # written made the rename fail and left the temporary file behind.
    if _folders is None:
        where = _open_folder(folder)
    elif str(folder) in _folders:  # the set's own, closed when it is written or given up
        where = _folders[str(folder)]
    else:
        # A set spread over many folders (`lint --fix` of a tree) holds a few
        # open, not one each: 40 plans in 40 folders under `ulimit -n 20` left
        # no descriptor for the temporary files ("Too many open files").
        held_open = sum(fd is not None for fd in _folders.values())
        where = _folders.setdefault(
            str(folder), _open_folder(folder) if held_open < _most_held() else None)
    try:
        _check_folder_flags(path, folder, where)
    except OutputError:
        if _folders is None:
            _close(where)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    try:
        # A new file is created 0666 and left so: the kernel applies the umask,
        # or the folder's default access control list, as for any new file
        # (a chmod to 0666 & ~umask overrode the list's mask, and a user the
        # folder's list lets write could not). A replacement starts 0600, and
        # gets the old file's mode, owner and list before it takes its name.
        fd, temp = _create_temp(folder, target.name, 0o666 if st is None else 0o600, where)
    except OSError as e:
        if _folders is None:
            _close(where)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        if isinstance(e, PermissionError):
            raise OutputError("output.folder_permission", path=str(path),
                              folder=str(folder)) from e
        raise _error(path, e) from e
    try:
        # A signal that came while they were held is raised here, inside the
        # block that removes the temporary file.
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if st is not None:
                # On the descriptor where the system can (not on Windows).
                made: int | str = fd if os.chmod in os.supports_fd else temp
                _keep_owner(made, st)
                _drop_inherited_acl(target, fd)
                os.chmod(made, stat.S_IMODE(st.st_mode))
                _keep_attributes(target, fd)
            os.fsync(fd)
        if unchanged is not None:
            _check_unchanged(path, target, *unchanged)
        if _ready is not None:
            _ready.append((temp, target, path, where, unchanged))
        elif exclusive is not None:
            _link_new(temp, target, where, path, exclusive)
        else:
            _rename(temp, target, where, path)
    except BaseException as e:
        _remove(temp, where)
        if isinstance(e, OSError):
            if e.errno == errno.EBUSY:  # a mount point _checked did not see
                raise OutputError("output.mount_point", path=str(path)) from e
            if _folder_removed(e, where):
                raise OutputError("output.folder_removed", path=str(path),
                                  folder=str(folder)) from e
            raise _error(path, e) from e
        raise
    finally:
        if _folders is None:
            _close(where)


def _rename(temp: str, target: Path, where: int | None, path: Path | None = None, *,
            check: bool = True) -> None:
    """The temporary file takes its name, in the folder held open (``where``)
    when the folder's name no longer leads to it. ``check``: look at what is at
    the name first (a set looks at all its names before the first rename)."""
    if check:
        _check_still_a_file(target, where, path or target)
    if where is None or _still_named(target.parent, where):
        os.replace(temp, target)
    else:  # rename(2), which replaces (Python's os.replace takes no dir_fd)
        os.rename(os.path.basename(temp), target.name, src_dir_fd=where, dst_dir_fd=where)


def _link_new(temp: str, target: Path, where: int | None, path: Path, exists: str) -> None:
    """The temporary file takes the name ``target``, which must not exist: a
    hard link, which fails when it does, then the temporary name removed.

    ``new`` and ``import`` without ``--force`` looked for the name before the
    work and renamed over whatever was there by the end: a plan saved at that
    name meanwhile (an editor, another ``new``, a ``git checkout``) was
    replaced without a word. Where the file system has no hard links (FAT,
    some network and FUSE ones) the name is looked for once more, and the
    moment left is the rename's own.
    """
    from .errors import UsageError

    here = where is not None and _still_named(target.parent, where)
    try:
        if where is not None and not here:  # the folder moved: its own descriptor
            os.link(os.path.basename(temp), target.name, src_dir_fd=where, dst_dir_fd=where,
                    follow_symlinks=False)
        else:
            os.link(temp, target, follow_symlinks=False)
    except FileExistsError:
        raise UsageError(exists, path=str(path)) from None
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK,
                           errno.ENOSYS):
            raise
        if os.path.lexists(target):
            raise UsageError(exists, path=str(path)) from None
        _rename(temp, target, where, path)
        return
    _remove(temp, where)


def _check_still_a_file(target: Path, where: int | None, path: Path) -> None:
    """Refuse the rename when what is at ``target`` now is no regular file (nor a
    link): it was checked before the work, but a FIFO, a device or a folder
    put at the name while the file was written (``mkfifo out.md`` meanwhile)
    was replaced by the new file, or made the rename fail after the first
    files of a set took their names. The moment left is the rename's own."""
    try:
        if where is not None and _still_named(target.parent, where):
            st = os.stat(target.name, dir_fd=where, follow_symlinks=False)
        else:
            st = os.lstat(target)
    except (OSError, ValueError):
        return  # nothing there (a new name), or the rename says what is wrong
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise OutputError("output.changed_kind", path=str(path))


def _remove(temp: str, where: int | None) -> None:
    with contextlib.suppress(OSError):
        if where is None or _still_named(Path(temp).parent, where):
            os.unlink(temp)
        else:
            os.unlink(os.path.basename(temp), dir_fd=where)


def _folder_removed(e: OSError, where: int | None) -> bool:
    """Whether ``e`` is the rename's failure in a folder removed meanwhile
    (``rm -r out`` while ``out/r.md`` was written): the system says only "No
    such file or directory", of a folder that existed when the run began."""
    if e.errno != errno.ENOENT or where is None:
        return False
    try:
        return os.fstat(where).st_nlink == 0
    except OSError:
        return False


def _still_named(folder: Path, where: int) -> bool:
    """Whether ``folder``'s name still leads to the folder open as ``where``."""
    try:
        named, held = os.stat(folder), os.fstat(where)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _most_held() -> int:
    """How many folders a set may hold open: a quarter of the descriptors the
    process may have, at most 64, at least one."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (ImportError, OSError, ValueError):
        return 64
    if soft == resource.RLIM_INFINITY:
        return 64
    return max(1, min(64, soft // 4))


def _open_folder(folder: Path) -> int | None:
    """``folder`` opened to work in (``dir_fd``), or None where the system has
    no such calls (Windows) or it cannot be opened (creating the file says why)."""
    if os.name != "posix" or not {os.open, os.rename, os.unlink} <= os.supports_dir_fd:
        return None
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
                       | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None


def _close(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def _check_unchanged(path: Path, target: Path, expected: bytes, key: str) -> None:
    """Refuse the rename when ``target`` no longer holds ``expected``.

    The file was compared when it was read again before the write, but the
    temporary file's writing and its fsync came after: a save by an editor
    or another run in that time was replaced without a word. Compared once
    more just before the rename, the moment left is the rename's own.
    """
    try:
        with open(target, "rb") as file:
            now = file.read(len(expected) + 1)
    except OSError:
        now = None
    if now != expected:
        raise OutputError(key, path=str(path))


@contextlib.contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder (in TMPDIR) for the block, removed on every way out.

    A signal while it is made (held off, as for the writer's temporary file)
    or while it is removed does not leave it behind: the exception a signal
    raises in the middle of the removal cut ``TemporaryDirectory``'s short,
    and a PDF's LibreOffice profile stayed in TMPDIR (``thidua-pdf-…``, 45
    files). The removal is finished after such an exception (a second signal
    does not interrupt: ``__main__`` lets only the first one through).
    """
    import shutil
    import tempfile

    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        made = tempfile.mkdtemp(prefix=prefix)
        # Private and usable whatever the umask: mkdtemp's 0700 is cut by it,
        # and under `umask 0277` as another user than root the folder was 0500
        # (`render -f pdf` an internal error, PermissionError writing the
        # DOCX into it); under 0777 it was 000, and stayed in TMPDIR (its
        # removal could not look inside).
        with contextlib.suppress(OSError):
            os.chmod(made, 0o700)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    try:
        yield Path(made)
    finally:
        try:
            shutil.rmtree(made, ignore_errors=True)
        finally:
            if os.path.lexists(made):  # cut short by a signal's exception
                shutil.rmtree(made, ignore_errors=True)

def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to the new file ``path`` in a ``temporary_folder``, readable
    and writable by its owner whatever the umask (LibreOffice reads it: made
    000 under ``umask 0777``, it could not)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as stream:
        if hasattr(os, "fchmod"):
            os.fchmod(stream.fileno(), 0o600)
        stream.write(data)


@contextlib.contextmanager
def owner_usable_umask() -> Iterator[None]:
    """The umask, for the block, without the bits that take the owner's own
    rights: a library that makes a temporary file and opens it again by name
    (openpyxl's sheets) needs to write what it made. Under ``umask 0277`` the
    file was 0400 and ``scores sheets`` said "Permission denied" with advice
    about free space. The rest of the umask is kept; the block runs in the
    main thread and makes no file of the user's."""
    old = os.umask(0o077)
    os.umask(old & 0o077)
    try:
        yield
    finally:
        os.umask(old)


#: A file of a set written and waiting for its name: its temporary file, the
#: target, the name given, its folder held open, and what it must still hold.
_Ready = tuple[str, Path, Path, int | None, tuple[bytes, str] | None]


class Together:
    """Outputs that make one set (a member's sheet each, a letter each, the plans
    of one ``lint --fix``): every one is written to its temporary file as it
    comes, and all take their names when the last is written
    (``written_together``). A full disk at the third of five left two new
    sheets and three old ones; now it leaves the old set."""

    def __init__(self) -> None:
        self._ready: list[_Ready] = []
        self._folders: dict[str, int | None] = {}

    def write(self, path: str | os.PathLike[str], data: bytes, *,
              protect: Iterable[Path] = (), rewrite: bool = False,
              unchanged: tuple[bytes, str] | None = None) -> None:
        write_atomic(path, data, protect=protect, rewrite=rewrite, unchanged=unchanged,
                     _ready=self._ready, _folders=self._folders)

    def _commit(self) -> None:
        # Every file that must still hold what it held is compared again before
        # the first takes its name: the plans of `lint --fix a b` are one set,
        # and a save of `a` while `b` was written is not thrown away.
        for _, target, path, where, unchanged in self._ready:
            if unchanged is not None:
                _check_unchanged(path, target, *unchanged)
            _check_still_a_file(target, where, path)
        while self._ready:
            temp, target, path, where, _ = self._ready[0]
            try:
                _rename(temp, target, where, path, check=False)
            except OSError as e:
                if e.errno == errno.EBUSY:
                    raise OutputError("output.mount_point", path=str(path)) from e
                if _folder_removed(e, where):
                    raise OutputError("output.folder_removed", path=str(path),
                                      folder=str(target.parent)) from e
                raise _error(path, e) from e
            self._ready.pop(0)

    def _discard(self) -> None:
        for temp, _, _, where, _ in self._ready:
            _remove(temp, where)
        self._ready.clear()
        for where in self._folders.values():
            _close(where)
        self._folders.clear()


@contextlib.contextmanager
def written_together() -> Iterator[Together]:
    """A ``Together`` for the block: its files take their names at the block's
    end, or none does (the temporary files removed) when the block fails."""
    together = Together()
    try:
        yield together
        # The renames with the signals held off: a SIGTERM between two of them
        # left the first sheet new and the others old (exit 143, "no file left
        # half-written", a set that no longer agreed). Raised once all are named.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
        try:
            together._commit()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    finally:
        together._discard()  # what a failure left (none after a whole commit)


def _create_temp(folder: Path, name: str, mode: int, where: int | None = None
                 ) -> tuple[int, str]:
    """Create a temporary file in ``folder`` named after ``name``, with ``mode``
    as ``open`` gives it (umask, default access control list); its descriptor
    and path. Never in ``TMPDIR``: the rename must stay on one file system.
    ``where``: the folder open, made in it (its path is then for messages)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    prefix = f".{_cut(name)}."
    for _ in range(100):
        temp = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}.tmp")
        try:
            if where is not None:
                return os.open(os.path.basename(temp), flags, mode, dir_fd=where), temp
            return os.open(temp, flags, mode), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _checked(path: Path, protect: Iterable[Path], *, rewrite: bool = False,
             strict: bool = True) -> os.stat_result | None:
    """Refuse what no writer may write at ``path`` (an input or one of
    ``protect``, a dangling link, a folder, a socket, a regular file read-only
    or with several hard links); its ``stat`` (``None``: it does not exist).

    ``strict=False``: a name that cannot be looked at (too long, a link loop)
    passes, for making the folder or the write to say what is wrong.
    """
    check_file_name(path)
    if (not rewrite and is_input(path)) or any(same_file(path, kept) for kept in protect):
        raise OutputError("output.is_input", path=str(path))
    try:
        # The path itself, through every link: /proc's (`/dev/stdout` is
        # /proc/self/fd/1, a link to `pipe:[…]`) lead to no name realpath can
        # spell, but open() follows them. Through realpath, `-o /dev/stdout |
        # less` was refused as a link to a file that does not exist.
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            # A link to nothing: writing through it would create its target,
            # wherever it points (``/etc/...``, another user's folder), which
            # nobody named. GNU cp refuses the same ("not writing through
            # dangling symlink").
            raise OutputError("output.dangling_link", path=str(path),
                              target=os.readlink(path)) from None
        _check_not_kernel(path)
        return None
    except OSError as e:
        if strict:
            raise _error(path, e) from e
        return None
    except ValueError:  # a NUL in the name: only a library caller can give one
        if strict:
            raise
        return None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError("output.is_dir", path=str(path))
    if stat.S_ISSOCK(st.st_mode):
        raise OutputError("output.not_a_file", path=str(path))
    if stat.S_ISBLK(st.st_mode):
        # A disk, or one of its partitions: written in place, the document went
        # over its first blocks (`-o /dev/sdb`, a slip for `sdb.md`).
        raise OutputError("output.block_device", path=str(path))
    if stat.S_ISREG(st.st_mode):
        _check_not_kernel(path)
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        _check_replaceable(path, target, st)
    return st


def _check_replaceable(path: Path, target: Path, st: os.stat_result) -> None:
    if target != path and not _leads_to(target, st):
        # `-o /proc/self/fd/3` (or `/dev/fd/3`) of a file deleted while held
        # open: the link reads `out.md (deleted)`, and a file of that name, one
        # nobody named, was replaced; with none there the run said "the file
        # is read-only". A memfd's link reads `/memfd:x (deleted)`.
        raise OutputError("output.unnamed", path=str(path))
    # chattr's flags first: an immutable file was "read-only" (its mode 0644),
    # and an append-only one "permission denied" at the rename, as root too.
    flags = _flags_of(target)
    if flags & (_IMMUTABLE | _APPEND_ONLY):
        raise OutputError("output.immutable" if flags & _IMMUTABLE else "output.append_only",
                          path=str(path))
    # The rename would replace a read-only file as easily as any other (the
    # folder's permissions decide): respect the file's own, as cp does.
    if not os.access(target, os.W_OK):
        if _read_only_file_system(target):
            raise OutputError("output.read_only_fs", path=str(path))
        raise OutputError("output.read_only", path=str(path))
    if _sticky_and_not_ours(target, st):
        raise OutputError("output.sticky", path=str(path), folder=str(target.parent))
    if st.st_nlink > 1:
        raise OutputError("output.hard_links", path=str(path), links=st.st_nlink)
    if _is_mount_point(target):
        raise OutputError("output.mount_point", path=str(path))


def _leads_to(target: Path, st: os.stat_result) -> bool:
    """Whether the name ``target`` leads to the file whose status is ``st``."""
    try:
        named = os.stat(target)
    except (OSError, ValueError):
        return False
    return (named.st_dev, named.st_ino) == (st.st_dev, st.st_ino)


#: ``FS_IOC_GETFLAGS`` (Linux, ``lsattr``) and the flags of ``chattr +i`` and ``+a``.
_GET_FLAGS = 0x80086601
_IMMUTABLE = 0x10
_APPEND_ONLY = 0x20


def _flags_of(path: Path | int) -> int:
    """The file's (or open folder's) ``chattr`` flags; 0 where they cannot be read
    (not Linux, a file system without them, a file the process may not open)."""
    if not sys.platform.startswith("linux"):
        return 0
    import fcntl

    buffer = bytearray(8)
    try:
        if isinstance(path, int):
            fcntl.ioctl(path, _GET_FLAGS, buffer)
        else:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            try:
                fcntl.ioctl(fd, _GET_FLAGS, buffer)
            finally:
                os.close(fd)
    except (OSError, ValueError):
        return 0
    return int.from_bytes(buffer[:4], sys.byteorder)


def _check_folder_flags(path: Path, folder: Path, where: int | None) -> None:
    """Refuse, before the temporary file exists, a folder marked append-only or
    immutable (``chattr +a``/``+i``): in an append-only one the temporary file
    was made, could neither take its name nor be removed, and stayed
    (``.o.md.….tmp``, a file nobody asked for), under "permission denied"."""
    flags = _flags_of(where) if where is not None else _flags_of(folder)
    if flags & (_IMMUTABLE | _APPEND_ONLY):
        raise OutputError("output.folder_immutable" if flags & _IMMUTABLE
                          else "output.folder_append_only", path=str(path), folder=str(folder))


#: File systems of the kernel's own, whose files are its settings and reports
#: (``/proc``, ``/sys``, cgroups...): no document goes there.
_KERNEL_FS = frozenset({b"proc", b"sysfs", b"cgroup", b"cgroup2", b"debugfs", b"tracefs",
                        b"securityfs", b"configfs", b"bpf", b"pstore", b"efivarfs",
                        b"fusectl", b"binfmt_misc", b"selinuxfs", b"nsfs"})


def _check_not_kernel(path: Path) -> None:
    """Refuse a regular file, or a new name, on ``/proc``, ``/sys`` or another
    file system of the kernel's: ``-o /proc/self/status`` said "No such file or
    directory" (the temporary file cannot be made there), ``-o /sys/...`` "no
    permission to create files", true and misleading both; as root ``-o
    /proc/sys/kernel/hostname`` is a setting of the machine."""
    try:
        device = os.stat(path).st_dev
    except OSError:
        try:  # a new name: its folder's
            device = os.stat(os.path.dirname(os.path.abspath(path))).st_dev
        except OSError:
            return  # writing it says what is wrong
    mount = _kernel_mounts().get(device)
    if mount is not None:
        raise OutputError("output.kernel_file", path=str(path), fs=mount[1], mount=mount[0])


@functools.cache
def _kernel_mounts() -> dict[int, tuple[str, str]]:
    """The devices of the kernel's file systems mounted (Linux's mount table, read
    once a run): their mount point and type, by ``st_dev``."""
    try:
        with open("/proc/self/mountinfo", "rb") as table:
            lines = table.read().splitlines()
    except OSError:
        return {}
    found: dict[int, tuple[str, str]] = {}
    for line in lines:
        fields = line.split(b" ")
        if b"-" not in fields[6:] or len(fields) < 5:
            continue
        after = fields.index(b"-", 6) + 1
        kind = fields[after] if after < len(fields) else b""
        major, _, minor = fields[2].partition(b":")
        if kind in _KERNEL_FS and major.isdigit() and minor.isdigit():
            found.setdefault(os.makedev(int(major), int(minor)),
                             (os.fsdecode(_unescape(fields[4])), os.fsdecode(kind)))
    return found


def _sticky_and_not_ours(target: Path, st: os.stat_result) -> bool:
    """Whether ``target`` is another user's file in a sticky folder (``/tmp``,
    mode 1777), which only its owner, the folder's or root may replace: the
    rename failed after the work with "permission denied", of a file mode 0666."""
    if not hasattr(os, "geteuid") or os.geteuid() in (0, st.st_uid):
        return False
    try:
        held = os.stat(target.parent)
    except OSError:
        return False
    return bool(held.st_mode & stat.S_ISVTX) and held.st_uid != os.geteuid()


def _read_only_file_system(path: Path) -> bool:
    """Whether ``path`` lies on a file system mounted read-only (``os.access``
    says so as it says a file is read-only: the message must tell which)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _is_mount_point(path: Path) -> bool:
    """Whether a file system is mounted on the file ``path`` (``mount --bind
    a.md b.md``): a rename over it fails (EBUSY), after the work is done, and
    for a run writing several files after the first ones are written.

    A file bind-mounted from the same file system has its folder's device, so
    ``os.path.ismount`` cannot tell: the mount table is read (Linux).
    """
    try:
        with open("/proc/self/mountinfo", "rb") as table:
            lines = table.read().splitlines()
    except OSError:
        return False
    where = os.fsencode(os.path.realpath(path))
    for line in lines:
        fields = line.split(b" ")
        if len(fields) > 4 and _unescape(fields[4]) == where:
            return True
    return False


def _unescape(field: bytes) -> bytes:
    """A mount table's path: space, tab, line break and backslash are written ``\\ooo``."""
    import re

    return re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m[1], 8)]), field)


def check_replaceable(path: str | os.PathLike[str]) -> None:
    """Refuse now what ``write_atomic`` would refuse of an existing regular file
    (read-only, several hard links), for a run that rewrites several files and
    must refuse before it writes the first (``lint --fix``)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return  # writing it says what is wrong
    if stat.S_ISREG(st.st_mode):
        path = Path(path)
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        _check_replaceable(path, target, st)


def check_writable(path: str | os.PathLike[str], *, protect: Iterable[Path] = (),
                   folder: bool = False) -> None:
    """Refuse now, before the work, what ``write_atomic`` would refuse to write at
    ``path`` (``import -o``, ``new``): a link loop, a folder, an input, a mount
    point. A link loop at ``-o`` stopped ``import`` with an internal error
    (``RuntimeError`` from ``Path.resolve``) before the writer could say so.
    ``folder``: a regular file's folder must exist too."""
    check_file_name(path)  # on the name as given: Path drops a final `/` or `.`
    st = _checked(Path(path), protect)
    if folder and (st is None or stat.S_ISREG(st.st_mode)):
        named = Path(path)
        target = Path(os.path.realpath(named)) if os.path.islink(named) else named
        if not target.parent.is_dir():
            raise OutputError("output.no_dir", path=str(path), folder=str(target.parent))
        _check_folder_flags(named, target.parent, None)


def check_writable_all(paths: Iterable[Path], *, protect: Iterable[Path] = (),
                       named_by_data: bool = False) -> None:
    """Refuse, before the first is written, every output of a run writing several
    files (``report a b -o dir/``, ``scores sheets``, ``render --per-member``)
    that ``write_atomic`` would refuse: an input (through links and hard links)
    or one of ``protect``, a dangling link, a folder or socket, a read-only file
    or one with several hard links, names differing only in case. Written one by
    one, the earlier files were left when a later one was refused, unnamed."""
    targets = list(paths)
    kept = list(protect)
    check_distinct(targets, named_by_data=named_by_data)
    for path in targets:
        _checked(path, kept, strict=False)

def check_rewritable(path: str | os.PathLike[str]) -> None:
    """A plan a run will rewrite (``lint --fix``, ``scores import``) must be a
    regular file: a FIFO gives its text once (the check that the file did not
    change meanwhile, and the write, then waited for ever), a device is no plan."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return  # reading it says what is wrong
    if not stat.S_ISREG(mode):
        raise OutputError("output.not_rewritable", path=str(path))


#: Names Windows gives to devices, whatever their suffix: ``con.xlsx`` is the console.
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                       *(f"LPT{i}" for i in range(1, 10))})


def check_distinct(paths: Iterable[Path], *, named_by_data: bool = False) -> None:
    """Refuse, before anything is written, outputs of one run whose names differ
    only in case (``btc.xlsx``, ``BTC.xlsx``): on Windows and macOS they are one
    file, and the second would silently replace the first. ``named_by_data``:
    the names come from the plan (a member ``con``'s ``con.xlsx``), not from the
    user; a name Windows keeps for a device is refused too."""
    seen: dict[tuple[str, str], Path] = {}
    for path in paths:
        if named_by_data and path.name.split(".")[0].upper() in _RESERVED:
            raise OutputError("output.reserved_name", path=str(path))
        key = (os.path.realpath(path.parent), path.name.casefold())
        first = seen.setdefault(key, path)
        if first is not path and first.name != path.name:
            raise OutputError("output.same_name", path=str(path), first=str(first))


def text_bytes(text: str) -> bytes:
    """``text`` in UTF-8, a lone surrogate written as its escape (``\\udcff``).

    UTF-8 cannot hold one, and one comes from a file name that is not UTF-8
    (Python reads ``b\\xff.yaml`` as ``b\\udcff.yaml``) or a template's
    ``'\\ud800'``: it stopped a JSON report or lint output with an internal
    error. In JSON the escape is the string's own escape of that character (read
    back, it names the file again); elsewhere it is visible text, as standard
    output shows it.
    """
    return text.encode("utf-8", "backslashreplace")


def write_text_atomic(path: str | os.PathLike[str], text: str, *,
                      protect: Iterable[Path] = ()) -> None:
    """``write_atomic`` for text, in UTF-8 with the line ends as given."""
    write_atomic(path, text_bytes(text), protect=protect)


def make_folder(folder: Path) -> list[Path]:
    """Create the output folder ``folder`` (and its parents) unless it exists;
    a file there, a link loop or a name too long is an ``OutputError``. The
    folders made, outermost first (none when it existed).

    Each is made as ``mkdir -p`` makes it: the umask decides its mode, but its
    owner may always write and enter it. Under ``umask 0277`` (or ``0777``) as
    another user than root, ``report -o out/`` made ``out`` mode 0500 (or 000),
    then could not write the report into it (``permission denied``), and
    ``-o a/b/`` could not make ``b`` in ``a``; the folder stayed, useless.
    """
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        st = None
    except NotADirectoryError as e:  # `p.yaml/sub`: name the file in the way
        blocking = next((p for p in folder.parents if os.path.exists(p)
                         and not os.path.isdir(p)), folder)
        raise OutputError("output.not_a_folder", path=str(blocking)) from e
    except OSError as e:
        raise _error(folder, e) from e
    if st is not None:
        if not stat.S_ISDIR(st.st_mode):
            raise OutputError("output.not_a_folder", path=str(folder))
        return []
    missing = [folder]
    while not os.path.lexists(missing[-1].parent) and missing[-1].parent != missing[-1]:
        missing.append(missing[-1].parent)
    made: list[Path] = []
    try:
        for each in reversed(missing):
            try:
                os.mkdir(each)
            except FileExistsError:
                if os.path.isdir(each):  # made by another run meanwhile
                    continue
                raise
            made.append(each)
            _usable_by_owner(each)
    except OSError as e:
        remove_folders(made)
        # The name that stopped it: the folder itself, or the first of its
        # parents that was there (`dl/sub` under a dangling `dl`, `p.yaml/sub`
        # under a file) said only "No such file or directory", "Not a directory".
        for stop in (folder, missing[-1].parent):
            if os.path.islink(stop) and not os.path.exists(stop):
                # a dangling link: mkdir says only "File exists"
                raise OutputError("output.dangling_folder", path=str(stop),
                                  target=os.readlink(stop)) from e
        top = missing[-1].parent
        if os.path.exists(top) and not os.path.isdir(top):
            raise OutputError("output.not_a_folder", path=str(top)) from e
        raise _error(folder, e) from e
    return made


def _usable_by_owner(folder: Path) -> None:
    """Give a folder just made its owner's write and search rights if the umask
    took them (as ``mkdir -p`` does for the parents it makes)."""
    if os.access(folder, os.W_OK | os.X_OK):
        return
    with contextlib.suppress(OSError):
        os.chmod(folder, stat.S_IMODE(os.lstat(folder).st_mode) | stat.S_IWUSR | stat.S_IXUSR
                 | stat.S_IRUSR)


def remove_folders(made: list[Path]) -> None:
    """Remove the folders ``make_folder`` made, innermost first, those still empty."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            os.rmdir(folder)


@contextlib.contextmanager
def outputs_folder(folder: Path) -> Iterator[None]:
    """``folder`` made for the block's outputs (``make_folder``), and removed
    again, with the parents made for it, when the block fails having written
    nothing there: ``render --per-member -o pm/`` with no one to remind, or
    ``scores sheets -o new`` whose workbooks could not be built, left an empty
    folder nobody had asked for but as the place of files not written."""
    made = make_folder(folder)
    try:
        yield
    except BaseException:
        remove_folders(made)
        raise


def is_standard_output(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is the file standard output goes to (``-o /dev/stdout | ...``).

    A command that names the file it wrote on standard output must not when
    that file is standard output: the name went into the document's stream
    after the document (``/dev/stdout`` as the last line of the Markdown, or
    after a DOCX's zip).
    """
    try:
        written, stdout = os.stat(path), os.fstat(1)
    except (OSError, ValueError):
        return False
    return (written.st_dev, written.st_ino) == (stdout.st_dev, stdout.st_ino)


def _write_in_place(path: Path, target: Path, st: os.stat_result, data: bytes) -> None:
    """A device or FIFO: open it and write, as ``>`` would; never rename over it."""
    try:
        fd = _open_fifo(path, target) if stat.S_ISFIFO(st.st_mode) else \
            os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
        WRITING.add(fd)
        try:
            with open(fd, "wb", buffering=0) as stream:
                view = memoryview(data)
                while view:
                    written = stream.write(view)
                    view = view[written or 0:]
        finally:
            WRITING.discard(fd)
    except OSError as e:
        raise _error(path, e) from e


def _open_fifo(path: Path, target: Path) -> int:
    """Open the FIFO ``target`` for writing, waiting ``FIFO_WAIT`` seconds at
    most for a reader: ``open`` waits for one for ever (``-o fifo`` with no
    ``cat fifo`` hung until killed)."""
    deadline = time.monotonic() + FIFO_WAIT
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError as e:
            if e.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if time.monotonic() >= deadline:
                raise OutputError("output.fifo_no_reader", path=str(path),
                                  seconds=int(FIFO_WAIT)) from e
            time.sleep(0.05)
            continue
        os.set_blocking(fd, True)  # a reader slower than thidua is waited for
        return fd


def _cut(name: str, limit: int = 64) -> str:
    """The start of ``name`` for the temporary file's, at most ``limit`` bytes.

    Bytes, not characters: a file system holds 255 bytes a name, and 64
    four-byte characters (emoji) made the temporary name of a valid 253-byte
    name 270 bytes long, refused as "too long" (so was ``--fix`` of such a plan).
    """
    cut = name[:limit]
    while len(os.fsencode(cut)) > limit:
        cut = cut[:-1]
    return cut


def _keep_owner(made: int | str, st: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as the process may.

    Root may set both; another user may keep the group when it is one of theirs.
    """
    if not hasattr(os, "chown"):  # Windows
        return
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):
        try:
            os.chown(made, uid, gid)
            return
        except PermissionError:
            continue


def _drop_inherited_acl(target: Path, fd: int) -> None:
    """Take off the new file an access control list the old one did not have.

    The new file gets the folder's default list when it has one: a plan kept
    ``0640`` with no list, rewritten by ``--fix`` there, let the list's users
    read it.
    """
    if not hasattr(os, "listxattr"):  # Linux only
        return
    try:
        if _ACL in os.listxattr(target) or _ACL not in os.listxattr(fd):
            return
        os.removexattr(fd, _ACL)
    except OSError:
        return


def _keep_attributes(target: Path, fd: int) -> None:
    """Copy the old file's extended attributes onto the new one, as far as the process may.

    Its access control list is one (``system.posix_acl_access``): without it a
    user the list let read the plan could no longer read it after ``--fix``, as
    ``sed -i`` and ``cp -p`` keep it. Set after the mode, which the list's mask
    would otherwise change. An attribute the process may not set (``trusted.``
    for another user) or the system does not have is passed over: the text is
    what was asked for.
    """
    if not hasattr(os, "listxattr"):  # Linux only
        return
    try:
        names = os.listxattr(target)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(fd, name, os.getxattr(target, name))


def _error(path: Path, e: OSError) -> OutputError:
    if isinstance(e, PermissionError):
        return OutputError("output.permission", path=str(path))
    if e.errno == errno.ELOOP:
        return OutputError("output.link_loop", path=str(path))
    if e.errno == errno.ENAMETOOLONG:
        return OutputError("output.name_too_long", path=str(path))
    if e.errno == errno.EROFS:
        return OutputError("output.read_only_fs", path=str(path))
    return OutputError("output.failed", path=str(path), reason=e.strerror or str(e))
