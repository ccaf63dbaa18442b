"""Found by the ninth red-team pass, each run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .common import ROOT, thidua

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"

IFS = "{% if 1 %}" * 99 + "x" + "{% endif %}" * 99
NESTED = {
    "blocks deeper than Python compiles": ("plan.md.j2", IFS,
                                           "IndentationError: too many levels of indentation"),
    "brackets deeper than the parser recurses": ("plan.md.j2", "{{ " + "(" * 200 + "1" + ")" * 200
                                                 + " }}", "RecursionError: "),
    "a report template nested as deep": ("report.md.j2", IFS,
                                         "IndentationError: too many levels of indentation"),
}


@pytest.mark.parametrize("case", NESTED, ids=list(NESTED))
def test_a_template_nested_too_deep_to_compile_is_the_templates_error(case: str,
                                                                     tmp_path: Path) -> None:
    name, text, detail = NESTED[case]
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / name).write_text(text + "\n", "utf-8")
    command = "render" if name == "plan.md.j2" else "report"
    r = thidua(command, str(EXAMPLE), "-f", "md", "-o", "-", "--template-dir", "t", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith(f"thidua: error: t/{name}: the template failed: {detail}"), r.stderr
    assert "internal error" not in r.stderr and r.stdout == ""


STDOUT_INTO_PLAN = {
    "report JSON to -, stdout opened read-write on the plan (1<>)":
        ("r+b", ["report", "-f", "json", "-o", "-", "{plan}"]),
    "lint's findings appended to the plan (>>)": ("ab", ["lint", "{plan}"]),
    "render Markdown to -, appended to the plan": ("ab", ["render", "{plan}", "-f", "md",
                                                         "-o", "-"]),
    "the plan from stdin, stdout on the same file": ("r+b", ["lint", "-"]),
}


@pytest.mark.parametrize("case", STDOUT_INTO_PLAN, ids=list(STDOUT_INTO_PLAN))
def test_standard_output_that_is_an_input_is_refused(case: str, tmp_path: Path) -> None:
    # `thidua report -f json -o - 1<>plan.yaml` wrote the report over the plan, exit 0.
    mode, args = STDOUT_INTO_PLAN[case]
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    argv = [a.replace("{plan}", str(plan)) for a in args]
    with open(plan, mode) as out, open(plan, "rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "thidua_cli", *argv], stdout=out,
                              stdin=stdin, stderr=subprocess.PIPE, cwd=tmp_path,
                              env=_env(), timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "standard output is a plan or file this run reads" in err
    assert "Traceback" not in err
    assert plan.read_bytes() == EXAMPLE.read_bytes()


def _word_plan(tmp_path: Path) -> tuple[Path, list[str]]:
    docx = tmp_path / "plan.docx"
    assert thidua("render", str(EXAMPLE), "-o", str(docx)).returncode == 0
    return docx, ["import", str(docx), "-o", "-"]


def _filled_sheet(tmp_path: Path) -> tuple[Path, list[str]]:
    plan = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
    assert thidua("scores", "sheets", str(plan), "-o", str(tmp_path / "sh")).returncode == 0
    return tmp_path / "sh" / "bnv.xlsx", ["scores", "import", str(plan), str(tmp_path / "sh"),
                                          "--diff"]


@pytest.mark.parametrize("make", [_word_plan, _filled_sheet], ids=["import's Word plan",
                                                                    "a filled sheet"])
def test_standard_output_appended_to_a_document_read_is_refused(
        make: Callable[[Path], tuple[Path, list[str]]], tmp_path: Path) -> None:
    # `import plan.docx -o - >> plan.docx` appended the YAML to the zip, exit 0:
    # the Word plan and the sheets were read without being noted as inputs.
    target, argv = make(tmp_path)
    before = target.read_bytes()
    with open(target, "ab") as out:
        done = subprocess.run([sys.executable, "-m", "thidua_cli", *argv], stdout=out,
                              stderr=subprocess.PIPE, env=_env(), timeout=60)
    assert done.returncode == 2, done.stderr.decode()
    assert "standard output is a plan or file this run reads" in done.stderr.decode()
    assert target.read_bytes() == before


def test_standard_output_to_another_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    with open(out, "wb") as stream:
        done = subprocess.run([sys.executable, "-m", "thidua_cli", "report", "-f", "json",
                               "-o", "-", str(EXAMPLE)], stdout=stream,
                              stderr=subprocess.PIPE, env=_env(), timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(out.read_text("utf-8"))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("THIDUA_DEBUG", None)
    return env


@pytest.mark.parametrize("warm", [False, True], ids=["cold cache", "warm cache"])
def test_a_cache_entry_named_as_the_output_is_refused_or_written_after(warm: bool,
                                                                      tmp_path: Path) -> None:
    # With a warm cache, `-o` naming the entry the run read replaced it by the document.
    cache = tmp_path / "cache"
    env = {"THIDUA_CACHE_DIR": str(cache)}
    first = thidua("render", str(EXAMPLE), "-f", "md", "-o", str(tmp_path / "a.md"), env=env)
    assert first.returncode == 0, first.stderr
    (entry,) = [p for p in cache.rglob("*") if p.is_file()]
    before = entry.read_bytes()
    if not warm:
        entry.unlink()  # this run compiles and stores it, then is asked to write it
    run = thidua("render", str(EXAMPLE), "-f", "md", "-o", str(entry), env=env)
    assert run.returncode == 2, run.stderr
    assert "it is a plan or file this run reads" in run.stderr
    assert entry.read_bytes() == before
