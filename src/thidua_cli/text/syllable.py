"""Vietnamese syllables: where the tone mark sits, and whether a word is one.

Two tone-mark placements are in use for the open syllables ending in ``oa``,
``oe`` and ``uy``: the old style marks the first vowel (``hòa``, ``khỏe``,
``thủy``), the new style the second (``hoà``, ``khoẻ``, ``thuỷ``). With a
final consonant both styles agree (``hoàn``, ``thuyết``), and after ``qu``
the ``u`` belongs to the consonant (``quý``), so only those open syllables
have two spellings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Literal, NamedTuple

# The five tone marks as combining characters (NFD).
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
NUCLEI = ("iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|"
           "iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y")
_FINALS = "ng|nh|ch|c|m|n|p|t"
# Consonants that may start a syllable ending in oa/oe/uy; "qu" is left out on purpose.
_TWO_STYLES = re.compile(
    r"^(ngh|ng|nh|ch|gh|kh|ph|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?(oa|oe|uy)$")

Style = Literal["old", "new"]


class Syllable(NamedTuple):
    """A word split into its letters without tone, and the tone mark."""

    letters: tuple[str, ...]  # NFC, case kept, tone removed
    tone: str | None  # the combining tone mark, if any
    at: int | None  # index into ``letters`` of the letter carrying it
    tones: int  # how many tone marks the word has (a syllable has at most one)

    @property
    def bare(self) -> str:
        """The word without its tone mark, lower case."""
        return "".join(self.letters).lower()


def split(word: str) -> Syllable:
    letters: list[str] = []
    tone: str | None = None
    at: int | None = None
    tones = 0
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and letters:
            if char in TONES:
                tone, at, tones = char, len(letters) - 1, tones + 1
            else:
                letters[-1] += char
        else:
            letters.append(char)
    return Syllable(tuple(unicodedata.normalize("NFC", x) for x in letters), tone, at, tones)


def join(syllable: Syllable, at: int | None = None) -> str:
    """The word again, with its tone on letter ``at`` (default: where it was)."""
    where = syllable.at if at is None else at
    out = [letter + (syllable.tone or "") if i == where else letter
           for i, letter in enumerate(syllable.letters)]
    return unicodedata.normalize("NFC", "".join(out))


def is_syllable(word: str) -> bool:
    """Whether ``word`` has the shape of one Vietnamese syllable."""
    s = split(word)
    return s.tones <= 1 and bool(_syllable().match(s.bare))


@cache
def _syllable() -> re.Pattern[str]:
    # Compiled when first needed: a third of a millisecond, and most files
    # never ask (only words suspect of a legacy encoding are tested).
    return re.compile(f"^(?:{_INITIALS})?(?:{NUCLEI})(?:{_FINALS})?$")


def style(word: str) -> Style | None:
    """``old`` for ``hòa``, ``new`` for ``hoà``; None when the word has one spelling."""
    s = split(word)
    if s.tone is None or s.tones != 1 or s.at is None:
        return None
    match = _TWO_STYLES.match(s.bare)
    if match is None:
        return None
    first = len(match.group(1) or "")
    if s.at == first:
        return "old"
    if s.at == first + 1:
        return "new"
    return None


def restyle(word: str) -> str:
    """The same word in the other tone-mark style (``hoà`` → ``hòa``)."""
    current = style(word)
    if current is None:
        return word
    s = split(word)
    assert s.at is not None
    return join(s, s.at + 1 if current == "old" else s.at - 1)


def key(word: str) -> tuple[str, str] | None:
    """What two spellings of one word share: the bare letters and the tone."""
    if style(word) is None:
        return None
    s = split(word)
    return (s.bare, s.tone or "")
