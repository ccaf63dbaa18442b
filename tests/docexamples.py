"""The examples of README.md and docs/*.md, read for the tests that run them.

The convention every documentation file follows (docs/writing-docs.md):

- A fenced block's info string is its language, then options ``key=value``
  (GitHub shows the language and ignores the rest):
  ```` ```console exit=1 ````, ```` ```yaml expect=TD101 ````.
- ``console``: each line starting with ``$ `` is a command, run by bash in a
  sandbox copy of the repository; the lines under it, up to the next command,
  are its output (standard output and error, as a terminal shows them). A line
  ``...`` stands for any number of lines. ``exit=N`` (or ``exit=1,0``, one per
  command) is the exit status expected; the default is 0.
- ``yaml``: a plan, linted: no findings unless ``expect=TD101,TD002@3`` (codes,
  with a line where it matters). ``fragment``: part of a plan, merged into a
  small valid plan (``tests/plans/valid/minimal.yaml``) before it is linted.
  ``not-plan``: YAML that is not a plan (a CI workflow): it must parse.
  ``apply=plans/x.yaml``: the reader edits that file of the sandbox to say what
  the fragment says (mappings merged key by key, lists replaced); the edited
  file is what is linted. ``today=2022-06-01``: the date deadlines are checked
  against (default: 1 January of the plan's year).
- ``toml``: a configuration file; it must load.
- ``skip="reason"`` on any block: not run; the tests list it as skipped with
  the reason. Blocks in other languages (json, text) are illustrations; the
  tests list them too.
- ``<!-- doctest-setup: COMMANDS -->`` just above a block runs COMMANDS (bash)
  in the sandbox first, unseen by readers (to put a draft in place, say).

All blocks of one file share one sandbox, in the order of the file.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)(?P<info>[^\n`]*)$")
SETUP = re.compile(r"^<!--\s*doctest-setup:\s*(?P<commands>.*?)\s*-->\s*$", re.S)


@dataclass(frozen=True)
class Block:
    path: Path
    line: int          # of the opening fence
    language: str
    options: dict[str, str]
    text: str
    setup: str | None = None

    @property
    def id(self) -> str:
        return f"{self.path.name}:{self.line}"


@dataclass
class Command:
    line: str
    output: list[str] = field(default_factory=list)


def blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, with its options and setup."""
    lines = path.read_text("utf-8").split("\n")
    out: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        fence, indent = match["fence"], len(match["indent"])
        words = shlex.split(match["info"].strip()) if match["info"].strip() else []
        language = words[0] if words else ""
        options = dict(w.split("=", 1) if "=" in w else (w, "") for w in words[1:])
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(fence[0] * len(fence)):
            end += 1
        body = "\n".join(line[indent:] for line in lines[i + 1:end])
        setup = _setup_above(lines, i)
        out.append(Block(path, i + 1, language, options, body + "\n", setup))
        i = end + 1
    return out


def _setup_above(lines: list[str], fence: int) -> str | None:
    j = fence - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j < 0 or not lines[j].rstrip().endswith("-->"):
        return None
    start = j
    while start >= 0 and "<!--" not in lines[start]:
        start -= 1
    match = SETUP.match("\n".join(lines[start:j + 1]).strip())
    return match["commands"] if match else None


def commands(block: Block) -> list[Command]:
    """The ``$ `` commands of a console block and the output under each."""
    out: list[Command] = []
    for line in block.text.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            out.append(Command(line[2:]))
        elif out:
            out[-1].output.append(line)
    return out


def matches(expected: list[str], got: list[str]) -> bool:
    """``got`` fits ``expected``, where a line ``...`` stands for any lines."""
    exp = [e.rstrip() for e in expected]
    while exp and not exp[-1]:
        exp.pop()
    have = [g.rstrip() for g in got]
    while have and not have[-1]:
        have.pop()

    def fit(i: int, j: int) -> bool:
        if i == len(exp):
            return j == len(have)
        if exp[i] == "...":
            return any(fit(i + 1, k) for k in range(j, len(have) + 1))
        return j < len(have) and exp[i] == have[j] and fit(i + 1, j + 1)

    return fit(0, 0)


def exits(block: Block, count: int) -> list[int]:
    """The exit status expected of each of ``count`` commands."""
    given = block.options.get("exit", "0")
    codes = [int(c) for c in given.split(",")]
    if len(codes) == 1:
        return codes * count
    assert len(codes) == count, f"{block.id}: exit={given} for {count} command(s)"
    return codes


def documentation(root: Path) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]
