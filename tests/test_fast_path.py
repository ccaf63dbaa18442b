"""``thidua lint`` without typer answers exactly as typer does, or leaves it to typer.

Each command line below runs twice, through the entry point as a user runs it
(the fast path, ``cli/fast.py``, takes what it reads for certain) and with the
fast path switched off (typer's app alone); exit code, stdout and stderr must
be the same. The ``fast`` column says which path the first run took, so the
table also shows the fast path is used for plain command lines and declines
the rest (help, mistakes, forms it does not read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from thidua_cli.cli import app_for, fast
from thidua_cli.cli.lintspec import PARAMS
from thidua_cli.cli.options import parse
from thidua_cli.cli.shared import lang_of

from .conftest import EXAMPLE, PLANS
from .helpers import Result, run

PLAN = str(EXAMPLE)
FINDINGS = str(PLANS / "invalid" / "td101-unknown-lead.yaml")
DAY = ("--today", "2020-01-01")

#: (arguments after ``lint``, exit code, whether the fast path runs it)
CASES: list[tuple[tuple[str, ...], int, bool]] = [
    # Plain command lines: the fast path's.
    ((PLAN, *DAY), 0, True),
    ((*DAY, PLAN), 0, True),
    (("--today=2020-01-01", PLAN), 0, True),
    ((FINDINGS,), 1, True),
    ((FINDINGS, PLAN, *DAY), 1, True),
    (("-f", "json", FINDINGS), 1, True),
    (("--format=JSON", FINDINGS), 1, True),
    (("--format", "github", FINDINGS), 1, True),
    (("-f", "json", "-f", "text", FINDINGS), 1, True),  # the last one wins
    (("--select", "TD1", "--select", "TD2,TD4", FINDINGS), 1, True),  # all of them
    (("--select=TD2", FINDINGS), 0, True),
    (("--ignore", "TD101", FINDINGS), 0, True),
    (("--strict", "--strict", PLAN), 0, True),
    (("--lang", "en", "missing.yaml"), 2, True),
    (("--lang=VI", "missing.yaml"), 2, True),
    (("--", "-odd.yaml"), 2, True),
    (("--", "--help"), 2, True),
    (("-",), 1, True),  # standard input, below
    (("--max-bytes", "10", PLAN), 2, True),
    (("-j", "1", "--jobs", "2", PLAN, *DAY), 0, True),
    (("--today", "someday", PLAN), 2, True),  # the command's own message
    (("--select", "TD999", PLAN), 2, True),
    (("--ignore", "TD001", PLAN), 2, True),
    (("--config", "missing.toml", PLAN), 2, True),
    (("--fix", "--diff", PLAN), 0, True),
    (("",), 2, True),
    # Everything else is typer's: the same answer, from typer.
    ((), 2, False),
    (("--help",), 0, False),
    (("-h",), 0, False),
    (("--version",), 2, False),
    (("--bogus", PLAN), 2, False),
    (("--form", "json", PLAN), 2, False),
    (("--Format", "json", PLAN), 2, False),
    (("-x", PLAN), 2, False),
    ((PLAN, "--today"), 2, False),
    (("--strict=yes", PLAN), 2, False),
    (("-fjson", FINDINGS), 1, False),
    (("-f=json", FINDINGS), 2, False),
    (("--format", "bogus", PLAN), 2, False),
    (("--format",), 2, False),
    (("--today", "-5", PLAN), 2, False),
    (("--max-bytes", "0", PLAN), 2, False),
    (("--max-bytes", "ten", PLAN), 2, False),
    (("--max-bytes", "+9999999", PLAN, *DAY), 0, False),
    (("--jobs", " 1", PLAN, *DAY), 0, False),
    (("--lang", "fr", PLAN), 2, False),
    (("--lang",), 2, False),
    (("--select", "TD1", "--help"), 0, False),
]

STDIN = (PLANS / "invalid" / "td101-unknown-lead.yaml").read_text("utf-8")


def _ids() -> list[str]:
    return [" ".join(a or "''" for a in args).replace(str(PLANS), "…")
            .replace(str(EXAMPLE), "plan") or "(none)" for args, _, _ in CASES]


def both(args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> tuple[Result, bool, Result]:
    """``thidua lint ARGS`` as a user runs it (and whether it took the fast path), then typer's."""
    taken: list[bool] = []
    real = fast.run

    def spy(argv: list[str]) -> int | None:
        try:
            code = real(argv)
        except BaseException:  # a ThiduaError from the command: it ran here
            taken.append(True)
            raise
        taken.append(code is not None)
        return code

    stdin = STDIN if "-" in args else None
    env = {"THIDUA_LANG": "en", "COLUMNS": "100"}
    with monkeypatch.context() as patch:
        patch.setattr(fast, "run", spy)
        first = run("lint", *args, stdin=stdin, env=env)
    with monkeypatch.context() as patch:
        patch.setattr(fast, "run", lambda argv: None)
        typer_only = run("lint", *args, stdin=stdin, env=env)
    return first, taken == [True], typer_only


