"""Tenth red-team pass (w): writers of several files check every target first."""

from __future__ import annotations

import os
from pathlib import Path

from .common import ROOT, thidua

VOTES = ROOT / "tests" / "plans" / "documents" / "plan-2022-votes.yaml"
SCORING = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"


def test_sheets_refuse_a_link_to_the_plan_before_writing_any(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_bytes(SCORING.read_bytes())
    (tmp_path / "sh").mkdir()
    os.symlink("../s.yaml", tmp_path / "sh" / "ubdt.xlsx")
    r = thidua("scores", "sheets", "s.yaml", "-o", "sh", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "sh/ubdt.xlsx" in r.stderr
    assert sorted(os.listdir(tmp_path / "sh")) == ["ubdt.xlsx"]


def test_report_refuses_a_hard_link_to_a_plan_before_writing_any(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes(VOTES.read_bytes())
    (tmp_path / "out").mkdir()
    os.link(tmp_path / "b.yaml", tmp_path / "out" / "b-report.md")
    r = thidua("report", "a.yaml", "b.yaml", "-f", "md", "-o", "out/", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "b-report.md" in r.stderr
    assert sorted(os.listdir(tmp_path / "out")) == ["b-report.md"]


def test_per_member_refuses_a_hard_link_before_writing_any(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_bytes(VOTES.read_bytes())
    os.link(tmp_path / "d.yaml", tmp_path / "x-bnv.md")
    r = thidua("render", "d.yaml", "--doc", "don-doc", "--per-member", "-f", "md",
               "--as-of", "2022-12-01", "-o", "x.md", cwd=tmp_path)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "x-bnv.md" in r.stderr
    assert sorted(os.listdir(tmp_path)) == ["d.yaml", "x-bnv.md"]


def test_per_member_into_an_existing_folder_writes_inside_it(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_bytes(VOTES.read_bytes())
    (tmp_path / "pm").mkdir()
    r = thidua("render", "d.yaml", "--doc", "don-doc", "--per-member", "-f", "md",
               "--as-of", "2022-12-01", "-o", "pm/", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert sorted(os.listdir(tmp_path)) == ["d.yaml", "pm"]
    assert sorted(os.listdir(tmp_path / "pm")) == ["d-don-doc-bnv.md", "d-don-doc-vpqh.md"]
