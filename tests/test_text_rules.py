"""The text rules (TD401-TD405) and TD204, as tables of what they must and must not flag."""

from __future__ import annotations

import textwrap
import unicodedata
from datetime import date

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text

from .conftest import TODAY

HEAD = """\
version: 1
year: 2022
title: Tổ chức phong trào thi đua, khen thưởng năm 2022
theme: Thi đua hoàn thành xuất sắc nhiệm vụ
bloc:
  name: Khối thi đua thử nghiệm
  head: btc
  members:
    - {id: btc, name: Bộ Tài chính}
    - {id: bnv, name: Bộ Nội vụ}
objectives:
  - {id: o1, text: Hoàn thành xuất sắc nhiệm vụ năm 2022.}
"""
START = HEAD.count("\n")  # body line 1 is file line START + 1
NFD = "Thi đua hoàn thành"
NFD_TEXT = unicodedata.normalize("NFD", NFD)


def found(body: str, code: str, today: date = TODAY) -> list[tuple[int, int, str | None]]:
    """``(body line, column, hint)`` of each ``code`` finding in the plan HEAD + body."""
    text = HEAD + textwrap.dedent(body)
    result = lint_text(text, "plan.yaml", LintOptions(today=today))
    return [(f.line - START, f.column, f.hint) for f in result.findings if f.code == code]


def task(title: str, extra: str = "") -> str:
    return f"tasks:\n  - id: t1\n    title: {title}\n    objectives: [o1]\n{extra}"


# -- TD401 not-nfc ----------------------------------------------------------------------

@pytest.mark.parametrize(("title", "expected"), [
    (NFD_TEXT, [(3, 22)]),  # points at the "a" of "hoàn"
    (f'"{NFD_TEXT}"', [(3, 23)]),  # after the opening quote
    (NFD, []),
    ("x\u0301 có dấu sắc", []),  # no precomposed letter exists: NFC already
    ("Ủy ban", []),
])
def test_not_nfc(title: str, expected: list[tuple[int, int]]) -> None:
    assert [(line, col) for line, col, _ in found(task(title), "TD401")] == expected


def test_not_nfc_everywhere_in_the_data() -> None:
    body = task("Tiêu đề", f"    details: [{NFD_TEXT}, đúng]\n    result: {NFD_TEXT}\n")
    assert [line for line, _, _ in found(body, "TD401")] == [5, 6]


# -- TD402 misspelling ------------------------------------------------------------------

@pytest.mark.parametrize(("title", "expected"), [
    ("Bổ xung kế hoạch", [(3, 12, "write 'Bổ sung'")]),
    ("Họp về việc SÁT NHẬP", [(3, 24, "write 'SÁP NHẬP'")]),
    ("'Tránh sơ xuất'", [(3, 19, "write 'sơ suất'")]),
    ("chuẩn đoán, xắp xếp và xẩy ra", [(3, 12, "write 'chẩn đoán'"),
                                     (3, 24, "write 'sắp xếp'"),
                                     (3, 35, "write 'xảy ra'")]),
    ("Bổ sung kế hoạch", []),
    ("Tăng cường giám sát nhập khẩu", []),
    ("Hoàn thiện hồ sơ xuất trình", []),
    ("Tham quan, thăm quan di tích", []),
])
def test_misspelling(title: str, expected: list[tuple[int, int, str]]) -> None:
    assert found(task(title), "TD402") == expected


def test_misspelling_in_folded_text_points_at_the_value() -> None:
    body = task("Tiêu đề", "    details: >-\n      tránh vô hình\n      chung\n")
    assert found(body, "TD402") == [(5, 14, "write 'vô hình trung'")]


def test_misspelling_in_decomposed_text_is_found_at_the_value() -> None:
    text = unicodedata.normalize("NFD", "Họp bổ xung")
    assert found(task(text), "TD402") == [(3, 12, "write 'bổ sung'")]


# -- TD403 symbol-format ----------------------------------------------------------------