@pytest.mark.parametrize(("args", "code", "fast_path"), CASES, ids=_ids())
def test_both_paths_answer_alike(args: tuple[str, ...], code: int, fast_path: bool,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first, took_fast, typer_only = both(args, monkeypatch)
    assert (first.returncode, first.stdout, first.stderr) == (
        typer_only.returncode, typer_only.stdout, typer_only.stderr)
    assert first.returncode == code, first.stderr
    assert took_fast == fast_path


def typer_values(args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What typer's ``thidua lint ARGS`` hands to the command's ``run``."""
    import typer.main

    from thidua_cli.cli import lint

    got: dict[str, Any] = {}

    def record(**values: Any) -> int:
        got.update(values)
        return 0

    monkeypatch.setattr(lint, "run", record)
    command = typer.main.get_command(app_for(["lint"]))
    with pytest.raises(SystemExit):
        command(["lint", *args], prog_name="thidua")
    return got


@pytest.mark.parametrize(("args", "code", "fast_path"),
                         [c for c in CASES if c[2] and "-" not in c[0]],
                         ids=[i for i, c in zip(_ids(), CASES, strict=True)
                              if c[2] and "-" not in c[0]])
def test_both_paths_pass_the_same_values(args: tuple[str, ...], code: int, fast_path: bool,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    values = parse(PARAMS, args)
    assert values is not None
    values["language"] = lang_of(values.pop("lang"))
    assert values == typer_values(args, monkeypatch)


def test_typer_reads_the_same_declarations() -> None:
    # One definition: typer's parameters are the declarations, in their order.
    import typer.main

    command = typer.main.get_command(app_for(["lint"])).commands["lint"]  # type: ignore[attr-defined]
    assert [(p.name, tuple(p.opts), p.multiple or p.nargs == -1, p.required)
            for p in command.params if p.name != "help"] == [
        (p.name, p.flags or (p.name,), p.multiple, p.required) for p in PARAMS]


def test_the_fast_path_leaves_completion_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_THIDUA_COMPLETE", "bash_complete")
    assert fast.run(["lint", PLAN]) is None


def test_other_commands_are_typers() -> None:
    assert fast.run(["render", PLAN]) is None
    assert fast.run(["--version"]) is None
    assert fast.run([]) is None


def test_a_written_report_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = []
    for name, patched in (("fast.json", fast.run), ("typer.json", lambda argv: None)):
        with monkeypatch.context() as patch:
            patch.setattr(fast, "run", patched)
            done = run("lint", "-f", "sarif", "-o", str(tmp_path / name), FINDINGS)
        assert done.returncode == 1
        reports.append((done.stdout, (tmp_path / name).read_text("utf-8")))
    assert reports[0] == reports[1]


def test_windows_command_lines_are_typers(monkeypatch: pytest.MonkeyPatch) -> None:
    # click expands wildcards in arguments there (`thidua lint plans\*.yaml`).
    monkeypatch.setattr(fast.os, "name", "nt")
    assert fast.run(["lint", PLAN]) is None
