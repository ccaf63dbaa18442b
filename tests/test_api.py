"""The public API, used as a script uses it: only the names ``thidua_cli`` exports."""

from __future__ import annotations

import dataclasses
import datetime
import json
import pydoc
import subprocess
import sys
from pathlib import Path

import pytest

import thidua_cli
from thidua_cli import (
    DiffResult,
    InputError,
    Job,
    LintResult,
    NewPlan,
    Plan,
    PlanHasErrors,
    Report,
    ThiduaError,
    UsageError,
    diff,
    fix_files,
    import_plan,
    json_schema,
    lint,
    load,
    new_plan,
    render,
    render_each,
    report,
    rules,
    write_report,
)

from .conftest import EXAMPLE, PLANS, ROOT

TODAY = datetime.date(2022, 6, 1)
BAD = PLANS / "invalid" / "td101-unknown-lead.yaml"


def command(*args: str, cwd: Path = ROOT) -> str:
    done = subprocess.run([sys.executable, "-m", "thidua_cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120, env={"THIDUA_LANG": "en",
                                                                "PATH": "/usr/bin:/bin"})
    return done.stdout


def test_every_public_name_is_there_and_documented() -> None:
    for name in thidua_cli.__all__:
        value = getattr(thidua_cli, name)
        assert name == "__version__" or value.__doc__, name
    text = pydoc.render_doc(thidua_cli, renderer=pydoc.plaintext)
    for name in ("load", "lint", "render", "report", "write_report", "diff", "new_plan"):
        assert f"{name}(" in text


def test_the_functions_stay_functions_after_their_packages_are_imported() -> None:
    import thidua_cli.diff.engine
    import thidua_cli.lint.engine
    import thidua_cli.render.markdown
    import thidua_cli.report.build

    assert (thidua_cli.lint, thidua_cli.render, thidua_cli.report, thidua_cli.diff) == (
        lint, render, report, diff)


@pytest.mark.parametrize("source", [EXAMPLE, str(EXAMPLE), EXAMPLE.read_text("utf-8")],
                         ids=["Path", "str path", "text"])
def test_load_takes_a_path_or_text(source: str | Path) -> None:
    plan = load(source)
    assert isinstance(plan, Plan)
    assert repr(plan) == str(plan) == (
        "Plan(year=2022, bloc='Khối thi đua các bộ, ngành tổng hợp', members=9, tasks=6)")


