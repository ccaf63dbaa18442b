"""Text is not in Unicode NFC: its diacritics are separate characters.

What it does: reports every text value that is not in Normalization Form C,
usually Vietnamese letters written as a base letter followed by combining
marks ("e" + "̂" + "́" instead of "ế"), as text copied from PDF files or old
documents often is. `thidua lint --fix` normalises it.

Why it matters: decomposed text looks the same but is different text: a search
for "Thi đua" does not find it, sorting and comparing names go wrong, and some
fonts draw the marks beside their letters in the printed document.

Example:

```yaml
theme: "Thi đua hoàn thành xua\\u0302\\u0301t sa\\u0306\\u0301c nhiệm vụ"   # "ấ" as a + ̂ + ́
```

Use instead: the same text in NFC (`thidua lint --fix` rewrites it in place;
most editors can also convert a file to NFC).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..context import DataContext
from ..finding import Fix, Hit

CODE = "TD401"
NAME = "not-nfc"
SEVERITY = "warning"
NEEDS_PLAN = False
FIXABLE = True


def check(ctx: DataContext) -> Iterator[Hit]:
    if ctx.all_nfc:
        return
    for path, text in ctx.strings:
        if unicodedata.is_normalized("NFC", text):
            continue
        start = _first_change(text)
        yield Hit(path, "textrule.not-nfc", {"char": _describe(text, start)},
                  hint="textrule.not-nfc_hint", span=(start, start + 1), fix=Fix(path))


def _first_change(text: str) -> int:
    """Where the first character that NFC would change starts."""
    for i, char in enumerate(text):
        if unicodedata.combining(char):
            return max(i - 1, 0)
        if unicodedata.normalize("NFC", char) != char:
            return i
    return 0


def _describe(text: str, start: int) -> str:
    """The letter and its marks as written, e.g. ``e + U+0302 + U+0301``."""
    end = start + 1
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    parts = [text[start]] + [f"U+{ord(c):04X}" for c in text[start + 1:end]]
    return " + ".join(parts)
