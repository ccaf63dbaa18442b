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
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from ...text import syllable
from ..context import DataContext
from ..finding import Hit

CODE = "TD404"
NAME = "mixed-tone-style"
SEVERITY = "warning"
NEEDS_PLAN = False



def _toned_pairs() -> list[str]:
    """oa, oe, uy with a tone on either letter, in every case: "òa", "oÀ", "Uỷ", ..."""
    out = []
    for first, seconds in (("o", "ae"), ("u", "y")):
        for second in seconds:
            for tone in syllable.TONES:
                for a, b in ((first + tone, second), (first, second + tone)):
                    for x in (a, a.upper()):
                        for y in (b, b.upper()):
                            out.append(unicodedata.normalize("NFC", x + y))
    return out


def _letters(base: str) -> str:
    """``base`` bare and with each tone, in both cases: ``oòóỏõọOÒÓỎÕỌ``."""
    return "".join(unicodedata.normalize("NFC", case + tone)
                   for case in (base, base.upper()) for tone in ("", *sorted(syllable.TONES)))


# A toned oa/oe/uy pair ending a word: a quick test before the syllable is taken
# apart. A candidate is an o or u (toned or not) and a letter that can follow
# it in a pair, ending a word; it is a pair when ``_PAIRS`` holds it (the
# candidates add oa, oe, uy without a tone and pairs with two). One class
# first, so that the regex engine skips ahead to an o or a u: an alternative
# for each pair (120 of them) tried one by one at every o and u took twice
# the time (``tests/test_text_rules.py`` holds the two to the same words).
_O, _U = _letters("o"), _letters("u")
_CANDIDATE = re.compile(f"[{_O}{_U}](?:(?<=[{_O}])[{_letters('a')}{_letters('e')}]"
                        f"|(?<=[{_U}])[{_letters('y')}])(?!\\w)")
_PAIRS = frozenset(_toned_pairs())


class _Use(NamedTuple):
    value: int  # the index of its value in ``DataContext.nfc_strings``
    start: int
    word: str
    style: syllable.Style


def _words(text: str) -> Iterator[tuple[str, int]]:
    """The words of ``text`` that end in a toned oa/oe/uy pair, with their offsets."""
    for match in _CANDIDATE.finditer(text):
        if match.group() not in _PAIRS:
            continue
        start = match.start()
        while start and text[start - 1].isalnum():  # back to the start of the word
            start -= 1
        yield text[start:match.end()], start


@lru_cache(maxsize=1 << 14)
def _spelling(word: str) -> tuple[tuple[str, str], syllable.Style] | None:
    key, style = syllable.key(word), syllable.style(word)
    return (key, style) if key is not None and style is not None else None


def check(ctx: DataContext) -> Iterator[Hit]:
    uses: dict[tuple[str, str], list[_Use]] = {}
    # The words of every value, found in the values joined (``Joined``): a word
    # never runs across the space between two values.
    # A value's path is looked up only for a hit: most files have none.
    joined = ctx.nfc_joined
    for word, offset in _words(joined.text):
        info = _spelling(word)
        if info is not None:
            index, start = joined.locate(offset)
            uses.setdefault(info[0], []).append(_Use(index, start, word, info[1]))
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
            # Offsets point into the file only if the value was NFC.
            path, _, located = ctx.nfc_strings[use.value]
            yield Hit(path, "textrule.mixed-tone-style",
                      {"word": use.word, "other": usual[0].word, "count": len(usual)},
                      hint="textrule.mixed-tone-style_hint",
                      hint_args={"suggestion": syllable.restyle(use.word)},
                      span=(use.start, use.start + len(use.word)) if located else None)
