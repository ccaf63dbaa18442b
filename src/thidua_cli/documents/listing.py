"""``thidua render --list``: the kinds of document, one a line."""

from __future__ import annotations

from .. import i18n
from .registry import kinds


def kinds_table(lang: i18n.Lang) -> str:
    """A plain table: slug, name, symbol, templates, options (stable for scripts)."""
    head = [i18n.t(f"documents.list_{c}", lang)
            for c in ("slug", "name", "symbol", "templates", "options")]
    rows = [head]
    for k in kinds():
        symbol = {"-": "", "": "(công văn)"}.get(k.symbol, k.symbol)
        options = " ".join("--" + o.replace("_", "-") for o in k.options)
        rows.append([k.slug, k.name, symbol, f"{k.docx}, {k.markdown}", options])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    lines = ["  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[-1]]).rstrip()
             for r in rows]
    return "\n".join(lines) + "\n"
