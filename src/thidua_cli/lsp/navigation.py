"""Ids under the cursor: which kind of thing they name, where it is defined, who uses it."""

from __future__ import annotations

from lsprotocol import types

from .cursor import Cursor
from .index import DEFINED_IN, Entry, Kind, where
from .session import Document

# The field a reference is written in → the kind of id it names.
REFERENCES: dict[tuple[str, ...], Kind] = {
    ("bloc", "head"): "member", ("bloc", "deputies"): "member",
    ("tasks", "lead"): "member", ("tasks", "support"): "member",
    ("events", "host"): "member", ("awards", "members"): "member",
    ("tasks", "objectives"): "objective", ("tasks", "basis"): "basis",
}


def kind_at(cursor: Cursor) -> Kind | None:
    """The kind of id the cursor's value or key names, by where it is written."""
    keys = cursor.keys
    if cursor.at == "key":
        if len(keys) == 2 and keys[0] == "scores":
            return "member"
        if len(keys) == 3 and keys[0] == "scores":
            return "criterion"
        return None
    if cursor.at != "value":
        return None
    if keys in REFERENCES:
        return REFERENCES[keys]
    for kind, defined in DEFINED_IN.items():
        if keys == (*defined, "id"):
            return kind
    return None


def entry_at(doc: Document, cursor: Cursor) -> Entry | None:
    """The defined id the cursor is on: by the field it is in, else by the word alone."""
    if not cursor.word:
        return None
    kind = kind_at(cursor)
    if kind is not None:
        return doc.index.find(kind, cursor.word)
    if cursor.at in ("key", "comment"):
        return None
    kinds = doc.index.kinds_of(cursor.word)
    return doc.index.find(kinds[0], cursor.word) if len(kinds) == 1 else None


def location(doc: Document, path: tuple[str | int, ...], at: str = "value",
             ) -> types.Location | None:
    if doc.parsed is None:
        return None
    span = where(doc.parsed, path, "key" if at == "key" else "value")
    if span is None:
        return None
    return types.Location(doc.uri, doc.lines.range(*span))


def definition(doc: Document, cursor: Cursor) -> types.Location | None:
    entry = entry_at(doc, cursor)
    return location(doc, entry.path) if entry is not None else None


def references(doc: Document, cursor: Cursor, declaration: bool) -> list[types.Location]:
    entry = entry_at(doc, cursor)
    if entry is None:
        return []
    found = [location(doc, use.path, use.at) for use in doc.index.uses_of(entry.kind, entry.id)]
    if declaration:
        found.insert(0, location(doc, entry.path))
    return [f for f in found if f is not None]
