"""The shipped templates prepared when thidua was built (``render/prepared.json``,
``render/compiled.py``): the same documents, byte for byte, with the entries or
without them, and entries that are those the installed docxtpl and Jinja make."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thidua_cli import api
from thidua_cli.errors import ThiduaError
from thidua_cli.render import compiled

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2022, 12, 20)


def _script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "prepare_templates", ROOT / "scripts" / "prepare_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _script()


def _made_here() -> bool:
    """Whether the file was prepared with the installed docxtpl and Jinja."""
    import docxtpl  # type: ignore[import-untyped]
    import jinja2

    made = json.loads(compiled.PREPARED.read_text(encoding="utf-8"))["made_with"]
    return bool(made == {"docxtpl": docxtpl.__version__, "jinja2": jinja2.__version__})


@pytest.fixture()
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THIDUA_CACHE_DIR", raising=False)
    compiled.folder.cache_clear()


def _document(plan: Path, kind: str, out: Path) -> bytes | str:
    try:
        api.render(str(plan), output=str(out), doc=kind, today=DAY)
    except ThiduaError as e:
        return f"{type(e).__name__}: {e}"
    return out.read_bytes()


@pytest.mark.parametrize("plan", SCRIPT.PLANS, ids=lambda p: p.name)
def test_every_kind_is_the_same_bytes_with_the_entries_or_without(
        plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cache: None) -> None:
    with_entries = {kind: _document(plan, kind, tmp_path / f"a-{kind}.docx")
                    for kind in SCRIPT.KINDS}
    monkeypatch.setattr(compiled, "_prepared", dict)  # no entries: prepared on the run
    without = {kind: _document(plan, kind, tmp_path / f"b-{kind}.docx") for kind in SCRIPT.KINDS}
    assert with_entries == without
    assert any(isinstance(v, bytes) for v in without.values())


def test_the_report_is_the_same_bytes_with_the_entries_or_without(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cache: None) -> None:
    plan = ROOT / "tests" / "plans" / "valid" / "scoring.yaml"
    api.write_report(str(plan), output=str(tmp_path / "a.docx"), format="docx", as_of=DAY)
    monkeypatch.setattr(compiled, "_prepared", dict)
    api.write_report(str(plan), output=str(tmp_path / "b.docx"), format="docx", as_of=DAY)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_the_entries_are_what_the_installed_versions_make() -> None:
    # As `python -m thidua_cli.docs --check` for the generated files: a changed
    # shipped template, or an entry docxtpl or Jinja would now make otherwise,
    # means running scripts/prepare_templates.py again.
    if not _made_here():
        pytest.skip("prepared with another docxtpl or Jinja: every run prepares its own")
    expected = SCRIPT.text_of(SCRIPT.prepared())
    assert compiled.PREPARED.read_text(encoding="utf-8") == expected, (
        "run: python scripts/prepare_templates.py")


def test_the_plan_renders_without_patching_or_generating(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cache: None) -> None:
    if not _made_here():
        pytest.skip("prepared with another docxtpl or Jinja: every run prepares its own")
    import jinja2
    from docxtpl import DocxTemplate

    done: list[str] = []

    def refuse(name: str) -> Any:
        def made(*args: Any, **kwargs: Any) -> Any:
            done.append(name)
            raise AssertionError(name)
        return made

    monkeypatch.setattr(DocxTemplate, "patch_xml", refuse("patch_xml"))
    monkeypatch.setattr(jinja2.Environment, "_generate", refuse("generate"))
    out = tmp_path / "plan.docx"
    api.render(str(ROOT / "plans" / "plan-2022.yaml"), output=str(out), today=DAY)
    assert done == [] and out.stat().st_size > 0
