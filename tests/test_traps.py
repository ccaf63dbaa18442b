"""The traps of a first plan: one finding at its line, the fix in its hint, in both languages.

Each row: a change to the minimal plan, the finding it must give (line,
code) and words its English and Vietnamese hints must hold.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from thidua_cli.lint.engine import LintOptions, lint_text

from .conftest import PLANS, TODAY

MINIMAL = (PLANS / "valid" / "minimal.yaml").read_text("utf-8")
TASK = "    title: Thi đua hoàn thành nhiệm vụ chính trị được giao\n"


def lint(text: str, lang: str) -> list[tuple[int, str, str, str]]:
    result = lint_text(text, "plan.yaml", LintOptions(lang=lang, today=TODAY))  # type: ignore[arg-type]
    return [(f.line, f.code, f.message, f.hint or "") for f in result.findings]


def with_tail(tail: str) -> str:
    return MINIMAL + textwrap.dedent(tail)


TRAPS = {
    "comma in a flow mapping": (
        with_tail("""\
            criteria:
              - {id: k, title: Tổ chức phong trào thi đua, khen thưởng, max_points: 10}
            """),
        (23, "TD002"), ["comma ends the value", "quotes", "block form"],
        ["dấu phẩy kết thúc giá trị", "dấu ngoặc kép"]),
    "recipient read as a mapping": (
        MINIMAL.replace("bloc:\n", "document:\n  issuer: BỘ TÀI CHÍNH\n  symbol: KH-BTC\n"
                        "  place: Hà Nội\n  recipients:\n    - Lưu: VT, NC\nbloc:\n"),
        (12, "TD002"), ['"Lưu: VT, NC"', "quotes"], ['"Lưu: VT, NC"', "dấu ngoặc kép"]),
    "decimal comma in flow": (
        with_tail("""\
            criteria:
              - {id: khoi, title: Tham gia hoạt động của Khối, max_points: 20}
            scores:
              btc: {khoi: 18,5}
            """),
        (25, "TD002"), ["write 18.5"], ["viết 18.5"]),
    "decimal comma quoted": (
        with_tail("""\
            criteria:
              - {id: khoi, title: Tham gia hoạt động của Khối, max_points: 20}
            scores:
              btc: {khoi: "18,5"}
            """),
        (25, "TD002"), ["write 18.5"], ["viết 18.5"]),
    "misspelt key": (
        MINIMAL.replace(TASK, TASK.replace("title", "tittle")),
        (20, "TD002"), ["did you mean 'title'?"], ["có phải là 'title'?"]),
    "unknown member without a close one": (
        MINIMAL.replace("  head: btc", "  head: xyz"),
        (9, "TD101"), ["valid ids: bnv, btc"], ["các mã hợp lệ: bnv, btc"]),
}


@pytest.mark.parametrize("name", TRAPS)
def test_trap_is_one_finding_with_its_fix(name: str) -> None:
    text, where, english, vietnamese = TRAPS[name]
    for lang, words in (("en", english), ("vi", vietnamese)):
        found = lint(text, lang)
        assert [(line, code) for line, code, _, _ in found] == [where], (lang, found)
        hint = found[0][3]
        assert all(w in hint for w in words), (lang, hint)


YAML_WORDS = re.compile(r"\b(mapping|sequence|scalar|anchor|alias|flow|block|token)\b", re.I)


def test_a_misnamed_key_with_its_value_after_a_comma_is_no_comma_trap() -> None:
    # `{id: k, text: t, ...}`: `text` has a value; no comma split the value before it.
    text = with_tail("criteria:\n  - {id: k, text: t, max_points: 10}\n")
    found = [f for f in lint(text, "en") if "'text'" in f[2]]
    assert found and all("comma" not in hint for _, _, _, hint in found), found


@pytest.mark.parametrize("text", [
    "a: {b: c\n", "a: [b, c\n", "a: b: c\n", "a:\n  - b\n c: d\n", 'a: "b\n', "a: @x\n",
    "a: *nope\n", 'a: "\\q"\n', "- a\n", "5\n", "a: &x 1\nb: &x 2\n", "a: &x [*x]\n",
    MINIMAL.replace("  members:\n", "  members: {}\n"),
    MINIMAL.replace("title: Tổ chức", "title:\n  - Tổ chức"),
], ids=lambda t: t[:20])
def test_vietnamese_messages_have_no_yaml_jargon(text: str) -> None:
    for _, _, message, hint in lint(text, "vi"):
        assert not YAML_WORDS.search(message + hint), message + hint


def test_a_plan_with_placeholders_still_renders_with_its_warnings(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "thidua_cli", *args], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120,
                              env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})

    assert run("new", "plan.yaml", "--year", "2023", "--today", "2023-01-01").returncode == 0
    done = run("render", "plan.yaml", "-o", "plan.md", "--today", "2023-01-01")
    assert done.returncode == 0, done.stderr
    assert "TD409" in done.stderr and "TÊN CƠ QUAN KHỐI TRƯỞNG" in done.stderr
    assert "TÊN CƠ QUAN KHỐI TRƯỞNG" in (tmp_path / "plan.md").read_text("utf-8")
