"""The two sides of a diff, from the command's arguments, and their text.

A side is a file (``-`` is standard input) or a git object named
``REV:path`` (``HEAD~1:plans/plan-2022.yaml``), read with ``git cat-file blob``. As in
git, ``path`` after ``REV:`` is relative to the repository's top, or to the
current directory when it starts with ``./``. An existing file always wins
over the ``REV:path`` reading of the same argument.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, UsageError
from ..programs import find
from ..source import DEFAULT_MAX_BYTES, SourceText, decode, read_source

if TYPE_CHECKING:
    from typing import IO

NULL_FILE = "/dev/null"
_NO_OBJECT = frozenset({".", "0" * 40, "0" * 64})

# What a repository's own configuration could make `git cat-file` run: the
# fsmonitor hook when `:path` reads the index, and, in a partial clone, a
# lazy fetch of a missing object from its promisor remote, through
# `ext::sh -c …`, `core.sshCommand`, `remote.*.uploadpack` or any transport.
# The command line's settings win over the repository's; GIT_ALLOW_PROTOCOL
# (set, and naming none) wins over every `protocol.*.allow` the repository
# sets. Both reach the `git fetch` a lazy fetch starts.
_GIT = ("git", "--no-pager", "-c", "core.fsmonitor=false", "-c", "protocol.allow=never")
_GIT_ENV = {"GIT_ALLOW_PROTOCOL": "", "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"}
#: How much of git's error output a message shows (its own lines are short).
_MAX_GIT_WORDS = 4096
#: How long git may take to give a blob. A blob of the 20 MiB a plan may be
#: comes in a second; git waiting for ever is a repository's FIFO: a
#: `.git/HEAD`, or a file its configuration includes, that is a named pipe
#: (a tar archive of a repository can hold one) held `thidua diff p.yaml`,
#: and every command of git, until it was killed.
GIT_SECONDS = 60
#: The variables that tell git which repository, work tree and index to use
#: (from ``git rev-parse --local-env-vars``). A git hook, ``git rebase
#: --exec`` or a shell left with ``GIT_DIR`` set made ``thidua diff p.yaml``
#: compare the plan with another repository's ``p.yaml``, still labelled
#: ``HEAD:p.yaml``, or fail (a relative ``GIT_DIR=.git`` from the file's folder).
_REPOSITORY_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_INDEX_FILE",
                   "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR",
                   "GIT_PREFIX", "GIT_INTERNAL_SUPER_PREFIX", "GIT_SHALLOW_FILE",
                   "GIT_GRAFT_FILE", "GIT_NAMESPACE")


def _scratch() -> IO[bytes]:
    """An unnamed file for git's error output: in memory where Linux gives one
    (``memfd_create``), which also spares every diff importing ``tempfile``."""
    if hasattr(os, "memfd_create"):
        return os.fdopen(os.memfd_create("thidua-git-errors", os.MFD_CLOEXEC), "w+b")
    import tempfile

    return tempfile.TemporaryFile()


@dataclass(frozen=True)
class Side:
    """Where one version of a plan comes from, and how reports name it."""

    label: str
    path: str | None = None  # a file to read
    rev: str | None = None  # a git object, REV:path
    cwd: str | None = None  # where git runs (None: the current directory)
    #: ``thidua diff PATH``: the repository is the file's own, found from its
    #: folder, whatever ``GIT_DIR`` and the like say (``_REPOSITORY_ENV``).
    own_repository: bool = field(default=False, compare=False)


def sides(args: Sequence[str]) -> tuple[Side, Side]:
    """The old and the new side from ``OLD NEW``, ``PATH`` or git's seven arguments."""
    if len(args) == 1:
        return _against_head(args[0])
    if len(args) == 2:
        if args[0] == args[1] == "-":
            raise UsageError("diff.stdin_twice")
        return side_of(args[0]), side_of(args[1])
    if len(args) in (7, 9):
        return _external(args)
    raise UsageError("diff.arguments", count=len(args))


def side_of(spec: str) -> Side:
    if not spec:  # read as a path, "" was the current folder: "is a directory"
        raise UsageError("diff.empty_side")
    if spec == "-" or os.path.lexists(spec):
        return Side(spec, path=spec)
    if spec.startswith("-"):
        # Never an option for git (`--output=FILE:x` would write a file).
        raise UsageError("diff.option_like", spec=spec)
    if ":" not in spec:
        return Side(spec, path=spec)
    return Side(spec, rev=spec)


