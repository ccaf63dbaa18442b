"""Vietnamese collation: the order Vietnamese dictionaries sort words in.

The rules are those of the Vietnam Lexicography Centre (Vũ Xuân Lương,
"Quy tắc sắp xếp từ điển", as published on vietunicode.sourceforge.net):

1. Letters in the order ``a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t
   u ư v w x y z``: ``ă`` and ``â`` are letters of their own after ``a``,
   ``đ`` after ``d`` (not a ``d`` with a mark: Unicode gives it no
   decomposition, so it is handled here explicitly).
2. Tones in the order ngang (none), huyền, hỏi, ngã, sắc, nặng:
   ``a à ả ã á ạ``.
3. Letters first, tones second, syllable by syllable from the left: ``ác``
   comes after ``ạ`` (letters ``ac`` > ``a``), and ``a dua`` before ``à`` (the
   first syllables differ in tone only, and that decides).
4. Lower case before upper case, only when everything else is equal.

This differs from ICU/CLDR's ``vi`` collation, which compares the letters of
the whole string before any tone (it puts ``Bà Rịa`` before ``Ba Vì``);
dictionaries, and the lists people read them from, go syllable by syllable.
A syllable's tone is its one tone mark wherever it sits, so the two placement
styles (``hòa``/``hoà``, ``Ủy``/``Uỷ``) sort alike. Spaces, hyphens and other
punctuation only separate syllables. Digits sort before letters; letters
outside the Vietnamese alphabet after ``z``, by code point.

A run of ASCII digits is one unit compared by its value (natural order):
``Thành viên m2`` before ``m10``, as a bloc numbers its units, where digit by
digit put ``m10`` first. The dictionary rules say nothing of numbers; equal
values (``m02``, ``m2``) are then told apart by the text itself. Other
digits (full-width, Arabic-Indic) stay one unit each, and Roman numerals are
letters (``khu vực IX`` before ``khu vực V``).
"""

from __future__ import annotations

import unicodedata
from functools import cache

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Combining marks of the five tones, in dictionary order after ngang (0).
TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_DIGIT_BASE = 0
_LETTER_BASE = 100
_OTHER_BASE = 1000
_ASCII_DIGITS = frozenset("0123456789")

#: One unit of a syllable: ``(rank,)`` for a letter (or another character),
#: ``(_DIGIT_BASE, length, digits)`` for a number, its leading zeros left out,
#: so numbers compare by length, then digit by digit: by value, whatever their
#: size (no ``int``: 5,000 digits would pass Python's limit of 4,300).
Unit = tuple[int] | tuple[int, int, str]
SyllableKey = tuple[tuple[Unit, ...], int]
SortKey = tuple[tuple[SyllableKey, ...], tuple[bool, ...], str]


@cache
def _letter(char: str) -> tuple[int, int] | None:
    """``(letter rank, tone)`` of one character, or ``None`` for a separator."""
    lower = char.lower()
    decomposed = unicodedata.normalize("NFD", lower)
    tone = 0
    base = ""
    for c in decomposed:
        if c in TONE_MARKS:
            tone = TONE_MARKS[c]
        else:
            base += c
    letter = unicodedata.normalize("NFC", base)
    if len(letter) == 1:
        rank = ALPHABET.find(letter)
        if rank >= 0:
            return _LETTER_BASE + rank, tone
        if letter.isdigit():
            return _DIGIT_BASE + (unicodedata.digit(letter, 0)), 0
        if letter.isalpha():
            return _OTHER_BASE + ord(letter), tone
    if lower.isalnum():
        return _OTHER_BASE + ord(lower), 0
    return None


def _number(digits: str) -> Unit:
    """A run of ASCII digits as one unit, ordered by its value."""
    value = digits.lstrip("0") or "0"
    return _DIGIT_BASE, len(value), value


def _unit(rank: int) -> Unit:
    """A letter's rank as a unit; another digit (``١``, ``２``) is a number of its own."""
    if rank < _LETTER_BASE:
        return _DIGIT_BASE, 1, str(rank - _DIGIT_BASE)
    return (rank,)


def sort_key(text: str) -> SortKey:
    """A key that sorts Vietnamese text in dictionary order (see the module docstring)."""
    text = unicodedata.normalize("NFC", text)
    syllables: list[SyllableKey] = []
    letters: list[Unit] = []
    tone = 0
    cases: list[bool] = []
    digits = ""
    for char in text:
        if char in _ASCII_DIGITS:
            digits += char
            continue
        if digits:
            letters.append(_number(digits))
            digits = ""
        found = _letter(char)
        if found is None:
            if letters:
                syllables.append((tuple(letters), tone))
                letters, tone = [], 0
            continue
        rank, mark = found
        letters.append(_unit(rank))
        tone = max(tone, mark)
        cases.append(char != char.lower())
    if digits:
        letters.append(_number(digits))
    if letters:
        syllables.append((tuple(letters), tone))
    return tuple(syllables), tuple(cases), text


def sorted_vi(items: list[str]) -> list[str]:
    """``items`` in Vietnamese dictionary order."""
    return sorted(items, key=sort_key)