@pytest.mark.parametrize(("text", "where"), [
    ("year: 2022\ntitle: [\n", "-:3:1"),
    ("version: 1\nyear: 2022\n", "-:1:1"),
])
def test_load_raises_one_located_error(text: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        load(text)
    assert isinstance(caught.value, ThiduaError)
    assert caught.value.location() == where
    assert caught.value.message("vi") != caught.value.message("en")


def test_lint_json_is_the_commands() -> None:
    result = lint([EXAMPLE, BAD], today=TODAY, lang="en")
    assert isinstance(result, LintResult)
    assert repr(result) == "LintResult(files=2, errors=1, warnings=0)"
    assert result.to_json() == command("lint", "--format", "json", "--today", "2022-06-01",
                                       str(EXAMPLE), str(BAD))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.files = ()  # type: ignore[misc]


def test_lint_of_text_with_a_selection() -> None:
    text = BAD.read_text("utf-8")
    assert [f.code for f in lint(text, lang="en").findings] == ["TD101"]
    assert lint(text, ignore=["TD101"]).findings == []


def test_diff_json_is_the_commands() -> None:
    changed = EXAMPLE.read_text("utf-8").replace("    lead: all", "    lead: bnv", 1)
    result = diff(EXAMPLE, changed)
    assert isinstance(result, DiffResult)
    assert result.differs
    assert json.loads(result.to_json())["summary"]["changed"] == 1
    assert diff(EXAMPLE, EXAMPLE).to_json() == command("diff", "--format", "json",
                                                       str(EXAMPLE), str(EXAMPLE))


def test_render_returns_the_text_or_the_path(tmp_path: Path) -> None:
    text = render(EXAMPLE, format="md", output="-")
    assert isinstance(text, str)
    assert text == command("render", str(EXAMPLE), "-o", "-")
    assert render(load(EXAMPLE), output=tmp_path / "plan.md") == tmp_path / "plan.md"
    assert (tmp_path / "plan.md").read_text("utf-8") == text


def test_a_plan_with_errors_is_not_rendered_nor_reported() -> None:
    seen = []
    with pytest.raises(PlanHasErrors) as caught:
        render(BAD, format="md", output="-", findings=seen.append)
    assert caught.value.result == seen[0]
    assert [f.code for f in caught.value.result.findings] == ["TD101"]
    assert caught.value.exit_code == 1
    with pytest.raises(PlanHasErrors):
        report(BAD)


def test_report_is_the_data_and_write_report_the_files(tmp_path: Path) -> None:
    as_of = datetime.date(2022, 12, 20)
    data = report(EXAMPLE, as_of=as_of)
    assert isinstance(data, Report)
    assert repr(data).startswith(f"Report({str(EXAMPLE)!r}, year=2022, as_of=2022-12-20")
    assert data.to_json() == command("report", str(EXAMPLE), "--format", "json", "--as-of",
                                     "2022-12-20")
    calls: list[tuple[int, int]] = []
    job = write_report([EXAMPLE, BAD], format="md", output=tmp_path, as_of=as_of,
                       progress=lambda done, total: calls.append((done, total)))
    assert isinstance(job, Job)
    assert calls == [(0, 2), (1, 2), (2, 2)]
    assert [o.blocked for o in job.outcomes] == [False, True]
    assert job.reports == (data,)
    assert (tmp_path / "plan-2022-report.md").exists()
    with pytest.raises(UsageError):
        write_report(EXAMPLE, format="odt")


def test_fix_writes_nothing_when_asked(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    decomposed = EXAMPLE.read_text("utf-8").replace("Hà Nội", "Ha\u0300 Nội")
    plan.write_text(decomposed, "utf-8")
    outcome = fix_files(plan, write=False)
    assert outcome.fixed >= 1
    assert "Hà Nội" in outcome.changes[0].diff()
    assert plan.read_text("utf-8") == decomposed
    fix_files(plan)
    assert plan.read_text("utf-8") == EXAMPLE.read_text("utf-8")


def test_new_plan_makes_the_text_and_writes_nothing(tmp_path: Path) -> None:
    made = new_plan(year=2023, source=EXAMPLE, head="bnv", deputies=["btc"])
    assert isinstance(made, NewPlan)
    assert repr(made) == "NewPlan(year=2023, head='bnv', deputies=('btc',), ok=True)"
    assert made.text is not None and "year: 2023" in made.text
    assert list(tmp_path.iterdir()) == []
    skeleton = new_plan(year=2024)
    assert skeleton.ok


def test_rules_and_the_schema_are_the_commands() -> None:
    everything = rules()
    assert [d.rule.code for d in everything] == sorted(d.rule.code for d in everything)
    (one,) = rules("unknown-member")
    assert repr(one) == "RuleDoc('TD101', 'unknown-member', 'error')"
    assert json.loads(command("rules", "--format", "json", "TD101")) == [one.as_dict()]
    with pytest.raises(UsageError):
        rules("TD000")
    assert json_schema() == command("schema")


VOTES = PLANS / "documents" / "plan-2022-votes.yaml"


def test_render_makes_every_kind_of_document_as_the_command_does(tmp_path: Path) -> None:
    text = render(VOTES, doc="bien-ban", output="-")
    assert isinstance(text, str)
    assert text == command("render", str(VOTES), "--doc", "bien-ban", "-o", "-")
    assert "| 1 | Bộ Nội vụ | 9/9 | 100% | 0/9 | 0% | Đạt |" in text
    with pytest.raises(UsageError):  # --as-of is for the kinds written at a day
        render(VOTES, doc="giao-uoc", as_of=datetime.date(2022, 6, 30), output="-")


def test_render_each_writes_one_letter_per_member(tmp_path: Path) -> None:
    plan = tmp_path / "plan-2022.yaml"
    plan.write_bytes(VOTES.read_bytes())
    written = render_each(plan, doc="don-doc", as_of=datetime.date(2022, 12, 1))
    assert written == (tmp_path / "plan-2022-don-doc-vpqh.docx",
                       tmp_path / "plan-2022-don-doc-bnv.docx")
    assert all(p.read_bytes().startswith(b"PK") for p in written)


def test_import_plan_is_the_commands_text_and_writes_nothing(tmp_path: Path) -> None:
    source = ROOT / "tests" / "import" / "letterhead-table.docx"
    imported = import_plan(source)
    assert imported.text == command("import", str(source), "-o", "-")
    assert imported.lint.path == "-"
    assert list(tmp_path.iterdir()) == []

