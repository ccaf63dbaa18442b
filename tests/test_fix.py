"""``--fix``: the values it corrects, the bytes it keeps, the files it refuses."""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_cli.errors import UsageError
from thidua_cli.fix import apply, fix_paths
from thidua_cli.lint.engine import LintOptions, lint_text
from thidua_cli.loader import parse

from .conftest import TODAY
from .test_text_rules import HEAD

NFD = unicodedata.normalize("NFD", "hoàn thành")


def fixed(body: str) -> str | None:
    """The plan HEAD + body after every fix its findings offer."""
    text = HEAD + body
    fixes = [f.fix for f in lint_text(text, "p.yaml", LintOptions(today=TODAY)).findings
             if f.fix is not None]
    assert fixes, "the case must have something to fix"
    out = apply(text, fixes)
    return None if out is None else out[len(HEAD):]


TASK = "tasks:\n  - id: t1\n    title: {}\n    objectives: [o1]\n"


@pytest.mark.parametrize(("title", "after"), [
    ("Bổ xung kế hoạch", "Bổ sung kế hoạch"),
    ("BỔ XUNG KẾ HOẠCH", "BỔ SUNG KẾ HOẠCH"),
    ("'Tránh sơ xuất'   # a comment stays", "'Tránh sơ suất'   # a comment stays"),
    ('"Tránh sơ xuất, chuẩn đoán"', '"Tránh sơ suất, chẩn đoán"'),
    (f"Thi đua {NFD}", "Thi đua hoàn thành"),
    (f"'{unicodedata.normalize('NFD', 'Bổ')} xung'", "'Bổ sung'"),  # NFC, then the word
])
def test_one_line_values(title: str, after: str) -> None:
    assert fixed(TASK.format(title)) == TASK.format(after)


@pytest.mark.parametrize(("details", "after"), [
    ("    details: >-\n      vô hình\n      chung ở đây\n",
     "    details: >-\n      vô hình\n      trung ở đây\n"),
    ("    details: |\n      Bổ xung\n      danh sách\n",
     "    details: |\n      Bổ sung\n      danh sách\n"),
    ("    details:\n      - tránh xẩy ra\n        sơ xuất\n",
     "    details:\n      - tránh xảy ra\n        sơ suất\n"),
    ("    details: [ sát nhập ,  'bổ xung' ]\n", "    details: [ sáp nhập ,  'bổ sung' ]\n"),
])
def test_multi_line_and_flow_values_keep_their_layout(details: str, after: str) -> None:
    assert fixed(TASK.format("Tiêu đề") + details) == TASK.format("Tiêu đề") + after


def test_an_anchor_is_fixed_once_for_its_aliases() -> None:
    body = ("tasks:\n  - {id: t1, title: &t Bổ xung, objectives: [o1]}\n"
            "  - {id: t2, title: *t, objectives: [o1]}\n")
    assert fixed(body) == body.replace("Bổ xung", "Bổ sung")


def test_a_suppressed_finding_is_not_fixed() -> None:
    text = HEAD + TASK.format("Bổ xung  # thidua: ignore[TD402]") + "    details: [bổ xung]\n"
    findings = lint_text(text, "p.yaml", LintOptions(today=TODAY)).findings
    out = apply(text, [f.fix for f in findings if f.fix is not None])
    assert out == text.replace("[bổ xung]", "[bổ sung]")


def test_an_escaped_combining_mark_is_refused() -> None:
    # The value is decomposed only through the escape: normalising the source text
    # would not normalise the value, and the re-parse shows it.
    body = TASK.format('"hoa\\u0300n"')
    assert fixed(body) is None


_WORDS = ["bổ xung", "thi đua", "sát nhập", "kế hoạch", NFD, "vô hình chung", "Ủy ban", "2022"]
_STYLES = ["plain", "single", "double", "folded", "literal"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6), st.sampled_from(_STYLES))
def test_any_value_fixes_to_its_corrected_data(words: list[str], style: str) -> None:
    value = " ".join(words)
    if style == "plain":
        source = f"    details: x {value}\n"
    elif style == "single":
        source = f"    details: 'x {value}'\n"
    elif style == "double":
        source = f'    details: "x {value}"\n'
    else:
        indicator = ">-" if style == "folded" else "|-"
        source = f"    details: {indicator}\n      x {' '.join(words[:2])}\n      {value}\n"
    text = HEAD + TASK.format("Tiêu đề") + "    # a comment\n" + source + "    lead: all\n"
    findings = lint_text(text, "p.yaml", LintOptions(today=TODAY)).findings
    fixes = [f.fix for f in findings if f.fix is not None]
    out = apply(text, fixes) if fixes else text
    assert out is not None
    before, after = parse(text).data, parse(out).data
    from thidua_cli.text.misspelling import correct

    expected = correct(unicodedata.normalize("NFC", before["tasks"][0]["details"]))
    assert after["tasks"][0]["details"] == expected
    # Every line but the value's own is unchanged, comments included.
    changed = [i for i, (a, b) in enumerate(zip(text.split("\n"), out.split("\n"), strict=True))
               if a != b]
    first = text.split("\n").index(source.split("\n")[0])
    assert all(first <= i < first + source.count("\n") for i in changed)