def plan_with_document(symbol: str) -> str:
    return ("document:\n  issuer: BỘ TÀI CHÍNH\n"
            f"  symbol: {symbol}\n  place: Hà Nội\n" + task("Tiêu đề"))


@pytest.mark.parametrize(("symbol", "hint"), [
    ("KH-BTC", None),
    ("KH-BKHĐT", None),
    ("KH-UBND2", None),
    ("KH-BTC-BNV", None),
    ("05/KH-BTC", "did you mean 'KH-BTC'?"),
    ("KH-btc", "did you mean 'KH-BTC'?"),
    ("KH - BTC", "did you mean 'KH-BTC'?"),
    ("BTC", "did you mean 'KH-BTC'?"),
    ("BC-BTC", "for example KH-LMHTXVN"),
    ("KH_BTC", "for example KH-LMHTXVN"),
])
def test_document_symbol(symbol: str, hint: str | None) -> None:
    hits = found(plan_with_document(symbol), "TD403")
    if hint is None:
        assert hits == []
    else:
        (line, _, got), = hits
        assert line == 3
        assert got is not None and got.startswith(hint)


def plan_with_basis(number: str) -> str:
    return ("basis:\n"
            f"  - {{id: b1, number: '{number}', date: 2014-04-07, issuer: Bộ Chính trị,"
            " title: về thi đua}\n" + task("Tiêu đề", "    basis: [b1]\n"))


@pytest.mark.parametrize("number", [
    "07/CT-TTg", "06/2022/QH15", "98/2023/NĐ-CP", "176/2025/QH15", "15/2025/TT-BNV",
    "01/2024/TTLT-BTC-BNV", "1234/QĐ-TTg", "12/2022/UBTVQH15", "20/BC-TĐKT",
    "34-CT/TW", "12-NQ/TW", "102-QĐ/TW", "01-QĐi/TW", "123-HD/BTGTW",
])
def test_basis_number_with_an_official_shape(number: str) -> None:
    assert found(plan_with_basis(number), "TD403") == []


@pytest.mark.parametrize(("number", "hint"), [
    ("34/CT-TW", "did you mean '34-CT/TW'?"),
    ("07 /CT-TTg", "did you mean '07/CT-TTg'?"),
    ("07/CT–TTg", "did you mean '07/CT-TTg'?"),
    ("Chỉ thị số 34-CT/TW", "did you mean '34-CT/TW'?"),
    ("07/ct-ttg", "write only the number and symbol"),
    ("Luật Thi đua, khen thưởng", "write only the number and symbol"),
    ("34-CT", "write only the number and symbol"),
])
def test_basis_number_without_one(number: str, hint: str) -> None:
    (line, _, got), = found(plan_with_basis(number), "TD403")
    assert line == 2
    assert got is not None and got.startswith(hint)


def test_symbol_format_runs_on_a_plan_that_fails_the_schema() -> None:
    text = plan_with_document("05/KH-BTC").replace("  place: Hà Nội\n", "")
    codes = [f.code for f in lint_text(HEAD + text, "p.yaml",
                                       LintOptions(today=TODAY)).findings]
    assert codes == ["TD002", "TD403"]


# -- TD404 mixed-tone-style -------------------------------------------------------------

@pytest.mark.parametrize(("texts", "expected"), [
    # the less used style is reported, with the other spelling as the hint
    (["Ủy ban Dân tộc", "Ủy ban nhân dân", "Uỷ ban Dân tộc"], [(8, 9, "write 'Ủy'")]),
    (["thuỷ lợi", "thủy sản", "thuỷ điện"], [(7, 9, "write 'thuỷ'")]),
    # a tie: the later spelling is reported
    (["hòa giải", "hoà nhập"], [(7, 9, "write 'hòa'")]),
    (["khoẻ mạnh", "Sức khỏe"], [(7, 13, "write 'khoẻ'")]),
    # one style per word, different words in different styles, no two spellings
    (["Ủy ban", "ủy viên"], []),
    (["hòa giải", "thuỷ lợi"], []),
    (["hoàn thành", "thuyết trình", "quý I"], []),
])
def test_mixed_tone_style(texts: list[str], expected: list[tuple[int, int, str]]) -> None:
    details = "".join(f"      - {t}\n" for t in texts)
    assert found(task("Tiêu đề", f"    details:\n{details}"), "TD404") == expected


