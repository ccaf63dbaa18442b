"""``--format`` is a type: each command's choices are its format registry, checked in both
languages."""

from __future__ import annotations

from enum import StrEnum

import pytest

from thidua_cli.formats.diff import DIFF_REPORTERS, DiffFormat
from thidua_cli.formats.lint import REPORTERS, LintFormat
from thidua_cli.formats.report import ReportFormat
from thidua_cli.render import Format as RenderFormat

from .conftest import EXAMPLE
from .helpers import run


def test_the_registries_are_the_enums() -> None:
    assert list(REPORTERS) == list(LintFormat)
    assert list(DIFF_REPORTERS) == list(DiffFormat)


@pytest.mark.parametrize(("command", "enum"), [
    (("lint",), LintFormat), (("diff",), DiffFormat), (("render",), RenderFormat),
    (("report",), ReportFormat),
])
def test_help_lists_every_choice(command: tuple[str, ...], enum: type[StrEnum]) -> None:
    r = run(*command, "--help", env={"COLUMNS": "200"})
    assert r.returncode == 0
    assert ", ".join(enum) in r.stdout


@pytest.mark.parametrize(("args", "lang", "message"), [
    (("lint", "-f", "xml", str(EXAMPLE)), "en",
     "--format: 'xml' is not one of text, json, github, sarif, gitlab"),
    (("lint", str(EXAMPLE), "-f", "xml", "--lang", "vi"), "vi",
     "--format: 'xml' không phải một trong text, json, github, sarif, gitlab"),
    (("diff", "-f", "html", str(EXAMPLE), str(EXAMPLE)), "en",
     "--format: 'html' is not one of text, md, json"),
    (("report", "--lang", "vi", "-f", "odt", str(EXAMPLE)), "vi",
     "--format: 'odt' không phải một trong docx, md, json, pdf"),
])
def test_a_wrong_choice_is_a_usage_error_in_the_users_language(
        args: tuple[str, ...], lang: str, message: str) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert r.stderr.endswith(f"{message}\n")
    assert r.stdout == ""


def test_choices_take_any_case() -> None:
    assert run("lint", "-f", "JSON", str(EXAMPLE)).stdout.startswith("{")
