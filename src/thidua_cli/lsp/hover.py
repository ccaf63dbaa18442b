"""What hovering shows: an id's name or text, a rule's documentation, a date in words,
a key's description from the schema."""

from __future__ import annotations

import re

from lsprotocol import types

from .. import i18n
from ..i18n import Lang
from ..text.control import visible
from ..text.markdown import code, escape
from .cursor import Cursor
from .index import Entry
from .navigation import entry_at
from .session import Document

_CODE = re.compile(r"^TD\d{3}$", re.IGNORECASE)


def hover(doc: Document, cursor: Cursor, lang: Lang) -> types.Hover | None:
    text = _text(doc, cursor, lang)
    if text is None:
        return None
    span = doc.lines.range((cursor.line, cursor.start), (cursor.line, cursor.end))
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), span)


def _text(doc: Document, cursor: Cursor, lang: Lang) -> str | None:
    word = cursor.word.strip("[],")
    if not word:
        return None
    if cursor.at == "comment" or _CODE.match(word):
        return rule_text(word)
    entry = entry_at(doc, cursor)
    if entry is not None:
        return entry_text(entry, lang)
    if cursor.at == "key":
        from .keys import description

        return description(cursor.path)
    if cursor.at == "value":
        return date_text(word, lang)
    return None


def rule_text(word: str) -> str | None:
    """A rule's documentation, for a code or a rule name (in an ignore comment)."""
    from ..docs import rule_markdown
    from ..lint.catalog import document
    from ..lint.rules import BY_CODE
    from ..lint.selection import exact

    code = exact(word.strip("[],"))
    if code is None:
        return None
    return rule_markdown(document(BY_CODE[code]), level=3)


def entry_text(entry: Entry, lang: Lang) -> str:
    """Markdown: the plan's words escaped, its ids as code. A member named
    ``![x](https://...)`` showed the editor's hover an image it fetched,
    ``[x](...)`` a link and ``<b>`` HTML."""
    f = entry.fields
    kind = i18n.t(f"lsp.kind_{entry.kind}", lang)
    label, ident = _text_of(entry.label), code(visible(entry.id))
    if entry.kind == "member":
        short = f" ({_text_of(f['short_name'])})" if isinstance(f.get("short_name"), str) else ""
        return f"**{label}**{short}\n\n{kind} {ident}"
    if entry.kind == "basis":
        head = _text_of(" ".join(str(f[k]) for k in ("number", "date") if k in f))
        issuer = f" — {_text_of(f['issuer'])}" if isinstance(f.get("issuer"), str) else ""
        title = f"\n\n{_text_of(f['title'])}" if isinstance(f.get("title"), str) else ""
        return f"**{head}**{issuer}{title}\n\n{kind} {ident}"
    if entry.kind == "criterion":
        points = f.get("max_points")
        most = (f" — {i18n.t('lsp.max_points', lang, points=points)}"
                if isinstance(points, int | float) else "")
        return f"**{label}**{most}\n\n{kind} {ident}"
    return f"{label}\n\n{kind} {ident}"


def _text_of(value: str) -> str:
    return escape(visible(value))


def date_text(word: str, lang: Lang) -> str | None:
    """``26/4/2022`` → ``ngày 26 tháng 4 năm 2022``, with its weekday."""
    from ..dates import parse_date
    from ..render.nd30 import long_date

    try:
        day = parse_date(word)
    except ValueError:
        return None
    weekday = i18n.t(f"lsp.weekday_{day.weekday()}", lang)
    return f"{long_date(day)} ({weekday})"