def test_mixed_tone_style_candidates_find_the_pairs_of_the_literal_expression() -> None:
    # The quick test (a class for the o or u, then ``_PAIRS``) against the
    # expression it replaced, one literal alternative for each toned pair, on
    # text made of those letters, others and word ends in every order.
    import random
    import re

    from thidua_cli.lint.rules import mixed_tone_style as rule

    pairs = rule._toned_pairs()
    literal = re.compile("(?:" + "|".join(pairs) + r")(?!\w)")
    letters = [*{c for p in pairs for c in p}, *"oauyeOAUYE", "ơ", "ư", "ă", "n", " ", ".",
               "1", "_", "\u0300"]
    rng = random.Random(17)
    texts = ["".join(rng.choice(letters) for _ in range(rng.randrange(1, 40)))
             for _ in range(20_000)] + [f"{p}{end}" for p in pairs for end in ("", " ", "n", "-")]
    for text in texts:
        assert [(w, s) for w, s in rule._words(text)] == [
            (text[s:m.end()], s) for m in literal.finditer(text)
            for s in [_word_start(text, m.start())]], text


def _word_start(text: str, start: int) -> int:
    while start and text[start - 1].isalnum():
        start -= 1
    return start


# -- TD405 legacy-encoding --------------------------------------------------------------

@pytest.mark.parametrize(("title", "hint"), [
    ("Uû ban nh©n d©n", "it probably reads 'Uỷ ban nhân dân'"),
    ("Hµ Néi", "it probably reads 'Hà Nội'"),
    ("Vieät Nam", "it probably reads 'Việt Nam'"),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", None),
    ("Tham quan München, © 2022", None),
])
def test_legacy_encoding(title: str, hint: str | None) -> None:
    assert found(task(title), "TD405") == ([(3, 12, hint)] if hint else [])


# -- TD204 overdue ----------------------------------------------------------------------

@pytest.mark.parametrize(("when", "status", "today", "flagged"), [
    ("due: 2022-05-31", "planned", date(2022, 6, 1), True),
    ("due: 2022-05-31", "in_progress", date(2022, 6, 1), True),
    ("due: 2022-05-31", "done", date(2022, 6, 1), False),
    ("due: 2022-05-31", "cancelled", date(2022, 6, 1), False),
    ("due: 2022-06-01", "planned", date(2022, 6, 1), False),  # due today: not yet late
    ("due: 2022-06-02", "planned", date(2022, 6, 1), False),
])
def test_overdue_task(when: str, status: str, today: date, flagged: bool) -> None:
    body = task("Tiêu đề", f"    {when}\n    status: {status}\n")
    assert [line for line, _, _ in found(body, "TD204", today)] == ([5] if flagged else [])


@pytest.mark.parametrize(("when", "today", "flagged"), [
    ("date: 2022-05-31", date(2022, 6, 1), True),
    ("date: 2022-06-01", date(2022, 6, 1), False),
    ("month: 5/2022", date(2022, 6, 1), True),
    ("month: 2022-05", date(2022, 5, 31), False),  # the month is not over yet
    ("month: 2022-02", date(2022, 3, 1), True),
])
def test_overdue_event(when: str, today: date, flagged: bool) -> None:
    body = task("Tiêu đề", f"events:\n  - id: e1\n    title: Hội nghị\n    {when}\n")
    assert [line for line, _, _ in found(body, "TD204", today)] == ([8] if flagged else [])


def test_text_rules_in_vietnamese() -> None:
    text = HEAD + task("Bổ xung kế hoạch")
    (finding,) = lint_text(text, "p.yaml", LintOptions(lang="vi", today=TODAY)).findings
    assert (finding.message, finding.hint) == ("'Bổ xung' sai chính tả", "viết là 'Bổ sung'")
