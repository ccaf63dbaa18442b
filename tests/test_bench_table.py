"""docs/speed.md's table and the README's figures are the bench run they name
(bench/results/latest.json)."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT

RESULTS = ROOT / "bench" / "results" / "latest.json"


def test_the_run_is_checked_in_and_complete() -> None:
    document = json.loads(RESULTS.read_text("utf-8"))
    assert {"mode", "when", "machine", "versions", "cases"} <= set(document)
    assert document["cases"] and all("id" in c and "title" in c for c in document["cases"])


def test_speed_table_is_not_stale() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "table.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr + " (run: python bench/table.py)"


def test_speed_table_shows_every_case() -> None:
    document = json.loads(RESULTS.read_text("utf-8"))
    page = (ROOT / "docs" / "speed.md").read_text("utf-8")
    for case in document["cases"]:
        assert f"| {case['title']} |" in page, case["id"]


def test_the_readme_names_the_headline_cases_of_the_same_run() -> None:
    document = json.loads(RESULTS.read_text("utf-8"))
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme[readme.index("<!-- speed:start -->"):readme.index("<!-- speed:end -->")]
    assert document["when"][:10] in block
    shown = [c for c in document["cases"] if f"| {c['title']} |" in block]
    assert {c["id"] for c in shown} >= {"lint-example", "lint-big", "render-example"}
