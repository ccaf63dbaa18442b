"""Found by the sixteenth red-team pass on values, documents and the library: names
holding numbers in the ranking, the library's words in findings' hints and in the
configuration search, the place of `new --year`'s message, a caller's endless
recursion through a callback, and the attacks that held. Commands run as real
processes; the library as a script calls it (a script run by a fresh interpreter).

The rows marked *held* are attacks that already failed: kept so that they keep failing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from .common import ROOT, no_traceback, thidua, unusable

EXAMPLE = ROOT / "plans" / "plan-2022.yaml"
VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"
MINIMAL = (ROOT / "tests" / "plans" / "valid" / "minimal.yaml").read_text("utf-8")


def script(code: str, cwd: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    """``code`` run by a fresh interpreter (the venv's), as a user's script is."""
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "THIDUA_DEBUG")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "NO_COLOR": "1"})
    return subprocess.run([sys.executable, *flags, "-c", textwrap.dedent(code)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)


def _line_of(path: Path, text: str) -> int:
    return next(i for i, t in enumerate(path.read_text("utf-8").splitlines(), 1) if text in t)


def _bloc_plan(tmp_path: Path, names: list[str], scores: list[str]) -> Path:
    members = "".join(f'    - {{id: m{i}, name: "{n}"}}\n' for i, n in enumerate(names))
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "version: 1\nyear: 2024\ntitle: Kế hoạch\ntheme: Thi đua\n"
        f"bloc:\n  name: Khối\n  head: m0\n  members:\n{members}"
        "objectives:\n  - {id: o1, text: Mục tiêu}\n"
        "tasks:\n  - {id: t1, title: Nhiệm vụ, objectives: [o1]}\n"
        "criteria:\n  - {id: x, title: X, max_points: 10}\nscores:\n"
        + "".join(f"  m{i}: {{x: {s}}}\n" for i, s in enumerate(scores)), "utf-8")
    return plan


# --- 1. names holding numbers sort by the numbers' values ------------------------------------

def test_tied_names_holding_numbers_rank_in_natural_order(tmp_path: Path) -> None:
    """`Thành viên m10` was listed before `m2` (digit by digit): a run of digits is now
    compared by its value, letters by Vietnamese collation as before."""
    names = ["Thành viên m10", "Thành viên m2", "Thành viên m1", "Đơn vị 100", "Đơn vị 20",
             "Đơn vị 3", "Khu 9", "Khu 10a", "Khu 10", "Thành viên m02", "Ấp " + "9" * 5000]
    plan = _bloc_plan(tmp_path, names, ["5"] * len(names))
    run = thidua("report", "-f", "json", "--as-of", "2024-12-20", str(plan))
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    shown = [r["name"][:20] for r in json.loads(run.stdout)["ranking"]]
    assert shown == ["Ấp " + "9" * 17, "Đơn vị 3", "Đơn vị 20", "Đơn vị 100", "Khu 9",
                     "Khu 10", "Khu 10a", "Thành viên m1", "Thành viên m02", "Thành viên m2",
                     "Thành viên m10"]


def test_the_nominee_rule_breaks_ties_in_natural_order_too(tmp_path: Path) -> None:
    """TD606's "the ranking lists first" uses the same order as the ranking."""
    from thidua_cli.collation import sort_key

    assert sort_key("Thành viên m2") < sort_key("Thành viên m10")
    assert sort_key("Khối 2") < sort_key("Khối A")          # digits still before letters
    assert sort_key("a１０") < sort_key("a２")                 # other digits one by one
    assert sort_key("khu vực IX") < sort_key("khu vực V")    # Roman numerals are letters


# --- 2. the library's words in hints and in the configuration search -------------------------

def test_hints_in_findings_name_the_library_for_the_library(tmp_path: Path) -> None:
    """`lint()` gave `thidua lint --fix rewrites it in NFC` to a script, which has no
    such command; the command line keeps its words."""
    text = EXAMPLE.read_text("utf-8").replace(
        "title: Tổ chức", "title: " + unicodedata.normalize("NFD", "Tổ") + " chức", 1)
    (tmp_path / "p.yaml").write_text(text, "utf-8")
    done = script("""
        import thidua_cli
        for lang in ("en", "vi"):
            print([f.hint for f in thidua_cli.lint("p.yaml", lang=lang).files[0].findings])
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["['fix_files() rewrites it in NFC']",
                                        "['fix_files() sẽ chuyển sang dạng NFC']"]
    run = thidua("lint", "p.yaml", cwd=tmp_path)
    assert "(thidua lint --fix rewrites it in NFC)" in run.stdout
    vi = thidua("lint", "-f", "json", "--lang", "vi", "p.yaml", cwd=tmp_path)
    assert '"hint": "thidua lint --fix sẽ chuyển sang dạng NFC"' in vi.stdout


def test_the_configuration_search_names_config_for_the_library(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(MINIMAL, "utf-8")
    (tmp_path / ".thidua.toml").symlink_to("nowhere")
    done = script("""
        import thidua_cli
        try:
            thidua_cli.lint("p.yaml")
        except thidua_cli.ThiduaError as e:
            print(e.message("en")); print(e.message("vi"))
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    en, vi = done.stdout.splitlines()
    assert en.endswith("remove the link, or give config=") and "--" not in en
    assert vi.endswith("xóa liên kết, hoặc cho config=") and "--" not in vi
    unusable(thidua("lint", "p.yaml", cwd=tmp_path), "remove the link, or give --config")


def test_a_found_template_folder_names_templates_for_the_library(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates").chmod(0o777)
    done = script("""
        import thidua_cli
        try:
            thidua_cli.render("p.yaml", format="md", output="-")
        except thidua_cli.ThiduaError as e:
            print(e.message("en"))
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("(chmod o-w), or give templates="), done.stdout
    unusable(thidua("render", "p.yaml", "-f", "md", "-o", "-", cwd=tmp_path),
             "(chmod o-w), or give --template-dir")


# --- 3. new --year's message has its place ------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "vi"])
def test_new_year_not_later_gives_the_sources_year_line(tmp_path: Path, lang: str) -> None:
    (tmp_path / "p.yaml").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    line = _line_of(tmp_path / "p.yaml", "year: 2022")
    run = thidua("new", "n.yaml", "--from", "p.yaml", "--year", "2022", "--lang", lang,
                 cwd=tmp_path)
    words = ("--year 2022 is not after the year of the source plan (2022)" if lang == "en"
             else "--year 2022 không sau năm của kế hoạch nguồn (2022)")
    unusable(run, f"p.yaml:{line}:7: {words}")
    assert not (tmp_path / "n.yaml").exists()


# --- 4. a caller's endless recursion through a callback ----------------------------------------

def test_endless_recursion_through_findings_is_said_as_such(tmp_path: Path) -> None:
    """`render(findings=f)` where `f` renders again, without end, ran out of stack
    inside the template and was `the template failed: RecursionError` of the shipped
    plan.md.j2. The call that has too little stack left is now refused, naming it."""
    text = EXAMPLE.read_text("utf-8").replace("title: Tổ chức", "title: bổ xung Tổ chức", 1)
    (tmp_path / "p.yaml").write_text(text, "utf-8")
    done = script("""
        import thidua_cli
        def again(result):
            thidua_cli.render("p.yaml", format="md", output="-", findings=again)
        try:
            again(None)
        except thidua_cli.ThiduaError as e:
            print(type(e).__name__, e.key); print(e.message("en")); print(e.message("vi"))
        calls = []
        def twice(result):
            calls.append(1)
            if len(calls) < 5:
                thidua_cli.render("p.yaml", format="md", output="-", findings=twice)
        print(len(thidua_cli.render("p.yaml", format="md", output="-", findings=twice)) > 0,
              len(calls))
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    kind, en, vi, nested = done.stdout.splitlines()
    assert kind == "UsageError api.stack_full"
    assert re.fullmatch(r"render\(\) was called with \d+ frames on Python's stack, whose limit "
                        r"is 1000 \(sys.getrecursionlimit\(\)\): it needs 400 more, so it did "
                        r"not start\. Does a findings= or progress= callback call the library "
                        r"again without end\?", en), en
    assert vi.startswith("render() được gọi khi ngăn xếp của Python đã có ")
    assert "template" not in en
    assert nested == "True 5"  # re-entrancy that ends is served as before


def test_held_a_template_recursing_itself_is_still_the_templates_failure(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "plan.md.j2").write_text(
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n", "utf-8")
    run = thidua("render", "p.yaml", "-f", "md", "-o", "-", "--template-dir", "tpl",
                 cwd=tmp_path)
    unusable(run, "the template failed: RecursionError")


# --- new: the rotation reminder says what was carried over ----------------------------------

@pytest.mark.parametrize(("given", "told", "not_told"), [
    (("--head", "bnv"), "in 2023 the deputies are none, as last year (--head changes the head "
                        "only). Set them with --deputies", "the head is still"),
    (("--deputies", "btc"), "in 2023 the head is still 'lmhtxvn' (--deputies changes the "
                            "deputies only). Set it with --head", "the deputies are"),
    ((), "in 2023 the head is still 'lmhtxvn' and the deputies are none. Set them with --head "
         "and --deputies", "--head changes"),
], ids=["head", "deputies", "neither"])
def test_the_rotation_reminder_says_only_what_was_carried_over(tmp_path: Path,
                                                               given: tuple[str, ...],
                                                               told: str, not_told: str) -> None:
    """`new --from p.yaml --head bnv` said "the head is still 'bnv'": the head it had
    just been given, as if the option had not been taken."""
    (tmp_path / "p.yaml").write_text(VOTES.read_text("utf-8"), "utf-8")
    run = thidua("new", "n.yaml", "--from", "p.yaml", *given, cwd=tmp_path)
    no_traceback(run)
    assert run.returncode == 0, run.stderr
    assert told in run.stderr and not_told not in run.stderr, run.stderr
    if given:
        vi = thidua("new", "v.yaml", "--from", "p.yaml", *given, "--lang", "vi", cwd=tmp_path)
        assert ("khối phó vẫn như năm trước" if given[0] == "--head"
                else "khối trưởng vẫn là 'lmhtxvn' (--deputies chỉ đổi khối phó)") in vi.stderr
