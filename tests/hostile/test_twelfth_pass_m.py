"""Found by the twelfth red-team pass on extreme values of a plan's years and numbers,
each run as a real process."""

from __future__ import annotations

from pathlib import Path

import pytest

from .common import ROOT, thidua

PLAN = ROOT / "plans" / "plan-2022.yaml"
VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"


def _with(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text("utf-8")
    assert old in text
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(old, new, 1), "utf-8")
    return plan


# A plan's year went to 2999 while each of its dates had to fall in 1900-2100 (TD205):
# `new --year 2500` was taken, then every date it moved was an error and nothing was
# written. The year has the dates' window.
@pytest.mark.parametrize("command", [
    ["new", "out.yaml", "--year", "2101"],
    ["new", "out.yaml", "--from", str(PLAN), "--year", "2500"],
    ["import", str(ROOT / "tests" / "fixtures" / "missing.docx"), "--year", "2101",
     "-o", "out.yaml"],
], ids=["new", "new --from", "import"])
def test_a_year_past_the_window_is_refused_as_an_option(command: list[str],
                                                        tmp_path: Path) -> None:
    run = thidua(*command, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "'--year'" in run.stderr and "2100" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_plan_of_a_year_past_the_window_is_a_located_error(tmp_path: Path) -> None:
    plan = _with(tmp_path, PLAN, "year: 2022", "year: 2500")
    run = thidua("lint", "--select", "TD002", str(plan))
    assert run.returncode == 1, run.stdout
    line = next(i for i, text in enumerate(plan.read_text("utf-8").splitlines(), 1)
                if text.startswith("year:"))
    assert f"TD002@{line}" in run.findings()
    assert "must be at most 2100" in run.stdout


def test_the_library_takes_the_same_years() -> None:
    import thidua_cli
    from thidua_cli.errors import UsageError

    with pytest.raises(UsageError) as caught:
        thidua_cli.new_plan(year=2101)
    assert "from 1900 to 2100" in caught.value.message("en")
    assert thidua_cli.new_plan(year=2100).ok


# `number: 100000000000000000000000000` linted clean and stood in the letterhead
# (`Số: 100000000000000000000000000/KH-LMHTXVN`); numbering restarts every year.
@pytest.mark.parametrize(("source", "old", "new"), [
    (PLAN, "  symbol: KH-LMHTXVN", "  number: 100000000000000000000000000\n  symbol: KH-LMHTXVN"),
    (VOTES, "  number: 15", "  number: 1000000"),
], ids=["document", "review"])
def test_a_document_number_past_a_million_is_a_located_error(
        source: Path, old: str, new: str, tmp_path: Path) -> None:
    plan = _with(tmp_path, source, old, new)
    line = 1 + plan.read_text("utf-8").splitlines().index(new.splitlines()[0])
    run = thidua("lint", str(plan))
    assert run.returncode == 1, run.stdout
    assert f"TD002@{line}" in run.findings()
    assert "must be at most 999999" in run.stdout
    out = tmp_path / "out.md"
    render = thidua("render", str(plan), "-f", "md", "-o", str(out))
    assert render.returncode == 1 and not out.exists()


def test_the_largest_number_renders(tmp_path: Path) -> None:
    plan = _with(tmp_path, PLAN, "  symbol: KH-LMHTXVN", "  number: 999999\n  symbol: KH-LMHTXVN")
    run = thidua("render", str(plan), "-f", "md", "-o", "-")
    assert run.returncode == 0, run.stderr
    assert "Số: 999999/KH-LMHTXVN" in run.stdout


# `render(text)` without `output=` said "a plan read from standard input needs -o to
# name the output": a script gave neither standard input nor -o.
@pytest.mark.parametrize("given", ["text", "Plan"])
def test_the_library_asks_a_plan_without_a_file_for_its_output(given: str) -> None:
    import thidua_cli
    from thidua_cli.errors import UsageError

    plan = PLAN.read_text("utf-8") if given == "text" else thidua_cli.load(str(PLAN))
    with pytest.raises(UsageError) as caught:
        thidua_cli.render(plan, format="md")
    assert "give output= a path" in caught.value.message("en")
    assert "hãy cho output= một đường dẫn" in caught.value.message("vi")
    assert "LIÊN MINH HỢP TÁC XÃ VIỆT NAM" in thidua_cli.render(plan, format="md", output="-")


# A Path is a file's name whatever it holds: only a str with a line break is a plan's
# text. Once the library turned every path into a str, `render -- 'a\nb.yaml'` was
# read as the text "a\nb.yaml" (and refused as having no file to be written beside).
def test_a_path_holding_a_line_break_is_a_file(tmp_path: Path) -> None:
    import thidua_cli

    plan = tmp_path / "a\nb.yaml"
    plan.write_text(PLAN.read_text("utf-8"), "utf-8")
    assert "LIÊN MINH HỢP TÁC XÃ VIỆT NAM" in thidua_cli.render(plan, format="md", output="-")
    assert thidua_cli.lint(plan).files[0].path == str(plan)
    run = thidua("render", "-f", "md", "--", plan.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "a\nb.md").exists()
