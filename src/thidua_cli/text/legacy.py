"""Text typed in TCVN3 (ABC) or VNI and pasted as if it were Windows-1252.

Such text is made of Latin-1 characters ("Uû ban nh©n d©n"). A word is taken
for legacy text when it is not a Vietnamese syllable as it stands but becomes
one when decoded: genuine Vietnamese words are syllables already, so they are
never "decoded", and foreign words (München) rarely decode into syllables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from typing import NamedTuple

from .syllable import NUCLEI, is_syllable

ENCODINGS = ("TCVN3", "VNI")
# Latin-1 letters that Vietnamese itself uses: their presence proves nothing.
_VIETNAMESE_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7])+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")
_MICRO_UNIT = re.compile(r"^µ[b-df-hj-np-tv-z]{1,2}$")


class Guess(NamedTuple):
    encoding: str  # TCVN3 or VNI
    words: int  # how many words decode into Vietnamese
    decoded: str  # the whole text, decoded


@cache
def _tables() -> dict[str, dict[str, str]]:
    from ..tables import TABLES  # data/legacy.toml

    data = TABLES["legacy"]
    return {"TCVN3": data["tcvn3"], "VNI": data["vni"]}


@cache
def _decoder(encoding: str) -> Callable[[str], str]:
    table = _tables()[encoding]
    # Longest first, so that VNI's "ôù" (ớ) wins over its "ô" (ơ).
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return lambda text: pattern.sub(lambda m: table[m.group()], text)


@cache
def _suspects() -> frozenset[str]:
    """What makes text suspect of being legacy (``suspects_of``): computed from
    the tables when ``tables.py`` is generated, not on every run (it was a
    fiftieth of a one-plan lint)."""
    from ..tables import LEGACY_SUSPECTS

    return frozenset(LEGACY_SUSPECTS)


def suspects_of(tables: dict[str, dict[str, str]]) -> tuple[str, ...]:
    """What makes text suspect of being legacy: a Latin-1 character that
    Vietnamese does not use, or a VNI letter pair that no Vietnamese syllable
    contains ("aâ", "où"; not "oà", which "hoà" has). ``tables`` as
    ``data/legacy.toml`` has them; longest first, as ``_suspect`` tries them.
    """
    found: set[str] = set()
    genuine = _genuine_pairs()
    for table in tables.values():
        for k in table:
            if (len(k) > 1 and k not in genuine) or (len(k) == 1 and k not in _VIETNAMESE_LATIN1):
                found.add(k)
    return tuple(sorted(found, key=lambda k: (-len(k), k)))


@cache
def _suspect() -> re.Pattern[str]:
    """A quick test for a text value that might be legacy (``_suspects``)."""
    from ..tables import LEGACY_SUSPECTS

    # Literal alternatives only: the regex engine then skips ahead on their first
    # characters (4-5 times faster than a character class here).
    return re.compile("|".join(re.escape(k) for k in LEGACY_SUSPECTS))


def suspect_anywhere(text: str) -> bool:
    """Whether a suspect (``_suspects``) occurs anywhere in ``text``: one search of
    a whole file, as ``_suspect`` would find one in any part of it.

    Every suspect is made of Latin-1 characters, so the text's Latin-1 ones are
    looked at alone, as bytes where each is one byte marked by its part in a
    suspect: a suspect letter by itself, or the first or second of a pair. The
    regular expression below cost some 200 instructions a character (a sixteenth
    of linting a small plan, every one of which has this test), these bytes'
    copies a few. Leaving the other characters out can only make pairs, never
    part one: a pair found in the bytes is checked in the text itself.
    """
    latin1 = text.encode("latin-1", "ignore")
    single, pairs, marks = _marks()
    marked = latin1.translate(marks)
    if single in marked:
        return True
    at = marked.find(b"FS")
    while at >= 0:
        if latin1[at:at + 2] in pairs:
            return _suspect_in_long_text().search(text) is not None
        at = marked.find(b"FS", at + 1)
    return False


@cache
def _marks() -> tuple[bytes, frozenset[bytes], bytes]:
    """``suspect_anywhere``'s mark of a single suspect, the pairs as bytes, and
    the table that marks each Latin-1 byte: ``!`` a single suspect, ``F`` the
    first of a pair, ``S`` the second, ``.`` anything else."""
    singles = {k for k in _suspects() if len(k) == 1}
    pairs = frozenset(k.encode("latin-1") for k in _suspects() if len(k) == 2)
    firsts = {p[0] for p in pairs}
    seconds = {p[1] for p in pairs}
    # No letter is both first and second (Latin-1's vowels with a mark come
    # second, plain ASCII vowels and VNI's ô first). A single suspect in a pair
    # (ö, ü) is marked a single: found alone, its pairs need no looking for.
    assert not firsts & seconds
    table = bytearray(b"." * 256)
    for b in firsts:
        table[b] = ord("F")
    for b in seconds:
        table[b] = ord("S")
    for c in singles:
        table[ord(c)] = ord("!")
    return b"!", pairs, bytes(table)


@cache
def _suspect_in_long_text() -> re.Pattern[str]:
    # On a long text the alternatives above try every pair at each vowel (some
    # 60 ms for an 800 KB plan). Here a pair is looked for at its last letter,
    # the rarer one, and then behind it: about six times faster.
    by_length: dict[int, set[str]] = {}
    for k in _suspects():
        by_length.setdefault(len(k), set()).add(k)
    parts = []
    for size, keys in sorted(by_length.items()):
        last = "".join(sorted({k[-1] for k in keys}))
        if size == 1:
            parts.append(f"[{re.escape(last)}]")
        else:
            behind = "|".join(re.escape(k) for k in sorted(keys))
            parts.append(f"[{re.escape(last)}](?<={behind})")
    return re.compile("|".join(parts))


def _genuine_pairs() -> set[str]:
    """Every two letters that a Vietnamese syllable's vowels can show, in any case."""
    lower: set[str] = set()
    first: set[str] = set()
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    for nucleus in NUCLEI.split("|"):
        # "qu" and "gi" put a u or an i before the vowels ("quá", "già").
        for glide in ("", "u", "i"):
            for at in _tone_places(nucleus):
                letters = glide + nucleus
                at += len(glide)
                for tone in tones:
                    word = unicodedata.normalize("NFC", letters[:at + 1] + tone + letters[at + 1:])
                    lower.update(word[i:i + 2] for i in range(len(word) - 1))
                    first.add(word[:2])
    # The word in capitals and capitalized has the same pairs in those cases (each
    # Vietnamese letter has one capital): built from the lower-case pairs, this
    # takes half the time of every spelling's own (it is part of each run's start).
    return (lower | {pair.upper() for pair in lower}
            | {pair.capitalize() for pair in first if len(pair) == 2})