def _against_head(path: str) -> tuple[Side, Side]:
    """``thidua diff PATH``: the last commit's version against the working copy."""
    if path == "-":
        raise UsageError("diff.stdin_alone")
    if not path:
        raise UsageError("diff.empty_side")
    if not os.path.isfile(path):
        # Let reading the file say what is wrong with it (missing, a folder...).
        return Side(path, path=path), Side(path, path=path)
    where = Path(path)
    # `HEAD:./name` run beside the file finds it whatever the current directory is.
    return (Side(f"HEAD:{path}", rev=f"HEAD:./{where.name}", cwd=str(where.parent),
                 own_repository=True),
            Side(path, path=path))


def _external(args: Sequence[str]) -> tuple[Side, Side]:
    """git's external diff: path old-file old-hex old-mode new-file new-hex new-mode.

    With rename detection git adds the new path and a note (nine arguments).
    """
    name, old_file, old_hex, _, new_file, new_hex, _ = args[:7]
    new_name = args[7] if len(args) == 9 else name
    return (Side(_label(name, old_file, old_hex), path=_as_file(old_file)),
            Side(_label(new_name, new_file, new_hex), path=_as_file(new_file)))


def _as_file(path: str) -> str:
    """git's file name as a file: a plan named ``-`` in the work tree is no standard input.

    git passes a work-tree file by its own name; ``-`` read git's standard
    input (the terminal, or whatever was piped into ``git diff``) as the plan.
    """
    return "./-" if path == "-" else path


def _label(name: str, file: str, hex_: str) -> str:
    if file == NULL_FILE:
        return NULL_FILE
    return name if hex_ in _NO_OBJECT else f"{name} ({hex_[:7]})"


def _environment(side: Side) -> dict[str, str]:
    environment = {**os.environ, **_GIT_ENV}
    if side.own_repository:
        for name in _REPOSITORY_ENV:
            environment.pop(name, None)
    return environment


def read(side: Side, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """The side's text; ``InputError`` when it cannot be had."""
    if side.rev is None:
        return read_source(side.path or side.label, display=side.label, max_bytes=max_bytes)
    # git's errors go to a file, not a pipe: a pipe that filled while the blob
    # was read (many warnings) would hold git, and thidua waiting on it, for ever.
    with _scratch() as errors:
        try:
            # --end-of-options: whatever the revision says, git reads it as one.
            # `cat-file blob`, not `show`: a folder (`HEAD:plans`) or a commit is no
            # plan, and `show` printed its listing or log, then read as YAML.
            git = find("git")  # by its absolute name: never a repository's ./git
            if git is None:
                raise FileNotFoundError("git")
            proc = subprocess.Popen([git, *_GIT[1:], "cat-file", "blob", "--end-of-options",
                                     side.rev],
                                    cwd=side.cwd, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.PIPE, stderr=errors,
                                    env=_environment(side))
        except FileNotFoundError as e:
            raise InputError("diff.no_git", spec=side.label) from e
        except OSError as e:
            raise InputError("diff.git", spec=side.label, git_says=e.strerror or str(e)) from e
        import threading

        fired: list[bool] = []

        def too_slow() -> None:
            fired.append(True)
            proc.kill()

        late = threading.Timer(GIT_SECONDS, too_slow)
        late.daemon = True
        late.start()
        with proc:
            assert proc.stdout is not None
            try:
                # Read within the bound, as a file is: a blob of gigabytes is not read whole.
                data = proc.stdout.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise InputError("input.too_large_stream", path=side.label, limit=max_bytes)
            except BaseException:
                # A signal's exception too: the `with` waited for git to finish
                # its work (1.6 s after SIGTERM) before the run could stop. Killed,
                # it is reaped at once, and nothing of it is left running.
                proc.kill()
                raise
            finally:
                late.cancel()
        if fired:
            raise InputError("diff.git_slow", spec=side.label, seconds=GIT_SECONDS)
        errors.seek(0)
        stderr = errors.read(_MAX_GIT_WORDS + 1)
    if proc.returncode != 0:
        reason = _reason(stderr)
        # git says only that when the object is a tree or a commit; a blob a
        # partial clone lacks says why it could not be fetched first.
        if "\n" not in reason and reason.endswith("bad file"):
            raise InputError("diff.not_a_blob", spec=side.label)
        raise InputError("diff.git", spec=side.label, git_says=reason)
    return decode(data, side.label)


def _reason(stderr: bytes) -> str:
    """git's words whole, its first ``fatal: `` or ``error: `` left out.

    A message of several lines (a path holding a line break, git's hints)
    was cut to its first line: `path 'pl` for `HEAD:pl\\nan.yaml`. The
    message escapes the line breaks; past ``_MAX_GIT_WORDS`` bytes it ends in ``…``.
    """
    text = stderr[:_MAX_GIT_WORDS].decode("utf-8", "replace").strip()
    if len(stderr) > _MAX_GIT_WORDS:
        text += "…"
    for prefix in ("fatal: ", "error: "):
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    return text or "git cat-file failed"
