"""Where templates are found, and that the shipped ones go into the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from thidua_cli.errors import InputError, UsageError
from thidua_cli.render.templates import DOCX, MARKDOWN, TemplateSearch, shipped_dir

from .conftest import ROOT


def test_shipped_templates_are_the_repository_ones_in_a_checkout() -> None:
    assert shipped_dir().resolve() == (ROOT / "templates").resolve()


def test_search_order_is_option_then_working_directory_then_shipped(tmp_path: Path) -> None:
    option = tmp_path / "option"
    local = tmp_path / "templates"
    for folder in (option, local):
        folder.mkdir()
    (option / MARKDOWN).write_text("option", "utf-8")
    (local / MARKDOWN).write_text("local", "utf-8")
    (local / DOCX).write_bytes(b"local")
    search = TemplateSearch.create(str(option), cwd=tmp_path)
    assert search.dirs == (option, local, shipped_dir())
    assert search.find(MARKDOWN) == option / MARKDOWN   # file by file:
    assert search.find(DOCX) == local / DOCX            # each from the first that has it
    assert TemplateSearch.create(cwd=ROOT / "tests").find(DOCX) == shipped_dir() / DOCX


def test_missing_template_dir_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        TemplateSearch.create(str(tmp_path / "nothing"))


def test_missing_template_names_the_places_searched(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        TemplateSearch((tmp_path,)).find(MARKDOWN)
    assert caught.value.params == {"name": MARKDOWN, "places": str(tmp_path)}


def test_wheel_ships_every_template() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    # Every template in templates/: the plan's and the year-end report's.
    names = sorted(p.name for p in (ROOT / "templates").iterdir() if p.is_file())
    assert {MARKDOWN, DOCX, "report.md.j2", "report.docx"} <= set(names)
    assert included == {f"templates/{name}": f"thidua_cli/templates/{name}" for name in names}
    assert all((ROOT / source).is_file() for source in included)