# -- files ------------------------------------------------------------------------------

def plan_file(tmp_path: Path, body: str, name: str = "plan.yaml", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + (HEAD + body).encode("utf-8"))
    return path


def test_fix_writes_in_place_keeping_bom_and_permissions(tmp_path: Path) -> None:
    path = plan_file(tmp_path, TASK.format("Bổ xung\r"), bom=True)
    os.chmod(path, 0o640)
    outcome = fix_paths([str(path)], LintOptions(today=TODAY), write=True)
    assert outcome.fixed == 1
    assert path.read_bytes() == codecs.BOM_UTF8 + (HEAD + TASK.format("Bổ sung\r")).encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # no temporary left
    assert outcome.result.findings == []


def test_fix_through_a_symlink_changes_the_file(tmp_path: Path) -> None:
    path = plan_file(tmp_path, TASK.format("Bổ xung"))
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    fix_paths([str(link)], LintOptions(today=TODAY), write=True)
    assert link.is_symlink()
    assert "Bổ sung" in path.read_text("utf-8")


def test_diff_mode_writes_nothing(tmp_path: Path) -> None:
    path = plan_file(tmp_path, TASK.format("Bổ xung"))
    before = path.read_bytes()
    outcome = fix_paths([str(path)], LintOptions(today=TODAY), write=False)
    assert path.read_bytes() == before
    (change,) = outcome.changes
    assert "-    title: Bổ xung\n+    title: Bổ sung\n" in change.diff()


def test_remaining_findings_are_reported(tmp_path: Path) -> None:
    path = plan_file(tmp_path, TASK.format("Bổ xung") + "    lead: ai\n")
    outcome = fix_paths([str(path)], LintOptions(today=TODAY), write=True)
    assert [f.code for f in outcome.result.findings] == ["TD101"]


def test_a_file_with_yaml_errors_is_never_changed(tmp_path: Path) -> None:
    path = plan_file(tmp_path, TASK.format("Bổ xung") + "    title: Bổ xung\n")  # duplicate key
    before = path.read_bytes()
    outcome = fix_paths([str(path)], LintOptions(today=TODAY), write=True)
    assert path.read_bytes() == before
    assert outcome.changes == ()


def test_nothing_to_fix_changes_nothing(tmp_path: Path) -> None:
    path = plan_file(tmp_path, TASK.format("Bổ sung"))
    assert fix_paths([str(path)], LintOptions(today=TODAY), write=True).changes == ()


def test_standard_input_cannot_be_fixed_in_place() -> None:
    with pytest.raises(UsageError):
        fix_paths(["-"], LintOptions(today=TODAY), write=True)


RECIPIENTS = ("document:\n  issuer: BỘ TÀI CHÍNH\n  symbol: KH-BTC\n  place: Hà Nội\n"
              "  recipients:\n    - {}\n" + TASK.format("Thi đua"))


@pytest.mark.parametrize(("recipient", "after"), [
    ('"- Như trên;"', '"Như trên"'),
    ('"- - Như trên;;"', '"Như trên"'),
    ("'- Như trên;'", "'Như trên'"),
    ("Các thành viên Khối;", "Các thành viên Khối"),
    ('"•  Lưu: VT, TĐKT."', '"Lưu: VT, TĐKT"'),
    ('"– Bộ Nội vụ ;"', '"Bộ Nội vụ"'),
    ("Hội đồng Thi đua - Khen thưởng Trung ương.", "Hội đồng Thi đua - Khen thưởng Trung ương"),
])
def test_recipient_pasted_from_word(recipient: str, after: str) -> None:
    assert fixed(RECIPIENTS.format(recipient)) == RECIPIENTS.format(after)


def test_the_fix_diff_is_difflibs_for_lines_changed_in_place() -> None:
    import difflib
    import random

    from thidua_cli.fix import unified_diff

    rng = random.Random(18)
    for _ in range(500):
        before = [f"line {i}\n" for i in range(rng.randint(0, 80))]
        after = list(before)
        for _ in range(rng.randint(0, 6)):
            if after:
                i = rng.randrange(len(after))
                after[i] = f"fixed {i}\n"
        if after and rng.random() < 0.2:
            after[-1] = after[-1].rstrip("\n")
        assert unified_diff(before, after, "p.yaml") == list(
            difflib.unified_diff(before, after, "p.yaml", "p.yaml"))


def test_the_fix_diff_of_sides_that_do_not_pair_up() -> None:
    import difflib

    from thidua_cli.fix import unified_diff

    before = [f"{i}\n" for i in range(30)]
    after = [*before[:10], "new\n", *before[12:]]
    assert unified_diff(before, after, "p") == list(
        difflib.unified_diff(before, after, "p", "p"))