def _tone_places(nucleus: str) -> list[int]:
    """Where the tone mark may sit: the marked vowel (â, ơ, ...), else the main one;
    either of oa, oe, uy, oo (old and new style, and before a final consonant)."""
    marked = [i for i, c in enumerate(nucleus) if c in "ăâêôơư"]
    if marked:
        return [marked[-1]]
    if nucleus in ("oa", "oe", "uy", "oo"):
        return [0, 1]
    return [1] if len(nucleus) == 3 else [0]


@lru_cache(maxsize=1 << 16)  # words repeat: each is judged once
def _legacy_word(word: str, encoding: str) -> bool:
    """Whether ``word`` is not Vietnamese but its decoding is."""
    # A lone symbol ("©", "×") is not a word, whatever it decodes to;
    # nor is a unit with the micro sign ("µm", "µg").
    if not _ASCII_LETTER.search(word) or _MICRO_UNIT.match(word) or is_syllable(word):
        return False
    decoded = decode(word, encoding)
    return decoded != word and is_syllable(decoded)


def decode(text: str, encoding: str) -> str:
    """``text`` read as ``encoding`` mojibake, in Unicode."""
    return _decoder(encoding)(text)


def suspect(text: str) -> bool:
    """Whether ``text`` has anything legacy text would have (``guess`` is None
    without it). Values joined by a space: whether any of them has."""
    return _suspect().search(text) is not None


def guess(text: str) -> Guess | None:
    """The legacy encoding ``text`` looks like, if any, with its decoding."""
    if not _suspect().search(text):
        return None
    suspects = [m.group() for m in _WORD.finditer(text) if _suspect().search(m.group())]
    best: Guess | None = None
    for encoding in ENCODINGS:
        words = sum(1 for word in suspects if _legacy_word(word, encoding))
        if words and (best is None or words > best.words):
            best = Guess(encoding, words, _decode_suspects(text, encoding))
    return best


def _decode_suspects(text: str, encoding: str) -> str:
    """``text`` decoded, sparing the words that are Unicode Vietnamese already.

    Text with letters that no legacy encoding produces (ố, ư, đ: beyond
    Latin-1) mixes Unicode with pasted legacy words; only the words that are
    not syllables are decoded then. Text without any is decoded whole, so that
    legacy words which happen to look like syllables ("tõ" for "từ") are too.
    """
    if not _BEYOND_LATIN1.search(text):
        return decode(text, encoding)
    return _WORD.sub(lambda m: m.group() if is_syllable(m.group())
                     else decode(m.group(), encoding), text)
