"""What completion offers where: ids of the bloc in the fields that name them (members
with their names as labels), statuses, and the keys the schema allows."""

from __future__ import annotations

from lsprotocol import types

from ..i18n import Lang
from ..model import ALL
from . import keys
from .cursor import Cursor, siblings
from .hover import entry_text
from .index import Entry, Kind
from .navigation import REFERENCES
from .positions import Lines
from .session import Document


def complete(doc: Document, cursor: Cursor, lang: Lang) -> list[types.CompletionItem]:
    span = doc.lines.range((cursor.line, cursor.start), (cursor.line, cursor.end))
    path = cursor.keys
    if cursor.at == "key":
        # No second colon after a key that has one already.
        has_colon = doc.lines.line(cursor.line)[cursor.end:].lstrip().startswith(":")
        if len(path) == 2 and path[0] == "scores":
            return _ids(doc, "member", span, lang, suffix="" if has_colon else ":")
        if len(path) == 3 and path[0] == "scores":
            return _ids(doc, "criterion", span, lang, suffix="" if has_colon else ": ")
        return _keys(cursor, span, "" if has_colon else ": ", doc.lines)
    if cursor.at != "value":
        return []
    kind = REFERENCES.get(path)
    if kind is not None:
        items = _ids(doc, kind, span, lang)
        if path == ("tasks", "lead"):
            items.insert(0, types.CompletionItem(ALL, kind=types.CompletionItemKind.Constant,
                                                 text_edit=types.TextEdit(span, ALL),
                                                 sort_text="0000"))
        return items
    return [types.CompletionItem(value, kind=types.CompletionItemKind.EnumMember,
                                 text_edit=types.TextEdit(span, value), sort_text=f"{i:04d}")
            for i, value in enumerate(keys.choices(cursor.path))]


def _ids(doc: Document, kind: Kind, span: types.Range, lang: Lang,
         suffix: str = "") -> list[types.CompletionItem]:
    return [_item(e, i, span, lang, suffix) for i, e in enumerate(doc.index.of_kind(kind))]


def _item(entry: Entry, i: int, span: types.Range, lang: Lang, suffix: str,
          ) -> types.CompletionItem:
    # The name is the label (what a secretariat recognises); the id is what is written.
    return types.CompletionItem(
        entry.label,
        kind=types.CompletionItemKind.Reference,
        detail=entry.id,
        label_details=types.CompletionItemLabelDetails(description=entry.id),
        documentation=types.MarkupContent(types.MarkupKind.Markdown, entry_text(entry, lang)),
        filter_text=f"{entry.id} {entry.label}",
        sort_text=f"{i + 1:04d}",
        text_edit=types.TextEdit(span, entry.id + suffix),
    )


def _keys(cursor: Cursor, span: types.Range, suffix: str, lines: Lines,
          ) -> list[types.CompletionItem]:
    present = siblings(lines, cursor.line)  # a key is written once per mapping
    found = {k: v for k, v in keys.properties(cursor.path[:-1]).items() if k not in present}
    return [types.CompletionItem(
        name, kind=types.CompletionItemKind.Property,
        documentation=types.MarkupContent(types.MarkupKind.PlainText, text) if text else None,
        sort_text=f"{i:04d}", text_edit=types.TextEdit(span, name + suffix))
        for i, (name, text) in enumerate(found.items())]
