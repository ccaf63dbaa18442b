"""Atomic output: the old file or the new one, never half of one; never the input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from thidua_cli.atomic import write_atomic, write_text_atomic
from thidua_cli.errors import OutputError


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_new_file_gets_the_umask_permissions_and_no_temp_file_is_left(
        tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "plan.docx", b"new")
    finally:
        os.umask(old)
    assert (tmp_path / "plan.docx").read_bytes() == b"new"
    assert (tmp_path / "plan.docx").stat().st_mode & 0o777 == 0o644
    assert listing(tmp_path) == ["plan.docx"]


def test_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_failure_leaves_the_old_file_and_no_temp_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new")
    assert caught.value.key == "output.failed"
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["plan.md"]


@pytest.mark.parametrize("spelling", ["plan.yaml", "./x/../plan.yaml", "link.yaml"])
def test_refuses_to_write_over_a_protected_file(tmp_path: Path, spelling: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"version: 1\n")
    (tmp_path / "x").mkdir()
    (tmp_path / "link.yaml").symlink_to(plan)
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / spelling, b"oops", protect=[plan])
    assert caught.value.key == "output.is_input"
    assert plan.read_bytes() == b"version: 1\n"


def test_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.parametrize(("name", "key"), [
    ("missing/plan.docx", "output.no_dir"),
    (".", "output.is_dir"),
])
def test_unwritable_targets(tmp_path: Path, name: str, key: str) -> None:
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / name, b"x")
    assert caught.value.key == key


def test_text_is_written_as_utf8_exactly(tmp_path: Path) -> None:
    target = tmp_path / "báo-cáo.json"
    write_text_atomic(target, "Khối thi đua\r\nline 2\n")
    assert target.read_bytes() == "Khối thi đua\r\nline 2\n".encode()
    assert listing(tmp_path) == ["báo-cáo.json"]
