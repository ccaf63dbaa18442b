"""Templates prepared once per version (``render/compiled.py``): the same documents, the
same errors, whether the cache has them, has them broken, or is not to be trusted."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from thidua_cli.render import compiled

from .conftest import EXAMPLE
from .helpers import run


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache of the test's own."""
    monkeypatch.setenv("THIDUA_CACHE_DIR", str(tmp_path / "cache"))
    compiled.folder.cache_clear()
    yield tmp_path / "cache" / "templates"  # type: ignore[misc]
    compiled.folder.cache_clear()


def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What docxtpl patches and Jinja compiles from now on."""
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    done: list[str] = []
    patch, compile_ = DocxTemplate.patch_xml, SandboxedEnvironment.compile

    def patched(self: Any, xml: str) -> str:
        done.append("patch")
        return patch(self, xml)  # type: ignore[no-any-return]

    def compiling(self: Any, *args: Any, **kwargs: Any) -> Any:
        done.append("compile")
        return compile_(self, *args, **kwargs)

    monkeypatch.setattr(DocxTemplate, "patch_xml", patched)
    monkeypatch.setattr(SandboxedEnvironment, "compile", compiling)
    return done


def render(tmp_path: Path, name: str, *args: str) -> bytes:
    out = tmp_path / name
    done = run("render", "--today", "2020-01-01", str(EXAMPLE), "-o", str(out), *args)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@pytest.mark.parametrize("suffix", ["docx", "md"])
def test_a_second_render_reads_what_the_first_made(cache: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   suffix: str) -> None:
    monkeypatch.setenv("THIDUA_CACHE_DIR", "")  # off: the reference
    compiled.folder.cache_clear()
    without = render(tmp_path, f"none.{suffix}")
    monkeypatch.setenv("THIDUA_CACHE_DIR", str(cache.parent))
    compiled.folder.cache_clear()
    first = render(tmp_path, f"first.{suffix}")
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) != []
    done = counted(monkeypatch)
    second = render(tmp_path, f"second.{suffix}")
    assert done == []  # nothing patched or compiled again
    assert first == second == without


def test_a_broken_entry_is_made_again(cache: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    first = render(tmp_path, "first.docx")
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes()[:7])  # cut short, as by a full disk
    done = counted(monkeypatch)
    assert render(tmp_path, "again.docx") == first
    assert "compile" in done
    assert render(tmp_path, "third.docx") == first


@pytest.mark.parametrize("mode", [0o777, 0o720, 0o702])
def test_a_folder_others_can_write_to_is_not_used(cache: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  mode: int) -> None:
    cache.mkdir(parents=True)
    os.chmod(cache, mode)
    render(tmp_path, "first.docx")
    assert list(cache.iterdir()) == []
    assert compiled.folder() is None


def test_a_folder_that_cannot_be_made_leaves_the_render_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("THIDUA_CACHE_DIR", str(tmp_path / "file" / "cache"))
    compiled.folder.cache_clear()
    try:
        render(tmp_path, "plan.docx")
        assert compiled.folder() is None
    finally:
        compiled.folder.cache_clear()


def test_an_error_in_a_cached_template_names_its_line(cache: Path, tmp_path: Path) -> None:
    # The code read back keeps its file name and lines: errors read the same.
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "plan.md.j2").write_text("# {{ title }}\n\n{{ titel }}\n", "utf-8")
    answers = [run("render", str(EXAMPLE), "-o", "-", "--template-dir", str(folder))
               for _ in range(2)]
    assert [a.returncode for a in answers] == [2, 2]
    assert answers[0].stderr == answers[1].stderr
    assert "plan.md.j2:3" in answers[0].stderr, answers[0].stderr


@pytest.mark.parametrize("args", [("-o", "out.docx"), ("-f", "md", "-o", "out.md")])
def test_without_the_variable_a_render_keeps_nothing(tmp_path: Path, args: tuple[str, ...]
                                                     ) -> None:
    # A real process with a home and a cache home of its own: the cache is off by
    # default, so neither gets anything and the folder holds only the output.
    import subprocess
    import sys

    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "THIDUA_CACHE_DIR"}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    done = subprocess.run([sys.executable, "-m", "thidua_cli", "render", "--today",
                           "2020-01-01", str(EXAMPLE), *args], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert list(home.iterdir()) == []
    assert [p.name for p in work.iterdir()] == [args[-1]]
