"""``thidua report`` as a user runs it: outputs, the lint gate, several plans, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import EXAMPLE, PLANS
from .helpers import run
from .rendering import assert_golden

SCORED = "tests/plans/report/plan-2022-scored.yaml"
INVALID = PLANS / "invalid"


def test_json_golden() -> None:
    r = run("report", "--format", "json", "--as-of", "2022-12-31", SCORED)
    assert r.returncode == 0, r.stderr
    # Lint warnings are shown (on stderr) and do not block: here the overdue tasks.
    assert [ln.split(" [")[0].split(": ")[1] for ln in r.stderr.splitlines()] == [
        "warning TD204", "warning TD204"]
    assert_golden("report/plan-2022-scored.json", r.stdout)


def test_json_structure_is_pinned() -> None:
    """The documented keys, at every level, for scripts."""
    data = json.loads(run("report", "-f", "json", "--as-of", "2022-12-31", SCORED).stdout)
    assert list(data) == ["version", "plan", "year", "as_of", "title", "document", "bloc",
                          "tasks", "events", "criteria", "ranking", "awards", "review",
                          "next_year", "leaves", "tie_break"]
    assert list(data["tasks"]) == ["total", "by_status", "overdue", "items"]
    assert list(data["tasks"]["by_status"]) == ["planned", "in_progress", "done", "cancelled"]
    assert list(data["tasks"]["items"][0]) == ["id", "title", "lead", "lead_name", "due",
                                               "status", "result", "overdue"]
    assert list(data["events"]) == ["total", "held", "not_held"]
    assert list(data["events"]["held"][0]) == ["id", "title", "date", "month", "host",
                                                "host_name", "place", "status", "result"]
    assert list(data["ranking"][0]) == ["member", "name", "total", "rank", "scores", "leaves",
                                        "self_total", "checked", "decided_by", "shared"]
    assert list(data["criteria"][0]) == ["id", "title", "max_points", "number", "kind"]
    assert list(data["awards"][0]) == ["title", "note", "members", "threshold"]
    assert list(data["awards"][0]["members"][0]) == ["member", "name", "total", "rank", "votes"]
    scores = {"nhiem-vu": 59, "phong-trao": 29, "khoi": 10}
    assert data["ranking"][0] == {"member": "bnv", "name": "Bộ Nội vụ", "total": 98, "rank": 1,
                                  "scores": scores, "leaves": scores, "self_total": None,
                                  "checked": True, "decided_by": None, "shared": False}


def test_several_plans_give_an_array_and_a_blocked_plan_exits_1() -> None:
    bad = str(INVALID / "td101-unknown-head.yaml")
    r = run("report", "-f", "json", "--as-of", "2022-12-31", str(EXAMPLE), SCORED, bad)
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert [d["year"] for d in data] == [2022, 2022]
    assert f"{bad}:9:9: error TD101 [unknown-member]" in r.stderr
    assert f"{bad}: report not written: 1 error(s)" in r.stderr
    assert "Traceback" not in r.stderr


def test_one_plan_gives_an_object() -> None:
    r = run("report", "-f", "json", str(EXAMPLE))
    assert isinstance(json.loads(r.stdout), dict)


def test_warnings_are_shown_and_do_not_block() -> None:
    path = str(INVALID / "td303-member-without-score.yaml")
    r = run("report", "-f", "json", path)
    assert r.returncode == 0
    assert f"{path}:14:11: warning TD303 [member-without-score]" in r.stderr
    row = json.loads(r.stdout)["ranking"][-1]
    assert row == {"member": "ubdt", "name": "Ủy ban Dân tộc", "total": None, "rank": None,
                   "scores": {"nhiem-vu": None, "khoi": None},
                   "leaves": {"nhiem-vu": None, "khoi": None}, "self_total": None,
                   "checked": False, "decided_by": None, "shared": False}


@pytest.mark.parametrize("path", [
    "td302-score-above-max.yaml",       # a score out of range
    "td101-unknown-award-member.yaml",  # a nomination of a member outside the bloc
])
def test_errors_that_matter_for_the_report_block_it(path: str) -> None:
    r = run("report", "-f", "json", str(INVALID / path))
    assert r.returncode == 1
    assert r.stdout == ""
    assert "report not written" in r.stderr


def test_json_to_a_folder_one_file_per_plan(tmp_path: Path) -> None:
    r = run("report", "-f", "json", "-o", str(tmp_path) + "/", str(EXAMPLE), SCORED)
    assert r.returncode == 0, r.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["plan-2022-report.json", "plan-2022-scored-report.json"]
    assert r.stdout.splitlines() == [str(tmp_path / "plan-2022-report.json"),
                                     str(tmp_path / "plan-2022-scored-report.json")]


def test_json_array_to_one_file(tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    r = run("report", "-o", str(out), str(EXAMPLE), SCORED)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(out.read_text("utf-8"))) == 2


def test_two_plans_with_one_output_name(tmp_path: Path) -> None:
    other = tmp_path / "khoi-2"
    other.mkdir()
    copy = other / "plan-2022.yaml"
    copy.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    r = run("report", "-f", "json", "-o", f"{tmp_path / 'out'}/", str(EXAMPLE), str(copy))
    assert r.returncode == 2
    assert "would both be written to" in r.stderr
    assert not (tmp_path / "out").exists()


def test_several_plans_to_one_document_is_a_usage_error(tmp_path: Path) -> None:
    r = run("report", "-o", str(tmp_path / "all.docx"), str(EXAMPLE), SCORED)
    assert r.returncode == 2
    assert "not one file" in r.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (("-f", "docx", "-o", "-"), "cannot be written to standard output"),
    (("-f", "xml",), "'xml' is not one of docx, md, json, pdf"),
    (("--as-of", "31/2/2022"), "'31/2/2022' is not a date"),
    (("-o", str(EXAMPLE)), "is the plan itself"),
])
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    r = run("report", *args, str(EXAMPLE))
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_vietnamese_messages() -> None:
    bad = str(INVALID / "td101-unknown-head.yaml")
    r = run("report", "--lang", "vi", "-f", "json", bad)
    assert "chưa lập báo cáo: có 1 lỗi" in r.stderr


def test_markdown_to_stdout_is_the_golden_report() -> None:
    r = run("report", "-o", "-", "--as-of", "2022-12-31", SCORED)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (PLANS.parent / "golden" / "report" / "plan-2022-scored.md").read_text(
        "utf-8")


def test_docx_beside_the_plan_by_default(tmp_path: Path) -> None:
    plan = tmp_path / "plan-2022.yaml"
    plan.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    r = run("report", str(plan))
    assert r.returncode == 0, r.stderr
    out = tmp_path / "plan-2022-report.docx"
    assert r.stdout == f"{out}\n"
    assert out.read_bytes()[:2] == b"PK"


def test_several_plans_to_a_folder_skip_the_blocked_one(tmp_path: Path) -> None:
    bad = INVALID / "td101-unknown-head.yaml"
    r = run("report", "-f", "md", "-o", str(tmp_path / "out"), str(EXAMPLE), SCORED, str(bad))
    assert r.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "plan-2022-report.md", "plan-2022-scored-report.md"]
    assert "report not written" in r.stderr
    assert "\x1b[" not in r.stderr          # no progress bar when not on a terminal


def test_several_markdown_reports_to_stdout_is_a_usage_error() -> None:
    r = run("report", "-o", "-", str(EXAMPLE), SCORED)
    assert r.returncode == 2
    assert "give -o DIR" in r.stderr


def test_format_from_the_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "bc.md"
    r = run("report", "-o", str(out), SCORED)
    assert r.returncode == 0, r.stderr
    assert out.read_text("utf-8").startswith("<!-- Tệp này do thidua report tạo ra")


def test_missing_template_dir_is_a_usage_error(tmp_path: Path) -> None:
    r = run("report", "--template-dir", str(tmp_path / "nope"), "-o", "-", SCORED)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_a_bloc_template_overrides_the_shipped_one(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("Báo cáo năm {{ year }}: {{ ranked[0].name }}\n",
                                           encoding="utf-8")
    r = run("report", "--template-dir", str(tmp_path), "-o", "-", SCORED)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Báo cáo năm 2022: Bộ Nội vụ\n"


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_pdf_through_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "bc.pdf"
    r = run("report", "--as-of", "2022-12-31", "-o", str(out), SCORED)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "BÁO CÁO" in text and "Bộ Nội vụ" in text and "15/BC-LMHTXVN" in text


def test_a_plan_from_stdin() -> None:
    text = (PLANS / "report" / "plan-2022-scored.yaml").read_text("utf-8")
    r = run("report", "-f", "json", "--as-of", "2022-12-31", "-", stdin=text)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["ranking"][0]["member"] == "bnv"
    r = run("report", "-", stdin=text)         # a DOCX needs a name
    assert r.returncode == 2
    assert "needs -o" in r.stderr


def test_the_bloc_configuration_applies(tmp_path: Path) -> None:
    (tmp_path / ".thidua.toml").write_text('ignore = ["member-without-score"]\n', "utf-8")
    path = INVALID / "td303-member-without-score.yaml"
    r = run("report", "-f", "json", str(path), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "TD303" not in r.stderr
