"""Schema validation of parsed data, with pydantic errors placed in the file."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from ..loader import Parsed, Path_
from ..model import Plan
from .finding import Hit

_TYPE_NAMES = {str: "text", int: "integer", float: "number", bool: "boolean",
               type(None): "empty", list: "list", dict: "mapping"}


def validate(parsed: Parsed) -> tuple[Plan | None, list[Hit]]:
    """The plan, or the schema hits that stop it from being one."""
    if not isinstance(parsed.data, dict):
        return None, []
    try:
        return Plan.model_validate(parsed.data), []
    except ValidationError as e:
        return None, _hits(parsed.data, e.errors(include_url=False))


def _hits(data: Any, errors: list[Any]) -> list[Hit]:
    grouped: dict[tuple[Path_, str], list[Any]] = {}
    for error in errors:
        loc, in_union = data_loc(data, error["loc"], error["type"] == "missing")
        kind = "missing" if error["type"] == "missing" else "value"
        if error["type"] == "extra_forbidden":
            kind = "key"
        grouped.setdefault((loc, kind), []).append((error, in_union))
    # "tittle:" is one mistake, not two: the unknown key that is a close match
    # of a missing one stands for both (its hint names the right key).
    closest = _Closest()
    typos = {(loc[:-1], close) for (loc, kind) in grouped if kind == "key"
             for close in closest(loc)}
    hits = []
    for (loc, kind), group in grouped.items():
        if kind == "missing" and (loc[:-1], loc[-1]) in typos:
            continue
        error, in_union = group[0]
        if in_union and len(group) > 1:
            hits.append(_hit(loc, {**error, "type": "union_type"}, closest))
            continue
        hits.append(_hit(loc, error, closest))
    return hits


def _hit(loc: Path_, error: Any, closest: _Closest) -> Hit:
    kind: str = error["type"]
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    args: dict[str, Any] = {"got": type_name(value), "value": _short(value),
                            "pydantic": error["msg"], **{k: _short(v) for k, v in ctx.items()}}
    if kind == "missing":
        return Hit(loc[:-1], "schema.missing", {**args, "key": loc[-1]}, at="parent")
    if kind == "extra_forbidden":
        field = str(loc[-1])
        close = closest(loc)
        return Hit(loc, "schema.extra_forbidden", {**args, "key": field}, at="key",
                   hint="hint.did_you_mean" if close else None,
                   hint_args={"suggestion": close[0]} if close else {})
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing") and isinstance(
            value, str) and re.fullmatch(r"\s*-?\d+,\d+\s*", value):
        return Hit(loc, f"schema.{kind}", args, hint="hint.decimal_comma",
                   hint_args={"value": value.strip().replace(",", ".")})
    if kind in ("string_type", "union_type") and isinstance(value, dict) and len(value) == 1:
        # "- Lưu: VT, NC": a colon and a space inside a text make a key and its value.
        key, item = next(iter(value.items()))
        shown = f"{key}: {item}" if item is not None else f"{key}:"
        return Hit(loc, f"schema.{kind}", args, hint="hint.colon_text",
                   hint_args={"text": shown})
    if kind == "date_and_month":
        return Hit((*loc, "month"), "schema.date_and_month", args)
    return Hit(loc, f"schema.{kind}", args)


#: The most pairs of (unknown key, key of the format) a plan's hints compare:
#: 100,000 unknown keys took about 70 s of difflib alone, twice over. Past it an
#: unknown key is reported without its "did you mean", as with no close key.
KEY_HINT_BUDGET = 100_000


class _Closest:
    """The key the format has that an unknown key at ``loc`` is closest to,
    each found once, until the plan's budget of comparisons is spent."""

    def __init__(self, budget: int = KEY_HINT_BUDGET) -> None:
        self.left = budget
        self.found: dict[Path_, list[str]] = {}

    def __call__(self, loc: Path_) -> list[str]:
        import difflib  # here: only an unknown key needs it

        if loc not in self.found:
            fields = _fields_at(loc[:-1])
            if len(fields) > self.left:
                self.left = 0
                return []
            self.left -= len(fields)
            self.found[loc] = difflib.get_close_matches(str(loc[-1]), fields, n=1,
                                                        cutoff=0.6)
        return self.found[loc]


def optional_at(loc: Path_) -> bool:
    """Whether ``loc`` ends in a key of the format that a plan may leave out."""
    if not loc or not isinstance(loc[-1], str):
        return False
    model: Any = Plan
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        model = None if field is None else _inner_model(field.annotation)
        if model is None:
            return False
    field = model.model_fields.get(loc[-1]) if _is_model(model) else None
    return field is not None and not field.is_required()


def data_loc(data: Any, loc: tuple[Any, ...], missing: bool) -> tuple[Path_, bool]:
    """The error's location as a path in the data, without union-branch names.

    A part of pydantic's location that is not in the data is the name of a
    union branch (``str``, ``list[str]``), except the last part of a missing
    key's location, which is missing by definition.
    """
    path: list[str | int] = []
    node, skipped = data, False
    last = len(loc) - 1
    for i, part in enumerate(loc):
        if _contains(node, part):
            node = node[part]
            path.append(part)
        elif missing and i == last:
            path.append(part)
        else:
            skipped = True
    return tuple(path), skipped


def _contains(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return isinstance(part, str) and part in node
    if isinstance(node, list):
        return isinstance(part, int) and 0 <= part < len(node)
    return False


def _fields_at(loc: Path_) -> list[str]:
    """The field names the format allows at ``loc``, for 'did you mean' hints."""
    model: Any = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if _is_model(model) else None
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return list(model.model_fields) if _is_model(model) else []


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _short(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "..."
    if isinstance(value, dict | list):
        return type_name(value)
    return value
