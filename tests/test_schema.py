"""The JSON Schema for editors: current, valid, bilingual, and in step with the model.

Every plan the model accepts must pass the schema (an editor must never flag a
good plan), and the schema must reject the format errors it can see; the
example files in tests/plans/ drive both checks, so a new fixture is a new case.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from thidua_cli.loader import parse
from thidua_cli.schema import SCHEMA_DIALECT, SCHEMA_ID, SEPARATOR, plan_schema, render_schema

from .conftest import EXAMPLE, PLANS, ROOT
from .helpers import run
from .test_example_plans import expected

SCHEMA_FILE = ROOT / "schema" / "plan.schema.json"
VALID = [*sorted(ROOT.glob("plans/*.yaml")), *sorted((PLANS / "valid").glob("*.yaml"))]
INVALID = sorted((PLANS / "invalid").glob("*.yaml"))
# The schema checks a date's shape, not the calendar: these only `thidua lint` catches.
LINT_ONLY = {"td002-impossible-iso-date.yaml", "td002-impossible-month.yaml",
             "td002-impossible-vn-date.yaml"}


def codes(path: Path) -> set[str]:
    return {code for code, _ in expected(path)}


# Plans the model reads (whatever the plan rules say of them) and plans with format errors.
MODEL_ACCEPTS = VALID + [p for p in INVALID if not codes(p) & {"TD001", "TD002"}]
FORMAT_ERRORS = [p for p in INVALID if codes(p) == {"TD002"} and p.name not in LINT_ONLY]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def data_of(path: Path) -> Any:
    # The loader keeps dates as text, as an editor's YAML server does.
    return parse(path.read_text("utf-8")).data


def test_checked_in_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text("utf-8") == render_schema(), (
        "schema/plan.schema.json is stale: run `python -m thidua_cli.docs` "
        "(or `thidua schema -o schema/plan.schema.json`) and commit the result")


def test_dialect_and_id() -> None:
    schema = plan_schema()
    assert list(schema)[:2] == ["$schema", "$id"]
    assert schema["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    models = {"Plan": schema, **schema["$defs"]}
    return [(f"{model}.{name}", prop) for model, node in models.items()
            for name, prop in node["properties"].items()]


@pytest.mark.parametrize(("field", "prop"), _properties(plan_schema()),
                         ids=[f for f, _ in _properties(plan_schema())])
def test_every_field_is_described_in_vietnamese_then_english(field: str,
                                                              prop: dict[str, Any]) -> None:
    vi, sep, en = prop["description"].partition(SEPARATOR)
    assert sep and vi and en, f"{field}: 'Tiếng Việt — English'"
    assert unicodedata.is_normalized("NFC", vi)
    assert "description_vi" not in prop and "title" not in prop


def test_top_level_description_in_both_languages() -> None:
    schema = plan_schema()
    assert schema["description"] == (
        "Kế hoạch tổ chức phong trào thi đua, khen thưởng — "
        "A bloc's yearly plan for its emulation and commendation movement.")


@pytest.mark.parametrize("path", MODEL_ACCEPTS, ids=lambda p: p.name)
def test_plans_the_model_accepts_pass_the_schema(
        path: Path, validator: jsonschema.Draft202012Validator) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator.iter_errors(data_of(path))]
    assert errors == []


@pytest.mark.parametrize("path", FORMAT_ERRORS, ids=lambda p: p.name)
def test_format_errors_fail_the_schema(path: Path,
                                       validator: jsonschema.Draft202012Validator) -> None:
    assert not validator.is_valid(data_of(path))


def test_the_cases_are_there() -> None:
    # Guards the tables above against a glob or a filter that silently matches nothing.
    assert len(VALID) >= 7
    assert len(FORMAT_ERRORS) >= 15
    assert LINT_ONLY.issubset(p.name for p in INVALID)


@pytest.mark.parametrize(("patch", "where"), [
    ({"scores": {"bad key": {"khoi": 1}}}, "scores"),
    ({"scores": {"btc": {"khoi": "18"}}}, "scores/btc/khoi"),
    ({"tasks": [{"id": "all", "title": "x"}]}, "tasks/0/id"),
    ({"tasks": [{"id": "t", "title": "x", "due": "30.6.2022"}]}, "tasks/0/due"),
    ({"year": True}, "year"),
    ({"version": "1"}, "version"),
])
def test_schema_rejects(patch: dict[str, Any], where: str,
                        validator: jsonschema.Draft202012Validator) -> None:
    plan = data_of(PLANS / "valid" / "minimal.yaml") | patch
    paths = ["/".join(map(str, e.absolute_path)) for e in validator.iter_errors(plan)]
    assert where in paths


def test_example_plan_points_editors_at_the_schema() -> None:
    first = EXAMPLE.read_text("utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    assert (EXAMPLE.parent / match.group(1)).resolve() == SCHEMA_FILE


def test_schema_command_prints_the_checked_in_schema() -> None:
    r = run("schema")
    assert r.returncode == 0, r.stderr
    assert r.stdout == SCHEMA_FILE.read_text("utf-8")


def test_schema_command_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.schema.json"
    r = run("schema", "--output", str(target))
    assert (r.returncode, r.stdout) == (0, "")
    assert target.read_text("utf-8") == SCHEMA_FILE.read_text("utf-8")


def test_schema_command_unwritable_output_exits_2(tmp_path: Path) -> None:
    r = run("schema", "-o", str(tmp_path / "no" / "plan.schema.json"))
    assert r.returncode == 2
    assert "cannot write" in r.stderr and "Traceback" not in r.stderr
