"""The plan format as a JSON Schema (draft 2020-12), for editors and other tools.

Generated from the pydantic models, then adjusted for the people reading it in
an editor: every description says the Vietnamese first and the English after
it (``"Mã nhiệm vụ — Task id"``), in the one keyword every editor shows on
hover and completion; the titles pydantic derives from field names ("Short
Name") are dropped as noise; and three rules the models check in code are
added as schema keywords so the editor catches them too (an event has a date
or a month, not both; ``all`` is not an id; a ``scores`` key is an id; a leaf
criterion has ``max_points``; a score mapping has ``self`` or ``final``).

The schema is for typing help, not a second linter: impossible dates such as
``31/9/2022``, references between lists and the plan rules are checked by
``thidua lint`` only.
"""

from __future__ import annotations

import json
from typing import Any

from .model import ID_PATTERN, Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A URN: the schema is identified, not published at a web address; editors find
# it through the file path in the plan's `# yaml-language-server: $schema=` line.
SCHEMA_ID = "urn:thidua:schema:plan:1"
SEPARATOR = " — "


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file, format version 1."""
    schema = Plan.model_json_schema(mode="validation")
    _describe(schema)
    _drop_field_titles(schema)
    _add_checks(schema)
    head = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID}
    return head | {k: v for k, v in schema.items() if k not in head}


def render_schema() -> str:
    """The schema as the text of ``schema/plan.schema.json``."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def _describe(node: Any) -> None:
    """``description`` becomes "Vietnamese — English" wherever both exist."""
    if isinstance(node, dict):
        vi = node.pop("description_vi", None)
        if vi is not None:
            en = node.get("description")
            node["description"] = f"{vi}{SEPARATOR}{en}" if en else vi
        for value in node.values():
            _describe(value)
    elif isinstance(node, list):
        for item in node:
            _describe(item)


def _drop_field_titles(schema: dict[str, Any]) -> None:
    for model in [schema, *schema.get("$defs", {}).values()]:
        for prop in model.get("properties", {}).values():
            prop.pop("title", None)


def _add_checks(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    defs["Event"]["not"] = {"required": ["date", "month"]}
    for model in defs.values():
        id_ = model.get("properties", {}).get("id")
        if id_ is not None and id_.get("pattern") == ID_PATTERN:
            id_["not"] = {"const": "all"}
    # A leaf needs its maximum; a score mapping needs self or final.
    defs["Criterion"]["anyOf"] = [
        {"required": ["max_points"]},
        {"required": ["children"], "properties": {"children": {"minItems": 1}}}]
    defs["LeafScore"]["anyOf"] = [{"required": ["self"]}, {"required": ["final"]}]
    _ids_as_keys(schema["properties"]["scores"])


def _ids_as_keys(node: dict[str, Any]) -> None:
    """``patternProperties`` lets other keys through; ``propertyNames`` checks every key."""
    patterns = node.pop("patternProperties", None)
    if patterns is None:
        return
    ((pattern, values),) = patterns.items()
    node["propertyNames"] = {"pattern": pattern}
    node["additionalProperties"] = values
    _ids_as_keys(values)
