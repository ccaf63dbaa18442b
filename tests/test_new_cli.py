"""``thidua new`` as a user runs it: files, refusals, reminders, exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from .conftest import EXAMPLE, PLANS
from .helpers import run


def test_new_from_the_example_writes_a_clean_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan-2023.yaml"
    r = run("new", str(out), "--year", "2023", "--from", str(EXAMPLE), "--today", "2023-01-02")
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{out}\n"
    assert "reminder: the bloc head and deputies rotate every year" in r.stderr
    assert "head is still 'lmhtxvn'" in r.stderr
    assert "note: 5 text(s) still mention 2022" in r.stderr
    lint = run("lint", "--today", "2023-01-02", str(out))
    assert lint.returncode == 0 and "no problems" in lint.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["plan-2023.yaml"]   # no temp file left


def test_the_note_names_the_first_ten_texts_that_still_mention_the_year(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8").replace("tasks:\n", "tasks:\n" + "".join(
        f"  - {{id: nhac-{i}, title: Rà soát kết quả năm 2022 lần {i}, lead: all}}\n"
        for i in range(20)), 1)
    source, out = tmp_path / "plan-2022.yaml", tmp_path / "plan-2023.yaml"
    source.write_text(text, "utf-8")
    r = run("new", str(out), "--year", "2023", "--from", str(source), "--today", "2023-01-02")
    assert r.returncode == 0, r.stderr
    (note,) = [line for line in r.stderr.splitlines() if line.startswith("note:")]
    head, _, names = note.partition("; check them: ")
    assert head == "note: 25 text(s) still mention 2022"   # the example's 5 and the 20 added
    shown, _, more = names.rpartition(" and ")
    assert shown.split(", ")[:3] == ["objectives[0].text", "objectives[1].text",
                                     "tasks[0].title"]
    assert len(shown.split(", ")) == 10 and more == "15 more"
    vi = run("new", str(out), "--year", "2023", "--from", str(source), "--today", "2023-01-02",
             "--force", "--lang", "vi")
    assert f"hãy kiểm tra: {shown} và 15 chỗ khác" in vi.stderr


def test_head_and_deputies(tmp_path: Path) -> None:
    out = tmp_path / "plan-2023.yaml"
    r = run("new", str(out), "--year", "2023", "--from", str(EXAMPLE), "--head", "btc",
            "--deputies", "bnv,vpcp", "--deputies", "nhnn")
    assert r.returncode == 0, r.stderr
    assert "reminder" not in r.stderr
    text = out.read_text("utf-8")
    assert "  head: btc\n" in text and "  deputies: [bnv, vpcp, nhnn]\n" in text


def test_a_deputy_promoted_to_head_leaves_the_deputies(tmp_path: Path) -> None:
    source = PLANS / "valid" / "scoring.yaml"        # head btc, deputies [bnv]
    out = tmp_path / "next.yaml"
    r = run("new", str(out), "--year", "2023", "--from", str(source), "--head", "bnv")
    assert r.returncode == 0, r.stderr
    assert "'bnv' is now the bloc head" in r.stderr
    text = out.read_text("utf-8")
    assert "  head: bnv\n" in text and "deputies" not in text


@pytest.mark.parametrize(("args", "message"), [
    (("--head", "bttc"), "--head: 'bttc' is not a member of the bloc (did you mean 'btc'?)"),
    (("--deputies", "btc,xyz"), "--deputies: 'xyz' is not a member of the bloc"),
    (("--head", "btc", "--deputies", "btc"), "cannot be both the bloc head and a deputy"),
    (("--year", "20230"), "2100"),
])
def test_bad_options_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    out = tmp_path / "p.yaml"
    r = run("new", str(out), "--year", "2023", "--from", str(EXAMPLE), *args)
    assert r.returncode == 2
    assert message in r.stderr
    assert not out.exists()
    assert "Traceback" not in r.stderr


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    r = run("new", str(out), "--year", "2023")
    assert r.returncode == 2
    assert "already exists" in r.stderr and "--force" in r.stderr
    assert out.read_text("utf-8") == "keep me\n"
    r = run("new", str(out), "--year", "2023", "--force")
    assert r.returncode == 0
    assert out.read_text("utf-8").startswith("# Kế hoạch tổ chức phong trào thi đua")


def test_refuses_to_write_over_its_source(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    r = run("new", str(source), "--year", "2023", "--from", str(source), "--force")
    assert r.returncode == 2
    assert "is the plan given with --from" in r.stderr
    assert source.read_text("utf-8") == EXAMPLE.read_text("utf-8")


def test_a_source_with_errors_is_refused(tmp_path: Path) -> None:
    bad = PLANS / "invalid" / "td101-unknown-head.yaml"
    out = tmp_path / "p.yaml"
    r = run("new", str(out), "--year", "2023", "--from", str(bad))
    assert r.returncode == 1
    assert f"{bad}:9:9: error TD101" in r.stderr
    assert "fix them before starting a new plan" in r.stderr
    assert not out.exists()


def test_skeleton_to_stdout_lints_clean_but_its_placeholders() -> None:
    r = run("new", "-", "--year", "2024", "--today", "2024-01-01")
    assert r.returncode == 0
    # The example values are shown as warnings (TD409), and nothing else is.
    assert "TD409" in r.stderr
    assert {ln.split()[2] for ln in r.stderr.splitlines() if " TD" in ln} == {"TD409"}
    lint = run("lint", "--strict", "--ignore", "TD409", "--today", "2024-01-01", "-",
               stdin=r.stdout)
    assert lint.returncode == 0, lint.stdout
    placeholders = run("lint", "--today", "2024-01-01", "-", stdin=r.stdout)
    assert placeholders.returncode == 0 and "TD409" in placeholders.stdout


def test_deadlines_passed_are_shown_as_of_today() -> None:
    r = run("new", "-", "--year", "2024", "--today", "2024-07-01")
    assert r.returncode == 0
    assert "TD204 [overdue] 'tuyen-truyen' was due 2024-06-30" in r.stderr


def test_vietnamese_messages(tmp_path: Path) -> None:
    r = run("new", "--lang", "vi", str(tmp_path / "p.yaml"), "--year", "2023", "--from",
            str(EXAMPLE))
    assert "khối trưởng và khối phó luân phiên hằng năm" in r.stderr


PROVINCE = PLANS / "valid" / "province-bloc.yaml"   # head dak-lak; members with letterheads


@pytest.mark.parametrize(("head", "document", "said"), [
    # A full letterhead: issuer, symbol (KH- kept), place and signer move with the head.
    ("gia-lai",
     "document:\n  issuer: ỦY BAN NHÂN DÂN TỈNH GIA LAI\n  symbol: KH-UBND\n  place: Gia Lai\n"
     "  signer:\n    authority: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]\n"
     "    position: PHÓ CHỦ TỊCH\n    name: Trần Văn Hùng\n",
     ["the letterhead is now that of 'gia-lai'"]),
    # No signer in the letterhead: named, and last year's left for a person to change.
    ("lam-dong",
     "document:\n  issuer: ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n  symbol: KH-UBND\n  place: Lâm Đồng\n"
     "  signer:\n    authority: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]\n"
     "    position: PHÓ CHỦ TỊCH\n    name: Nguyễn Thiên Văn\n",
     ["the letterhead is now that of 'lam-dong'", "the letterhead of 'lam-dong' has no signer"]),
    # No letterhead at all: everything is last year's, and it says so.
    ("quang-ngai",
     "document:\n  issuer: ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK\n  symbol: KH-UBND\n  place: Đắk Lắk\n",
     ["'quang-ngai' has no letterhead"]),
])
def test_a_new_head_brings_its_letterhead(tmp_path: Path, head: str, document: str,
                                          said: list[str]) -> None:
    out = tmp_path / "plan-2027.yaml"
    r = run("new", str(out), "--year", "2027", "--from", str(PROVINCE), "--head", head,
            "--deputies", "", "--today", "2027-01-02")
    assert r.returncode == 0, r.stderr
    for words in said:
        assert words in r.stderr
    text = out.read_text("utf-8")
    assert document in text
    assert "number:" not in text.split("bloc:")[0]           # a new year's draft
    lint = run("lint", "--today", "2027-01-02", str(out))
    assert lint.returncode == 0, lint.stdout                 # no TD107: issuer and head agree


def test_a_letterhead_symbol_keeps_the_plan_type() -> None:
    from thidua_cli.newplan.letterhead import plan_symbol

    assert [plan_symbol(s) for s in ("UBND", "KH-UBND", "BC-UBND", "UBND-VP")] == [
        "KH-UBND", "KH-UBND", "KH-UBND", "KH-UBND-VP"]


def test_the_source_is_judged_for_errors_and_shown_in_full_when_it_has_some(
        tmp_path: Path) -> None:
    from thidua_cli import new_plan

    misspelt = EXAMPLE.read_text("utf-8").replace(
        "Đẩy mạnh công tác tuyên truyền", "Đẩy mạnh, bổ xung công tác tuyên truyền", 1)
    source = tmp_path / "plan-2022.yaml"
    source.write_text(misspelt, "utf-8")
    made = new_plan(year=2023, source=source, today=date(2023, 1, 2))
    assert made.ok and made.source is not None and made.result is not None
    assert made.source.findings == ()                      # warnings are not run on it
    assert [f.code for f in made.result.findings] == ["TD402"]   # the new plan's are
    source.write_text(misspelt.replace("    lead: all\n", "    lead: khong-co\n", 1), "utf-8")
    r = run("new", str(tmp_path / "plan-2023.yaml"), "--year", "2023", "--from", str(source),
            "--today", "2023-01-02")
    assert r.returncode == 1
    assert "error TD101" in r.stderr and "warning TD402" in r.stderr   # all of them


def test_the_year_defaults_to_the_one_after_the_source(tmp_path: Path) -> None:
    out = tmp_path / "plan-2023.yaml"
    r = run("new", str(out), "--from", str(EXAMPLE), "--today", "2023-01-02")
    assert r.returncode == 0, r.stderr
    given = tmp_path / "given.yaml"
    assert run("new", str(given), "--year", "2023", "--from", str(EXAMPLE),
               "--today", "2023-01-02").returncode == 0
    assert out.read_text("utf-8") == given.read_text("utf-8").replace("given.yaml",
                                                                      "plan-2023.yaml")
    assert "\nyear: 2023\n" in out.read_text("utf-8")


def test_a_skeleton_needs_its_year(tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    r = run("new", str(out))
    assert r.returncode == 2
    assert r.stderr == ("thidua: error: give the new plan's year with --year N (only with "
                        "--from, last year's plan, can it be left out: the year after)\n")
    assert not out.exists()
