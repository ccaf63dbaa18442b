"""Placeholder text left in a plan: the skeleton's examples, or `...`.

What it does: looks in every text value for the example values that
`thidua new --year N` writes (`TÊN CƠ QUAN KHỐI TRƯỞNG`, `Cơ quan thành
viên 1`, `Nguyễn Văn A`, ...) and for `...` or `…` standing for words still
to write (`v.v...` is Vietnamese, not a placeholder). The list is data,
`thidua_cli/data/placeholders.toml`.

Why it matters: such a plan is well formed, so nothing else stops it: it
renders, and a letterhead reading "TÊN CƠ QUAN KHỐI TRƯỞNG" or a title
ending in "Khối thi đua ..." can go out for signature.

Example:

```yaml
title: Tổ chức phong trào thi đua, khen thưởng năm 2023 của Khối thi đua ...
```

Use instead:

```yaml
title: Tổ chức phong trào thi đua, khen thưởng năm 2023 của Khối thi đua các bộ, ngành tổng hợp
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..context import DataContext
from ..finding import Hit

CODE = "TD409"
NAME = "placeholder-text"
SEVERITY = "warning"
NEEDS_PLAN = False


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = _data()
    return (re.compile("|".join(f"(?:{p})" for p in data["whole"])),
            re.compile("|".join(f"(?:{p})" for p in data["inside"])))


@cache
def _gates() -> tuple[re.Pattern[str], ...]:
    """Expressions that find, in the values joined by a space, every value the
    patterns would match (``data/placeholders.toml``): each apart, since each
    starts with a literal the search skips ahead to, which an alternation of
    them would not."""
    data = _data()
    return tuple(re.compile(p) for p in (*data["whole_gate"], *data["inside_gate"]))


@cache
def _data() -> dict[str, list[str]]:
    from ...tables import TABLES  # data/placeholders.toml

    placeholders: dict[str, list[str]] = TABLES["placeholders"]
    return placeholders


def might_occur(text: str) -> bool:
    """False when no value of ``text`` (the values joined by a space) can be a hit:
    a search of each gate over the whole file instead of a match for each value."""
    return any(gate.search(text) is not None for gate in _gates())


def check(ctx: DataContext) -> Iterator[Hit]:
    if not ctx.texts or not might_occur(ctx.joined.text):
        return
    whole, inside = _patterns()
    for path, text in ctx.strings:
        if path and path[-1] == "id":
            continue
        stripped = text.strip()
        if whole.fullmatch(stripped):
            yield Hit(path, NAME, {"text": _short(stripped)}, hint="hint.placeholder")
            continue
        found = inside.search(text) if ("." in text or "…" in text) else None
        if found is not None:
            yield Hit(path, "textrule.placeholder-text_elided", {"text": _short(stripped)},
                      hint="hint.placeholder_elided", span=(found.start(), found.end()))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"
