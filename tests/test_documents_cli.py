"""``thidua render --doc KIND``, ``--list``, ``--as-of``, ``--per-member`` as a user runs
them; ``thidua report --as-of`` in the middle of the year."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from thidua_cli.documents.registry import kinds

from .conftest import PLANS
from .helpers import run

VOTES = PLANS / "documents" / "plan-2022-votes.yaml"
SCORED = PLANS / "report" / "plan-2022-scored.yaml"


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan-2022.yaml"
    shutil.copyfile(VOTES, target)
    return target


def test_list_prints_every_kind() -> None:
    r = run("render", "--list")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split()[:2] == ["kind", "document"]
    assert [line.split()[0] for line in lines[1:]] == [k.slug for k in kinds()]
    assert "don-doc" in r.stdout and "--per-member" in r.stdout


def test_default_kind_is_the_plan(plan: Path) -> None:
    r = run("render", str(plan))
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{plan.with_suffix('.docx')}\n"
    assert "KẾ HOẠCH" in [p.text for p in Document(str(plan.with_suffix(".docx"))).paragraphs]


@pytest.mark.parametrize(("kind", "options", "name"), [
    ("giao-uoc", (), "plan-2022-giao-uoc.docx"),
    ("so-ket", ("--as-of", "2022-06-30"), "plan-2022-so-ket.docx"),
    ("don-doc", ("--as-of", "2022-12-01"), "plan-2022-don-doc.docx"),
    ("phieu-bau", (), "plan-2022-phieu-bau.docx"),
    ("bien-ban", (), "plan-2022-bien-ban.docx"),
    ("to-trinh", (), "plan-2022-to-trinh.docx"),
    ("tong-ket", ("--as-of", "2022-12-31"), "plan-2022-report.docx"),
])
def test_each_kind_is_written_beside_the_plan(plan: Path, kind: str,
                                              options: tuple[str, ...], name: str) -> None:
    r = run("render", str(plan), "--doc", kind, *options)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{plan.parent / name}\n"
    assert (plan.parent / name).read_bytes().startswith(b"PK")


def test_markdown_to_stdout(plan: Path) -> None:
    r = run("render", str(plan), "--doc", "bien-ban", "-o", "-")
    assert r.returncode == 0, r.stderr
    assert "# BIÊN BẢN" in r.stdout
    assert "| 1 | Bộ Nội vụ | 9/9 | 100% | 0/9 | 0% | Đạt |" in r.stdout


def test_one_letter_per_member(plan: Path) -> None:
    r = run("render", str(plan), "--doc", "don-doc", "--as-of", "2022-12-01", "--per-member")
    assert r.returncode == 0, r.stderr
    written = [plan.parent / "plan-2022-don-doc-vpqh.docx",
               plan.parent / "plan-2022-don-doc-bnv.docx"]
    assert r.stdout == "".join(f"{p}\n" for p in written)
    for path, member in zip(written, ("Văn phòng Quốc hội", "Bộ Nội vụ"), strict=True):
        texts = [p.text for p in Document(str(path)).paragraphs]
        assert f"Kính gửi: {member}." in texts
    bnv = "\n".join(c.text for t in Document(str(written[1])).tables for r_ in t.rows
                    for c in r_.cells)
    assert "Bộ Nội vụ" in bnv and "Văn phòng Quốc hội" not in bnv


def test_per_member_letters_named_after_o(plan: Path) -> None:
    out = plan.parent / "out" / "nhac.md"
    out.parent.mkdir()
    r = run("render", str(plan), "--doc", "don-doc", "--as-of", "2022-12-01", "--per-member",
            "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["nhac-bnv.md", "nhac-vpqh.md"]


@pytest.mark.parametrize(("args", "message"), [
    (("--doc", "bienban"), "'bienban' is not a kind of document; did you mean 'bien-ban'?"),
    (("--doc", "x"), "'x' is not a kind of document; the kinds: ke-hoach, tong-ket"),
    (("--doc", "giao-uoc", "--as-of", "2022-06-30"),
     "--as-of does not apply to --doc giao-uoc; it applies to: tong-ket, so-ket, don-doc"),
    (("--per-member",), "--per-member does not apply to --doc ke-hoach; it applies to: "
                        "don-doc"),
    (("--doc", "don-doc", "--per-member", "-o", "-"), "--per-member writes one file per member"),
    (("--doc", "don-doc", "--as-of", "2022-01-01"),
     "no task is overdue on 2022-01-01: there is no one to remind"),
])
def test_usage_problems_exit_2(plan: Path, args: tuple[str, ...], message: str) -> None:
    r = run("render", str(plan), *args)
    assert r.returncode == 2, r.stdout + r.stderr
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_no_plan_and_no_list_is_a_usage_error() -> None:
    r = run("render")
    assert r.returncode == 2
    assert "give the plan file to render" in r.stderr


@pytest.mark.parametrize(("kind", "missing"), [
    ("bien-ban", "review.meeting"), ("to-trinh", "awards"), ("phieu-bau", "awards")])
def test_a_kind_needs_its_data(tmp_path: Path, kind: str, missing: str) -> None:
    from .conftest import EXAMPLE

    r = run("render", str(EXAMPLE), "--doc", kind, "-o", str(tmp_path / "x.docx"))
    assert r.returncode == 2
    assert f"--doc {kind} needs {missing} in the plan" in r.stderr
    assert not (tmp_path / "x.docx").exists()


def test_vote_rules_gate_the_minutes_whatever_the_configuration(plan: Path) -> None:
    text = plan.read_text("utf-8").replace("bnv: {agree: 9, disagree: 0}",
                                           "bnv: {agree: 7, disagree: 2}")
    plan.write_text(text, "utf-8")
    (plan.parent / ".thidua.toml").write_text('ignore = ["TD601"]\n', "utf-8")
    assert run("lint", str(plan), cwd=plan.parent).returncode == 0
    assert run("render", str(plan), cwd=plan.parent).returncode == 0  # the plan: not gated
    for kind in ("bien-ban", "to-trinh"):
        r = run("render", str(plan), "--doc", kind, cwd=plan.parent)
        assert r.returncode == 1, r.stderr
        assert "TD601 [below-threshold] 'bnv' has 7 of 9 votes (77,77%)" in r.stderr
        assert not (plan.parent / f"plan-2022-{kind}.docx").exists()


def test_configured_threshold_changes_the_minutes(plan: Path) -> None:
    (plan.parent / ".thidua.toml").write_text(
        '[awards."Bằng khen của Thủ tướng Chính phủ"]\nthreshold = 70\n'
        'source = "Quy chế của Khối, Điều 9"\n', "utf-8")
    r = run("render", str(plan), "--doc", "bien-ban", "-o", "-", cwd=plan.parent)
    assert r.returncode == 0, r.stderr
    assert ("Tỷ lệ phiếu đồng ý cần đạt: từ 70% tổng số thành viên Khối trở lên "
            "(Quy chế của Khối, Điều 9).") in r.stdout
    assert "| 3 | Văn phòng Quốc hội | 4/9 | 44,44% | 5/9 | 55,55% | Không đạt |" in r.stdout


# ---------------------------------------------------------------- report --as-of


@pytest.mark.parametrize(("as_of", "title", "absent"), [
    ("2022-06-30", "**Sơ kết 6 tháng đầu năm 2022 công tác thi đua, khen thưởng",
     "Tổng kết công tác"),
    ("2022-12-31", "**Tổng kết công tác thi đua, khen thưởng năm 2022", "Sơ kết"),
])
def test_report_titles_itself_by_its_day(as_of: str, title: str, absent: str) -> None:
    r = run("report", str(SCORED), "--as-of", as_of, "-o", "-")
    assert r.returncode == 0, r.stderr
    assert title in r.stdout
    assert absent not in r.stdout


def test_mid_year_report_part_two_is_the_second_half() -> None:
    r = run("report", str(SCORED), "--as-of", "2022-06-30", "-o", "-")
    assert "## Phần II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2022" in r.stdout
    assert "## Phần I. KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2022" in r.stdout


def test_mid_year_report_docx_title_property(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert run("report", str(SCORED), "--as-of", "2022-06-30", "-o", str(out)).returncode == 0
    assert Document(str(out)).core_properties.title == (
        "Báo cáo sơ kết 6 tháng đầu năm 2022 công tác thi đua, khen thưởng")


def test_report_nominations_show_votes_and_threshold() -> None:
    r = run("report", str(VOTES), "--as-of", "2022-12-31", "-o", "-")
    assert ("- Cờ thi đua của Chính phủ: Bộ Nội vụ (98 điểm, xếp thứ 1; 9/9 phiếu đồng ý, đạt "
            "100%). Tỷ lệ phiếu đồng ý cần đạt: từ 80% tổng số thành viên Khối trở lên") in r.stdout


def test_messages_in_vietnamese(plan: Path) -> None:
    r = run("render", str(plan), "--doc", "bienban", "--lang", "vi")
    assert r.returncode == 2
    assert "'bienban' không phải là loại văn bản; có phải là 'bien-ban'?" in r.stderr
