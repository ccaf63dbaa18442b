"""Writing a file whole or not at all."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from thidua_cli.errors import OutputError
from thidua_cli.files import write_atomic


def test_writes_utf8_text_exactly(tmp_path: Path) -> None:
    target = tmp_path / "báo-cáo.json"
    write_atomic(target, "Khối thi đua\r\nline 2\n")
    assert target.read_bytes() == "Khối thi đua\r\nline 2\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["báo-cáo.json"], "no temporary file left"


def test_replaces_and_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text("utf-8") == "new"
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_new_file_is_not_private(tmp_path: Path) -> None:
    target = tmp_path / "gl-code-quality-report.json"
    old = os.umask(0o022)
    try:
        write_atomic(target, "[]")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_a_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "report.json"
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "{}")
    assert caught.value.key == "output.cannot_write"
    assert caught.value.args_["reason"]
    assert not target.parent.exists()


def test_a_failed_write_keeps_the_old_file(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", "utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match=r"output\.cannot_write"):
        write_atomic(target, "new")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
