"""Known misspellings (``data/misspellings.toml``), matched on whole words.

One regular expression holds every wrong phrase; a match is a whole phrase
(no letter just before or after it), its words separated by any white space,
in any case. The correction keeps the case of each word as written and the
white space between the words, so a fix does not move line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import NamedTuple

_PREVIOUS = re.compile(r"(\w+)\s+$")
_NEXT = re.compile(r"\s+(\w+)")
_SPACE = re.compile(r"(\s+)")


class Entry(NamedTuple):
    wrong: str
    right: str
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()


class Match(NamedTuple):
    start: int
    end: int
    text: str  # as written
    right: str  # the correction, in the case of ``text``


@cache
def entries() -> dict[str, Entry]:
    """The word list, by wrong phrase (lower case, single spaces)."""
    from ..tables import TABLES  # data/misspellings.toml

    out: dict[str, Entry] = {}
    for item in TABLES["misspellings"]["word"]:
        entry = Entry(item["wrong"], item["right"], frozenset(item.get("not_after", ())),
                      frozenset(item.get("not_before", ())))
        out[key(entry.wrong)] = entry
    return out


@cache
def _pairs() -> frozenset[tuple[str, str]]:
    """The first two words of every phrase: a cheap test before the expression."""
    return frozenset(tuple(p.split()[:2]) for p in entries())  # type: ignore[misc]


# What the quick tests read as a word: what ``_pattern``'s whole-word test
# reads, a run of word characters; any other character (punctuation, «, »,
# a line break) ends it.
_WORD = re.compile(r"\w+")
# The characters ``re.IGNORECASE`` takes for a letter of a phrase though
# ``str.lower`` does not make them that letter (ſ for s, ı and İ for i; İ also
# lowers to two characters): text holding one is searched with the expression
# itself. ``tests/test_text.py`` recomputes them over all of Unicode.
_UNUSUAL = "\u0130\u0131\u017f"


def _unusual(text: str) -> bool:
    # Three searches for one character each: a tenth of a character class's time.
    return any(c in text for c in _UNUSUAL)


def might_occur(text: str) -> bool:
    """False when ``find`` gives nothing for ``text`` nor for any part of it
    between white space (the values of a file, joined by a space): no phrase's
    first two words stand one after the other in its lower case, each a whole
    word and white space between them, as ``_pattern`` reads them. Most files
    hold none of the phrases, and a pass over the whole file then replaces a
    call for each of its values: a search for each pair whose two words are
    both in the text (as any part of it: a substring search in C, where
    splitting the text into a set of its words made an object for each of
    them and cost a quarter more).
    """
    if _unusual(text):
        return True
    lowered = text.lower()
    return any(first in lowered and second in lowered
               and _adjacent(first, second).search(lowered) is not None
               for first, second in _pairs())


def searched(values: list[str]) -> str:
    """What ``might_occur`` needs to read of a file's values: each value once,
    and only those that hold white space, joined by a space.

    Every phrase has two words or more with white space between them, so a
    value without white space holds none, nor can a value searched twice
    give another answer. On a plan, a third of the values are ids, dates and
    codes and a quarter are repeated (a member's name, its short name): each
    word searched for in what is left reads 40% fewer characters. ``' '`` is
    the one white space character ``str.isprintable`` passes
    (``tests/test_text_prefilters.py`` holds that over all of Unicode), so a
    value with neither a space nor an unprintable character has none.
    """
    return " ".join([value for value in dict.fromkeys(values)
                     if " " in value or not value.isprintable()])


@cache
def _adjacent(first: str, second: str) -> re.Pattern[str]:
    """For a pair of ``_pairs``: its words one after the other in lower case, as
    whole words with white space between them. It starts with its first word,
    which the regex engine then looks for alone, skipping ahead. Compiled for
    the pairs a run meets (both words in a file), not for all of them."""
    return re.compile(f"{re.escape(first)}(?<!\\w{re.escape(first)})"
                      f"\\s+{re.escape(second)}(?!\\w)")


def _might_contain(text: str) -> bool:
    """False when ``find`` gives nothing for ``text``: no phrase's first two
    words are words one after the other in it (a test in lower case that
    passes everything the expression could match)."""
    if _unusual(text):
        return True
    pairs = _pairs()
    return any(pair in pairs for pair in pairwise(_WORD.findall(text.lower())))


@cache
def _pattern() -> re.Pattern[str]:
    phrases = sorted(entries(), key=len, reverse=True)
    alternatives = (r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


# The letters of ``_UNUSUAL`` as the expression reads them.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def key(phrase: str) -> str:
    """A phrase compared without case or spacing, as the expression compares
    it: ``Bổ  xung`` → ``bổ xung``, ``ſát nhập`` → ``sát nhập``."""
    return " ".join(phrase.split()).translate(_FOLD).lower()


def find(text: str) -> Iterator[Match]:
    """Every known misspelling in ``text`` (NFC), in order."""
    if not _might_contain(text):
        return
    for m in _pattern().finditer(text):
        entry = entries()[key(m.group())]
        before = _PREVIOUS.search(text, 0, m.start())
        if before and key(before.group(1)) in entry.not_after:
            continue
        after = _NEXT.match(text, m.end())
        if after and key(after.group(1)) in entry.not_before:
            continue
        yield Match(m.start(), m.end(), m.group(), _recase(m.group(), entry.right))


def correct(text: str, only: frozenset[str] | None = None) -> str:
    """``text`` with its misspellings corrected.

    ``only`` limits the corrections to these phrases (as ``key`` gives them).
    """
    out: list[str] = []
    last = 0
    for match in find(text):
        if only is not None and key(match.text) not in only:
            continue
        out.append(text[last:match.start])
        out.append(match.right)
        last = match.end
    out.append(text[last:])
    return "".join(out)


def _recase(written: str, right: str) -> str:
    """``right`` in the case of ``written``, word by word, keeping its spacing."""
    parts = _SPACE.split(written)
    words = right.split()
    if len(words) != len(parts[::2]):
        return right
    for i, (have, want) in enumerate(zip(parts[::2], words, strict=True)):
        if have.isupper():
            want = want.upper()
        elif have[:1].isupper():
            want = want[:1].upper() + want[1:]
        parts[2 * i] = want
    return "".join(parts)
