"""``thidua rules`` as a user runs it."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest

from thidua_cli.lint.rules import RULES

from .conftest import ROOT
from .helpers import run


def test_table_when_piped_is_plain_one_rule_a_line() -> None:
    r = run("rules")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "summary"]
    assert [line.split()[0] for line in lines[1:]] == [rule.code for rule in RULES]
    assert "TD101  unknown-member" in r.stdout
    assert "\x1b[" not in r.stdout


def test_table_in_vietnamese() -> None:
    r = run("rules", "--lang", "vi")
    assert r.stdout.startswith("mã")
    assert "Mã không phải là thành viên của Khối" in r.stdout


@pytest.mark.parametrize("query", ["TD101", "td101", "unknown-member"])
def test_one_rule_in_full(query: str) -> None:
    r = run("rules", query)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("TD101 unknown-member (error)\n\n"
                               "An id that is not a member of the bloc.\n")
    for label in ("What it does:", "Why it matters:", "Example:", "Use instead:"):
        assert f"\n{label}" in r.stdout
    assert "lead: bvn" in r.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("rules", "TD1O1"), "there is no rule 'TD1O1'; did you mean 'TD101'?"),
    (("rules", "unknown-membr"), "did you mean 'unknown-member'?"),
    (("rules", "line-length"), "'thidua rules' lists them all"),
    (("rules", "--lang", "vi", "unknown-membr"),
     "không có quy tắc 'unknown-membr'; có phải là 'unknown-member'?"),
    (("rules", "--format", "xml"), "--format"),
])
def test_unknown_rule_or_format_exits_2(args: tuple[str, ...], message: str) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr
    assert r.stdout == ""
    assert "Traceback" not in r.stderr


def test_json_lists_every_rule_with_its_sections() -> None:
    data = json.loads(run("rules", "--format", "json").stdout)
    assert [d["code"] for d in data] == [r.code for r in RULES]
    assert set(data[0]) == {"code", "name", "severity", "summary", "sections"}
    assert set(data[0]["sections"]) == {"what_it_does", "why_it_matters", "example",
                                        "use_instead"}


def test_json_of_one_rule() -> None:
    (one,) = json.loads(run("rules", "TD302", "-f", "json").stdout)
    assert (one["name"], one["severity"]) == ("score-out-of-range", "error")


def test_markdown_is_the_docs_page() -> None:
    r = run("rules", "--format", "md")
    assert r.stdout == (ROOT / "docs" / "rules.md").read_text("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_table_on_a_terminal_is_drawn_by_rich() -> None:
    import pty
    import subprocess

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "THIDUA_LANG")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "COLUMNS": "200", "TERM": "xterm"})
    proc = subprocess.run([sys.executable, "-m", "thidua_cli", "rules"], stdout=follower,
                          stderr=subprocess.PIPE, env=env, cwd=ROOT, timeout=60)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    out = b"".join(chunks).decode("utf-8")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[" in out, "coloured on a terminal"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert re.search(r"TD101\s+unknown-member\s+error\s+An id that is not a member", plain)


def test_a_sheet_finding_is_looked_up_too() -> None:
    # `thidua scores import` prints TD5xx codes: `thidua rules` explains them.
    r = run("rules", "TD507")
    assert r.returncode == 0
    assert r.stdout.startswith("TD507 not-a-number (error)")
    assert "TD507" not in run("rules").stdout  # the table lists the plan rules only
