"""One word written in both tone-mark styles in the same plan.

What it does: finds the words whose spelling depends on the tone-mark style,
the open syllables ending in `oa`, `oe` and `uy` ("hòa" or "hoà", "khỏe" or
"khoẻ", "thủy" or "thuỷ", "Ủy" or "Uỷ"), and reports the occurrences of the
less used spelling of a word that the plan writes both ways (when both are
used equally, the later ones), naming the other spelling.

Why it matters: both styles are accepted, but an official document keeps to
one; "Ủy ban" in the recipients and "Uỷ ban" in the text look careless, and a
search for one spelling misses the other.

Example:

```yaml
bloc:
  members:
    - {id: ubdt, name: Ủy ban Dân tộc}
tasks:
  - {id: t1, title: Phối hợp với Uỷ ban Dân tộc}
```

Use instead: one spelling throughout, "Ủy ban Dân tộc" in both places.

Only the same word is compared: a plan writing "hòa" and "thuỷ" is not
reported, as a document may quote names in their official spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...loader import Path_
from ...text import syllable
from ..context import DataContext
from ..finding import Hit

CODE = "TD404"
NAME = "mixed-tone-style"
SEVERITY = "warning"
NEEDS_PLAN = False

# Words with a tone on the o/u or on the a/e/y of an oa/oe/uy pair: a quick
# filter before the syllable is taken apart.
_CANDIDATE = re.compile(
    r"(?<!\w)\w*(?:[òóỏõọ][ae]|o[àáảãạèéẻẽẹ]|[ùúủũụ]y|u[ỳýỷỹỵ])(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Use:
    path: Path_
    start: int
    word: str
    style: syllable.Style
    located: bool  # whether offsets point into the file (the value was NFC)


def check(ctx: DataContext) -> Iterator[Hit]:
    uses: dict[tuple[str, str], list[_Use]] = {}
    for path, text, nfc in ctx.nfc_strings:
        for match in _CANDIDATE.finditer(text):
            word = match.group()
            key, style = syllable.key(word), syllable.style(word)
            if key is not None and style is not None:
                uses.setdefault(key, []).append(_Use(path, match.start(), word, style, nfc))
    for group in uses.values():
        old = [u for u in group if u.style == "old"]
        new = [u for u in group if u.style == "new"]
        if not old or not new:
            continue
        # The less used style is the odd one; on a tie, the style met second.
        if len(old) != len(new):
            odd, usual = (old, new) if len(old) < len(new) else (new, old)
        else:
            odd, usual = (new, old) if group[0].style == "old" else (old, new)
        for use in odd:
            yield Hit(use.path, "textrule.mixed-tone-style",
                      {"word": use.word, "other": usual[0].word, "count": len(usual)},
                      hint="textrule.mixed-tone-style_hint",
                      hint_args={"suggestion": syllable.restyle(use.word)},
                      span=(use.start, use.start + len(use.word)) if use.located else None)
