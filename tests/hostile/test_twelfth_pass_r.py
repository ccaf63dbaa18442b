"""Found by the twelfth red-team pass on what thidua reads and runs, each as a real process.

Beside the defects (bidi controls without a finding, templates widening a text
through filters and ``%`` without bound), the rows marked *held* are attacks
that already failed: kept so that they keep failing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .common import ROOT, Run, thidua

SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
PLAN = ROOT / "plans" / "plan-2022.yaml"


def no_traceback(run: Run) -> None:
    output = run.stdout + run.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]


def unusable(run: Run, message: str) -> None:
    """Exit 2, one message on stderr naming ``message``, nothing on stdout."""
    no_traceback(run)
    assert run.returncode == 2, run.stdout[-1000:] + run.stderr[-1000:]
    assert run.stderr.startswith("thidua: "), run.stderr
    assert message in run.stderr, run.stderr
    assert run.stdout == ""


# --- bidi controls (TD406) ------------------------------------------------------------

BIDI = {
    "RLO in a member's name": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u202echính"', "U+202E"),
    "LRE in a member's name": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u202achính"', "U+202A"),
    "PDF": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u202cchính"', "U+202C"),
    "RLI in a task title": ("title: Tổ chức", 'title: "\\u2067Tổ chức', "U+2067"),
    "PDI": ("title: Tổ chức", 'title: "\\u2069Tổ chức', "U+2069"),
    "LRM raw": ("name: Bộ Tài chính", "name: Bộ Tài\u200e chính", "U+200E"),
    "RLM raw": ("name: Bộ Tài chính", "name: Bộ Tài\u200f chính", "U+200F"),
    "ALM": ("name: Bộ Tài chính", 'name: "Bộ Tài \\u061cchính"', "U+061C"),
}


def _plan_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SCORING.read_text("utf-8")
    assert old in text
    if new.startswith('title: "'):
        # close the quote at the end of that line
        start = text.index(old)
        end = text.index("\n", start)
        text = text[:start] + new + text[start + len(old):end] + '"' + text[end:]
    else:
        text = text.replace(old, new, 1)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, "utf-8")
    return plan


@pytest.mark.parametrize("case", BIDI, ids=list(BIDI))
def test_a_bidi_control_is_a_located_warning(case: str, tmp_path: Path) -> None:
    # Each was kept as written, no finding: the printed name read otherwise.
    old, new, char = BIDI[case]
    plan = _plan_with(tmp_path, old, new)
    line = plan.read_text("utf-8")[:plan.read_text("utf-8").index(new)].count("\n") + 1
    for lang, words in (("en", "bidi control"), ("vi", "điều khiển hướng chữ")):
        run = thidua("lint", "--lang", lang, str(plan))
        no_traceback(run)
        assert run.returncode == 0, run.stdout + run.stderr  # a warning
        assert f"TD406@{line}" in run.findings(), run.stdout
        (found,) = [s for s in run.stdout.splitlines() if "TD406" in s]
        assert char in found and words in found, found
        assert f":{line}:" in found


def test_bidi_warnings_in_json_name_the_character_escaped(tmp_path: Path) -> None:
    plan = _plan_with(tmp_path, "name: Bộ Tài chính", 'name: "Bộ \\u202eTài chính \\u202c"')
    run = thidua("lint", "-f", "json", str(plan))
    assert run.returncode == 0
    assert "\u202e" not in run.stdout
    assert "2 bidi controls, the first U+202E RIGHT-TO-LEFT OVERRIDE" in run.stdout


def test_held_vietnamese_and_zero_width_characters_are_no_bidi(tmp_path: Path) -> None:
    plan = _plan_with(tmp_path, "name: Bộ Tài chính",
                      'name: "Bộ Tài chính\\u200b\\u200d\\u2028 ơ ư đ ạ 😀"')
    run = thidua("lint", str(plan))
    no_traceback(run)
    assert "TD406" not in run.stdout, run.stdout
