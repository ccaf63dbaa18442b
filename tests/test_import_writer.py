"""The writer: whatever text a document holds, the plan file reads back to the same data."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from thidua_cli.importer.draft import Draft
from thidua_cli.importer.writer import scalar, write_plan

from .strategies import texts


def load(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


@settings(max_examples=200, deadline=None)
@given(texts())
@example("<<")  # YAML 1.1's merge key, found by this property
@example("=")   # and its value key
def test_a_scalar_reads_back_as_the_same_text(text: str) -> None:
    assert load(f"key: {scalar(text)}\n") == {"key": text}


@settings(max_examples=100, deadline=None)
@given(texts(), texts(), texts(), st.lists(texts(), max_size=3))
def test_a_draft_reads_back_as_its_data(title: str, name: str, note: str,
                                        unplaced: list[str]) -> None:
    data: dict[str, Any] = {
        "version": 1, "year": 2022, "title": title, "theme": note,
        "bloc": {"name": name, "head": "btc", "deputies": ["bnv"],
                 "members": [{"id": "btc", "name": name}, {"id": "bnv", "name": title}]},
        "tasks": [{"id": "t", "title": title, "details": [note, name], "due": "2022-03-04"}],
    }
    draft = Draft(data=data, notes={("title",): [note], ("bloc", "members", 0, "id"): [name]},
                  unplaced=unplaced, commented=[("document", [note])])
    loaded = load(write_plan(draft, source=name))
    loaded["tasks"][0]["due"] = str(loaded["tasks"][0]["due"])  # YAML's own date
    assert loaded == data
