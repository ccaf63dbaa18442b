"""``thidua lint``, ``render``, ``diff`` and ``report`` without typer answer exactly as
typer does, or leave it to typer.

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

from thidua_cli.cli import COMMANDS, app_for, fast
from thidua_cli.cli.options import parse
from thidua_cli.cli.shared import lang_of

from .conftest import EXAMPLE, PLANS, ROOT
from .helpers import Result, run

PLAN = str(EXAMPLE)
FINDINGS = str(PLANS / "invalid" / "td101-unknown-lead.yaml")
ISSUED = str(ROOT / "tests" / "diffs" / "plan-2022-issued.yaml")
VOTES = str(PLANS / "documents" / "plan-2022-votes.yaml")
DAY = ("--today", "2020-01-01")
#: Replaced by a folder of the test's own: where render writes its files.
OUT = "{out}"

#: (arguments after ``lint``, exit code, whether the fast path runs it)
LINT: list[tuple[tuple[str, ...], int, bool]] = [
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

#: The same for ``render`` (Markdown on stdout shows the document itself).
RENDER: list[tuple[tuple[str, ...], int, bool]] = [
    ((PLAN, "-o", "-", *DAY), 0, True),
    (("-o", "-", *DAY, PLAN), 0, True),
    (("--today=2020-01-01", "--output=-", PLAN), 0, True),
    ((PLAN, "-o", f"{OUT}/plan.docx", *DAY), 0, True),
    (("-f", "md", "-o", f"{OUT}/plan.md", PLAN, *DAY), 0, True),
    (("--format=MD", "-o", f"{OUT}/plan.txt", PLAN, *DAY), 0, True),
    (("-f", "pdf", "-f", "docx", "-o", f"{OUT}/last.docx", PLAN, *DAY), 0, True),
    (("--doc", "giao-uoc", "-o", "-", VOTES), 0, True),
    (("-d", "don-doc", "--as-of", "2022-12-01", "--per-member", "-o", f"{OUT}/nhac.docx",
      VOTES), 0, True),
    (("--doc", "don-doc", "--as-of=2022-12-01", "-o", "-", VOTES), 0, True),
    (("--doc", "bogus", PLAN), 2, True),
    (("--as-of", "someday", PLAN), 2, True),
    (("--as-of", "2022-06-30", PLAN, "-o", "-"), 2, True),  # not for ke-hoach
    (("--per-member", PLAN), 2, True),
    (("--template-dir", "missing", PLAN, "-o", "-", *DAY), 2, True),
    (("--template-dir", str(ROOT / "templates"), "-o", "-", PLAN, *DAY), 0, True),
    (("--config", "missing.toml", PLAN), 2, True),
    (("--today", "someday", PLAN), 2, True),
    ((FINDINGS, "-o", "-"), 1, True),  # findings on stderr, not rendered
    (("--lang", "vi", FINDINGS, "-o", "-"), 1, True),
    (("--lang=EN", "missing.yaml"), 2, True),
    (("-", "-o", "-"), 1, True),  # standard input
    (("-",), 2, True),  # ... needs -o
    (("--", "-odd.yaml"), 2, True),
    (("--list",), 0, True),
    (("--list", "--lang", "vi"), 0, True),
    (("--list", PLAN), 0, True),
    (("",), 2, True),
    # typer's
    ((), 2, False),  # no plan: click's usage error
    (("--lang", "vi"), 2, False),
    (("--help",), 0, False),
    (("-h",), 0, False),
    (("--list", "--help"), 0, False),
    (("--bogus", PLAN), 2, False),
    (("--per", PLAN), 2, False),
    ((PLAN, PLAN), 2, False),  # an extra argument
    (("-f", "bogus", PLAN), 2, False),
    (("-f", "docx", "--format"), 2, False),
    (("-fmd", "-o", "-", PLAN, *DAY), 0, False),
    (("--list=yes",), 2, False),
    (("--lang", "fr", "--list"), 2, False),
    (("--today", "-5", PLAN), 2, False),
    (("-o", "-x", PLAN), 2, False),
]

#: The same for ``diff``.
DIFF: list[tuple[tuple[str, ...], int, bool]] = [
    ((PLAN, PLAN), 0, True),
    ((PLAN, ISSUED), 0, True),
    (("--exit-code", PLAN, ISSUED), 1, True),
    (("--exit-code", PLAN, PLAN), 0, True),
    ((PLAN, ISSUED, "-f", "json"), 0, True),
    (("--format=MD", PLAN, ISSUED), 0, True),
    (("-f", "json", "-f", "text", PLAN, ISSUED), 0, True),
    (("--ignore-order", PLAN, ISSUED), 0, True),
    (("--lang", "vi", PLAN, ISSUED), 0, True),
    (("--max-bytes", "10", PLAN, ISSUED), 2, True),
    (("--max-bytes=99999999", PLAN, ISSUED), 0, True),
    (("--config", "missing.toml", PLAN, ISSUED), 2, True),
    ((FINDINGS, PLAN), 0, True),  # a warning on stderr: the old side has errors
    ((PLAN,), 0, True),  # against HEAD
    ((PLAN, PLAN, PLAN), 2, True),
    (("-", "-"), 2, True),
    (("-", PLAN), 0, True),  # standard input
    (("--", "-odd.yaml", PLAN), 2, True),
    ((PLAN, "missing.yaml"), 2, True),
    (("HEAD:plans/plan-2022.yaml", PLAN), 0, True),
    (("",), 2, True),
    # typer's
    ((), 2, False),
    (("--help",), 0, False),
    (("-h", PLAN, PLAN), 0, False),
    (("--bogus", PLAN, PLAN), 2, False),
    (("--ignore", PLAN, PLAN), 2, False),
    (("-f", "bogus", PLAN, PLAN), 2, False),
    (("--exit-code=yes", PLAN, PLAN), 2, False),
    (("--max-bytes", "0", PLAN, PLAN), 2, False),
    (("--max-bytes", "-1", PLAN, PLAN), 2, False),
    ((PLAN, PLAN, "--format"), 2, False),
    (("-fjson", PLAN, ISSUED), 0, False),
    (("--lang", "fr", PLAN, PLAN), 2, False),
]

#: The same for ``report``.
AS_OF = ("--as-of", "2022-12-31")
REPORT: list[tuple[tuple[str, ...], int, bool]] = [
    (("-f", "json", "-o", "-", PLAN, *AS_OF), 0, True),
    (("-f", "md", "-o", "-", *AS_OF, PLAN), 0, True),
    (("--format=MD", "--output=-", "--as-of=2022-12-31", PLAN), 0, True),
    (("-o", f"{OUT}/report.docx", PLAN, *AS_OF), 0, True),
    ((PLAN, VOTES, "-o", OUT, *AS_OF), 0, True),  # one report per plan, in the folder
    (("-f", "json", "-f", "md", "-o", "-", PLAN, *AS_OF), 0, True),
    (("--lang", "vi", "-f", "md", "-o", "-", PLAN, *AS_OF), 0, True),
    ((FINDINGS, "-o", "-", "-f", "md", *AS_OF), 1, True),  # blocked by its errors
    (("-", "-o", "-", "-f", "md", *AS_OF), 1, True),  # standard input
    (("--as-of", "someday", PLAN), 2, True),
    (("--template-dir", "missing", "-o", "-", PLAN, *AS_OF), 2, True),
    (("--template-dir", str(ROOT / "templates"), "-f", "md", "-o", "-", PLAN, *AS_OF), 0,
     True),
    (("--config", "missing.toml", PLAN), 2, True),
    (("--", "-odd.yaml"), 2, True),
    (("missing.yaml",), 2, True),
    # typer's
    ((), 2, False),
    (("--help",), 0, False),
    (("-h", PLAN), 0, False),
    (("--bogus", PLAN), 2, False),
    (("--as", "2022-12-31", PLAN), 2, False),
    (("-f", "bogus", PLAN), 2, False),
    (("-fmd", "-o", "-", PLAN, *AS_OF), 0, False),
    ((PLAN, "-o"), 2, False),
    (("--lang", "fr", PLAN), 2, False),
]

#: (command, arguments after it, exit code, whether the fast path runs it)
CASES = [("lint", *c) for c in LINT] + [("render", *c) for c in RENDER] + [
    ("diff", *c) for c in DIFF] + [("report", *c) for c in REPORT]

STDIN = (PLANS / "invalid" / "td101-unknown-lead.yaml").read_text("utf-8")


def _ids(cases: list[tuple[str, tuple[str, ...], int, bool]]) -> list[str]:
    return [" ".join((name, *(a or "''" for a in args))).replace(str(PLANS), "…")
            .replace(str(ROOT), "") for name, args, _, _ in cases]


def _spec(name: str) -> Any:
    """The module of ``name``'s declarations: ``PARAMS``, ``run``."""
    return __import__(f"thidua_cli.cli.{fast.SPECS[name]}", fromlist=["PARAMS"])


def both(name: str, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch,
         ) -> tuple[Result, bool, Result]:
    """``thidua NAME ARGS`` as a user runs it (and whether it took the fast path), then typer's."""
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
        first = run(name, *args, stdin=stdin, env=env)
    with monkeypatch.context() as patch:
        patch.setattr(fast, "run", lambda argv: None)
        typer_only = run(name, *args, stdin=stdin, env=env)
    return first, taken == [True], typer_only


def placed(args: tuple[str, ...], out: Path) -> tuple[str, ...]:
    return tuple(a.replace(OUT, str(out)) for a in args)


@pytest.mark.parametrize(("name", "args", "code", "fast_path"), CASES, ids=_ids(CASES))
def test_both_paths_answer_alike(name: str, args: tuple[str, ...], code: int, fast_path: bool,
                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, took_fast, typer_only = both(name, placed(args, tmp_path), monkeypatch)
    assert (first.returncode, first.stdout, first.stderr) == (
        typer_only.returncode, typer_only.stdout, typer_only.stderr)
    assert first.returncode == code, first.stderr
    assert took_fast == fast_path


def typer_values(name: str, args: tuple[str, ...],
                 monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What typer's ``thidua NAME ARGS`` hands to the command's ``run``."""
    import typer.main

    app = app_for([name])
    module = __import__(f"thidua_cli.cli.{COMMANDS[name]}", fromlist=["run"])
    got: dict[str, Any] = {}

    def record(**values: Any) -> int:
        got.update(values)
        return 0

    monkeypatch.setattr(module, "run", record)
    command = typer.main.get_command(app)
    with pytest.raises(SystemExit):
        command([name, *args], prog_name="thidua")
    return got


# Those the fast path runs, but not standard input (typer's run would read it).
FAST = [c for c in CASES if c[3] and "-" not in c[1]]


@pytest.mark.parametrize(("name", "args", "code", "fast_path"), FAST, ids=_ids(FAST))
def test_both_paths_pass_the_same_values(name: str, args: tuple[str, ...], code: int,
                                         fast_path: bool, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    args = placed(args, tmp_path)
    values = parse(_spec(name).PARAMS, args)
    assert values is not None
    values["language"] = lang_of(values.pop("lang"))
    assert values == typer_values(name, args, monkeypatch)


@pytest.mark.parametrize("name", list(fast.SPECS))
def test_typer_reads_the_same_declarations(name: str) -> None:
    # One definition: typer's parameters are the declarations, in their order.
    import typer.main

    command = typer.main.get_command(app_for([name])).commands[name]  # type: ignore[attr-defined]
    assert [(p.name, tuple(p.opts), p.multiple or p.nargs == -1, p.required, p.default)
            for p in command.params if p.name != "help"] == [
        (p.name, p.flags or (p.name,), p.multiple, p.required, p.default)
        for p in _spec(name).PARAMS]


@pytest.mark.parametrize("name", list(fast.SPECS))
def test_the_fast_path_leaves_completion_to_typer(name: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_THIDUA_COMPLETE", "bash_complete")
    assert fast.run([name, PLAN, PLAN]) is None


def test_other_commands_are_typers() -> None:
    assert fast.run(["new", "plan-2023.yaml", "--from", PLAN]) is None
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


def test_a_rendered_document_is_the_same(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    documents = []
    for name, patched in (("fast.docx", fast.run), ("typer.docx", lambda argv: None)):
        with monkeypatch.context() as patch:
            patch.setattr(fast, "run", patched)
            done = run("render", *DAY, PLAN, "-o", str(tmp_path / name))
        assert (done.returncode, done.stdout) == (0, f"{tmp_path / name}\n")
        documents.append((tmp_path / name).read_bytes())
    assert documents[0] == documents[1]


@pytest.mark.parametrize("name", list(fast.SPECS))
def test_windows_command_lines_are_typers(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # click expands wildcards in arguments there (`thidua lint plans\*.yaml`).
    monkeypatch.setattr(fast.os, "name", "nt")
    assert fast.run([name, PLAN, PLAN]) is None
